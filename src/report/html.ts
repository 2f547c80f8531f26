/**
 * `report.html` (spec 5.2): the same content as `report.md` in one self-contained page — inline CSS
 * with the system font stack, a print stylesheet, and the four charts as inline SVG rendered when the
 * report is generated (charts.ts). No script, no style sheet, font or image from anywhere else, no
 * URL at all: it opens offline and prints. Every text is escaped.
 * Pure and deterministic: the same report gives the same bytes.
 */
import type { PlanReport } from '../domain/result.js';
import { buildCharts, FONT_STACK, renderChartSvg } from './charts.js';
import type { ChartSpec } from './charts.js';
import { buildDocument } from './document.js';
import { linkCitations, ruleAnchor, withRulesKey } from './rules-key.js';
import { hasFindings } from '../domain/result.js';
import type { Block, ChartName, Inline, ListItem, TableBlock, Text } from './blocks.js';

/** Escapes text for HTML content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #57606a; --rule: #d0d7de; --head: #f3f5f7;
  --bad: #fdecea; --bad-ink: #9b1c1c; --accent: #2f6db5; }
* { box-sizing: border-box; }
body { margin: 0; font-family: ${FONT_STACK}; font-size: 15px; line-height: 1.5; color: var(--ink);
  background: #fff; }
main { max-width: 1320px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 1.7rem; margin: 0 0 4px; }
h2 { font-size: 1.3rem; margin: 36px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--rule); }
h3 { font-size: 1.05rem; margin: 24px 0 6px; }
p { margin: 6px 0 10px; max-width: 80ch; }
.verdict { font-size: 1.05rem; }
.verdict.findings { color: var(--bad-ink); }
nav { margin: 12px 0 0; padding: 8px 0; border-top: 1px solid var(--rule);
  border-bottom: 1px solid var(--rule); font-size: 0.9rem; }
nav a { color: var(--accent); text-decoration: none; margin-right: 14px; white-space: nowrap; }
.table-wrap { overflow-x: auto; margin: 8px 0 14px; }
table { border-collapse: collapse; font-size: 0.86rem; font-variant-numeric: tabular-nums; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top;
  white-space: nowrap; }
td.text, th.text { white-space: normal; min-width: 9em; overflow-wrap: anywhere; }
th { background: var(--head); font-weight: 600; white-space: normal; vertical-align: bottom; }
td.num, th.num { text-align: right; }
tr.flag td { background: var(--bad); color: var(--bad-ink); }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
  font-size: 0.85em; background: #f6f8fa; padding: 1px 4px; border-radius: 3px; }
em { color: var(--muted); }
ul { margin: 6px 0 12px; padding-left: 22px; }
ul ul { margin: 2px 0 4px; color: var(--muted); font-size: 0.92rem; }
figure { margin: 12px 0 18px; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption { color: var(--muted); font-size: 0.85rem; margin-top: 4px; max-width: 80ch; }
.empty { color: var(--muted); font-style: italic; }
a.tag { color: var(--accent); text-decoration: none; }
dl.key { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; margin: 8px 0 14px;
  font-size: 0.9rem; max-width: 100ch; }
dl.key dt { font-weight: 600; white-space: nowrap; }
dl.key dd { margin: 0; }
dl.key dt:target, dl.key dt:target + dd { background: #fff8c5; }
/* A narrow window (a tablet, a half screen): every column may wrap, numbers excepted, so the
   figures a planner reads first (shortfall, time) stay on screen. */
@media (max-width: 960px) {
  main { padding: 16px 12px 32px; }
  table { font-size: 0.8rem; }
  th, td { padding: 3px 6px; white-space: normal; }
  td.num, th.num { white-space: nowrap; }
  td.text, th.text { min-width: 7em; }
}
@media print {
  @page { margin: 14mm 12mm; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  nav { display: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
  figure, tr { break-inside: avoid; page-break-inside: avoid; }
  .table-wrap { overflow: visible; }
  table { font-size: 8pt; }
  th, td { white-space: normal; padding: 2px 5px; }
  td.text { min-width: 0; }
  a { color: inherit; }
  tr.flag td, th, code { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`.trim();

/** Escaped text whose rule tags link to their entry in the page's "Rules cited" section. */
function escapeAndLink(text: string): string {
  return linkCitations(
    escapeHtml(text),
    (tag, label) => `<a class="tag" href="#${escapeHtml(ruleAnchor(tag))}">${label}</a>`,
  );
}

function renderInline(inline: Inline): string {
  if (typeof inline === 'string') return escapeAndLink(inline);
  if ('code' in inline) return `<code>${escapeHtml(inline.code)}</code>`;
  if ('strong' in inline) return `<strong>${escapeAndLink(inline.strong)}</strong>`;
  return `<em>${escapeAndLink(inline.em)}</em>`;
}

function renderText(text: Text): string {
  return text.map(renderInline).join('');
}

function renderTable(t: TableBlock): string {
  const cls = (i: number): string =>
    t.align[i] === 'right' ? ' class="num"' : t.wrap.has(i) ? ' class="text"' : '';
  const head = t.header.map((h, i) => `<th${cls(i)}>${escapeHtml(h)}</th>`).join('');
  const body = t.rows
    .map((r, ri) => {
      const cells = r.map((c, i) => `<td${cls(i)}>${renderText(c)}</td>`).join('');
      return `<tr${t.flagged.has(ri) ? ' class="flag"' : ''}>${cells}</tr>`;
    })
    .join('\n');
  return `<div class="table-wrap"><table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table></div>`;
}

function renderList(items: readonly ListItem[]): string {
  const li = items.map((item) => {
    const children =
      item.children.length === 0
        ? ''
        : `<ul>${item.children.map((c) => `<li>${renderText(c)}</li>`).join('')}</ul>`;
    return `<li>${renderText(item.text)}${children}</li>`;
  });
  return `<ul>\n${li.join('\n')}\n</ul>`;
}

function renderChart(name: ChartName, chart: ChartSpec | null, svg: string | null): string {
  if (chart === null || svg === null) {
    return `<figure data-chart="${name}"><p class="empty">Nothing to chart.</p></figure>`;
  }
  return `<figure data-chart="${name}">${svg}<figcaption>${escapeHtml(chart.caption)}</figcaption></figure>`;
}

function renderBlock(
  block: Block,
  svgs: ReadonlyMap<ChartName, string>,
  charts: ReturnType<typeof buildCharts>,
): string {
  switch (block.kind) {
    case 'heading':
      return `<h${block.level} id="${escapeHtml(block.id)}">${escapeHtml(block.text)}</h${block.level}>`;
    case 'paragraph':
      return `<p>${renderText(block.text)}</p>`;
    case 'table':
      return renderTable(block);
    case 'list':
      return renderList(block.items);
    case 'chart':
      return renderChart(block.chart, charts[block.chart], svgs.get(block.chart) ?? null);
    case 'key':
      return `<dl class="key">\n${block.entries
        .map(
          (e) =>
            `<dt id="${escapeHtml(e.anchor)}">[${escapeHtml(e.tag)}]</dt><dd>${escapeHtml(e.text)}</dd>`,
        )
        .join('\n')}\n</dl>`;
  }
}

/** Renders `report.html` (async: the charts are rendered by Vega). */
export async function renderHtml(report: PlanReport): Promise<string> {
  const doc = withRulesKey(buildDocument(report));
  const charts = buildCharts(report);
  const svgs = new Map<ChartName, string>();
  // One after another: Vega's SVG id counters are module-wide.
  for (const name of ['sharing', 'sizing', 'timing', 'sources'] as const) {
    const chart = charts[name];
    if (chart !== null) svgs.set(name, await renderChartSvg(chart));
  }
  const [first, ...rest] = doc.blocks;
  const verdict =
    first?.kind === 'paragraph'
      ? `<p class="verdict${hasFindings(report.summary) ? ' findings' : ''}">${renderText(first.text)}</p>`
      : '';
  const body = first?.kind === 'paragraph' ? rest : doc.blocks;
  const nav = body
    .filter((b): b is Extract<Block, { kind: 'heading' }> => b.kind === 'heading' && b.level === 2)
    .map((b) => `<a href="#${escapeHtml(b.id)}">${escapeHtml(b.text.replace(/:.*$/, ''))}</a>`)
    .join('\n');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(doc.title)}</title>`,
    `<style>\n${STYLE}\n</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${escapeHtml(doc.title)}</h1>`,
    verdict,
    `<nav>\n${nav}\n</nav>`,
    ...body.map((b) => renderBlock(b, svgs, charts)),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
