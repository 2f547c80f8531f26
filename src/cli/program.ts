/** The commander program: the commands, their options and the help text. */
import { Command } from 'commander';
import type { CliContext } from './context.js';
import { HELP_CONFIG, helpAfter, wrapParagraph, type ExitMeanings } from './help.js';
import { TOOL_VERSION } from './version.js';
import { registerBatch } from './commands/batch.js';
import { registerCalibrate } from './commands/calibrate.js';
import { registerGenerate } from './commands/generate.js';
import { registerInit } from './commands/init.js';
import { registerModel } from './commands/model.js';
import { registerOptimize } from './commands/optimize.js';
import { registerPlan } from './commands/plan.js';
import { registerValidate } from './commands/validate.js';
import { registerWhatIf } from './commands/what-if.js';

/**
 * Registers one command on the program; `setExit` records the exit code it ends with. A command
 * module imports its heavy modules (the engine and mathjs, the renderers and Vega, HiGHS) inside
 * its action, so `gicap --help`, `validate` and the main thread of `batch --jobs N` start fast.
 */
export type RegisterCommand = (
  program: Command,
  ctx: CliContext,
  setExit: (code: number) => void,
) => void;

/** What the exit codes mean for a command that plans (plan, batch and the program's own help). */
export const PLAN_EXIT_MEANINGS: ExitMeanings = {
  0: 'every scenario survives and every group is compliant',
  1: 'the plan was computed and has findings (a lost package, a non-compliant group)',
};

export function buildProgram(ctx: CliContext, setExit: (code: number) => void): Command {
  const program = new Command('gicap')
    .description(
      'Capacity planner for HP-UX Serviceguard estates on iCAP / GiCAP: failure scenarios, ' +
        'where each package goes, which rights move, failover time ranges, and sizing.',
    )
    .version(TOOL_VERSION, '-V, --version', 'Print the version number')
    .helpOption('-h, --help', 'Show this help')
    .helpCommand('help [command]', 'Show the help of a command')
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp(HELP_CONFIG)
    .addHelpText(
      'after',
      helpAfter({
        about: [
          wrapParagraph(
            'Start with gicap init DIR (a starter inventory to edit), then gicap validate DIR. ' +
              'The manual is in the repository: README.md, docs/inventory.md (every file and ' +
              'column) and docs/rules.md (every rule tag such as [X8] cited in the reports).',
          ),
        ],
        examples: [
          'gicap init my-estate',
          'gicap validate data/seed-fig15',
          'gicap plan data/mixed-estate --out reports/mixed --max-failures 2',
          'gicap what-if data/seed-fig15 --fail npar:server1/db1',
          'gicap what-if data/seed-fig15 --fail server1 --fail gm:g1 --format json',
          'gicap model',
          'gicap batch data/batch/runs.csv --out reports/batch     (exit 2: one run is invalid on purpose)',
          'gicap optimize data/mixed-estate --costs data/costs.csv --max-failures 2',
        ],
        exit: PLAN_EXIT_MEANINGS,
      }),
    );
  // Set before the commands are added: commander copies these settings to each subcommand then.
  program.exitOverride();
  program.configureOutput({
    writeOut: (s) => ctx.stdout.write(s),
    writeErr: (s) => ctx.stderr.write(s),
  });
  const registrations: RegisterCommand[] = [
    registerPlan,
    registerWhatIf,
    registerValidate,
    registerBatch,
    registerModel,
    registerCalibrate,
    registerOptimize,
    registerGenerate,
    registerInit,
  ];
  for (const register of registrations) register(program, ctx, setExit);
  return program;
}
