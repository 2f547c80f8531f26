/**
 * The cascade guard (assumption A-30), as one type: which name sets are complete. A row that failed
 * its schema still registers the names it carries, but a name missing from a file is "unknown" only
 * when every row of that file named it (parsed, possibly empty); otherwise a cross-file rule stays
 * silent, so one mistake is reported once. Computed once from the checked rows of every file.
 */
import type {
  Cell,
  Cluster,
  Complex,
  GicapGroup,
  GroupManager,
  Package,
} from '../../domain/types.js';
import type { CheckedRows } from '../rows.js';
import type { NParRow, VParRow } from '../schemas.js';
import type { PolicyRows } from './policies.js';

/** The rows of every file after their schemas: valid ones, and every row seen (valid or not). */
export interface AllRows {
  readonly complexes: CheckedRows<Complex>;
  readonly cells: CheckedRows<Cell>;
  readonly npars: CheckedRows<NParRow>;
  readonly vpars: CheckedRows<VParRow>;
  readonly groups: CheckedRows<GicapGroup>;
  readonly managers: CheckedRows<GroupManager>;
  readonly packages: CheckedRows<Package>;
  readonly clusters: CheckedRows<Cluster>;
  /** clusters.csv was given (absent: clusters are not modelled, spec 8.1). */
  readonly clustersPresent: boolean;
  /** dependencies.csv, capacities.csv, weights.csv (spec 9.1). */
  readonly policies: PolicyRows;
}

/** Whether each set of names is complete, so that a name missing from it is truly unknown. */
export interface CascadeGuard {
  readonly complexes: boolean;
  readonly groups: boolean;
  readonly npars: boolean;
  readonly vpars: boolean;
  /** nPar hosts and vPar names, one namespace (assumption A-33). */
  readonly hosts: boolean;
  /** Every package row parsed. */
  readonly packages: boolean;
  /** Every clusters.csv row parsed. */
  readonly clusters: boolean;
}

export function cascadeGuard(all: AllRows): CascadeGuard {
  return {
    complexes: namesSure(all.complexes, ['complex']),
    groups: namesSure(all.groups, ['group']),
    npars: namesSure(all.npars, ['complex', 'npar']),
    vpars: namesSure(all.vpars, ['complex', 'npar']),
    hosts: namesSure(all.npars, ['host']) && namesSure(all.vpars, ['vpar']),
    packages: all.packages.usable && all.packages.seen.every((s) => s.ok),
    clusters: all.clusters.seen.every((s) => s.ok),
  };
}

/**
 * Whether every row of a file named its `columns` (parsed, possibly empty): only then can a name
 * missing from the file be called unknown (assumption A-30).
 */
function namesSure(checked: CheckedRows<unknown>, columns: readonly string[]): boolean {
  return checked.usable && checked.seen.every((s) => columns.every((c) => c in s.fields));
}
