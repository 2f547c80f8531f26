/**
 * `gicap optimize INVENTORY --costs FILE`: the least-cost purchase (inactive cores per nPar, core
 * usage rights per complex, TiCAP units, sharing rights) that makes every scenario of the set
 * survive, solved as a mixed-integer program with HiGHS and confirmed by re-running the engine
 * (spec 4, "Beyond sizing"). Exit 0 when the purchase (possibly empty) saves every scenario, 1 when
 * some losses no purchase can undo or the purchase could not be confirmed, 2 on bad input.
 */
import { shownPath } from '../context.js';
import { resolve } from 'node:path';
import { inputError } from '../../errors.js';
import { checkOutputFolder } from '../../io/output-dir.js';
import { helpAfter, wrapParagraph } from '../help.js';
import type { RegisterCommand } from '../program.js';
import {
  INVENTORY_ARGUMENT,
  maxFailuresOption,
  outageHoursOption,
  SET_CHANGE_HELP,
  setOption,
} from '../shared-options.js';
import { TOOL } from '../version.js';

const FORMATS = ['text', 'json', 'md'] as const;
type OptimizeFormat = (typeof FORMATS)[number];

interface OptimizeOptions {
  costs: string;
  maxFailures: number;
  outageHours: number;
  out?: string;
  format: string;
  set?: string[];
}

export const registerOptimize: RegisterCommand = (program, ctx, setExit) => {
  program
    .command('optimize')
    .description(
      'Least-cost purchase (inactive cores, core rights, TiCAP units, sharing rights) that makes every scenario survive',
    )
    .argument('<inventory>', INVENTORY_ARGUMENT)
    .requiredOption(
      '--costs <file>',
      'CSV of unit prices: item,unit_cost rows for inactive_core, core_right, sharing_right, ticap_unit; optional max_cores rows (npar, max_cores)',
    )
    .addOption(maxFailuresOption())
    .addOption(outageHoursOption())
    .addOption(setOption())
    .option('-o, --out <dir>', 'Also write purchase.md, purchase.json and purchase.csv there')
    .option('-f, --format <format>', 'What to print: text, json or md', 'text')
    .addHelpText(
      'after',
      helpAfter({
        about: [
          wrapParagraph(
            'The purchase is the optimum of a mixed-integer program (one feasibility block per ' +
              'scenario that loses a package today, over the same purchase variables), solved ' +
              'exactly with HiGHS, then applied to the inventory and checked by re-running every ' +
              'scenario with the engine. Losses no purchase can undo are listed, not treated as ' +
              'errors: those gicap plan counts as such (no node of the package up, a static vPar or ' +
              'one at its max, its cluster halted, auto_run off, no eligible node, a dependency on ' +
              'such a loss), and a package whose nodes are nPars already at their max cores.',
          ),
          [
            'Costs file (prices in relative units; a max_cores row bounds an nPar), e.g.:',
            '  item,unit_cost,npar,max_cores,note',
            '  inactive_core,1000,,,',
            '  core_right,3000,,,',
            '  sharing_right,400,,,',
            '  ticap_unit,600,,,',
            '  max_cores,,server2/db2,16,the cells of db2 hold at most 16 cores',
          ].join('\n'),
          wrapParagraph(SET_CHANGE_HELP),
        ],
        examples: [
          'gicap optimize data/mixed-estate --costs data/costs.csv',
          'gicap optimize data/mixed-estate --costs data/costs.csv --max-failures 2 --out reports/purchase',
          'gicap optimize data/seed-fig15 --costs data/costs.csv --format json',
          'gicap optimize data/seed-fig15 --costs data/costs.csv --set groups.g1.sharing_rights=10',
        ],
        exit: {
          0: 'the purchase shown (possibly nothing) makes every scenario survive',
          1: 'some scenarios lose packages no purchase can save, or the purchase could not be confirmed',
        },
      }),
    )
    .action(async (inventory: string, opts: OptimizeOptions) => {
      const format = parseFormat(opts.format);
      // The output folder before solving anything: a bad --out costs nothing (issue 14).
      const outFolder =
        opts.out === undefined
          ? null
          : checkOutputFolder(resolve(ctx.cwd, opts.out), `--out ${opts.out}`);
      const [
        { optimizePurchase },
        { createHighsSolver },
        { loadCosts },
        { loadInventory },
        { writeOutputs },
        purchase,
      ] = await Promise.all([
        import('../../engine/index.js'),
        import('../../io/highs.js'),
        import('../../io/load-costs.js'),
        import('../../io/load-inventory.js'),
        import('../../io/write-output.js'),
        import('../../report/purchase.js'),
      ]);
      const { renderPurchaseCsv, renderPurchaseJson, renderPurchaseMarkdown, renderPurchaseText } =
        purchase;
      const changes = opts.set ?? [];
      const inv = await loadInventory(resolve(ctx.cwd, inventory), { changes });
      const costs = await loadCosts(resolve(ctx.cwd, opts.costs), inv);
      const solver = await createHighsSolver();
      const result = optimizePurchase(
        inv,
        costs,
        { maxFailures: opts.maxFailures, outageHours: opts.outageHours, tool: TOOL, changes },
        solver.solve,
      );
      const renderOpts = { inventoryArg: inventory };
      let wrote: string | null = null;
      if (outFolder !== null) {
        const files = writeOutputs(
          outFolder,
          [
            { name: 'purchase.md', content: renderPurchaseMarkdown(result, renderOpts) },
            { name: 'purchase.json', content: renderPurchaseJson(result) },
            { name: 'purchase.csv', content: renderPurchaseCsv(result) },
          ],
          {
            tool: TOOL,
            command: 'optimize',
            inventory: result.inventory,
            parameters: { maxFailures: opts.maxFailures, outageHours: opts.outageHours },
          },
          { legacyNames: ['purchase.md', 'purchase.json', 'purchase.csv'] },
        );
        wrote = `Wrote ${files.map((f) => shownPath(ctx, f)).join(', ')}\n`;
      }
      ctx.stdout.write(
        format === 'json'
          ? renderPurchaseJson(result)
          : format === 'md'
            ? renderPurchaseMarkdown(result, renderOpts)
            : renderPurchaseText(result, { ...renderOpts, solveSeconds: solver.stats.seconds }),
      );
      // Keep stdout parseable for json and md.
      if (wrote !== null) (format === 'text' ? ctx.stdout : ctx.stderr).write(wrote);
      setExit(result.confirmed && result.unsaveable.length === 0 ? 0 : 1);
    });
};

function parseFormat(value: string): OptimizeFormat {
  const f = value.trim().toLowerCase();
  if ((FORMATS as readonly string[]).includes(f)) return f as OptimizeFormat;
  throw inputError(`--format ${value}: unknown format (expected ${FORMATS.join(', ')})`);
}
