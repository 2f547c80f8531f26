import { beforeAll, describe, expect, it } from 'vitest';
import type { PlanReport } from '../../src/domain/result.js';
import type { ChartSpec } from '../../src/report/charts.js';
import {
  CHART_ROW_LIMIT,
  buildCharts,
  renderChartSvg,
  sizingChart,
  sourcesChart,
  plotWidth,
  timeScale,
  timingChart,
} from '../../src/report/charts.js';
import { goldenReports } from '../helpers/golden-cases.js';
import { countMarks } from './svg-marks.js';

const reports = goldenReports(['mixed-estate-k1', 'mixed-estate-changed', 'seed-fig15']);

function chart(c: ChartSpec | null): ChartSpec {
  if (c === null) throw new Error('expected a chart');
  return c;
}

describe('chart data', () => {
  it('timing: one range bar and one typical tick per moved package', () => {
    const c = chart(timingChart(reports['mixed-estate-k1']));
    // The 22 rows of the report's "Failover times" table.
    expect(c.marks).toEqual({ range: 22, typical: 22 });
    const values = (c.spec.data as { values: { row: string; min: number }[] }).values;
    expect(values[4]).toEqual({
      row: 'npar:east-sd2/adm · vm-tools',
      min: 583.4,
      typical: 1239,
      max: 4062,
    });
    expect(values.at(-1)).toEqual({
      row: 'site:dc-west · testdb',
      min: 214.8,
      typical: 223,
      max: 249,
    });
  });

  it('sizing: two bars per partition that has or needs inactive cores; shortfall coloured apart', () => {
    // seed-fig15: server1/db1 (0 inactive, minimum 0) is left out: 3 partitions × 2 bars.
    const seed = chart(sizingChart(reports['seed-fig15']));
    expect(seed.marks).toEqual({ bars: 6 });
    const seedValues = (seed.spec.data as { values: { partition: string }[] }).values;
    expect(seedValues.map((v) => v.partition)).not.toContain('server1/db1');
    // The changed estate: 13 partitions, wdb1's nPar 2 inactive cores short.
    const c = chart(sizingChart(reports['mixed-estate-changed']));
    expect(c.marks).toEqual({ bars: 26 });
    const values = (c.spec.data as { values: { partition: string; series: string }[] }).values;
    expect(values.filter((v) => v.series === 'minimum inactive (shortfall)')).toEqual([
      { partition: 'west-sd1/np-db', bar: 1, series: 'minimum inactive (shortfall)', cores: 8 },
    ]);
  });

  it('sources: one stacked segment per scenario and non-zero source', () => {
    const c = chart(sourcesChart(reports['mixed-estate-k1']));
    expect(c.marks).toEqual({ bars: 19 });
    const values = (c.spec.data as { values: { scenario: string; source: string }[] }).values;
    // site:dc-west: testdb starts on TiCAP, testapp on the group pool.
    expect(values.filter((v) => v.scenario === 'site:dc-west')).toEqual([
      { scenario: 'site:dc-west', source: 'complex', order: 2, cores: 2 },
      { scenario: 'site:dc-west', source: 'pool', order: 3, cores: 2 },
      { scenario: 'site:dc-west', source: 'seized', order: 4, cores: 28 },
      { scenario: 'site:dc-west', source: 'TiCAP', order: 5, cores: 4 },
    ]);
  });

  it('has nothing to draw when no package moved and there is no group', () => {
    const empty: PlanReport = { ...reports['mixed-estate-k1'], scenarios: [], groups: [] };
    const charts = buildCharts(empty);
    expect(charts.timing).toBeNull();
    expect(charts.sources).toBeNull();
    expect(charts.sharing).toBeNull();
    expect(charts.sizing).not.toBeNull();
  });

  it('draws at most CHART_ROW_LIMIT rows and says the rest are in the tables', () => {
    const base = reports['mixed-estate-k1'];
    const siteWest = base.scenarios.find((s) => s.id === 'site:dc-west');
    if (siteWest === undefined) throw new Error('site:dc-west is listed');
    // 9 moved packages each: 10 copies are 90 rows.
    const scenarios = Array.from({ length: 10 }, (_, i) => ({ ...siteWest, id: `site:s${i}` }));
    const c = chart(timingChart({ ...base, scenarios }));
    expect(c.marks.range).toBe(CHART_ROW_LIMIT);
    expect(c.caption).toContain('30 more packages are not drawn; report.json lists them.');
  });
});

describe('chart width', () => {
  it('gives the plot what the row labels leave of 1000 px, within 380–640 px', () => {
    expect(plotWidth(['g1', 'g2'])).toBe(640);
    // 52 characters: Vega estimates 0.8 × 11 px each = 458 px, plus 20 px of axis.
    expect(plotWidth(['site:dc-west + vpar:east-sd1/np-app/eapp1 · sap-app1'])).toBe(522);
    expect(plotWidth(['x'.repeat(200)])).toBe(420);
  });
});

describe('time axis', () => {
  it('is linear from 0 when the times are of one magnitude', () => {
    expect(timeScale([{ min: 38, max: 96 }]).scale).toEqual({ type: 'linear', zero: true });
  });

  it('is logarithmic with round ticks when the slowest is over 8 × the fastest', () => {
    expect(
      timeScale([
        { min: 38.2, max: 96 },
        { min: 161.8, max: 449 },
      ]),
    ).toEqual({
      scale: { type: 'log', domain: [30, 600], nice: false },
      axis: {
        title: 'time (log scale)',
        values: [30, 60, 120, 300, 600],
        labelExpr:
          "datum.value < 60 ? datum.value + ' s' : datum.value < 3600 ? datum.value / 60 + ' min' : " +
          "datum.value / 3600 + ' h'",
      },
    });
  });

  it('stays linear when a time is under 10 s (no log of 0)', () => {
    expect(timeScale([{ min: 0, max: 400 }]).scale.type).toBe('linear');
  });
});

describe('chart SVG', () => {
  let charts: ReturnType<typeof buildCharts>;
  beforeAll(() => {
    charts = buildCharts(reports['mixed-estate-changed']);
  });

  it.each(['timing', 'sizing', 'sharing', 'sources'] as const)(
    '%s renders one SVG mark per data point, with no URL',
    async (name) => {
      const c = chart(charts[name]);
      const svg = await renderChartSvg(c);
      expect(svg.startsWith('<svg ')).toBe(true);
      expect(svg).toMatch(/viewBox="0 0 \d+ \d+"/);
      for (const [layer, n] of Object.entries(c.marks)) {
        expect(countMarks(svg, layer)).toBe(n);
      }
      expect(svg).not.toMatch(/https?:/);
      expect(svg).not.toContain('<script');
      expect(svg).not.toContain('<image');
    },
  );

  it('renders byte-identical SVG every time, whatever was rendered before', async () => {
    const timing = chart(charts.timing);
    const first = await renderChartSvg(timing);
    await renderChartSvg(chart(charts.sizing));
    await renderChartSvg(chart(charts.sources));
    expect(await renderChartSvg(timing)).toBe(first);
  });

  it('labels the axes and the legend', async () => {
    const svg = await renderChartSvg(chart(charts.sizing));
    expect(svg).toContain('>cores</text>');
    expect(svg).toContain('>minimum inactive (shortfall)</text>');
    expect(svg).toContain('>west-sd1/np-db</text>');
  });

  it('labels the logarithmic time axis in round durations', async () => {
    const svg = await renderChartSvg(chart(charts.timing));
    for (const label of ['1 min', '2 min', '5 min', '10 min', '20 min', '30 min', '1 h', '2 h']) {
      expect(svg).toContain(`>${label}</text>`);
    }
    expect(svg).toContain('>site:dc-east · sapdb</text>');
  });
});

describe('sizing chart selection', () => {
  it('draws partitions in the sizing table order: largest shortfall first, then largest minimum', () => {
    const base = reports['seed-fig15'];
    const template = base.partitions[0]!;
    const partitions = Array.from({ length: 70 }, (_, i) => ({
      ...template,
      npar: `n${String(i).padStart(2, '0')}`,
      inactiveCores: 4,
      // n00–n09 idle, n10–n64 need 2, n65–n69 need 6 (a shortfall of 2)
      minimumInactiveCores: i < 10 ? 0 : i < 65 ? 2 : 6,
      shortfall: i < 65 ? 0 : 2,
    }));
    const c = chart(sizingChart({ ...base, partitions }));
    const values = (c.spec.data as { values: { partition: string; bar: number }[] }).values;
    const drawn = values.filter((v) => v.bar === 0).map((v) => v.partition);
    expect(drawn).toHaveLength(CHART_ROW_LIMIT);
    expect(drawn.slice(0, 6)).toEqual([
      'server1/n65',
      'server1/n66',
      'server1/n67',
      'server1/n68',
      'server1/n69',
      'server1/n10',
    ]);
    // n10–n64 (minimum 2) fill the rest; the idle n00–n09 are left out.
    expect(drawn.at(-1)).toBe('server1/n64');
    expect(c.caption).toContain('10 more partitions are not drawn; the table above lists them.');
  });
});
