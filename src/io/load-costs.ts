/**
 * Reading the costs file of `gicap optimize`: unit prices of what can be bought, and optionally the
 * most cores each nPar's cells can hold. Columns (matched case-insensitively, any order):
 *   item       inactive_core | core_right | sharing_right | ticap_unit | max_cores   (required)
 *   unit_cost  price of one unit (a number ≥ 0), on the four price rows
 *   npar       C/N, on a max_cores row
 *   max_cores  the most cores the nPar's cells can hold (a whole number), on a max_cores row
 *   note       free text (e.g. where a price comes from)
 * One row for each of the four prices is required; an nPar without a max_cores row is unlimited.
 * Read like an inventory file (the same table reader and cell schemas: io/table.ts, file-schemas.ts);
 * every problem is reported, one line each as `FILE:LINE:COLUMN: what is wrong`, then exit 2.
 */
import { basename } from 'node:path';
import { deriveFigures } from '../domain/derived.js';
import { accepted, refused, type Checked } from '../domain/checked.js';
import type { Inventory } from '../domain/types.js';
import {
  COST_ITEM_UNIT,
  COST_ITEMS,
  type CostItem,
  type PurchaseCosts,
} from '../domain/purchase.js';
import { likelyTypoOf } from '../text/names.js';
import { inputError } from '../errors.js';
import { echo } from './echo.js';
import { COST_COLUMNS, costRow } from './file-schemas.js';
import { missingValue } from './fields.js';
import { readUserFile } from './read-text.js';
import { readFileRows, str } from './rows.js';

/** Read and check a costs file against the inventory it prices; throws an exit-2 `GicapError`. */
export async function loadCosts(path: string, inventory: Inventory): Promise<PurchaseCosts> {
  const file = basename(path);
  const parsed = parseCosts(await readUserFile(path, 'costs'), file, inventory);
  if (parsed.ok) return parsed.value;
  const n = parsed.errors.length;
  throw inputError(
    `costs file ${file} is not usable: ${n} problem${n === 1 ? '' : 's'}`,
    parsed.errors,
  );
}

/** Parse and check the text of a costs file named `file`. */
export function parseCosts(
  text: string,
  file: string,
  inventory: Inventory,
): Checked<PurchaseCosts> {
  const { problems, rows, columns } = readFileRows(
    file,
    text,
    { known: COST_COLUMNS, required: ['item'] },
    (decimalComma) => {
      const schema = costRow(decimalComma);
      return { row: schema, fields: schema.shape };
    },
  );
  if (!rows.usable) return refused(problems.lines());

  const figures = deriveFigures(inventory);
  const nparKeys = [...figures.npars.keys()];
  const unit: Partial<Record<CostItem, number>> = {};
  /** Item → line of its first row (a row with other problems still claims its item). */
  const seenItem = new Map<string, number>();
  const maxCores = new Map<string, number>();
  const seenNpar = new Map<string, number>();
  // Every row, with the cells that parsed: a bad cell never hides another problem of the file.
  for (const { row, fields } of rows.seen) {
    const problem = (column: string, why: string): void => problems.cell(file, row, column, why);
    const given = (column: string): boolean => row.values[column] !== undefined;
    const item = str(fields, 'item');
    if (item === null) continue;
    if (item !== 'max_cores') {
      // A price row: its unit_cost, and nothing of a max_cores row.
      for (const column of ['npar', 'max_cores']) {
        if (given(column))
          problem(column, `only a max_cores row has ${column} (found ${echo(row.values[column])})`);
      }
      const first = seenItem.get(item);
      if (first !== undefined) {
        problem('item', `second row for ${item} (first on line ${first})`);
        continue;
      }
      seenItem.set(item, row.line);
      const cost = fields['unit_cost'];
      if (!given('unit_cost'))
        problem('unit_cost', missingValue(`the price of one ${COST_ITEM_UNIT[item as CostItem]}`));
      else if (typeof cost === 'number') unit[item as CostItem] = cost;
      continue;
    }
    // A max_cores row: no price; the nPar is the inventory's, once, and already holds no more than
    // max_cores.
    if (given('unit_cost'))
      problem('unit_cost', `a max_cores row has no price (found ${echo(row.values['unit_cost'])})`);
    if (!given('max_cores'))
      problem(
        'max_cores',
        missingValue("the most cores the nPar's cells can hold, on a max_cores row"),
      );
    const key = str(fields, 'npar');
    if (key === null) {
      problem('npar', missingValue('the nPar as C/N on a max_cores row, e.g. server2/db2'));
      continue;
    }
    if (!figures.npars.has(key)) {
      const near = likelyTypoOf(key, nparKeys);
      problem(
        'npar',
        `unknown nPar ${echo(key)} (expected C/N of the inventory${near === null ? '' : `; closest: ${near}`})`,
      );
      continue;
    }
    const first = seenNpar.get(key);
    if (first !== undefined) {
      problem('npar', `second max_cores row for ${key} (first on line ${first})`);
      continue;
    }
    seenNpar.set(key, row.line);
    const max = fields['max_cores'];
    if (typeof max !== 'number') continue;
    const installed = figures.npars.get(key)?.installed ?? 0;
    if (max < installed) {
      problem(
        'max_cores',
        `${key} already has ${installed} cores installed (expected max_cores ≥ ${installed}, found ${max})`,
      );
    } else maxCores.set(key, max);
  }
  for (const item of COST_ITEMS) {
    if (!seenItem.has(item)) {
      problems.header(
        file,
        columns.indexOf('item'),
        'item',
        `no row for ${item} (expected one row each for ${COST_ITEMS.join(', ')})`,
      );
    }
  }
  if (problems.count > 0) return refused(problems.lines());
  return accepted({ unit: unit as Record<CostItem, number>, maxCores });
}
