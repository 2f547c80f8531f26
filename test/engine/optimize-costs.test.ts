/** The costs file of `gicap optimize`: prices, max cores per nPar, and every problem reported. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PurchaseCosts } from '../../src/domain/purchase.js';
import { parseCosts } from '../../src/io/load-costs.js';
import { seedFig15 } from '../helpers/builders.js';

const inv = seedFig15();

function problems(text: string): readonly string[] {
  const parsed = parseCosts(text, 'costs.csv', inv);
  if (parsed.ok) throw new Error('expected the costs file to be rejected');
  return parsed.errors;
}

function costsOf(text: string): PurchaseCosts {
  const parsed = parseCosts(text, 'costs.csv', inv);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.value;
}

const PRICES = 'inactive_core,1000\ncore_right,3000\nsharing_right,400\nticap_unit,600\n';

describe('costs file', () => {
  it('reads the bundled data/costs.csv', () => {
    const text = readFileSync(new URL('../../data/costs.csv', import.meta.url), 'utf8');
    const costs = costsOf(text);
    expect(costs.unit).toEqual({
      inactive_core: 1000,
      core_right: 3000,
      sharing_right: 400,
      ticap_unit: 600,
    });
    expect([...costs.maxCores]).toEqual([]);
  });

  it('reads max_cores rows, any column order, case-insensitive headers, semicolons and decimal commas', () => {
    const text =
      'Unit_Cost;ITEM;npar;max_cores\n' +
      '1000,5;inactive_core;;\n3000;core_right;;\n400;sharing_right;;\n600;ticap_unit;;\n' +
      ';max_cores;server2/db2;16\n';
    const costs = costsOf(text);
    expect(costs.unit.inactive_core).toBe(1000.5);
    expect([...costs.maxCores]).toEqual([['server2/db2', 16]]);
  });

  it('reports every problem with its line and column, in the words of the inventory loader', () => {
    const text =
      'item,unit_cost,npar,max_cores\n' +
      'inactive_core,1000,,\n' +
      'core_rights,3000,,\n' +
      'sharing_right,-4,,\n' +
      'sharing_right,400,,\n' +
      'ticap_unit,,server1/db1,\n' +
      'max_cores,,server9/db2,16\n' +
      'max_cores,5,server1/db1,16\n' +
      'max_cores,,server2/db2,4\n' +
      'max_cores,,server2/db2,12\n';
    expect(problems(text)).toEqual([
      'costs.csv:1:item: no row for core_right (expected one row each for inactive_core, core_right, sharing_right, ticap_unit)',
      'costs.csv:3:item: invalid value (expected one of inactive_core, core_right, sharing_right, ticap_unit, max_cores, found "core_rights"; closest: core_right)',
      'costs.csv:4:unit_cost: invalid value (expected a price from 0 to 1,000,000,000, found "-4")',
      // A row with a bad price still claims its item.
      'costs.csv:5:item: second row for sharing_right (first on line 4)',
      'costs.csv:6:unit_cost: missing value (expected the price of one TiCAP unit (30 core-days), found an empty cell)',
      'costs.csv:6:npar: only a max_cores row has npar (found "server1/db1")',
      'costs.csv:7:npar: unknown nPar "server9/db2" (expected C/N of the inventory; closest: server2/db2)',
      'costs.csv:8:unit_cost: a max_cores row has no price (found "5")',
      'costs.csv:9:max_cores: server2/db2 already has 8 cores installed (expected max_cores ≥ 8, found 4)',
      'costs.csv:10:npar: second max_cores row for server2/db2 (first on line 9)',
    ]);
  });

  it('a bad cell hides no other problem of its row or of the file', () => {
    const text =
      'item,unit_cost,npar,max_cores\n' +
      'inactive_core,abc,x,\n' +
      'core_right,3000,,\n' +
      'sharing_right,400,,\n' +
      'ticap_unit,600,,\n' +
      'max_cores,5,,abc\n' +
      'max_cores,5,server2/db2,4\n' +
      'max_cores,,server2/db2,x\n';
    expect(problems(text)).toEqual([
      'costs.csv:2:unit_cost: invalid value (expected a price from 0 to 1,000,000,000, found "abc")',
      'costs.csv:2:npar: only a max_cores row has npar (found "x")',
      'costs.csv:6:unit_cost: a max_cores row has no price (found "5")',
      'costs.csv:6:npar: missing value (expected the nPar as C/N on a max_cores row, e.g. server2/db2, found an empty cell)',
      'costs.csv:6:max_cores: invalid value (expected a whole number from 1 to 65,536, found "abc")',
      'costs.csv:7:unit_cost: a max_cores row has no price (found "5")',
      'costs.csv:7:max_cores: server2/db2 already has 8 cores installed (expected max_cores ≥ 8, found 4)',
      'costs.csv:8:npar: second max_cores row for server2/db2 (first on line 7)',
      'costs.csv:8:max_cores: invalid value (expected a whole number from 1 to 65,536, found "x")',
    ]);
  });

  it('an unknown column names the closest known one; the rows it leaves without a price say so', () => {
    expect(problems(`item,unit_cots\n${PRICES}`)).toEqual([
      'costs.csv:1:unit_cots: unknown column (expected one of item, unit_cost, npar, max_cores, note; closest: unit_cost)',
      'costs.csv:2:unit_cost: missing value (expected the price of one inactive core, found an empty cell)',
      'costs.csv:3:unit_cost: missing value (expected the price of one core usage right, found an empty cell)',
      'costs.csv:4:unit_cost: missing value (expected the price of one GiCAP sharing right, found an empty cell)',
      'costs.csv:5:unit_cost: missing value (expected the price of one TiCAP unit (30 core-days), found an empty cell)',
    ]);
  });

  it('needs the item column', () => {
    expect(problems('unit_cost\n1000\n')).toEqual([
      'costs.csv:1:item: required column missing (required: item)',
    ]);
  });
});
