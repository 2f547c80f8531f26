/**
 * The runs file of `gicap batch` (spec 6): a CSV with one run per row, columns `name`, `inventory`
 * (a folder relative to the runs file), optional `max_failures`, `outage_hours`, `model` (a file
 * relative to the runs file). Read like an inventory file (spec 2: BOM, CRLF, `;` or `,`, header
 * names case-insensitive, free column order). Pure: text in, runs or every problem out, each as
 * `runs.csv:LINE:COLUMN: what is wrong (expected, found)` with LINE as a spreadsheet shows it.
 */
import { resolve } from 'node:path';
import { BOUNDS, formatBound, parseDecimal } from '../../domain/bounds.js';
import {
  DEFAULT_MAX_FAILURES,
  DEFAULT_OUTAGE_HOURS,
  MAX_FAILURES_RANGE,
} from '../../domain/defaults.js';
import { parseCsv } from '../../io/csv.js';
import { echo } from '../../io/echo.js';
import type { BatchRun } from './types.js';
import { readHeader } from '../../io/header.js';

export const RUN_COLUMNS = ['name', 'inventory', 'max_failures', 'outage_hours', 'model'] as const;
export type RunColumn = (typeof RUN_COLUMNS)[number];
const REQUIRED: readonly RunColumn[] = ['name', 'inventory'];

/** Defaults of a run whose cells are empty: the same as `gicap plan`'s. */
export const RUN_DEFAULTS = {
  maxFailures: DEFAULT_MAX_FAILURES,
  outageHours: DEFAULT_OUTAGE_HOURS,
} as const;

/**
 * A run name is a folder name under DIR: letters, digits, `.`, `_`, `-` (the inventory's identifier
 * characters), starting with a letter or digit so that it can be neither hidden nor `.`/`..`.
 */
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** DIR/summary.csv is the summary file: a run folder of that name would collide with it. */
const RESERVED_NAMES = ['summary.csv'];

export type RunsFileResult =
  { ok: true; runs: BatchRun[]; errors?: never } | { ok: false; errors: string[]; runs?: never };

interface Problem {
  readonly line: number;
  /** Column position for sorting (-1: the whole line). */
  readonly position: number;
  readonly text: string;
}

/**
 * Parse the runs file `text` named `fileName` (for messages) that lives in `baseDir` (inventories and
 * models are resolved against it). Every problem is reported, sorted by line then column.
 */
export function parseRunsFile(text: string, fileName: string, baseDir: string): RunsFileResult {
  const csv = parseCsv(text, fileName);
  const problems: Problem[] = csv.problems.map((p) => ({
    line: p.line,
    position: -1,
    text: `${fileName}:${p.line}: ${p.message}`,
  }));
  const at = (line: number, position: number, column: string, why: string): void => {
    problems.push({ line, position, text: `${fileName}:${line}:${column}: ${why}` });
  };

  const header = readHeader(csv, { known: RUN_COLUMNS, required: REQUIRED });
  for (const h of header.problems) at(1, h.position, h.column, h.message);
  const firstAt = header.index as ReadonlyMap<RunColumn, number>;
  // Without a required column every row would repeat the header's fault: report the header only.
  if (REQUIRED.some((c) => !firstAt.has(c))) return fail(problems);

  const position = (column: RunColumn): number => firstAt.get(column) ?? -1;
  const runs: BatchRun[] = [];
  /** Lower-cased name → line of its first row. */
  const nameLines = new Map<string, number>();
  for (const row of csv.rows) {
    const cell = (column: RunColumn): string => {
      const i = firstAt.get(column);
      return i === undefined ? '' : (row.fields[i] ?? '');
    };
    const before = problems.length;
    // Values beyond the header: one problem for the row (its fields are shifted; nothing else is checked).
    const beyond = row.fields.slice(csv.columns.length).filter((f) => f !== '');
    if (beyond.length > 0) {
      problems.push({
        line: row.line,
        position: -1,
        text: `${fileName}:${row.line}: ${beyond.length === 1 ? 'value' : `${beyond.length} values`} beyond the last column (expected at most ${csv.columns.length} fields as in the header, found ${row.fields.length}: ${echo(beyond[0])}${beyond.length > 1 ? ', …' : ''})`,
      });
      continue;
    }

    const name = cell('name');
    if (name === '') {
      at(row.line, position('name'), 'name', missingValue(NAME_EXPECTED));
    } else if (!NAME_PATTERN.test(name)) {
      at(row.line, position('name'), 'name', invalidValue(NAME_EXPECTED, name));
    } else if (RESERVED_NAMES.includes(name.toLowerCase())) {
      at(
        row.line,
        position('name'),
        'name',
        `reserved name (expected another name: DIR/${name.toLowerCase()} is the summary file, found ${echo(name)})`,
      );
    } else {
      // Folder names: compared ignoring case, as file systems on macOS and Windows do (assumption).
      const first = nameLines.get(name.toLowerCase());
      if (first !== undefined) {
        at(
          row.line,
          position('name'),
          'name',
          `duplicate name ${echo(name)} (expected each run name once, ignoring case: it names a folder; found it also on line ${first})`,
        );
      } else {
        nameLines.set(name.toLowerCase(), row.line);
      }
    }

    const inventory = cell('inventory');
    if (inventory === '') {
      at(
        row.line,
        position('inventory'),
        'inventory',
        missingValue(`an inventory folder relative to ${fileName}`),
      );
    }

    const maxFailures = parseCell(cell('max_failures'), RUN_DEFAULTS.maxFailures, (s) => {
      if (!/^\d+$/.test(s)) return null;
      const n = Number(s);
      return n >= MAX_FAILURES_RANGE.min && n <= MAX_FAILURES_RANGE.max ? n : null;
    });
    if (maxFailures === null) {
      at(
        row.line,
        position('max_failures'),
        'max_failures',
        invalidValue(
          `a whole number from ${MAX_FAILURES_RANGE.min} to ${MAX_FAILURES_RANGE.max}`,
          cell('max_failures'),
        ),
      );
    }

    const outageHours = parseCell(cell('outage_hours'), RUN_DEFAULTS.outageHours, (s) => {
      const n = parseDecimal(s);
      return n !== null && n > 0 && n <= BOUNDS.outageHours ? n : null;
    });
    if (outageHours === null) {
      at(
        row.line,
        position('outage_hours'),
        'outage_hours',
        invalidValue(
          `a number of hours above 0 and at most ${formatBound(BOUNDS.outageHours)}`,
          cell('outage_hours'),
        ),
      );
    }

    const model = cell('model');
    if (problems.length === before && maxFailures !== null && outageHours !== null) {
      runs.push({
        name,
        inventory,
        inventoryDir: resolve(baseDir, inventory),
        maxFailures,
        outageHours,
        modelPath: model === '' ? null : resolve(baseDir, model),
      });
    }
  }
  if (problems.length > 0) return fail(problems);
  if (runs.length === 0) {
    return {
      ok: false,
      errors: [`${fileName}: no runs (expected one row per run under the header)`],
    };
  }
  return { ok: true, runs };
}

const NAME_EXPECTED =
  'letters, digits, ".", "_", "-", starting with a letter or digit: it names the run\'s report folder';

function missingValue(expected: string): string {
  return `missing value (expected ${expected}, found an empty cell)`;
}

function invalidValue(expected: string, found: string): string {
  return `invalid value (expected ${expected}, found ${echo(found)})`;
}

/** An empty cell takes the default; otherwise `parse` gives the value or null when it is invalid. */
function parseCell(
  value: string,
  fallback: number,
  parse: (s: string) => number | null,
): number | null {
  return value === '' ? fallback : parse(value);
}

function fail(problems: readonly Problem[]): RunsFileResult {
  const errors = problems
    .map((p, seq) => ({ p, seq }))
    .sort((a, b) => a.p.line - b.p.line || a.p.position - b.p.position || a.seq - b.seq)
    .map(({ p }) => p.text);
  return { ok: false, errors };
}
