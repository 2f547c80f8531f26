/**
 * The runs file of `gicap batch` (spec 6): a CSV with one run per row, columns `name`, `inventory`
 * (a folder relative to the runs file), optional `max_failures`, `outage_hours`, `model` (a file
 * relative to the runs file). Read like an inventory file (spec 2: BOM, CRLF, `;` or `,`, header
 * names case-insensitive, free column order; the same cell checks, file-schemas.ts). Pure: text in,
 * the runs or every problem out, each as `runs.csv:LINE:COLUMN: what is wrong (expected, found)`.
 */
import { resolve } from 'node:path';
import { accepted, refused, type Checked } from '../domain/checked.js';
import type { BatchRun } from '../domain/batch.js';
import { DEFAULT_MAX_FAILURES, DEFAULT_OUTAGE_HOURS } from '../domain/defaults.js';
import { echo } from './echo.js';
import { RUN_COLUMNS, RUN_REQUIRED, runRow } from './file-schemas.js';
import { readFileRows, str } from './rows.js';

/** Defaults of a run whose cells are empty: the same as `gicap plan`'s. */
export const RUN_DEFAULTS = {
  maxFailures: DEFAULT_MAX_FAILURES,
  outageHours: DEFAULT_OUTAGE_HOURS,
} as const;

/**
 * Parse the runs file `text` named `fileName` (for messages) that lives in `baseDir` (inventories and
 * models are resolved against it). Every problem is reported, sorted by line then column.
 */
export function parseRunsFile(
  text: string,
  fileName: string,
  baseDir: string,
): Checked<BatchRun[]> {
  // Without a required column every row would repeat the header's fault: only the header is reported.
  const { problems, rows } = readFileRows(
    fileName,
    text,
    { known: RUN_COLUMNS, required: RUN_REQUIRED },
    () => {
      const schema = runRow(fileName);
      return { row: schema, fields: { name: schema.shape.name } };
    },
  );

  /** Lower-cased name → line of its first row (a row with other problems still claims its name). */
  const nameLines = new Map<string, number>();
  const runs: BatchRun[] = [];
  for (const { row, fields } of rows.seen) {
    const name = str(fields, 'name');
    if (name === null) continue;
    // Folder names: compared ignoring case, as file systems on macOS and Windows do (assumption).
    const first = nameLines.get(name.toLowerCase());
    if (first !== undefined) {
      problems.cell(
        fileName,
        row,
        'name',
        `duplicate name ${echo(name)} (expected each run name once, ignoring case: it names a folder; found it also on line ${first})`,
      );
      continue;
    }
    nameLines.set(name.toLowerCase(), row.line);
    const v = rows.byRow.get(row);
    if (v === undefined) continue;
    runs.push({
      name: v.name,
      inventory: v.inventory,
      inventoryDir: resolve(baseDir, v.inventory),
      maxFailures: v.max_failures,
      outageHours: v.outage_hours,
      modelPath: v.model === null ? null : resolve(baseDir, v.model),
    });
  }
  if (problems.count > 0) return refused(problems.lines());
  if (runs.length === 0) {
    return refused([`${fileName}: no runs (expected one row per run under the header)`]);
  }
  return accepted(runs);
}
