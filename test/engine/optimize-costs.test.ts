/** The costs file of `gicap optimize`: prices, max cores per nPar, and every problem reported. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GicapError } from '../../src/errors.js';
import { parseCosts } from '../../src/io/load-costs.js';
import { seedFig15 } from '../helpers/builders.js';

const inv = seedFig15();

function problems(text: string): readonly string[] {
  try {
    parseCosts(text, 'costs.csv', inv);
  } catch (err) {
    if (err instanceof GicapError) {
      expect(err.exitCode).toBe(2);
      return err.lines;
    }
    throw err;
  }
  throw new Error('expected the costs file to be rejected');
}

const PRICES = 'inactive_core,1000\ncore_right,3000\nsharing_right,400\nticap_unit,600\n';

describe('costs file', () => {
  it('reads the bundled data/costs.csv', () => {
    const text = readFileSync(new URL('../../data/costs.csv', import.meta.url), 'utf8');
    const costs = parseCosts(text, 'costs.csv', inv);
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
    const costs = parseCosts(text, 'costs.csv', inv);
    expect(costs.unit.inactive_core).toBe(1000.5);
    expect([...costs.maxCores]).toEqual([['server2/db2', 16]]);
  });

  it('reports every problem with its line and column', () => {
    const text =
      'item,unit_cost,npar,max_cores\n' +
      'inactive_core,1000,,\n' +
      'core_rights,3000,,\n' +
      'sharing_right,-4,,\n' +
      'sharing_right,400,,\n' +
      'ticap_unit,,server1/db1,\n' +
      'max_cores,,server9/db2,16\n' +
      'max_cores,5,server2/db2,4\n';
    expect(problems(text)).toEqual([
      'costs.csv:3:item: unknown item "core_rights" (expected inactive_core, core_right, sharing_right, ticap_unit, max_cores; closest: core_right)',
      'costs.csv:4:unit_cost: expected a price from 0 to 1,000,000,000 (found "-4")',
      'costs.csv:5:item: second row for sharing_right (first on line 4)',
      'costs.csv:6:npar: only a max_cores row has npar (found "server1/db1")',
      'costs.csv:6:unit_cost: missing (the price of one TiCAP unit (30 core-days))',
      'costs.csv:7:npar: unknown nPar "server9/db2" (expected C/N of the inventory; closest: server2/db2)',
      'costs.csv:8:unit_cost: a max_cores row has no price (found "5")',
      'costs.csv:8:max_cores: server2/db2 already has 8 cores installed (expected max_cores ≥ 8, found 4)',
      'costs.csv:1:item: no row for core_right (expected one row each for inactive_core, core_right, sharing_right, ticap_unit)',
    ]);
  });

  it('rejects an unknown column, naming the closest known one', () => {
    expect(problems(`item,unit_cots\n${PRICES}`)).toEqual([
      'costs.csv:1:unit_cots: unknown column (expected one of item, unit_cost, npar, max_cores, note; closest: unit_cost)',
    ]);
  });

  it('needs the item column', () => {
    expect(problems('unit_cost\n1000\n')).toEqual([
      'costs.csv:1:item: required column missing (required: item)',
    ]);
  });
});
