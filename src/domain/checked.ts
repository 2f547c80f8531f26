/**
 * What every parser of a user file returns (the inventory, a runs file, a costs file, an observations
 * file, a timing model), and the calibration, which can refuse too: the checked value, or every
 * problem found, one line each as the user reads it (`FILE:LINE:COLUMN: why` for CSV files,
 * `FILE: PATH: why` for the model). Parsers are pure and never throw for bad input; the loader that
 * read the file turns a refusal into an exit-2 error.
 */
export type Checked<T> =
  | { readonly ok: true; readonly value: T; readonly errors?: never }
  | { readonly ok: false; readonly errors: readonly string[]; readonly value?: never };

export function accepted<T>(value: T): Checked<T> {
  return { ok: true, value };
}

/** A refusal: `errors` must not be empty (a refusal without a reason would print nothing). */
export function refused<T = never>(errors: readonly string[]): Checked<T> {
  if (errors.length === 0) throw new Error('internal: a refusal with no problem');
  return { ok: false, errors };
}
