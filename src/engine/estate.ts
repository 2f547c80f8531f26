/**
 * The inventory compiled into an indexed form for the engine: integer indices instead of names, the
 * derived figures precomputed once, and the lookups a scenario needs (which packages run on a node,
 * which manager runs on which partition). Pure and immutable after construction.
 */
import { deriveFigures, nparKey, vparKey } from '../domain/derived.js';
import { sortInventory } from '../domain/order.js';
import { PACKAGE_LIMIT } from '../domain/policies.js';
import type {
  DependencyLocation,
  FailoverPolicy,
  Inventory,
  LockKind,
  Package,
  Platform,
  StartFailure,
  TakeoverMode,
} from '../domain/types.js';
import { compareText } from '../text/order.js';
import { at } from './names.js';

export interface EComplex {
  readonly idx: number;
  readonly name: string;
  readonly platform: Platform;
  /** Group index, or -1 when the complex is in no group. */
  readonly group: number;
  /** Site index, or -1. */
  readonly site: number;
  readonly unassignedRights: number;
  readonly ticapMinutes: number;
  readonly npars: readonly number[];
}

export interface ENPar {
  readonly idx: number;
  /** `C/N`. */
  readonly key: string;
  readonly complex: number;
  readonly name: string;
  readonly host: string | null;
  readonly rights: number;
  readonly active: number;
  readonly installed: number;
  readonly inactive: number;
  readonly activeCells: number;
  readonly cells: number;
  readonly vpars: readonly number[];
  /** Node index when the nPar runs HP-UX directly, else -1. */
  readonly node: number;
  /** Active cores assigned to no vPar: usable by its vPars without activation (vPar nPars only). */
  readonly idle: number;
}

export interface EVPar {
  readonly idx: number;
  /** `C/N/V`. */
  readonly key: string;
  readonly npar: number;
  readonly name: string;
  readonly cores: number;
  readonly min: number;
  readonly max: number;
  readonly static: boolean;
  readonly node: number;
}

/** An OS instance that can run packages: an nPar host or a vPar. */
export interface ENode {
  readonly idx: number;
  readonly host: string;
  readonly npar: number;
  /** vPar index, or -1 for an nPar host. */
  readonly vpar: number;
  /** Active cores of the node now: nPar `active`, or the vPar's `cores`. */
  readonly active: number;
  /** Σ cores of the packages whose primary is this node (they run there now). */
  readonly baseUsed: number;
  /** Packages whose primary is this node, in placement order. */
  readonly primaryOf: readonly number[];
  /** Cluster index, or -1 when clusters are not modelled. */
  readonly cluster: number;
  /** Site index of the node's complex, or -1 (site policies, spec 9.2). */
  readonly site: number;
  /** Per capacity index (Estate.capacityNames): CAPACITY_VALUE, +Infinity when not defined [P5]. */
  readonly capacity: readonly number[];
  /** Per capacity index: Σ weights of the packages that run on the node now (its primaries). */
  readonly baseLoad: readonly number[];
}

/** One dependency of a package: the package it needs up and where [P3]. */
export interface EDependency {
  readonly on: number;
  readonly location: DependencyLocation;
}

/** Where a cluster's lock lives (spec 8.1); what a scenario checks when exactly half survive. */
export interface ECluster {
  readonly idx: number;
  readonly name: string;
  /** Node indices. */
  readonly nodes: readonly number[];
  readonly lock: LockKind;
  /** Site indices of the lock (disk, LUN: at most one; dual-disk: two; quorum server: its host's). */
  readonly lockSites: readonly number[];
  /** Quorum Server host: node index when it runs on a partition, else -1. */
  readonly quorumNode: number;
  /** Quorum Server host: external host index, else -1. */
  readonly quorumExternal: number;
  readonly quorumHost: string | null;
  /** MEMBER_TIMEOUT seconds, 0 when not given [C12]. */
  readonly memberTimeoutS: number;
  /** Packages of the cluster, in placement order. */
  readonly packages: readonly number[];
}

export interface EManager {
  readonly host: string;
  /** Node index when the manager runs on a partition of the inventory, else -1. */
  readonly node: number;
  /** External host index, or -1. */
  readonly external: number;
  readonly site: number;
  readonly takeover: TakeoverMode;
}

export interface EGroup {
  readonly idx: number;
  readonly name: string;
  readonly sharingRights: number;
  readonly heldRights: number;
  readonly members: readonly number[];
  readonly active: EManager;
  /** Standbys in host order. */
  readonly standbys: readonly EManager[];
  /** Σ TiCAP balances of the members, core-minutes (pooled [G9]). */
  readonly ticapPool: number;
  readonly sharingRightsRequired: number;
}

export interface EExternalHost {
  readonly idx: number;
  readonly host: string;
  readonly site: number;
}

export interface EPackage {
  readonly idx: number;
  readonly name: string;
  readonly cores: number;
  readonly nodes: readonly number[];
  /** 1–3000, or null for no_priority [C9]. */
  readonly priority: number | null;
  readonly startS: number;
  readonly vmBootS: number;
  readonly ticap: boolean;
  readonly onStartFailure: StartFailure;
  readonly autoRun: boolean;
  /** Cluster index (that of its nodes), or -1 when clusters are not modelled. */
  readonly cluster: number;
  readonly policy: FailoverPolicy;
  /** The packages it depends on [P3]. */
  readonly dependsOn: readonly EDependency[];
  /** The packages that depend on it, in placement order [P4]. */
  readonly dependents: readonly number[];
  /** Per capacity index: its weight (package_limit: 1) [P6]. */
  readonly weight: readonly number[];
  /** Some weight is not zero (a candidate for displacement [P8]). */
  readonly weighted: boolean;
}

export interface Estate {
  readonly inventory: Inventory;
  readonly sites: readonly string[];
  readonly complexes: readonly EComplex[];
  readonly npars: readonly ENPar[];
  readonly vpars: readonly EVPar[];
  readonly nodes: readonly ENode[];
  readonly groups: readonly EGroup[];
  /** External hosts: Group Managers and Quorum Servers that run on no partition of the inventory. */
  readonly externalHosts: readonly EExternalHost[];
  /** Serviceguard clusters; empty when not modelled (`clustersModelled` false). */
  readonly clusters: readonly ECluster[];
  readonly clustersModelled: boolean;
  /** Packages in placement order: rank, then name (spec 8.3). */
  readonly packages: readonly EPackage[];
  /** Number of groups each manager host has a row for (a takeover driver). */
  readonly groupsManagedBy: ReadonlyMap<string, readonly number[]>;
  readonly nodeByHost: ReadonlyMap<string, number>;
  /** Capacity names of capacities.csv, sorted (indices of ENode.capacity and EPackage.weight). */
  readonly capacityNames: readonly string[];
  /** Some package has a dependency or some node a capacity: placement checks eligibility (spec 9). */
  readonly policies: boolean;
}

/** Compile a validated inventory. */
export function compileEstate(input: Inventory): Estate {
  // Indices follow the canonical row order, whatever order the caller's arrays are in.
  const inv = sortInventory(input);
  const figures = deriveFigures(inv);
  const sites = uniqueSorted([
    ...inv.complexes.map((c) => c.site),
    ...inv.managers.map((m) => m.site),
    // A lock site is a failure domain like any site, even one named nowhere else (assumption A-22).
    ...(inv.clusters ?? []).flatMap((c) => c.lockSites),
  ]);
  const siteIdx = (s: string | null): number => (s === null ? -1 : sites.indexOf(s));
  const groupIdx = new Map(inv.groups.map((g, i) => [g.group, i]));
  const complexIdx = new Map(inv.complexes.map((c, i) => [c.complex, i]));

  const nparsOf = new Map<string, number[]>();
  inv.npars.forEach((n, i) => push(nparsOf, n.complex, i));
  const complexes: EComplex[] = inv.complexes.map((c, i) => ({
    idx: i,
    name: c.complex,
    platform: c.platform,
    group: c.group === null ? -1 : known(groupIdx, c.group, 'group'),
    site: siteIdx(c.site),
    unassignedRights: c.unassignedRights,
    ticapMinutes: c.ticapMinutes,
    npars: nparsOf.get(c.complex) ?? [],
  }));

  // Nodes: nPar hosts and vPars, in inventory order (nPars first, then vPars).
  const nodeHosts: { host: string; npar: number; vpar: number; active: number }[] = [];
  const vparsOf = new Map<string, number[]>();
  inv.vpars.forEach((v, i) => push(vparsOf, nparKey(v.complex, v.npar), i));
  const nparIdx = new Map(inv.npars.map((n, i) => [nparKey(n.complex, n.npar), i]));
  const npars: ENPar[] = inv.npars.map((n, i) => {
    const key = nparKey(n.complex, n.npar);
    const f = figures.npars.get(key);
    const vps = vparsOf.get(key) ?? [];
    let node = -1;
    if (n.host !== null) {
      node = nodeHosts.length;
      nodeHosts.push({ host: n.host, npar: i, vpar: -1, active: n.active });
    }
    const vparCores = vps.reduce((s, v) => s + (inv.vpars[v]?.cores ?? 0), 0);
    return {
      idx: i,
      key,
      complex: known(complexIdx, n.complex, 'complex'),
      name: n.npar,
      host: n.host,
      rights: n.rights,
      active: n.active,
      installed: f?.installed ?? 0,
      inactive: f?.inactive ?? 0,
      activeCells: f?.activeCells ?? 0,
      cells: f?.cells ?? 0,
      vpars: vps,
      node,
      idle: vps.length > 0 ? Math.max(0, n.active - vparCores) : 0,
    };
  });
  const vpars: EVPar[] = inv.vpars.map((v, i) => {
    const node = nodeHosts.length;
    nodeHosts.push({
      host: v.vpar,
      npar: known(nparIdx, nparKey(v.complex, v.npar), 'nPar'),
      vpar: i,
      active: v.cores,
    });
    return {
      idx: i,
      key: vparKey(v.complex, v.npar, v.vpar),
      npar: known(nparIdx, nparKey(v.complex, v.npar), 'nPar'),
      name: v.vpar,
      cores: v.cores,
      min: v.min,
      max: v.max,
      static: v.static,
      node,
    };
  });
  const nodeByHost = new Map(nodeHosts.map((h, i) => [h.host, i]));
  const clusterRows = inv.clusters ?? [];
  const clusterOfNode = nodeHosts.map(() => -1);
  clusterRows.forEach((c, i) => {
    for (const h of c.nodes) {
      const n = nodeByHost.get(h);
      if (n !== undefined) clusterOfNode[n] = i;
    }
  });

  const ordered = [...inv.packages].sort(comparePackages);
  const pkgIdx = new Map(ordered.map((p, i) => [p.package, i]));
  const capacityNames = uniqueSorted(inv.capacities.map((c) => c.capacity));
  const nodeCapacity = nodeHosts.map(() => capacityNames.map(() => Number.POSITIVE_INFINITY));
  for (const c of inv.capacities) {
    const n = nodeByHost.get(c.node);
    const k = capacityNames.indexOf(c.capacity);
    if (n !== undefined && k >= 0) (nodeCapacity[n] as number[])[k] = c.value;
  }
  const clusterName = clusterRows.map((c) => c.cluster);
  /** A package's weight for each capacity: its row, else its cluster's `*` row, else 0 [P6]. */
  const weightOf = (p: Package, cluster: number): number[] =>
    capacityNames.map((name) => {
      if (name === PACKAGE_LIMIT) return 1;
      let w = 0;
      for (const row of inv.weights) {
        if (row.capacity !== name) continue;
        if (row.package === p.package) return row.value;
        if (row.package === null && row.cluster === clusterName[cluster]) w = row.value;
      }
      return w;
    });
  const dependsOn = ordered.map(() => [] as EDependency[]);
  const dependents = ordered.map(() => [] as number[]);
  for (const d of inv.dependencies) {
    const a = pkgIdx.get(d.package);
    const b = pkgIdx.get(d.dependsOn);
    if (a === undefined || b === undefined) continue;
    dependsOn[a]?.push({ on: b, location: d.location });
    dependents[b]?.push(a);
  }
  for (const list of dependents) list.sort((x, y) => x - y);
  const baseLoad = nodeHosts.map(() => capacityNames.map(() => 0));
  const primaryOf = nodeHosts.map(() => [] as number[]);
  const baseUsed = nodeHosts.map(() => 0);
  const packages: EPackage[] = ordered.map((p, i) => {
    const nodes = p.nodes.map((h) => known(nodeByHost, h, 'node'));
    const primary = at(nodes, 0, 'primary node');
    const cluster = clusterOfNode[primary] ?? -1;
    const weight = weightOf(p, cluster);
    if (primary >= 0) {
      primaryOf[primary]?.push(i);
      baseUsed[primary] = (baseUsed[primary] ?? 0) + p.cores;
      const load = baseLoad[primary] as number[];
      weight.forEach((w, k) => (load[k] = (load[k] ?? 0) + w));
    }
    return {
      idx: i,
      name: p.package,
      cores: p.cores,
      nodes,
      priority: p.priority,
      startS: p.startS,
      vmBootS: p.vmBootS ?? 0,
      ticap: p.ticap,
      onStartFailure: p.onStartFailure,
      autoRun: p.autoRun,
      cluster,
      policy: p.failoverPolicy,
      dependsOn: dependsOn[i] ?? [],
      dependents: dependents[i] ?? [],
      weight,
      weighted: weight.some((w) => w > 0),
    };
  });
  const nodes: ENode[] = nodeHosts.map((h, i) => ({
    idx: i,
    host: h.host,
    npar: h.npar,
    vpar: h.vpar,
    active: h.active,
    baseUsed: baseUsed[i] ?? 0,
    primaryOf: primaryOf[i] ?? [],
    cluster: clusterOfNode[i] ?? -1,
    site: at(complexes, at(npars, h.npar, 'nPar').complex, 'complex').site,
    capacity: nodeCapacity[i] ?? [],
    baseLoad: baseLoad[i] ?? [],
  }));

  // External hosts: managers and Quorum Servers on no partition; each a failure unit `host:H` that
  // fails with its site (spec 8.1).
  const externalSite = new Map<string, string | null>();
  for (const m of inv.managers) if (!nodeByHost.has(m.host)) externalSite.set(m.host, m.site);
  for (const c of clusterRows) {
    const qs = c.quorumServer;
    if (qs === null || nodeByHost.has(qs)) continue;
    externalSite.set(qs, externalSite.get(qs) ?? c.lockSites[0] ?? null);
  }
  const externalNames = uniqueSorted([...externalSite.keys()]);
  const externalHosts: EExternalHost[] = externalNames.map((host, i) => ({
    idx: i,
    host,
    site: siteIdx(externalSite.get(host) ?? null),
  }));
  const clusters: ECluster[] = clusterRows.map((c, i) => {
    const qsNode = c.quorumServer === null ? -1 : (nodeByHost.get(c.quorumServer) ?? -1);
    const qsExternal = c.quorumServer === null ? -1 : externalNames.indexOf(c.quorumServer);
    // A Quorum Server on a partition lives in its complex's site.
    const qsSite =
      qsNode >= 0
        ? at(complexes, at(npars, at(nodeHosts, qsNode, 'node').npar, 'nPar').complex, 'complex')
            .site
        : siteIdx(qsExternal >= 0 ? (externalSite.get(c.quorumServer ?? '') ?? null) : null);
    return {
      idx: i,
      name: c.cluster,
      nodes: c.nodes.map((h) => known(nodeByHost, h, 'node')),
      lock: c.lock,
      lockSites:
        c.lock === 'quorum-server' ? (qsSite >= 0 ? [qsSite] : []) : c.lockSites.map(siteIdx),
      quorumNode: qsNode,
      quorumExternal: qsExternal,
      quorumHost: c.quorumServer,
      memberTimeoutS: c.memberTimeoutS ?? 0,
      packages: packages.filter((p) => p.cluster === i).map((p) => p.idx),
    };
  });
  const groupsManagedBy = new Map<string, number[]>();
  for (const m of inv.managers) push(groupsManagedBy, m.host, known(groupIdx, m.group, 'group'));

  const groups: EGroup[] = inv.groups.map((g, i) => {
    const rows = inv.managers.filter((m) => m.group === g.group);
    const toManager = (m: (typeof rows)[number]): EManager => ({
      host: m.host,
      node: nodeByHost.get(m.host) ?? -1,
      external: externalNames.indexOf(m.host),
      site: siteIdx(m.site),
      takeover: m.takeover,
    });
    const active = rows.find((m) => m.role === 'active');
    if (active === undefined) throw new Error(`group ${g.group} has no active manager`);
    const members = complexes.filter((c) => c.group === i).map((c) => c.idx);
    return {
      idx: i,
      name: g.group,
      sharingRights: g.sharingRights,
      heldRights: g.heldRights,
      members,
      active: toManager(active),
      standbys: rows.filter((m) => m.role === 'standby').map(toManager),
      ticapPool: members.reduce((s, c) => s + (complexes[c]?.ticapMinutes ?? 0), 0),
      sharingRightsRequired: figures.groups.get(g.group)?.sharingRightsRequired ?? 0,
    };
  });

  return {
    inventory: inv,
    sites,
    complexes,
    npars,
    vpars,
    nodes,
    groups,
    externalHosts,
    clusters,
    clustersModelled: inv.clusters !== null,
    packages,
    groupsManagedBy,
    nodeByHost,
    capacityNames,
    policies: inv.dependencies.length > 0 || inv.capacities.length > 0,
  };
}

/**
 * Placement order (spec 8.3): by rank — a number ascending (lower = higher priority), then
 * `no_priority` — then by name [C9].
 */
export function comparePackages(a: Package, b: Package): number {
  const ra = a.priority ?? Number.POSITIVE_INFINITY;
  const rb = b.priority ?? Number.POSITIVE_INFINITY;
  if (ra !== rb) return ra < rb ? -1 : 1;
  return compareText(a.package, b.package);
}

export { compareText };

function uniqueSorted(values: readonly (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== null))].sort(compareText);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** The index of a name the validated inventory guarantees: a miss is a bug (internal error, exit 3). */
function known<K>(map: ReadonlyMap<K, number>, key: K, what: string): number {
  const i = map.get(key);
  if (i === undefined)
    throw new Error(`internal: no ${what} ${String(key)} in the compiled estate`);
  return i;
}
