/**
 * `gicap calibrate OBSERVATIONS.csv --out FILE [--model FILE] [--formula NAME] [--fix NAME,...]`:
 * fit the timing model to measured failovers (spec 3.4) and write the calibrated model file. Prints
 * the fitted coefficients (old typical → fitted, new range), the residual of every observation, R²
 * and RMSE. Exit 2, with the reason, when the observations cannot determine the coefficients.
 */
import { basename, resolve } from 'node:path';
import type { FormulaName } from '../../domain/timing.js';
import { FORMULA_NAMES } from '../../domain/timing.js';
import type { Calibration } from '../../model/calibrate.js';
import { inputError } from '../../errors.js';
import { checkOutputFile } from '../../io/output-dir.js';
import { writeFileAtomic } from '../../io/report-set.js';
import { formatDecimal, textTable } from '../../text/table.js';
import { helpAfter, wrapParagraph } from '../help.js';
import type { RegisterCommand } from '../program.js';

interface CalibrateOptions {
  out: string;
  model?: string;
  formula?: string;
  fix?: string[];
}

export const registerCalibrate: RegisterCommand = (program, ctx, setExit) => {
  program
    .command('calibrate')
    .description(
      'Fit the timing model to measured failover times (least squares); write a calibrated model',
    )
    .argument('<observations>', 'CSV: formula, seconds, and one column per driver count')
    .requiredOption('--out <file>', 'Where to write the calibrated model (JSON)')
    .option('--model <file>', 'Model to start from instead of the bundled one')
    .option('--formula <name>', `Fit only the rows of one formula (${FORMULA_NAMES.join(', ')})`)
    .option(
      '--fix <names>',
      'Coefficients to hold at their model values, comma separated (repeatable)',
      (value: string, previous: string[] | undefined) => [
        ...(previous ?? []),
        ...value
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== ''),
      ],
    )
    .addHelpText(
      'after',
      helpAfter({
        about: [
          wrapParagraph(
            'Observations: one row per measured failover, with the formula measured ' +
              `(${FORMULA_NAMES.slice(0, -1).join(', ')} or ${FORMULA_NAMES[FORMULA_NAMES.length - 1] ?? ''}), the measured seconds, ` +
              'and the driver counts of that failover (a missing driver column counts 0). Rows of ' +
              'several formulas are fitted together.',
          ),
        ],
        examples: [
          'gicap calibrate data/observations-example.csv --out my-model.json',
          'gicap calibrate data/observations-example.csv --formula gm_takeover --out my-model.json',
          'gicap calibrate data/observations-example.csv --fix sg_failover --out my-model.json',
          'gicap plan data/seed-fig15 --model my-model.json',
        ],
        exit: {
          0: 'the model was fitted and written',
          2: 'bad input or usage, or the observations cannot determine the coefficients (too few rows, collinear drivers): nothing is written',
        },
      }),
    )
    .action(async (observationsArg: string, opts: CalibrateOptions) => {
      // The output file first: a bad --out costs no fit (issue 14).
      const outPath = resolve(ctx.cwd, opts.out);
      const outFolder = checkOutputFile(outPath, `--out ${opts.out}`);
      const [
        { calibrateModel },
        { DEFAULT_MODEL_PATH, formatTimingModel, loadTimingModel },
        { loadObservations },
      ] = await Promise.all([
        import('../../model/calibrate.js'),
        import('../../io/load-model.js'),
        import('../../io/load-observations.js'),
      ]);
      const formula = parseFormula(opts.formula);
      const modelPath =
        opts.model === undefined ? DEFAULT_MODEL_PATH : resolve(ctx.cwd, opts.model);
      const model = await loadTimingModel(modelPath);
      const obsPath = resolve(ctx.cwd, observationsArg);
      const file = basename(obsPath);
      const all = await loadObservations(obsPath);
      const rows = formula === null ? all : all.filter((o) => o.formula === formula);
      if (rows.length === 0) {
        throw inputError(`${file}: no observations of ${formula ?? 'any formula'} to fit`);
      }
      const outcome = calibrateModel(model, rows, { source: file, fix: opts.fix ?? [] });
      if (!outcome.ok) {
        throw inputError(
          `cannot calibrate model "${model.name}" to ${file}`,
          outcome.errors.map((e) => `${file}: ${e}`),
        );
      }
      writeFileAtomic(outFolder, basename(outPath), formatTimingModel(outcome.value.model));
      const ignored = all.length - rows.length;
      ctx.stdout.write(
        renderCalibration(outcome.value, {
          model: model.name,
          file,
          out: opts.out,
          ignored:
            ignored > 0 ? `${ignored} rows of other formulas ignored (--formula ${formula})` : null,
        }),
      );
      setExit(0);
    });
};

function parseFormula(value: string | undefined): FormulaName | null {
  if (value === undefined) return null;
  if ((FORMULA_NAMES as readonly string[]).includes(value)) return value as FormulaName;
  throw inputError(
    `--formula: "${value}" is not a formula of the model (expected ${FORMULA_NAMES.join(', ')})`,
  );
}

/** The calibration report: fitted coefficients, held ones, residuals, fit quality, notes. */
export function renderCalibration(
  c: Calibration,
  info: { model: string; file: string; out: string; ignored: string | null },
): string {
  const count = c.observations.length;
  const perFormula = Object.entries(c.rows)
    .map(([f, n]) => `${f} ${n}`)
    .join(', ');
  const out: string[] = [
    `Calibrating model "${info.model}" to ${info.file}: ${count} observations (${perFormula})`,
  ];
  if (info.ignored !== null) out.push(info.ignored);

  out.push('', 'Fitted coefficients (seconds)');
  out.push(
    ...textTable(
      ['coefficient', 'was typical', 'fitted', 'new min', 'new max', 'was range'],
      c.fitted.map((f) => [
        f.clamped ? `${f.name} (clamped)` : f.name,
        formatDecimal(f.before.typical),
        formatDecimal(f.typical),
        formatDecimal(f.min),
        formatDecimal(f.max),
        `${formatDecimal(f.before.min)}–${formatDecimal(f.before.max)}`,
      ]),
      { right: [1, 2, 3, 4] },
    ),
  );
  const fixed = c.held.filter((h) => h.why === 'fixed').map((h) => h.name);
  const unused = c.held.filter((h) => h.why === 'not-identifiable').map((h) => h.name);
  if (fixed.length > 0) out.push(`Held with --fix: ${fixed.join(', ')}`);
  if (unused.length > 0)
    out.push(`Kept at model values (no observation depends on them): ${unused.join(', ')}`);

  out.push('', 'Observations (seconds)');
  out.push(
    ...textTable(
      ['line', 'formula', 'measured', 'fitted', 'residual'],
      c.observations.map((o) => [
        String(o.line),
        o.formula,
        formatDecimal(o.measured),
        formatDecimal(o.predicted),
        formatDecimal(o.residual),
      ]),
      { right: [0, 2, 3, 4] },
    ),
  );
  out.push(
    '',
    `Fit: R² ${c.r2 === null ? 'n/a (every measurement is equal)' : c.r2.toFixed(4)}, RMSE ${c.rmse.toFixed(3)} s over ${count} observations`,
  );
  if (c.notes.length > 0) {
    out.push('', 'Notes');
    for (const n of c.notes) out.push(`  - ${n}`);
  }
  out.push(
    '',
    `Wrote ${info.out} (model "${c.model.name}"; typical = the fit, min/max cover every observation).`,
    `Use it with --model ${info.out}, e.g. gicap model --model ${info.out}`,
  );
  return `${out.join('\n')}\n`;
}
