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
import type { TopLevelSpec } from 'vega-lite';
import type { PlanReport, PartitionSizing } from '../domain/result.js';
import type { ChartName } from './document.js';
import { scenariosWithMoves } from './document.js';
import { LIST_LIMIT, SOURCE_KEYS, SOURCE_LABELS, partitionKey, takeFirst } from './format.js';

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

/** Width of the plotting area in pixels: fits a laptop screen next to the row labels. */
const PLOT_WIDTH = 560;
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
      labelFontSize: 11,
      titleFontSize: 11,
      titleFontWeight: 'normal' as const,
      labelLimit: 260,
    },
    legend: {
      labelFontSize: 11,
      titleFontSize: 11,
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

function leftOut(more: number, noun: string): string {
  return more > 0 ? ` ${more} more ${noun} are in the tables and report.json.` : '';
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
  const y = { field: 'row', type: 'nominal' as const, sort: null, title: null };
  return {
    name: 'timing',
    caption:
      'Failover time per scenario and moved package, seconds: the bar spans min–max, the tick ' +
      `marks the typical time.${leftOut(more, 'packages')}`,
    marks: { range: shown.length, typical: shown.length },
    spec: {
      width: PLOT_WIDTH,
      height: { step: ROW_HEIGHT },
      data: { values: shown },
      config: baseConfig(),
      layer: [
        {
          name: 'range',
          mark: { type: 'bar', color: COLOURS.range, height: 10 },
          encoding: {
            y,
            x: { field: 'min', type: 'quantitative', title: 'seconds' },
            x2: { field: 'max' },
          },
        },
        {
          name: 'typical',
          mark: { type: 'tick', color: COLOURS.typical, thickness: 3, size: 16 },
          encoding: { y, x: { field: 'typical', type: 'quantitative' } },
        },
      ],
    },
  };
}

/**
 * Partitions for the sizing chart: those with a shortfall first, then those with a minimum or
 * inactive cores, at most CHART_ROW_LIMIT, drawn in the report's order.
 */
function sizingPartitions(report: PlanReport): { shown: PartitionSizing[]; more: number } {
  const relevant = report.partitions.filter(
    (p) => p.minimumInactiveCores > 0 || p.inactiveCores > 0,
  );
  const short = relevant.filter((p) => p.shortfall > 0);
  const rest = relevant.filter((p) => p.shortfall === 0);
  const chosen = new Set([...short, ...rest].slice(0, CHART_ROW_LIMIT));
  return {
    shown: relevant.filter((p) => chosen.has(p)),
    more: relevant.length - chosen.size,
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
      `(blue); a red bar is a shortfall.${leftOut(more, 'partitions')}`,
    marks: { bars: values.length },
    spec: {
      width: PLOT_WIDTH,
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
      `partition held exactly its minimum inactive cores.${leftOut(more, 'groups')}`,
    marks: { bars: values.length },
    spec: {
      width: PLOT_WIDTH,
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
      if (cores > 0) values.push({ scenario: s.id, source: SOURCE_LABELS[k], order, cores });
    });
  }
  if (values.length === 0) return null;
  const stackTotals = (vs: typeof values): number[] =>
    shown.map((s) => vs.filter((v) => v.scenario === s.id).reduce((a, v) => a + v.cores, 0));
  const labels = SOURCE_KEYS.map((k) => SOURCE_LABELS[k]);
  return {
    name: 'sources',
    caption:
      'Cores activated per scenario by where their rights came from (own, released by vPars, the ' +
      `complex’s unassigned rights, the group pool, seized, TiCAP).${leftOut(more, 'scenarios')}`,
    marks: { bars: values.length },
    spec: {
      width: PLOT_WIDTH,
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
