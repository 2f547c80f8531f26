/**
 * Cross-file rules of clusters.csv (spec 8.1): nodes are partition hosts, a host is a node of at most
 * one cluster, the Quorum Server is outside the cluster it serves [C5] and sits where its lock site
 * says, and every package's nodes belong to one and the same cluster.
 *
 * The row-level rules (lock kinds, lock sites per kind, the 4-node limit of lock disks [C6]) are in
 * the row schema (schemas.ts); these need other files.
 */
import type { Cluster, Package } from '../../domain/types.js';
import type { Problems } from '../problems.js';
import { checkUnique, str, type CheckedRows, type Valid } from '../rows.js';
import { listNames } from '../schemas.js';

export interface ClusterKnown {
  /** Every host name row of npars.csv and vpars.csv parsed its name (A-30). */
  readonly hostSure: boolean;
  /** Partition host → complex. */
  readonly partitionHost: ReadonlyMap<string, string>;
  /** Complex → site (null when none). */
  readonly complexSite: ReadonlyMap<string, string | null>;
  /** External Group Manager host → its site (null when not given). */
  readonly externalManagerSite: ReadonlyMap<string, string | null>;
  /** Packages that passed their own checks, with their rows. */
  readonly packages: readonly Valid<Package>[];
  /** Whether every package row parsed (else a package's cluster cannot be checked for all). */
  readonly packagesSure: boolean;
}

/** The clusters, or null when clusters.csv is absent (clusters not modelled, spec 8.1). */
export function checkClusters(
  present: boolean,
  rows: CheckedRows<Cluster>,
  problems: Problems,
  known: ClusterKnown,
): Cluster[] | null {
  if (!present) return null;
  const unique = checkUnique(
    'clusters.csv',
    rows.seen,
    (s) => str(s.fields, 'cluster'),
    'cluster',
    (k) => `cluster "${k}"`,
    problems,
  );
  const { partitionHost } = known;
  const knownHosts = (): string => `known hosts: ${listNames(partitionHost.keys())}`;
  /** Node host → the cluster (and line) that claimed it first. */
  const clusterOf = new Map<string, { cluster: string; line: number }>();
  /** External Quorum Server host → the first cluster (and line) that gave it a site. */
  const qsSite = new Map<string, { site: string; cluster: string; line: number }>();
  const clusters: Cluster[] = [];
  for (const c of rows.valid) {
    if (unique.duplicates.has(c.row)) continue;
    let ok = true;
    for (const node of c.v.nodes) {
      if (known.hostSure && !partitionHost.has(node)) {
        ok = false;
        const external = known.externalManagerSite.has(node);
        problems.cell(
          'clusters.csv',
          c.row,
          'nodes',
          external
            ? `"${node}" is an external Group Manager host, not a cluster node (expected an nPar host or vPar; ${knownHosts()})`
            : `unknown host "${node}" (${knownHosts()})`,
        );
        continue;
      }
      const first = clusterOf.get(node);
      if (first !== undefined) {
        ok = false;
        problems.cell(
          'clusters.csv',
          c.row,
          'nodes',
          `host "${node}" is already a node of cluster ${first.cluster} on line ${first.line} (expected each host in at most one cluster)`,
        );
        continue;
      }
      clusterOf.set(node, { cluster: c.v.cluster, line: c.row.line });
    }
    const qs = c.v.quorumServer;
    const given = c.v.lockSites[0];
    if (qs !== null) {
      const complex = partitionHost.get(qs);
      const firstSite = qsSite.get(qs);
      if (complex !== undefined) {
        // A partition that runs the Quorum Server shares its complex's site (as a co-located manager).
        const site = known.complexSite.get(complex) ?? null;
        if (given !== undefined && given !== site) {
          ok = false;
          problems.cell(
            'clusters.csv',
            c.row,
            'lock_site',
            `site differs from complex ${complex} that runs quorum server ${qs} (expected ${site === null ? 'an empty cell, the complex has no site' : `${site} or an empty cell`}, found "${given}")`,
          );
        }
      } else if (given !== undefined && firstSite !== undefined && firstSite.site !== given) {
        // One external host, one site (A-19): another cluster served by the same Quorum Server may
        // leave lock_site empty or repeat the site, not name another one.
        ok = false;
        problems.cell(
          'clusters.csv',
          c.row,
          'lock_site',
          `site differs for quorum server ${qs}, which cluster ${firstSite.cluster} on line ${firstSite.line} puts in ${firstSite.site} (expected ${firstSite.site} or an empty cell, found "${given}")`,
        );
      } else if (known.externalManagerSite.has(qs)) {
        // The same external host also runs a Group Manager: one host, one site.
        const site = known.externalManagerSite.get(qs) ?? null;
        if (given !== undefined && site !== null && given !== site) {
          ok = false;
          problems.cell(
            'clusters.csv',
            c.row,
            'lock_site',
            `site differs for external host ${qs}, which managers.csv puts in ${site} (expected ${site} or an empty cell, found "${given}")`,
          );
        }
      }
    }
    if (ok && qs !== null && given !== undefined && !partitionHost.has(qs) && !qsSite.has(qs)) {
      qsSite.set(qs, { site: given, cluster: c.v.cluster, line: c.row.line });
    }
    if (ok) clusters.push(c.v);
  }
  if (!rows.usable) return clusters;

  // Every package's nodes are nodes of one and the same cluster (spec 8.1).
  const sure = known.packagesSure && rows.seen.every((s) => s.ok) && unique.duplicates.size === 0;
  if (!sure) return clusters;
  for (const p of known.packages) {
    // A node that is no partition host is reported by the package rules already.
    if (!p.v.nodes.every((n) => partitionHost.has(n))) continue;
    const owners = p.v.nodes.map((n) => clusterOf.get(n)?.cluster ?? null);
    const outside = p.v.nodes.filter((_, i) => owners[i] === null);
    if (outside.length > 0) {
      problems.cell(
        'packages.csv',
        p.row,
        'nodes',
        `${outside.length === 1 ? 'node' : 'nodes'} ${outside.map((n) => `"${n}"`).join(', ')} in no cluster (expected every node of a package in one cluster of clusters.csv)`,
      );
      continue;
    }
    const distinct = [...new Set(owners)];
    if (distinct.length > 1) {
      const where = p.v.nodes.map((n, i) => `${n} in ${owners[i] ?? '?'}`).join(', ');
      problems.cell(
        'packages.csv',
        p.row,
        'nodes',
        `nodes in different clusters (expected every node of a package in one cluster, found ${where})`,
      );
    }
  }
  return clusters;
}
