/**
 * Issue 14, numbers with bounds: every number of an inventory, of the command line, of a runs file
 * and of a costs file has an upper bound a planner accepts (src/domain/bounds.ts); a value past it is
 * refused with the usual `FILE:LINE:COLUMN` line and exit 2, so no total leaves the exact range of a
 * double and no time becomes Infinity.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BOUNDS, parseDecimal } from '../../src/domain/bounds.js';
import { parseRunsFile } from '../../src/io/runs-file.js';
import { parseObservations } from '../../src/io/load-observations.js';
import { BASE, withLine, errorsOf } from './inventory-fixture.js';
import { runGicap } from '../helpers/run-cli.js';

describe('inventory numbers have upper bounds', () => {
  it.each([
    [
      'cores per cell above 256',
      withLine('cells.csv', 2, 'c1,a,n1,257,y'),
      'cells.csv:2:cores: invalid value (expected a whole number from 1 to 256, found "257")',
    ],
    [
      'cores beyond 2^53 (silently wrong totals before)',
      withLine('cells.csv', 2, 'c1,a,n1,9007199254740991,y'),
      'cells.csv:2:cores: invalid value (expected a whole number from 1 to 256, found "9007199254740991")',
    ],
    [
      'nPar rights above 65,536',
      withLine('npars.csv', 2, 'c1,n1,h1,65537,4'),
      'npars.csv:2:rights: invalid value (expected a whole number from 0 to 65,536, found "65537")',
    ],
    [
      'package cores above 65,536',
      withLine('packages.csv', 2, 'p1,100000,h1;h3,10,60,app,,n'),
      'packages.csv:2:cores: invalid value (expected a whole number from 1 to 65,536, found "100000")',
    ],
    [
      'start_s of 1e308 (an Infinity time before)',
      withLine('packages.csv', 2, 'p1,4,h1;h3,10,1e308,app,,n'),
      'packages.csv:2:start_s: invalid value (expected a number of seconds from 0 to 86,400, found "1e308")',
    ],
    [
      'start_s above one day',
      withLine('packages.csv', 2, 'p1,4,h1;h3,10,86400.5,app,,n'),
      'packages.csv:2:start_s: invalid value (expected a number of seconds from 0 to 86,400, found "86400.5")',
    ],
    [
      'vm_boot_s of 400 digits',
      withLine('packages.csv', 3, `p2,2,v1;h1,,,vm,${'9'.repeat(400)},y`),
      `packages.csv:3:vm_boot_s: invalid value (expected a number of seconds from 0 to 86,400, found "${'9'.repeat(60)}…" (400 characters))`,
    ],
    [
      'TiCAP minutes above 10^9',
      withLine('complexes.csv', 3, 'c2,sd2,g1,west,1,1000000001'),
      'complexes.csv:3:ticap_minutes: invalid value (expected a whole number from 0 to 1,000,000,000, found "1000000001")',
    ],
    [
      'priority beyond 3000 [C9]',
      withLine('packages.csv', 2, 'p1,4,h1;h3,3001,60,app,,n'),
      'packages.csv:2:priority: invalid value (expected a whole number from 1 to 3000 or no_priority, found "3001")',
    ],
    [
      'sharing rights above 65,536',
      withLine('groups.csv', 2, 'g1,70000,0'),
      'groups.csv:2:sharing_rights: invalid value (expected a whole number from 0 to 65,536, found "70000")',
    ],
  ])('%s', (_label, files, line) => {
    expect(errorsOf(files)).toEqual([line]);
  });

  it('accepts every bound itself (the bound is the largest valid value)', () => {
    // c1's cell a at 256 cores lifts n1's installed cores; rights and active stay valid.
    const files = withLine(
      'packages.csv',
      2,
      `p1,4,h1;h3,3000,${BOUNDS.seconds},app,,n`,
      withLine('cells.csv', 2, `c1,a,n1,${BOUNDS.coresPerCell},y`),
    );
    expect(errorsOf(files)).toEqual([]);
  });
});

describe('unassigned rights cannot exceed the cores the complex has without rights', () => {
  // c2: cells of 8 + 8 cores, nPar n3 holds 4 rights: at most 12 rights can be unassigned.
  it('refuses 13 unassigned rights on c2 with the arithmetic', () => {
    expect(errorsOf(withLine('complexes.csv', 3, 'c2,sd2,g1,west,13,43200'))).toEqual([
      'complexes.csv:3:unassigned_rights: more rights than the complex has cores (expected at most 12: its 16 cores on every cell less the 4 rights of its nPars; found 13)',
    ]);
  });

  it('accepts exactly 12', () => {
    expect(errorsOf(withLine('complexes.csv', 3, 'c2,sd2,g1,west,12,43200'))).toEqual([]);
  });

  it('does not judge a complex whose cell rows failed (no cascade)', () => {
    const files = withLine(
      'cells.csv',
      5,
      'c2,a,n3,eight,y',
      withLine('complexes.csv', 3, 'c2,sd2,g1,west,13,43200'),
    );
    expect(errorsOf(files)).toEqual([
      'cells.csv:5:cores: invalid value (expected a whole number from 1 to 256, found "eight")',
    ]);
  });
});

describe('--outage-hours and outage_hours: a decimal number of hours up to one year', () => {
  it('parseDecimal reads digits with an optional fraction only', () => {
    expect(['24', '0.5', '.5', '24.'].map(parseDecimal)).toEqual([24, 0.5, 0.5, 24]);
    expect(['0x10', '1e308', 'Infinity', '-1', '+2', '', '1_0', ' 2'].map(parseDecimal)).toEqual(
      Array(8).fill(null),
    );
  });

  it.each(['0x10', '1e308', 'Infinity', '8761', '0'])(
    'plan --outage-hours %s: exit 2, nothing written',
    (value) => {
      const out = mkdtempSync(join(tmpdir(), 'gicap-bounds-'));
      const r = runGicap(['plan', 'data/mixed-estate', '--out', out, '--outage-hours', value]);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(
        `error: option '--outage-hours <h>' argument '${value}' is invalid. expected a number of hours above 0 and at most 8,760 (digits and an optional decimal point), found "${value}"\n(run with --help for usage)\n`,
      );
      expect(readdirSync(out)).toEqual([]);
    },
  );

  it('runs.csv outage_hours of 1e308 is refused on its line', () => {
    const r = parseRunsFile('name,inventory,outage_hours\na,x,1e308\nb,y,8760', 'runs.csv', '/');
    expect(r.ok ? [] : r.errors).toEqual([
      'runs.csv:2:outage_hours: invalid value (expected a number of hours above 0 and at most 8,760, found "1e308")',
    ]);
  });
});

describe('optimize costs have an upper bound', () => {
  it('a unit cost of 1e20 (exit 3 before) is refused on its line with exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gicap-costs-'));
    const costs = join(dir, 'costs.csv');
    const text = [
      'item,unit_cost',
      'inactive_core,1e20',
      'core_right,1000',
      'sharing_right,500',
      'ticap_unit,200',
    ].join('\n');
    writeFileSync(costs, text);
    const r = runGicap(['optimize', 'data/mixed-estate', '--costs', costs]);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      'costs.csv:2:unit_cost: invalid value (expected a price from 0 to 1,000,000,000, found "1e20")',
    );
  });
});

describe('calibration observations have upper bounds', () => {
  it('seconds of 1e308 and a count of 1e9 are refused on their cells', () => {
    const lines = parseObservations(
      'formula,seconds,groups_managed\ngm_takeover,1e308,1\ngm_takeover,80,1000000000\n',
      'obs.csv',
    ).errors;
    expect(lines).toEqual([
      'obs.csv:2:seconds: invalid value (expected a number of seconds from 0 to 86,400, found "1e308")',
      'obs.csv:3:groups_managed: invalid value (expected a count from 0 to 65,536, found "1000000000")',
    ]);
  });
});

// The fixture's own values are far inside every bound.
it('the base fixture is valid', () => {
  expect(errorsOf(BASE)).toEqual([]);
});
