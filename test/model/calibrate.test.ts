import { beforeAll, describe, expect, it } from 'vitest';
import type { Drivers, FormulaName, TimingModel } from '../../src/domain/timing.js';
import { calibrateModel } from '../../src/model/calibrate.js';
import { compileTimingModel, ZERO_DRIVERS } from '../../src/model/timing.js';
import { formatTimingModel, loadTimingModel, parseTimingModel } from '../../src/io/load-model.js';
import type { Observation } from '../../src/domain/timing.js';

/** mulberry32: a tiny seeded PRNG, so the synthetic observations are the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TRUTH = {
  takeover_base: 7,
  takeover_per_group: 1.5,
  takeover_per_member: 4.5,
  takeover_per_unreachable: 50,
};

/**
 * `rows` gm_takeover observations with random driver counts (1–4 groups, 2–12 members, 0–5 nPars
 * down: at most 7 + 6 + 54 + 250 = 317 s, below the 900 s cap) and uniform noise of ±`noise` s.
 */
function synthetic(
  seed: number,
  rows: number,
  noise: number,
  truth = TRUTH,
  maxDown = 5,
): Observation[] {
  const random = mulberry32(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  return Array.from({ length: rows }, (_, i) => {
    const drivers: Drivers = {
      ...ZERO_DRIVERS,
      groups_managed: int(1, 4),
      member_complexes: int(2, 12),
      member_npars_down: int(0, maxDown),
    };
    const exact =
      truth.takeover_base +
      truth.takeover_per_group * drivers.groups_managed +
      truth.takeover_per_member * drivers.member_complexes +
      truth.takeover_per_unreachable * drivers.member_npars_down;
    const seconds = Math.round((exact + (random() * 2 - 1) * noise) * 10) / 10;
    return { line: i + 2, formula: 'gm_takeover', seconds, drivers };
  });
}

const obs = (
  formula: FormulaName,
  seconds: number,
  d: Partial<Drivers>,
  line: number,
): Observation => ({
  line,
  formula,
  seconds,
  drivers: { ...ZERO_DRIVERS, ...d },
});

let model: TimingModel;
beforeAll(async () => {
  model = await loadTimingModel();
});

describe('calibrateModel: synthetic gm_takeover observations (seed 42, 40 rows, noise ±2 s)', () => {
  it('recovers the true coefficients within 1.5 s (base) and 0.3 s (per-unit coefficients), R² > 0.95', () => {
    const outcome = calibrateModel(model, synthetic(42, 40, 2), { source: 'synthetic.csv' });
    if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
    const c = outcome.value;
    const fitted = Object.fromEntries(c.fitted.map((f) => [f.name, f.typical]));
    expect(Object.keys(fitted)).toEqual(Object.keys(TRUTH));
    expect(Math.abs((fitted['takeover_base'] ?? NaN) - TRUTH.takeover_base)).toBeLessThan(1.5);
    expect(Math.abs((fitted['takeover_per_group'] ?? NaN) - TRUTH.takeover_per_group)).toBeLessThan(
      0.3,
    );
    expect(
      Math.abs((fitted['takeover_per_member'] ?? NaN) - TRUTH.takeover_per_member),
    ).toBeLessThan(0.3);
    expect(
      Math.abs((fitted['takeover_per_unreachable'] ?? NaN) - TRUTH.takeover_per_unreachable),
    ).toBeLessThan(0.3);
    expect(c.r2).not.toBeNull();
    expect(c.r2 ?? 0).toBeGreaterThan(0.95);
    // Uniform noise on ±2 s has a standard deviation of 2/√3 ≈ 1.15 s; the RMSE must be about that.
    expect(c.rmse).toBeGreaterThan(0.8);
    expect(c.rmse).toBeLessThan(1.5);
  });

  it('recovers them exactly (to the millisecond) from noise-free observations', () => {
    const outcome = calibrateModel(model, synthetic(7, 12, 0), { source: 'exact.csv' });
    if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
    expect(Object.fromEntries(outcome.value.fitted.map((f) => [f.name, f.typical]))).toEqual(TRUTH);
    expect(outcome.value.r2).toBe(1);
    expect(outcome.value.observations.every((o) => o.residual === 0)).toBe(true);
  });

  it('keeps the coefficients no row depends on, and writes a model that loads and covers every observation', () => {
    const rows = synthetic(42, 40, 2);
    const outcome = calibrateModel(model, rows, { source: 'synthetic.csv' });
    if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
    const c = outcome.value;
    expect(c.held.map((h) => h.name)).toEqual([
      'sg_failover',
      'reform_overhead',
      'dual_lock_extra',
      'takeover_cap',
      'operator_response',
      'gm_contact',
      'rights_lookup_base',
      'rights_lookup_per_complex',
      'seize_per_npar',
      'seize_per_cell',
      'activate_base',
      'activate_per_core',
      'vpar_modify',
      'failed_start',
    ]);
    expect(c.held.every((h) => h.why === 'not-identifiable')).toBe(true);
    const written = parseTimingModel(formatTimingModel(c.model), 'calibrated.json');
    expect(written.name).toBe('default-calibrated');
    expect(written.coefficients['sg_failover']).toEqual(model.coefficients['sg_failover']);
    expect(written.coefficients['takeover_base']?.source).toBe('calibrated (synthetic.csv)');
    const engine = compileTimingModel(written);
    for (const o of rows) {
      const r = engine.range(o.formula, o.drivers);
      expect(r.min).toBeLessThanOrEqual(o.seconds);
      expect(r.max).toBeGreaterThanOrEqual(o.seconds);
    }
  });

  it('widens min and max (never narrows them) when observations fall outside the model range', () => {
    // A slow network: 200 s per unreachable partition, beyond the assumed max of 120 s (at most
    // 3 down, so 7 + 6 + 54 + 600 = 667 s stays below the 900 s cap).
    const rows = synthetic(5, 30, 2, { ...TRUTH, takeover_per_unreachable: 200 }, 3);
    const outcome = calibrateModel(model, rows, { source: 'slow.csv' });
    if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
    const engine = compileTimingModel(outcome.value.model);
    for (const o of rows) {
      const r = engine.range(o.formula, o.drivers);
      expect(r.min).toBeLessThanOrEqual(o.seconds);
      expect(r.max).toBeGreaterThanOrEqual(o.seconds);
    }
    for (const f of outcome.value.fitted) {
      expect(f.min).toBeLessThanOrEqual(f.before.min);
      expect(f.max).toBeGreaterThanOrEqual(f.before.max);
      expect(f.min).toBeLessThanOrEqual(f.typical);
      expect(f.typical).toBeLessThanOrEqual(f.max);
    }
    const unreachable = outcome.value.fitted.find((f) => f.name === 'takeover_per_unreachable');
    expect(unreachable?.typical).toBeGreaterThan(199);
    expect(unreachable?.max).toBeGreaterThanOrEqual(unreachable?.typical ?? Infinity);
  });

  it('fits rows of two formulas together: sg_failover from gm_failover rows, the takeover from both', () => {
    // gm_failover = sg_failover + gm_takeover: with gm_takeover rows the constants separate.
    const takeover = synthetic(9, 20, 0);
    const failover = synthetic(10, 10, 0).map((o, i): Observation => ({
      ...o,
      line: 30 + i,
      formula: 'gm_failover',
      seconds: Math.round((o.seconds + 40) * 10) / 10,
    }));
    const outcome = calibrateModel(model, [...takeover, ...failover], { source: 'mixed.csv' });
    if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
    expect(Object.fromEntries(outcome.value.fitted.map((f) => [f.name, f.typical]))).toEqual({
      sg_failover: 40,
      ...TRUTH,
    });
    expect(outcome.value.rows).toEqual({ gm_takeover: 20, gm_failover: 10 });
  });

  it('clamps a negative fit to 0 s and says so', () => {
    // seconds = −5 + 2·groups + 3·members: the constant term fits to −5.
    const rows = [
      [1, 2],
      [2, 3],
      [3, 5],
      [1, 7],
      [4, 4],
      [2, 9],
    ].map(([g = 0, m = 0], i) =>
      obs('gm_takeover', -5 + 2 * g + 3 * m, { groups_managed: g, member_complexes: m }, i + 2),
    );
    const outcome = calibrateModel(model, rows, { source: 'neg.csv' });
    if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
    const base = outcome.value.fitted.find((f) => f.name === 'takeover_base');
    expect(base).toMatchObject({ typical: 0, clamped: true, min: 0 });
    expect(base?.fit).toBeCloseTo(-5, 9);
    expect(outcome.value.notes).toContain(
      'takeover_base: the fit gave -5 s; clamped to 0 s (a duration cannot be negative; the observations suggest the formula overstates other terms)',
    );
  });

  it('holds coefficients given with fix at their model values', () => {
    const failover = synthetic(10, 10, 0).map((o): Observation => ({
      ...o,
      formula: 'gm_failover',
      seconds: o.seconds + 36,
    }));
    const outcome = calibrateModel(model, failover, { source: 'f.csv', fix: ['sg_failover'] });
    if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
    expect(outcome.value.held[0]).toEqual({ name: 'sg_failover', typical: 36, why: 'fixed' });
    expect(Object.fromEntries(outcome.value.fitted.map((f) => [f.name, f.typical]))).toEqual(TRUTH);
  });
});

describe('calibrateModel refuses observations that cannot determine the coefficients', () => {
  it('too few rows: fewer than the coefficients fitted + 1', () => {
    const outcome = calibrateModel(model, synthetic(42, 4, 2), { source: 'few.csv' });
    expect(outcome.errors).toEqual([
      'too few observations: 4 rows to fit 4 coefficients (takeover_base, takeover_per_group, takeover_per_member, takeover_per_unreachable); at least 5 are needed (one more than the coefficients fitted, so the fit has a residual)',
    ]);
  });

  it('collinear drivers: members always twice the groups', () => {
    const rows = [1, 2, 3, 4, 5, 6].map((g, i) =>
      obs('gm_takeover', 10 + 8 * g, { groups_managed: g, member_complexes: 2 * g }, i + 2),
    );
    expect(calibrateModel(model, rows, { source: 'col.csv' }).errors).toEqual([
      'collinear observations: takeover_per_member (× member_complexes) = 2 × takeover_per_group (× groups_managed) in every row, so these coefficients cannot be told apart (add rows where those drivers vary independently, or hold one of them with --fix NAME)',
    ]);
  });

  it('collinear constants: gm_failover rows alone cannot split sg_failover from takeover_base', () => {
    const rows = synthetic(10, 10, 2).map((o): Observation => ({ ...o, formula: 'gm_failover' }));
    expect(calibrateModel(model, rows, { source: 'f.csv' }).errors).toEqual([
      'collinear observations: takeover_base (constant) = 1 × sg_failover (constant) in every row, so these coefficients cannot be told apart (each adds a constant to every row: hold all but one of them with --fix NAME, or add rows of another formula that separates them)',
    ]);
  });

  it('a driver that never varies is collinear with the constant', () => {
    const rows = [2, 3, 4, 5, 6, 7].map((m, i) =>
      obs('gm_takeover', 10 + 3 * m, { groups_managed: 1, member_complexes: m }, i + 2),
    );
    expect(calibrateModel(model, rows, { source: 'one-group.csv' }).errors).toEqual([
      'collinear observations: takeover_per_group (× groups_managed) = 1 × takeover_base (constant) in every row, so these coefficients cannot be told apart (add rows where those drivers vary independently, or hold one of them with --fix NAME)',
    ]);
  });

  it('nothing to fit: rights_move rows with no core activated', () => {
    const rows = [1, 2, 3].map((n, i) => obs('rights_move', 0, { seized_npars: n }, i + 2));
    expect(calibrateModel(model, rows, { source: 'zero.csv' }).errors).toEqual([
      'nothing to fit: no observation depends on a coefficient that is not held (every coefficient is fixed or does not change any measured formula at these driver counts)',
    ]);
  });

  it('an unknown coefficient in fix', () => {
    expect(
      calibrateModel(model, synthetic(1, 10, 0), { source: 'x.csv', fix: ['takeover_bse'] }).errors,
    ).toEqual([
      '--fix takeover_bse: not a coefficient of model "default" (closest: takeover_base)',
    ]);
  });

  it('no observations at all', () => {
    expect(calibrateModel(model, [], { source: 'empty.csv' }).errors).toEqual([
      'no observations to fit',
    ]);
  });
});
