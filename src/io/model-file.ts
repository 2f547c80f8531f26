/**
 * The shape of a timing model file (spec 3.4), checked with zod: which keys each object may hold,
 * which values are numbers, strings or objects, units that are times, min ≤ typical ≤ max. What the
 * formulas mean (they parse, name known symbols, have no cycle, never fall when a coefficient rises)
 * is the model's own check (`checkTimingModel`, model/check.ts), run on the parts whose shape is
 * right, so that every problem of a file is reported at once. Every problem is one line
 * `PATH: what is wrong (what was expected)`; load-model.ts prefixes the file name.
 */
import { z } from 'zod';
import { refused, type Checked } from '../domain/checked.js';
import { DRIVER_NAMES, FORMULA_NAMES, type TimingModel } from '../domain/timing.js';
import { checkTimingModel, type ModelParts, type RawCoefficient } from '../model/check.js';
import { timeUnitToSeconds } from '../model/math.js';
import { closestHint } from '../text/names.js';

const TOP_KEYS = ['name', 'description', 'coefficients', 'drivers', 'formulas'] as const;
const COEFFICIENT_KEYS = ['min', 'typical', 'max', 'unit', 'source', 'description'] as const;
const UNIT_HINT = 'expected s, seconds, min or minutes';
const SOURCE_HINT = 'a rule tag of docs/rules.md such as [S1 p.31], or "assumption"';

/** Check a parsed model file and convert it (coefficients in seconds, unit `s`). */
export function checkModelFile(value: unknown): Checked<TimingModel> {
  if (!isRecord(value)) {
    return refused([
      `the model must be a JSON object with name, coefficients, drivers and formulas (found ${describe(value)})`,
    ]);
  }
  const shape = [
    ...lines(knownKeys(TOP_KEYS).safeParse(value)),
    ...lines(modelFile.safeParse(value)),
  ];
  return checkTimingModel(partsOf(value), shape);
}

// ---------------------------------------------------------------------------------------------
// Schemas

/** A value of the wrong type: "expected …" with what was found, or "missing (…)" when absent. */
function typed<S extends z.ZodType>(
  schema: (error: (iss: { input: unknown }) => string) => S,
  missing: string | null,
  expected: string,
): S {
  return schema((iss) =>
    iss.input === undefined && missing !== null
      ? `missing (${missing})`
      : `${expected} (found ${describe(iss.input)})`,
  );
}

/** Keys of an object outside `known`, each its own issue with the closest known key. */
function knownKeys(known: readonly string[]) {
  return z.looseObject({}).superRefine((value, ctx) => {
    for (const key of Object.keys(value)) {
      if (known.includes(key)) continue;
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: `unknown key (expected ${orList(known)}${closestHint(key, known)})`,
      });
    }
  });
}

const number = typed(
  (error) =>
    z.number({ error }).refine((n) => Number.isFinite(n) && n >= 0, {
      abort: true,
      error: (iss) => `expected a number ≥ 0 (found ${describe(iss.input)})`,
    }),
  "a number ≥ 0 in the coefficient's unit",
  'expected a number ≥ 0',
);

const unit = z
  .string({
    error: (iss) =>
      iss.input === undefined
        ? `missing (a time unit: ${UNIT_HINT})`
        : `expected a string (${UNIT_HINT}; found ${describe(iss.input)})`,
  })
  .refine((u) => timeUnitToSeconds(u) !== null, {
    abort: true,
    error: (iss) => `"${String(iss.input)}" is not a time unit (${UNIT_HINT})`,
  });

const source = typed(
  (error) =>
    z.string({ error }).refine((s) => s.trim() !== '', {
      abort: true,
      error: (iss) => `expected ${SOURCE_HINT} (found ${describe(iss.input)})`,
    }),
  SOURCE_HINT,
  `expected ${SOURCE_HINT}`,
);

const optionalText = typed((error) => z.string({ error }), null, 'expected a string').optional();

const coefficient = typed(
  (error) =>
    z.looseObject(
      { min: number, typical: number, max: number, unit, source, description: optionalText },
      { error },
    ),
  null,
  'expected an object with min, typical, max, unit and source',
).superRefine(
  (c: unknown, ctx) => {
    // Judged even when a key is wrong, but only on an object (null, an array or a string is
    // already reported as not an object).
    if (!isRecord(c)) return;
    for (const key of Object.keys(c)) {
      if ((COEFFICIENT_KEYS as readonly string[]).includes(key)) continue;
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: `unknown key (expected ${orList(COEFFICIENT_KEYS)}${closestHint(key, COEFFICIENT_KEYS)})`,
      });
    }
    // min ≤ typical ≤ max is what makes the three-point range bound the time.
    const [min, typical, max] = [c['min'], c['typical'], c['max']];
    if (!isAmount(min) || !isAmount(typical) || !isAmount(max)) return;
    const order = (a: string, x: number, b: string, y: number): void => {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `${a} ${x} is greater than ${b} ${y} (expected min ≤ typical ≤ max)`,
      });
    };
    if (min > typical) order('min', min, 'typical', typical);
    if (typical > max) order('typical', typical, 'max', max);
  },
  // Judged even when another key of the coefficient is wrong: every problem at once.
  { when: () => true },
);

const formula = typed(
  (error) =>
    z.string({ error }).refine((s) => s.trim() !== '', {
      abort: true,
      error: (iss) => `expected a mathjs expression as a string (found ${describe(iss.input)})`,
    }),
  null,
  'expected a mathjs expression as a string',
);

const formulas = typed(
  (error) => z.record(z.string(), z.unknown(), { error }),
  `an object with ${FORMULA_NAMES.join(', ')}`,
  'expected an object of mathjs expressions by name',
).superRefine((value, ctx) => {
  for (const name of FORMULA_NAMES) {
    if (!Object.hasOwn(value, name)) {
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message: `missing (a model defines ${FORMULA_NAMES.join(', ')})`,
      });
    }
  }
  for (const [name, text] of Object.entries(value)) {
    if (!(FORMULA_NAMES as readonly string[]).includes(name)) {
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message: `unknown formula (expected ${FORMULA_NAMES.join(', ')}${closestHint(name, FORMULA_NAMES)})`,
      });
      continue;
    }
    const r = formula.safeParse(text);
    if (!r.success) {
      for (const issue of r.error.issues) {
        ctx.addIssue({ code: 'custom', path: [name], message: issue.message });
      }
    }
  }
});

const drivers = typed(
  (error) => z.record(z.string(), z.unknown(), { error }),
  null,
  'expected an object of driver descriptions',
).superRefine((value, ctx) => {
  for (const [key, text] of Object.entries(value)) {
    if (!(DRIVER_NAMES as readonly string[]).includes(key)) {
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: `unknown driver (the engine counts ${DRIVER_NAMES.join(', ')}${closestHint(key, DRIVER_NAMES)})`,
      });
    } else if (typeof text !== 'string') {
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: `expected a string saying what it counts (found ${describe(text)})`,
      });
    }
  }
});

/** The whole file, in the order its problems are reported. */
const modelFile = z.looseObject({
  name: typed(
    (error) =>
      z.string({ error }).refine((s) => s.trim() !== '', {
        abort: true,
        error: (iss) => `expected a non-empty string (found ${describe(iss.input)})`,
      }),
    'a string naming the model',
    'expected a non-empty string',
  ),
  description: optionalText,
  drivers: drivers.optional(),
  coefficients: typed(
    (error) => z.record(z.string(), coefficient, { error }),
    'an object of coefficients by name',
    'expected an object of coefficients by name',
  ),
  formulas,
});

// ---------------------------------------------------------------------------------------------
// The parts whose shape is right, for the model's own check

function partsOf(value: Readonly<Record<string, unknown>>): ModelParts {
  const rawCoefficients = value['coefficients'];
  const rawFormulas = value['formulas'];
  const rawDrivers = value['drivers'];
  const sound: Record<string, RawCoefficient> = {};
  if (isRecord(rawCoefficients)) {
    for (const [name, entry] of Object.entries(rawCoefficients)) {
      const r = coefficient.safeParse(entry);
      if (r.success) sound[name] = r.data as RawCoefficient;
    }
  }
  const texts: Record<string, string> = {};
  if (isRecord(rawFormulas)) {
    for (const [name, text] of Object.entries(rawFormulas)) {
      if ((FORMULA_NAMES as readonly string[]).includes(name) && formula.safeParse(text).success)
        texts[name] = text as string;
    }
  }
  const name = value['name'];
  const description = value['description'];
  return {
    name: typeof name === 'string' ? name : '',
    ...(typeof description === 'string' ? { description } : {}),
    drivers: isRecord(rawDrivers)
      ? (Object.fromEntries(
          Object.entries(rawDrivers).filter(([, t]) => typeof t === 'string'),
        ) as Record<string, string>)
      : {},
    coefficientNames: isRecord(rawCoefficients) ? Object.keys(rawCoefficients) : null,
    coefficients: sound,
    formulaNames: isRecord(rawFormulas) ? Object.keys(rawFormulas) : [],
    formulas: texts,
    formulasWhole: formulas.safeParse(rawFormulas).success,
  };
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** Each zod issue as `PATH: message` (the message alone at the root). */
function lines(result: { readonly error?: z.ZodError | undefined }): string[] {
  return (result.error?.issues ?? []).map((issue) => {
    const path = issue.path.map(String).join('.');
    return path === '' ? issue.message : `${path}: ${issue.message}`;
  });
}

function isAmount(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A short rendering of a JSON value for "found ..." (strings quoted, long values cut). */
function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  const s = JSON.stringify(v) ?? typeof v;
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
