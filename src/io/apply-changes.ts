/**
 * `--set FILE.KEY.COLUMN=VALUE` (spec section 6): edit one cell of the raw inventory in memory, as if
 * the file had that text, BEFORE validation, so a changed inventory is validated like any other.
 * KEY is the row's key columns joined with `/` (KEY_COLUMNS): complexes `C`, cells `C/cell`,
 * npars `C/N`, vpars `C/N/V`, groups `G`, managers `G/host`, packages `P`. A known column that the file
 * lacks is added (empty on the other rows); an empty VALUE clears the cell (the default applies).
 * Pure: tables in, new tables out.
 */
import { listNames } from './schemas.js';
import type { RawRow, RawTable } from './table.js';
import { closestName } from '../text/names.js';
import { echo } from './echo.js';
import {
  COLUMNS,
  INVENTORY_FILES,
  KEY_COLUMNS,
  type InventoryFileName,
} from '../domain/inventory-files.js';

export type RawTables = Readonly<Record<InventoryFileName, RawTable>>;

export interface Change {
  readonly text: string;
  readonly file: InventoryFileName;
  readonly key: string;
  readonly column: string;
  /** New cell text, trimmed; undefined clears the cell. */
  readonly value: string | undefined;
}

const FILE_BASES = INVENTORY_FILES.map((f) => f.replace(/\.csv$/, ''));

/** Parse `FILE.KEY.COLUMN=VALUE` (KEY may contain dots: FILE ends at the first dot, COLUMN starts after the last). */
export function parseChange(
  text: string,
): { ok: true; change: Change } | { ok: false; error: string } {
  const bad = (why: string): { ok: false; error: string } => ({
    ok: false,
    error: `--set ${text}: ${why}`,
  });
  const eq = text.indexOf('=');
  const path = eq < 0 ? text : text.slice(0, eq);
  const first = path.indexOf('.');
  const last = path.lastIndexOf('.');
  if (eq < 0 || first < 0 || last <= first + 1 || last === path.length - 1) {
    return bad(
      `invalid change (expected FILE.KEY.COLUMN=VALUE, e.g. npars.server1/db1.rights=4, found ${echo(text)})`,
    );
  }
  const base = path.slice(0, first).trim().toLowerCase();
  const key = path.slice(first + 1, last).trim();
  const column = path
    .slice(last + 1)
    .trim()
    .toLowerCase();
  const fileIndex = FILE_BASES.indexOf(base);
  const file = INVENTORY_FILES[fileIndex];
  if (file === undefined) {
    return bad(
      `unknown file "${path.slice(0, first)}" (expected one of ${FILE_BASES.join(', ')}; closest: ${closestName(base, FILE_BASES) ?? ''})`,
    );
  }
  if (!COLUMNS[file].includes(column)) {
    return bad(
      `unknown ${base} column "${path.slice(last + 1)}" (expected one of ${COLUMNS[file].join(', ')}; closest: ${closestName(column, COLUMNS[file]) ?? ''})`,
    );
  }
  const value = text.slice(eq + 1).trim();
  return {
    ok: true,
    change: { text, file, key, column, value: value === '' ? undefined : value },
  };
}

/** The `/`-joined key of a raw row (empty parts when a key cell is empty). */
export function rowKey(file: InventoryFileName, values: RawRow['values']): string {
  return KEY_COLUMNS[file].map((c) => values[c] ?? '').join('/');
}

/**
 * Apply changes in the order given (a later change sees the earlier ones, so a change of a key
 * column renames the row for the changes after it). Every bad change is one error line; the good
 * ones are still applied.
 */
export function applyChanges(
  tables: RawTables,
  changes: readonly string[],
): { tables: RawTables; errors: string[] } {
  const out = { ...tables } as Record<InventoryFileName, RawTable>;
  const errors: string[] = [];
  for (const text of changes) {
    const parsed = parseChange(text);
    if (!parsed.ok) {
      errors.push(parsed.error);
      continue;
    }
    const { file, key, column, value } = parsed.change;
    const table = out[file];
    const hits = table.rows.filter((r) => rowKey(file, r.values) === key);
    if (hits.length === 0) {
      const base = file.replace(/\.csv$/, '');
      errors.push(
        `--set ${text}: unknown ${base} key ${echo(key)} (known: ${listNames(table.rows.map((r) => rowKey(file, r.values)))})`,
      );
      continue;
    }
    out[file] = {
      ...table,
      columns: table.columns.includes(column) ? table.columns : [...table.columns, column],
      rows: table.rows.map((r) =>
        hits.includes(r)
          ? {
              line: r.line,
              values: { ...r.values, [column]: value },
              changes: [...r.changes, text],
            }
          : r,
      ),
    };
  }
  return { tables: out, errors };
}
