import { resolve } from 'node:path';
import { inputError } from '../../errors.js';
import type { PlanParams } from '../../engine/index.js';
import { collect } from '../options.js';
import { helpAfter } from '../help.js';
import { modelOption, outageHoursOption, setOption } from '../shared-options.js';
import type { RegisterCommand } from '../program.js';
import { TOOL } from '../version.js';

export const registerWhatIf: RegisterCommand = (program, ctx, setExit) => {
  program
    .command('what-if')
    .description(
      'Explain one failure scenario step by step: who fails, where packages go, which rights move, how long',
    )
    .argument('<inventory>', 'Inventory folder')
    // No default: commander would print `(default: [])`; an absent --fail is refused below.
    .option(
      '--fail <unit>',
      'A failed unit: complex:C, npar:C/N, vpar:C/N/V, site:S, host:H, gm:GROUP, or a bare host, complex or site name (repeatable)',
      collect,
    )
    .addOption(setOption())
    .option(
      '--format <format>',
      'Text (a story for the terminal) or json (the report.json document)',
      'text',
    )
    .addOption(outageHoursOption())
    .addOption(modelOption())
    .addHelpText(
      'after',
      helpAfter({
        examples: [
          'gicap what-if data/seed-fig15 --fail npar:server1/db1',
          'gicap what-if data/seed-fig15 --fail db1 --fail gm:g1',
          'gicap what-if data/mixed-estate --fail gm:gA --fail npar:east-sd1/np-db',
          'gicap what-if data/seed-fig15 --fail db1 --set cells.server2/c1.cores=2 --format json',
        ],
        exit: { 0: 'the scenario survives', 1: 'the scenario loses a package' },
      }),
    )
    .action(async (inventory: string, opts: WhatIfOptions) => {
      const [{ planWhatIf }, { loadInventory }, { loadTimingModel }] = await Promise.all([
        import('../../engine/index.js'),
        import('../../io/load-inventory.js'),
        import('../../io/load-model.js'),
      ]);
      const [{ renderJson }, { renderWhatIfText }] = await Promise.all([
        import('../../report/json.js'),
        import('../../report/what-if-text.js'),
      ]);
      if (opts.format !== 'text' && opts.format !== 'json') {
        throw inputError(`--format ${opts.format}: unknown format (expected text or json)`);
      }
      const fail = opts.fail ?? [];
      if (fail.length === 0)
        throw inputError('what-if needs at least one --fail UNIT (see gicap what-if --help)');
      const model = await loadTimingModel(
        opts.model === undefined ? undefined : resolve(ctx.cwd, opts.model),
      );
      const inv = await loadInventory(resolve(ctx.cwd, inventory), { changes: opts.set ?? [] });
      const params: PlanParams = {
        maxFailures: fail.length,
        outageHours: opts.outageHours,
        model,
        allScenarios: false,
        changes: opts.set ?? [],
        now: null,
        tool: TOOL,
      };
      const report = planWhatIf(inv, params, fail);
      ctx.stdout.write(opts.format === 'json' ? renderJson(report) : renderWhatIfText(report));
      setExit(report.summary.lost > 0 ? 1 : 0);
    });
};

interface WhatIfOptions {
  fail?: string[];
  set?: string[];
  format: string;
  outageHours: number;
  model?: string;
}
