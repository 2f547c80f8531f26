/**
 * The benchmark cases of issue 6: the estates they run on, one timed run of each case, the figure
 * names (the keys of bench/results.json) and their targets. The harness (bench/run.ts) repeats the
 * runs and does the statistics.
 *
 * What is timed:
 * - in this process: loading the inventory (read + parse + validate) and, for the plan cases,
 *   `planCapacity` with aggregates only (the default listing: losing scenarios up to --max-listed
 *   and the binding ones) — what `gicap plan` computes, but no report is rendered or written;
 * - in a child process: the peak resident memory of the large k = 2 plan alone (bench/rss-child.ts);
 * - as a spawned CLI: the wall time of `gicap batch` over 200 small inventories with 1 and 2 jobs.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { TOOL } from '../src/cli/version.js';
import type { PlanSummary } from '../src/domain/result.js';
import type { TimingModel } from '../src/domain/timing.js';
import { DEFAULT_MAX_LISTED, planCapacity } from '../src/engine/plan.js';
import { generateEstate } from '../src/generate/estate.js';
import type { EstateSize } from '../src/generate/sizes.js';
import { loadInventory } from '../src/io/load-inventory.js';
import { calibrateModel } from '../src/model/calibrate.js';
import { parseObservations } from '../src/io/load-observations.js';

/** The repository root (bench/ is one level down). */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The built CLI that `npm run bench` builds first. */
export const CLI_PATH = join(REPO_ROOT, 'dist', 'cli', 'main.js');

/** Seeds of the generated estates (spec section 7; `gicap generate` writes the same files). */
export const LARGE_SEED = 1;
export const MEDIUM_SEED = 1;
export const SMALL_FIRST_SEED = 1;
export const SMALL_COUNT = 200;

/** The figure names of issue 6, in table order: the keys of `figures` in bench/results.json. */
export const FIGURE_NAMES = [
  'parseLarge',
  'planLargeK1',
  'planLargeK2',
  'planMediumK3',
  'scenariosPerSecondLargeK2',
  'peakRssMbLargeK2',
  'batch200Jobs1',
  'batch200Jobs2',
  'allScenariosLargeK2',
  'ratioPlanK1ToParse',
  'speedupJobs2',
  'calibrate2000',
  'calibrate4000',
  'ratioCalibrate4000To2000',
  'ratioAllScenariosToPlanK2',
] as const;
export type FigureName = (typeof FIGURE_NAMES)[number];

/** Unit of each figure, for the table. */
export const UNITS: Readonly<Record<FigureName, string>> = {
  parseLarge: 's',
  planLargeK1: 's',
  planLargeK2: 's',
  planMediumK3: 's',
  scenariosPerSecondLargeK2: '/s',
  peakRssMbLargeK2: 'MB',
  batch200Jobs1: 's',
  batch200Jobs2: 's',
  allScenariosLargeK2: 's',
  ratioPlanK1ToParse: '×',
  speedupJobs2: '×',
  calibrate2000: 's',
  calibrate4000: 's',
  ratioCalibrate4000To2000: '×',
  ratioAllScenariosToPlanK2: '×',
};

/** A target of issue 6 on the 2-core reference machine: the median must be ≤ max or ≥ min. */
export type Target = { readonly max: number } | { readonly min: number };

export const TARGETS: Readonly<Partial<Record<FigureName, Target>>> = {
  ratioPlanK1ToParse: { max: 3 },
  planLargeK2: { max: 10 },
  peakRssMbLargeK2: { max: 1024 },
  planMediumK3: { max: 30 },
  speedupJobs2: { min: 1.6 },
  // Issue 14: calibration linear in the observation rows (30 s and 1 GB for 4,000 rows before).
  calibrate4000: { max: 2 },
  ratioCalibrate4000To2000: { max: 2.5 },
  // Issue 14: every scenario described and written (scenarios.jsonl + scenarios.csv) in at most 3×
  // the time of the plan that only counts them.
  ratioAllScenariosToPlanK2: { max: 3 },
};

export function targetHolds(target: Target, value: number): boolean {
  return 'max' in target ? value <= target.max : value >= target.min;
}

export function describeTarget(target: Target): string {
  return 'max' in target ? `≤ ${target.max}` : `≥ ${target.min}`;
}

// ---------------------------------------------------------------------------------------------
// Estates

export interface BenchEstates {
  readonly root: string;
  readonly large: string;
  readonly medium: string;
  /** A folder whose sub-folders estate-001 … estate-200 are small inventories (batch input). */
  readonly smallFolder: string;
}

function writeInventory(dir: string, size: EstateSize, seed: number): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(generateEstate(size, seed))) {
    writeFileSync(join(dir, name), text);
  }
}

/**
 * Write the estates under `root`: large seed 1, medium seed 1, and 200 small ones with seeds 1 … 200
 * (the same files as `gicap generate --size S --seed N [--count 200]`).
 */
export function writeEstates(root: string): BenchEstates {
  const estates: BenchEstates = {
    root,
    large: join(root, `large-${LARGE_SEED}`),
    medium: join(root, `medium-${MEDIUM_SEED}`),
    smallFolder: join(root, `small-x${SMALL_COUNT}`),
  };
  writeInventory(estates.large, 'large', LARGE_SEED);
  writeInventory(estates.medium, 'medium', MEDIUM_SEED);
  for (let i = 0; i < SMALL_COUNT; i++) {
    const folder = `estate-${String(i + 1).padStart(3, '0')}`;
    writeInventory(join(estates.smallFolder, folder), 'small', SMALL_FIRST_SEED + i);
  }
  return estates;
}

// ---------------------------------------------------------------------------------------------
// One timed run of each case

/** Seconds since `start` (a performance.now() reading in milliseconds). */
function secondsSince(start: number): number {
  return (performance.now() - start) / 1000;
}

/** parseLarge: read, parse and validate the inventory folder. */
export async function timeParse(dir: string): Promise<number> {
  const start = performance.now();
  await loadInventory(dir);
  return secondsSince(start);
}

export interface PlanRun {
  readonly seconds: number;
  readonly summary: PlanSummary;
}

/**
 * planLarge* / planMedium*: load the inventory and plan every scenario of up to `k` failed units,
 * keeping aggregates only (the default listing), as `gicap plan` computes it (src/cli/pipeline.ts
 * `computePlan` without --set) before rendering. The renderers are not imported here, so the memory
 * child holds only the loader and the engine.
 */
export async function timePlan(dir: string, k: number, model: TimingModel): Promise<PlanRun> {
  const start = performance.now();
  const inventory = await loadInventory(dir);
  const report = planCapacity(inventory, {
    maxFailures: k,
    outageHours: 24,
    model,
    allScenarios: false,
    maxListed: DEFAULT_MAX_LISTED,
    changes: [],
    now: null,
    tool: TOOL,
  });
  return { seconds: secondsSince(start), summary: report.summary };
}

/** What bench/rss-child.ts prints as its one line of JSON. */
export interface RssChildResult {
  /** Peak resident set size of the child, KiB (process.resourceUsage().maxRSS). */
  readonly maxRssKiB: number;
  /** Resident memory before the plan, KiB: node, tsx and the loaded modules. */
  readonly baselineKiB: number;
  readonly seconds: number;
  readonly summary: PlanSummary;
}

interface Finished {
  readonly status: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

/** Run a node process to the end, timing it from spawn to exit (wall time, seconds). */
function runNode(args: readonly string[]): Promise<Finished> {
  return new Promise((resolvePromise, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status, signal) =>
      resolvePromise({ status, signal, stdout, stderr, seconds: secondsSince(start) }),
    );
  });
}

function failure(what: string, run: Finished): Error {
  const how = run.signal !== null ? `signal ${run.signal}` : `exit ${run.status}`;
  return new Error(`${what} failed (${how}):\n${run.stderr.trim() || run.stdout.trim()}`);
}

/** peakRssMbLargeK2: the k-plan alone in a fresh node process (loadInventory + planCapacity). */
export async function measurePlanRss(dir: string, k: number): Promise<RssChildResult> {
  const child = join(REPO_ROOT, 'bench', 'rss-child.ts');
  const run = await runNode(['--import', 'tsx', child, dir, String(k)]);
  if (run.status !== 0) throw failure('the memory child', run);
  const last = run.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as RssChildResult;
}

/** Does the built CLI have a working `batch` command (with --jobs)? */
export async function batchAvailable(): Promise<boolean> {
  const run = await runNode([CLI_PATH, 'batch', '--help']);
  return run.status === 0 && run.stdout.includes('--jobs');
}

/**
 * batch200Jobs*: `gicap batch FOLDER --out OUT --jobs N`, wall time from spawn to exit, with the
 * default formats (md, html, json, csv): the batch a planner runs. (With `--format json` alone a small
 * run is ~7 ms of work, so the ~1 s each thread spends loading the code dominates and no second thread
 * can pay off; bench/README.md gives that figure too.) Exit 1 (some inventories have findings) is a
 * normal outcome; 2 or 3 is a failure.
 */
export async function timeBatch(folder: string, out: string, jobs: number): Promise<number> {
  const run = await runNode([CLI_PATH, 'batch', folder, '--out', out, '--jobs', String(jobs)]);
  if (run.status !== 0 && run.status !== 1) throw failure(`gicap batch --jobs ${jobs}`, run);
  return run.seconds;
}

/** What the all-scenarios run wrote: its wall time and the size of each file, bytes. */
export interface AllScenariosRun {
  readonly seconds: number;
  readonly bytes: Readonly<Record<string, number>>;
}

/**
 * allScenariosLargeK2: `gicap plan LARGE -k 2 --all-scenarios --format json,csv --out OUT`, wall
 * time from spawn to exit: every scenario described once and streamed to scenarios.jsonl and
 * scenarios.csv, beside a small report.json (issue 14). Exit 1 (findings) is the normal outcome.
 */
export async function timeAllScenarios(dir: string, out: string): Promise<AllScenariosRun> {
  const run = await runNode([
    CLI_PATH,
    'plan',
    dir,
    '-k',
    '2',
    '--all-scenarios',
    '--format',
    'json,csv',
    '--out',
    out,
  ]);
  if (run.status !== 0 && run.status !== 1) throw failure('gicap plan --all-scenarios', run);
  const bytes: Record<string, number> = {};
  for (const f of readdirSync(out).sort()) bytes[f] = statSync(join(out, f)).size;
  return { seconds: run.seconds, bytes };
}

// ---------------------------------------------------------------------------------------------
// How much parallel CPU the machine gives us right now

/** A fixed CPU-bound loop (about 0.5 s on an idle reference machine), run in a worker thread. */
const SPIN_CODE = `
const { parentPort } = require('node:worker_threads');
let x = 0;
for (let i = 0; i < 1e8; i++) x = (x + i) % 1000003;
parentPort.postMessage(x);
`;

function spinThreads(threads: number): Promise<number> {
  const start = performance.now();
  const one = (): Promise<void> =>
    new Promise((resolvePromise, reject) => {
      const w = new Worker(SPIN_CODE, { eval: true });
      w.once('message', () => resolvePromise());
      w.once('error', reject);
    });
  return Promise.all(Array.from({ length: threads }, one)).then(() => secondsSince(start));
}

/**
 * Parallel capacity: 2 × (time of one spinning thread) ÷ (time of two at once) — about 2 on an idle
 * 2-core machine, about 1 when other work holds one core. `speedupJobs2` cannot exceed it, so the
 * harness measures it next to the batch runs to tell a slow batch from a busy machine.
 */
export async function probeParallelCapacity(): Promise<number> {
  const one = await spinThreads(1);
  const two = await spinThreads(2);
  const oneAgain = await spinThreads(1);
  return (2 * Math.min(one, oneAgain)) / two;
}

// ---------------------------------------------------------------------------------------------
// Calibration (issue 14)

/**
 * `rows` observations of the bundled model's two Group Manager formulas, half each, with driver
 * counts from a fixed-seed generator and measured seconds from known coefficients plus noise of up
 * to ±1 s: the CSV text `gicap calibrate` reads.
 */
export function observationsCsv(rows: number): string {
  let seed = 12_345;
  const next = (): number => {
    seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
    return seed / 2 ** 32;
  };
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  const lines = ['formula,seconds,groups_managed,member_complexes,member_npars_down,manual'];
  for (let i = 0; i < rows; i += 1) {
    const g = int(1, 3);
    const m = int(1, 8);
    const d = int(0, 6);
    const manual = i % 2 === 0 ? 0 : int(0, 1);
    const takeover = 5 + 2 * g + 3 * m + 60 * d + (next() * 2 - 1);
    const seconds = i % 2 === 0 ? takeover : 36 + takeover + 900 * manual;
    const formula = i % 2 === 0 ? 'gm_takeover' : 'gm_failover';
    lines.push(`${formula},${seconds.toFixed(3)},${g},${m},${d},${manual}`);
  }
  return `${lines.join('\n')}\n`;
}

/** calibrate2000 / calibrate4000: parse the observations and fit the model, as `gicap calibrate` does. */
export function timeCalibrate(text: string, model: TimingModel): number {
  const start = performance.now();
  const observations = parseObservations(text, 'observations.csv');
  if (!observations.ok) throw new Error(`bad observations: ${observations.errors.join('; ')}`);
  const r = calibrateModel(model, observations.value, { source: 'observations.csv' });
  if (!r.ok) throw new Error(`calibration failed: ${r.errors.join('; ')}`);
  return secondsSince(start);
}
