/**
 * The CLI's single exit point (style.md practice 5): build the commander program, run the command,
 * and map every error to an exit code here: `GicapError` → its code (2 for input/usage) with its
 * lines on stderr; commander usage errors → 2; anything else → 3 with "please report" and the stack.
 */
import type { Command } from 'commander';
import { CommanderError } from 'commander';
import { ExitCode, GicapError } from '../errors.js';
import type { CliContext } from './context.js';
import { buildProgram } from './program.js';

export async function runCli(argv: readonly string[], ctx: CliContext): Promise<number> {
  let exitCode: number = ExitCode.Ok;
  const program: Command = buildProgram(ctx, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (err) {
    return reportError(err, ctx);
  }
}

function reportError(err: unknown, ctx: CliContext): number {
  if (err instanceof CommanderError) {
    // Help and version are not errors; commander has already printed them.
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version')
      return ExitCode.Ok;
    if (err.code === 'commander.help') return ExitCode.Ok;
    return ExitCode.Input;
  }
  if (err instanceof GicapError) {
    for (const line of err.lines) ctx.stderr.write(`${line}\n`);
    if (err.lines.length > 1) ctx.stderr.write(`${err.message}\n`);
    return err.exitCode;
  }
  const stack = err instanceof Error ? (err.stack ?? err.message) : String(err);
  ctx.stderr.write(
    `gicap: internal error — this is a bug, please report it with the command you ran.\n${stack}\n`,
  );
  return ExitCode.Internal;
}
