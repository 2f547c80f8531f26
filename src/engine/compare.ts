/**
 * Baseline against changed estate (`--set`, spec 6): which scenarios flip, how sizing, sharing rights
 * and times change. Both estates are enumerated; scenarios are matched by id.
 */
import type {
  Comparison,
  EstateTotals,
  GroupChange,
  GroupFigures,
  GroupSizing,
  PartitionChange,
  PartitionFigures,
  PartitionSizing,
  PlanReport,
  ScenarioFlip,
  TimeDelta,
} from '../domain/result.js';
import type { TimeRange } from '../domain/timing.js';
import { describeScenario, scenarioUnitIds } from './describe.js';
import { compareText } from './estate.js';
import { DownState, forEachScenario } from './failure-units.js';
import type { PlanContext } from './plan.js';
import { evaluateScenario } from './scenario.js';
import { partitionKey } from '../domain/derived.js';

/** Whether two flat records of numbers and booleans hold the same values. */
function sameFigures<T extends object>(a: T, b: T): boolean {
  return (Object.keys(a) as (keyof T)[]).every((k) => a[k] === b[k]);
}

/** The totals a change is judged by; nPar rows only, as a vPar draws on its nPar's cores. */
export function estateTotals(report: PlanReport): EstateTotals {
  let inactiveCores = 0;
  let shortfall = 0;
  for (const p of report.partitions) {
    if (p.vpar !== null) continue;
    inactiveCores += p.inactiveCores;
    shortfall += p.shortfall;
  }
  return {
    inactiveCores,
    shortfall,
    sharingShortfall: report.groups.reduce((s, g) => s + g.shortfall, 0),
    nonCompliantGroups: report.summary.nonCompliantGroups,
    lost: report.summary.lost,
    packagesLost: report.summary.packagesLost,
  };
}

/** Every scenario's verdict by id (one boolean per scenario: memory ∝ scenarios, fine for --set). */
export function scenarioVerdicts(ctx: PlanContext, maxFailures: number): Map<string, boolean> {
  const out = new Map<string, boolean>();
  forEachScenario(ctx.estate, ctx.index, maxFailures, (units, down) => {
    out.set(
      scenarioUnitIds(ctx.index, units).join(' + '),
      evaluateScenario(ctx, down, 'verdict').survives,
    );
  });
  return out;
}

/** The end-to-end time of scenario `id` in this estate, or null (unknown units, or nothing moved). */
export function scenarioTime(ctx: PlanContext, id: string): TimeRange | null {
  const byId = new Map(ctx.index.units.map((u, i) => [u.id, i]));
  const units: number[] = [];
  for (const part of id.split(' + ')) {
    const u = byId.get(part);
    if (u === undefined) return null;
    units.push(u);
  }
  const down = new DownState(ctx.estate, ctx.index);
  down.apply(units.sort((a, b) => a - b));
  return describeScenario(ctx, id.split(' + '), down, evaluateScenario(ctx, down)).time;
}

export function compareReports(
  baseCtx: PlanContext,
  changedCtx: PlanContext,
  baseline: PlanReport,
  changed: PlanReport,
  changes: readonly string[],
): Comparison {
  const k = changed.parameters.maxFailures;
  const before = scenarioVerdicts(baseCtx, k);
  const after = scenarioVerdicts(changedCtx, k);
  const flipped: ScenarioFlip[] = [];
  for (const id of [...new Set([...before.keys(), ...after.keys()])].sort(compareText)) {
    const b = before.get(id);
    const a = after.get(id);
    if (b !== undefined && a !== undefined && a !== b) flipped.push({ id, before: b, after: a });
  }

  const figures = (p: PartitionSizing | undefined): PartitionFigures => ({
    inactiveCores: p?.inactiveCores ?? 0,
    minimumInactiveCores: p?.minimumInactiveCores ?? 0,
    shortfall: p?.shortfall ?? 0,
  });
  const basePartitions = new Map(baseline.partitions.map((p) => [partitionKey(p), p]));
  const partitions: PartitionChange[] = [];
  for (const p of changed.partitions) {
    const b = figures(basePartitions.get(partitionKey(p)));
    const a = figures(p);
    if (!sameFigures(b, a)) partitions.push({ partition: partitionKey(p), before: b, after: a });
  }

  const groupFigures = (g: GroupSizing): GroupFigures => ({
    sharingRightsOwned: g.sharingRightsOwned,
    sharingRightsRequired: g.sharingRightsRequired,
    sharingRightsMinimum: g.sharingRightsMinimum,
    compliant: g.compliant,
    shortfall: g.shortfall,
  });
  const baseGroups = new Map(baseline.groups.map((g) => [g.group, g]));
  const groups: GroupChange[] = [];
  for (const g of changed.groups) {
    const was = baseGroups.get(g.group);
    if (was === undefined) continue;
    const b = groupFigures(was);
    const a = groupFigures(g);
    if (!sameFigures(b, a)) groups.push({ group: g.group, before: b, after: a });
  }

  // Times of the scenarios either report lists, and of every flipped one.
  const ids = new Set([
    ...baseline.scenarios.map((s) => s.id),
    ...changed.scenarios.map((s) => s.id),
    ...flipped.map((f) => f.id),
  ]);
  const times: TimeDelta[] = [];
  for (const id of [...ids].sort(compareText)) {
    const b = scenarioTime(baseCtx, id);
    const a = scenarioTime(changedCtx, id);
    if (JSON.stringify(a) !== JSON.stringify(b)) times.push({ id, before: b, after: a });
  }
  return {
    changes,
    baseline: baseline.summary,
    changed: changed.summary,
    totals: { before: estateTotals(baseline), after: estateTotals(changed) },
    flipped,
    partitions,
    groups,
    times,
  };
}
