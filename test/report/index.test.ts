import { describe, expect, it } from 'vitest';
import type { OutputFile } from '../../src/io/write-output.js';
import {
  FORMATS,
  isReportFormat,
  renderJson,
  renderMarkdown,
  renderReport,
  renderScenariosCsv,
  renderSizingCsv,
} from '../../src/report/index.js';
import { goldenReports, planCase } from '../helpers/golden-cases.js';

const reports = goldenReports(['mixed-estate-k1']);

describe('renderReport', () => {
  it('maps every format to its files, in the order of FORMATS', async () => {
    const files = await renderReport(reports['mixed-estate-k1'], FORMATS);
    expect(files.map((f) => f.name)).toEqual([
      'report.md',
      'report.html',
      'report.json',
      'scenarios.csv',
      'sizing.csv',
    ]);
    // The files are what writeOutputs takes.
    const outputs: readonly OutputFile[] = files;
    expect(outputs).toHaveLength(5);
  });

  it('renders only the requested formats, each with its own renderer', async () => {
    const report = reports['mixed-estate-k1'];
    const files = await renderReport(report, ['csv', 'md', 'csv']);
    expect(files).toEqual([
      { name: 'report.md', content: renderMarkdown(report) },
      { name: 'scenarios.csv', content: renderScenariosCsv(report) },
      { name: 'sizing.csv', content: renderSizingCsv(report) },
    ]);
    expect(await renderReport(report, ['json'])).toEqual([
      { name: 'report.json', content: renderJson(report) },
    ]);
  });

  it('gives byte-identical files on two runs', async () => {
    const a = await renderReport(reports['mixed-estate-k1']);
    // Planned again from the files: the engine is as deterministic as the renderers.
    const b = await renderReport(await planCase('mixed-estate-k1'));
    expect(b).toEqual(a);
  });

  it('knows its format names', () => {
    expect(FORMATS).toEqual(['md', 'html', 'json', 'csv']);
    expect(isReportFormat('html')).toBe(true);
    expect(isReportFormat('pdf')).toBe(false);
  });
});
