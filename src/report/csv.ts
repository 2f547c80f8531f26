/**
 * `scenarios.csv` and `sizing.csv` (spec 5.2), for spreadsheets: raw numbers (cores, seconds),
 * booleans as `true`/`false`, empty cells for "none". A column in seconds says so in its name
 * (`time_min_s`: the fastest failover, in seconds, not a time in minutes). Written through `toCsv` (src/io/csv.ts), the
 * project's one CSV writer.
 */
import type { PlanReport, ScenarioResult } from '../domain/result.js';
import { toCsv, type CsvValue } from '../text/csv.js';

export const SCENARIOS_HEADER = [
  'id',
  'failed',
  'survives',
  'package',
  'from',
  'to',
  'status',
  'activated',
  'own',
  'vpar',
  'complex',
  'pool',
  'seized',
  'ticap',
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

/** The rows of one scenario as CSV lines, without the header (for streaming `--all-scenarios`). */
export function renderScenarioCsvRows(s: ScenarioResult): string {
  const text = toCsv(SCENARIOS_HEADER, scenarioCsvRows(s));
  return text.slice(scenariosCsvHeader().length);
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
