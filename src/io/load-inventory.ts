/**
 * Loading an inventory (spec section 2): read the folder, parse each CSV, map headers, apply `--set`
 * changes, check every row with its zod schema (schemas.ts), then every rule across rows and files.
 * Every problem is collected and reported as `FILE:LINE:COLUMN: what is wrong (expected, found)`, with
 * LINE as a spreadsheet shows it (header = 1); the engine only ever sees a valid `Inventory`.
 *
 * Cascade guard (assumption A-30): a row that failed its schema still registers the names it
 * carries (its key, its references), and figures that depend on a failed or duplicate row (an nPar's
 * installed cores, a node's package load, …) are not checked, so one mistake is reported once.
 */
import { createHash } from 'node:crypto';
import { basename, join, resolve } from 'node:path';
import type {
  Cell,
  Cluster,
  Complex,
  Dependency,
  GicapGroup,
  GroupManager,
  Inventory,
  NodeCapacity,
  Package,
  PackageWeight,
} from '../domain/types.js';
import { inputError } from '../errors.js';
import { applyChanges, type RawTables } from './apply-changes.js';
import { emptyTable, readTable, type TableState } from './table.js';
import { echoName } from './echo.js';
import { Problems } from './problems.js';
import { listEntries, notAFile, pathKind, readText } from './read-text.js';
import { checkRows, str } from './rows.js';
import { ROW_SCHEMAS, type NParRow, type VParRow } from './schemas.js';
import { closestName, editDistance } from '../text/names.js';
import { checkClusters } from './rules/clusters.js';
import { checkPolicies } from './rules/policies.js';
import {
  COLUMNS,
  INVENTORY_FILES,
  REQUIRED_COLUMNS,
  REQUIRED_FILES,
  type InventoryFileName,
} from '../domain/inventory-files.js';
import { byKeys } from '../text/order.js';
import { accepted, refused, type Checked } from '../domain/checked.js';
import { cascadeGuard, type AllRows } from './rules/cascade.js';
import { checkComplexesAndGroups, checkComplexRights } from './rules/complexes.js';
import { checkManagers } from './rules/managers.js';
import { checkPackages } from './rules/packages.js';
import { checkPartitions } from './rules/partitions.js';

// ---------------------------------------------------------------------------------------------
// Step 1: CSV text → raw tables (header mapped to known columns)

function readInventoryTable(
  file: InventoryFileName,
  text: string | undefined,
  name: string,
  problems: Problems,
): TableState {
  if (text !== undefined) {
    return readTable(
      file,
      text,
      { known: COLUMNS[file], required: REQUIRED_COLUMNS[file] },
      problems,
    );
  }
  if (REQUIRED_FILES.includes(file)) {
    problems.line(file, 0, `required file missing (expected ${file} in ${name})`);
    return { table: emptyTable(file), usable: false, delimiter: ',' };
  }
  return { table: emptyTable(file), usable: true, delimiter: ',' };
}

export function inventorySha256(
  files: Readonly<Partial<Record<InventoryFileName, string>>>,
): string {
  const hash = createHash('sha256');
  for (const file of INVENTORY_FILES) {
    const text = files[file];
    if (text === undefined) continue;
    hash.update(`${file}\n`, 'utf8');
    hash.update(text, 'utf8');
    hash.update('\n', 'utf8');
  }
  return hash.digest('hex');
}

/** Pure: validate file texts (undefined = file absent) into an Inventory, or every problem as lines. */
export function parseInventory(
  name: string,
  files: Readonly<Partial<Record<InventoryFileName, string>>>,
  changes: readonly string[] = [],
): Checked<Inventory> {
  const problems = new Problems(INVENTORY_FILES, (file) => COLUMNS[file]);

  // Step 1: CSV and headers.
  const states = {} as Record<InventoryFileName, TableState>;
  for (const file of INVENTORY_FILES)
    states[file] = readInventoryTable(file, files[file], name, problems);

  // `--set` edits the raw rows before any row is checked.
  const changed = applyChanges(
    Object.fromEntries(INVENTORY_FILES.map((f) => [f, states[f].table])) as RawTables,
    changes,
  );
  for (const e of changed.errors) problems.line(null, 0, e);
  for (const file of INVENTORY_FILES) {
    problems.useColumns(file, changed.tables[file].columns);
    states[file] = { ...states[file], table: changed.tables[file] };
  }

  // Step 2: every row against its schema.
  const complexes = checkRows<Complex>(
    'complexes.csv',
    states['complexes.csv'],
    ROW_SCHEMAS['complexes.csv'],
    problems,
  );
  const cells = checkRows<Cell>(
    'cells.csv',
    states['cells.csv'],
    ROW_SCHEMAS['cells.csv'],
    problems,
  );
  const npars = checkRows<NParRow>(
    'npars.csv',
    states['npars.csv'],
    ROW_SCHEMAS['npars.csv'],
    problems,
  );
  const vpars = checkRows<VParRow>(
    'vpars.csv',
    states['vpars.csv'],
    ROW_SCHEMAS['vpars.csv'],
    problems,
  );
  const groups = checkRows<GicapGroup>(
    'groups.csv',
    states['groups.csv'],
    ROW_SCHEMAS['groups.csv'],
    problems,
  );
  const managers = checkRows<GroupManager>(
    'managers.csv',
    states['managers.csv'],
    ROW_SCHEMAS['managers.csv'],
    problems,
  );
  const packages = checkRows<Package>(
    'packages.csv',
    states['packages.csv'],
    ROW_SCHEMAS['packages.csv'],
    problems,
  );

  const clusters = checkRows<Cluster>(
    'clusters.csv',
    states['clusters.csv'],
    ROW_SCHEMAS['clusters.csv'],
    problems,
  );

  const dependencies = checkRows<Dependency>(
    'dependencies.csv',
    states['dependencies.csv'],
    ROW_SCHEMAS['dependencies.csv'],
    problems,
  );
  const capacities = checkRows<NodeCapacity>(
    'capacities.csv',
    states['capacities.csv'],
    ROW_SCHEMAS['capacities.csv'],
    problems,
  );
  const weights = checkRows<PackageWeight>(
    'weights.csv',
    states['weights.csv'],
    ROW_SCHEMAS['weights.csv'],
    problems,
  );

  // Step 3: across rows and files.
  const result = checkAcross(
    {
      complexes,
      cells,
      npars,
      vpars,
      groups,
      managers,
      packages,
      clusters,
      clustersPresent: files['clusters.csv'] !== undefined,
      policies: { dependencies, capacities, weights },
    },
    problems,
  );
  if (problems.count > 0 || result === null) return refused(problems.lines());
  return accepted({ name, sha256: inventorySha256(files), ...result });
}

type InventoryContent = Omit<Inventory, 'name' | 'sha256'>;

/**
 * Step 3, across rows and files: one module of rules per concern (src/io/rules/), in the order
 * their names are needed, under one cascade guard (assumption A-30); then the canonical order.
 */
function checkAcross(all: AllRows, problems: Problems): InventoryContent | null {
  const guard = cascadeGuard(all);
  const cx = checkComplexesAndGroups(all, guard, problems);
  const parts = checkPartitions(all, guard, problems, cx);
  checkComplexRights(all, cx.complexList, problems);
  const managers = checkManagers(all, problems, {
    groupSure: guard.groups,
    groupNames: cx.groupNames,
    knownGroups: cx.knownGroups,
    groupList: cx.groupList,
    partitionHost: parts.partitionHost,
    complexByName: cx.complexByName,
  });
  const { partitionHost } = parts;

  /** Manager hosts that are no partition: they cannot be package nodes. */
  const externalHosts = new Set<string>();
  for (const s of all.managers.seen) {
    const h = str(s.fields, 'host');
    if (h !== null && !partitionHost.has(h)) externalHosts.add(h);
  }
  const packageList = checkPackages(all, problems, {
    hostSure: guard.hosts,
    partitionHost,
    externalHosts,
    nodeActive: parts.nodeActive,
    nodeRow: parts.nodeRow,
  });
  const externalManagerSite = new Map<string, string | null>();
  for (const m of managers) {
    if (!partitionHost.has(m.host)) externalManagerSite.set(m.host, m.site);
  }
  for (const h of externalHosts) if (!externalManagerSite.has(h)) externalManagerSite.set(h, null);
  const clusterList = checkClusters(all.clustersPresent, all.clusters, problems, {
    hostSure: guard.hosts,
    partitionHost,
    complexSite: new Map(cx.complexList.map((c) => [c.v.complex, c.v.site])),
    externalManagerSite,
    packages: all.packages.valid.filter((p) => packageList.includes(p.v)),
    packagesSure: guard.packages,
  });
  const policies = checkPolicies(all.policies, problems, {
    packages: all.packages.valid.filter((p) => packageList.includes(p.v)),
    packagesSure: guard.packages,
    clusters: clusterList,
    clustersSure: guard.clusters,
  });

  if (problems.count > 0) return null;

  return {
    complexes: cx.complexList.map((c) => c.v).sort(byKeys((c) => c.complex)),
    cells: [...parts.cells].sort(
      byKeys(
        (c) => c.complex,
        (c) => c.cell,
      ),
    ),
    npars: parts.npars.sort(
      byKeys(
        (n) => n.complex,
        (n) => n.npar,
      ),
    ),
    vpars: parts.vpars.sort(
      byKeys(
        (v) => v.complex,
        (v) => v.npar,
        (v) => v.vpar,
      ),
    ),
    groups: cx.groupList.map((g) => g.v).sort(byKeys((g) => g.group)),
    managers: managers.sort(
      byKeys(
        (m) => m.group,
        (m) => m.host,
      ),
    ),
    packages: packageList.sort(byKeys((p) => p.package)),
    clusters: clusterList === null ? null : clusterList.sort(byKeys((c) => c.cluster)),
    dependencies: policies.dependencies.sort(
      byKeys(
        (d) => d.package,
        (d) => d.dependsOn,
      ),
    ),
    capacities: policies.capacities.sort(
      byKeys(
        (c) => c.node,
        (c) => c.capacity,
      ),
    ),
    weights: policies.weights.sort(
      byKeys(
        (w) => w.package ?? '*',
        (w) => w.cluster ?? '',
        (w) => w.capacity,
      ),
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// Reading a folder

/**
 * Read the folder and call parseInventory. Throws inputError (exit 2) with every problem, including a
 * missing folder or a missing required file. File names are matched case-insensitively (assumption
 * `Complexes.csv` saved on Windows); an unknown `.csv` close to an absent inventory file
 * is reported as a likely typo rather than silently ignored.
 */
export async function loadInventory(
  dir: string,
  opts: { changes?: readonly string[] } = {},
): Promise<Inventory> {
  return checkFolder(await readFolder(dir), opts.changes ?? []);
}

/**
 * With `--set`: the estate as changed and as it is, from one reading of the folder (the changed one
 * is checked first, so its problems are the ones reported).
 */
export async function loadInventoryWithBaseline(
  dir: string,
  changes: readonly string[],
): Promise<{ readonly changed: Inventory; readonly base: Inventory }> {
  const folder = await readFolder(dir);
  const changed = checkFolder(folder, changes);
  return { changed, base: changes.length === 0 ? changed : checkFolder(folder, []) };
}

/** An inventory folder as read: its name, the text of each inventory file, likely misnamed files. */
interface InventoryFolder {
  readonly name: string;
  readonly files: Readonly<Partial<Record<InventoryFileName, string>>>;
  readonly typos: readonly string[];
}

async function readFolder(dir: string): Promise<InventoryFolder> {
  const path = resolve(dir);
  const name = basename(path);
  const kind = await pathKind(path);
  if (kind !== 'folder') {
    const line = `${dir}: inventory folder not found (expected a folder holding ${REQUIRED_FILES.join(', ')}, found ${kind === 'file' ? 'a file' : 'nothing'})`;
    throw inputError(`${name}: 1 problem found; nothing written`, [line]);
  }
  const entries = await listEntries(path);
  const files: Partial<Record<InventoryFileName, string>> = {};
  const typos: string[] = [];
  /** Inventory file names that are there but cannot be read as a file: nothing else is judged. */
  const unreadable: string[] = [];
  for (const file of INVENTORY_FILES) {
    const entry =
      entries.find((e) => e.name === file) ?? entries.find((e) => e.name.toLowerCase() === file);
    if (entry === undefined) continue;
    const what = notAFile(entry.kind);
    if (what !== null) {
      unreadable.push(
        `${echoName(entry.name)}: not a file (expected the CSV file ${file}, found ${what})`,
      );
      continue;
    }
    try {
      files[file] = await readText(join(path, entry.name));
    } catch (err) {
      const code = (err as { code?: string }).code ?? String(err);
      unreadable.push(
        `${echoName(entry.name)}: cannot read the file (${code === 'EACCES' ? 'permission denied' : code})`,
      );
    }
  }
  if (unreadable.length > 0) {
    // Judging the other files without this one would only report its absence in other words.
    throw inputError(
      `${name}: ${unreadable.length} problem${unreadable.length === 1 ? '' : 's'} found; nothing written`,
      unreadable,
    );
  }
  for (const { name: entry, kind } of entries) {
    const lower = entry.toLowerCase();
    if (kind !== 'file' || !lower.endsWith('.csv')) continue;
    if ((INVENTORY_FILES as readonly string[]).includes(lower)) continue;
    const absent = INVENTORY_FILES.filter((f) => files[f] === undefined);
    const closest = closestName(lower, absent);
    if (closest !== null && editDistance(lower, closest) <= 2) {
      typos.push(
        `${echoName(entry)}: unknown file (expected one of ${INVENTORY_FILES.join(', ')}; closest: ${closest})`,
      );
    }
  }
  return { name, files, typos };
}

function checkFolder(folder: InventoryFolder, changes: readonly string[]): Inventory {
  const { name, files, typos } = folder;
  const result = parseInventory(name, files, changes);
  const lines = [...typos, ...(result.ok ? [] : result.errors)];
  if (lines.length > 0) {
    throw inputError(
      `${name}: ${lines.length} problem${lines.length === 1 ? '' : 's'} found; nothing written`,
      lines,
    );
  }
  if (!result.ok) throw new Error('unreachable: invalid inventory without problems');
  return result.value;
}
