/**
 * `gicap model [--model FILE] [--format text|json]`: print the timing model in effect (spec 3.4), as a
 * readable table (coefficients with their ranges in seconds and sources, every assumption marked;
 * the formulas; the drivers) or as a model file (JSON) to start a custom model from.
 */
import { basename, resolve } from 'node:path';
import type { TimingModel } from '../../domain/timing.js';
import { inputError } from '../../errors.js';
import { formatDecimal, textTable } from '../../text/table.js';
import { helpAfter } from '../help.js';
import type { RegisterCommand } from '../program.js';

const FORMATS = ['text', 'json'] as const;
type ModelFormat = (typeof FORMATS)[number];

/** The mark on a coefficient whose source is "assumption" (no published figure). */
export const ASSUMPTION_MARK = '*';

export const registerModel: RegisterCommand = (program, ctx, setExit) => {
  program
    .command('model')
    .description('Print the timing model in effect: coefficients, sources, formulas, drivers')
    .option('--model <file>', 'Timing model file (JSON) instead of the bundled one')
    .option('--format <format>', 'Text (a table) or json (a model file)', 'text')
    .addHelpText(
      'after',
      helpAfter({
        examples: [
          'gicap model',
          'gicap model --format json > my-model.json     (a copy to edit, then: --model my-model.json)',
          'gicap model --model my-model.json              (check a model file: exit 2 lists every problem)',
        ],
        exit: {
          0: 'the model was printed',
          2: 'bad model file or usage: every problem is listed on stderr',
        },
      }),
    )
    .action(async (opts: { model?: string; format: string }) => {
      const { DEFAULT_MODEL_PATH, formatTimingModel, loadTimingModel } =
        await import('../../io/load-model.js');
      const format = parseFormat(opts.format);
      const path = opts.model === undefined ? DEFAULT_MODEL_PATH : resolve(ctx.cwd, opts.model);
      const model = await loadTimingModel(path);
      // Without an inventory the model is judged over default driver ranges (the large estate of
      // spec 7); a plan judges it again over the ranges of the inventory planned.
      const { checkModelOverRanges } = await import('../../model/behaviour.js');
      const { DEFAULT_DRIVER_RANGES, describeRanges } =
        await import('../../model/driver-ranges.js');
      const problems = checkModelOverRanges(model, DEFAULT_DRIVER_RANGES);
      if (problems.length > 0) {
        const file = basename(path);
        throw inputError(
          `model file ${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'} over the default driver ranges (${describeRanges(DEFAULT_DRIVER_RANGES)})`,
          problems.map((p) => `${file}: ${p}`),
        );
      }
      const shown = opts.model ?? 'data/timing-model.json (bundled)';
      ctx.stdout.write(
        format === 'json' ? formatTimingModel(model) : renderModelText(model, shown),
      );
      setExit(0);
    });
};

function parseFormat(value: string): ModelFormat {
  if ((FORMATS as readonly string[]).includes(value)) return value as ModelFormat;
  throw inputError(`--format: "${value}" is not a format of gicap model (expected text or json)`);
}

/** The model as text: a coefficient table, a legend, the formulas and the drivers. */
export function renderModelText(model: TimingModel, file: string): string {
  const out: string[] = [`Timing model "${model.name}" from ${file}`];
  if (model.description !== undefined) out.push(model.description);
  out.push('', 'Coefficients (seconds)');
  const rows = Object.entries(model.coefficients).map(([name, c]) => [
    c.source === 'assumption' ? `${name} ${ASSUMPTION_MARK}` : name,
    formatDecimal(c.min),
    formatDecimal(c.typical),
    formatDecimal(c.max),
    c.source,
  ]);
  out.push(
    ...textTable(['coefficient', 'min', 'typical', 'max', 'source'], rows, {
      right: [1, 2, 3],
      freeLast: true,
    }),
  );
  const assumptions = Object.values(model.coefficients).filter(
    (c) => c.source === 'assumption',
  ).length;
  out.push(
    `${ASSUMPTION_MARK} assumption (${assumptions} of ${Object.keys(model.coefficients).length}): no published figure; replace it with a measured value (--model FILE) or fit it (gicap calibrate)`,
  );

  out.push('', 'Formulas (seconds; each evaluated with every coefficient at min, typical, max)');
  for (const [name, text] of Object.entries(model.formulas)) out.push(`  ${name} = ${text}`);

  const described = Object.entries(model.coefficients).filter(([, c]) => c.description);
  if (described.length > 0) {
    out.push('', 'What each coefficient is');
    const width = Math.max(...described.map(([n]) => n.length));
    for (const [name, c] of described) out.push(`  ${name.padEnd(width)}  ${c.description ?? ''}`);
  }
  const drivers = Object.entries(model.drivers);
  if (drivers.length > 0) {
    out.push('', 'Drivers (counted in each scenario)');
    const width = Math.max(...drivers.map(([n]) => n.length));
    for (const [name, text] of drivers) out.push(`  ${name.padEnd(width)}  ${text}`);
  }
  return `${out.join('\n')}\n`;
}
