/**
 * Cross-file rules of packages: each unique, every node a partition host (never an external manager
 * host), and the packages whose first node is a node fit its active cores now (assumption A-16); the
 * error says what to raise with them.
 */
import type { Package } from '../../domain/types.js';
import type { Problems } from '../problems.js';
import { checkUnique, str } from '../rows.js';
import { listNames } from '../schemas.js';
import type { AllRows } from './cascade.js';
import type { NodeRow } from './partitions.js';

/**
 * What to change with a package's cores so that its primary can run it (issue 12): the node's
 * active cores, and for an nPar its rights (active defaults to them) and, beyond its installed
 * cores, its cells' cores.
 */
function raiseHint(row: NodeRow | undefined, needed: number): string {
  if (row === undefined) return '';
  if (row.file === 'vpars') {
    return `; to run them there, raise vpars.csv cores of ${row.key} to ${needed} (and its max, and its nPar's active cores, when below)`;
  }
  const cells =
    row.installed !== null && row.installed < needed
      ? `, and the cores of its active cells in cells.csv to ${needed} in all (${row.installed} installed)`
      : '';
  return `; to run them there, raise npars.csv rights and active of ${row.key} to ${needed}${cells}`;
}

/** Packages: unique; nodes are partition hosts; the load on each primary fits its active cores. */
export function checkPackages(
  all: AllRows,
  problems: Problems,
  known: {
    readonly hostSure: boolean;
    readonly partitionHost: ReadonlyMap<string, string>;
    readonly externalHosts: ReadonlySet<string>;
    readonly nodeActive: ReadonlyMap<string, number | null>;
    readonly nodeRow: ReadonlyMap<string, NodeRow>;
  },
): Package[] {
  const { hostSure, partitionHost, externalHosts, nodeActive, nodeRow } = known;
  const packageUnique = checkUnique(
    'packages.csv',
    all.packages.seen,
    (s) => str(s.fields, 'package'),
    'package',
    (k) => `package "${k}"`,
    problems,
  );
  /** Primaries whose load is unsure (a failed or duplicate package row); null = every node. */
  const unsureNodes = new Set<string | null>();
  for (const s of all.packages.seen) {
    if (s.ok && !packageUnique.duplicates.has(s.row)) continue;
    const nodes = s.fields['nodes'];
    unsureNodes.add(Array.isArray(nodes) ? (nodes[0] as string) : null);
  }
  const load = new Map<string, number>();
  const packageList: Package[] = [];
  for (const p of all.packages.valid) {
    if (packageUnique.duplicates.has(p.row)) continue;
    let nodesOk = true;
    if (hostSure) {
      for (const node of p.v.nodes) {
        if (partitionHost.has(node)) continue;
        nodesOk = false;
        const knownHosts = `known hosts: ${listNames(partitionHost.keys())}`;
        problems.cell(
          'packages.csv',
          p.row,
          'nodes',
          externalHosts.has(node)
            ? `"${node}" is an external Group Manager host, not a package node (expected an nPar host or vPar; ${knownHosts})`
            : `unknown host "${node}" (${knownHosts})`,
        );
      }
    }
    packageList.push(p.v);
    const primary = p.v.nodes[0];
    if (!nodesOk || primary === undefined || unsureNodes.has(null) || unsureNodes.has(primary)) {
      continue;
    }
    const capacity = nodeActive.get(primary);
    if (capacity === null || capacity === undefined) continue;
    const before = load.get(primary) ?? 0;
    const after = before + p.v.cores;
    load.set(primary, after);
    // Packages run on their primary now: their cores count against its active cores [spec 2].
    if (before <= capacity && after > capacity) {
      problems.cell(
        'packages.csv',
        p.row,
        'cores',
        `packages running on ${primary} need ${after} cores, more than its ${capacity} active cores (expected at most ${capacity} cores for the packages with ${primary} first in nodes, found ${after})${raiseHint(nodeRow.get(primary), after)}`,
      );
    }
  }

  return packageList;
}
