import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Drivers, DriverName, TimingModel } from '../../src/domain/timing.js';
import { DRIVER_NAMES, FORMULA_NAMES } from '../../src/domain/timing.js';
import { compileTimingModel } from '../../src/model/timing.js';
import { loadTimingModel } from '../../src/io/load-model.js';

/** Drivers as the engine counts them: small counts, 0/1 flags, start and boot times in seconds. */
const FLAGS: readonly DriverName[] = ['manual', 'vpar_node', 'waited'];
const SECONDS: readonly DriverName[] = ['start_s', 'vm_boot_s'];
const driversArb: fc.Arbitrary<Drivers> = fc.record(
  Object.fromEntries(
    DRIVER_NAMES.map((d) => [
      d,
      FLAGS.includes(d)
        ? fc.integer({ min: 0, max: 1 })
        : SECONDS.includes(d)
          ? fc.double({ min: 0, max: 1800, noNaN: true })
          : fc.integer({ min: 0, max: 40 }),
    ]),
  ) as Record<DriverName, fc.Arbitrary<number>>,
);

let model: TimingModel;
beforeAll(async () => {
  model = await loadTimingModel();
});

describe('timing model properties (default model, random driver vectors)', () => {
  it('every range is ordered: min ≤ typical ≤ max, and ≥ 0', () => {
    const engine = compileTimingModel(model);
    fc.assert(
      fc.property(driversArb, fc.constantFrom(...FORMULA_NAMES), (drivers, formula) => {
        const r = engine.range(formula, drivers);
        expect(r.min).toBeGreaterThanOrEqual(0);
        expect(r.min).toBeLessThanOrEqual(r.typical);
        expect(r.typical).toBeLessThanOrEqual(r.max);
      }),
      { numRuns: 500, seed: 20240401 },
    );
  });

  it('raising any one coefficient (min, typical and max alike, in a copy of the model) never lowers any time', () => {
    const base = compileTimingModel(model);
    const names = Object.keys(model.coefficients);
    fc.assert(
      fc.property(
        driversArb,
        fc.constantFrom(...names),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        (drivers, name, delta) => {
          const c = model.coefficients[name];
          if (c === undefined) throw new Error(name);
          const raised: TimingModel = {
            ...model,
            coefficients: {
              ...model.coefficients,
              [name]: { ...c, min: c.min + delta, typical: c.typical + delta, max: c.max + delta },
            },
          };
          const engine = compileTimingModel(raised);
          for (const formula of FORMULA_NAMES) {
            const before = base.range(formula, drivers);
            const after = engine.range(formula, drivers);
            expect(after.min).toBeGreaterThanOrEqual(before.min);
            expect(after.typical).toBeGreaterThanOrEqual(before.typical);
            expect(after.max).toBeGreaterThanOrEqual(before.max);
          }
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });

  it('at any coefficient values inside their ranges, raising one coordinate never lowers a formula', () => {
    const engine = compileTimingModel(model);
    const names = Object.keys(model.coefficients);
    const pointArb = fc.record(
      Object.fromEntries(
        names.map((n) => {
          const c = model.coefficients[n];
          if (c === undefined) throw new Error(n);
          return [n, fc.double({ min: c.min, max: c.max, noNaN: true })];
        }),
      ),
    );
    fc.assert(
      fc.property(
        driversArb,
        pointArb,
        fc.constantFrom(...names),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (drivers, point, name, delta) => {
          const raisedPoint = { ...point, [name]: (point[name] ?? 0) + delta };
          for (const formula of FORMULA_NAMES) {
            const before = engine.evaluate(formula, drivers, point);
            const after = engine.evaluate(formula, drivers, raisedPoint);
            expect(after).toBeGreaterThanOrEqual(before - 1e-9);
          }
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });

  it('the sensitivity bars are sorted, positive and bounded by the range', () => {
    const engine = compileTimingModel(model);
    fc.assert(
      fc.property(driversArb, fc.constantFrom(...FORMULA_NAMES), (drivers, formula) => {
        const bars = engine.sensitivity(formula, drivers, 3);
        const r = engine.range(formula, drivers);
        expect(bars.length).toBeLessThanOrEqual(3);
        for (let i = 0; i < bars.length; i += 1) {
          const b = bars[i];
          if (b === undefined) continue;
          expect(b.swing).toBeGreaterThan(0);
          expect(b.swing).toBeCloseTo(b.high - b.low, 6);
          expect(b.low).toBeGreaterThanOrEqual(r.min);
          expect(b.high).toBeLessThanOrEqual(r.max);
          const next = bars[i + 1];
          if (next !== undefined) expect(b.swing).toBeGreaterThanOrEqual(next.swing);
        }
      }),
      { numRuns: 300, seed: 3 },
    );
  });
});
