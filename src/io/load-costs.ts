/**
 * Reading the costs file of `gicap optimize`: unit prices of what can be bought, and optionally the
 * most cores each nPar's cells can hold. Columns (matched case-insensitively, any order):
 *   item       inactive_core | core_right | sharing_right | ticap_unit | max_cores   (required)
 *   unit_cost  price of one unit (a number ≥ 0), on the four price rows
 *   npar       C/N, on a max_cores row
 *   max_cores  the most cores the nPar's cells can hold (a whole number), on a max_cores row
 *   note       free text (e.g. where a price comes from)
 * One row for each of the four prices is required; an nPar without a max_cores row is unlimited.
 * Every problem is reported, one line each as `FILE:LINE:COLUMN: what is wrong`, then exit 2.
 */
import { basename } from 'node:path';
import { BOUNDS, formatBound } from '../domain/bounds.js';
import { deriveFigures } from '../domain/derived.js';
import type { Inventory } from '../domain/types.js';
import { COST_ITEMS, type CostItem, type PurchaseCosts } from '../domain/purchase.js';
import { likelyTypoOf } from '../text/names.js';
import { inputError, type GicapError } from '../errors.js';
import { parseCsv } from './csv.js';
import { echo } from './echo.js';
import { readUserFile } from './read-text.js';
import { readHeader } from './header.js';

const COLUMNS = ['item', 'unit_cost', 'npar', 'max_cores', 'note'] as const;
const ITEMS: readonly string[] = [...COST_ITEMS, 'max_cores'];

/** Read and check a costs file against the inventory it prices; throws an exit-2 `GicapError`. */
export async function loadCosts(path: string, inventory: Inventory): Promise<PurchaseCosts> {
  const file = basename(path);
  const text = await readUserFile(path, 'costs');
  return parseCosts(text, file, inventory);
}

/** Parse and check the text of a costs file named `file`. */
export function parseCosts(text: string, file: string, inventory: Inventory): PurchaseCosts {
  const table = parseCsv(text, file);
  const errors: string[] = table.problems.map((p) => `${file}:${p.line}: ${p.message}`);
  const header = readHeader(table, { known: COLUMNS, required: ['item'] });
  for (const h of header.problems) errors.push(`${file}:1:${h.column}: ${h.message}`);
  const { index } = header;
  if (errors.length > 0) throw problems(file, errors);

  // A semicolon-delimited file usually comes from a spreadsheet with decimal commas.
  const toNumber = (raw: string): number | null => {
    const s = table.delimiter === ';' ? raw.replace(',', '.') : raw;
    if (!/^[+]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s)) return null;
    const n = Number(s);
    return Number.isFinite(n) ? n : null;
  };
  const figures = deriveFigures(inventory);
  const nparKeys = [...figures.npars.keys()];
  const unit: Partial<Record<CostItem, number>> = {};
  const seenItem = new Map<string, number>();
  const maxCores = new Map<string, number>();
  const seenNpar = new Map<string, number>();
  for (const row of table.rows) {
    const field = (column: string): string => row.fields[index.get(column) ?? -1] ?? '';
    const at = (column: string): string => `${file}:${row.line}:${column}`;
    const item = field('item').toLowerCase();
    if (item === '') {
      errors.push(`${at('item')}: missing (one of ${ITEMS.join(', ')})`);
      continue;
    }
    if (!ITEMS.includes(item)) {
      const near = likelyTypoOf(item, ITEMS);
      errors.push(
        `${at('item')}: unknown item ${echo(field('item'))} (expected ${ITEMS.join(', ')}${near === null ? '' : `; closest: ${near}`})`,
      );
      continue;
    }
    if (item === 'max_cores') {
      const key = field('npar');
      const rawMax = field('max_cores');
      if (field('unit_cost') !== '') {
        errors.push(
          `${at('unit_cost')}: a max_cores row has no price (found ${echo(field('unit_cost'))})`,
        );
      }
      if (key === '') {
        errors.push(`${at('npar')}: missing (the nPar as C/N, e.g. server2/db2)`);
      } else if (!figures.npars.has(key)) {
        const near = likelyTypoOf(key, nparKeys);
        errors.push(
          `${at('npar')}: unknown nPar ${echo(key)} (expected C/N of the inventory${near === null ? '' : `; closest: ${near}`})`,
        );
      } else if (seenNpar.has(key)) {
        errors.push(
          `${at('npar')}: second max_cores row for ${key} (first on line ${seenNpar.get(key) ?? 0})`,
        );
      }
      const max = toNumber(rawMax);
      if (rawMax === '') {
        errors.push(`${at('max_cores')}: missing (the most cores the nPar's cells can hold)`);
      } else if (max === null || !Number.isInteger(max) || max < 1 || max > BOUNDS.cores) {
        errors.push(
          `${at('max_cores')}: expected a whole number of cores from 1 to ${formatBound(BOUNDS.cores)} (found ${echo(rawMax)})`,
        );
      } else if (key !== '' && figures.npars.has(key) && !seenNpar.has(key)) {
        const installed = figures.npars.get(key)?.installed ?? 0;
        if (max < installed) {
          errors.push(
            `${at('max_cores')}: ${key} already has ${installed} cores installed (expected max_cores ≥ ${installed}, found ${max})`,
          );
        } else maxCores.set(key, max);
      }
      if (key !== '' && !seenNpar.has(key)) seenNpar.set(key, row.line);
      continue;
    }
    const costItem = item as CostItem;
    const rawCost = field('unit_cost');
    for (const column of ['npar', 'max_cores']) {
      if (field(column) !== '') {
        errors.push(
          `${at(column)}: only a max_cores row has ${column} (found ${echo(field(column))})`,
        );
      }
    }
    if (seenItem.has(item)) {
      errors.push(
        `${at('item')}: second row for ${item} (first on line ${seenItem.get(item) ?? 0})`,
      );
      continue;
    }
    seenItem.set(item, row.line);
    const cost = toNumber(rawCost);
    if (rawCost === '')
      errors.push(`${at('unit_cost')}: missing (the price of one ${describe(costItem)})`);
    else if (cost === null || cost > BOUNDS.unitCost) {
      // Bounded so that a purchase total stays exact and HiGHS never sees a price near its infinity (1e20).
      errors.push(
        `${at('unit_cost')}: expected a price from 0 to ${formatBound(BOUNDS.unitCost)} (found ${echo(rawCost)})`,
      );
    } else unit[costItem] = cost;
  }
  for (const item of COST_ITEMS) {
    if (!seenItem.has(item)) {
      errors.push(
        `${file}:1:item: no row for ${item} (expected one row each for ${COST_ITEMS.join(', ')})`,
      );
    }
  }
  if (errors.length > 0) throw problems(file, errors);
  return { unit: unit as Record<CostItem, number>, maxCores };
}

function describe(item: CostItem): string {
  switch (item) {
    case 'inactive_core':
      return 'inactive core';
    case 'core_right':
      return 'core usage right';
    case 'sharing_right':
      return 'GiCAP sharing right';
    case 'ticap_unit':
      return 'TiCAP unit (30 core-days)';
  }
}

function problems(file: string, lines: readonly string[]): GicapError {
  const n = lines.length;
  return inputError(`costs file ${file} is not usable: ${n} problem${n === 1 ? '' : 's'}`, lines);
}
