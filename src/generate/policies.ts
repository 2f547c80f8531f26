/**
 * Placement policies of a generated estate (spec 9.1), so that the benchmark measures them: in about a
 * third of the clusters some packages depend on an earlier package of the same cluster (acyclic by
 * construction), every fourth cluster limits its nodes with `package_limit`, and every fourth (offset
 * by two) gives its nodes a `cores` capacity with each package weighing its cores. Capacities leave
 * room for (nearly) every package that lists the node, so failovers contend for them.
 */
import type { ClusterDraft } from './clusters.js';
import type { Rng } from './prng.js';
import type { PackageDraft } from './workload.js';

export interface PoliciesDraft {
  readonly dependencies: readonly (readonly [string, string, string])[];
  readonly capacities: readonly (readonly [string, string, number])[];
  readonly weights: readonly (readonly [string, string, string, number])[];
}

const DEPENDENCY_CLUSTER_SHARE = 0.25;
const DEPENDENT_SHARE = 0.2;
const LOCATIONS = ['same_node', 'any_node', 'any_node', 'different_node'] as const;

export function buildPolicies(
  packages: readonly PackageDraft[],
  clusters: readonly ClusterDraft[],
  rng: Rng,
): PoliciesDraft {
  const clusterOfHost = new Map<string, number>();
  clusters.forEach((c, i) => {
    for (const n of c.nodes) clusterOfHost.set(n.host, i);
  });
  const members = clusters.map(() => [] as PackageDraft[]);
  for (const p of packages) {
    const c = clusterOfHost.get(p.primary.host);
    if (c !== undefined) members[c]?.push(p);
  }
  const dependencies: [string, string, string][] = [];
  const capacities: [string, string, number][] = [];
  const weights: [string, string, string, number][] = [];
  clusters.forEach((c, i) => {
    const list = members[i] ?? [];
    if (list.length >= 2 && rng.chance(DEPENDENCY_CLUSTER_SHARE)) {
      for (let j = 1; j < list.length; j++) {
        if (!rng.chance(DEPENDENT_SHARE)) continue;
        const on = list[rng.int(0, j - 1)];
        const p = list[j];
        if (on === undefined || p === undefined) continue;
        // As Serviceguard requires of a running estate: a same_node pair runs on one node and can
        // follow to the other's adoptive; a different_node pair runs on two nodes.
        const sameHome = p.primary === on.primary;
        const follows = on.adoptives.every((n) => p.adoptives.includes(n));
        const location = rng.pick(LOCATIONS);
        if (location === 'same_node' && !(sameHome && follows)) continue;
        if (location === 'different_node' && sameHome) continue;
        dependencies.push([p.package, on.package, location]);
      }
    }
    // Room for every package that lists the node (package_limit), or for all but the smallest
    // (cores): a capacity binds only when nearly every package that may run there lands together.
    const listing = (n: ClusterDraft['nodes'][number]): PackageDraft[] =>
      list.filter((p) => p.primary === n || p.adoptives.includes(n));
    if (i % 4 === 0) {
      for (const n of c.nodes) {
        capacities.push([n.host, 'package_limit', listing(n).length]);
      }
    } else if (i % 4 === 2) {
      for (const n of c.nodes) {
        const sizes = listing(n).map((p) => p.cores);
        const total = sizes.reduce((s, c) => s + c, 0);
        capacities.push([n.host, 'cores', sizes.length > 2 ? total - Math.min(...sizes) : total]);
      }
      for (const p of list) weights.push([p.package, c.cluster, 'cores', p.cores]);
    }
  });
  return { dependencies, capacities, weights };
}
