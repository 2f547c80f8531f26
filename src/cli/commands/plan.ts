import { basename, relative, resolve } from 'node:path';
import { checkOutputFolder } from '../../io/output-dir.js';
import { EXIT_CODES_HELP, type RegisterCommand } from '../program.js';
import { parseFormats } from '../formats.js';
import {
  formatOption,
  maxFailuresOption,
  maxListedOption,
  modelOption,
  nowOption,
  outageHoursOption,
  setOption,
} from '../shared-options.js';

export const registerPlan: RegisterCommand = (program, ctx, setExit) => {
  program
    .command('plan')
    .description(
      'Plan every failure scenario of an inventory: survival, rights, times, sizing; write reports',
    )
    .argument(
      '<inventory>',
      'folder of CSV files (complexes, cells, npars, packages; optional vpars, groups, managers)',
    )
    .option('-o, --out <dir>', 'output folder (default: reports/<inventory name>)')
    .addOption(formatOption())
    .addOption(maxFailuresOption())
    .addOption(outageHoursOption())
    .addOption(modelOption())
    .addOption(maxListedOption())
    .option(
      '--all-scenarios',
      'list every scenario (default: those that lose a package and the binding ones)',
    )
    .addOption(setOption())
    .addOption(nowOption())
    .addHelpText(
      'after',
      `
Examples:
  gicap plan data/mixed-estate --out reports/mixed
  gicap plan data/mixed-estate --max-failures 2 --format json --out reports/mixed-k2
  gicap plan data/seed-fig15 --set npars.server2/db2.active=4 --format md
${EXIT_CODES_HELP}`,
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
      const { summary, groups, comparison } = result.report;
      const lines = [
        `${result.report.inventory.name}: ${summary.scenarios} scenarios (up to ${opts.maxFailures} failure${opts.maxFailures === 1 ? '' : 's'}), ${summary.survived} survive, ${summary.lost} lose ${summary.packagesLost} package${summary.packagesLost === 1 ? '' : 's'} in all`,
        ...groups.map(
          (g) =>
            `  ${g.group}: sharing rights owned ${g.sharingRightsOwned}, required ${g.sharingRightsRequired}, minimum ${g.sharingRightsMinimum}: ${g.compliant ? 'compliant' : `NOT compliant (short by ${g.shortfall})`}`,
        ),
      ];
      const short = result.report.partitions.filter((p) => p.shortfall > 0);
      for (const p of short) {
        lines.push(
          `  ${p.complex}/${p.npar}${p.vpar === null ? '' : `/${p.vpar}`}: needs ${p.minimumInactiveCores} inactive cores, has ${p.inactiveCores} (short by ${p.shortfall}; binding: ${p.bindingScenario ?? '—'})`,
        );
      }
      if (comparison !== null) {
        lines.push(
          `  with ${comparison.changes.join(', ')}: ${comparison.flipped.length} scenario(s) flip (baseline ${comparison.baseline.lost} lose, now ${comparison.changed.lost})`,
        );
      }
      lines.push(`Wrote ${result.files.map((f) => relative(ctx.cwd, f) || f).join(', ')}`);
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
