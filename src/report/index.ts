/**
 * The report renderers, selected by name (spec 5.2; style.md practice 7): each format turns one
 * PlanReport into one or more files. Pure: the caller writes the files (atomically, with
 * `writeOutputs` in src/io/write-output.ts, whose `OutputFile` these results satisfy).
 */
import type { PlanReport } from '../domain/result.js';
import { renderScenariosCsv, renderSizingCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';

/** Format names accepted by `--format`, in the order files are produced. */
export const FORMATS = ['md', 'html', 'json', 'csv'] as const;
export type ReportFormat = (typeof FORMATS)[number];

/**
 * A rendered file: its name relative to the output folder and its text. Structurally the
 * `OutputFile` of src/io/write-output.ts (the renderers may not import io/ beyond csv.ts).
 */
export interface RenderedFile {
  readonly name: string;
  readonly content: string;
}

/** The files each format writes. */
export const FORMAT_FILES: Readonly<Record<ReportFormat, readonly string[]>> = {
  md: ['report.md'],
  html: ['report.html'],
  json: ['report.json'],
  csv: ['scenarios.csv', 'sizing.csv'],
};

export function isReportFormat(name: string): name is ReportFormat {
  return (FORMATS as readonly string[]).includes(name);
}

async function renderFormat(report: PlanReport, format: ReportFormat): Promise<RenderedFile[]> {
  switch (format) {
    case 'md':
      return [{ name: 'report.md', content: renderMarkdown(report) }];
    case 'html':
      return [{ name: 'report.html', content: await renderHtml(report) }];
    case 'json':
      return [{ name: 'report.json', content: renderJson(report) }];
    case 'csv':
      return [
        { name: 'scenarios.csv', content: renderScenariosCsv(report) },
        { name: 'sizing.csv', content: renderSizingCsv(report) },
      ];
  }
}

/**
 * Renders the report in each requested format (duplicates ignored), files in the order of FORMATS.
 * Formats are rendered one after another: the HTML charts use Vega, whose SVG id counters are
 * module-wide.
 */
export async function renderReport(
  report: PlanReport,
  formats: readonly ReportFormat[] = FORMATS,
): Promise<RenderedFile[]> {
  const files: RenderedFile[] = [];
  for (const format of FORMATS) {
    if (formats.includes(format)) files.push(...(await renderFormat(report, format)));
  }
  return files;
}

export { renderMarkdown, renderHtml, renderJson, renderScenariosCsv, renderSizingCsv };
