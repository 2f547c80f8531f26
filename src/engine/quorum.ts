/**
 * Step 0 of a scenario (spec 8.2): which Serviceguard clusters re-form. A cluster with a node down
 * re-forms with a strict majority of its nodes [C1]; with exactly half only if the survivors take the
 * cluster lock [C3, C4]; with fewer than half it halts whatever the lock [C2]. A cluster that halts
 * loses every package, including those whose node is still up.
 *
 * Per cluster, not per package: the counts come from the down nodes of the scenario, so clusters
 * with no node down cost nothing.
 */
import type { ClusterReason } from '../domain/result.js';
import type { ECluster, Estate } from './estate.js';
import type { DownState } from './failure-units.js';
import { at } from './names.js';

/** The verdict on one cluster with at least one node down. */
export interface ClusterVerdict {
  readonly cluster: number;
  readonly nodes: number;
  readonly nodesUp: number;
  readonly reformed: boolean;
  readonly reason: ClusterReason;
  /** Whether the lock is reachable (false for `none`). */
  readonly lockUp: boolean;
  /** The lock site the survivors used or tried (dual-disk: the first one up), or -1. */
  readonly lockSite: number;
}

/** Whether a site is down in the scenario (-1: no site, never down). */
function siteDown(down: DownState, site: number): boolean {
  return site >= 0 && down.site[site] === 1;
}

/**
 * Whether the survivors can take the lock [C3, C4, C7]: a lock disk or LUN whose site is up (no site
 * named: up); a dual lock with at least one of its two sites up; a Quorum Server whose host is up.
 * Returns the site used (or -1) and whether it is up.
 */
export function lockReachable(
  cluster: ECluster,
  down: DownState,
  isNodeDown: (node: number) => boolean,
  survivorSites: readonly number[] = [],
): { up: boolean; site: number } {
  switch (cluster.lock) {
    case 'none':
      return { up: false, site: -1 };
    case 'disk':
    case 'lun': {
      const site = cluster.lockSites[0] ?? -1;
      return { up: !siteDown(down, site), site };
    }
    case 'dual-disk': {
      // The survivors take their local lock disk [C7]: a lock site where a node is up, else any up
      // (assumption A-21).
      const up = cluster.lockSites.filter((s) => !siteDown(down, s));
      const local = up.find((s) => survivorSites.includes(s));
      const site = local ?? up[0];
      return site === undefined
        ? { up: false, site: cluster.lockSites[0] ?? -1 }
        : { up: true, site };
    }
    case 'quorum-server': {
      const up =
        cluster.quorumNode >= 0
          ? !isNodeDown(cluster.quorumNode)
          : cluster.quorumExternal < 0 || down.external[cluster.quorumExternal] !== 1;
      return { up, site: cluster.lockSites[0] ?? -1 };
    }
  }
}

/** Judge one cluster given how many of its nodes are up (spec 8.2). */
export function judgeCluster(
  cluster: ECluster,
  nodesUp: number,
  down: DownState,
  isNodeDown: (node: number) => boolean,
  siteOfNode: (node: number) => number = () => -1,
): ClusterVerdict {
  const nodes = cluster.nodes.length;
  const survivorSites =
    cluster.lock === 'dual-disk' ? cluster.nodes.filter((n) => !isNodeDown(n)).map(siteOfNode) : [];
  const lock = lockReachable(cluster, down, isNodeDown, survivorSites);
  const verdict = (reformed: boolean, reason: ClusterReason): ClusterVerdict => ({
    cluster: cluster.idx,
    nodes,
    nodesUp,
    reformed,
    reason,
    lockUp: lock.up,
    lockSite: lock.site,
  });
  // [C1, C3] more than half: re-forms without the lock.
  if (2 * nodesUp > nodes) return verdict(true, 'majority');
  // [C2] fewer than half: the survivors halt whatever the lock.
  if (2 * nodesUp < nodes || nodesUp === 0) return verdict(false, 'minority');
  // [C3, C4] exactly half: only with the lock.
  if (cluster.lock === 'none') return verdict(false, 'no-lock');
  return lock.up ? verdict(true, 'lock') : verdict(false, 'lock-down');
}

/**
 * Judge every cluster with a node down, in cluster order. `downCount` is scratch space (one slot per
 * cluster, all zero on entry and on return), so a plan allocates it once.
 */
export function judgeClusters(
  estate: Estate,
  down: DownState,
  downCount: Int32Array,
): ClusterVerdict[] {
  if (estate.clusters.length === 0) return [];
  const touched: number[] = [];
  const count = (node: number): void => {
    const c = at(estate.nodes, node, 'node').cluster;
    if (c < 0) return;
    if (downCount[c] === 0) touched.push(c);
    downCount[c] = (downCount[c] ?? 0) + 1;
  };
  for (const n of down.downNpars) {
    // An nPar that runs vPars is no node itself (-1): its vPars are.
    const node = at(estate.npars, n, 'nPar').node;
    if (node >= 0) count(node);
  }
  for (const v of down.downVpars) {
    count(at(estate.vpars, v, 'vPar').node);
  }
  touched.sort((a, b) => a - b);
  const isNodeDown = (node: number): boolean => down.isNodeDown(node);
  const siteOfNode = (node: number): number => at(estate.nodes, node, 'node').site;
  const out: ClusterVerdict[] = [];
  for (const c of touched) {
    const cluster = at(estate.clusters, c, 'cluster');
    const downHere = downCount[c] ?? 0;
    downCount[c] = 0;
    out.push(judgeCluster(cluster, cluster.nodes.length - downHere, down, isNodeDown, siteOfNode));
  }
  return out;
}
