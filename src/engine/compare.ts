/**
 * Baseline against changed estate (`--set`, spec 6): which scenarios flip, how sizing, sharing rights
 * and times change. Both estates are enumerated; scenarios are matched by id.
 */
import type {
  Comparison,
  PartitionDelta,
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

  const partitionKey = (p: PlanReport['partitions'][number]): string =>
    p.vpar === null ? `${p.complex}/${p.npar}` : `${p.complex}/${p.npar}/${p.vpar}`;
  const baseMin = new Map(
    baseline.partitions.map((p) => [partitionKey(p), p.minimumInactiveCores]),
  );
  const sizing: PartitionDelta[] = [];
  for (const p of changed.partitions) {
    const key = partitionKey(p);
    const was = baseMin.get(key) ?? 0;
    if (was !== p.minimumInactiveCores)
      sizing.push({ partition: key, before: was, after: p.minimumInactiveCores });
  }

  const sharingRights: PartitionDelta[] = [];
  const baseGroups = new Map(baseline.groups.map((g) => [g.group, g]));
  for (const g of changed.groups) {
    const was = baseGroups.get(g.group);
    if (was === undefined) continue;
    if (was.sharingRightsRequired !== g.sharingRightsRequired) {
      sharingRights.push({
        partition: `${g.group} required`,
        before: was.sharingRightsRequired,
        after: g.sharingRightsRequired,
      });
    }
    if (was.sharingRightsMinimum !== g.sharingRightsMinimum) {
      sharingRights.push({
        partition: `${g.group} minimum`,
        before: was.sharingRightsMinimum,
        after: g.sharingRightsMinimum,
      });
    }
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
    flipped,
    sizing,
    sharingRights,
    times,
  };
}
