/**
 * One run of a batch, the same in-process (`--jobs 1`) and in a worker thread: the `gicap plan`
 * sequence (runPlanJob) with the run's own output folder `DIR/NAME/`. It never throws and never
 * prints: every failure becomes the run's outcome, so one bad inventory does not stop the others.
 */
import { join } from 'node:path';
import type { PlanReport } from '../../domain/result.js';
import { ExitCode, GicapError } from '../../errors.js';
import type { BatchJob, RunFigures, RunOutcome } from './types.js';

export async function executeRun(job: BatchJob): Promise<RunOutcome> {
  const { run, settings } = job;
  try {
    // Loaded on the first run of this thread: the batch's main thread never needs the engine.
    const { runPlanJob } = await import('../pipeline.js');
    const result = await runPlanJob({
      inventoryDir: run.inventoryDir,
      outDir: join(settings.outDir, run.name),
      outLabel: `run ${run.name}: output folder ${join(settings.outDir, run.name)}`,
      formats: settings.formats,
      maxFailures: run.maxFailures,
      outageHours: run.outageHours,
      modelPath: run.modelPath ?? undefined,
      allScenarios: false,
      maxListed: settings.maxListed,
      changes: [],
      now: settings.now,
    });
    return {
      index: job.index,
      status: result.exitCode === 0 ? 'ok' : 'findings',
      exitCode: result.exitCode,
      figures: summariseReport(result.report),
      error: null,
      details: [],
    };
  } catch (err) {
    return failedOutcome(job.index, err);
  }
}

/** A thrown error as an outcome: a GicapError is the user's (invalid), anything else is a bug. */
export function failedOutcome(index: number, err: unknown): RunOutcome {
  if (err instanceof GicapError && err.exitCode !== ExitCode.Internal) {
    return {
      index,
      status: 'invalid',
      exitCode: ExitCode.Input,
      figures: null,
      error: err.lines[0] ?? err.message,
      details: [...err.lines],
    };
  }
  const message = err instanceof Error ? err.message : String(err);
  const stack = err instanceof Error ? (err.stack ?? message) : message;
  return {
    index,
    status: 'error',
    exitCode: ExitCode.Internal,
    figures: null,
    error: `internal error: ${message.split('\n')[0] ?? ''}`,
    details: stack.split('\n'),
  };
}

/**
 * The summary figures of a plan. The shortfall is summed over nPartitions only: a vPar row shows the
 * inactive cores of its nPar that it draws on, so adding vPar rows would count those cores twice
 * (spec 4: a vPar's need is "counted on its nPar too").
 */
export function summariseReport(report: PlanReport): RunFigures {
  return {
    scenarios: report.summary.scenarios,
    survived: report.summary.survived,
    lost: report.summary.lost,
    packagesLost: report.summary.packagesLost,
    nonCompliantGroups: report.summary.nonCompliantGroups,
    shortfallCores: report.partitions
      .filter((p) => p.vpar === null)
      .reduce((sum, p) => sum + p.shortfall, 0),
  };
}
