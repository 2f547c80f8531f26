/**
 * Problems found in an inventory, each reported as `FILE:LINE:COLUMN: what is wrong (expected, found)`
 * with LINE as a spreadsheet shows it (header = 1), sorted by file, line and column position.
 */
import type { RawRow, RawTables } from './apply-changes.js';
import { COLUMNS, INVENTORY_FILES, type InventoryFileName } from '../domain/inventory-files.js';

// ---------------------------------------------------------------------------------------------
// Problems

export interface Problem {
  /** null: a `--set` problem (listed first, in the order given). */
  readonly file: InventoryFileName | null;
  /** 0: the file as a whole. */
  readonly line: number;
  /** Header name, or null for a problem of the whole line or file. */
  readonly column: string | null;
  /** Position of the column for sorting. */
  readonly position: number;
  readonly text: string;
  readonly changes: readonly string[];
}

export class Problems {
  private readonly list: Problem[] = [];

  /** Column order of each file after `--set` (for sorting cell problems by column position). */
  private columns: Partial<Record<InventoryFileName, readonly string[]>> = {};

  useColumnsOf(tables: RawTables): void {
    this.columns = Object.fromEntries(INVENTORY_FILES.map((f) => [f, tables[f].columns]));
  }

  get count(): number {
    return this.list.length;
  }

  /** A problem of a whole file (line 0) or line (column null). */
  line(file: InventoryFileName | null, line: number, text: string): void {
    this.list.push({ file, line, column: null, position: -1, text, changes: [] });
  }

  /** A problem in a header cell (line 1) at a known header position. */
  header(file: InventoryFileName, position: number, column: string, text: string): void {
    this.list.push({ file, line: 1, column, position, text, changes: [] });
  }

  /** Rows whose cell problems are not reported: their one line-level problem says it all. */
  private readonly muted = new Set<string>();

  /** Report no cell problem of this row (its fields are shifted: one line says so). */
  mute(file: InventoryFileName, line: number): void {
    this.muted.add(`${file}:${line}`);
  }

  /** A problem in one cell of a data row. */
  cell(file: InventoryFileName, row: RawRow, column: string, text: string): void {
    if (this.muted.has(`${file}:${row.line}`)) return;
    const columns = this.columns[file] ?? [];
    const at = columns.indexOf(column);
    const position = at >= 0 ? at : columns.length + COLUMNS[file].indexOf(column);
    this.list.push({ file, line: row.line, column, position, text, changes: row.changes });
  }

  /** Sorted by file (INVENTORY_FILES order, `--set` first), line, column position; then as found. */
  lines(): string[] {
    const fileRank = (f: InventoryFileName | null): number =>
      f === null ? -1 : INVENTORY_FILES.indexOf(f);
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

function formatProblem(p: Problem): string {
  const after =
    p.changes.length > 0 ? ` (after ${p.changes.map((c) => `--set ${c}`).join(', ')})` : '';
  if (p.file === null) return p.text;
  if (p.line === 0) return `${p.file}: ${p.text}`;
  if (p.column === null) return `${p.file}:${p.line}: ${p.text}${after}`;
  return `${p.file}:${p.line}:${p.column}: ${p.text}${after}`;
}
