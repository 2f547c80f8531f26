/**
 * Step 1 of reading any CSV file the tool reads (an inventory file, a runs file, a costs file, an
 * observations file): its text → a table of rows keyed by known column, with the file's problems
 * (CSV syntax, the shared header reader, values beyond the last column) added to `problems`.
 */
import { parseCsv } from './csv.js';
import { echo } from './echo.js';
import { readHeader, type HeaderSpec } from './header.js';
import type { Problems } from './problems.js';

/** One data row after header mapping: known column (lower case) → trimmed text or undefined. */
export interface RawRow {
  /** Line as a spreadsheet shows it (header = 1). */
  readonly line: number;
  readonly values: Readonly<Record<string, string | undefined>>;
  /** The `--set` changes applied to this row, in order (shown after its problems). */
  readonly changes: readonly string[];
}

/** One file after header mapping. */
export interface RawTable {
  readonly file: string;
  /** The file exists (absent optional files are empty tables). */
  readonly present: boolean;
  /** Known columns present, in header order (added columns last): the order of error columns. */
  readonly columns: readonly string[];
  readonly rows: readonly RawRow[];
}

/** A table as read, and whether its rows can be trusted (present, parsed, required columns there). */
export interface TableState {
  readonly table: RawTable;
  readonly usable: boolean;
  /** The delimiter the file was written with (`;` files may use decimal commas). */
  readonly delimiter: string;
}

/** An absent file: no rows. */
export function emptyTable(file: string): RawTable {
  return { file, present: false, columns: [], rows: [] };
}

export function readTable<F extends string>(
  file: F,
  text: string,
  spec: HeaderSpec,
  problems: Problems<F>,
): TableState {
  const csv = parseCsv(text, file);
  for (const p of csv.problems) problems.line(file, p.line, p.message);
  if (csv.problems.some((p) => p.line === 1)) {
    // A quote left open in the header swallows the rest of the file into one "column name": the
    // quote problem is the one thing to say about this file.
    return { table: emptyTable(file), usable: false, delimiter: csv.delimiter };
  }
  let usable = csv.problems.length === 0;

  const header = readHeader(csv, spec);
  for (const h of header.problems) problems.header(file, h.position, h.column, h.message);
  if (header.broken) usable = false;
  const { mapping } = header;

  const rows: RawRow[] = [];
  for (const r of csv.rows) {
    const values: Record<string, string | undefined> = {};
    r.fields.forEach((field, i) => {
      const column = mapping[i];
      if (column !== undefined) values[column] = field === '' ? undefined : field;
    });
    // Values beyond the header's last column: one problem for the row, however many there are.
    const beyond = r.fields.slice(csv.columns.length).filter((f) => f !== '');
    if (beyond.length > 0) {
      // Usually a delimiter inside an unquoted value: every later field is shifted, so the row's
      // cell checks would only repeat this one problem in other words.
      problems.mute(file, r.line);
      problems.line(
        file,
        r.line,
        `${beyond.length === 1 ? 'value' : `${beyond.length} values`} beyond the last column (expected at most ${csv.columns.length} fields as in the header, found ${r.fields.length}: ${echo(beyond[0])}${beyond.length > 1 ? ', …' : ''})`,
      );
    }
    rows.push({ line: r.line, values, changes: [] });
  }
  const columns = [...header.index.entries()].sort((a, b) => a[1] - b[1]).map(([c]) => c);
  return {
    table: { file, present: true, columns, rows },
    usable,
    delimiter: csv.delimiter,
  };
}
