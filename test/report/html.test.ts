import { beforeAll, describe, expect, it } from 'vitest';
import type { PlanReport } from '../../src/domain/result.js';
import { buildCharts } from '../../src/report/charts.js';
import { escapeHtml, renderHtml } from '../../src/report/html.js';
import { goldenReports } from '../helpers/golden-cases.js';
import { countMarks } from './svg-marks.js';

const reports = goldenReports(['mixed-estate-k1', 'mixed-estate-changed']);

/** The inner HTML of the `<figure data-chart="NAME">`. */
function figure(html: string, name: string): string {
  const start = html.indexOf(`<figure data-chart="${name}">`);
  if (start < 0) return '';
  return html.slice(start, html.indexOf('</figure>', start));
}

describe('report.html on the mixed estate', () => {
  let html: string;
  beforeAll(async () => {
    html = await renderHtml(reports['mixed-estate-k1']);
  });

  it('is one self-contained page: no script, no external style sheet, font, image or URL', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/@import/i);
    expect(html).not.toMatch(/@font-face/i);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/\/\/[a-z0-9.-]+\.[a-z]{2,}/i);
    // Every url() is a reference inside the page; every src/href is a fragment.
    for (const m of html.matchAll(/url\(([^)]*)\)/g)) expect(m[1]).toMatch(/^#/);
    expect(html).not.toMatch(/\ssrc=/i);
    for (const m of html.matchAll(/\shref="([^"]*)"/g)) expect(m[1]).toMatch(/^#[a-z0-9-]+$/);
  });

  it('has inline CSS with the system font stack and a print stylesheet', () => {
    expect(html).toContain('<style>');
    expect(html).toContain('font-family: system-ui, -apple-system');
    expect(html).toContain('@media print {');
  });

  it('has the four charts inline as SVG with their marks', () => {
    const charts = buildCharts(reports['mixed-estate-k1']);
    for (const name of ['timing', 'sizing', 'sharing', 'sources'] as const) {
      const fig = figure(html, name);
      expect(fig).toContain('<svg ');
      const spec = charts[name];
      if (spec === null) throw new Error(`chart ${name} expected`);
      for (const [layer, n] of Object.entries(spec.marks)) {
        expect(countMarks(fig, layer)).toBe(n);
      }
      expect(fig).toContain('<figcaption>');
    }
  });

  it('has the same content as report.md (tables, lists)', async () => {
    expect(html).toContain('<title>Capacity plan: mixed-estate</title>');
    expect(html).toContain(
      '<p class="verdict"><strong>No findings:</strong> every scenario evaluated survives and every group is compliant.</p>',
    );
    expect(html).toContain('<h2 id="timing">Failover times</h2>');
    expect(html).toContain('<a href="#compliance">Compliance</a>');
    expect(html).not.toContain('Generated');
    expect(html).toContain(
      '<td class="text">4 cores of testdb run on TiCAP for the outage: 5760 core-minutes ' +
        '[<a class="tag" href="#rule-t1">T1</a>, <a class="tag" href="#rule-t2">T2</a>]</td>',
    );
    // A group short of sharing rights and a lost package, as in report.md.
    const changed = await renderHtml(reports['mixed-estate-changed']);
    expect(changed).toContain(
      '<tr class="flag"><td><code>gB</code></td><td class="text">east-sd2, west-sd2</td><td class="num">44</td>' +
        '<td class="num">45</td><td class="num">31</td><td>no</td><td class="num">1</td></tr>',
    );
    expect(changed).toContain(
      '<li><strong>oradb-e</strong> from edb1: lost, <code>insufficient-inactive-cores</code><ul>',
    );
  });

  it('is byte-identical on a second render', async () => {
    expect(await renderHtml(reports['mixed-estate-k1'])).toBe(html);
  });
});

describe('report.html escaping and stamps', () => {
  it('escapes every text', async () => {
    const base = reports['mixed-estate-k1'];
    const report: PlanReport = {
      ...base,
      inventory: { ...base.inventory, name: 'a<b>&"c\'' },
      warnings: [{ code: 'gm-colocated', subject: 'gB', detail: '<script>alert(1)</script>' }],
    };
    const html = await renderHtml(report);
    expect(html).toContain('<h1>Capacity plan: a&lt;b&gt;&amp;&quot;c&#39;</h1>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<script/i);
    expect(escapeHtml('<&>"\'')).toBe('&lt;&amp;&gt;&quot;&#39;');
  });

  it('stamps --now and shows the comparison when given', async () => {
    const html = await renderHtml(reports['mixed-estate-changed']);
    expect(html).toContain('<tr><td>Generated</td><td>2026-11-25</td></tr>');
    expect(html).toContain(
      '<h1>Capacity plan: mixed-estate (changed estate, 2 --set changes)</h1>\n' +
        '<p class="verdict findings"><strong>Findings (changed estate, 2 --set changes):</strong> ' +
        '3 scenarios lose 3 packages in all; 2 inactive cores are short; 1 group is not compliant.</p>',
    );
    expect(html).toContain(
      '<h2 id="comparison">Comparison: baseline against the changed estate</h2>',
    );
    // The comparison comes before the other sections, and first in the navigation.
    expect(html.indexOf('id="comparison"')).toBeLessThan(html.indexOf('id="glance"'));
    expect(html).toContain('<nav>\n<a href="#comparison">Comparison</a>\n<a href="#glance">');
  });

  it('says so when a chart has nothing to draw', async () => {
    const base = reports['mixed-estate-k1'];
    const idle = base.partitions.map((p) => ({ ...p, inactiveCores: 0, minimumInactiveCores: 0 }));
    const html = await renderHtml({ ...base, partitions: idle });
    expect(figure(html, 'sizing')).toBe(
      '<figure data-chart="sizing"><p class="empty">Nothing to chart.</p>',
    );
  });

  it('leaves out the timing and sources charts when nothing moved', async () => {
    const html = await renderHtml({ ...reports['mixed-estate-k1'], scenarios: [] });
    expect(html).not.toContain('data-chart="timing"');
    expect(html).not.toContain('data-chart="sources"');
    expect(html).toContain('<p>No package moved in the listed scenarios.</p>');
  });
});
