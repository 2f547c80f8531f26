/**
 * The engine's public entry: what the CLI and the batch workers call (the lint rules let them import
 * nothing else of the engine). Pure: an inventory and parameters in, a result out; each estate is
 * compiled once per call (with `--set`, once per side).
 */
import type { PlanReport } from '../domain/result.js';
import type { Inventory } from '../domain/types.js';
import { compareReports } from './compare.js';
import { createPlanContext, planScenario, planWithContext, type PlanParams } from './plan.js';
import { resolveFailures } from './what-if.js';

export { DEFAULT_MAX_LISTED, planCapacity, type PlanParams } from './plan.js';
export { optimizePurchase, type OptimizeParams } from './optimize/optimize.js';

/**
 * The plan of a changed estate (`--set`), compared with the plan of the estate as it is (spec 6):
 * the changed plan's report with a `comparison`.
 */
export function planChanged(base: Inventory, changed: Inventory, params: PlanParams): PlanReport {
  const baseCtx = createPlanContext(base, params);
  const changedCtx = createPlanContext(changed, params);
  const baseline = planWithContext(baseCtx, { ...params, changes: [] });
  const after = planWithContext(changedCtx, params);
  return {
    ...after,
    comparison: compareReports(baseCtx, changedCtx, baseline, after, params.changes),
  };
}

/**
 * One scenario (what-if): the units to fail as the user wrote them (`npar:C/N`, a host name,
 * `gm:G`…); an unknown unit is an input error naming the closest ones.
 */
export function planWhatIf(
  inventory: Inventory,
  params: PlanParams,
  failures: readonly string[],
): PlanReport {
  const ctx = createPlanContext(inventory, params);
  return planScenario(ctx, params, resolveFailures(ctx, failures));
}
