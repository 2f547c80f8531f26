#!/usr/bin/env node
// The `gicap` binary: the only place that touches the process (argv, streams, signals, exit code).
import { removeTemporaries } from '../io/temp-registry.js';
import { runCli } from './run.js';

// `gicap … | head`: a closed pipe is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

// Ctrl-C or a kill: remove this run's temporaries (the earlier report set stays whole) and exit with
// the shell's code for the signal (128 + its number: 130, 143). Handlers run when the event loop is
// free, so a report set's swap (synchronous) is never cut in two by them (src/io/report-set.ts).
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
] as const) {
  process.on(signal, () => {
    removeTemporaries();
    process.exit(code);
  });
}
// Any other way out (an error, process.exit) leaves no temporary either.
process.on('exit', removeTemporaries);

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
});
