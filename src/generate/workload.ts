/**
 * The workload half of a generated estate: Serviceguard packages placed on the nodes (nPar hosts and
 * vPars) of the hardware, with their failover node lists. Pure: every draw comes from the seeded
 * `Rng`. Units: cores, seconds.
 *
 * Placement keeps the loader's rule that the packages whose primary is a node fit in its active cores
 * (nPar: active; vPar: cores). Adoptive nodes are chosen so that most single failures survive: for
 * each failure that would send a package to a node (its primary's nPar, complex or site down), the
 * node's spare active cores plus its nPar's inactive cores must cover every package sent there by
 * that same failure. When no candidate passes, the one with the most room usually gets one more
 * active cell whose cores stay inactive (as a planner buying iCAP hardware would), until the package
 * fits or the nPar or complex is full. A few packages are placed without the check, some stay short,
 * single-node packages and standalone complexes cannot survive their own failure, and most site
 * failures lose packages: the estate has the gaps a planner's real estate has (measured with the
 * engine at max-failures 1: about 95 % of scenarios survive in large estates, 88 % in medium, 80 %
 * in small, with a wider spread).
 */
import type { PackageKind } from '../domain/types.js';
import type { ComplexDraft, NParDraft, VParDraft } from './hardware.js';
import { MAX_CELLS_PER_COMPLEX, MAX_CELLS_PER_NPAR, pad } from './hardware.js';
import type { Rng } from './prng.js';
import { nparKey } from '../domain/derived.js';

export interface NodeDraft {
  readonly host: string;
  readonly complex: ComplexDraft;
  readonly npar: NParDraft;
  readonly vpar: VParDraft | null;
  /** Active cores the node's packages may use: the nPar's active cores, or the vPar's cores. */
  capacity: number;
  /** Σ cores of the packages whose primary is this node. */
  load: number;
  /** The Serviceguard cluster this node will belong to (see `assignClusters`). */
  cluster: string;
}

export interface PackageDraft {
  package: string;
  readonly cores: number;
  readonly primary: NodeDraft;
  /** Adoptive nodes in failover order (after the primary). */
  readonly adoptives: NodeDraft[];
  /** null: column left empty (default 100). */
  priority: number | null;
  startS: number;
  kind: PackageKind;
  vmBootS: number | null;
  ticap: boolean;
}

/** Share of packages that run on one node only (non-failover load, spec section 2). */
const SINGLE_NODE_SHARE = 0.01;
/** Share of failover packages with a second adoptive node (three nodes in all). */
const THREE_NODE_SHARE = 0.3;
/** Share of packages run as Integrity VM guests. */
const VM_SHARE = 0.05;
/** Share of packages whose start script may activate with TiCAP (at least; see buildWorkload). */
const TICAP_SHARE = 0.1;
/** Chance that an adoptive is placed without checking its headroom (a planner's gap). */
const UNCHECKED_ADOPTIVE = 0.02;
/** Chance that an adoptive short of room gets an added iCAP cell (as a planner sizing it would). */
const TOP_UP_SHARE = 0.85;
/** Chance that a grouped package's first adoptive is on its own complex (same-complex failback [X4]). */
const SAME_COMPLEX_ADOPTIVE = 0.08;
/** Most packages whose primary is one node. */
const MAX_PACKAGES_PER_NODE = 3;

const APP_PREFIXES = ['ora', 'sap', 'mq', 'web', 'erp', 'bi', 'dw', 'crm', 'ftp', 'batch'] as const;

export function listNodes(complexes: readonly ComplexDraft[]): NodeDraft[] {
  const nodes: NodeDraft[] = [];
  for (const complex of complexes) {
    for (const npar of complex.npars) {
      if (npar.host !== null) {
        nodes.push({
          host: npar.host,
          complex,
          npar,
          vpar: null,
          capacity: npar.active,
          load: 0,
          cluster: '',
        });
      }
      for (const vpar of npar.vpars) {
        nodes.push({
          host: vpar.vpar,
          complex,
          npar,
          vpar,
          capacity: vpar.cores,
          load: 0,
          cluster: '',
        });
      }
    }
  }
  assignClusters(nodes);
  return nodes;
}

/** nPars of one complex that go into one cluster with as many of each partner complex. */
const CLUSTER_NPARS_PER_COMPLEX = 2;

/**
 * Serviceguard clusters as a planner builds them: the complexes of a group (or the standalone ones)
 * are paired, preferably across sites (a campus cluster; an odd one out joins the last pair), and each
 * pair's nPars are cut into clusters of 2 nPars of each complex (every node of an nPar — its host or
 * its vPars — in one cluster). A package fails over only inside its cluster (spec 8.1), so adoptives
 * are drawn from it.
 */
function assignClusters(nodes: NodeDraft[]): void {
  const byGroup = new Map<string, ComplexDraft[]>();
  for (const n of nodes) {
    const key = n.complex.group ?? '';
    const list = byGroup.get(key) ?? [];
    if (!list.includes(n.complex)) list.push(n.complex);
    byGroup.set(key, list);
  }
  const partner = new Map<ComplexDraft, number>();
  for (const complexes of byGroup.values()) {
    // Interleave sites: the i-th complex of each site in turn, so consecutive pairs span two sites.
    const bySite = new Map<string, ComplexDraft[]>();
    for (const c of complexes) bySite.set(c.site, [...(bySite.get(c.site) ?? []), c]);
    const interleaved: ComplexDraft[] = [];
    const lists = [...bySite.values()];
    for (let i = 0; interleaved.length < complexes.length; i++) {
      for (const l of lists) {
        const c = l[i];
        if (c !== undefined) interleaved.push(c);
      }
    }
    const pairs = Math.max(1, Math.floor(interleaved.length / 2));
    interleaved.forEach((c, i) => partner.set(c, Math.min(Math.floor(i / 2), pairs - 1)));
  }
  for (const n of nodes) {
    const j = n.complex.npars.indexOf(n.npar);
    const group = n.complex.group ?? 'standalone';
    n.cluster = `${group}/${partner.get(n.complex) ?? 0}/${Math.floor(j / CLUSTER_NPARS_PER_COMPLEX)}`;
  }
}

export function buildWorkload(nodes: NodeDraft[], count: number, rng: Rng): PackageDraft[] {
  const perNode = countPackagesPerNode(nodes, count, rng);
  const packages: PackageDraft[] = [];
  nodes.forEach((node, i) => {
    const k = perNode[i] as number;
    if (k === 0) return;
    // Leave 0–2 active cores of the node unused by its own packages (free for a failover).
    let spare: number = rng.weighted([
      [0, 0.6],
      [1, 0.25],
      [2, 0.15],
    ] as const);
    spare = Math.min(spare, node.capacity - k);
    const sizes = Array.from({ length: k }, () => 1);
    for (let c = k; c < node.capacity - spare; c++) {
      const j = rng.int(0, k - 1);
      sizes[j] = (sizes[j] as number) + 1;
    }
    for (const cores of sizes) {
      node.load += cores;
      packages.push({
        package: '',
        cores,
        primary: node,
        adoptives: [],
        priority: null,
        startS: 0,
        kind: 'app',
        vmBootS: null,
        ticap: false,
      });
    }
  });

  const order = rng.shuffle(packages.map((_, i) => i));
  const single = new Set(order.slice(0, Math.round(count * SINGLE_NODE_SHARE)));
  const vm = new Set(rng.shuffle(order).slice(0, Math.max(1, Math.round(count * VM_SHARE))));
  // TiCAP: most packages of standalone complexes (no group to borrow rights from: a standalone
  // iCAP failover activates with TiCAP [S1 p.9–11]), then others up to about 10 % in all.
  const ticap = new Set(
    order.filter((i) => packages[i]?.primary.complex.group === null && rng.chance(0.8)),
  );
  for (const i of rng.shuffle(order)) {
    if (ticap.size >= Math.max(1, Math.round(count * TICAP_SHARE))) break;
    ticap.add(i);
  }

  const byComplex = new Map<string, NodeDraft[]>();
  const byGroup = new Map<string, NodeDraft[]>();
  const standalone: NodeDraft[] = [];
  const append = (map: Map<string, NodeDraft[]>, key: string, n: NodeDraft): void => {
    const list = map.get(key);
    if (list === undefined) map.set(key, [n]);
    else list.push(n);
  };
  for (const n of nodes) {
    append(byComplex, n.complex.complex, n);
    if (n.complex.group !== null) append(byGroup, n.complex.group, n);
    else standalone.push(n);
  }
  const budget = new HeadroomBudget();
  for (const i of order) {
    const p = packages[i] as PackageDraft;
    if (single.has(i)) continue;
    let want = rng.chance(THREE_NODE_SHARE) ? 2 : 1;
    for (let a = 0; a < want; a++) {
      const pool = candidatePool(p, { byComplex, byGroup, standalone }, rng);
      const keys = (n: NodeDraft): string[] => firstUpScenarios(p, n);
      // The first preferred node with room; else the one with the most room, usually given more
      // inactive cores (an iCAP cell) until the package fits, sometimes left short (a gap the
      // planner will report); now and then the first preferred node, unchecked.
      let chosen = pool[0];
      if (chosen === undefined) break;
      if (!rng.chance(UNCHECKED_ADOPTIVE)) {
        let best = -Infinity;
        for (const n of pool) {
          const slack = budget.slack(n, p.cores, keys(n));
          if (slack >= 0) {
            chosen = n;
            best = slack;
            break;
          }
          if (slack > best) {
            best = slack;
            chosen = n;
          }
        }
        if (best < 0 && rng.chance(TOP_UP_SHARE)) {
          while (best < 0 && addInactiveCell(chosen)) {
            const after = budget.slack(chosen, p.cores, keys(chosen));
            if (after <= best) break;
            best = after;
          }
        }
      }
      budget.commit(chosen, p.cores, keys(chosen));
      p.adoptives.push(chosen);
      // A local adoptive (same complex) is backed by a remote one for the complex's own failure.
      if (a === 0 && chosen.complex === p.primary.complex && p.primary.complex.group !== null) {
        want = 2;
      }
    }
  }

  packages.forEach((p, i) => {
    p.kind = vm.has(i) ? 'vm' : 'app';
    p.vmBootS = p.kind === 'vm' ? rng.int(120, 400) : null;
    p.ticap = ticap.has(i);
    p.startS = rng.int(10, 300);
    p.priority = rng.weighted([
      [null, 0.35],
      [10, 0.1],
      [20, 0.1],
      [50, 0.15],
      [100, 0.15],
      [200, 0.15],
    ] as const);
    const prefix = p.kind === 'vm' ? 'vm' : rng.pick(APP_PREFIXES);
    p.package = `${prefix}${pad(i + 1, 3)}`;
  });
  return packages;
}

/**
 * How many packages each node is the primary of: exactly `count` in all, spread so that bigger nodes
 * run more (each next package goes to the node with the most cores per package, with some jitter).
 * Standby nPars run none unless nothing else has room; a node never runs more packages than cores.
 */
function countPackagesPerNode(nodes: readonly NodeDraft[], count: number, rng: Rng): number[] {
  const k = nodes.map(() => 0);
  const pick = (allowStandby: boolean, limit: number): number => {
    let best = -1;
    let bestScore = -1;
    nodes.forEach((n, i) => {
      const ki = k[i] as number;
      if ((n.npar.standby && !allowStandby) || ki >= Math.min(n.capacity, limit)) return;
      const score = (n.capacity / (ki + 1)) * rng.float(0.6, 1.4);
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    });
    return best;
  };
  for (let t = 0; t < count; t++) {
    let i = pick(false, MAX_PACKAGES_PER_NODE);
    if (i < 0) i = pick(true, Number.POSITIVE_INFINITY);
    if (i < 0) throw new Error(`size table: ${count} packages do not fit on ${nodes.length} nodes`);
    k[i] = (k[i] as number) + 1;
  }
  return k;
}

/**
 * Give the node's nPar one more active cell of the complex's cell size, all of whose cores but one
 * stay inactive: R1 [S8 ch04s05] needs one active core (and its right) per active cell, so active
 * and rights grow by 1 and the inactive cores by cores − 1. false when the nPar or the complex has
 * no free slot.
 */
function addInactiveCell(node: NodeDraft): boolean {
  const { npar, complex } = node;
  const inComplex =
    complex.npars.reduce((s, n) => s + n.cells.length, 0) + complex.unassignedCells.length;
  const first = npar.cells[0];
  if (
    first === undefined ||
    npar.cells.length >= MAX_CELLS_PER_NPAR ||
    inComplex >= MAX_CELLS_PER_COMPLEX[complex.platform]
  ) {
    return false;
  }
  const prefix = complex.platform === 'sd2' ? 'blade' : 'cell';
  npar.cells.push({ cell: `${prefix}${inComplex}`, cores: first.cores, active: true });
  npar.installed += first.cores;
  npar.activeCells += 1;
  npar.active += 1;
  npar.rights = Math.max(npar.rights, npar.active);
  if (node.vpar === null) node.capacity += 1;
  return true;
}

function nparOf(n: NodeDraft): string {
  return nparKey(n.complex.complex, n.npar.npar);
}

/** Whether `n` is down in failure scenario `key` (`npar:C/N`, `complex:C` or `site:S`). */
function isDown(n: NodeDraft, key: string): boolean {
  if (key.startsWith('npar:')) return `npar:${nparOf(n)}` === key;
  if (key.startsWith('complex:')) return `complex:${n.complex.complex}` === key;
  return `site:${n.complex.site}` === key;
}

/**
 * The failures of the package's primary (its nPar, complex, site) in which `n`, as the next adoptive,
 * would be the first node up: those that take down the primary and every adoptive before it.
 */
function firstUpScenarios(p: PackageDraft, n: NodeDraft): string[] {
  const c = p.primary.complex;
  const all = [`npar:${nparOf(p.primary)}`, `complex:${c.complex}`, `site:${c.site}`];
  return all.filter((key) => !isDown(n, key) && p.adoptives.every((a) => isDown(a, key)));
}

interface NodeIndex {
  readonly byComplex: ReadonlyMap<string, readonly NodeDraft[]>;
  readonly byGroup: ReadonlyMap<string, readonly NodeDraft[]>;
  /** Nodes of complexes in no group. */
  readonly standalone: readonly NodeDraft[];
}

/**
 * Candidate adoptive nodes, most preferred first. A grouped package fails over to another member
 * complex of its group (rights move through the Group Manager): the first adoptive usually on the
 * same site, the second usually on another site (disaster recovery); now and then the first is on
 * its own complex (and then always has a second adoptive on another member). A package on a standalone
 * complex fails over inside its complex first (a cluster in a box), where only its own and the
 * complex's unassigned rights or TiCAP can help; a second adoptive is on another standalone complex.
 */
function candidatePool(p: PackageDraft, index: NodeIndex, rng: Rng): NodeDraft[] {
  const primary = p.primary;
  const usedNpars = new Set([nparOf(primary), ...p.adoptives.map(nparOf)]);
  // Only nodes of the primary's cluster can adopt it (spec 8.1).
  const unused = (nodes: readonly NodeDraft[] | undefined): NodeDraft[] =>
    (nodes ?? []).filter((n) => !usedNpars.has(nparOf(n)) && n.cluster === primary.cluster);
  const own = unused(index.byComplex.get(primary.complex.complex));
  const group = primary.complex.group;
  if (group === null) {
    const remote = unused(index.standalone).filter((n) => n.complex !== primary.complex);
    return rng.shuffle(p.adoptives.length === 0 || remote.length === 0 ? own : remote);
  }

  const others = (index.byGroup.get(group) ?? []).filter(
    (n) =>
      n.complex !== primary.complex && !usedNpars.has(nparOf(n)) && n.cluster === primary.cluster,
  );
  const site = primary.complex.site;
  const first = p.adoptives[0];
  let preferSameSite: boolean;
  if (first === undefined) {
    if (own.length > 0 && rng.chance(SAME_COMPLEX_ADOPTIVE)) return rng.shuffle(own);
    preferSameSite = rng.chance(0.75);
  } else if (first.complex === primary.complex) {
    preferSameSite = true;
  } else {
    preferSameSite = first.complex.site !== site;
  }
  const pool = rng.shuffle(others.length > 0 ? others : own);
  const rank = (n: NodeDraft): number => ((n.complex.site === site) === preferSameSite ? 0 : 1);
  return pool.sort((a, b) => rank(a) - rank(b));
}

/**
 * Headroom already promised per failure scenario: a node's spare active cores and its nPar's
 * inactive cores (shared by the nPar's vPars), bounded for a vPar by its configured maximum; a static
 * vPar takes no extra core [V6].
 */
class HeadroomBudget {
  private readonly used = new Map<string, number>();

  private get(key: string): number {
    return this.used.get(key) ?? 0;
  }

  private add(key: string, n: number): void {
    this.used.set(key, this.get(key) + n);
  }

  /** Active cores of the node not used by its packages nor promised in this scenario. */
  private freeLeft(node: NodeDraft, scenario: string): number {
    return Math.max(0, node.capacity - node.load - this.get(`free|${node.host}|${scenario}`));
  }

  private split(node: NodeDraft, cores: number, scenario: string): { free: number; extra: number } {
    const free = Math.min(this.freeLeft(node, scenario), cores);
    return { free, extra: cores - free };
  }

  /**
   * Cores of room left on `node` after taking a package of `cores` in the tightest of `scenarios`:
   * ≥ 0 when it fits in every one, negative by the shortfall otherwise (+∞ with no scenario).
   */
  slack(node: NodeDraft, cores: number, scenarios: readonly string[]): number {
    let least = Number.POSITIVE_INFINITY;
    for (const sc of scenarios) {
      const { free, extra } = this.split(node, cores, sc);
      const freeLeft = this.freeLeft(node, sc) - free;
      let room: number;
      if (node.vpar?.static === true) {
        room = -extra;
      } else {
        let extraRoom =
          node.npar.installed - node.npar.active - this.get(`inactive|${nparOf(node)}|${sc}`);
        if (node.vpar !== null) {
          const max = node.vpar.max ?? node.npar.installed;
          extraRoom = Math.min(
            extraRoom,
            max - node.vpar.cores - this.get(`extra|${node.host}|${sc}`),
          );
        }
        room = extraRoom - extra + freeLeft;
      }
      least = Math.min(least, room);
    }
    return least;
  }

  commit(node: NodeDraft, cores: number, scenarios: readonly string[]): void {
    for (const sc of scenarios) {
      const { free, extra } = this.split(node, cores, sc);
      this.add(`free|${node.host}|${sc}`, free);
      this.add(`inactive|${nparOf(node)}|${sc}`, extra);
      this.add(`extra|${node.host}|${sc}`, extra);
    }
  }
}
