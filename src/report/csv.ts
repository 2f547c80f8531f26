/**
 * `scenarios.csv` and `sizing.csv` (spec 5.2), for spreadsheets: raw numbers (cores, seconds),
 * booleans as `true`/`false`, empty cells for "none". A column in seconds says so in its name
 * (`time_min_s`: the fastest failover, in seconds, not a time in minutes). Written through `toCsv` (src/text/csv.ts), the
 * project's one CSV writer.
 */
import type { PlanReport, ScenarioResult, StreamedScenario } from '../domain/result.js';
import type { TimeRange } from '../domain/timing.js';
import { toCsv, type CsvValue } from '../text/csv.js';
import { SOURCE_KEYS } from '../domain/rights-sources.js';

export const SCENARIOS_HEADER = [
  'id',
  'failed',
  'survives',
  'package',
  'from',
  'to',
  'status',
  'activated',
  // One column per rights source, in the order they are drawn.
  ...SOURCE_KEYS,
  'reason',
  'time_min_s',
  'time_typical_s',
  'time_max_s',
] as const;

export const SIZING_HEADER = [
  'complex',
  'npar',
  'vpar',
  'host',
  'installed_cores',
  'rights',
  'active_cores',
  'inactive_cores',
  'minimum_inactive_cores',
  'binding_scenario',
  'shortfall',
] as const;

/**
 * One row per listed scenario × package whose primary is down, in placement order. A scenario in
 * which no package had to move still gets one row (package columns empty), so every listed scenario
 * appears. `failed` joins the failed units with `;` (as packages.csv joins nodes).
 */
export function renderScenariosCsv(report: PlanReport): string {
  return toCsv(SCENARIOS_HEADER, report.scenarios.flatMap(scenarioCsvRows));
}

/** The header line of `scenarios.csv` (for writers that stream the rows). */
export function scenariosCsvHeader(): string {
  return toCsv(SCENARIOS_HEADER, []);
}

/** Ranges already written: the engine hands out the same memoised range object again and again. */
const timeTexts = new WeakMap<TimeRange, string>();

/** The three time cells of a range. */
function timeCells(t: TimeRange): string {
  let text = timeTexts.get(t);
  if (text === undefined) {
    text = `${t.min},${t.typical},${t.max}`;
    timeTexts.set(t, text);
  }
  return text;
}

/** The empty package columns of a scenario in which no package had to move. */
const EMPTY_PACKAGE_CELLS = ','.repeat(SCENARIOS_HEADER.length - 3);

/** What papaparse quotes (`quotes: false`): a delimiter, quote, CR, LF or BOM, or an edge space. */
const NEEDS_QUOTES = /[",\r\n\uFEFF]|^ | $/;

/** One text field as papaparse writes it. */
export function csvText(v: string): string {
  return NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * The rows of one scenario as CSV lines, without the header (for streaming `--all-scenarios`): the
 * same bytes as `renderScenariosCsv` writes for it through papaparse, written directly (a field is
 * quoted only when it holds a comma, a quote, a line break or a BOM, or starts or ends with a space,
 * as papaparse does with `quotes: false`), so hundreds of thousands of scenarios cost no row arrays.
 */
export function renderScenarioCsvRows(s: StreamedScenario): string {
  const head = `${csvText(s.id)},${csvText(s.failed.join(';'))},${s.survives ? 'true' : 'false'}`;
  if (s.packages.length === 0) return `${head}${EMPTY_PACKAGE_CELLS}\n`;
  let out = '';
  for (const p of s.packages) {
    const src = p.sources;
    const t = p.time;
    out += `${head},${csvText(p.package)},${csvText(p.from)},${p.to === null ? '' : csvText(p.to)},${csvText(p.status)},${p.activated},${src.own},${src.vpar},${src.complex},${src.pool},${src.seized},${src.ticap},${p.reason === null ? '' : csvText(p.reason)},${t === null ? ',,' : timeCells(t)}\n`;
  }
  return out;
}

function scenarioCsvRows(s: ScenarioResult): CsvValue[][] {
  const head: CsvValue[] = [s.id, s.failed.join(';'), s.survives];
  if (s.packages.length === 0) {
    return [[...head, ...new Array<CsvValue>(SCENARIOS_HEADER.length - head.length).fill(null)]];
  }
  return s.packages.map((p) => [
    ...head,
    p.package,
    p.from,
    p.to,
    p.status,
    p.activated,
    p.sources.own,
    p.sources.vpar,
    p.sources.complex,
    p.sources.pool,
    p.sources.seized,
    p.sources.ticap,
    p.reason,
    p.time?.min ?? null,
    p.time?.typical ?? null,
    p.time?.max ?? null,
  ]);
}

/** One row per partition (nPar, and vPar within it), with the sizing of spec 4. */
export function renderSizingCsv(report: PlanReport): string {
  return toCsv(
    SIZING_HEADER,
    report.partitions.map((p) => [
      p.complex,
      p.npar,
      p.vpar,
      p.host,
      p.installedCores,
      p.rights,
      p.activeCores,
      p.inactiveCores,
      p.minimumInactiveCores,
      p.bindingScenario,
      p.shortfall,
    ]),
  );
}
