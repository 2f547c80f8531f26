/**
 * How a timing model behaves, pure: evaluated at probe driver vectors (every plan's model) and at
 * points spread over the drivers' ranges (`checkModelOverRanges`), a time must be finite, ≥ 0, ordered
 * min ≤ typical ≤ max, and must never fall when a coefficient or a driver rises. That is what makes
 * the three-point range {min, typical, max} bound the time (spec 3.4).
 */
import type { Coefficient, DriverName, FormulaName, TimingModel } from '../domain/timing.js';
import { DRIVER_NAMES, FORMULA_NAMES, NOT_GIVEN_AT_ZERO } from '../domain/timing.js';
import { inspectExpression } from './math.js';
import { compileTimingModel, ModelTimeError } from './timing.js';
import { FALLBACK_DRIVER_MAX, type DriverRanges } from './driver-ranges.js';

/**
 * Driver vectors at which every formula is evaluated to check it is monotone in its coefficients:
 * nothing counted, everything once, the spec's example (GM takeover with 1 group and 2 members) and
 * a busy scenario (many nPars down, so the 900 s takeover cap binds; a manual takeover; a vPar).
 */
export const PROBE_DRIVERS: readonly Readonly<Record<DriverName, number>>[] = [
  driversWith({}),
  driversWith(Object.fromEntries(DRIVER_NAMES.map((d) => [d, 1]))),
  driversWith({ groups_managed: 1, member_complexes: 2 }),
  driversWith({
    groups_managed: 3,
    member_complexes: 8,
    member_npars_down: 20,
    manual: 1,
    managers_tried: 2,
    complexes_in_group: 8,
    seized_npars: 4,
    seized_cells: 16,
    cores_activated: 32,
    vpar_node: 1,
    waited: 1,
    failed_attempts: 2,
    start_s: 120,
    vm_boot_s: 300,
  }),
];

/**
 * Evaluate every formula at the probe driver vectors: it must give finite times ≥ 0, all-min ≤
 * all-typical ≤ all-max, and must not fall when one coefficient goes from its min to its max (others
 * typical). One line per formula and kind of problem, for the first probe that shows it.
 */
export function checkMonotone(model: TimingModel): string[] {
  const engine = compileTimingModel(model);
  const lines: string[] = [];
  const broken = new Set<string>();
  for (const formula of formulasDependenciesFirst(model)) {
    // A formula built on a broken one inherits its problems: report the root cause only.
    if (engine.formulasOf(formula).some((f) => f !== formula && broken.has(f))) continue;
    const reportedBefore = lines.length;
    const path = `formulas.${formula}`;
    let orderReported = false;
    const decreasing = new Set<string>();
    for (const drivers of PROBE_DRIVERS) {
      const label = describeDrivers(drivers);
      let low: number;
      let typical: number;
      let high: number;
      const at = (which: 'min' | 'typical' | 'max'): Record<string, number> =>
        Object.fromEntries(Object.entries(model.coefficients).map(([n, c]) => [n, c[which]]));
      try {
        low = engine.evaluate(formula, drivers, at('min'));
        typical = engine.evaluate(formula, drivers, at('typical'));
        high = engine.evaluate(formula, drivers, at('max'));
      } catch (err) {
        lines.push(
          `${path}: cannot be evaluated with ${label} (${err instanceof Error ? err.message : String(err)})`,
        );
        break;
      }
      if (low < 0) {
        lines.push(
          `${path}: with ${label} the time at min is negative (${fmt(low)} s; a time is ≥ 0)`,
        );
        break;
      }
      const order = orderProblem(path, label, low, typical, high);
      if (!orderReported && order !== null) {
        lines.push(order);
        orderReported = true;
      }
      for (const name of engine.coefficientsOf(formula)) {
        const c = model.coefficients[name] as Coefficient;
        if (decreasing.has(name)) continue;
        const atMin = engine.evaluate(formula, drivers, { [name]: c.min });
        const atMax = engine.evaluate(formula, drivers, { [name]: c.max });
        if (atMax < atMin - tolerance(atMin)) {
          decreasing.add(name);
          lines.push(
            `${path}: falls when ${name} rises, with ${label} (${fmt(atMin)} s at its min ${fmt(c.min)}, ${fmt(atMax)} s at its max ${fmt(c.max)}; a time must not fall when a coefficient rises)`,
          );
        }
      }
    }
    if (lines.length > reportedBefore) broken.add(formula);
  }
  return lines;
}

/**
 * Check that `model` gives sensible times wherever the drivers can be (issue 14): at points spread
 * over the box 0 ≤ driver ≤ ranges[driver] (all at 0, 1, half, max, the probes, and seeded
 * pseudo-random points that favour the corners), every formula must give a finite time ≥ 0 at the
 * coefficients' min, typical and max; min ≤ typical ≤ max; no coefficient going from its min to its
 * max may lower it; and no driver rising (stepped from 0 to its max, the others held) may lower it.
 * A sample cannot prove a formula sound, but it catches the ways a model lies in practice: a term
 * that subtracts, a power that overflows on a large inventory, a condition that flips the wrong way.
 * One line per formula and kind of problem, the first point that shows it; formulas built on a
 * broken one are not judged (the root cause is reported).
 */
export function checkModelOverRanges(model: TimingModel, ranges: DriverRanges): string[] {
  const engine = compileTimingModel(model);
  const maxOf = (d: string): number => Math.max(0, ranges[d] ?? FALLBACK_DRIVER_MAX);
  const points = samplePoints(maxOf);
  const stepsOf = new Map(DRIVER_NAMES.map((d) => [d as string, steps(maxOf(d))]));
  const at = (which: 'min' | 'typical' | 'max'): Record<string, number> =>
    Object.fromEntries(Object.entries(model.coefficients).map(([n, c]) => [n, c[which]]));
  const corners = { min: at('min'), typical: at('typical'), max: at('max') };
  const lines: string[] = [];
  const broken = new Set<string>();
  for (const formula of formulasDependenciesFirst(model)) {
    if (engine.formulasOf(formula).some((f) => f !== formula && broken.has(f))) continue;
    const path = `formulas.${formula}`;
    const found = new Map<string, string>();
    /** The formula at `drivers` with `coefficients`, or null (reported) when it is not a time. */
    const value = (
      drivers: Readonly<Record<string, number>>,
      coefficients: Readonly<Record<string, number>>,
      which: string,
    ): number | null => {
      let v: number;
      try {
        v = engine.evaluate(formula, drivers, coefficients);
      } catch (err) {
        // Formulas are judged dependencies first, at the same points: the one that failed is this one.
        v = err instanceof ModelTimeError && typeof err.value === 'number' ? err.value : Number.NaN;
      }
      if (!Number.isFinite(v)) {
        if (!found.has('finite'))
          found.set(
            'finite',
            `${path}: gives ${String(v)} with ${describeDrivers(drivers)} at the coefficients' ${which} (a time must be a finite number of seconds)`,
          );
        return null;
      }
      if (v < 0) {
        if (!found.has('negative'))
          found.set(
            'negative',
            `${path}: gives a negative time (${fmt(v)} s) with ${describeDrivers(drivers)} at the coefficients' ${which} (a time is ≥ 0)`,
          );
        return null;
      }
      return v;
    };
    const coefficients = engine.coefficientsOf(formula);
    // Only the drivers the formula reads (directly or through the formulas it uses) can move it.
    const read = new Set<string>();
    for (const f of engine.formulasOf(formula)) {
      const inspected = inspectExpression(model.formulas[f] ?? '');
      if (inspected.ok) for (const sym of inspected.symbols) read.add(sym);
    }
    const drivers = DRIVER_NAMES.filter((d) => read.has(d));
    // One mutable coefficient point and one mutable driver point, changed and restored in place:
    // the check runs before every plan, so it allocates nothing per evaluation.
    const coefficientPoint: Record<string, number> = { ...corners.typical };
    points.forEach((point, index) => {
      const low = value(point, corners.min, 'min');
      const typical = value(point, corners.typical, 'typical');
      const high = value(point, corners.max, 'max');
      if (low === null || typical === null || high === null) return;
      const order = orderProblem(path, describeDrivers(point), low, typical, high);
      if (!found.has('order') && order !== null) found.set('order', order);
      for (const name of coefficients) {
        if (found.has(`c:${name}`)) continue;
        const c = model.coefficients[name] as Coefficient;
        coefficientPoint[name] = c.min;
        const atMin = value(point, coefficientPoint, 'typical');
        coefficientPoint[name] = c.max;
        const atMax = value(point, coefficientPoint, 'typical');
        coefficientPoint[name] = c.typical;
        if (atMin !== null && atMax !== null && atMax < atMin - tolerance(atMin)) {
          found.set(
            `c:${name}`,
            `${path}: falls when ${name} rises, with ${describeDrivers(point)} (${fmt(atMin)} s at its min ${fmt(c.min)}, ${fmt(atMax)} s at its max ${fmt(c.max)}; a time must not fall when a coefficient rises)`,
          );
        }
      }
      // Drivers are stepped from the structured points only (the seeded ones test the corners),
      // with the coefficients at min and at max.
      if (index >= STEPPED_POINTS) return;
      const moved: Record<string, number> = { ...point };
      for (const d of drivers) {
        for (const which of ['min', 'max'] as const) {
          if (found.has(`d:${d}`)) break;
          let previous: { x: number; t: number } | null = null;
          for (const x of stepsOf.get(d) ?? []) {
            // 0 is "not given" for these: the steps that must not fall start at the first value.
            if (x === 0 && NOT_GIVEN_AT_ZERO.includes(d)) continue;
            moved[d] = x;
            const t = value(moved, corners[which], which);
            if (t === null) break;
            // After a fall the steps go on: a falling time usually turns negative further up.
            if (
              previous !== null &&
              t < previous.t - tolerance(previous.t) &&
              !found.has(`d:${d}`)
            ) {
              found.set(
                `d:${d}`,
                `${path}: falls when ${d} rises from ${fmt(previous.x)} to ${fmt(x)} (${fmt(previous.t)} s to ${fmt(t)} s with ${describeDrivers(moved)} at the coefficients' ${which}; a time must not fall when a driver rises)`,
              );
            }
            previous = { x, t };
          }
        }
        moved[d] = point[d] ?? 0;
      }
    });
    if (found.size > 0) {
      broken.add(formula);
      lines.push(...found.values());
    }
  }
  return lines;
}

/** The first points of samplePoints (0, 1, half, max, the probes): drivers are stepped from these. */
const STEPPED_POINTS = 4 + PROBE_DRIVERS.length;

/** Points where a model is judged: all 0, all 1, half, all max, the probes, then 24 seeded points. */
function samplePoints(maxOf: (d: string) => number): Record<string, number>[] {
  const clamp = (d: string, v: number): number => Math.min(maxOf(d), Math.max(0, v));
  const point = (f: (d: string, i: number) => number): Record<string, number> =>
    Object.fromEntries(DRIVER_NAMES.map((d, i) => [d, clamp(d, f(d, i))]));
  const points = [
    point(() => 0),
    point(() => 1),
    point((d) => Math.round(maxOf(d) / 2)),
    point((d) => maxOf(d)),
    ...PROBE_DRIVERS.map((p) => point((d) => (p as Record<string, number>)[d] ?? 0)),
  ];
  // A fixed-seed linear congruential generator: the same points on every run (no Math.random).
  let seed = 0x2545f491;
  const next = (): number => {
    seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
    return seed / 2 ** 32;
  };
  for (let k = 0; k < 24; k += 1) {
    points.push(
      point((d) => {
        const r = next();
        if (r < 0.3) return 0;
        if (r < 0.6) return maxOf(d);
        return Math.round(next() * maxOf(d));
      }),
    );
  }
  return points;
}

/** Values a driver is stepped through, 0 to `max`: 0, 1, 2, quarters of the range, max. */
function steps(max: number): number[] {
  const xs = [0, 1, 2, max / 4, max / 2, (3 * max) / 4, max].map((x) =>
    Math.min(max, Math.round(x)),
  );
  return [...new Set(xs)].sort((a, b) => a - b);
}

/** FORMULA_NAMES reordered so that every formula comes after the formulas it uses. */
function formulasDependenciesFirst(model: TimingModel): FormulaName[] {
  const engine = compileTimingModel(model);
  const order: FormulaName[] = [];
  for (const name of FORMULA_NAMES) {
    for (const f of engine.formulasOf(name)) {
      if (!order.includes(f as FormulaName)) order.push(f as FormulaName);
    }
  }
  return order;
}

/** "all drivers 0", "all drivers 1", or "drivers a=1, b=2 (others 0)". */
export function describeDrivers(drivers: Readonly<Record<string, number>>): string {
  const values = DRIVER_NAMES.map((d) => drivers[d] ?? 0);
  const first = values[0] ?? 0;
  if (values.every((v) => v === first)) return `all drivers ${first}`;
  const set = DRIVER_NAMES.filter((d) => (drivers[d] ?? 0) !== 0).map((d) => `${d}=${drivers[d]}`);
  return `drivers ${set.join(', ')} (others 0)`;
}

function driversWith(values: Partial<Record<DriverName, number>>): Record<DriverName, number> {
  return Object.fromEntries(DRIVER_NAMES.map((d) => [d, values[d] ?? 0])) as Record<
    DriverName,
    number
  >;
}

/** The times at the coefficients' min, typical and max out of order, as a problem line, or null. */
function orderProblem(
  path: string,
  drivers: string,
  low: number,
  typical: number,
  high: number,
): string | null {
  const lowFirst = low > typical + tolerance(typical);
  if (!lowFirst && !(typical > high + tolerance(high))) return null;
  const [a, aName, b, bName] = lowFirst
    ? [low, 'min', typical, 'typical']
    : [typical, 'typical', high, 'max'];
  return `${path}: with ${drivers}, ${aName} ${fmt(a)} is greater than ${bName} ${fmt(b)} (expected min ≤ typical ≤ max: the formula must not fall when a coefficient rises)`;
}

function tolerance(x: number): number {
  return 1e-9 * Math.max(1, Math.abs(x));
}

function fmt(x: number): string {
  return String(Math.round(x * 1000) / 1000);
}
