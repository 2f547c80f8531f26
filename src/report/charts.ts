/**
 * The HTML report's four charts (spec 5.2, issue 5), as Vega-Lite specifications compiled to Vega and
 * rendered to SVG strings in Node when the report is generated: the page carries finished SVG and
 * needs no script, font or network.
 *
 * Determinism (same report ⇒ same bytes): data is inline and in the report's order; text is measured
 * with Vega's fixed estimate (0.8 × font size per character), never with a canvas and the machine's
 * fonts; no clip paths or gradients (their ids come from a module-wide counter); element ids that
 * Vega might still emit are rewritten with the chart's name. The loader refuses every URL, so
 * rendering cannot reach the network.
 */
import * as vega from 'vega';
import { compile } from 'vega-lite';
import { sizingWorstFirst } from './headline.js';
import type { TopLevelSpec } from 'vega-lite';
import type { PlanReport, PartitionSizing } from '../domain/result.js';
import { LIST_LIMIT, takeFirst } from './format.js';
import { SOURCE_KEYS, SOURCE_NAMES } from '../domain/rights-sources.js';
import { partitionKey } from '../domain/derived.js';
import type { ChartName } from './blocks.js';
import { scenariosWithMoves } from './views.js';

/** The most bars (rows) a chart draws; the tables list the rest (bounded size, spec 5.2). */
export const CHART_ROW_LIMIT = 60;

/** The HTML report's font stack, also given to the charts' text. */
export const FONT_STACK =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/** Series colours (colour-blind safe pairs, dark enough to print in grey). */
const COLOURS = {
  range: '#9ecae9',
  typical: '#1f4e79',
  installed: '#9aa5b1',
  minimum: '#2f6db5',
  shortfall: '#c0392b',
  owned: '#2f6db5',
  required: '#9aa5b1',
  sharingMinimum: '#59a14f',
  own: '#4c78a8',
  vpar: '#72b7b2',
  complex: '#54a24b',
  pool: '#eeca3b',
  seized: '#f58518',
  ticap: '#b279a2',
} as const;

/**
 * Chart width in pixels, row labels included: the page's content column on a laptop screen. The
 * plotting area gets what the labels leave, within [MIN_PLOT, MAX_PLOT].
 */
const CHART_WIDTH = 1000;
const MIN_PLOT = 380;
const MAX_PLOT = 640;
/** Font size of axis and legend labels, pixels. */
const LABEL_FONT = 11;
/** Longest row label drawn before Vega cuts it with an ellipsis, pixels (as Vega estimates). */
const LABEL_LIMIT = 560;

/**
 * The plotting width next to row labels. Vega sizes text in Node by its fixed estimate of
 * 0.8 × font size per character (see below), so the same estimate decides the room labels need.
 */
export function plotWidth(labels: readonly string[]): number {
  const longest = Math.max(0, ...labels.map((l) => [...l].length));
  const labelWidth = Math.min(LABEL_LIMIT, Math.ceil(0.8 * LABEL_FONT * longest)) + 20;
  return Math.max(MIN_PLOT, Math.min(MAX_PLOT, CHART_WIDTH - labelWidth));
}
/** Height per row (one bar, or one group of bars), pixels. */
const ROW_HEIGHT = 22;

export interface ChartSpec {
  readonly name: ChartName;
  /** One sentence under the chart saying what it shows (and what it left out). */
  readonly caption: string;
  /** Data points drawn, per named mark layer: the test checks the SVG has as many marks. */
  readonly marks: Readonly<Record<string, number>>;
  readonly spec: TopLevelSpec;
}

function baseConfig() {
  return {
    font: FONT_STACK,
    background: '#ffffff',
    view: { stroke: null },
    axis: {
      labelFontSize: LABEL_FONT,
      titleFontSize: LABEL_FONT,
      titleFontWeight: 'normal' as const,
      labelLimit: LABEL_LIMIT,
    },
    legend: {
      labelFontSize: LABEL_FONT,
      titleFontSize: LABEL_FONT,
      orient: 'top' as const,
      titleFontWeight: 'normal' as const,
      labelLimit: 400,
    },
  };
}

/** An axis for whole numbers (cores, rights): integer ticks, no `0.5`. */
function countAxis(values: readonly number[]) {
  const max = Math.max(1, ...values);
  return { tickCount: Math.min(Math.ceil(max), 12), format: 'd' };
}

function leftOut(more: number, noun: string, where: string): string {
  return more > 0 ? ` ${more} more ${noun} are not drawn; ${where} lists them.` : '';
}

/** Tick values for a logarithmic time axis, seconds (10 s … 4 h). */
const TIME_LADDER = [10, 20, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200, 14400] as const;

/** Vega expression labelling a tick in seconds as `30 s`, `2 min`, `1 h`. */
const TIME_LABEL =
  "datum.value < 60 ? datum.value + ' s' : datum.value < 3600 ? datum.value / 60 + ' min' : " +
  "datum.value / 3600 + ' h'";

/**
 * The time axis: linear from 0 when the times are of one magnitude, logarithmic when the slowest
 * is more than 8 × the fastest (a manual Group Manager takeover of an hour next to 40-second
 * failovers would flatten every other bar), with ticks at round durations.
 */
export function timeScale(rows: readonly { min: number; max: number }[]) {
  const lo = Math.min(...rows.map((r) => r.min));
  const hi = Math.max(...rows.map((r) => r.max));
  if (!(lo >= 10 && hi / lo > 8)) {
    return { scale: { type: 'linear' as const, zero: true }, axis: { title: 'seconds' } };
  }
  const below = TIME_LADDER.filter((t) => t <= lo);
  const above = TIME_LADDER.filter((t) => t >= hi);
  const from = below.at(-1) ?? lo;
  const to = above[0] ?? hi;
  return {
    scale: { type: 'log' as const, domain: [from, to], nice: false },
    axis: {
      title: 'time (log scale)',
      values: TIME_LADDER.filter((t) => t >= from && t <= to),
      labelExpr: TIME_LABEL,
    },
  };
}

/** (1) Timing ranges per scenario and package: a bar from min to max, a tick at typical. */
export function timingChart(report: PlanReport): ChartSpec | null {
  const rows: { row: string; min: number; typical: number; max: number }[] = [];
  for (const s of takeFirst(scenariosWithMoves(report), LIST_LIMIT).shown) {
    for (const p of s.packages) {
      if (p.status !== 'moved' || p.time === null) continue;
      rows.push({ row: `${s.id} · ${p.package}`, ...p.time });
    }
  }
  if (rows.length === 0) return null;
  const { shown, more } = takeFirst(rows, CHART_ROW_LIMIT);
  const { scale, axis } = timeScale(shown);
  const y = { field: 'row', type: 'nominal' as const, sort: null, title: null };
  return {
    name: 'timing',
    caption:
      'Failover time per scenario and moved package: the bar spans min–max, the tick marks the ' +
      `typical time${scale.type === 'log' ? ' (logarithmic time axis)' : ', seconds'}.` +
      leftOut(more, 'packages', 'report.json'),
    marks: { range: shown.length, typical: shown.length },
    spec: {
      width: plotWidth(shown.map((r) => r.row)),
      height: { step: ROW_HEIGHT },
      data: { values: shown },
      config: baseConfig(),
      layer: [
        {
          name: 'range',
          mark: { type: 'bar', color: COLOURS.range, height: 10 },
          encoding: {
            y,
            x: { field: 'min', type: 'quantitative', scale, axis },
            x2: { field: 'max' },
          },
        },
        {
          name: 'typical',
          mark: { type: 'tick', color: COLOURS.typical, thickness: 3, size: 16 },
          encoding: { y, x: { field: 'typical', type: 'quantitative', scale } },
        },
      ],
    },
  };
}

/**
 * Partitions for the sizing chart, at most CHART_ROW_LIMIT, in the sizing table's order (largest
 * shortfall first, then largest minimum), leaving out those with nothing to draw.
 */
function sizingPartitions(report: PlanReport): { shown: PartitionSizing[]; more: number } {
  const relevant = sizingWorstFirst(report).filter(
    (p) => p.minimumInactiveCores > 0 || p.inactiveCores > 0,
  );
  return {
    shown: relevant.slice(0, CHART_ROW_LIMIT),
    more: Math.max(0, relevant.length - CHART_ROW_LIMIT),
  };
}

/** (2) Minimum against installed inactive cores per partition; a minimum above it is red. */
export function sizingChart(report: PlanReport): ChartSpec | null {
  const { shown, more } = sizingPartitions(report);
  if (shown.length === 0) return null;
  const series = ['inactive (installed)', 'minimum inactive', 'minimum inactive (shortfall)'];
  // `bar` places the pair within the row; `series` colours it (a minimum above the installed
  // inactive cores is the shortfall colour).
  const values = shown.flatMap((p) => [
    { partition: partitionKey(p), bar: 0, series: series[0], cores: p.inactiveCores },
    {
      partition: partitionKey(p),
      bar: 1,
      series: p.shortfall > 0 ? series[2] : series[1],
      cores: p.minimumInactiveCores,
    },
  ]);
  return {
    name: 'sizing',
    caption:
      'Inactive cores installed (grey) against the minimum each partition must be able to activate ' +
      `(blue); a red bar is a shortfall.${leftOut(more, 'partitions', 'the table above')}`,
    marks: { bars: values.length },
    spec: {
      width: plotWidth(shown.map(partitionKey)),
      height: { step: 30, for: 'position' },
      data: { values },
      config: baseConfig(),
      name: 'bars',
      mark: { type: 'bar' },
      encoding: {
        y: {
          field: 'partition',
          type: 'nominal',
          sort: null,
          title: null,
          scale: { paddingInner: 0.3 },
        },
        yOffset: { field: 'bar', type: 'nominal', scale: { domain: [0, 1] } },
        x: {
          field: 'cores',
          type: 'quantitative',
          title: 'cores',
          axis: countAxis(values.map((v) => v.cores)),
        },
        color: {
          field: 'series',
          type: 'nominal',
          title: null,
          scale: { domain: series, range: [COLOURS.installed, COLOURS.minimum, COLOURS.shortfall] },
        },
      },
    },
  };
}

/** (3) Sharing rights owned, required and minimum per group. */
export function sharingChart(report: PlanReport): ChartSpec | null {
  if (report.groups.length === 0) return null;
  const { shown, more } = takeFirst(report.groups, CHART_ROW_LIMIT);
  const series = ['owned', 'required', 'minimum'];
  const values = shown.flatMap((g) => [
    { group: g.group, series: 'owned', rights: g.sharingRightsOwned },
    { group: g.group, series: 'required', rights: g.sharingRightsRequired },
    { group: g.group, series: 'minimum', rights: g.sharingRightsMinimum },
  ]);
  return {
    name: 'sharing',
    caption:
      'GiCAP sharing rights per group: owned, required today (compliance) and the minimum if every ' +
      `partition held exactly its minimum inactive cores.${leftOut(more, 'groups', 'the table above')}`,
    marks: { bars: values.length },
    spec: {
      width: plotWidth(shown.map((g) => g.group)),
      height: { step: 40, for: 'position' },
      data: { values },
      config: baseConfig(),
      name: 'bars',
      mark: { type: 'bar' },
      encoding: {
        y: {
          field: 'group',
          type: 'nominal',
          sort: null,
          title: null,
          scale: { paddingInner: 0.3 },
        },
        yOffset: { field: 'series', type: 'nominal', sort: series },
        x: {
          field: 'rights',
          type: 'quantitative',
          title: 'sharing rights',
          axis: countAxis(values.map((v) => v.rights)),
        },
        color: {
          field: 'series',
          type: 'nominal',
          title: null,
          scale: {
            domain: series,
            range: [COLOURS.owned, COLOURS.required, COLOURS.sharingMinimum],
          },
        },
      },
    },
  };
}

/** (4) Where the activated cores' rights came from, per scenario, stacked by source. */
export function sourcesChart(report: PlanReport): ChartSpec | null {
  const { shown, more } = takeFirst(scenariosWithMoves(report), LIST_LIMIT);
  const values: { scenario: string; source: string; order: number; cores: number }[] = [];
  for (const s of shown) {
    SOURCE_KEYS.forEach((k, order) => {
      const cores = s.packages.reduce(
        (sum, p) => sum + (p.status === 'moved' ? p.sources[k] : 0),
        0,
      );
      if (cores > 0) values.push({ scenario: s.id, source: SOURCE_NAMES[k].label, order, cores });
    });
  }
  if (values.length === 0) return null;
  const stackTotals = (vs: typeof values): number[] =>
    shown.map((s) => vs.filter((v) => v.scenario === s.id).reduce((a, v) => a + v.cores, 0));
  const labels = SOURCE_KEYS.map((k) => SOURCE_NAMES[k].label);
  return {
    name: 'sources',
    caption:
      'Cores activated per scenario by where their rights came from (own, released by vPars, the ' +
      `complex’s unassigned rights, the group pool, seized, TiCAP).${leftOut(more, 'scenarios', 'report.json')}`,
    marks: { bars: values.length },
    spec: {
      width: plotWidth(shown.map((s) => s.id)),
      height: { step: ROW_HEIGHT },
      data: { values },
      config: baseConfig(),
      name: 'bars',
      mark: { type: 'bar', height: 14 },
      encoding: {
        y: { field: 'scenario', type: 'nominal', sort: null, title: null },
        x: {
          field: 'cores',
          type: 'quantitative',
          stack: 'zero',
          title: 'cores activated',
          axis: countAxis(stackTotals(values)),
        },
        color: {
          field: 'source',
          type: 'nominal',
          title: null,
          scale: {
            domain: labels,
            range: SOURCE_KEYS.map((k) => COLOURS[k]),
          },
        },
        order: { field: 'order', type: 'quantitative' },
      },
    },
  };
}

/** Every chart of the report, in page order; null where there is nothing to draw. */
export function buildCharts(report: PlanReport): Readonly<Record<ChartName, ChartSpec | null>> {
  return {
    sharing: sharingChart(report),
    sizing: sizingChart(report),
    timing: timingChart(report),
    sources: sourcesChart(report),
  };
}

// ---------------------------------------------------------------------------------------------
// Rendering

const refuse = (what: string) => (uri: string) =>
  Promise.reject(new Error(`charts are rendered offline: refused to ${what} ${uri}`));

/** A Vega loader that never loads anything (all chart data is inline). */
const OFFLINE_LOADER = {
  load: refuse('load'),
  sanitize: refuse('load'),
  http: refuse('fetch'),
  file: refuse('read'),
} as unknown as vega.Loader;

/** Parts of Vega's scenegraph API that its type definitions leave out. */
const scenegraph = vega as unknown as {
  readonly textMetrics?: { canvas(use: boolean): void };
  readonly resetSVGDefIds?: () => void;
};

// Measure text with Vega's fixed estimate even where the optional `canvas` package is installed:
// canvas metrics depend on the machine's fonts, which would make the SVG differ between machines.
scenegraph.textMetrics?.canvas(false);

/** Renders one chart to an SVG string (no XML prolog, no namespace URLs: it is inlined in HTML). */
export async function renderChartSvg(chart: ChartSpec): Promise<string> {
  const silent = vega.logger(vega.None);
  const compiled = compile(chart.spec, { logger: silent }).spec;
  scenegraph.resetSVGDefIds?.();
  const view = new vega.View(vega.parse(compiled), {
    renderer: 'none',
    loader: OFFLINE_LOADER,
    logger: silent,
  });
  try {
    const svg = await view.toSVG();
    return tidySvg(svg, chart.name);
  } finally {
    view.finalize();
  }
}

/**
 * Prepares Vega's SVG for inlining: drops the namespace declarations (an inline <svg> in HTML needs
 * none, and the page then holds no URL at all), and prefixes any element id with the chart's name so
 * that four charts on one page cannot collide.
 */
export function tidySvg(svg: string, name: ChartName): string {
  return svg
    .replace(/ xmlns(:xlink)?="[^"]*"/g, '')
    .replace(/ id="([^"]*)"/g, ` id="${name}-$1"`)
    .replace(/url\(#([^)]*)\)/g, `url(#${name}-$1)`)
    .replace(/<svg /, `<svg role="img" aria-label="${name} chart" `);
}
