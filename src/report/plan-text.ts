/**
 * What `gicap plan` prints on the terminal: the first screen of the report (issue 12, points 3–5)
 * in a few lines: totals, never one line per partition. Numbers use the reports' formatter
 * (`356,989`), words their proper plurals. Pure: the CLI writes the lines.
 */
import type { PlanReport } from '../domain/result.js';
import { changedMarker, comparisonRows, minimumNote } from './document.js';
import { formatSeconds } from './format.js';
import {
  byFailuresLine,
  losingWorstFirst,
  nextCommands,
  packagesLostIn,
  purchaseLine,
  shortfallByGroup,
  worstTimePerPackage,
} from './headline.js';
import { formatNumber, plural } from '../text/count.js';

/** How many worst scenarios and slowest packages the terminal names. */
const TERMINAL_TOP = 3;

export interface PlanTextOptions {
  /** The inventory as the user named it (for the next command). */
  readonly inventory: string;
}

function firstLine(report: PlanReport): string {
  const s = report.summary;
  const marker = changedMarker(report);
  const k = report.parameters.maxFailures;
  const head = `${report.inventory.name}${marker === null ? '' : ` (${marker})`}: ${plural(s.scenarios, 'scenario', 'scenarios')} (up to ${plural(k, 'failure', 'failures')})`;
  if (s.lost === 0) return `${head}, ${s.scenarios === 1 ? 'it survives' : 'all survive'}`;
  return `${head}, ${formatNumber(s.survived)} survive, ${formatNumber(s.lost)} ${s.lost === 1 ? 'loses' : 'lose'} ${plural(s.packagesLost, 'package', 'packages')} in all`;
}

function comparisonLines(report: PlanReport): string[] {
  const c = report.comparison;
  if (c === null) return [];
  const changed = comparisonRows(c)
    .filter((r) => (r[0] === 'Scenarios that flip' ? c.flipped.length > 0 : r[3] !== '–'))
    .map((r) => {
      const [measure = '', before = '', after = ''] = r;
      return measure === 'Scenarios that flip'
        ? `${plural(c.flipped.length, 'scenario flips', 'scenarios flip')} (${after})`
        : `${measure.charAt(0).toLowerCase()}${measure.slice(1)} ${before} → ${after}`;
    });
  return [
    `  Against the baseline (${c.changes.join(', ')}):`,
    `    ${changed.length === 0 ? 'no change in losses, shortfall or compliance' : changed.join('; ')}`,
  ];
}

function shortfallLine(report: PlanReport): string {
  const rows = shortfallByGroup(report);
  const parts = rows
    .filter((g) => g.inactiveCores > 0 || g.sharingRights > 0)
    .map((g) => {
      const what: string[] = [];
      if (g.inactiveCores > 0) {
        const named = g.partitions.slice(0, TERMINAL_TOP).join(', ');
        const more = g.partitions.length - TERMINAL_TOP;
        what.push(
          `${plural(g.inactiveCores, 'inactive core', 'inactive cores')} (${named}${more > 0 ? ` and ${plural(more, 'more nPar', 'more nPars')}` : ''})`,
        );
      }
      if (g.sharingRights > 0) {
        what.push(plural(g.sharingRights, 'sharing right', 'sharing rights'));
      }
      return `${g.group ?? 'no GiCAP group'} ${what.join(' and ')}`;
    });
  if (parts.length > 0) return `  Shortfall: ${parts.join('; ')}`;
  const none =
    '  Shortfall: none (no partition short of inactive cores, no group short of sharing rights)';
  const fixable = report.summary.lostFixable;
  // "None" next to losses a purchase can fix reads as a contradiction: say what sizing counts.
  return fixable === 0
    ? none
    : `${none}; sizing counts only those, so what saves the ${plural(fixable, 'losing scenario', 'losing scenarios')} a purchase can fix (core usage rights, TiCAP) is priced by gicap optimize`;
}

/** Up to this many groups get a line each; beyond, one total line and the groups that need a word. */
const TERMINAL_GROUPS = 4;

function groupLines(report: PlanReport): string[] {
  const many = report.groups.length > TERMINAL_GROUPS;
  const shown = many
    ? report.groups.filter((g) => !g.compliant || minimumNote(g) !== null)
    : report.groups;
  const total = many
    ? [
        `  Groups: ${formatNumber(report.groups.length - report.summary.nonCompliantGroups)} of ${plural(report.groups.length, 'group', 'groups')} compliant`,
      ]
    : [];
  return [
    ...total,
    ...shown.map((g) => {
      const note = minimumNote(g);
      return (
        `  ${g.group}: sharing rights owned ${formatNumber(g.sharingRightsOwned)}, required ${formatNumber(g.sharingRightsRequired)}, minimum ${formatNumber(g.sharingRightsMinimum)}: ` +
        (g.compliant ? 'compliant' : `NOT compliant (short by ${formatNumber(g.shortfall)})`) +
        (note === null
          ? ''
          : ` (minimum above owned: installing the inactive cores short needs ${plural(g.sharingRightsMinimum - g.sharingRightsOwned, 'more sharing right', 'more sharing rights')})`)
      );
    }),
  ];
}

/** The lines `gicap plan` prints before the list of files written. */
export function renderPlanText(report: PlanReport, opts: PlanTextOptions): string[] {
  const s = report.summary;
  const lines = [firstLine(report), ...comparisonLines(report)];
  if (s.byFailures.length > 1 || s.lost > 0) {
    lines.push(...s.byFailures.map((b) => `  ${byFailuresLine(b)}`));
  }
  if (s.lost > 0) lines.push(`  ${purchaseLine(report)}`);
  lines.push(shortfallLine(report), ...groupLines(report));
  const worst = losingWorstFirst(report).slice(0, TERMINAL_TOP);
  if (worst.length > 0) {
    lines.push(
      `  Worst: ${worst.map((w) => `${w.id} (${plural(packagesLostIn(w), 'package', 'packages')} lost)`).join('; ')}`,
    );
  }
  const slow = worstTimePerPackage(report).slice(0, TERMINAL_TOP);
  if (slow.length > 0) {
    lines.push(
      `  Slowest back (listed scenarios): ${slow.map((p) => `${p.package} up to ${formatSeconds(p.time.max)} (typ. ${formatSeconds(p.time.typical)}) in ${p.scenario}`).join('; ')}`,
    );
  }
  const next = nextCommands(report, opts.inventory);
  if (next.length > 0) lines.push(`  Next: ${next.join('; ')}`);
  return lines;
}
