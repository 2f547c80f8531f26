/**
 * Calibration of the timing model (spec 3.4, `gicap calibrate`): fit the coefficients of the model's
 * formulas to measured failover durations by least squares, pure.
 *
 * Every observation row is one measured duration of one formula with the driver counts of that
 * failover. Rows of several formulas are fitted together, as one system over one coefficient vector
 * (a coefficient such as `sg_failover` that appears in several formulas gets one value that fits all
 * of them). Each row is linearised at the model's typical point: the column of coefficient j is
 * f(typical + 1 s on j) − f(typical), exact for the linear terms of the formulas (and 0 for a
 * coefficient the row does not depend on, e.g. `takeover_cap` below the cap). Coefficients whose
 * column is zero in every row, and those held with `fix`, keep their model values; the rest are
 * solved from the normal equations (XᵀX and Xᵀy accumulated row by row, so time and memory grow
 * linearly with the rows; the small system is solved by mathjs) on y − f(typical) + Σ column_j ·
 * typical_j.
 *
 * The calibrated model has `typical` = the fit (a negative fit is clamped to 0 s), and `min`/`max`
 * widened, never narrowed, so every observation lies within the model's range: the fitted
 * coefficients' min (max) are scaled down (up) by one factor found by bisection.
 */
import type {
  Coefficient,
  Drivers,
  FormulaName,
  Observation,
  TimingModel,
} from '../domain/timing.js';
import { DRIVER_NAMES } from '../domain/timing.js';
import { columnIndependence, leastSquares, NormalEquations, solveSquare } from './math.js';
import { likelyTypoOf } from '../text/names.js';
import { checkTimingModel, partsOfModel } from './check.js';
import { accepted, refused, type Checked } from '../domain/checked.js';
import type { TimingEngine } from './timing.js';
import { compileTimingModel, round3 } from './timing.js';

export interface CalibrationOptions {
  /** Name of the observations file: quoted in the calibrated model's sources and description. */
  readonly source: string;
  /** Coefficients to hold at their model values (not fitted). */
  readonly fix?: readonly string[];
}

export interface FittedCoefficient {
  readonly name: string;
  /** The coefficient in the input model (seconds). */
  readonly before: Coefficient;
  /** The least-squares value before clamping, seconds. */
  readonly fit: number;
  /** The new typical (fit rounded to 3 decimals, clamped to ≥ 0), and the widened min and max. */
  readonly typical: number;
  readonly min: number;
  readonly max: number;
  readonly clamped: boolean;
}

export interface HeldCoefficient {
  readonly name: string;
  readonly typical: number;
  readonly why: 'fixed' | 'not-identifiable';
}

export interface ObservationFit {
  readonly line: number;
  readonly formula: FormulaName;
  readonly measured: number;
  /** The calibrated model's typical time for this row, seconds. */
  readonly predicted: number;
  /** measured − predicted, seconds. */
  readonly residual: number;
}

export interface Calibration {
  /** The calibrated model (coefficients in seconds), checked by `checkTimingModel`. */
  readonly model: TimingModel;
  /** Rows per formula, in order of first appearance in the file. */
  readonly rows: Readonly<Record<string, number>>;
  readonly fitted: readonly FittedCoefficient[];
  readonly held: readonly HeldCoefficient[];
  readonly observations: readonly ObservationFit[];
  /** Coefficient of determination of the typical times; null when every measurement is equal. */
  readonly r2: number | null;
  /** Root mean square of the residuals, seconds. */
  readonly rmse: number;
  /** Things the user should know: clamped fits, observations the range could not cover. */
  readonly notes: readonly string[];
}

export type CalibrationOutcome = Checked<Calibration>;

/** A column entry smaller than this (seconds per second) is treated as 0. */
const ZERO = 1e-9;
/** A column whose distance from the span of earlier ones is below this share of its length is collinear. */
const COLLINEAR = 1e-7;

/** Fit `model` to `observations`; refuses (ok: false, with the reasons) when they cannot determine it. */
export function calibrateModel(
  model: TimingModel,
  observations: readonly Observation[],
  options: CalibrationOptions,
): CalibrationOutcome {
  const names = Object.keys(model.coefficients);
  const fix = options.fix ?? [];
  const badFix = fix
    .filter((f) => !names.includes(f))
    .map((f) => {
      const near = likelyTypoOf(f, names);
      return `--fix ${f}: not a coefficient of model "${model.name}"${near === null ? '' : ` (closest: ${near})`}`;
    });
  if (badFix.length > 0) return refused(badFix);
  if (observations.length === 0) return refused(['no observations to fit']);

  const engine = compileTimingModel(model);
  const typical = Object.fromEntries(names.map((n) => [n, coefficient(model, n).typical]));
  // One pass over the rows (issue 14: linear in the rows): each row is linearised at the typical
  // point and folded into the normal equations G = XᵀX and h = Xᵀ(measured − f(typical)) over every
  // coefficient; the columns fitted are chosen afterwards from G alone.
  const equations = new NormalEquations(names.length);
  const shifted = { ...typical };
  const row = new Array<number>(names.length).fill(0);
  for (const o of observations) {
    const base = engine.evaluate(o.formula, o.drivers, typical);
    names.forEach((name, j) => {
      shifted[name] = (typical[name] ?? 0) + 1;
      const d = engine.evaluate(o.formula, o.drivers, shifted) - base;
      shifted[name] = typical[name] ?? 0;
      row[j] = Math.abs(d) < ZERO ? 0 : Math.round(d * 1e9) / 1e9;
    });
    equations.add(row, o.seconds - base);
  }
  const gram = equations.gram;

  const unknown: number[] = [];
  const held: HeldCoefficient[] = [];
  names.forEach((name, j) => {
    const value = typical[name] ?? 0;
    if (fix.includes(name)) held.push({ name, typical: value, why: 'fixed' });
    else if ((gram[j]?.[j] ?? 0) === 0)
      held.push({ name, typical: value, why: 'not-identifiable' });
    else unknown.push(j);
  });
  const unknownNames = unknown.map((j) => names[j] as string);
  if (unknown.length === 0) {
    return refused([
      'nothing to fit: no observation depends on a coefficient that is not held (every coefficient is fixed or does not change any measured formula at these driver counts)',
    ]);
  }
  if (observations.length < unknown.length + 1) {
    return refused([
      `too few observations: ${observations.length} row${observations.length === 1 ? '' : 's'} to fit ${unknown.length} coefficient${unknown.length === 1 ? '' : 's'} (${unknownNames.join(', ')}); at least ${unknown.length + 1} are needed (one more than the coefficients fitted, so the fit has a residual)`,
    ]);
  }

  // The normal equations of the fitted columns: XᵀX restricted to them, and Xᵀy where
  // y = measured − f(typical) + Σ column_j · typical_j over the fitted j.
  const g = unknown.map((p) => unknown.map((q) => gram[p]?.[q] ?? 0));
  const collinear = describeCollinearity(g, unknownNames, engine, observations);
  if (collinear.length > 0) return refused(collinear);
  const h = unknown.map(
    (p) =>
      (equations.rhs[p] ?? 0) +
      unknown.reduce((s, q) => s + (gram[p]?.[q] ?? 0) * (typical[names[q] as string] ?? 0), 0),
  );
  const solution = leastSquares(g, h);

  const notes: string[] = [];
  const fittedPoint: Record<string, number> = { ...typical };
  unknownNames.forEach((name, k) => {
    const fit = solution[k] ?? 0;
    const value = Math.max(0, round3(fit));
    if (fit < 0) {
      notes.push(
        `${name}: the fit gave ${round3(fit)} s; clamped to 0 s (a duration cannot be negative; the observations suggest the formula overstates other terms)`,
      );
    }
    fittedPoint[name] = value;
  });

  const predicted = observations.map((o) => engine.evaluate(o.formula, o.drivers, fittedPoint));
  const fits: ObservationFit[] = observations.map((o, i) => ({
    line: o.line,
    formula: o.formula,
    measured: o.seconds,
    predicted: round3(predicted[i] ?? 0),
    residual: round3(o.seconds - (predicted[i] ?? 0)),
  }));
  const mean = observations.reduce((s, o) => s + o.seconds, 0) / observations.length;
  const ssRes = observations.reduce((s, o, i) => s + (o.seconds - (predicted[i] ?? 0)) ** 2, 0);
  const ssTot = observations.reduce((s, o) => s + (o.seconds - mean) ** 2, 0);
  const r2 = ssTot === 0 ? null : 1 - ssRes / ssTot;
  const rmse = Math.sqrt(ssRes / observations.length);

  // Ranges: start from the old range stretched to include the fit, then widen to cover every row.
  const minPoint: Record<string, number> = {};
  const maxPoint: Record<string, number> = {};
  for (const name of names) {
    const c = coefficient(model, name);
    const fitted = unknownNames.includes(name);
    minPoint[name] = fitted ? Math.min(c.min, fittedPoint[name] ?? 0) : c.min;
    maxPoint[name] = fitted ? Math.max(c.max, fittedPoint[name] ?? 0) : c.max;
  }
  const scaled = (point: Record<string, number>, s: number): Record<string, number> => {
    const out = { ...point };
    for (const name of unknownNames) out[name] = (point[name] ?? 0) * s;
    return out;
  };
  const belowAll = (s: number): boolean => {
    const point = scaled(minPoint, s);
    return observations.every(
      (o) => engine.evaluate(o.formula, o.drivers, point) <= o.seconds + ZERO,
    );
  };
  const aboveAll = (s: number): boolean => {
    const point = scaled(maxPoint, s);
    return observations.every(
      (o) => engine.evaluate(o.formula, o.drivers, point) >= o.seconds - ZERO,
    );
  };
  const minScale = largestCovering(belowAll);
  const maxScale = smallestCovering(aboveAll);
  if (minScale === null) {
    for (const o of observations) {
      const floor = engine.evaluate(o.formula, o.drivers, scaled(minPoint, 0));
      if (floor > o.seconds + ZERO)
        notes.push(
          `line ${o.line}: ${o.seconds} s measured is below the model's minimum ${round3(floor)} s even with the fitted coefficients' min at 0 (the terms held at model values already exceed it)`,
        );
    }
  }
  if (maxScale === null) {
    notes.push(
      "some observations stay above the model's maximum however far the fitted coefficients' max is raised (the terms that could cover them are held or capped)",
    );
  }

  const coefficients: Record<string, Coefficient> = {};
  const fitted: FittedCoefficient[] = [];
  for (const name of names) {
    const c = coefficient(model, name);
    const k = unknownNames.indexOf(name);
    if (k < 0) {
      coefficients[name] = c;
      continue;
    }
    const value = fittedPoint[name] ?? 0;
    const min = Math.min(floor3((minPoint[name] ?? 0) * (minScale ?? 0)), value);
    const max = Math.max(ceil3((maxPoint[name] ?? 0) * (maxScale ?? 1)), value);
    coefficients[name] = {
      min,
      typical: value,
      max,
      unit: 's',
      source: `calibrated (${options.source})`,
      description: `${c.description ?? name}; fitted to ${options.source} (was typical ${c.typical} s, range ${c.min}–${c.max} s, source ${c.source})`,
    };
    fitted.push({
      name,
      before: c,
      fit: solution[k] ?? 0,
      typical: value,
      min,
      max,
      clamped: (solution[k] ?? 0) < 0,
    });
  }

  const rows: Record<string, number> = {};
  for (const o of observations) rows[o.formula] = (rows[o.formula] ?? 0) + 1;
  const rowSummary = Object.entries(rows)
    .map(([f, n]) => `${f} ${n}`)
    .join(', ');
  const calibrated: TimingModel = {
    name: `${model.name}-calibrated`,
    description: `Model "${model.name}" calibrated to ${options.source} (${observations.length} observations: ${rowSummary}; R² ${r2 === null ? 'n/a' : r2.toFixed(4)}, RMSE ${rmse.toFixed(3)} s).`,
    coefficients,
    drivers: model.drivers,
    formulas: model.formulas,
  };
  const check = checkTimingModel(partsOfModel(calibrated));
  if (!check.ok) {
    return refused(check.errors.map((e) => `the calibrated model would not be valid: ${e}`));
  }
  return accepted({
    model: check.value,
    rows,
    fitted,
    held,
    observations: fits,
    r2,
    rmse,
    notes,
  });
}

/**
 * One line per fitted coefficient whose column is a linear combination of earlier ones (from XᵀX: its
 * distance from their span is ~0): the combination, with the drivers behind each coefficient.
 */
function describeCollinearity(
  g: readonly (readonly number[])[],
  names: readonly string[],
  engine: TimingEngine,
  observations: readonly Observation[],
): string[] {
  const independence = columnIndependence(g, COLLINEAR);
  const lines: string[] = [];
  const independent: number[] = [];
  independence.forEach((share, j) => {
    if (share >= COLLINEAR) {
      independent.push(j);
      return;
    }
    // Express column j through the independent columns before it (normal equations, small).
    const basis = independent.filter((k) => k < j);
    const gram = basis.map((p) => basis.map((q) => g[p]?.[q] ?? 0));
    const rhs = basis.map((p) => g[p]?.[j] ?? 0);
    const weights = basis.length > 0 ? solveSquare(gram, rhs) : [];
    const terms = basis
      .map((k, i) => ({ name: names[k] as string, w: round3(weights[i] ?? 0) }))
      .filter((t) => t.w !== 0);
    const formulas = [...new Set(observations.map((o) => o.formula))];
    const label = (n: string): string => `${n} (${driversBehind(engine, formulas, n)})`;
    const combination = terms
      .map((t, i) => {
        const sign = t.w < 0 ? (i === 0 ? '−' : ' − ') : i === 0 ? '' : ' + ';
        return `${sign}${Math.abs(t.w)} × ${label(t.name)}`;
      })
      .join('');
    const involved = [names[j] as string, ...terms.map((t) => t.name)];
    const constants = involved.every((n) => driversBehind(engine, formulas, n) === 'constant');
    const remedy = constants
      ? 'each adds a constant to every row: hold all but one of them with --fix NAME, or add rows of another formula that separates them'
      : 'add rows where those drivers vary independently, or hold one of them with --fix NAME';
    lines.push(
      `collinear observations: ${label(names[j] as string)} = ${combination || '0'} in every row, so these coefficients cannot be told apart (${remedy})`,
    );
  });
  return lines;
}

/**
 * The drivers a coefficient's term depends on in these formulas: those whose change (1 → 2, others
 * 1) changes the formula's derivative in the coefficient. "constant" when none does.
 */
function driversBehind(
  engine: TimingEngine,
  formulas: readonly FormulaName[],
  name: string,
): string {
  const ones = Object.fromEntries(DRIVER_NAMES.map((d) => [d, 1])) as Drivers;
  const slope = (formula: FormulaName, drivers: Drivers): number => {
    const typical = engine.model.coefficients[name]?.typical ?? 0;
    return (
      engine.evaluate(formula, drivers, { [name]: typical + 1 }) -
      engine.evaluate(formula, drivers, {})
    );
  };
  const found = new Set<string>();
  for (const f of formulas) {
    const at = slope(f, ones);
    for (const d of DRIVER_NAMES) {
      if (Math.abs(slope(f, { ...ones, [d]: 2 }) - at) > ZERO) found.add(d);
    }
  }
  const list = DRIVER_NAMES.filter((d) => found.has(d));
  return list.length === 0 ? 'constant' : `× ${list.join(', ')}`;
}

/** Largest s in [0, 1] with covered(s), by bisection; null when even s = 0 does not cover. */
function largestCovering(covered: (s: number) => boolean): number | null {
  if (covered(1)) return 1;
  if (!covered(0)) return null;
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60; i += 1) {
    const mid = (lo + hi) / 2;
    if (covered(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Smallest s ≥ 1 with covered(s), by doubling then bisection; null when none up to 2^30. */
function smallestCovering(covered: (s: number) => boolean): number | null {
  if (covered(1)) return 1;
  let hi = 2;
  while (!covered(hi)) {
    hi *= 2;
    if (hi > 2 ** 30) return null;
  }
  let lo = hi / 2;
  for (let i = 0; i < 60; i += 1) {
    const mid = (lo + hi) / 2;
    if (covered(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

function coefficient(model: TimingModel, name: string): Coefficient {
  const c = model.coefficients[name];
  if (c === undefined) throw new Error(`unknown coefficient ${name}`);
  return c;
}

function floor3(x: number): number {
  return Math.floor(x * 1000 + 1e-9) / 1000;
}

function ceil3(x: number): number {
  return Math.ceil(x * 1000 - 1e-9) / 1000;
}
