/**
 * The plain data a batch passes around (spec 6 "gicap batch"): a run as declared, a job as sent to a
 * worker thread, and the outcome it posts back. Everything here survives structured clone (no class
 * instances, no functions), so the same values travel in-process and between threads.
 */
import type { ReportFormat } from '../../report/index.js';
import type { BatchRun } from '../../domain/batch.js';

/** Options shared by every run of one batch (from the command line). */
export interface BatchSettings {
  /** The batch output folder DIR, absolute. */
  readonly outDir: string;
  readonly formats: readonly ReportFormat[];
  /** Losing scenarios to list at most per report (all are counted). */
  readonly maxListed: number;
  readonly now: string | null;
}

/** What one worker receives: a run, its position in the runs file and the shared settings. */
export interface BatchJob {
  readonly index: number;
  readonly run: BatchRun;
  readonly settings: BatchSettings;
}

/**
 * `ok` (exit 0), `findings` (exit 1), `invalid` (exit 2: the inventory or its model file is bad),
 * `error` (exit 3: an internal error, a bug).
 */
export type RunStatus = 'ok' | 'findings' | 'invalid' | 'error';

/** The figures of a computed plan that the summary shows (cores, counts of scenarios). */
export interface RunFigures {
  readonly scenarios: number;
  readonly survived: number;
  readonly lost: number;
  /** Σ over scenarios of the packages lost. */
  readonly packagesLost: number;
  readonly nonCompliantGroups: number;
  /** Σ over nPartitions of their inactive-core shortfall, cores. */
  readonly shortfallCores: number;
}

export interface RunOutcome {
  readonly index: number;
  readonly status: RunStatus;
  readonly exitCode: 0 | 1 | 2 | 3;
  /** null when the run did not compute a plan. */
  readonly figures: RunFigures | null;
  /** The first error line (`invalid`, `error`), else null. */
  readonly error: string | null;
  /** Every error line (`invalid`) or the stack (`error`); empty otherwise. */
  readonly details: readonly string[];
}
