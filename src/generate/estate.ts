/**
 * A seeded generator of realistic estates (issue 6, spec section 7), written as the CSV files of an
 * inventory folder so that anyone can reproduce a benchmark figure with `gicap generate`.
 *
 * Pure: no file system, no clock, no Math.random. The same size and seed always give byte-identical
 * files (LF line endings, every file ends with a newline); another seed gives another estate with the
 * same counts (src/generate/sizes.ts).
 *
 * What a generated estate holds (each a modelling choice, not an HP rule; the README's "Model and
 * assumptions" section repeats them):
 * - about 3/4 cellular complexes (one cell size per complex: 4 or 8 cores, 2 on older boards; 2–4
 *   cells per nPar, at most 16 per complex) and 1/4 Superdome 2 (8-core blades as cells, 1–2 per
 *   nPar, at most 8 per complex); now and then an inactive cell (UONB = n) or an unassigned cell;
 * - most nPars run at 40–75 % of their installed cores and keep the rest as inactive (iCAP) cores
 *   for failover; some are fully active, a few are standbys at one core per active cell; rights
 *   usually equal active, now and then a right or two more;
 * - vPars on a fixed number of nPars (2–6 each), about 1 in 10 static;
 * - most complexes in a GiCAP group, whose members alternate over a pair of sites (now and then a
 *   third site); a few standalone; some complexes with unassigned rights, a few with a TiCAP balance
 *   (quarter units of 43,200 core-minutes), most standalone ones with both;
 * - per group one active and one standby Group Manager, each either an external host (gm01, with a
 *   site) or co-located on a partition of a member complex; about 1 standby in 3 takes over by hand;
 * - sharing rights per group usually equal to what the group requires [G1], about 1 group in 5 a
 *   few short (non-compliant), now and then a few spare; held rights in about half the groups;
 * - packages on 1–3 nodes with headroom-checked adoptives (src/generate/workload.ts), about 5 %
 *   Integrity VM guests, about 10 % allowed to use TiCAP (most on standalone complexes).
 */
import type { ManagerRole, TakeoverMode } from '../domain/types.js';
import { buildClusters, type ClusterDraft } from './clusters.js';
import { buildPolicies, type PoliciesDraft } from './policies.js';
import type { ComplexDraft, EstateHardware } from './hardware.js';
import { buildHardware, pad } from './hardware.js';
import type { Rng } from './prng.js';
import { createRng } from './prng.js';
import type { EstateSize } from './sizes.js';
import { ESTATE_SIZES } from './sizes.js';
import type { NodeDraft, PackageDraft } from './workload.js';
import { buildWorkload, listNodes } from './workload.js';
import { toCsv } from '../text/csv.js';
import type { InventoryFileName } from '../domain/inventory-files.js';

/** TiCAP balances held by a complex: multiples of a quarter unit (1 unit = 43,200 core-minutes [T1]). */
const TICAP_BALANCES = [10_800, 21_600, 43_200, 86_400, 129_600] as const;
/** Share of groups whose standby manager takes control by an operator (`takeover` = manual). */
const MANUAL_TAKEOVER_SHARE = 0.35;
/** Share of groups that own fewer sharing rights than they require (non-compliant). */
const SHORT_GROUP_SHARE = 0.2;

interface ManagerDraft {
  readonly group: string;
  readonly host: string;
  readonly role: ManagerRole;
  /** Site of an external host; null (empty) for a host that is a partition of a member complex. */
  readonly site: string | null;
  /** null: column left empty (default serviceguard). */
  readonly takeover: TakeoverMode | null;
}

interface GroupDraft {
  readonly group: string;
  readonly sharingRights: number;
  readonly heldRights: number;
}

/**
 * Generate the inventory of a `size` estate from `seed` (an integer in [0, 2^32)): the CSV text of
 * each file, keyed by file name.
 */
export function generateEstate(size: EstateSize, seed: number): Record<InventoryFileName, string> {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`seed must be an integer from 0 to 4294967295, got ${seed}`);
  }
  const spec = ESTATE_SIZES[size];
  const rng = createRng(seed);
  const hardware = buildHardware(spec, rng);
  const nodes = listNodes(hardware.complexes);
  const packages = buildWorkload(nodes, spec.packages, rng);
  setComplexRights(hardware.complexes, rng);
  const managers = buildManagers(hardware, nodes, rng);
  const groups = buildGroups(hardware, rng);
  const clusters = buildClusters(nodes, packages, hardware.sites, rng);
  const policies = buildPolicies(packages, clusters, rng);
  return renderFiles(hardware, groups, managers, packages, clusters, policies);
}

function complexCores(c: ComplexDraft): number {
  const cells = [...c.npars.flatMap((n) => n.cells), ...c.unassignedCells];
  return cells.reduce((s, cell) => s + cell.cores, 0);
}

function nparRights(c: ComplexDraft): number {
  return c.npars.reduce((s, n) => s + n.rights, 0);
}

/**
 * Unassigned rights and TiCAP balances: a standalone complex (no group to borrow from) often holds
 * a few unassigned rights and some TiCAP; a group member now and then. Unassigned rights never exceed
 * the complex's cores without rights (they are rights for cores it has).
 */
function setComplexRights(complexes: readonly ComplexDraft[], rng: Rng): void {
  for (const c of complexes) {
    const cap = complexCores(c) - nparRights(c);
    const standalone = c.group === null;
    if (rng.chance(standalone ? 0.6 : 0.25)) {
      c.unassignedRights = Math.min(cap, standalone ? rng.int(2, 6) : rng.int(2, 6));
    }
    // A standalone complex usually holds 1–3 TiCAP units for its failovers; a member now and then.
    if (standalone ? rng.chance(0.85) : rng.chance(0.12)) {
      c.ticapMinutes = rng.pick(standalone ? TICAP_BALANCES.slice(2) : TICAP_BALANCES);
    }
  }
}

/**
 * One active and one standby Group Manager per group. The active one sits on the group's first
 * site, the standby on its second (when it has one); each is an external host (gm01, gm02, … with
 * its site) or, less often, co-located on a partition of a member complex on that site, which the
 * planner reports as a risk [G7].
 */
function buildManagers(
  hardware: EstateHardware,
  nodes: readonly NodeDraft[],
  rng: Rng,
): ManagerDraft[] {
  let external = 1;
  const externalHost = (): string => `gm${pad(external++, 2)}`;
  const managers: ManagerDraft[] = [];
  // About 1 standby in 3 takes over by hand (stochastic rounding of 35 % of the groups).
  const manualCount = Math.floor(hardware.groups.length * MANUAL_TAKEOVER_SHARE + rng.float(0, 1));
  const manual = new Set(rng.shuffle(hardware.groups).slice(0, manualCount));
  for (const group of hardware.groups) {
    const members = hardware.complexes.filter((c) => c.group === group);
    const sites = [...new Set(members.map((c) => c.site))];
    const activeSite = sites[0] ?? hardware.sites[0] ?? 'dc1';
    const standbySite = sites[1] ?? activeSite;
    const memberNodes = nodes.filter((n) => n.complex.group === group);
    const onSite = (site: string, avoid: string | null): NodeDraft[] => {
      const here = memberNodes.filter((n) => n.complex.site === site);
      const apart = here.filter((n) => n.complex.complex !== avoid);
      return apart.length > 0 ? apart : here.length > 0 ? here : [...memberNodes];
    };

    let activeComplex: string | null = null;
    let activeHost: string;
    if (rng.chance(0.7) || memberNodes.length === 0) {
      activeHost = externalHost();
      managers.push({ group, host: activeHost, role: 'active', site: activeSite, takeover: null });
    } else {
      const node = rng.pick(onSite(activeSite, null));
      activeComplex = node.complex.complex;
      activeHost = node.host;
      managers.push({ group, host: activeHost, role: 'active', site: null, takeover: null });
    }

    const takeover: TakeoverMode = manual.has(group) ? 'manual' : 'serviceguard';
    const candidates = onSite(standbySite, activeComplex).filter((n) => n.host !== activeHost);
    if (rng.chance(0.6) || candidates.length === 0) {
      managers.push({ group, host: externalHost(), role: 'standby', site: standbySite, takeover });
    } else {
      const node = rng.pick(candidates);
      managers.push({ group, host: node.host, role: 'standby', site: null, takeover });
    }
  }
  return managers;
}

/**
 * Sharing rights per group [G1]: Σ over member complexes of (cores on every cell − nPar rights −
 * unassigned rights). Usually owned exactly; about 1 group in 5 a few short (up to 10 %: a
 * non-compliant group, as in a real estate that grew), now and then a few spare. Held rights: in
 * about half the groups, 2–6 rights the manager holds (reclaimed, not yet used).
 */
function buildGroups(hardware: EstateHardware, rng: Rng): GroupDraft[] {
  // Stochastic rounding: large (8 groups) has 1 or 2 short groups, medium 0 or 1, small 0 or 1.
  const shortCount = Math.floor(hardware.groups.length * SHORT_GROUP_SHARE + rng.float(0, 1));
  const short = new Set(rng.shuffle(hardware.groups).slice(0, shortCount));
  return hardware.groups.map((group) => {
    const required = hardware.complexes
      .filter((c) => c.group === group)
      .reduce((s, c) => s + Math.max(0, complexCores(c) - nparRights(c) - c.unassignedRights), 0);
    let sharingRights = required;
    if (short.has(group)) {
      sharingRights = Math.max(0, required - rng.int(1, Math.max(1, Math.ceil(required * 0.1))));
    } else if (rng.chance(0.1)) {
      sharingRights = required + rng.int(1, 4);
    }
    const heldRights = rng.chance(0.5) ? rng.int(2, 6) : 0;
    return { group, sharingRights, heldRights };
  });
}

function yn(b: boolean): string {
  return b ? 'y' : 'n';
}

function renderFiles(
  hardware: EstateHardware,
  groups: readonly GroupDraft[],
  managers: readonly ManagerDraft[],
  packages: readonly PackageDraft[],
  clusters: readonly ClusterDraft[],
  policies: PoliciesDraft,
): Record<InventoryFileName, string> {
  const cx = hardware.complexes;
  return {
    'complexes.csv': toCsv(
      ['complex', 'platform', 'group', 'site', 'unassigned_rights', 'ticap_minutes'],
      cx.map((c) => [c.complex, c.platform, c.group, c.site, c.unassignedRights, c.ticapMinutes]),
    ),
    'cells.csv': toCsv(
      ['complex', 'cell', 'npar', 'cores', 'active'],
      cx.flatMap((c) => [
        ...c.npars.flatMap((n) =>
          n.cells.map((cell) => [c.complex, cell.cell, n.npar, cell.cores, yn(cell.active)]),
        ),
        ...c.unassignedCells.map((cell) => [
          c.complex,
          cell.cell,
          null,
          cell.cores,
          yn(cell.active),
        ]),
      ]),
    ),
    'npars.csv': toCsv(
      ['complex', 'npar', 'host', 'rights', 'active'],
      cx.flatMap((c) => c.npars.map((n) => [c.complex, n.npar, n.host, n.rights, n.active])),
    ),
    'vpars.csv': toCsv(
      ['complex', 'npar', 'vpar', 'cores', 'min', 'max', 'static'],
      cx.flatMap((c) =>
        c.npars.flatMap((n) =>
          n.vpars.map((v) => [c.complex, n.npar, v.vpar, v.cores, v.min, v.max, yn(v.static)]),
        ),
      ),
    ),
    'groups.csv': toCsv(
      ['group', 'sharing_rights', 'held_rights'],
      groups.map((g) => [g.group, g.sharingRights, g.heldRights]),
    ),
    'managers.csv': toCsv(
      ['group', 'host', 'role', 'site', 'takeover'],
      managers.map((m) => [m.group, m.host, m.role, m.site, m.takeover]),
    ),
    'packages.csv': toCsv(
      ['package', 'cores', 'nodes', 'priority', 'start_s', 'kind', 'vm_boot_s', 'ticap'],
      packages.map((p) => [
        p.package,
        p.cores,
        [p.primary, ...p.adoptives].map((n) => n.host).join(';'),
        p.priority,
        p.startS,
        p.kind,
        p.vmBootS,
        yn(p.ticap),
      ]),
    ),
    'clusters.csv': toCsv(
      ['cluster', 'nodes', 'lock', 'lock_site', 'quorum_server', 'member_timeout_s'],
      clusters.map((c) => [
        c.cluster,
        c.nodes.map((n) => n.host).join(';'),
        c.lock,
        c.lockSites.join(';'),
        c.quorumServer,
        c.memberTimeoutS,
      ]),
    ),
    'dependencies.csv': toCsv(['package', 'depends_on', 'location'], policies.dependencies),
    'capacities.csv': toCsv(['node', 'capacity', 'value'], policies.capacities),
    'weights.csv': toCsv(['package', 'cluster', 'capacity', 'value'], policies.weights),
  };
}
