/**
 * The plan sequence, one way through: files → validated inventory → engine result → renderers →
 * files (style.md practice 6). Used by `gicap plan` and by each run of `gicap batch` (also inside a
 * worker thread). It never prints; it returns the report and the files written.
 */
import { resolve } from 'node:path';
import type { PlanReport, ScenarioResult } from '../domain/result.js';
import type { TimingModel } from '../domain/timing.js';
import { compareReports } from '../engine/compare.js';
import { createPlanContext, planCapacity, type PlanParams } from '../engine/plan.js';
import { loadInventory } from '../io/load-inventory.js';
import { loadTimingModel } from '../io/load-model.js';
import { ScenarioStream } from '../io/scenario-stream.js';
import { writeOutputs } from '../io/write-output.js';
import { renderScenarioCsvRows, scenariosCsvHeader } from '../report/csv.js';
import { renderReport, type ReportFormat } from '../report/index.js';
import { renderScenarioJson, splitJsonAroundScenarios } from '../report/json.js';
import { TOOL } from './version.js';

export interface PlanJob {
  readonly inventoryDir: string;
  readonly outDir: string;
  readonly formats: readonly ReportFormat[];
  readonly maxFailures: number;
  readonly outageHours: number;
  /** Model file, or undefined for the bundled default. */
  readonly modelPath: string | undefined;
  readonly allScenarios: boolean;
  /** Losing scenarios to list at most (all are counted). */
  readonly maxListed: number;
  readonly changes: readonly string[];
  readonly now: string | null;
}

export interface PlanJobResult {
  readonly report: PlanReport;
  readonly files: readonly string[];
  /** 0 clean, 1 findings (a lost package or a non-compliant group). */
  readonly exitCode: 0 | 1;
}

export function findingsExitCode(report: PlanReport): 0 | 1 {
  return report.summary.lost > 0 || report.summary.nonCompliantGroups > 0 ? 1 : 0;
}

/** Load everything first (any problem throws before a file is written), then plan, render, write. */
export async function runPlanJob(job: PlanJob): Promise<PlanJobResult> {
  const model = await loadTimingModel(job.modelPath);
  const outDir = resolve(job.outDir);
  const wantsJson = job.formats.includes('json');
  const wantsCsv = job.formats.includes('csv');
  if (!job.allScenarios || job.changes.length > 0 || (!wantsJson && !wantsCsv)) {
    const report = await computePlan(job, model);
    const files = await writeOutputs(outDir, await renderReport(report, job.formats));
    return { report, files, exitCode: findingsExitCode(report) };
  }
  // --all-scenarios: JSON and CSV stream every scenario to disk as it is described, so memory stays
  // flat; the other formats (and sizing.csv) render the listed scenarios as usual.
  const inventory = await loadInventory(job.inventoryDir, { changes: job.changes });
  const stream = new ScenarioStream<ScenarioResult>(outDir, {
    json: wantsJson ? renderScenarioJson : null,
    csv: wantsCsv ? renderScenarioCsvRows : null,
    csvHeader: scenariosCsvHeader(),
  });
  try {
    const report = planCapacity(inventory, {
      ...planParams(job, model),
      onScenario: (s) => stream.write(s),
    });
    const streamed = await stream.finish(wantsJson ? splitJsonAroundScenarios(report) : null);
    const rendered = (await renderReport(report, job.formats)).filter(
      (f) => f.name !== 'report.json' && f.name !== 'scenarios.csv',
    );
    const files = await writeOutputs(outDir, rendered, streamed);
    return { report, files, exitCode: findingsExitCode(report) };
  } catch (err) {
    stream.abort();
    throw err;
  }
}

function planParams(job: Omit<PlanJob, 'outDir' | 'formats'>, model: TimingModel): PlanParams {
  return {
    maxFailures: job.maxFailures,
    outageHours: job.outageHours,
    model,
    allScenarios: job.allScenarios,
    maxListed: job.maxListed,
    changes: job.changes,
    now: job.now,
    tool: TOOL,
  };
}

/** The plan of one inventory; with `--set` changes, the changed estate compared with the baseline. */
export async function computePlan(
  job: Omit<PlanJob, 'outDir' | 'formats'>,
  model: TimingModel,
): Promise<PlanReport> {
  const params = planParams(job, model);
  const changed = await loadInventory(job.inventoryDir, { changes: job.changes });
  if (job.changes.length === 0) return planCapacity(changed, params);
  // With --set: the baseline and the changed estate side by side (spec 6).
  const base = await loadInventory(job.inventoryDir);
  const baseCtx = createPlanContext(base, params);
  const changedCtx = createPlanContext(changed, params);
  const baseline = planCapacity(base, { ...params, changes: [] });
  const after = planCapacity(changed, params);
  return {
    ...after,
    comparison: compareReports(baseCtx, changedCtx, baseline, after, job.changes),
  };
}
