/**
 * The header row of every CSV file the tool reads (the inventory's files, a runs file, a costs file,
 * an observations file), read by one function so that the same fault is worded the same way in each:
 * a column without a name above values, an unknown column (with the closest known name), a column
 * given twice, a required column missing. Pure; each reader turns the problems into its own
 * `FILE:1:COLUMN: why` lines.
 */
import { closestName } from '../text/names.js';
import type { CsvTable } from './csv.js';
import { echoName } from './echo.js';

/** What a file's header may and must hold. */
export interface HeaderSpec {
  /** Known columns, in the order the manual lists them (lower case). */
  readonly known: readonly string[];
  /** Columns the header must have. */
  readonly required: readonly string[];
}

export interface HeaderProblem {
  /** Where the column is (header index; a missing column is placed after the header). */
  readonly position: number;
  /** The column as the message names it: as written, `column N`, or the missing column's name. */
  readonly column: string;
  readonly message: string;
}

export interface TableHeader {
  /** Known column → its header index (the first, when given twice). */
  readonly index: ReadonlyMap<string, number>;
  /** Header index → its known column (undefined: no name, unknown or repeated). */
  readonly mapping: readonly (string | undefined)[];
  readonly problems: readonly HeaderProblem[];
  /** No header cell has a name (an empty file): one problem, said by the caller, not one per column. */
  readonly empty: boolean;
  /** A column given twice or a required one missing: rows cannot be read with confidence. */
  readonly broken: boolean;
}

export function readHeader(csv: CsvTable, spec: HeaderSpec): TableHeader {
  const problems: HeaderProblem[] = [];
  const index = new Map<string, number>();
  const mapping: (string | undefined)[] = [];
  let broken = false;
  csv.columns.forEach((column, i) => {
    const written = echoName(csv.header[i] ?? column);
    if (column === '') {
      // Spreadsheets often write trailing empty columns: harmless unless values sit under them.
      if (csv.rows.some((r) => (r.fields[i] ?? '') !== '')) {
        problems.push({
          position: i,
          column: `column ${i + 1}`,
          message:
            'column without a name (expected a header name above its values, found an empty cell)',
        });
      }
      mapping.push(undefined);
    } else if (!spec.known.includes(column)) {
      problems.push({
        position: i,
        column: written,
        message: `unknown column (expected one of ${spec.known.join(', ')}; closest: ${closestName(column, spec.known) ?? ''})`,
      });
      mapping.push(undefined);
    } else if (index.has(column)) {
      problems.push({
        position: i,
        column: written,
        message: `duplicate column (expected each column once, found it also in column ${(index.get(column) ?? 0) + 1})`,
      });
      mapping.push(undefined);
      broken = true;
    } else {
      index.set(column, i);
      mapping.push(column);
    }
  });
  const empty = csv.columns.every((c) => c === '');
  for (const column of spec.required) {
    if (index.has(column)) continue;
    broken = true;
    if (empty) continue;
    problems.push({
      position: csv.columns.length + spec.known.indexOf(column),
      column,
      message: `required column missing (required: ${spec.required.join(', ')})`,
    });
  }
  return { index, mapping, problems, empty, broken };
}
