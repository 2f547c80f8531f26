/**
 * The report renderers, selected by name (spec 5.2; style.md practice 7): each format turns one
 * PlanReport into one or more files. Pure: the caller writes the files (atomically, with
 * `writeOutputs` in src/io/write-output.ts, whose `OutputFile` these results satisfy).
 */
import type { PlanReport } from '../domain/result.js';
import { FORMATS, type RenderedFile, type ReportFormat } from './formats.js';
import { renderScenariosCsv, renderSizingCsv } from './csv.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';

export {
  FORMATS,
  FORMAT_FILES,
  isReportFormat,
  type ReportFormat,
  type RenderedFile,
} from './formats.js';

async function renderFormat(report: PlanReport, format: ReportFormat): Promise<RenderedFile[]> {
  switch (format) {
    case 'md':
      return [{ name: 'report.md', content: renderMarkdown(report) }];
    case 'html':
      // Vega loads only when HTML is asked for (it is the heaviest renderer to import).
      return [
        { name: 'report.html', content: await (await import('./html.js')).renderHtml(report) },
      ];
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

export { renderMarkdown, renderJson, renderScenariosCsv, renderSizingCsv };
