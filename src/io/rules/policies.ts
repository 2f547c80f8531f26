/**
 * Cross-file rules of the placement policies (spec 9.1): dependencies.csv, capacities.csv and
 * weights.csv against the packages and clusters. The row-level rules (value types, a package that
 * depends on itself, `*` without a cluster) are in the row schemas (schemas.ts).
 *
 * Every rule reports on the cell that breaks it; the optional files are empty lists when absent.
 */
import type {
  Cluster,
  Dependency,
  NodeCapacity,
  Package,
  PackageWeight,
} from '../../domain/types.js';
import { PACKAGE_LIMIT } from '../../domain/policies.js';
import type { Problems } from '../problems.js';
import { checkUnique, str, type CheckedRows, type Valid } from '../rows.js';
import { listNames } from '../schemas.js';

export interface PolicyKnown {
  /** Packages that passed their own checks, with their rows. */
  readonly packages: readonly Valid<Package>[];
  /** Every package row parsed (else "unknown package" could be a cascade, A-30). */
  readonly packagesSure: boolean;
  /** The valid clusters, or null without clusters.csv. */
  readonly clusters: readonly Cluster[] | null;
  /** Every clusters.csv row passed (else "not a cluster node" could be a cascade). */
  readonly clustersSure: boolean;
}

export interface PolicyRows {
  readonly dependencies: CheckedRows<Dependency>;
  readonly capacities: CheckedRows<NodeCapacity>;
  readonly weights: CheckedRows<PackageWeight>;
}

export interface Policies {
  readonly dependencies: Dependency[];
  readonly capacities: NodeCapacity[];
  readonly weights: PackageWeight[];
}

export function checkPolicies(rows: PolicyRows, problems: Problems, known: PolicyKnown): Policies {
  const pkgByName = new Map(known.packages.map((p) => [p.v.package, p]));
  const clusterOfNode = new Map<string, string>();
  for (const c of known.clusters ?? []) for (const n of c.nodes) clusterOfNode.set(n, c.cluster);
  /** A package's cluster: that of its primary (spec 8.1 puts all its nodes in one). */
  const clusterOf = (p: Package): string | null => clusterOfNode.get(p.nodes[0] ?? '') ?? null;
  const knownPackages = (): string => `known packages: ${listNames(pkgByName.keys())}`;

  const dependencies = checkDependencies(rows.dependencies, problems, known, pkgByName, clusterOf);
  const capacities = checkCapacities(rows.capacities, problems, known, clusterOfNode);

  // --- weights.csv
  const weights: PackageWeight[] = [];
  const wUnique = checkUnique(
    'weights.csv',
    rows.weights.seen,
    (s) => {
      const p = str(s.fields, 'package');
      const c = str(s.fields, 'capacity');
      return p === null || c === null ? null : `${p}/${str(s.fields, 'cluster') ?? ''}/${c}`;
    },
    'capacity',
    (k) => `weight "${k}"`,
    problems,
  );
  /** Capacity names defined on each cluster's nodes. */
  const namesOf = new Map<string, Set<string>>();
  for (const c of capacities) {
    const cluster = clusterOfNode.get(c.node);
    if (cluster === undefined) continue;
    let set = namesOf.get(cluster);
    if (set === undefined) namesOf.set(cluster, (set = new Set()));
    set.add(c.capacity);
  }
  const clusterNames = new Set((known.clusters ?? []).map((c) => c.cluster));
  for (const w of rows.weights.valid) {
    if (wUnique.duplicates.has(w.row)) continue;
    let ok = true;
    let cluster: string | null = w.v.cluster;
    if (w.v.package !== null) {
      const p = pkgByName.get(w.v.package);
      if (p === undefined) {
        if (known.packagesSure) {
          problems.cell(
            'weights.csv',
            w.row,
            'package',
            `unknown package "${w.v.package}" (${knownPackages()})`,
          );
        }
        continue;
      }
      const own = clusterOf(p.v);
      if (own === null) {
        // Weights are cluster settings (assumption A-26). When a clusters.csv row was refused, the
        // package's cluster is unknown: saying it has none would be a cascade.
        if (known.clustersSure) {
          problems.cell(
            'weights.csv',
            w.row,
            'package',
            `package ${w.v.package} is in no cluster (expected a package of a cluster of clusters.csv; weights need clusters [P5])`,
          );
        }
        continue;
      }
      if (w.v.cluster !== null && own !== w.v.cluster) {
        ok = false;
        problems.cell(
          'weights.csv',
          w.row,
          'cluster',
          `package ${w.v.package} is in cluster ${own} (expected ${own} or an empty cell, found "${w.v.cluster}")`,
        );
      }
      cluster = own;
    } else if (cluster !== null && !clusterNames.has(cluster)) {
      if (known.clustersSure) {
        problems.cell(
          'weights.csv',
          w.row,
          'cluster',
          `unknown cluster "${cluster}" (known clusters: ${listNames(clusterNames)})`,
        );
      }
      continue;
    }
    if (w.v.capacity === PACKAGE_LIMIT) {
      ok = false;
      problems.cell(
        'weights.csv',
        w.row,
        'capacity',
        `every package weighs 1 for ${PACKAGE_LIMIT} [P6] (expected another capacity name, found "${PACKAGE_LIMIT}")`,
      );
    } else if (ok && cluster !== null && !(namesOf.get(cluster)?.has(w.v.capacity) ?? false)) {
      ok = false;
      problems.cell(
        'weights.csv',
        w.row,
        'capacity',
        `capacity "${w.v.capacity}" is defined on no node of cluster ${cluster} (expected one of ${listNames(namesOf.get(cluster) ?? [])})`,
      );
    }
    if (ok) weights.push(w.v);
  }

  // [P7] a package with a weight must be configured_node ("cmapplyconf will fail").
  for (const p of known.packages) {
    if (p.v.failoverPolicy === 'configured_node') continue;
    const cluster = clusterOf(p.v);
    if (cluster === null) continue;
    const names = namesOf.get(cluster);
    if (names === undefined) continue;
    const heavy = names.has(PACKAGE_LIMIT)
      ? PACKAGE_LIMIT
      : [...names].find((name) => weightOf(weights, p.v.package, cluster, name) > 0);
    if (heavy === undefined) continue;
    problems.cell(
      'packages.csv',
      p.row,
      'failover_policy',
      `a package with a weight must use configured_node [P7] (expected configured_node, found ${p.v.failoverPolicy}; it weighs ${heavy === PACKAGE_LIMIT ? 1 : weightOf(weights, p.v.package, cluster, heavy)} of capacity ${heavy} in cluster ${cluster})`,
    );
  }
  return { dependencies, capacities, weights };
}

/** A package's weight for a capacity: its own row, else its cluster's `*` row, else 0 [P6]. */
export function weightOf(
  weights: readonly PackageWeight[],
  pkg: string,
  cluster: string,
  capacity: string,
): number {
  if (capacity === PACKAGE_LIMIT) return 1;
  let fallback = 0;
  for (const w of weights) {
    if (w.capacity !== capacity) continue;
    if (w.package === pkg) return w.value;
    if (w.package === null && w.cluster === cluster) fallback = w.value;
  }
  return fallback;
}

function checkDependencies(
  checked: CheckedRows<Dependency>,
  problems: Problems,
  known: PolicyKnown,
  pkgByName: ReadonlyMap<string, Valid<Package>>,
  clusterOf: (p: Package) => string | null,
): Dependency[] {
  const unique = checkUnique(
    'dependencies.csv',
    checked.seen,
    (s) => {
      const p = str(s.fields, 'package');
      const d = str(s.fields, 'depends_on');
      return p === null || d === null ? null : `${p} on ${d}`;
    },
    'depends_on',
    (k) => `dependency "${k}"`,
    problems,
  );
  const knownPackages = (): string => `known packages: ${listNames(pkgByName.keys())}`;
  const kept: Valid<Dependency>[] = [];
  for (const d of checked.valid) {
    if (unique.duplicates.has(d.row)) continue;
    let ok = true;
    const p = pkgByName.get(d.v.package);
    const q = pkgByName.get(d.v.dependsOn);
    for (const [column, name, found] of [
      ['package', d.v.package, p],
      ['depends_on', d.v.dependsOn, q],
    ] as const) {
      if (found !== undefined) continue;
      ok = false;
      if (known.packagesSure) {
        problems.cell(
          'dependencies.csv',
          d.row,
          column,
          `unknown package "${name}" (${knownPackages()})`,
        );
      }
    }
    if (p === undefined || q === undefined) continue;
    // [P3] both packages of a dependency are in one cluster.
    const cp = clusterOf(p.v);
    const cq = clusterOf(q.v);
    if (known.clusters !== null && cp !== cq) {
      ok = false;
      problems.cell(
        'dependencies.csv',
        d.row,
        'depends_on',
        `packages in different clusters [P3] (expected a package of cluster ${cp ?? '?'} like ${d.v.package}, found ${d.v.dependsOn} in cluster ${cq ?? '?'})`,
      );
    }
    // [P3] a min_package_node package may only depend on multi-node packages; every package of the
    // inventory is a failover package (multi-node packages are not modelled, assumption A-25).
    if (p.v.failoverPolicy === 'min_package_node') {
      ok = false;
      problems.cell(
        'dependencies.csv',
        d.row,
        'package',
        `a min_package_node package may not depend on a failover package [P3] (expected a dependent with another failover_policy, found ${d.v.package} with min_package_node)`,
      );
    }
    if (ok) kept.push(d);
  }

  // No cycle (spec 9.1): each cycle once, on the row of its first edge in line order, named whole.
  const out = new Map<string, Valid<Dependency>[]>();
  for (const d of kept) {
    const list = out.get(d.v.package);
    if (list === undefined) out.set(d.v.package, [d]);
    else list.push(d);
  }
  const inCycle = new Set<Valid<Dependency>>();
  const reported = new Set<string>();
  const state = new Map<string, 1 | 2>();
  const stack: Valid<Dependency>[] = [];
  const visit = (name: string): void => {
    state.set(name, 1);
    for (const e of out.get(name) ?? []) {
      const next = e.v.dependsOn;
      const s = state.get(next);
      if (s === 1) {
        const start = stack.findIndex((x) => x.v.package === next);
        const edges = [...stack.slice(start), e];
        const first = edges.reduce((a, b) => (b.row.line < a.row.line ? b : a));
        const at = edges.indexOf(first);
        const ordered = [...edges.slice(at), ...edges.slice(0, at)];
        const names = [...ordered.map((x) => x.v.package), first.v.package];
        const key = [...new Set(names)].sort().join(' ');
        for (const x of edges) inCycle.add(x);
        if (!reported.has(key)) {
          reported.add(key);
          problems.cell(
            'dependencies.csv',
            first.row,
            'depends_on',
            `dependency cycle ${names.join(' → ')} (expected no package to depend on itself through others)`,
          );
        }
      } else if (s === undefined) {
        stack.push(e);
        visit(next);
        stack.pop();
      }
    }
    state.set(name, 2);
  };
  for (const d of kept) if (!state.has(d.v.package)) visit(d.v.package);
  return kept.filter((d) => !inCycle.has(d)).map((d) => d.v);
}

function checkCapacities(
  checked: CheckedRows<NodeCapacity>,
  problems: Problems,
  known: PolicyKnown,
  clusterOfNode: ReadonlyMap<string, string>,
): NodeCapacity[] {
  const unique = checkUnique(
    'capacities.csv',
    checked.seen,
    (s) => {
      const n = str(s.fields, 'node');
      const c = str(s.fields, 'capacity');
      return n === null || c === null ? null : `${n}/${c}`;
    },
    'capacity',
    (k) => `capacity "${k}"`,
    problems,
  );
  const kept: NodeCapacity[] = [];
  /** Cluster → capacity names in line order. */
  const names = new Map<string, string[]>();
  for (const c of checked.valid) {
    if (unique.duplicates.has(c.row)) continue;
    const cluster = clusterOfNode.get(c.v.node);
    if (cluster === undefined) {
      // Capacities and weights are cluster settings: they need clusters.csv (assumption A-26).
      if (known.clustersSure) {
        problems.cell(
          'capacities.csv',
          c.row,
          'node',
          known.clusters === null
            ? `capacities need clusters.csv [P5] (expected a node of a cluster, found "${c.v.node}" and no clusters.csv)`
            : `"${c.v.node}" is no cluster node (expected a node of a cluster of clusters.csv; known nodes: ${listNames(clusterOfNode.keys())})`,
        );
      }
      continue;
    }
    let list = names.get(cluster);
    if (list === undefined) names.set(cluster, (list = []));
    if (!list.includes(c.v.capacity)) {
      const after = [...list, c.v.capacity];
      // [P5] at most 4 capacity names per cluster, or package_limit alone.
      const limitMixed = after.length > 1 && after.includes(PACKAGE_LIMIT);
      if (after.length > 4 || limitMixed) {
        problems.cell(
          'capacities.csv',
          c.row,
          'capacity',
          limitMixed
            ? `${PACKAGE_LIMIT} must be the only capacity of a cluster [P5] (expected only ${PACKAGE_LIMIT} in cluster ${cluster}, found ${after.join(', ')})`
            : `more than 4 capacities in cluster ${cluster} [P5] (expected at most 4 names, found ${after.join(', ')})`,
        );
        continue;
      }
      list.push(c.v.capacity);
    }
    kept.push(c.v);
  }
  return kept;
}
