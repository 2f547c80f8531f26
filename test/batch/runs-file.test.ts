/** The runs file of `gicap batch`: every rule, its exact error line, defaults and path resolution. */
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRunsFile } from '../../src/io/runs-file.js';
import { toCsv } from '../../src/text/csv.js';

const BASE = '/data/batch';
const parse = (text: string) => parseRunsFile(text, 'runs.csv', BASE);
const errorsOf = (text: string): readonly string[] => parse(text).errors ?? [];

describe('parseRunsFile: valid files', () => {
  it('reads every column, applies the defaults and resolves paths against the runs file', () => {
    const r = parse(
      [
        'name,inventory,max_failures,outage_hours,model',
        'seed,../seed-fig15,,,',
        'mixed-k2,../mixed-estate,2,48.5,models/slow.json',
        '',
      ].join('\n'),
    );
    expect(r.ok).toBe(true);
    expect(r.value).toEqual([
      {
        name: 'seed',
        inventory: '../seed-fig15',
        inventoryDir: resolve(BASE, '../seed-fig15'),
        maxFailures: 1,
        outageHours: 24,
        modelPath: null,
      },
      {
        name: 'mixed-k2',
        inventory: '../mixed-estate',
        inventoryDir: resolve(BASE, '../mixed-estate'),
        maxFailures: 2,
        outageHours: 48.5,
        modelPath: resolve(BASE, 'models/slow.json'),
      },
    ]);
  });

  it('accepts what spreadsheets write: BOM, CRLF, semicolons, header case and order, only the required columns', () => {
    const r = parse('\uFEFFInventory ; NAME\r\n/abs/inv ; a.b_c-1\r\n\r\n');
    expect(r.errors).toBeUndefined();
    expect(r.value).toEqual([
      {
        name: 'a.b_c-1',
        inventory: '/abs/inv',
        inventoryDir: '/abs/inv',
        maxFailures: 1,
        outageHours: 24,
        modelPath: null,
      },
    ]);
  });

  it('accepts max_failures 1 and 6, the range of gicap plan', () => {
    const r = parse('name,inventory,max_failures\na,x,1\nb,x,6\n');
    expect(r.value?.map((run) => run.maxFailures)).toEqual([1, 6]);
  });

  it('round-trips any set of valid runs written with toCsv (property)', () => {
    const name = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,11}$/);
    const run = fc.record({
      name,
      inventory: fc.stringMatching(/^[a-z./-]{1,12}$/),
      maxFailures: fc.integer({ min: 1, max: 6 }),
      outageHours: fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.constant(0.5)),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(run, {
          minLength: 1,
          maxLength: 8,
          selector: (r) => r.name.toLowerCase(),
        }),
        (runs) => {
          fc.pre(runs.every((r) => r.name.toLowerCase() !== 'summary.csv'));
          const text = toCsv(
            ['name', 'inventory', 'max_failures', 'outage_hours'],
            runs.map((r) => [r.name, r.inventory, r.maxFailures, r.outageHours]),
          );
          const parsed = parse(text);
          expect(parsed.errors).toBeUndefined();
          expect(
            parsed.value?.map((r) => [r.name, r.inventory, r.maxFailures, r.outageHours]),
          ).toEqual(runs.map((r) => [r.name, r.inventory, r.maxFailures, r.outageHours]));
        },
      ),
    );
  });
});

describe('parseRunsFile: problems, each as runs.csv:LINE:COLUMN: why', () => {
  it('an unknown column names the closest known one', () => {
    expect(errorsOf('name,inventory,max_failure\na,x,2\n')).toEqual([
      'runs.csv:1:max_failure: unknown column (expected one of name, inventory, max_failures, outage_hours, model; closest: max_failures)',
    ]);
  });

  it('a missing required column is reported once, not on every row', () => {
    expect(errorsOf('name,model\na,m.json\nb,m.json\n')).toEqual([
      'runs.csv:1:inventory: required column missing (required: name, inventory)',
    ]);
  });

  it('a repeated column is the one problem said: which of the two holds the value is unknown, as in an inventory file', () => {
    expect(errorsOf('name,inventory,Name\na,x,b\n,y,\n')).toEqual([
      'runs.csv:1:Name: duplicate column (expected each column once, found it also in column 1)',
    ]);
  });

  it.each([
    ['my run', 'invalid value'],
    ['..', 'invalid value'],
    ['.hidden', 'invalid value'],
    ['a/b', 'invalid value'],
    ['-x', 'invalid value'],
  ])('name %j is not a usable folder name', (name, what) => {
    expect(errorsOf(`name,inventory\n"${name}",x\n`)).toEqual([
      `runs.csv:2:name: ${what} (expected letters, digits, ".", "_", "-", starting with a letter or digit: it names the run's report folder, found ${JSON.stringify(name)})`,
    ]);
  });

  it('summary.csv is reserved (it would collide with DIR/summary.csv)', () => {
    expect(errorsOf('name,inventory\nSummary.CSV,x\n')).toEqual([
      'runs.csv:2:name: reserved name (expected another name: DIR/summary.csv is the summary file, found "Summary.CSV")',
    ]);
  });

  it('a duplicate name, ignoring case, names the line of the first', () => {
    expect(errorsOf('name,inventory\nprod,a\ntest,b\nPROD,c\n')).toEqual([
      'runs.csv:4:name: duplicate name "PROD" (expected each run name once, ignoring case: it names a folder; found it also on line 2)',
    ]);
  });

  it.each([
    ['0', 'max_failures', 'a whole number from 1 to 6'],
    ['7', 'max_failures', 'a whole number from 1 to 6'],
    ['1.5', 'max_failures', 'a whole number from 1 to 6'],
    ['two', 'max_failures', 'a whole number from 1 to 6'],
    ['0', 'outage_hours', 'a number of hours above 0 and at most 8,760'],
    ['-3', 'outage_hours', 'a number of hours above 0 and at most 8,760'],
    ['1e3', 'outage_hours', 'a number of hours above 0 and at most 8,760'],
    ['24h', 'outage_hours', 'a number of hours above 0 and at most 8,760'],
  ])('a bad number %j in %s', (value, column, expected) => {
    expect(errorsOf(`name,inventory,${column}\na,x,${value}\n`)).toEqual([
      `runs.csv:2:${column}: invalid value (expected ${expected}, found ${JSON.stringify(value)})`,
    ]);
  });

  it('every problem of every row, sorted by line then column position', () => {
    const text = [
      'outage_hours,name,inventory,max_failures',
      '0,a,,9',
      '12,b b,x,1,extra',
      '1,a,y,2',
    ].join('\n');
    expect(errorsOf(text)).toEqual([
      'runs.csv:2:outage_hours: invalid value (expected a number of hours above 0 and at most 8,760, found "0")',
      'runs.csv:2:inventory: missing value (expected an inventory folder relative to runs.csv, found an empty cell)',
      'runs.csv:2:max_failures: invalid value (expected a whole number from 1 to 6, found "9")',
      'runs.csv:3: value beyond the last column (expected at most 4 fields as in the header, found 5: "extra")',
      'runs.csv:4:name: duplicate name "a" (expected each run name once, ignoring case: it names a folder; found it also on line 2)',
    ]);
  });

  it('a header without rows has no runs', () => {
    expect(errorsOf('name,inventory\n\n')).toEqual([
      'runs.csv: no runs (expected one row per run under the header)',
    ]);
  });

  it('uses the file name it is given', () => {
    expect(parseRunsFile('name,inventory,moddel\n', 'nightly.csv', BASE).errors).toEqual([
      'nightly.csv:1:moddel: unknown column (expected one of name, inventory, max_failures, outage_hours, model; closest: model)',
    ]);
  });
});
