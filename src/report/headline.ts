/**
 * The answers a planner looks for first (issue 12, point 3), derived once from a PlanReport and
 * shown first by every human format: the terminal (`gicap plan`), report.md and report.html. Pure.
 *
 * - losses by number of failures (N+1, N+2, …);
 * - losses a purchase can fix against those none can (src/domain/loss.ts draws the line);
 * - the shortfall per GiCAP group (nPar rows only: a vPar draws on its nPar's inactive cores, so
 *   its row repeats the nPar's shortfall and is not added again);
 * - the worst recovery time per package, and the losing scenarios worst first;
 * - the next command to run.
 */
import { DEFAULT_OUTAGE_HOURS } from '../domain/defaults.js';
import type {
  LossesByFailures,
  PartitionSizing,
  PlanReport,
  ScenarioResult,
} from '../domain/result.js';
import type { TimeRange } from '../domain/timing.js';
import { formatNumber, plural } from '../text/count.js';
import { compareText } from '../text/order.js';
import { shellArg } from '../text/shell.js';
import { nparKey } from '../domain/derived.js';

/**
 * One sentence, said by `plan` (sizing) and `optimize` (its unsaveable list) alike: they draw the
 * same line (src/domain/loss.ts, src/engine/sizing-demand.ts).
 */
export const UNSAVEABLE_SIZING_NOTE =
  'A package that no purchase can save (no node of its list up, a vPar at its max [V1] or static ' +
  '[V6], its cluster halted [C2], auto_run off [C11], no node eligible for its capacity weights or ' +
  'its site_preferred_manual policy [P1, P5], or lost with a package it depends on that no ' +
  'purchase saves [P4]) adds no sizing demand: gicap plan leaves it out of each partition’s ' +
  'minimum inactive cores, and gicap optimize buys nothing for it.';

/** `N+1` for one failed unit, `N+2` for two, … */
export function failuresLabel(failures: number): string {
  return `N+${failures}`;
}

/** Packages lost in a scenario. */
export function packagesLostIn(s: ScenarioResult): number {
  return s.packages.filter((p) => p.status === 'lost').length;
}

/** Worst first: most packages lost, then the latest back (max time), then id. */
export function worseScenarioFirst(a: ScenarioResult, b: ScenarioResult): number {
  return (
    packagesLostIn(b) - packagesLostIn(a) ||
    (b.time?.max ?? 0) - (a.time?.max ?? 0) ||
    compareText(a.id, b.id)
  );
}

/** The listed scenarios that lose a package, worst first. */
export function losingWorstFirst(report: PlanReport): ScenarioResult[] {
  return report.scenarios.filter((s) => !s.survives).sort(worseScenarioFirst);
}

export interface GroupShortfall {
  /** The group, or null for the complexes in no group. */
  readonly group: string | null;
  /** Σ nPar shortfalls of its member complexes, cores. */
  readonly inactiveCores: number;
  /** The nPars (`C/N`) short, in report order. */
  readonly partitions: readonly string[];
  /** Sharing rights short [G1] (0 for the complexes in no group). */
  readonly sharingRights: number;
  readonly compliant: boolean;
}

/** The shortfall per group, then the complexes in no group (only when one of them is short). */
export function shortfallByGroup(report: PlanReport): GroupShortfall[] {
  const groupOf = new Map<string, string>();
  for (const g of report.groups) for (const m of g.members) groupOf.set(m, g.group);
  const cores = new Map<string | null, number>();
  const short = new Map<string | null, string[]>();
  for (const p of report.partitions) {
    if (p.vpar !== null || p.shortfall === 0) continue;
    const g = groupOf.get(p.complex) ?? null;
    cores.set(g, (cores.get(g) ?? 0) + p.shortfall);
    short.set(g, [...(short.get(g) ?? []), nparKey(p.complex, p.npar)]);
  }
  const rows: GroupShortfall[] = report.groups.map((g) => ({
    group: g.group,
    inactiveCores: cores.get(g.group) ?? 0,
    partitions: short.get(g.group) ?? [],
    sharingRights: g.shortfall,
    compliant: g.compliant,
  }));
  if ((cores.get(null) ?? 0) > 0) {
    rows.push({
      group: null,
      inactiveCores: cores.get(null) ?? 0,
      partitions: short.get(null) ?? [],
      sharingRights: 0,
      compliant: true,
    });
  }
  return rows;
}

/**
 * Sizing rows as the reports show them: largest shortfall first, then largest minimum, then report
 * order (the large estate has 768 rows: what a planner must buy comes first, not `a…` by name).
 */
export function sizingWorstFirst(report: PlanReport): PartitionSizing[] {
  return report.partitions
    .map((p, i) => ({ p, i }))
    .sort(
      (a, b) =>
        b.p.shortfall - a.p.shortfall ||
        b.p.minimumInactiveCores - a.p.minimumInactiveCores ||
        a.i - b.i,
    )
    .map((x) => x.p);
}

/** Σ nPar shortfalls, cores (vPar rows repeat their nPar's and are not added). */
export function totalShortfall(report: PlanReport): number {
  return report.partitions.reduce((s, p) => s + (p.vpar === null ? p.shortfall : 0), 0);
}

export interface PackageWorst {
  readonly package: string;
  readonly time: TimeRange;
  /** The scenario where it came back latest (max time, then typical). */
  readonly scenario: string;
  /** Listed scenarios in which it is lost. */
  readonly lostIn: number;
}

/**
 * Each package's worst recovery over the listed scenarios (every scenario with `--all-scenarios`),
 * slowest first (max, then typical, then name).
 */
export function worstTimePerPackage(report: PlanReport): PackageWorst[] {
  const worst = new Map<string, { time: TimeRange; scenario: string }>();
  const lostIn = new Map<string, number>();
  for (const s of report.scenarios) {
    for (const p of s.packages) {
      if (p.status === 'lost') {
        lostIn.set(p.package, (lostIn.get(p.package) ?? 0) + 1);
        continue;
      }
      if (p.time === null) continue;
      const was = worst.get(p.package);
      if (
        was === undefined ||
        p.time.max > was.time.max ||
        (p.time.max === was.time.max && p.time.typical > was.time.typical)
      ) {
        worst.set(p.package, { time: p.time, scenario: s.id });
      }
    }
  }
  return [...worst.entries()]
    .map(([pkg, w]) => ({ package: pkg, ...w, lostIn: lostIn.get(pkg) ?? 0 }))
    .sort(
      (a, b) =>
        b.time.max - a.time.max ||
        b.time.typical - a.time.typical ||
        compareText(a.package, b.package),
    );
}

/** One line on the losses per number of failures: `N+1: none of 23 scenarios lose a package`. */
export function byFailuresLine(b: LossesByFailures): string {
  const of = `of ${plural(b.scenarios, 'scenario', 'scenarios')}`;
  if (b.lost === 0) return `${failuresLabel(b.failures)}: none ${of} loses a package`;
  return `${failuresLabel(b.failures)}: ${formatNumber(b.lost)} ${of} ${b.lost === 1 ? 'loses' : 'lose'} ${plural(b.packagesLost, 'package', 'packages')}`;
}

/**
 * The purchase split: `A purchase can fix 5 losing scenarios (15 package losses); no purchase can
 * fix 150 package losses (no-surviving-node 148, vpar-max 2): 39 scenarios lose only these.`
 */
export function purchaseLine(report: PlanReport): string {
  const s = report.summary;
  if (s.lost === 0) return 'No scenario loses a package.';
  const fix =
    s.lostFixable === 0
      ? 'A purchase can fix no losing scenario'
      : `A purchase can fix ${plural(s.lostFixable, 'losing scenario', 'losing scenarios')} (${plural(s.packagesLostFixable, 'package loss', 'package losses')})`;
  if (s.packagesLostUnfixable === 0) return `${fix}; every loss is one a purchase can fix.`;
  const reasons = s.packagesLostByReason
    .filter((r) => r.noPurchaseCanFix)
    .map((r) => `${r.reason} ${formatNumber(r.packages)}`)
    .join(', ');
  const only =
    s.lostUnfixable === 0
      ? 'every scenario with one also loses a package a purchase can fix'
      : `${plural(s.lostUnfixable, 'scenario loses', 'scenarios lose')} only these`;
  return `${fix}; no purchase can fix ${plural(s.packagesLostUnfixable, 'package loss', 'package losses')} (${reasons}): ${only}.`;
}

/**
 * The next command: `optimize` when a purchase can help, else the worst scenario told by `what-if`,
 * else the next depth of failures. It runs on the estate this report describes: a changed estate's
 * `--set` changes (and a non-default outage) go with it, or the next command would answer for the
 * baseline.
 */
export function nextCommands(report: PlanReport, inventoryArg: string): string[] {
  const inventory = shellArg(inventoryArg);
  const s = report.summary;
  const k = report.parameters.maxFailures;
  const hours =
    report.parameters.outageHours === DEFAULT_OUTAGE_HOURS
      ? ''
      : ` --outage-hours ${String(report.parameters.outageHours)}`;
  const sets = report.parameters.changes.map((c) => ` --set ${shellArg(c)}`).join('');
  const purchaseHelps = s.lostFixable > 0 || totalShortfall(report) > 0 || s.nonCompliantGroups > 0;
  if (purchaseHelps) {
    return [`gicap optimize ${inventory} --costs COSTS.csv --max-failures ${k}${hours}${sets}`];
  }
  const worst = losingWorstFirst(report)[0];
  if (worst !== undefined) {
    return [
      `gicap what-if ${inventory} ${worst.failed.map((u) => `--fail ${u}`).join(' ')}${hours}${sets}`,
    ];
  }
  if (k < 6) return [`gicap plan ${inventory} --max-failures ${k + 1}${hours}${sets}`];
  return [];
}

/** Why the next command: one sentence for the reports. */
export function nextReason(report: PlanReport): string {
  const s = report.summary;
  if (s.lostFixable > 0 || totalShortfall(report) > 0 || s.nonCompliantGroups > 0) {
    return 'the least-cost purchase (inactive cores, core rights, sharing rights, TiCAP) that saves every loss a purchase can fix; COSTS.csv holds your unit prices (see gicap optimize --help)';
  }
  if (s.lost > 0) {
    return 'no purchase can save these losses: see the worst scenario step by step, then add a node of another complex or site to the packages’ lists';
  }
  return `every scenario of up to ${plural(report.parameters.maxFailures, 'failure', 'failures')} survives: try one failure more`;
}
