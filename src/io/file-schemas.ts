/**
 * The zod schemas of one row of each CSV file beside the inventory: a runs file (`gicap batch`), a
 * costs file (`gicap optimize`) and an observations file (`gicap calibrate`). Their cells are checked
 * with the inventory's own cell schemas (fields.ts), so the same fault reads the same in every file;
 * the rules across rows (a name given twice, an item without a row) live in each file's parser.
 */
import { z } from 'zod';
import { BOUNDS, formatBound } from '../domain/bounds.js';
import {
  DEFAULT_MAX_FAILURES,
  DEFAULT_OUTAGE_HOURS,
  MAX_FAILURES_RANGE,
} from '../domain/defaults.js';
import { COST_ITEMS } from '../domain/purchase.js';
import { DRIVER_NAMES, FORMULA_NAMES, type DriverName } from '../domain/timing.js';
import { echo } from './echo.js';
import { check, decimal, given, oneOf, wholeNumber, withDefault } from './fields.js';

/** Free text (a path, a note, an nPar key checked against the inventory by the parser). */
const text = withDefault(z.string(), null);

// ---------------------------------------------------------------------------------------------
// Runs file (spec 6): one run per row

export const RUN_COLUMNS = ['name', 'inventory', 'max_failures', 'outage_hours', 'model'] as const;
export const RUN_REQUIRED = ['name', 'inventory'] as const;

/**
 * A run name is a folder name under DIR: letters, digits, `.`, `_`, `-` (the inventory's identifier
 * characters), starting with a letter or digit so that it can be neither hidden nor `.`/`..`.
 */
const RUN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const RUN_NAME_EXPECTED =
  'letters, digits, ".", "_", "-", starting with a letter or digit: it names the run\'s report folder';
/** DIR/summary.csv is the summary file: a run folder of that name would collide with it. */
const RESERVED_RUN_NAMES = ['summary.csv'];

/** One row of the runs file `fileName` (inventories and models are relative to it). */
export function runRow(fileName: string) {
  return z.object({
    name: check(RUN_NAME_EXPECTED, (s) => RUN_NAME.test(s)).refine(
      (s) => !RESERVED_RUN_NAMES.includes(s.toLowerCase()),
      {
        abort: true,
        error: (iss) => {
          const name = String(iss.input);
          return `reserved name (expected another name: DIR/${name.toLowerCase()} is the summary file, found ${echo(name)})`;
        },
      },
    ),
    inventory: given(`an inventory folder relative to ${fileName}`),
    // The same defaults and bounds as `gicap plan`'s options (domain/defaults.ts).
    max_failures: withDefault(
      wholeNumber(MAX_FAILURES_RANGE.min, MAX_FAILURES_RANGE.max),
      DEFAULT_MAX_FAILURES,
    ),
    outage_hours: withDefault(
      decimal(`a number of hours above 0 and at most ${formatBound(BOUNDS.outageHours)}`, {
        min: 0,
        max: BOUNDS.outageHours,
        above: true,
      }),
      DEFAULT_OUTAGE_HOURS,
    ),
    model: text,
  });
}

// ---------------------------------------------------------------------------------------------
// Costs file: a unit price per item, and the most cores an nPar's cells can hold

export const COST_COLUMNS = ['item', 'unit_cost', 'npar', 'max_cores', 'note'] as const;
export const COST_ROW_ITEMS = [...COST_ITEMS, 'max_cores'] as const;

/**
 * The cells of a costs row, each checked alone; `decimalComma` for a semicolon-delimited file
 * (`12,50`). Which cells a row must or must not have depends on its item, and is judged by the
 * parser on every row, even one with a bad cell, so that every problem is reported at once.
 */
export function costRow(decimalComma: boolean) {
  return z.object({
    item: oneOf(COST_ROW_ITEMS, { suggest: true }),
    // Bounded so that a purchase total stays exact and HiGHS never sees a price near its infinity (1e20).
    unit_cost: withDefault(
      decimal(
        `a price from 0 to ${formatBound(BOUNDS.unitCost)}`,
        { min: 0, max: BOUNDS.unitCost },
        decimalComma,
      ),
      null,
    ),
    npar: text,
    max_cores: withDefault(wholeNumber(1, BOUNDS.cores), null),
    note: text,
  });
}

// ---------------------------------------------------------------------------------------------
// Observations file (spec 3.4): one observed failover per row, its drivers counted

export const OBSERVATION_REQUIRED = ['formula', 'seconds'] as const;
export const OBSERVATION_COLUMNS: readonly string[] = [...OBSERVATION_REQUIRED, ...DRIVER_NAMES];

/** One row of an observations file; a driver not given counts 0. */
export function observationRow(decimalComma: boolean) {
  // Counts share the bound of cores (the largest a driver counts), so no fit can overflow.
  const count = withDefault(
    decimal(
      `a count from 0 to ${formatBound(BOUNDS.cores)}`,
      { min: 0, max: BOUNDS.cores },
      decimalComma,
    ),
    0,
  );
  return z.object({
    formula: oneOf(FORMULA_NAMES, { suggest: true }),
    seconds: decimal(
      `a number of seconds from 0 to ${formatBound(BOUNDS.seconds)}`,
      { min: 0, max: BOUNDS.seconds },
      decimalComma,
    ),
    ...(Object.fromEntries(DRIVER_NAMES.map((d) => [d, count])) as Record<
      DriverName,
      typeof count
    >),
  });
}
