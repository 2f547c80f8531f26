/**
 * The inventory's files, their columns and the zod schema of one row of each (spec section 2).
 * A row arrives as column → trimmed text (`undefined` when the cell is empty: "not given"); the schema
 * checks every type and default of that one row and returns the domain shape. Rules that need other
 * rows or other files live in load-inventory.ts (style.md practice 4).
 *
 * Every zod issue message is the user-facing text after `FILE:LINE:COLUMN: `, in the form
 * `what is wrong (expected …, found …)`.
 */
import { z } from 'zod';
import type {
  Cell,
  Cluster,
  Complex,
  Dependency,
  NodeCapacity,
  PackageWeight,
  GicapGroup,
  GroupManager,
  NPartition,
  Package,
  VPar,
} from '../domain/types.js';
import { BOUNDS, formatBound } from '../domain/bounds.js';
import { echo } from './echo.js';
import {
  check,
  id,
  ID_EXPECTED,
  ID_PATTERN,
  missingValue,
  nameList,
  oneOf,
  seconds,
  wholeNumber,
  withDefault,
  yesNo,
} from './fields.js';
import { compareText } from '../text/order.js';

/** One row as read: column (lower case) → trimmed cell text, `undefined` when empty. */
export type RawValues = Readonly<Record<string, string | undefined>>;

/**
 * Serviceguard package priority: 1–3000 or `no_priority` (null), lower = higher priority [C9].
 * `no_priority` is matched ignoring case, like every enum (assumption A-31).
 */
const priority = check('a whole number from 1 to 3000 or no_priority', (s) => {
  if (s.toLowerCase() === 'no_priority') return true;
  if (!/^\d+$/.test(s)) return false;
  const n = Number(s);
  return n >= 1 && n <= 3000;
}).transform((s) => (s.toLowerCase() === 'no_priority' ? null : Number(s)));

// MEMBER_TIMEOUT: above 0, at most Serviceguard's maximum of 300 s [C12] (assumption A-24).
const memberTimeout = check('a number of seconds > 0 and at most 300', (s) => {
  if (!/^\d+(\.\d+)?$/.test(s)) return false;
  const n = Number(s);
  return n > 0 && n <= 300;
}).transform(Number);

/** A capacity or weight value: a decimal number ≥ 0 [P5, P6]. */
const amount = check('a number ≥ 0', (s) => /^\d+(\.\d+)?$/.test(s)).transform(Number);

const nodeList = nameList('host names separated by ";"', 'node');
const siteList = nameList('site names separated by ";"', 'site');

// ---------------------------------------------------------------------------------------------
// Row schemas: the `base` object checks each cell (and is what key look-ups pick from); `row`
// adds the rules within one row and maps to the domain shape.

const complexBase = z.object({
  complex: id,
  platform: withDefault(oneOf(['cellular', 'sd2'] as const), 'cellular' as const),
  group: withDefault(id, null),
  site: withDefault(id, null),
  unassigned_rights: withDefault(wholeNumber(0, BOUNDS.cores), 0),
  ticap_minutes: withDefault(wholeNumber(0, BOUNDS.ticapMinutes), 0),
});
export const complexRow = complexBase.transform((r): Complex => ({
  complex: r.complex,
  platform: r.platform,
  group: r.group,
  site: r.site,
  unassignedRights: r.unassigned_rights,
  ticapMinutes: r.ticap_minutes,
}));

const cellBase = z.object({
  complex: id,
  cell: id,
  npar: withDefault(id, null),
  cores: wholeNumber(1, BOUNDS.coresPerCell),
  active: withDefault(yesNo, true),
});
export const cellRow = cellBase.transform((r): Cell => ({
  complex: r.complex,
  cell: r.cell,
  npar: r.npar,
  cores: r.cores,
  active: r.active,
}));

/** An nPar row; `active` is null when not given (it defaults to `rights`, filled by the loader). */
export type NParRow = Omit<NPartition, 'active'> & { readonly active: number | null };
const nparBase = z.object({
  complex: id,
  npar: id,
  host: withDefault(id, null),
  rights: wholeNumber(0, BOUNDS.cores),
  active: withDefault(wholeNumber(0, BOUNDS.cores), null),
});
export const nparRow = nparBase.transform((r): NParRow => ({
  complex: r.complex,
  npar: r.npar,
  host: r.host,
  rights: r.rights,
  active: r.active,
}));

/** A vPar row; `max` is null when not given (it defaults to the nPar's installed cores). */
export type VParRow = Omit<VPar, 'max'> & { readonly max: number | null };
const vparBase = z.object({
  complex: id,
  npar: id,
  vpar: id,
  cores: wholeNumber(1, BOUNDS.cores),
  // [V1] the boot processor is always one: a vPar has at least one core.
  min: withDefault(wholeNumber(1, BOUNDS.cores), 1),
  max: withDefault(wholeNumber(1, BOUNDS.cores), null),
  static: withDefault(yesNo, false),
});
export const vparRow = vparBase
  .superRefine((r, ctx) => {
    // [V1] min ≤ cores ≤ max, each reported on the column that breaks it.
    if (r.max !== null && r.min > r.max) {
      ctx.addIssue({
        code: 'custom',
        path: ['max'],
        message: `max below min (expected at least min ${r.min}, found ${r.max})`,
      });
    } else if (r.cores < r.min) {
      ctx.addIssue({
        code: 'custom',
        path: ['cores'],
        message: `fewer cores than the vPar's min [V1] (expected at least ${r.min}, found ${r.cores})`,
      });
    } else if (r.max !== null && r.cores > r.max) {
      ctx.addIssue({
        code: 'custom',
        path: ['cores'],
        message: `more cores than the vPar's max [V1] (expected at most ${r.max}, found ${r.cores})`,
      });
    }
  })
  .transform((r): VParRow => ({
    complex: r.complex,
    npar: r.npar,
    vpar: r.vpar,
    cores: r.cores,
    min: r.min,
    max: r.max,
    static: r.static,
  }));

const groupBase = z.object({
  group: id,
  sharing_rights: wholeNumber(0, BOUNDS.cores),
  held_rights: withDefault(wholeNumber(0, BOUNDS.cores), 0),
});
export const groupRow = groupBase.transform((r): GicapGroup => ({
  group: r.group,
  sharingRights: r.sharing_rights,
  heldRights: r.held_rights,
}));

/** A manager row; `site` is the given one (the loader resolves a co-located host's site). */
const managerBase = z.object({
  group: id,
  host: id,
  role: oneOf(['active', 'standby'] as const),
  site: withDefault(id, null),
  takeover: withDefault(oneOf(['serviceguard', 'manual'] as const), 'serviceguard' as const),
});
export const managerRow = managerBase.transform((r): GroupManager => ({
  group: r.group,
  host: r.host,
  role: r.role,
  site: r.site,
  takeover: r.takeover,
}));

const packageBase = z.object({
  package: id,
  cores: wholeNumber(1, BOUNDS.cores),
  nodes: nodeList,
  priority: withDefault(priority, null),
  start_s: withDefault(seconds, 0),
  kind: withDefault(oneOf(['app', 'vm'] as const), 'app' as const),
  vm_boot_s: withDefault(seconds, null),
  ticap: withDefault(yesNo, false),
  on_start_failure: withDefault(oneOf(['halt', 'next'] as const), 'halt' as const),
  auto_run: withDefault(yesNo, true),
  failover_policy: withDefault(
    oneOf([
      'configured_node',
      'min_package_node',
      'site_preferred',
      'site_preferred_manual',
    ] as const),
    'configured_node' as const,
  ),
});
export const packageRow = packageBase
  .superRefine((r, ctx) => {
    // [S13] no published default for VM start + guest boot: a vm package must state it.
    if (r.kind === 'vm' && r.vm_boot_s === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['vm_boot_s'],
        message: missingValue(
          `a number of seconds from 0 to ${formatBound(BOUNDS.seconds)} when kind is vm`,
        ),
      });
    }
    // Assumption A-38: a boot time on an app package is a mistake (kind or column mixed up).
    if (r.kind === 'app' && r.vm_boot_s !== null) {
      ctx.addIssue({
        code: 'custom',
        path: ['vm_boot_s'],
        message: `boot time given for an app package (expected an empty cell unless kind is vm, found ${echo(String(r.vm_boot_s))})`,
      });
    }
  })
  .transform((r): Package => ({
    package: r.package,
    cores: r.cores,
    nodes: r.nodes,
    priority: r.priority,
    startS: r.start_s,
    kind: r.kind,
    vmBootS: r.vm_boot_s,
    ticap: r.ticap,
    onStartFailure: r.on_start_failure,
    autoRun: r.auto_run,
    failoverPolicy: r.failover_policy,
  }));

const LOCK_KINDS = ['none', 'disk', 'dual-disk', 'lun', 'quorum-server'] as const;
const clusterBase = z.object({
  cluster: id,
  nodes: nodeList,
  lock: withDefault(oneOf(LOCK_KINDS), 'none' as const),
  lock_site: withDefault(siteList, [] as string[]),
  quorum_server: withDefault(id, null),
  member_timeout_s: withDefault(memberTimeout, null),
});
export const clusterRow = clusterBase
  .superRefine((r, ctx) => {
    const issue = (path: string, message: string): void => {
      ctx.addIssue({ code: 'custom', path: [path], message });
    };
    const sites = echo(r.lock_site.join(';'));
    // [C4] one lock disk or LUN, in one array; a dual lock has one disk per data centre [C7].
    if ((r.lock === 'disk' || r.lock === 'lun') && r.lock_site.length > 1) {
      issue(
        'lock_site',
        `more than one site for a ${r.lock} lock (expected at most one site, found ${sites})`,
      );
    }
    if (r.lock === 'dual-disk' && r.lock_site.length !== 2) {
      issue(
        'lock_site',
        `a dual-disk lock needs two different sites, one lock disk per data centre [C7] (expected 2 sites separated by ";", found ${r.lock_site.length === 0 ? 'an empty cell' : sites})`,
      );
    }
    if (r.lock === 'quorum-server' && r.lock_site.length > 1) {
      issue(
        'lock_site',
        `more than one site for a quorum server (expected the quorum server host's site, found ${sites})`,
      );
    }
    // Assumption A-19: a lock site or quorum server on a cluster without that lock is a mix-up.
    if (r.lock === 'none' && r.lock_site.length > 0) {
      issue(
        'lock_site',
        `lock site given for a cluster without a lock (expected an empty cell when lock is none, found ${sites})`,
      );
    }
    if (r.lock === 'quorum-server' && r.quorum_server === null) {
      issue(
        'quorum_server',
        missingValue('the Quorum Server host name when lock is quorum-server'),
      );
    }
    if (r.lock !== 'quorum-server' && r.quorum_server !== null) {
      issue(
        'quorum_server',
        `quorum server given for a ${r.lock} lock (expected an empty cell unless lock is quorum-server, found ${echo(r.quorum_server)})`,
      );
    }
    if (r.quorum_server !== null && r.nodes.includes(r.quorum_server)) {
      issue(
        'quorum_server',
        `the Quorum Server must run outside the cluster it serves [C5] (expected a host that is not a node of ${r.cluster}, found ${echo(r.quorum_server)})`,
      );
    }
    // [C6] a lock disk or LUN serves at most 4 nodes; larger clusters need a Quorum Server.
    if ((r.lock === 'disk' || r.lock === 'dual-disk' || r.lock === 'lun') && r.nodes.length > 4) {
      issue(
        'lock',
        `a ${r.lock} lock is not allowed for more than 4 nodes [C6] (expected quorum-server or none for ${r.nodes.length} nodes, found ${r.lock})`,
      );
    }
  })
  .transform((r): Cluster => ({
    cluster: r.cluster,
    nodes: r.nodes,
    lock: r.lock,
    lockSites: r.lock_site,
    quorumServer: r.quorum_server,
    memberTimeoutS: r.member_timeout_s,
  }));

const dependencyBase = z.object({
  package: id,
  depends_on: id,
  location: withDefault(
    oneOf(['same_node', 'any_node', 'different_node'] as const),
    'same_node' as const,
  ),
});
export const dependencyRow = dependencyBase
  .superRefine((r, ctx) => {
    if (r.package === r.depends_on) {
      ctx.addIssue({
        code: 'custom',
        path: ['depends_on'],
        message: `a package cannot depend on itself (expected another package than ${r.package}, found ${echo(r.depends_on)})`,
      });
    }
  })
  .transform((r): Dependency => ({
    package: r.package,
    dependsOn: r.depends_on,
    location: r.location,
  }));

const capacityBase = z.object({ node: id, capacity: id, value: amount });
export const capacityRow = capacityBase.transform((r): NodeCapacity => ({
  node: r.node,
  capacity: r.capacity,
  value: r.value,
}));

/** `*` names the default weight of every package of `cluster` [P6]. */
const weightPackage = check(`${ID_EXPECTED}, or *`, (s) => s === '*' || ID_PATTERN.test(s));
const weightBase = z.object({
  package: weightPackage,
  cluster: withDefault(id, null),
  capacity: id,
  value: amount,
});
export const weightRow = weightBase
  .superRefine((r, ctx) => {
    if (r.package === '*' && r.cluster === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['cluster'],
        message: missingValue('the cluster whose default weight this is, when package is *'),
      });
    }
  })
  .transform((r): PackageWeight => ({
    package: r.package === '*' ? null : r.package,
    cluster: r.cluster,
    capacity: r.capacity,
    value: r.value,
  }));

/**
 * Row schema of each file, and its per-column field schemas (used on a row that failed, to still learn
 * its key and references so that one bad cell does not cascade into "unknown …" errors elsewhere).
 */
export const ROW_SCHEMAS = {
  'complexes.csv': { row: complexRow, fields: complexBase.shape },
  'cells.csv': { row: cellRow, fields: cellBase.shape },
  'npars.csv': { row: nparRow, fields: nparBase.shape },
  'vpars.csv': { row: vparRow, fields: vparBase.shape },
  'groups.csv': { row: groupRow, fields: groupBase.shape },
  'managers.csv': { row: managerRow, fields: managerBase.shape },
  'packages.csv': { row: packageRow, fields: packageBase.shape },
  'clusters.csv': { row: clusterRow, fields: clusterBase.shape },
  'dependencies.csv': { row: dependencyRow, fields: dependencyBase.shape },
  'capacities.csv': { row: capacityRow, fields: capacityBase.shape },
  'weights.csv': { row: weightRow, fields: weightBase.shape },
} as const;

// ---------------------------------------------------------------------------------------------
// Names

/** `a, b, c` for an error message: sorted, at most `max` names, then `…`; `none` when empty. */
export function listNames(names: Iterable<string>, max = 8): string {
  const sorted = [...new Set(names)].sort(compareText);
  if (sorted.length === 0) return 'none';
  const shown = sorted.slice(0, max).join(', ');
  return sorted.length > max ? `${shown}, …` : shown;
}
