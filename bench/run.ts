/**
 * `npm run bench` (issue 6): generate the benchmark estates into a temporary folder, run each case
 * several times in this process after a warm-up, print a table (median and spread) on stdout and
 * write the same figures to bench/results.json. Progress goes to stderr.
 *
 * Environment:
 * - BENCH_REPEAT=N  measured runs of every case (default 5 for the fast cases, 3 for the k = 2 / 3
 *                   plans and the batch runs);
 * - BENCH_ONLY=a,b  run only these figures (a partial run does not write bench/results.json);
 * - BENCH_KEEP=1    keep the generated estates (their folder is printed).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, arch, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { format, resolveConfig } from 'prettier';
import { runInNewContext } from 'node:vm';
import type { PlanSummary } from '../src/domain/result.js';
import { loadTimingModel } from '../src/io/load-model.js';
import {
  FIGURE_NAMES,
  LARGE_SEED,
  MEDIUM_SEED,
  REPO_ROOT,
  SMALL_COUNT,
  SMALL_FIRST_SEED,
  TARGETS,
  UNITS,
  batchAvailable,
  describeTarget,
  measurePlanRss,
  observationsCsv,
  probeParallelCapacity,
  targetHolds,
  timeAllScenarios,
  timeBatch,
  timeCalibrate,
  timeParse,
  timePlan,
  writeEstates,
  type AllScenariosRun,
  type FigureName,
} from './cases.js';
import { rateOf, ratioOf, roundTo, summarize, type Figure } from './stats.js';

const RESULTS_PATH = join(REPO_ROOT, 'bench', 'results.json');

// ---------------------------------------------------------------------------------------------
// Settings

function repeatFromEnv(): number | null {
  const text = process.env['BENCH_REPEAT'];
  if (text === undefined || text === '') return null;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`BENCH_REPEAT must be a whole number ≥ 1, found "${text}"`);
  }
  return n;
}

const REPEAT = repeatFromEnv();
/** Measured runs: fast cases, the long k = 2 / k = 3 plans, the batch runs (no warm-up). */
const RUNS = { fast: REPEAT ?? 5, slow: REPEAT ?? 3, batch: REPEAT ?? 3 };

function onlyFromEnv(): ReadonlySet<FigureName> | null {
  const text = process.env['BENCH_ONLY'];
  if (text === undefined || text.trim() === '') return null;
  const names = text.split(',').map((s) => s.trim());
  for (const n of names) {
    if (!(FIGURE_NAMES as readonly string[]).includes(n)) {
      throw new Error(`BENCH_ONLY: unknown figure "${n}" (expected ${FIGURE_NAMES.join(', ')})`);
    }
  }
  return new Set(names as FigureName[]);
}

const ONLY = onlyFromEnv();
const wanted = (name: FigureName): boolean => ONLY === null || ONLY.has(name);

function progress(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

/**
 * A full collection before each timed run, so garbage left by one run is not collected during the
 * next (the runs are independent). `--expose-gc` set at run time (tsx starts node for us).
 */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

// ---------------------------------------------------------------------------------------------
// Repetition

/** One timed run: its seconds, and the plan's summary for the plan cases. */
interface Timed {
  readonly seconds: number;
  readonly summary: PlanSummary | null;
}

interface Case {
  readonly name: FigureName;
  readonly run: () => Promise<Timed>;
}

interface Measured {
  readonly samples: number[];
  last: Timed;
}

/**
 * Run the cases in rounds (each round runs every case once, in order) so that a drift of the
 * machine's load affects them alike — their ratio is one of the figures. Round 0 is the warm-up
 * when `warmUp` is set. Returns each case's measured seconds and its last run.
 */
async function measure(
  cases: readonly Case[],
  runs: number,
  warmUp: boolean,
): Promise<Map<FigureName, Measured>> {
  const out = new Map<FigureName, Measured>();
  const rounds = runs + (warmUp ? 1 : 0);
  for (let round = 0; round < rounds; round++) {
    const isWarmUp = warmUp && round === 0;
    const label = isWarmUp ? 'warm-up' : `run ${round + (warmUp ? 0 : 1)}/${runs}`;
    for (const c of cases) {
      progress(`${c.name}: ${label} …`);
      collectGarbage();
      const result = await c.run();
      progress(`${c.name}: ${label} ${result.seconds.toFixed(3)} s`);
      if (isWarmUp) continue;
      const entry = out.get(c.name) ?? { samples: [], last: result };
      entry.samples.push(result.seconds);
      entry.last = result;
      out.set(c.name, entry);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Output

type Figures = Record<FigureName, Figure | number | null>;

function valueOf(f: Figure | number | null): number | null {
  return f === null ? null : typeof f === 'number' ? f : f.median;
}

function digitsFor(name: FigureName): number {
  const unit = UNITS[name];
  return unit === 's' ? 3 : unit === '/s' ? 0 : unit === 'MB' ? 1 : 2;
}

function show(name: FigureName, v: number | undefined | null): string {
  return v === undefined || v === null ? '—' : v.toFixed(digitsFor(name));
}

function table(figures: Figures): string {
  const header = ['figure', 'unit', 'median', 'min', 'max', 'runs', 'target', 'holds'];
  const rows = FIGURE_NAMES.map((name) => {
    const f = figures[name];
    const target = TARGETS[name];
    const v = valueOf(f);
    const fig = typeof f === 'object' && f !== null ? f : null;
    return [
      name,
      UNITS[name],
      show(name, v),
      show(name, fig?.min),
      show(name, fig?.max),
      fig === null ? '' : String(fig.runs),
      target === undefined ? '' : describeTarget(target),
      target === undefined ? '' : v === null ? 'n/a' : targetHolds(target, v) ? 'yes' : 'NO',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === 0 || i === 1 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function rounded(name: FigureName, f: Figure | number | null): Figure | number | null {
  const d = UNITS[name] === 's' ? 4 : 2;
  if (f === null) return null;
  if (typeof f === 'number') return roundTo(f, 3);
  return {
    median: roundTo(f.median, d),
    min: roundTo(f.min, d),
    max: roundTo(f.max, d),
    runs: f.runs,
  };
}

// ---------------------------------------------------------------------------------------------
// Main

async function main(): Promise<void> {
  const load1m = loadavg()[0] ?? 0;
  const root = mkdtempSync(join(tmpdir(), 'gicap-bench-'));
  const keep = process.env['BENCH_KEEP'] === '1';
  const notes: string[] = [];
  const counts: Record<string, Pick<PlanSummary, 'scenarios' | 'skippedEquivalent'>> = {};
  const figures = Object.fromEntries(FIGURE_NAMES.map((n) => [n, null])) as Figures;
  const parallelCapacity: number[] = [];
  const probe = async (): Promise<number> => {
    const c = await probeParallelCapacity();
    progress(`parallel capacity: ${c.toFixed(2)} (2 = two free cores)`);
    return c;
  };

  try {
    progress(`generating estates in ${root} …`);
    const estates = writeEstates(root);
    console.log(`Estates in ${root}:`);
    console.log(`  large  seed ${LARGE_SEED}: ${estates.large}`);
    console.log(`  medium seed ${MEDIUM_SEED}: ${estates.medium}`);
    console.log(
      `  small  seeds ${SMALL_FIRST_SEED}..${SMALL_FIRST_SEED + SMALL_COUNT - 1}: ${estates.smallFolder}/estate-001 … estate-${SMALL_COUNT}`,
    );
    console.log(
      `Runs per case: ${RUNS.fast} (fast), ${RUNS.slow} (k = 2 / 3 plans), each after a warm-up; ${RUNS.batch} per batch case, no warm-up. Load average (1 min) at start: ${load1m.toFixed(2)} on ${cpus().length} CPUs.`,
    );
    const model = await loadTimingModel();

    // parseLarge and planLargeK1 in the same rounds: their ratio is a target.
    const withRatio = wanted('ratioPlanK1ToParse');
    const fastCases: Case[] = [];
    if (wanted('parseLarge') || withRatio) {
      fastCases.push({
        name: 'parseLarge',
        run: async () => ({ seconds: await timeParse(estates.large), summary: null }),
      });
    }
    if (wanted('planLargeK1') || withRatio) {
      fastCases.push({ name: 'planLargeK1', run: () => timePlan(estates.large, 1, model) });
    }
    const slowCases: Case[] = [];
    if (wanted('planLargeK2') || wanted('scenariosPerSecondLargeK2')) {
      slowCases.push({ name: 'planLargeK2', run: () => timePlan(estates.large, 2, model) });
    }
    if (wanted('planMediumK3')) {
      slowCases.push({ name: 'planMediumK3', run: () => timePlan(estates.medium, 3, model) });
    }
    const planned = [
      ...(await measure(fastCases, RUNS.fast, true)),
      // One slow case at a time: each gets its own warm-up right before its runs.
      ...(await sequence(slowCases.map((c) => () => measure([c], RUNS.slow, true)))),
    ];
    for (const [name, { samples, last }] of planned) {
      figures[name] = summarize(samples);
      if (last.summary === null) continue;
      counts[name] = pick(last.summary);
      console.log(
        `${name}: ${last.summary.scenarios} scenarios evaluated, ${last.summary.skippedEquivalent} skipped as equivalent (${last.summary.lost} lose a package)`,
      );
    }
    const k2 = figures.planLargeK2;
    const k2Count = counts['planLargeK2'];
    if (typeof k2 === 'object' && k2 !== null && k2Count !== undefined) {
      figures.scenariosPerSecondLargeK2 = rateOf(k2Count.scenarios, k2);
    }

    if (wanted('peakRssMbLargeK2')) {
      progress('peakRssMbLargeK2: the k = 2 plan in a child process …');
      const r = await measurePlanRss(estates.large, 2);
      const mb = r.maxRssKiB / 1024;
      figures.peakRssMbLargeK2 = { median: mb, min: mb, max: mb, runs: 1 };
      console.log(
        `peakRssMbLargeK2: ${mb.toFixed(1)} MB peak in a child (node + tsx + modules before the plan: ${(r.baselineKiB / 1024).toFixed(0)} MB; ${r.summary.scenarios} scenarios, ${r.seconds.toFixed(2)} s)`,
      );
    }

    if (wanted('allScenariosLargeK2') || wanted('ratioAllScenariosToPlanK2')) {
      const outRoot = join(root, 'all-scenarios-out');
      mkdirSync(outRoot);
      let n = 0;
      let last: AllScenariosRun | null = null;
      const m = await measure(
        [
          {
            name: 'allScenariosLargeK2',
            run: async () => {
              const out = join(outRoot, `run-${++n}`);
              last = await timeAllScenarios(estates.large, out);
              rmSync(out, { recursive: true, force: true });
              return { seconds: last.seconds, summary: null };
            },
          },
        ],
        RUNS.slow,
        false,
      );
      for (const [name, { samples }] of m) figures[name] = summarize(samples);
      if (last !== null) {
        const sizes = Object.entries((last as AllScenariosRun).bytes)
          .map(([f, b]) => `${f} ${(b / 2 ** 20).toFixed(1)} MB`)
          .join(', ');
        console.log(`allScenariosLargeK2 wrote: ${sizes}`);
        notes.push(`allScenariosLargeK2 files: ${sizes}`);
      }
    }

    if (wanted('batch200Jobs1') || wanted('batch200Jobs2') || wanted('speedupJobs2')) {
      if (await batchAvailable()) {
        const outRoot = join(root, 'batch-out');
        mkdirSync(outRoot);
        let n = 0;
        const batchCase = (name: FigureName, jobs: number): Case => ({
          name,
          run: async () => {
            const out = join(outRoot, `run-${++n}`);
            const seconds = await timeBatch(estates.smallFolder, out, jobs);
            rmSync(out, { recursive: true, force: true });
            return { seconds, summary: null };
          },
        });
        // Jobs 1 and 2 alternate, so a change of the machine's load affects both alike; the parallel
        // capacity before and after says how much of a second core was free meanwhile.
        parallelCapacity.push(await probe());
        const m = await measure(
          [batchCase('batch200Jobs1', 1), batchCase('batch200Jobs2', 2)],
          RUNS.batch,
          false,
        );
        parallelCapacity.push(await probe());
        for (const [name, { samples }] of m) figures[name] = summarize(samples);
      } else {
        const note =
          'batch200Jobs1, batch200Jobs2, speedupJobs2: null — `gicap batch` (with --jobs) is not in dist/cli/main.js yet';
        notes.push(note);
        console.log(`Note: ${note}`);
      }
    }

    if (wanted('calibrate2000') || wanted('calibrate4000') || wanted('ratioCalibrate4000To2000')) {
      const texts = { 2000: observationsCsv(2000), 4000: observationsCsv(4000) };
      const m = await measure(
        [
          {
            name: 'calibrate2000',
            run: () =>
              Promise.resolve({ seconds: timeCalibrate(texts[2000], model), summary: null }),
          },
          {
            name: 'calibrate4000',
            run: () =>
              Promise.resolve({ seconds: timeCalibrate(texts[4000], model), summary: null }),
          },
        ],
        RUNS.fast,
        true,
      );
      for (const [name, { samples }] of m) figures[name] = summarize(samples);
    }

    const fig = (name: FigureName): Figure | null => {
      const f = figures[name];
      return typeof f === 'object' ? f : null;
    };
    figures.ratioPlanK1ToParse = ratioOf(fig('planLargeK1'), fig('parseLarge'));
    figures.speedupJobs2 = ratioOf(fig('batch200Jobs1'), fig('batch200Jobs2'));
    figures.ratioCalibrate4000To2000 = ratioOf(fig('calibrate4000'), fig('calibrate2000'));
    figures.ratioAllScenariosToPlanK2 = ratioOf(fig('allScenariosLargeK2'), fig('planLargeK2'));
  } finally {
    if (keep) progress(`estates kept in ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }

  console.log('');
  console.log(table(figures));
  if (parallelCapacity.length > 0) {
    console.log(
      `Parallel capacity around the batch runs: ${parallelCapacity.map((c) => c.toFixed(2)).join(', ')} (2 = two free cores; speedupJobs2 cannot exceed it)`,
    );
  }

  const holds = Object.fromEntries(
    Object.entries(TARGETS).map(([name, target]) => {
      const v = valueOf(figures[name as FigureName]);
      return [name, v === null ? null : targetHolds(target, v)];
    }),
  );
  const results = {
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? null,
      memoryMb: Math.round(totalmem() / 2 ** 20),
      node: process.version,
      platform: platform(),
      arch: arch(),
      loadAverage1mAtStart: roundTo(load1m, 2),
      /** Before and after the batch cases; see probeParallelCapacity in bench/cases.ts. */
      parallelCapacityAroundBatch: parallelCapacity.map((c) => roundTo(c, 2)),
    },
    date: null,
    estates: {
      large: { size: 'large', seed: LARGE_SEED },
      medium: { size: 'medium', seed: MEDIUM_SEED },
      batch: {
        size: 'small',
        count: SMALL_COUNT,
        firstSeed: SMALL_FIRST_SEED,
        lastSeed: SMALL_FIRST_SEED + SMALL_COUNT - 1,
      },
    },
    runs: RUNS,
    units: UNITS,
    figures: Object.fromEntries(FIGURE_NAMES.map((n) => [n, rounded(n, figures[n])])),
    scenarioCounts: counts,
    targets: TARGETS,
    holds,
    notes,
  };
  if (ONLY !== null) {
    console.log(`\nPartial run (BENCH_ONLY): ${RESULTS_PATH} not written.`);
    return;
  }
  // Formatted as the repository's prettier config wants, so `npm run format:check` stays clean.
  const options = (await resolveConfig(RESULTS_PATH)) ?? {};
  const text = await format(JSON.stringify(results), { ...options, filepath: RESULTS_PATH });
  writeFileSync(RESULTS_PATH, text);
  console.log(`\nWrote ${RESULTS_PATH}`);
}

/** Run the steps one after another; their maps' entries, in order. */
async function sequence(
  steps: readonly (() => Promise<Map<FigureName, Measured>>)[],
): Promise<[FigureName, Measured][]> {
  const out: [FigureName, Measured][] = [];
  for (const step of steps) out.push(...(await step()));
  return out;
}

function pick(s: PlanSummary): Pick<PlanSummary, 'scenarios' | 'skippedEquivalent'> {
  return { scenarios: s.scenarios, skippedEquivalent: s.skippedEquivalent };
}

await main();
