/** The report formats and the files each writes (spec 5.2). A light module: no renderer loads. */

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
