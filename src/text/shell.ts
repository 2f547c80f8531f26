/**
 * Commands the tool prints for a planner to copy (the next command, optimize's check command) must
 * run as printed in a POSIX shell: a `--set` value such as `lock_site=dc-a;dc-b` would otherwise end
 * the command at its `;`.
 */

/** One argument as a shell reads it: as is when it holds only plain characters, else single-quoted. */
export function shellArg(arg: string): string {
  if (/^[A-Za-z0-9._/=:,+@%-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}
