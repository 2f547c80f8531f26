/**
 * Rows checked against their schema, and the helpers the cross-file rules share: what each row
 * carried (even when it failed: the cascade guard, assumption A-30), uniqueness, ordering.
 */
import type { z } from 'zod';
import { readTable, type RawRow, type TableState } from './table.js';
import type { HeaderSpec } from './header.js';
import { Problems } from './problems.js';
import type { RawValues } from './schemas.js';
import type { InventoryFileName } from '../domain/inventory-files.js';

// ---------------------------------------------------------------------------------------------
// Step 2: rows → typed values

/** A row that passed its schema. */
export interface Valid<T> {
  readonly row: RawRow;
  readonly v: T;
}

/** Every row, with the fields that parsed (all of them for a valid row). */
export interface Seen {
  readonly row: RawRow;
  readonly ok: boolean;
  readonly fields: Readonly<Record<string, unknown>>;
}

export function str(fields: Seen['fields'], column: string): string | null {
  const v = fields[column];
  return typeof v === 'string' ? v : null;
}

export interface CheckedRows<T> {
  readonly valid: Valid<T>[];
  /** Row → its typed value, for the valid rows. */
  readonly byRow: ReadonlyMap<RawRow, T>;
  readonly seen: Seen[];
  readonly usable: boolean;
}

export function checkRows<T, F extends string = InventoryFileName>(
  file: F,
  state: TableState,
  schema: { readonly row: z.ZodType<T>; readonly fields: Readonly<Record<string, z.ZodType>> },
  problems: Problems<F>,
): CheckedRows<T> {
  const valid: Valid<T>[] = [];
  const seen: Seen[] = [];
  const byRow = new Map<RawRow, T>();
  if (!state.usable) return { valid, byRow, seen, usable: false };
  for (const row of state.table.rows) {
    const values: RawValues = row.values;
    const result = schema.row.safeParse(values);
    const partial: Record<string, unknown> = {};
    for (const [column, field] of Object.entries(schema.fields)) {
      const r = field.safeParse(values[column]);
      if (r.success) partial[column] = r.data;
    }
    if (result.success) {
      valid.push({ row, v: result.data });
      byRow.set(row, result.data);
      seen.push({ row, ok: true, fields: partial });
    } else {
      for (const issue of result.error.issues) {
        problems.cell(file, row, String(issue.path[0] ?? ''), issue.message);
      }
      seen.push({ row, ok: false, fields: partial });
    }
  }
  return { valid, byRow, seen, usable: true };
}

/**
 * A file beside the inventory (a runs, costs or observations file), read as an inventory file is:
 * its table and header, then every row against the schema for its delimiter (a `;` file may use
 * decimal commas). The problems are the caller's to extend with its rules across rows.
 */
export function readFileRows<T>(
  file: string,
  text: string,
  spec: HeaderSpec,
  schemaFor: (decimalComma: boolean) => {
    readonly row: z.ZodType<T>;
    readonly fields: Readonly<Record<string, z.ZodType>>;
  },
): {
  readonly problems: Problems<string>;
  readonly rows: CheckedRows<T>;
  /** The known columns of the header, in its order. */
  readonly columns: readonly string[];
} {
  const problems = Problems.ofFile(file, spec.known);
  const state = readTable(file, text, spec, problems);
  problems.useColumns(file, state.table.columns);
  const rows = checkRows(file, state, schemaFor(state.delimiter === ';'), problems);
  return { problems, rows, columns: state.table.columns };
}

// ---------------------------------------------------------------------------------------------
// Step 3: rules across rows and files

/** Rows in line order whose key repeats an earlier row's: each gets one error; returns the first rows by key. */
export function checkUnique(
  file: InventoryFileName,
  seen: readonly Seen[],
  keyOf: (s: Seen) => string | null,
  column: string,
  label: (key: string) => string,
  problems: Problems,
): { firstLine: Map<string, number>; duplicates: Set<RawRow> } {
  const firstLine = new Map<string, number>();
  const duplicates = new Set<RawRow>();
  for (const s of seen) {
    const key = keyOf(s);
    if (key === null) continue;
    const first = firstLine.get(key);
    if (first === undefined) {
      firstLine.set(key, s.row.line);
    } else {
      duplicates.add(s.row);
      problems.cell(
        file,
        s.row,
        column,
        `duplicate ${label(key)} (expected each once, found it also on line ${first})`,
      );
    }
  }
  return { firstLine, duplicates };
}

/** sha256 over `name\ncontent\n` of each present file in INVENTORY_FILES order (spec 5.1). */
