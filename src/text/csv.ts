/**
 * CSV text out: the one writer of every CSV the tool produces (reports, purchase lists, the starter),
 * usable by any layer (pure: rows in, a string out). Reading CSV, with positions for error lines, is
 * src/io/csv.ts. papaparse is imported only here and there (lint rule).
 */
import Papa from 'papaparse';

export type CsvValue = string | number | boolean | null | undefined;

/**
 * Write rows as CSV: comma delimited, LF line ends, a final LF, RFC 4180 quoting (a field holding a
 * comma, quote, line break or leading/trailing space is quoted, quotes doubled). `null`/`undefined`
 * become empty fields; booleans `true`/`false` (a renderer that wants the inventory's `y`/`n` maps them).
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const cell = (v: CsvValue): string => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    return String(v);
  };
  const data = [header.map(cell), ...rows.map((r) => r.map(cell))];
  return `${Papa.unparse(data, { newline: '\n', delimiter: ',', quotes: false })}\n`;
}
