/** Running the engine in tests: the default timing model, and plan / what-if shortcuts. */
import { readFileSync } from 'node:fs';
import type { PlanReport, ScenarioResult } from '../../src/domain/result.js';
import type { Inventory } from '../../src/domain/types.js';
import {
  createPlanContext,
  planCapacity,
  planScenario,
  type PlanParams,
} from '../../src/engine/plan.js';
import { resolveFailures } from '../../src/engine/what-if.js';
import { parseTimingModel } from '../../src/io/load-model.js';

const MODEL_PATH = new URL('../../data/timing-model.json', import.meta.url);
export const DEFAULT_MODEL = parseTimingModel(
  readFileSync(MODEL_PATH, 'utf8'),
  'timing-model.json',
);

export function params(more: Partial<PlanParams> = {}): PlanParams {
  return {
    maxFailures: 1,
    outageHours: 24,
    model: DEFAULT_MODEL,
    allScenarios: false,
    changes: [],
    now: null,
    tool: { name: 'gicap-planner', version: 'test' },
    ...more,
  };
}

export function plan(inv: Inventory, more: Partial<PlanParams> = {}): PlanReport {
  return planCapacity(inv, params(more));
}

/** One scenario, as `gicap what-if --fail …` evaluates it. */
export function whatIf(
  inv: Inventory,
  fail: string[],
  more: Partial<PlanParams> = {},
): ScenarioResult {
  const p = params(more);
  const ctx = createPlanContext(inv, p);
  const report = planScenario(ctx, p, resolveFailures(ctx, fail));
  const s = report.scenarios[0];
  if (s === undefined) throw new Error('no scenario');
  return s;
}
