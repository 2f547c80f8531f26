/**
 * The Serviceguard clusters of a generated estate (spec 8.1): the clusters `assignClusters` gave the
 * nodes (workload.ts), less the nodes that run and adopt no package. Locks are drawn last, per cluster
 * size: a lock disk, LUN or dual lock disk for 2–4 nodes, a Quorum Server (external host `qsNN`,
 * preferably in a site none of its nodes is in [C5]) past 4 nodes as Serviceguard requires [C6] and
 * sometimes below; now and then no lock at all (a gap the planner reports), and a MEMBER_TIMEOUT on
 * about half of them.
 */
import { pad } from './hardware.js';
import type { Rng } from './prng.js';
import type { NodeDraft, PackageDraft } from './workload.js';

export interface ClusterDraft {
  readonly cluster: string;
  readonly nodes: readonly NodeDraft[];
  readonly lock: 'none' | 'disk' | 'dual-disk' | 'lun' | 'quorum-server';
  readonly lockSites: readonly string[];
  readonly quorumServer: string | null;
  readonly memberTimeoutS: number | null;
}

/** Chance that a cluster has no lock (a gap: exactly half of it surviving then halts). */
const NO_LOCK_SHARE = 0.08;
/** Chance that a cluster gives MEMBER_TIMEOUT (else `sg_failover` applies). */
const MEMBER_TIMEOUT_SHARE = 0.5;
const MEMBER_TIMEOUTS = [14, 14, 14, 25] as const;

export function buildClusters(
  nodes: readonly NodeDraft[],
  packages: readonly PackageDraft[],
  sites: readonly string[],
  rng: Rng,
): ClusterDraft[] {
  // Nodes that run or adopt a package, by the cluster `assignClusters` gave them.
  const used = new Set<NodeDraft>();
  for (const p of packages) for (const n of [p.primary, ...p.adoptives]) used.add(n);
  const components = new Map<string, NodeDraft[]>();
  for (const n of nodes) {
    if (!used.has(n)) continue;
    const list = components.get(n.cluster);
    if (list === undefined) components.set(n.cluster, [n]);
    else list.push(n);
  }

  let qsCount = 1;
  // Small clusters take the lock kinds in turn (shuffled once), so every kind shows up in a large
  // estate; past 4 nodes only a Quorum Server is allowed [C6].
  const kinds = rng.shuffle(['dual-disk', 'disk', 'lun', 'qs'] as const);
  let turn = 0;
  const clusters: ClusterDraft[] = [];
  for (const members of components.values()) {
    const name = `sgc${pad(clusters.length + 1, 3)}`;
    const nodeSites = [...new Set(members.map((n) => n.complex.site))];
    const memberTimeoutS = rng.chance(MEMBER_TIMEOUT_SHARE) ? rng.pick(MEMBER_TIMEOUTS) : null;
    const base = { cluster: name, nodes: members, memberTimeoutS };
    const quorumServer = (): ClusterDraft => {
      // [C5] outside the cluster, for two-site clusters in a third site when there is one.
      const away = sites.filter((s) => !nodeSites.includes(s));
      const site = away.length > 0 ? rng.pick(away) : rng.pick(sites);
      return {
        ...base,
        lock: 'quorum-server',
        lockSites: [site],
        quorumServer: `qs${pad(qsCount++, 2)}`,
      };
    };
    if (members.length === 1) {
      clusters.push({ ...base, lock: 'none', lockSites: [], quorumServer: null });
    } else if (rng.chance(NO_LOCK_SHARE)) {
      clusters.push({ ...base, lock: 'none', lockSites: [], quorumServer: null });
    } else if (members.length > 4) {
      clusters.push(quorumServer());
    } else {
      let kind = kinds[turn++ % kinds.length] ?? 'qs';
      // A dual lock needs one disk per data centre: a one-site cluster takes a single disk.
      if (kind === 'dual-disk' && nodeSites.length < 2) kind = 'disk';
      if (kind === 'qs') clusters.push(quorumServer());
      else if (kind === 'dual-disk') {
        clusters.push({
          ...base,
          lock: 'dual-disk',
          lockSites: nodeSites.slice(0, 2),
          quorumServer: null,
        });
      } else {
        clusters.push({
          ...base,
          lock: kind === 'disk' ? 'disk' : 'lun',
          lockSites: [rng.pick(nodeSites)],
          quorumServer: null,
        });
      }
    }
  }
  return clusters;
}
