/**
 * Views of a plan report that several renderers share (the document's sections and the HTML charts):
 * the lost, binding and moving scenarios among those listed.
 */
import type { PartitionSizing, PlanReport, ScenarioResult } from '../domain/result.js';
import { compareText } from '../text/order.js';

/** Listed scenarios that lose at least one package. */
export function lostScenarios(report: PlanReport): readonly ScenarioResult[] {
  return report.scenarios.filter((s) => !s.survives);
}

export interface BindingScenario {
  readonly id: string;
  /** The partitions whose minimum inactive cores this scenario sets. */
  readonly partitions: readonly PartitionSizing[];
  /** The verdict when the scenario is listed, else null. */
  readonly survives: boolean | null;
}

/** Scenarios that set some partition's minimum inactive cores (spec 4), sorted by id. */
export function bindingScenarios(report: PlanReport): readonly BindingScenario[] {
  const byId = new Map<string, PartitionSizing[]>();
  for (const p of report.partitions) {
    if (p.bindingScenario === null) continue;
    const list = byId.get(p.bindingScenario) ?? [];
    list.push(p);
    byId.set(p.bindingScenario, list);
  }
  const verdict = new Map(report.scenarios.map((s) => [s.id, s.survives]));
  return [...byId.keys()]
    .sort(compareText)
    .map((id) => ({ id, partitions: byId.get(id) ?? [], survives: verdict.get(id) ?? null }));
}

/** Listed scenarios in which at least one package moved (they have times). */
export function scenariosWithMoves(report: PlanReport): readonly ScenarioResult[] {
  return report.scenarios.filter((s) => s.packages.some((p) => p.status === 'moved'));
}
