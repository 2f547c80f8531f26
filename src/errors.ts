/**
 * The one error type of gicap-planner. Every expected failure (bad input, bad usage, bad model file)
 * is a `GicapError` carrying the message to show and the process exit code. Anything else that is
 * thrown is a bug: the CLI maps it to exit 3 with "please report" and the stack (spec section 6).
 */
export const ExitCode = {
  /** Every scenario survives and every group is compliant. */
  Ok: 0,
  /** The plan was computed and has findings (a lost package, a non-compliant group). */
  Findings: 1,
  /** Bad input or usage; nothing was written. */
  Input: 2,
  /** Internal error: a bug. */
  Internal: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export class GicapError extends Error {
  readonly exitCode: ExitCode;
  /** Every problem found, one line each (e.g. `FILE:LINE:COLUMN: why`); `message` summarises them. */
  readonly lines: readonly string[];

  constructor(message: string, exitCode: ExitCode = ExitCode.Input, lines: readonly string[] = []) {
    super(message);
    this.name = 'GicapError';
    this.exitCode = exitCode;
    this.lines = lines.length > 0 ? lines : [message];
  }
}

/** A user-fixable input or usage problem (exit 2). */
export function inputError(message: string, lines: readonly string[] = []): GicapError {
  return new GicapError(message, ExitCode.Input, lines);
}
