/**
 * The inventory's files and columns: which files there are, which are required, each file's known
 * columns in order (also the order of error columns), the required ones and the key of a row. The
 * format itself, shared by the loader (src/io), the generator and the documentation test; the row
 * schemas that check values are src/io/schemas.ts.
 */

export const INVENTORY_FILES = [
  'complexes.csv',
  'cells.csv',
  'npars.csv',
  'vpars.csv',
  'groups.csv',
  'managers.csv',
  'packages.csv',
  'clusters.csv',
  'dependencies.csv',
  'capacities.csv',
  'weights.csv',
] as const;
export type InventoryFileName = (typeof INVENTORY_FILES)[number];

/** Files an inventory must have; the others are optional (absent = none) [spec 2]. */
export const REQUIRED_FILES: readonly InventoryFileName[] = [
  'complexes.csv',
  'cells.csv',
  'npars.csv',
  'packages.csv',
];

/** Known columns of each file, in the order the spec lists them (also the order of error columns). */
export const COLUMNS: Readonly<Record<InventoryFileName, readonly string[]>> = {
  'complexes.csv': ['complex', 'platform', 'group', 'site', 'unassigned_rights', 'ticap_minutes'],
  'cells.csv': ['complex', 'cell', 'npar', 'cores', 'active'],
  'npars.csv': ['complex', 'npar', 'host', 'rights', 'active'],
  'vpars.csv': ['complex', 'npar', 'vpar', 'cores', 'min', 'max', 'static'],
  'groups.csv': ['group', 'sharing_rights', 'held_rights'],
  'managers.csv': ['group', 'host', 'role', 'site', 'takeover'],
  'packages.csv': [
    'package',
    'cores',
    'nodes',
    'priority',
    'start_s',
    'kind',
    'vm_boot_s',
    'ticap',
    'on_start_failure',
    'auto_run',
    'failover_policy',
  ],
  'clusters.csv': ['cluster', 'nodes', 'lock', 'lock_site', 'quorum_server', 'member_timeout_s'],
  'dependencies.csv': ['package', 'depends_on', 'location'],
  'capacities.csv': ['node', 'capacity', 'value'],
  'weights.csv': ['package', 'cluster', 'capacity', 'value'],
};

/** Columns whose value is required on every row, so the header must have them. */
export const REQUIRED_COLUMNS: Readonly<Record<InventoryFileName, readonly string[]>> = {
  'complexes.csv': ['complex'],
  'cells.csv': ['complex', 'cell', 'cores'],
  'npars.csv': ['complex', 'npar', 'rights'],
  'vpars.csv': ['complex', 'npar', 'vpar', 'cores'],
  'groups.csv': ['group', 'sharing_rights'],
  'managers.csv': ['group', 'host', 'role'],
  'packages.csv': ['package', 'cores', 'nodes'],
  'clusters.csv': ['cluster', 'nodes'],
  'dependencies.csv': ['package', 'depends_on'],
  'capacities.csv': ['node', 'capacity', 'value'],
  'weights.csv': ['package', 'capacity', 'value'],
};

/** The columns that identify a row: `--set FILE.KEY.COLUMN` joins them with `/` (spec 6). */
export const KEY_COLUMNS: Readonly<Record<InventoryFileName, readonly string[]>> = {
  'complexes.csv': ['complex'],
  'cells.csv': ['complex', 'cell'],
  'npars.csv': ['complex', 'npar'],
  'vpars.csv': ['complex', 'npar', 'vpar'],
  'groups.csv': ['group'],
  'managers.csv': ['group', 'host'],
  'packages.csv': ['package'],
  'clusters.csv': ['cluster'],
  'dependencies.csv': ['package', 'depends_on'],
  'capacities.csv': ['node', 'capacity'],
  'weights.csv': ['package', 'cluster', 'capacity'],
};
