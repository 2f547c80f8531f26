/**
 * Problems found in the CSV files the tool reads (an inventory's files, a runs, costs or observations
 * file), each reported as `FILE:LINE:COLUMN: what is wrong (expected, found)` with LINE as a
 * spreadsheet shows it (header = 1), sorted by file, line and column position.
 */
import type { RawRow } from './table.js';
import type { InventoryFileName } from '../domain/inventory-files.js';

// ---------------------------------------------------------------------------------------------
// Problems

export interface Problem<F extends string> {
  /** null: a `--set` problem (listed first, in the order given). */
  readonly file: F | null;
  /** 0: the file as a whole. */
  readonly line: number;
  /** Header name, or null for a problem of the whole line or file. */
  readonly column: string | null;
  /** Position of the column for sorting. */
  readonly position: number;
  readonly text: string;
  readonly changes: readonly string[];
}

export class Problems<F extends string = InventoryFileName> {
  private readonly list: Problem<F>[] = [];

  /** Column order of each file as read (after `--set`), for sorting cell problems by column. */
  private readonly columns = new Map<F, readonly string[]>();

  /**
   * `files`: the order files are reported in; `known(file)`: its columns in the manual's order (a
   * problem on a column the file lacks sorts after the file's own columns, in that order).
   */
  private readonly files: readonly F[];
  private readonly known: (file: F) => readonly string[];

  constructor(files: readonly F[], known: (file: F) => readonly string[]) {
    this.files = files;
    this.known = known;
  }

  /** Problems of one file that is not an inventory (a runs, costs or observations file). */
  static ofFile(file: string, known: readonly string[]): Problems<string> {
    return new Problems([file], () => known);
  }

  useColumns(file: F, columns: readonly string[]): void {
    this.columns.set(file, columns);
  }

  get count(): number {
    return this.list.length;
  }

  /** A problem of a whole file (line 0) or line (column null). */
  line(file: F | null, line: number, text: string): void {
    this.list.push({ file, line, column: null, position: -1, text, changes: [] });
  }

  /** A problem in a header cell (line 1) at a known header position. */
  header(file: F, position: number, column: string, text: string): void {
    this.list.push({ file, line: 1, column, position, text, changes: [] });
  }

  /** Rows whose cell problems are not reported: their one line-level problem says it all. */
  private readonly muted = new Set<string>();

  /** Report no cell problem of this row (its fields are shifted: one line says so). */
  mute(file: F, line: number): void {
    this.muted.add(`${file}:${line}`);
  }

  /** A problem in one cell of a data row. */
  cell(file: F, row: RawRow, column: string, text: string): void {
    if (this.muted.has(`${file}:${row.line}`)) return;
    const columns = this.columns.get(file) ?? [];
    const at = columns.indexOf(column);
    const position = at >= 0 ? at : columns.length + this.known(file).indexOf(column);
    this.list.push({ file, line: row.line, column, position, text, changes: row.changes });
  }

  /** Sorted by file (INVENTORY_FILES order, `--set` first), line, column position; then as found. */
  lines(): string[] {
    const fileRank = (f: F | null): number => (f === null ? -1 : this.files.indexOf(f));
    return this.list
      .map((p, seq) => ({ p, seq }))
      .sort(
        (a, b) =>
          fileRank(a.p.file) - fileRank(b.p.file) ||
          a.p.line - b.p.line ||
          a.p.position - b.p.position ||
          a.seq - b.seq,
      )
      .map(({ p }) => formatProblem(p));
  }
}

function formatProblem<F extends string>(p: Problem<F>): string {
  const after =
    p.changes.length > 0 ? ` (after ${p.changes.map((c) => `--set ${c}`).join(', ')})` : '';
  if (p.file === null) return p.text;
  if (p.line === 0) return `${p.file}: ${p.text}`;
  if (p.column === null) return `${p.file}:${p.line}: ${p.text}${after}`;
  return `${p.file}:${p.line}:${p.column}: ${p.text}${after}`;
}
