/**
 * The timing model compiled for evaluation (spec 3.4). Every time is a range {min, typical, max} in
 * seconds: a formula evaluated three times, with every coefficient at its min, its typical and its
 * max value. Formulas are monotone in their coefficients (checked when a model is loaded), so those
 * three points bound the time. Each formula is compiled once; ranges are memoised by formula and
 * driver values, because a plan evaluates the same small driver vectors for many scenarios.
 */
import type { ModelCoefficientRow } from '../domain/result.js';
import type {
  DriverName,
  Drivers,
  FormulaName,
  SensitivityEntry,
  TimeRange,
  TimingModel,
} from '../domain/timing.js';
import { DRIVER_NAMES } from '../domain/timing.js';
import type { CompiledExpression } from './math.js';
import { compileExpression, inspectExpression } from './math.js';
import { ExitCode, GicapError } from '../errors.js';
import { compareText } from '../text/order.js';

export interface TimingEngine {
  readonly model: TimingModel;
  /** Evaluate `formula` three times: every coefficient at min, at typical, at max. Seconds. Memoised by (formula, drivers). */
  range(formula: FormulaName, drivers: Drivers): TimeRange;
  /** Tornado for `formula` at `drivers`: for each coefficient, the formula with it at max minus at min (others typical); sorted by swing desc then name; the top `top` with swing > 0. */
  sensitivity(formula: FormulaName, drivers: Drivers, top: number): SensitivityEntry[];
  /**
   * `formula` at `drivers` with the given coefficient values (seconds; a coefficient not given is at
   * its typical value), not rounded. For calibration and tests.
   */
  evaluate(
    formula: FormulaName,
    drivers: Readonly<Partial<Record<string, number>>>,
    coefficients: Readonly<Record<string, number>>,
  ): number;
  /** The coefficients `formula` uses, directly or through the formulas it references, sorted. */
  coefficientsOf(formula: FormulaName): readonly string[];
  /** The formulas `formula` needs, dependencies first, ending with `formula` itself. */
  formulasOf(formula: FormulaName): readonly string[];
}

/** Drivers all 0: a convenient base for callers that set only the drivers that apply. */
export const ZERO_DRIVERS: Drivers = Object.fromEntries(DRIVER_NAMES.map((d) => [d, 0])) as Drivers;

/** Past this many memoised ranges the memo is cleared, so memory stays flat on huge runs. */
const MEMO_LIMIT = 100_000;

interface CompiledFormula {
  readonly code: CompiledExpression;
  /** This formula and every formula it needs, dependencies first. */
  readonly order: readonly string[];
  readonly coefficients: readonly string[];
}

/**
 * Compile a model that `checkTimingModel` accepted (every symbol known, no cycle). Throws on a
 * formula that references itself through others, which the check reports first.
 */
export function compileTimingModel(model: TimingModel): TimingEngine {
  // One engine per model object: its memos then serve every plan made with that model in this
  // process (a batch's runs, a --set comparison's two plans).
  let engine = engines.get(model);
  if (engine === undefined) {
    engine = buildTimingEngine(model);
    engines.set(model, engine);
  }
  return engine;
}

const engines = new WeakMap<TimingModel, TimingEngine>();

function buildTimingEngine(model: TimingModel): TimingEngine {
  const coefficientNames = Object.keys(model.coefficients);
  const formulaNames = Object.keys(model.formulas);
  const codes = new Map<string, CompiledExpression>();
  const directFormulas = new Map<string, string[]>();
  const directCoefficients = new Map<string, string[]>();
  for (const name of formulaNames) {
    const text = model.formulas[name] ?? '';
    const inspected = inspectExpression(text);
    if (!inspected.ok) throw new Error(`formula ${name}: ${inspected.problems.join('; ')}`);
    directFormulas.set(
      name,
      inspected.symbols.filter((s) => Object.hasOwn(model.formulas, s)),
    );
    directCoefficients.set(
      name,
      inspected.symbols.filter((s) => Object.hasOwn(model.coefficients, s)),
    );
    codes.set(name, compileExpression(text));
  }

  const compiled = new Map<string, CompiledFormula>();
  for (const name of formulaNames) {
    const order = dependencyOrder(name, directFormulas);
    const coefficients = new Set<string>();
    for (const f of order) for (const c of directCoefficients.get(f) ?? []) coefficients.add(c);
    compiled.set(name, {
      code: codes.get(name) as CompiledExpression,
      order,
      coefficients: [...coefficients].sort(compareText),
    });
  }

  const point = (which: 'min' | 'typical' | 'max'): Record<string, number> =>
    Object.fromEntries(coefficientNames.map((c) => [c, model.coefficients[c]?.[which] ?? 0]));
  const minPoint = point('min');
  const typicalPoint = point('typical');
  const maxPoint = point('max');

  const scope: Record<string, number> = {};
  const evaluateAt = (
    formula: string,
    drivers: Readonly<Partial<Record<string, number>>>,
    coefficients: Readonly<Record<string, number>>,
  ): number => {
    const entry = compiled.get(formula);
    if (entry === undefined) throw new Error(`unknown formula "${formula}"`);
    // One scope object, refilled on every call: evaluation allocates nothing.
    for (const c of coefficientNames) scope[c] = coefficients[c] ?? typicalPoint[c] ?? 0;
    for (const d of DRIVER_NAMES) scope[d] = drivers[d] ?? 0;
    let value = 0;
    for (const f of entry.order) {
      const raw = (compiled.get(f) as CompiledFormula).code.evaluate(scope);
      if (typeof raw !== 'number' || !Number.isFinite(raw)) {
        throw new ModelTimeError(model, f, raw, drivers, 'not a finite number of seconds');
      }
      value = raw;
      scope[f] = raw;
    }
    return value;
  };

  const memo = new Map<string, TimeRange>();
  const range = (formula: FormulaName, drivers: Drivers): TimeRange => {
    const key = driverKey(formula, drivers);
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    const result: TimeRange = {
      min: round3(evaluateAt(formula, drivers, minPoint)),
      typical: round3(evaluateAt(formula, drivers, typicalPoint)),
      max: round3(evaluateAt(formula, drivers, maxPoint)),
    };
    // The model is checked over the inventory's driver ranges before a plan (createPlanContext);
    // this is the last guard, so that a negative time is a model error (exit 2), never a result.
    if (result.min < 0) throw new ModelTimeError(model, formula, result.min, drivers, 'negative');
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, result);
    return result;
  };

  const tornadoMemo = new Map<string, SensitivityEntry[]>();
  const sensitivity = (formula: FormulaName, drivers: Drivers, top: number): SensitivityEntry[] => {
    const key = `${top}|${driverKey(formula, drivers)}`;
    const hit = tornadoMemo.get(key);
    if (hit !== undefined) return hit;
    const bars = tornado(formula, drivers).slice(0, Math.max(0, top));
    if (tornadoMemo.size >= MEMO_LIMIT) tornadoMemo.clear();
    tornadoMemo.set(key, bars);
    return bars;
  };

  const tornado = (formula: FormulaName, drivers: Drivers): SensitivityEntry[] => {
    const entry = compiled.get(formula);
    if (entry === undefined) throw new Error(`unknown formula "${formula}"`);
    const bars: SensitivityEntry[] = [];
    for (const name of entry.coefficients) {
      const c = model.coefficients[name];
      if (c === undefined) continue;
      const low = round3(evaluateAt(formula, drivers, { [name]: c.min }));
      const high = round3(evaluateAt(formula, drivers, { [name]: c.max }));
      const swing = round3(high - low);
      if (swing > 0) bars.push({ coefficient: name, swing, low, high, source: c.source });
    }
    bars.sort((a, b) => b.swing - a.swing || compareText(a.coefficient, b.coefficient));
    return bars;
  };

  return {
    model,
    range,
    sensitivity,
    evaluate: evaluateAt,
    coefficientsOf: (formula) => compiled.get(formula)?.coefficients ?? [],
    formulasOf: (formula) => compiled.get(formula)?.order ?? [],
  };
}

/**
 * A formula that gave no usable time (non-finite or negative) while planning: a fault of the model,
 * not of the program, so an input error (exit 2) naming the formula and the drivers.
 */
export class ModelTimeError extends GicapError {
  readonly formula: string;
  readonly value: unknown;

  constructor(
    model: TimingModel,
    formula: string,
    value: unknown,
    drivers: Readonly<Partial<Record<string, number>>>,
    what: 'negative' | 'not a finite number of seconds',
  ) {
    const shown = DRIVER_NAMES.filter((d) => (drivers[d] ?? 0) !== 0)
      .map((d) => `${d}=${drivers[d]}`)
      .join(', ');
    const line = `timing model "${model.name}": formulas.${formula}: gives ${String(value)}${what === 'negative' ? ' s, a negative time' : ''} with drivers ${shown === '' ? 'all 0' : shown} (a time must be a finite number of seconds ≥ 0; fix the formula)`;
    super(
      `formula ${formula} gave ${String(value)}, ${what === 'negative' ? 'a negative time' : what}`,
      ExitCode.Input,
      [line],
    );
    this.formula = formula;
    this.value = value;
  }
}

/** Coefficient rows for reports, sorted by name. Seconds. */
export function modelCoefficientRows(model: TimingModel): ModelCoefficientRow[] {
  return Object.entries(model.coefficients)
    .map(([name, c]) => ({
      name,
      min: c.min,
      typical: c.typical,
      max: c.max,
      unit: c.unit,
      source: c.source,
    }))
    .sort((a, b) => compareText(a.name, b.name));
}

/** Round to 3 decimals (milliseconds), so 0.1 + 0.2 noise never reaches the JSON bytes. */
export function round3(x: number): number {
  const r = Math.round(x * 1000) / 1000;
  return r === 0 ? 0 : r; // no -0 in the output
}

/**
 * The formulas `name` needs, dependencies first, ending with `name` (depth-first post-order).
 * Throws on a cycle; `checkTimingModel` reports cycles before a model gets here.
 */
export function dependencyOrder(
  name: string,
  deps: ReadonlyMap<string, readonly string[]>,
): string[] {
  const order: string[] = [];
  const done = new Set<string>();
  const visit = (f: string, path: readonly string[]): void => {
    if (done.has(f)) return;
    if (path.includes(f)) throw new Error(`circular reference ${[...path, f].join(' → ')}`);
    for (const d of deps.get(f) ?? []) visit(d, [...path, f]);
    done.add(f);
    order.push(f);
  };
  visit(name, []);
  return order;
}

/** Reused by `driverKey`: one character code per driver. */
const driverCodes: number[] = DRIVER_NAMES.map(() => 0);

/**
 * The memo key of a formula at some drivers. Drivers are nearly always small whole numbers: each is
 * then one character (a short key, no number-to-text conversion, for the millions of ranges of an
 * `--all-scenarios` plan); otherwise every value is spelled out. The two forms cannot meet (`#`
 * against `,` after the formula name) and each is one-to-one.
 */
function driverKey(formula: string, drivers: Drivers): string {
  for (let i = 0; i < DRIVER_NAMES.length; i++) {
    const v = drivers[DRIVER_NAMES[i] as DriverName] ?? 0;
    if (!Number.isInteger(v) || v < 0 || v > 0xffff) {
      let key = formula;
      for (const d of DRIVER_NAMES) key += `,${drivers[d] ?? 0}`;
      return key;
    }
    driverCodes[i] = v;
  }
  return `${formula}#${String.fromCharCode(...driverCodes)}`;
}
