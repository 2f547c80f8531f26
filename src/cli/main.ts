#!/usr/bin/env node
// The `gicap` binary: the only place that touches the process (argv, streams, exit code).
import { runCli } from './run.js';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
});
