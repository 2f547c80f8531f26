/**
 * Reading an observations CSV for `gicap calibrate` (spec 3.4): one row per observed failover, with
 * the `formula` measured, the measured `seconds`, and one column per driver count (a driver column
 * that is absent or empty counts 0). Headers match case-insensitively, as inventory files do. Every
 * problem is reported, one line each as `FILE:LINE:COLUMN: what is wrong`, then exit 2. Read like an
 * inventory file (the same table reader and cell schemas: io/table.ts, file-schemas.ts).
 */
import { basename } from 'node:path';
import { accepted, refused, type Checked } from '../domain/checked.js';
import type { Observation } from '../domain/timing.js';
import { inputError } from '../errors.js';
import { OBSERVATION_COLUMNS, OBSERVATION_REQUIRED, observationRow } from './file-schemas.js';
import { readUserFile } from './read-text.js';
import { readFileRows } from './rows.js';

/** Read and check an observations file; throws an exit-2 `GicapError` listing every problem. */
export async function loadObservations(path: string): Promise<Observation[]> {
  const file = basename(path);
  const parsed = parseObservations(await readUserFile(path, 'observations'), file);
  if (parsed.ok) return parsed.value;
  const n = parsed.errors.length;
  throw inputError(
    `observations file ${file} is not usable: ${n} problem${n === 1 ? '' : 's'}`,
    parsed.errors,
  );
}

/** Parse and check the text of an observations file named `file`. */
export function parseObservations(text: string, file: string): Checked<Observation[]> {
  const { problems, rows } = readFileRows(
    file,
    text,
    { known: OBSERVATION_COLUMNS, required: OBSERVATION_REQUIRED },
    (decimalComma) => ({ row: observationRow(decimalComma), fields: {} }),
  );
  if (problems.count > 0) return refused(problems.lines());
  if (rows.valid.length === 0) {
    return refused([
      `${file}: no observations (expected a header row, then one row per observed failover)`,
    ]);
  }
  return accepted(
    rows.valid.map(({ row, v }) => {
      const { formula, seconds, ...drivers } = v;
      return { line: row.line, formula, seconds, drivers };
    }),
  );
}
