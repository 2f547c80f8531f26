/**
 * CSV text ⇄ rows, for what spreadsheets write and read (spec section 2): UTF-8 with or without BOM,
 * CRLF or LF line ends, comma or semicolon delimiters, quoted fields, a trailing empty line.
 * The only papaparse import of the project (lint rule); pure functions on strings, no file I/O.
 */
import Papa from 'papaparse';

export type CsvDelimiter = ',' | ';';

/** One data row with its line as a spreadsheet shows it (the header is line 1). */
export interface CsvRow {
  readonly line: number;
  /** Field values, trimmed (spreadsheet cells often carry stray spaces). */
  readonly fields: readonly string[];
}

/** A syntax problem on one line (unterminated or malformed quotes, empty file). */
export interface CsvProblem {
  readonly line: number;
  readonly message: string;
}

export interface CsvTable {
  readonly fileName: string;
  readonly delimiter: CsvDelimiter;
  /** Header names, trimmed, as written (BOM removed). */
  readonly header: readonly string[];
  /** Header names trimmed and lower-cased: how columns are matched (spec 2). */
  readonly columns: readonly string[];
  /** Data rows that are not entirely empty, in file order. */
  readonly rows: readonly CsvRow[];
  readonly problems: readonly CsvProblem[];
}

const BOM = '\uFEFF';

/**
 * Parse CSV text. The delimiter is the one of `,` and `;` that occurs more often outside quotes in the
 * header line (a tie, e.g. a one-column file, means comma). LINE numbers count records, not physical
 * lines, as a spreadsheet numbers its rows (a quoted field spanning two lines is one row). Rows whose
 * fields are all empty are dropped (trailing empty line, spacer rows) but still counted.
 */
export function parseCsv(text: string, fileName: string): CsvTable {
  // Line ends are normalised first: papaparse takes the line end of the first line for the whole
  // file, so a file whose lines end partly in CRLF and partly in LF (rows pasted from another
  // system) would otherwise be split wrongly. A lone CR (old Mac files) ends a line too.
  const withoutBom = text.startsWith(BOM) ? text.slice(BOM.length) : text;
  const body = withoutBom.replace(/\r\n?/g, '\n');
  const delimiter = detectDelimiter(body);
  const parsed = Papa.parse<string[]>(body, { delimiter, newline: '\n', skipEmptyLines: false });
  const problems: CsvProblem[] = [];
  const seen = new Set<number>();
  for (const e of parsed.errors) {
    const line = (e.row ?? 0) + 1;
    if (seen.has(line)) continue;
    seen.add(line);
    problems.push({
      line,
      message: `malformed quotes (expected a quoted field to end with a closing " before the next delimiter, found: ${e.message.toLowerCase()})`,
    });
  }
  const records = parsed.data;
  const headerRecord = records[0] ?? [];
  const header = headerRecord.map((h) => h.trim());
  if (header.every((h) => h === '')) {
    problems.push({ line: 1, message: 'no header row (expected column names on line 1)' });
  }
  const rows: CsvRow[] = [];
  for (let i = 1; i < records.length; i += 1) {
    const fields = (records[i] ?? []).map((f) => f.trim());
    if (fields.every((f) => f === '')) continue;
    rows.push({ line: i + 1, fields });
  }
  return {
    fileName,
    delimiter,
    header,
    columns: header.map((h) => h.toLowerCase()),
    rows,
    problems: problems.sort((a, b) => a.line - b.line),
  };
}

/** Count `,` and `;` outside double quotes up to the end of the first record. */
function detectDelimiter(text: string): CsvDelimiter {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ',') commas += 1;
    else if (!quoted && ch === ';') semicolons += 1;
  }
  return semicolons > commas ? ';' : ',';
}
