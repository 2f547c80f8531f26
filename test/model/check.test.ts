import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkModelFile } from '../../src/io/model-file.js';
import { compileTimingModel, ZERO_DRIVERS } from '../../src/model/timing.js';
import { describeDrivers } from '../../src/model/behaviour.js';

interface RawCoefficient {
  min: unknown;
  typical: unknown;
  max: unknown;
  unit: unknown;
  source?: unknown;
  description?: unknown;
  [key: string]: unknown;
}
interface RawModel {
  name?: unknown;
  description?: unknown;
  coefficients: Record<string, RawCoefficient | number>;
  drivers: Record<string, unknown>;
  formulas: Record<string, unknown>;
  [key: string]: unknown;
}

const DEFAULT_JSON = readFileSync(new URL('../../data/timing-model.json', import.meta.url), 'utf8');
const fresh = (): RawModel => JSON.parse(DEFAULT_JSON) as RawModel;
const coefficient = (m: RawModel, name: string): RawCoefficient =>
  m.coefficients[name] as RawCoefficient;
const formula = (m: RawModel, name: string): string => m.formulas[name] as string;
const ASSUMED = { min: 1, typical: 2, max: 3, unit: 's', source: 'assumption' };
const ALLOWED =
  '(a formula uses numbers, names, + - * / ^, comparisons, and/or/not, ?: and ceil, floor, max, min, round)';

describe('checkModelFile: the bundled model', () => {
  it('accepts data/timing-model.json', () => {
    const r = checkModelFile(fresh());
    expect(r.errors).toBeUndefined();
    expect(r.ok).toBe(true);
  });

  it('converts minutes and hours to seconds (mathjs units) and records the unit as s', () => {
    const m = fresh();
    // 0.1 h = 360 s, 0.25 h = 900 s, 1.25 h = 4500 s; 15 minutes = 900 s.
    m.coefficients['operator_response'] = {
      ...ASSUMED,
      min: 0.1,
      typical: 0.25,
      max: 1.25,
      unit: 'h',
    };
    m.coefficients['takeover_cap'] = { ...ASSUMED, min: 15, typical: 15, max: 15, unit: 'minutes' };
    const r = checkModelFile(m);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.value.coefficients['operator_response']).toMatchObject({
      min: 360,
      typical: 900,
      max: 4500,
      unit: 's',
    });
    expect(r.value.coefficients['takeover_cap']).toMatchObject({
      min: 900,
      typical: 900,
      max: 900,
      unit: 's',
    });
    // Same times as the defaults for the spec example.
    const engine = compileTimingModel(r.value);
    expect(
      engine.range('gm_failover', { ...ZERO_DRIVERS, groups_managed: 1, member_complexes: 2 }),
    ).toEqual({
      min: 33,
      typical: 49,
      max: 80,
    });
  });
});

/** Each bad model: how it is made from the default, and every error line it must give. */
const BAD: [string, (m: RawModel) => unknown, string[]][] = [
  [
    'min above typical',
    (m) => (coefficient(m, 'sg_failover').min = 50),
    ['coefficients.sg_failover: min 50 is greater than typical 36 (expected min ≤ typical ≤ max)'],
  ],
  [
    'typical above max',
    (m) => (coefficient(m, 'takeover_base').typical = 12),
    [
      'coefficients.takeover_base: typical 12 is greater than max 10 (expected min ≤ typical ≤ max)',
    ],
  ],
  [
    'a formula that does not parse',
    (m) => (m.formulas['gm_takeover'] = 'min(takeover_cap, '),
    ['formulas.gm_takeover: does not parse (Unexpected end of expression (char 19))'],
  ],
  [
    'an unknown symbol close to a coefficient',
    (m) =>
      (m.formulas['rights_move'] = formula(m, 'rights_move').replace(
        'gm_contact *',
        'gm_contactt *',
      )),
    [
      'formulas.rights_move: unknown symbol "gm_contactt" (not a coefficient, driver or formula; closest: gm_contact)',
    ],
  ],
  [
    'an unknown symbol close to nothing',
    (m) => (m.formulas['gm_failover'] = `${formula(m, 'gm_failover')} + coffee_break`),
    ['formulas.gm_failover: unknown symbol "coffee_break" (not a coefficient, driver or formula)'],
  ],
  [
    'a coefficient no formula uses (unknown coefficient)',
    (m) => (m.coefficients['takeover_bse'] = { ...ASSUMED }),
    ['coefficients.takeover_bse: unknown coefficient (no formula uses it; closest: takeover_base)'],
  ],
  [
    'a unit that is not a time',
    (m) => (coefficient(m, 'vpar_modify').unit = 'kg'),
    [
      'coefficients.vpar_modify.unit: "kg" is not a time unit (expected s, seconds, min or minutes)',
    ],
  ],
  [
    'a unit mathjs does not know',
    (m) => (coefficient(m, 'vpar_modify').unit = 'fortnight'),
    [
      'coefficients.vpar_modify.unit: "fortnight" is not a time unit (expected s, seconds, min or minutes)',
    ],
  ],
  [
    'a unit with a number in it',
    (m) => (coefficient(m, 'vpar_modify').unit = '5 s'),
    [
      'coefficients.vpar_modify.unit: "5 s" is not a time unit (expected s, seconds, min or minutes)',
    ],
  ],
  [
    'a missing formula',
    (m) => delete m.formulas['package_failover'],
    [
      'formulas.package_failover: missing (a model defines gm_takeover, gm_failover, rights_move, cluster_reformation, package_failover)',
    ],
  ],
  [
    'an unknown formula',
    (m) => (m.formulas['gm_takover'] = '1'),
    [
      'formulas.gm_takover: unknown formula (expected gm_takeover, gm_failover, rights_move, cluster_reformation, package_failover; closest: gm_takeover)',
    ],
  ],
  [
    'an unknown top-level key (a misspelt coefficients)',
    (m) => {
      m['coefficents'] = m.coefficients;
      delete (m as Partial<RawModel>).coefficients;
    },
    [
      'coefficents: unknown key (expected name, description, coefficients, drivers or formulas; closest: coefficients)',
      'coefficients: missing (an object of coefficients by name)',
    ],
  ],
  [
    'an unknown key in a coefficient',
    (m) => (coefficient(m, 'seize_per_cell')['typ'] = 1),
    [
      'coefficients.seize_per_cell.typ: unknown key (expected min, typical, max, unit, source or description)',
    ],
  ],
  [
    'a coefficient without max and source',
    (m) => {
      delete (coefficient(m, 'seize_per_cell') as Partial<RawCoefficient>).max;
      delete coefficient(m, 'seize_per_cell').source;
    },
    [
      "coefficients.seize_per_cell.max: missing (a number ≥ 0 in the coefficient's unit)",
      'coefficients.seize_per_cell.source: missing (a rule tag of docs/rules.md such as [S1 p.31], or "assumption")',
    ],
  ],
  [
    'a negative min',
    (m) => (coefficient(m, 'failed_start').min = -1),
    ['coefficients.failed_start.min: expected a number ≥ 0 (found -1)'],
  ],
  [
    'a number written as a string',
    (m) => (coefficient(m, 'failed_start').max = '60'),
    ['coefficients.failed_start.max: expected a number ≥ 0 (found "60")'],
  ],
  [
    'a coefficient that is not an object',
    (m) => (m.coefficients['vpar_modify'] = 2),
    [
      'coefficients.vpar_modify: expected an object with min, typical, max, unit and source (found 2)',
    ],
  ],
  [
    'a coefficient named like a mathjs constant',
    (m) => (m.coefficients['pi'] = { ...ASSUMED }),
    ['coefficients.pi: the name is a mathjs function or constant (choose another name)'],
  ],
  [
    'a coefficient named like a driver',
    (m) => (m.coefficients['start_s'] = { ...ASSUMED }),
    ["coefficients.start_s: the name is a driver's (choose another name)"],
  ],
  [
    'a coefficient name that is not an identifier',
    (m) => (m.coefficients['2x'] = { ...ASSUMED }),
    ['coefficients.2x: not a usable name (letters, digits and _, not starting with a digit)'],
  ],
  [
    'an unknown driver',
    (m) => (m.drivers['groups_managd'] = 'typo'),
    [
      'drivers.groups_managd: unknown driver (the engine counts groups_managed, member_complexes, member_npars_down, manual, managers_tried, complexes_in_group, seized_npars, seized_cells, cores_activated, vpar_node, waited, failed_attempts, start_s, vm_boot_s, member_timeout, dual_lock; closest: groups_managed)',
    ],
  ],
  [
    'no name, and a description that is not a string',
    (m) => {
      delete m.name;
      m.description = 3;
    },
    ['name: missing (a string naming the model)', 'description: expected a string (found 3)'],
  ],
  [
    'a formula that is not a string',
    (m) => (m.formulas['gm_takeover'] = 5),
    ['formulas.gm_takeover: expected a mathjs expression as a string (found 5)'],
  ],
  [
    'a circular reference',
    (m) => (m.formulas['gm_takeover'] = 'gm_failover + 1'),
    ['formulas.gm_takeover: circular reference gm_takeover → gm_failover → gm_takeover'],
  ],
  [
    'a function that is not allowed',
    (m) =>
      (m.formulas['gm_failover'] = 'sqrt(sg_failover) + gm_takeover + manual * operator_response'),
    ['formulas.gm_failover: unknown function "sqrt" (allowed: ceil, floor, max, min, round)'],
  ],
  [
    'an assignment',
    (m) => (m.formulas['gm_failover'] = 'x = sg_failover'),
    [`formulas.gm_failover: "x = sg_failover" is not allowed ${ALLOWED}`],
  ],
  [
    'a string constant',
    (m) => (m.formulas['gm_failover'] = 'sg_failover + "a"'),
    [`formulas.gm_failover: "a" is not allowed ${ALLOWED}`],
  ],
  [
    'an operator that is not allowed',
    (m) => (m.formulas['gm_failover'] = 'sg_failover + gm_takeover + 7 mod 2'),
    [`formulas.gm_failover: operator "mod" is not allowed ${ALLOWED}`],
  ],
  [
    'a formula that falls when a coefficient rises (a divisor)',
    (m) => {
      m.formulas['gm_failover'] =
        'sg_failover + gm_takeover + manual * operator_response + 1000 / failed_start';
      m.formulas['package_failover'] = formula(m, 'package_failover').replace(
        'failed_start * failed_attempts',
        'failed_attempts',
      );
    },
    [
      // all-min: 28 + 2 + 1000/10 = 130; all-typical: 36 + 5 + 1000/30 = 74.333
      'formulas.gm_failover: with all drivers 0, min 130 is greater than typical 74.333 (expected min ≤ typical ≤ max: the formula must not fall when a coefficient rises)',
      'formulas.gm_failover: falls when failed_start rises, with all drivers 0 (141 s at its min 10, 57.667 s at its max 60; a time must not fall when a coefficient rises)',
    ],
  ],
  [
    'a formula that subtracts a coefficient (reported once, not again in package_failover)',
    (m) =>
      (m.formulas['gm_failover'] =
        'sg_failover + gm_takeover + manual * operator_response + 100 - 2 * takeover_base'),
    [
      // All at min/typical/max stay ordered (126 / 131 / 135 s), but with others typical:
      // takeover_base at 2 → 36 + 2 + 100 − 4 = 134 s; at 10 → 36 + 10 + 100 − 20 = 126 s.
      'formulas.gm_failover: falls when takeover_base rises, with all drivers 0 (134 s at its min 2, 126 s at its max 10; a time must not fall when a coefficient rises)',
    ],
  ],
  [
    'a formula that divides by a driver that can be 0',
    (m) =>
      (m.formulas['gm_failover'] =
        'sg_failover / member_npars_down + gm_takeover + manual * operator_response'),
    [
      'formulas.gm_failover: cannot be evaluated with all drivers 0 (formula gm_failover gave Infinity, not a finite number of seconds)',
    ],
  ],
  [
    'a formula that can give a negative time',
    (m) =>
      (m.formulas['gm_failover'] = 'sg_failover + gm_takeover + manual * operator_response - 100'),
    ['formulas.gm_failover: with all drivers 0 the time at min is negative (-70 s; a time is ≥ 0)'],
  ],
];

describe('checkModelFile: every bad model is rejected with its exact lines', () => {
  it.each(BAD)('%s', (_name, mutate, expected) => {
    const m = fresh();
    mutate(m);
    const r = checkModelFile(m);
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual(expected);
  });

  it('a coefficient that is null, an array or a string is one problem, not a crash', () => {
    for (const [value, found] of [
      [null, 'null'],
      [[1, 2], 'an array'],
      ['ab', '"ab"'],
    ] as const) {
      const m = fresh();
      (m.coefficients as Record<string, unknown>)['vpar_modify'] = value;
      expect(checkModelFile(m).errors).toEqual([
        `coefficients.vpar_modify: expected an object with min, typical, max, unit and source (found ${found})`,
      ]);
    }
  });

  it('rejects a JSON array', () => {
    expect(checkModelFile([1, 2]).errors).toEqual([
      'the model must be a JSON object with name, coefficients, drivers and formulas (found an array)',
    ]);
  });

  it('reports every problem at once, not just the first', () => {
    const m = fresh();
    coefficient(m, 'sg_failover').min = 50;
    coefficient(m, 'vpar_modify').unit = 'kg';
    m.formulas['gm_takeover'] = 'min(takeover_cap, ';
    expect(checkModelFile(m).errors).toEqual([
      'coefficients.sg_failover: min 50 is greater than typical 36 (expected min ≤ typical ≤ max)',
      'coefficients.vpar_modify.unit: "kg" is not a time unit (expected s, seconds, min or minutes)',
      'formulas.gm_takeover: does not parse (Unexpected end of expression (char 19))',
    ]);
  });
});

describe('describeDrivers', () => {
  it('names the probe vectors the way error lines do', () => {
    expect(describeDrivers(ZERO_DRIVERS)).toBe('all drivers 0');
    expect(describeDrivers({ ...ZERO_DRIVERS, groups_managed: 1, member_complexes: 2 })).toBe(
      'drivers groups_managed=1, member_complexes=2 (others 0)',
    );
  });
});
