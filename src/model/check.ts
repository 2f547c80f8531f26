/**
 * What a timing model means (spec 3.4), pure: the parts of a model file whose shape is right
 * (io/model-file.ts checks the shape) in, a `TimingModel` (every coefficient converted to seconds) or
 * every problem found out, one line each as `PATH: what is wrong (what was expected)`. A model must
 * be usable by the engine: every coefficient name can be used in a formula, every formula parses,
 * uses only known symbols and allowed functions, no formula depends on itself, no coefficient is
 * left unused, and the model behaves (behaviour.ts).
 */
import { closestHint } from '../text/names.js';
import { accepted, refused, type Checked } from '../domain/checked.js';
import type { Coefficient, TimingModel } from '../domain/timing.js';
import { DRIVER_NAMES, FORMULA_NAMES } from '../domain/timing.js';
import { inspectExpression, isMathBuiltin, timeUnitToSeconds } from './math.js';
import { checkMonotone } from './behaviour.js';

const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A coefficient as a model file writes it, its shape checked (io/model-file.ts): the fields of a
 * `Coefficient`, with min, typical and max still in its own unit (a time unit mathjs knows).
 */
export type RawCoefficient = Coefficient;

/**
 * A model file as far as its shape is right: the parts the model's own check judges. A part whose
 * shape is wrong is left out (its problem is already reported), but its name still counts, so that a
 * formula naming it is not also reported as using an unknown symbol.
 */
export interface ModelParts {
  readonly name: string;
  readonly description?: string;
  readonly drivers: Readonly<Record<string, string>>;
  /** Every coefficient name in the file; null when the file has no coefficients object. */
  readonly coefficientNames: readonly string[] | null;
  /** The coefficients whose shape is right, by name. */
  readonly coefficients: Readonly<Record<string, RawCoefficient>>;
  /** Every formula name in the file (a coefficient may not take one). */
  readonly formulaNames: readonly string[];
  /** The formulas whose shape is right (a known name, a non-empty string), by name. */
  readonly formulas: Readonly<Record<string, string>>;
  /** Every formula is there, known and a string: then an unused coefficient can be judged. */
  readonly formulasWhole: boolean;
}

/** A model (coefficients already in seconds) as parts, to check it again (after a calibration). */
export function partsOfModel(model: TimingModel): ModelParts {
  return {
    name: model.name,
    ...(model.description !== undefined ? { description: model.description } : {}),
    drivers: model.drivers,
    coefficientNames: Object.keys(model.coefficients),
    coefficients: model.coefficients,
    formulaNames: Object.keys(model.formulas),
    formulas: model.formulas,
    formulasWhole: FORMULA_NAMES.every((f) => Object.hasOwn(model.formulas, f)),
  };
}

/**
 * Check what a model means and convert it (coefficients in seconds, unit `s`): coefficient names
 * that a formula can use, formulas that parse, name known symbols and have no cycle, no coefficient
 * left unused, and times that never fall when a coefficient rises. `shapeErrors` are the problems
 * of the file's shape (io/model-file.ts), reported first; the behaviour is judged only when no
 * other problem is left.
 */
export function checkTimingModel(
  parts: ModelParts,
  shapeErrors: readonly string[] = [],
): Checked<TimingModel> {
  const errors = [...shapeErrors];
  const usable: string[] = [];
  const coefficients: Record<string, Coefficient> = {};
  for (const name of parts.coefficientNames ?? []) {
    const problem = nameProblem(name, parts.formulaNames);
    if (problem !== null) {
      errors.push(`coefficients.${name}: ${problem}`);
      continue;
    }
    usable.push(name);
    const raw = parts.coefficients[name];
    if (raw !== undefined) coefficients[name] = inSeconds(raw);
  }
  checkFormulas(parts, parts.coefficientNames === null ? null : usable, errors);
  if (errors.length > 0) return refused(errors);
  const model: TimingModel = {
    name: parts.name,
    ...(parts.description !== undefined ? { description: parts.description } : {}),
    coefficients,
    drivers: parts.drivers,
    formulas: parts.formulas,
  };
  const behaviour = checkMonotone(model);
  return behaviour.length > 0 ? refused(behaviour) : accepted(model);
}

/** Why a coefficient cannot have this name, or null: a formula must be able to name it alone. */
function nameProblem(name: string, formulaNames: readonly string[]): string | null {
  if (!NAME_PATTERN.test(name))
    return 'not a usable name (letters, digits and _, not starting with a digit)';
  if (isMathBuiltin(name)) return 'the name is a mathjs function or constant (choose another name)';
  if ((DRIVER_NAMES as readonly string[]).includes(name))
    return "the name is a driver's (choose another name)";
  if (formulaNames.includes(name)) return "the name is a formula's (choose another name)";
  return null;
}

/** A coefficient in seconds (its unit checked with the shape). */
function inSeconds(raw: RawCoefficient): Coefficient {
  const perUnit = timeUnitToSeconds(raw.unit) ?? 1;
  const toSeconds = (v: number): number => Math.round(v * perUnit * 1e9) / 1e9;
  return {
    min: toSeconds(raw.min),
    typical: toSeconds(raw.typical),
    max: toSeconds(raw.max),
    unit: 's',
    source: raw.source,
    ...(raw.description !== undefined ? { description: raw.description } : {}),
  };
}

/**
 * Check the formulas whose shape is right. `coefficientNames` is null when the coefficients could
 * not be read at all: then symbols are not judged (every coefficient would look unknown).
 */
function checkFormulas(
  parts: ModelParts,
  coefficientNames: readonly string[] | null,
  errors: string[],
): void {
  const before = errors.length;
  const known = [...(coefficientNames ?? []), ...DRIVER_NAMES, ...FORMULA_NAMES];
  const references = new Map<string, string[]>();
  const used = new Set<string>();
  for (const [name, text] of Object.entries(parts.formulas)) {
    const path = `formulas.${name}`;
    const inspected = inspectExpression(text);
    if (!inspected.ok) {
      for (const p of inspected.problems) errors.push(`${path}: ${p}`);
      continue;
    }
    for (const symbol of inspected.symbols) used.add(symbol);
    for (const symbol of inspected.symbols) {
      if (coefficientNames !== null && !known.includes(symbol)) {
        errors.push(
          `${path}: unknown symbol "${symbol}" (not a coefficient, driver or formula${closestHint(symbol, known)})`,
        );
      }
    }
    references.set(
      name,
      inspected.symbols.filter((s) => (FORMULA_NAMES as readonly string[]).includes(s)),
    );
  }
  errors.push(...findCycles(references));
  // A coefficient no formula uses is usually a misspelt or forgotten one; only judged when every
  // formula is present and sound (otherwise the formula's own error is the one to fix first).
  if (errors.length === before && parts.formulasWhole && coefficientNames !== null) {
    const usedSymbols = [...used];
    for (const name of coefficientNames) {
      if (!used.has(name)) {
        errors.push(
          `coefficients.${name}: unknown coefficient (no formula uses it${closestHint(name, usedSymbols)})`,
        );
      }
    }
  }
}

/** One line per distinct cycle among formulas, named from the first formula (in file order) on it. */
function findCycles(references: ReadonlyMap<string, readonly string[]>): string[] {
  const lines: string[] = [];
  const reported = new Set<string>();
  for (const start of references.keys()) {
    const cycle = cycleFrom(start, references);
    if (cycle === null) continue;
    const key = [...new Set(cycle)].sort().join(',');
    if (reported.has(key)) continue;
    reported.add(key);
    lines.push(`formulas.${start}: circular reference ${cycle.join(' → ')}`);
  }
  return lines;
}

/** The path from `start` back to `start`, if `start` depends on itself. */
function cycleFrom(
  start: string,
  references: ReadonlyMap<string, readonly string[]>,
): string[] | null {
  const seen = new Set<string>();
  const walk = (f: string, path: readonly string[]): string[] | null => {
    for (const next of references.get(f) ?? []) {
      if (next === start) return [...path, next];
      if (seen.has(next)) continue;
      seen.add(next);
      const found = walk(next, [...path, next]);
      if (found !== null) return found;
    }
    return null;
  };
  return walk(start, [start]);
}
