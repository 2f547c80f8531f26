/**
 * Reading an observations CSV for `gicap calibrate` (spec 3.4): one row per observed failover, with
 * the `formula` measured, the measured `seconds`, and one column per driver count (a driver column
 * that is absent or empty counts 0). Headers match case-insensitively, as inventory files do. Every
 * problem is reported, one line each as `FILE:LINE:COLUMN: what is wrong`, then exit 2.
 */
import { basename } from 'node:path';
import { BOUNDS, formatBound } from '../domain/bounds.js';
import type { DriverName, FormulaName } from '../domain/timing.js';
import { DRIVER_NAMES, FORMULA_NAMES } from '../domain/timing.js';
import { likelyTypoOf } from '../text/names.js';
import { inputError } from '../errors.js';
import { parseCsv } from './csv.js';
import { echo } from './echo.js';
import { readUserFile } from './read-text.js';
import type { Observation } from '../domain/timing.js';
import { readHeader } from './header.js';

const REQUIRED = ['formula', 'seconds'] as const;
const KNOWN: readonly string[] = [...REQUIRED, ...DRIVER_NAMES];

/** Read and check an observations file; throws an exit-2 `GicapError` listing every problem. */
export async function loadObservations(path: string): Promise<Observation[]> {
  const file = basename(path);
  const text = await readUserFile(path, 'observations');
  return parseObservations(text, file);
}

/** Parse and check the text of an observations file named `file`. */
export function parseObservations(text: string, file: string): Observation[] {
  const table = parseCsv(text, file);
  const errors: string[] = table.problems.map((p) => `${file}:${p.line}: ${p.message}`);
  const header = readHeader(table, { known: KNOWN, required: REQUIRED });
  for (const h of header.problems) errors.push(`${file}:1:${h.column}: ${h.message}`);
  const { index } = header;
  // Header problems do not stop the row checks: every problem is reported at once.
  if (table.rows.length === 0 && errors.length === 0) {
    throw problems(file, [
      `${file}: no observations (expected a header row, then one row per observed failover)`,
    ]);
  }

  // A semicolon-delimited file usually comes from a spreadsheet with decimal commas.
  const toNumber = (raw: string): number | null => {
    const s = table.delimiter === ';' ? raw.replace(',', '.') : raw;
    if (!/^[+]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s)) return null;
    const n = Number(s);
    return Number.isFinite(n) ? n : null;
  };
  const observations: Observation[] = [];
  for (const row of table.rows) {
    const field = (column: string): string => row.fields[index.get(column) ?? -1] ?? '';
    const at = (column: string): string => `${file}:${row.line}:${column}`;
    const before = errors.length;

    // A missing formula or seconds column is reported once, on the header, not on every row.
    const formula = field('formula');
    if (!index.has('formula')) {
      /* reported on the header */
    } else if (formula === '')
      errors.push(`${at('formula')}: missing (one of ${FORMULA_NAMES.join(', ')})`);
    else if (!(FORMULA_NAMES as readonly string[]).includes(formula)) {
      const near = likelyTypoOf(formula, FORMULA_NAMES);
      errors.push(
        `${at('formula')}: unknown formula ${echo(formula)} (expected ${FORMULA_NAMES.join(', ')}${near === null ? '' : `; closest: ${near}`})`,
      );
    }
    const rawSeconds = field('seconds');
    const seconds = toNumber(rawSeconds);
    if (!index.has('seconds')) {
      /* reported on the header */
    } else if (rawSeconds === '')
      errors.push(`${at('seconds')}: missing (the measured duration, seconds)`);
    else if (seconds === null || seconds > BOUNDS.seconds)
      errors.push(
        `${at('seconds')}: expected a number of seconds from 0 to ${formatBound(BOUNDS.seconds)} (found ${echo(rawSeconds)})`,
      );

    const drivers = {} as Record<DriverName, number>;
    for (const d of DRIVER_NAMES) {
      const raw = field(d);
      if (raw === '') {
        drivers[d] = 0;
        continue;
      }
      const n = toNumber(raw);
      // Counts share the bound of cores (the largest a driver counts), so no fit can overflow.
      if (n === null || n > BOUNDS.cores)
        errors.push(
          `${at(d)}: expected a count from 0 to ${formatBound(BOUNDS.cores)} (found ${echo(raw)})`,
        );
      else drivers[d] = n;
    }
    if (errors.length === before) {
      observations.push({
        line: row.line,
        formula: formula as FormulaName,
        seconds: seconds as number,
        drivers,
      });
    }
  }
  if (errors.length > 0) throw problems(file, errors);
  return observations;
}

function problems(file: string, lines: readonly string[]): ReturnType<typeof inputError> {
  const n = lines.length;
  return inputError(
    `observations file ${file} is not usable: ${n} problem${n === 1 ? '' : 's'}`,
    lines,
  );
}
