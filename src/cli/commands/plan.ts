import { shownPath } from '../context.js';
import { basename, resolve } from 'node:path';
import { checkOutputFolder } from '../../io/output-dir.js';
import { helpAfter, wrapParagraph } from '../help.js';
import { PLAN_EXIT_MEANINGS, type RegisterCommand } from '../program.js';
import { parseFormats } from '../formats.js';
import {
  formatOption,
  INVENTORY_ARGUMENT,
  maxFailuresOption,
  maxListedOption,
  modelOption,
  nowOption,
  outageHoursOption,
  SET_CHANGE_HELP,
  setOption,
} from '../shared-options.js';

export const registerPlan: RegisterCommand = (program, ctx, setExit) => {
  program
    .command('plan')
    .description(
      'Plan every failure scenario of an inventory: survival, rights, times, sizing; write reports',
    )
    .argument('<inventory>', INVENTORY_ARGUMENT)
    .option('-o, --out <dir>', 'Output folder (default: reports/<inventory name>)')
    .addOption(formatOption())
    .addOption(maxFailuresOption())
    .addOption(outageHoursOption())
    .addOption(modelOption())
    .addOption(maxListedOption())
    .option(
      '--all-scenarios',
      'List every scenario (default: those that lose a package and the binding ones)',
    )
    .addOption(setOption())
    .addOption(nowOption())
    .addHelpText(
      'after',
      helpAfter({
        about: [wrapParagraph(SET_CHANGE_HELP)],
        examples: [
          'gicap plan data/mixed-estate --out reports/mixed',
          'gicap plan data/mixed-estate --max-failures 2 --format json --out reports/mixed-k2',
          'gicap plan data/seed-fig15 --set npars.server2/db2.active=4 --format md',
        ],
        exit: PLAN_EXIT_MEANINGS,
      }),
    )
    .action(async (inventory: string, opts: PlanOptions) => {
      const inventoryDir = resolve(ctx.cwd, inventory);
      const outArg = opts.out ?? `reports/${basename(inventoryDir)}`;
      // Before the engine even loads: a bad --out costs nothing (issue 14; runPlanJob checks too).
      checkOutputFolder(resolve(ctx.cwd, outArg), `--out ${outArg}`);
      const { runPlanJob } = await import('../pipeline.js');
      const result = await runPlanJob({
        inventoryDir,
        outDir: resolve(ctx.cwd, outArg),
        outLabel: `--out ${outArg}`,
        formats: parseFormats(opts.format),
        maxFailures: opts.maxFailures,
        outageHours: opts.outageHours,
        modelPath: opts.model === undefined ? undefined : resolve(ctx.cwd, opts.model),
        allScenarios: opts.allScenarios === true,
        maxListed: opts.maxListed,
        changes: opts.set ?? [],
        now: opts.now ?? null,
      });
      const { renderPlanText } = await import('../../report/plan-text.js');
      const lines = renderPlanText(result.report, { inventory });
      lines.push(`Wrote ${result.files.map((f) => shownPath(ctx, f)).join(', ')}`);
      ctx.stdout.write(`${lines.join('\n')}\n`);
      setExit(result.exitCode);
    });
};

interface PlanOptions {
  out?: string;
  format: string;
  maxFailures: number;
  outageHours: number;
  model?: string;
  allScenarios?: true;
  maxListed: number;
  set?: string[];
  now?: string;
}
