import { isAbsolute, relative } from 'node:path';

/** What a command may touch: two output streams and the working folder. */
export interface OutStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface CliContext {
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  readonly cwd: string;
}

/** What a command hands back: the exit code (0 clean, 1 findings). Output is written as it goes. */
export type CommandResult = Promise<number>;

/**
 * A path as a message shows it: relative to the working folder when it lies under it (`reports/x`),
 * otherwise absolute (`/tmp/x`, not `../../tmp/x`); the working folder itself is `.`.
 */
export function shownPath(ctx: CliContext, path: string): string {
  const rel = relative(ctx.cwd, path);
  if (rel === '') return '.';
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}
