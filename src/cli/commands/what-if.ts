import { resolve } from 'node:path';
import { Option } from 'commander';
import { inputError } from '../../errors.js';
import type { PlanParams } from '../../engine/index.js';
import { collect } from '../options.js';
import { helpAfter, wrapParagraph } from '../help.js';
import {
  INVENTORY_ARGUMENT,
  modelOption,
  outageHoursOption,
  SET_CHANGE_HELP,
  setOption,
} from '../shared-options.js';
import type { RegisterCommand } from '../program.js';
import { TOOL } from '../version.js';

export const registerWhatIf: RegisterCommand = (program, ctx, setExit) => {
  program
    .command('what-if')
    .description(
      'Explain one failure scenario step by step: who fails, where packages go, which rights move, how long',
    )
    .argument('<inventory>', INVENTORY_ARGUMENT)
    // Required, so the help says so and commander refuses its absence (exit 2) like any missing
    // required option; no default, or commander would print `(default: [])`.
    .addOption(
      new Option(
        '--fail <unit>',
        'A failed unit: complex:C, npar:C/N, vpar:C/N/V, site:S, host:H, gm:GROUP, or a bare host, complex or site name (repeatable)',
      )
        .argParser(collect)
        .makeOptionMandatory(),
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
        about: [wrapParagraph(SET_CHANGE_HELP)],
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
      // Required: commander refuses a what-if without --fail before this runs.
      const fail = opts.fail ?? [];
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
