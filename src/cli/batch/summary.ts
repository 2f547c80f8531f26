/**
 * What a batch reports (spec 6): `summary.csv`, one row per run in runs-file order (not completion
 * order, so the file does not depend on `--jobs`), the short table printed at the end, and the exit
 * code, which is the worst of the runs. Pure functions of the runs and their outcomes.
 */
import type { RunOutcome } from './types.js';
import { toCsv } from '../../text/csv.js';
import type { BatchRun } from '../../domain/batch.js';

export const SUMMARY_FILE = 'summary.csv';

export const SUMMARY_COLUMNS = [
  'name',
  'inventory',
  'status',
  'exit_code',
  'scenarios',
  'survived',
  'lost',
  'packages_lost',
  'non_compliant_groups',
  'shortfall_cores',
  'error',
] as const;

/** summary.csv text; `outcomes[i]` is the outcome of `runs[i]`. */
export function renderSummaryCsv(
  runs: readonly BatchRun[],
  outcomes: readonly RunOutcome[],
): string {
  const rows = runs.map((run, i) => {
    const o = outcomeAt(outcomes, i);
    const f = o.figures;
    return [
      run.name,
      run.inventory,
      o.status,
      o.exitCode,
      f?.scenarios,
      f?.survived,
      f?.lost,
      f?.packagesLost,
      f?.nonCompliantGroups,
      f?.shortfallCores,
      o.error,
    ];
  });
  return toCsv(SUMMARY_COLUMNS, rows);
}

/** The batch's exit code: 0 all ok, 1 some findings, 2 some run invalid, 3 some internal error. */
export function worstExitCode(outcomes: readonly RunOutcome[]): 0 | 1 | 2 | 3 {
  return outcomes.reduce<0 | 1 | 2 | 3>((worst, o) => (o.exitCode > worst ? o.exitCode : worst), 0);
}

/** The table printed on stdout at the end: one line per run (name, status, scenarios, lost). */
export function renderRunTable(
  runs: readonly BatchRun[],
  outcomes: readonly RunOutcome[],
): string[] {
  const header = ['run', 'status', 'scenarios', 'lost', ''];
  const body = runs.map((run, i) => {
    const o = outcomeAt(outcomes, i);
    return [
      run.name,
      o.status,
      o.figures === null ? '-' : String(o.figures.scenarios),
      o.figures === null ? '-' : String(o.figures.lost),
      o.error ?? '',
    ];
  });
  const table = [header, ...body];
  const width = (c: number): number => Math.max(...table.map((r) => (r[c] ?? '').length));
  // Names and statuses left-aligned, counts right-aligned; the error (if any) runs on unpadded.
  return table.map((r) =>
    [
      (r[0] ?? '').padEnd(width(0)),
      (r[1] ?? '').padEnd(width(1)),
      (r[2] ?? '').padStart(width(2)),
      (r[3] ?? '').padStart(width(3)),
      r[4] ?? '',
    ]
      .join('  ')
      .trimEnd(),
  );
}

function outcomeAt(outcomes: readonly RunOutcome[], i: number): RunOutcome {
  const o = outcomes[i];
  if (o === undefined || o.index !== i) throw new Error(`batch: no outcome for run ${i}`);
  return o;
}
