/**
 * Cross-file rules of complexes and groups: each unique, a complex's group exists, and a complex owns
 * no more core usage rights than it has cores [G1, Q5].
 */
import type { Complex, GicapGroup } from '../../domain/types.js';
import type { Problems } from '../problems.js';
import { checkUnique, str, type CheckedRows, type Valid } from '../rows.js';
import { listNames } from '../schemas.js';
import type { AllRows, CascadeGuard } from './cascade.js';

/** The complexes and groups that checked out, and their names (for the rules that refer to them). */
export interface ComplexesAndGroups {
  readonly complexList: readonly Valid<Complex>[];
  readonly complexNames: ReadonlySet<string>;
  readonly complexByName: ReadonlyMap<string, Complex>;
  readonly groupList: readonly Valid<GicapGroup>[];
  readonly groupNames: ReadonlySet<string>;
  /** The known groups as an error message lists them. */
  readonly knownGroups: () => string;
}

export function checkComplexesAndGroups(
  all: AllRows,
  guard: CascadeGuard,
  problems: Problems,
): ComplexesAndGroups {
  const groupSure = guard.groups;
  // --- complexes: unique; group exists.
  const complexUnique = checkUnique(
    'complexes.csv',
    all.complexes.seen,
    (s) => str(s.fields, 'complex'),
    'complex',
    (k) => `complex "${k}"`,
    problems,
  );
  const complexNames = new Set(complexUnique.firstLine.keys());
  const complexList = all.complexes.valid.filter((c) => !complexUnique.duplicates.has(c.row));
  const complexByName = new Map(complexList.map((c) => [c.v.complex, c.v]));

  // --- groups: unique.
  const groupUnique = checkUnique(
    'groups.csv',
    all.groups.seen,
    (s) => str(s.fields, 'group'),
    'group',
    (k) => `group "${k}"`,
    problems,
  );
  const groupNames = new Set(groupUnique.firstLine.keys());
  const groupList = all.groups.valid.filter((g) => !groupUnique.duplicates.has(g.row));
  const knownGroups = (): string =>
    all.groups.seen.length === 0 && groupSure
      ? 'none: groups.csv has no rows or is absent'
      : listNames(groupNames);

  if (groupSure) {
    for (const c of complexList) {
      if (c.v.group !== null && !groupNames.has(c.v.group)) {
        problems.cell(
          'complexes.csv',
          c.row,
          'group',
          `unknown group "${c.v.group}" (known groups: ${knownGroups()})`,
        );
      }
    }
  }

  return { complexList, complexNames, complexByName, groupList, groupNames, knownGroups };
}

/**
 * A complex cannot own more core usage rights than it has cores [G1, Q5]: its unassigned rights are
 * at most the cores on every cell (active or not) less the rights of its nPars, so that its "cores
 * without usage rights" (spec 4) are never negative. Judged only for a complex whose every cell and
 * nPar row checked out (assumption A-30).
 */
export function checkComplexRights(
  all: AllRows,
  complexList: readonly Valid<Complex>[],
  problems: Problems,
): void {
  if (!all.cells.usable || !all.npars.usable) return;
  const unsure = new Set<string | null>();
  /** Σ `value` of the valid rows by complex; a complex with a failed row is unsure. */
  const sumByComplex = <T>(
    checked: CheckedRows<T>,
    value: (v: T) => number,
  ): Map<string, number> => {
    const total = new Map<string, number>();
    for (const s of checked.seen) {
      const complex = str(s.fields, 'complex');
      const v = checked.byRow.get(s.row);
      if (v === undefined) unsure.add(complex);
      else if (complex !== null) total.set(complex, (total.get(complex) ?? 0) + value(v));
    }
    return total;
  };
  const cores = sumByComplex(all.cells, (c) => c.cores);
  const rights = sumByComplex(all.npars, (n) => n.rights);
  if (unsure.has(null)) return;
  for (const c of complexList) {
    const name = c.v.complex;
    if (c.v.unassignedRights === 0 || unsure.has(name)) continue;
    const installed = cores.get(name) ?? 0;
    const assigned = rights.get(name) ?? 0;
    const room = Math.max(0, installed - assigned);
    if (c.v.unassignedRights > room) {
      problems.cell(
        'complexes.csv',
        c.row,
        'unassigned_rights',
        `more rights than the complex has cores (expected at most ${room}: its ${installed} cores on every cell less the ${assigned} rights of its nPars; found ${c.v.unassignedRights})`,
      );
    }
  }
}
