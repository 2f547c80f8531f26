/**
 * Opens `report.html` in a real headless Chromium (Debian's `chromium` package driven by
 * playwright-core; no tool downloads a browser of its own) and checks what a reader gets: every chart
 * drawn with its marks, no network request at all, the layout at 1400 px, 800 px and on an A4 page
 * (the columns read first on screen, no table clipped), with screenshots for review in test/output/
 * (report-1400.png, report-800.png, report-print.png, report.pdf). Skipped, with the reason, when /usr/bin/chromium is not installed
 * (`.ci/run` installs it).
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanReport } from '../../src/domain/result.js';
import { buildCharts } from '../../src/report/charts.js';
import { renderHtml } from '../../src/report/html.js';
import { planCapacity } from '../../src/engine/plan.js';
import { loadInventory } from '../../src/io/load-inventory.js';
import { params } from '../helpers/engine.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../../scripts/chromium.js';

const HAVE_CHROMIUM = existsSync(CHROMIUM);
const OUTPUT_DIR = fileURLToPath(new URL('../output/', import.meta.url));

/** The report under test: one function, so the source can switch to the engine's real report. */
async function loadReport(): Promise<PlanReport> {
  // The real plan of the bundled mixed estate, as `npm start` writes it (double failures, so the
  // report has losing scenarios to chart).
  const inv = await loadInventory(
    fileURLToPath(new URL('../../data/mixed-estate', import.meta.url)),
  );
  return planCapacity(inv, params({ maxFailures: 2 }));
}

if (!HAVE_CHROMIUM) {
  // eslint-disable-next-line no-console -- say why a test is skipped
  console.warn(`browser test skipped: ${CHROMIUM} not found (apt-get install chromium)`);
}

describe.skipIf(!HAVE_CHROMIUM)('report.html in headless Chromium', () => {
  let profile = '';
  let context: Awaited<ReturnType<typeof chromium.launchPersistentContext>> | undefined;
  const requests: string[] = [];
  let report: PlanReport;

  beforeAll(async () => {
    report = await loadReport();
    const html = await renderHtml(report);
    profile = await mkdtemp(join(tmpdir(), 'gicap-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: [...CHROMIUM_ARGS],
      viewport: { width: 1366, height: 768 },
      offline: true,
    });
    context.on('request', (r) => requests.push(r.url()));
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('request', (r) => requests.push(r.url()));
    await page.setContent(html, { waitUntil: 'load' });
  });

  afterAll(async () => {
    await context?.close();
    if (profile !== '') await rm(profile, { recursive: true, force: true });
  });

  function page() {
    const p = context?.pages()[0];
    if (p === undefined) throw new Error('no page');
    return p;
  }

  it('draws every chart with its marks', async () => {
    const charts = buildCharts(report);
    for (const name of ['timing', 'sizing', 'sharing', 'sources'] as const) {
      const spec = charts[name];
      if (spec === null) throw new Error(`the report has no ${name} chart`);
      const svg = page().locator(`[data-chart="${name}"] svg`);
      expect(await svg.count()).toBe(1);
      const box = await svg.boundingBox();
      expect(box?.width).toBeGreaterThan(300);
      expect(box?.height).toBeGreaterThan(50);
      for (const [layer, n] of Object.entries(spec.marks)) {
        const marks = page().locator(
          `[data-chart="${name}"] svg g.${layer}_marks > path[role="graphics-symbol"]`,
        );
        expect(n).toBeGreaterThan(0);
        expect(await marks.count()).toBe(n);
      }
    }
  });

  it('makes no network request', () => {
    const outside = requests.filter((u) => !u.startsWith('data:') && u !== 'about:blank');
    expect(outside).toEqual([]);
  });

  /**
   * What a reader sees at one width: the page's own horizontal overflow, the right edge of the
   * columns a planner reads first, and every table that would need scrolling to show all columns.
   */
  interface Layout {
    pageWidth: number;
    timeRight: number;
    shortfallRight: number;
    clipped: string[];
  }

  async function layoutAt(): Promise<Layout> {
    return page().evaluate<Layout>(`(() => {
      const header = (section, name) => {
        const h2 = document.getElementById(section);
        let el = h2.nextElementSibling;
        while (el && !el.matches('.table-wrap')) el = el.nextElementSibling;
        const th = [...el.querySelectorAll('th')].find((x) => x.textContent === name);
        return th.getBoundingClientRect().right;
      };
      const clipped = [...document.querySelectorAll('.table-wrap')]
        .filter((w) => w.scrollWidth > w.clientWidth + 1)
        .map((w) => {
          let el = w.previousElementSibling;
          while (el && !/^H[23]$/.test(el.tagName)) el = el.previousElementSibling;
          return (el ? el.textContent : '?') + ' (' + w.scrollWidth + ' > ' + w.clientWidth + ')';
        });
      return {
        pageWidth: document.documentElement.scrollWidth,
        timeRight: header('timing', 'Time'),
        shortfallRight: header('sizing', 'Shortfall'),
        clipped,
      };
    })()`);
  }

  for (const width of [1400, 800]) {
    it(`fits a ${width} px window: Time and Shortfall on screen, no table clipped; screenshot report-${width}.png`, async () => {
      await page().setViewportSize({ width, height: 900 });
      const l = await layoutAt();
      expect(l.pageWidth).toBeLessThanOrEqual(width);
      expect(l.timeRight).toBeLessThanOrEqual(width);
      expect(l.shortfallRight).toBeLessThanOrEqual(width);
      expect(l.clipped).toEqual([]);
      await mkdir(OUTPUT_DIR, { recursive: true });
      const file = join(OUTPUT_DIR, `report-${width}.png`);
      await page().screenshot({ path: file, fullPage: true });
      expect(existsSync(file)).toBe(true);
    });
  }

  it('fits an A4 page in print: no table wider than the page; report-print.png and report.pdf', async () => {
    // A4 less the print margins (210 mm − 2 × 12 mm) at 96 px per inch: 703 px.
    const printable = Math.floor(((210 - 24) / 25.4) * 96);
    await page().emulateMedia({ media: 'print' });
    await page().setViewportSize({ width: printable, height: 1000 });
    const l = await layoutAt();
    expect(l.pageWidth).toBeLessThanOrEqual(printable);
    expect(l.clipped).toEqual([]);
    await mkdir(OUTPUT_DIR, { recursive: true });
    await page().screenshot({ path: join(OUTPUT_DIR, 'report-print.png'), fullPage: true });
    await page().pdf({ path: join(OUTPUT_DIR, 'report.pdf'), format: 'A4' });
    expect(existsSync(join(OUTPUT_DIR, 'report.pdf'))).toBe(true);
    await page().emulateMedia({ media: 'screen' });
  });
});
