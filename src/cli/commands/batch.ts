/**
 * `gicap batch RUNS.csv|FOLDER` (spec 6): many inventories, one summary. Each run is the `gicap plan`
 * sequence writing to `DIR/NAME/`; `DIR/summary.csv` has one row per run. A problem in the runs file
 * stops everything before a run starts (exit 2, nothing written); a problem in one inventory makes
 * that run `invalid` and the others go on. The exit code is the worst of the runs.
 */
import { resolve } from 'node:path';
import { SingleBar } from 'cli-progress';
import { helpAfter, wrapParagraph } from '../help.js';
import type { RegisterCommand } from '../program.js';
import { shownPath, type OutStream } from '../context.js';
import { parseWholeNumber } from '../options.js';
import { formatOption, maxListedOption, nowOption } from '../shared-options.js';
import { parseFormats } from '../formats.js';
import { checkOutputFolder, makeFolders } from '../../io/output-dir.js';
import { writeFileAtomic } from '../../io/report-set.js';
import { loadRuns } from '../../io/load-runs.js';
import { inProcessRunner, runJobs, workerPoolRunner } from '../batch/scheduler.js';
import { renderRunTable, renderSummaryCsv, SUMMARY_FILE, worstExitCode } from '../batch/summary.js';
import type { BatchJob, BatchSettings, RunOutcome } from '../batch/types.js';

/** `--jobs` accepts 1..16 worker threads. */
const MAX_JOBS = 16;

export const registerBatch: RegisterCommand = (program, ctx, setExit) => {
  program
    .command('batch')
    .description(
      'Plan many inventories: one run per row of a runs file (or per sub-folder), reports per run, one summary.csv',
    )
    .argument(
      '<runs>',
      'Runs file (CSV: name, inventory, optional max_failures, outage_hours, model; paths relative to it) or a folder of inventories',
    )
    .option(
      '-o, --out <dir>',
      'Output folder: DIR/NAME/ per run and DIR/summary.csv',
      'reports/batch',
    )
    .option(
      '-j, --jobs <n>',
      `Runs at once, each on its own worker thread (1 to ${MAX_JOBS}; 1 runs in this thread)`,
      parseWholeNumber(1, MAX_JOBS),
      1,
    )
    .addOption(formatOption('Comma-separated formats for each run: md, html, json, csv'))
    .addOption(maxListedOption())
    .addOption(nowOption())
    .addHelpText(
      'after',
      helpAfter({
        about: [
          wrapParagraph(
            'The runs file has one run per row: name (its report folder: letters, digits, dots, ' +
              'underscores, hyphens), ' +
              'inventory (a folder relative to the runs file), and optionally max_failures (1-6, ' +
              'default 1), outage_hours (default 24) and model (a timing model file relative to ' +
              'the runs file). A folder argument runs every sub-folder holding complexes.csv, ' +
              'named after it, with the defaults.',
          ),
          wrapParagraph(
            'summary.csv columns: name, inventory, status (ok, findings, invalid, error), ' +
              'exit_code, scenarios, survived, lost, packages_lost, non_compliant_groups, ' +
              'shortfall_cores (sum over nPars), error (the first error of an invalid run). A ' +
              'progress bar shows on stderr when it is a terminal. The batch exits with the worst ' +
              'exit code of its runs.',
          ),
          wrapParagraph(
            '"Nothing written" in a batch: a bad runs file or --out writes nothing; an invalid ' +
              'run writes nothing of its own (its folder keeps what an earlier batch left, with ' +
              'that run.json), while the other runs and summary.csv are written. summary.csv ' +
              'names every run of this batch and its status.',
          ),
        ],
        examples: [
          'gicap batch data/batch/runs.csv --out reports/batch     (exit 2: one run is invalid on purpose)',
          'gicap batch data/batch/runs.csv --jobs 2 --format json,csv     (exit 2: the same)',
          'gicap batch data --out reports/all',
        ],
        exit: {
          0: 'every run is ok',
          1: 'some run has findings (a lost package, a non-compliant group)',
          2: 'some run is invalid (the others still run), or the runs file itself is bad (nothing runs)',
        },
      }),
    )
    .action(async (runsArg: string, opts: BatchOptions) => {
      // The output folder first: a bad --out costs no run (issue 14).
      const outFolder = checkOutputFolder(resolve(ctx.cwd, opts.out), `--out ${opts.out}`);
      const settings: BatchSettings = {
        outDir: resolve(ctx.cwd, opts.out),
        formats: parseFormats(opts.format),
        maxListed: opts.maxListed,
        now: opts.now ?? null,
      };
      const runs = await loadRuns(resolve(ctx.cwd, runsArg));
      // Created now, not by each run, so that the runs' own checks see a folder.
      makeFolders(outFolder.missing);
      const jobs: BatchJob[] = runs.map((run, index) => ({ index, run, settings }));
      const concurrency = Math.min(opts.jobs, jobs.length);
      const runner = concurrency === 1 ? inProcessRunner() : workerPoolRunner(concurrency);

      const progress = startProgress(ctx.stderr, jobs.length);
      const outcomes = await runJobs(jobs, runner, (_outcome, job) =>
        progress?.increment(1, { run: `(done: ${job.run.name})` }),
      ).finally(() => progress?.stop());

      const summaryPath = writeFileAtomic(
        { path: settings.outDir, missing: [] },
        SUMMARY_FILE,
        renderSummaryCsv(runs, outcomes),
      );
      const lines = renderRunTable(runs, outcomes);
      if (outcomes.some((o) => o.status === 'invalid')) {
        lines.push('(gicap validate INVENTORY lists every problem of an invalid inventory)');
      }
      const shownDir = shownPath(ctx, settings.outDir);
      const shown = shownPath(ctx, summaryPath);
      const computed = outcomes.filter((o) => o.figures !== null).length;
      lines.push(
        `Wrote ${shown} and the reports of ${computed} run${computed === 1 ? '' : 's'} under ${shownDir}/`,
      );
      ctx.stdout.write(`${lines.join('\n')}\n`);
      reportInternalErrors(
        ctx.stderr,
        runs.map((r) => r.name),
        outcomes,
      );
      setExit(worstExitCode(outcomes));
    });
};

interface BatchOptions {
  out: string;
  jobs: number;
  format: string;
  maxListed: number;
  now?: string;
}

/** A bar on stderr only when it is a terminal; nothing at all otherwise (spec 6). */
function startProgress(stderr: OutStream, total: number): SingleBar | null {
  if (stderr.isTTY !== true) return null;
  const bar = new SingleBar({
    // cli-progress writes text and cursor controls through `write` only; our stream has that.
    stream: stderr as unknown as NodeJS.WritableStream,
    format: 'batch [{bar}] {value}/{total} runs  {run}',
    clearOnComplete: true,
    hideCursor: false,
    barsize: 30,
  });
  bar.start(total, 0, { run: '' });
  return bar;
}

/** An internal error in a run is a bug: say so with the stack, as the CLI does for a command. */
function reportInternalErrors(
  stderr: OutStream,
  names: readonly string[],
  outcomes: readonly RunOutcome[],
): void {
  for (const o of outcomes) {
    if (o.status !== 'error') continue;
    stderr.write(
      `gicap batch: internal error in run ${names[o.index] ?? o.index} — this is a bug, please report it with the command you ran.\n${o.details.join('\n')}\n`,
    );
  }
}
