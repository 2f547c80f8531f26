/**
 * Cross-file rules of Group Managers: the group exists, (group, host) is unique, one active manager per
 * group, and each manager's site is resolved (a co-located one takes its complex's site; assumption
 * A-35 for an external host).
 */
import type { Complex, GicapGroup, GroupManager } from '../../domain/types.js';
import type { Problems } from '../problems.js';
import { checkUnique, str, type Valid } from '../rows.js';
import type { AllRows } from './cascade.js';

/** Managers: group exists; (group, host) unique; one active per group; site resolved. */
export function checkManagers(
  all: AllRows,
  problems: Problems,
  known: {
    readonly groupSure: boolean;
    readonly groupNames: ReadonlySet<string>;
    readonly knownGroups: () => string;
    readonly groupList: readonly Valid<GicapGroup>[];
    readonly partitionHost: ReadonlyMap<string, string>;
    readonly complexByName: ReadonlyMap<string, Complex>;
  },
): GroupManager[] {
  const { groupSure, groupNames, knownGroups, groupList, partitionHost, complexByName } = known;
  const managerUnique = checkUnique(
    'managers.csv',
    all.managers.seen,
    (s) => {
      const g = str(s.fields, 'group');
      const h = str(s.fields, 'host');
      return g === null || h === null ? null : `${g}/${h}`;
    },
    'host',
    (k) => `manager "${k.slice(k.indexOf('/') + 1)}" for group ${k.slice(0, k.indexOf('/'))}`,
    problems,
  );
  /** Groups whose active manager count is unsure (a failed managers row with no readable role). */
  const unsureGroups = new Set<string | null>();
  if (!all.managers.usable) unsureGroups.add(null);
  const activeAt = new Map<string, number>();
  const externalSite = new Map<string, { site: string; line: number }>();
  const managerValues: GroupManager[] = [];
  for (const s of all.managers.seen) {
    const group = str(s.fields, 'group');
    const role = s.fields['role'];
    if (!s.ok) {
      if (role === undefined || role === 'active') unsureGroups.add(group);
      continue;
    }
    const m = all.managers.byRow.get(s.row);
    if (m === undefined || managerUnique.duplicates.has(s.row)) continue;
    if (groupSure && !groupNames.has(m.group)) {
      problems.cell(
        'managers.csv',
        s.row,
        'group',
        `unknown group "${m.group}" (known groups: ${knownGroups()})`,
      );
      continue;
    }
    if (m.role === 'active') {
      const first = activeAt.get(m.group);
      if (first !== undefined) {
        problems.cell(
          'managers.csv',
          s.row,
          'role',
          `second active Group Manager for group ${m.group} (expected exactly one role=active row per group, found also on line ${first})`,
        );
        continue;
      }
      activeAt.set(m.group, s.row.line);
    }
    let site = m.site;
    const complex = partitionHost.get(m.host);
    if (complex !== undefined) {
      // Co-located manager: it runs on a partition and shares its complex's site [G7].
      if (!complexByName.has(complex)) continue;
      const complexSite = complexByName.get(complex)?.site ?? null;
      if (m.site !== null && m.site !== complexSite) {
        problems.cell(
          'managers.csv',
          s.row,
          'site',
          `site differs from complex ${complex} that runs host ${m.host} (expected ${complexSite === null ? 'an empty cell, the complex has no site' : `${complexSite} or an empty cell`}, found "${m.site}")`,
        );
        continue;
      }
      site = complexSite;
    } else if (m.site !== null) {
      // Assumption A-35: an external host is in one site; rows of it that leave site empty take it.
      const first = externalSite.get(m.host);
      if (first !== undefined && first.site !== m.site) {
        problems.cell(
          'managers.csv',
          s.row,
          'site',
          `site differs for external host ${m.host} (expected "${first.site}" as on line ${first.line}, found "${m.site}")`,
        );
        continue;
      }
      if (first === undefined) externalSite.set(m.host, { site: m.site, line: s.row.line });
    }
    managerValues.push({ ...m, site });
  }
  const managersResolved = managerValues.map((m) =>
    m.site === null && !partitionHost.has(m.host)
      ? { ...m, site: externalSite.get(m.host)?.site ?? null }
      : m,
  );
  if (!unsureGroups.has(null)) {
    for (const g of groupList) {
      if (activeAt.has(g.v.group) || unsureGroups.has(g.v.group)) continue;
      problems.cell(
        'groups.csv',
        g.row,
        'group',
        'no active Group Manager (expected exactly one role=active row in managers.csv)',
      );
    }
  }

  return managersResolved;
}
