/**
 * The zod schemas of single cells, shared by every CSV file the tool reads (the inventory's files, a
 * runs file, a costs file, an observations file), so that the same fault is worded the same way in
 * each. A cell arrives as its trimmed text, `undefined` when empty ("not given"). Every issue message
 * is the user-facing text after `FILE:LINE:COLUMN: `, in the form `what is wrong (expected …, found …)`.
 */
import { z } from 'zod';
import { BOUNDS, formatBound, parseDecimal } from '../domain/bounds.js';
import { echo } from './echo.js';
import { likelyTypoOf } from '../text/names.js';

/** Assumption A-34: identifiers (names of complexes, cells, nPars, hosts, groups, packages, sites). */
export const ID_PATTERN = /^[A-Za-z0-9._-]+$/;
export const ID_EXPECTED = 'a name of letters, digits, ".", "_" or "-"';

export function missingValue(expected: string): string {
  return `missing value (expected ${expected}, found an empty cell)`;
}

export function invalidValue(expected: string, found: unknown): string {
  return `invalid value (expected ${expected}, found ${echo(found)})`;
}

/** A cell that must be given; an empty cell reports what was expected. */
export function given(expected: string) {
  return z.string({
    error: (iss) =>
      iss.input === undefined ? missingValue(expected) : invalidValue(expected, iss.input),
  });
}

/** A text check that stops the row's further checks (so row-level rules see only typed values). */
export function check(expected: string, ok: (s: string) => boolean) {
  return given(expected).refine(ok, {
    abort: true,
    error: (iss) => invalidValue(expected, iss.input),
  });
}

export const id = check(ID_EXPECTED, (s) => ID_PATTERN.test(s));

/**
 * Integer from `min` to `max` written as digits only: rejects decimals, text, signs and exponents.
 * Every number has an upper bound (domain/bounds.ts), so no total can leave the exact range of a double.
 */
export function wholeNumber(min: number, max: number) {
  return check(`a whole number from ${min} to ${formatBound(max)}`, (s) => {
    if (!/^\d+$/.test(s)) return false;
    const n = Number(s);
    return n >= min && n <= max;
  }).transform(Number);
}

/** Decimal number of seconds from 0 to BOUNDS.seconds (one day), with an optional decimal point. */
export const seconds = check(
  `a number of seconds from 0 to ${formatBound(BOUNDS.seconds)}`,
  (s) => {
    if (!/^\d+(\.\d+)?$/.test(s)) return false;
    return Number(s) <= BOUNDS.seconds;
  },
).transform(Number);

/**
 * One of fixed values, matched case-insensitively (assumption A-31: spreadsheets capitalise). With
 * `suggest`, a likely typo names the closest value (for long lists of long names: cost items, formulas).
 */
export function oneOf<const T extends string>(
  values: readonly T[],
  options: { readonly suggest?: boolean } = {},
) {
  const expected =
    values.length === 2 ? `${values[0]} or ${values[1]}` : `one of ${values.join(', ')}`;
  return given(expected)
    .refine((s) => (values as readonly string[]).includes(s.toLowerCase()), {
      abort: true,
      error: (iss) => {
        const found = String(iss.input);
        const near = options.suggest === true ? likelyTypoOf(found.toLowerCase(), values) : null;
        return near === null
          ? invalidValue(expected, found)
          : `invalid value (expected ${expected}, found ${echo(found)}; closest: ${near})`;
      },
    })
    .transform((s) => s.toLowerCase() as T);
}

export const yesNo = check('y or n', (s) => /^[yn]$/i.test(s)).transform(
  (s) => s.toLowerCase() === 'y',
);

/** A list of names separated by `;`, each once (package and cluster nodes, lock sites). */
export function nameList(expected: string, what: string) {
  return check(expected, (s) => s.split(';').every((n) => ID_PATTERN.test(n.trim())))
    .transform((s) => s.split(';').map((n) => n.trim()))
    .refine((names) => new Set(names).size === names.length, {
      abort: true,
      error: (iss) => {
        const names = iss.input as string[];
        const dup = names.find((n, i) => names.indexOf(n) !== i) ?? '';
        return `${what} ${echo(dup)} listed twice (expected each ${what} once, found ${echo(names.join(';'))})`;
      },
    });
}

/** Not given → `fallback`. */
export function withDefault<S extends z.ZodType<unknown, string>, F>(schema: S, fallback: F) {
  return schema.optional().transform((v) => (v === undefined ? fallback : (v as z.output<S>)));
}

/**
 * A decimal number from `min` to `max` (`above` excludes `min` itself): digits with an optional
 * decimal point, no sign or exponent. In a semicolon-delimited file a decimal comma is read as a
 * point (`1,5`): such files come from spreadsheets in locales that write numbers that way.
 */
export function decimal(
  expected: string,
  range: { readonly min: number; readonly max: number; readonly above?: boolean },
  decimalComma = false,
) {
  const value = (s: string): number | null => {
    const n = parseDecimal(decimalComma ? s.replace(',', '.') : s);
    return n !== null && n <= range.max && (range.above === true ? n > range.min : n >= range.min)
      ? n
      : null;
  };
  return check(expected, (s) => value(s) !== null).transform((s) => value(s) as number);
}
