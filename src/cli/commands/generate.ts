/**
 * `gicap generate --size S --seed N --out DIR [--count K]`: write a seeded synthetic estate as an
 * inventory folder (spec section 7), or K of them (DIR/estate-001 … with seeds N … N+K−1) for batch
 * benchmarks. The same size and seed always write byte-identical files, so a benchmark figure can be
 * reproduced from its command line alone.
 */
import { join, resolve } from 'node:path';
import { InvalidArgumentError, Option } from 'commander';
import { ExitCode, inputError } from '../../errors.js';
import { generateEstate } from '../../generate/estate.js';
import { ESTATE_SIZE_NAMES, ESTATE_SIZES, type EstateSize } from '../../generate/sizes.js';
import { checkOutputFolder } from '../../io/output-dir.js';
import { writeOutputs, type OutputFile } from '../../io/write-output.js';
import { helpAfter, wrapParagraph } from '../help.js';
import { TOOL } from '../version.js';
import type { RegisterCommand } from '../program.js';

const MAX_SEED = 0xffffffff;
const MAX_COUNT = 1000;

const HELP_AFTER = helpAfter({
  about: [
    [
      'Sizes (every count is exact, whatever the seed):',
      '          complexes  nPars  vPars  groups  managers  sites  packages',
      '  small           4     12      8       1         2      2        20',
      '  medium         16     64     96       4         8      2       150',
      '  large          64    256    512       8        16      4       600',
    ].join('\n'),
    wrapParagraph(
      'DIR holds one set: its run.json names the files written; the files of an earlier ' +
        'generate into DIR are replaced (and removed when not written again); nothing changes ' +
        'if any write fails.',
    ),
  ],
  examples: [
    'gicap generate --size large --seed 1 --out estates/large-1',
    'gicap generate --size small --seed 7 --out estates/small-7 && gicap validate estates/small-7',
    'gicap generate --size small --seed 100 --count 5 --out estates/small     (estate-001 … estate-005, seeds 100 … 104)',
    'gicap batch estates/small --out reports/small',
  ],
  exit: { 0: 'the estate was written' },
});

function parseSeed(value: string): number {
  if (!/^\d+$/.test(value.trim())) {
    throw new InvalidArgumentError(
      `expected a whole number from 0 to ${MAX_SEED}, found "${value}"`,
    );
  }
  const n = Number(value);
  if (n > MAX_SEED) {
    throw new InvalidArgumentError(`expected a whole number from 0 to ${MAX_SEED}, found ${n}`);
  }
  return n;
}

function parseCount(value: string): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!(n >= 1 && n <= MAX_COUNT)) {
    throw new InvalidArgumentError(
      `expected a whole number from 1 to ${MAX_COUNT}, found "${value}"`,
    );
  }
  return n;
}

interface GenerateOptions {
  readonly size: EstateSize;
  readonly seed: number;
  readonly out: string;
  readonly count?: number;
}

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : one.endsWith('x') ? 'es' : 's'}`;
}

/** One line describing what a size holds, from the size table. */
function describeSize(size: EstateSize): string {
  const s = ESTATE_SIZES[size];
  return [
    plural(s.complexes, 'complex'),
    plural(s.complexes * s.nparsPerComplex, 'nPar'),
    plural(s.vpars, 'vPar'),
    plural(s.groups, 'group'),
    plural(s.managers, 'manager'),
    plural(s.sites, 'site'),
    plural(s.packages, 'package'),
  ].join(', ');
}

function estateFiles(size: EstateSize, seed: number, folder: string): OutputFile[] {
  const files = generateEstate(size, seed);
  return Object.entries(files).map(([name, content]) => ({
    name: folder === '' ? name : `${folder}/${name}`,
    content,
  }));
}

export const registerGenerate: RegisterCommand = (program, ctx, setExit) => {
  program
    .command('generate')
    // Usage errors must reach run.ts (exit 2): commander's default here would exit the process with 1.
    .exitOverride()
    .summary('Write a seeded synthetic estate (small, medium, large) as an inventory folder')
    .description(
      'Write a realistic synthetic estate as an inventory folder of CSV files, for benchmarks and ' +
        'trials: cellular and Superdome 2 complexes, vPars, GiCAP groups with active and standby ' +
        'Group Managers, TiCAP balances and Serviceguard packages with their failover nodes. The ' +
        'same size and seed always give byte-identical files.',
    )
    .addOption(
      new Option('--size <size>', 'Estate size').choices(ESTATE_SIZE_NAMES).default('large'),
    )
    .option('--seed <n>', `Seed of the generator, 0 to ${MAX_SEED}`, parseSeed, 1)
    .requiredOption('--out <dir>', 'Inventory folder to write (with --count: their parent folder)')
    .option(
      '--count <n>',
      `Write N estates DIR/estate-001 … with seeds seed … seed+N-1 (1 to ${MAX_COUNT})`,
      parseCount,
    )
    .addHelpText('after', HELP_AFTER)
    .action((opts: GenerateOptions) => {
      const count = opts.count ?? 1;
      if (opts.seed + count - 1 > MAX_SEED) {
        throw inputError(
          `--seed ${opts.seed} with --count ${count} goes past the last seed ${MAX_SEED} (expected seed + count - 1 <= ${MAX_SEED})`,
        );
      }
      // The output folder before generating: a bad --out costs nothing (issue 14).
      const folder = checkOutputFolder(resolve(ctx.cwd, opts.out), `--out ${opts.out}`);
      const width = Math.max(3, String(count).length);
      const estates = Array.from({ length: count }, (_, i) => ({
        seed: opts.seed + i,
        folder: opts.count === undefined ? '' : `estate-${String(i + 1).padStart(width, '0')}`,
      }));
      const files = estates.flatMap((e) => estateFiles(opts.size, e.seed, e.folder));
      writeOutputs(folder, files, {
        tool: TOOL,
        command: 'generate',
        inventory: null,
        parameters: { size: opts.size, seed: opts.seed, count },
      });
      for (const e of estates) {
        const shown = e.folder === '' ? opts.out : join(opts.out, e.folder);
        ctx.stdout.write(`wrote ${shown}: ${opts.size} estate, seed ${e.seed}\n`);
      }
      ctx.stdout.write(`each: ${describeSize(opts.size)}\n`);
      setExit(ExitCode.Ok);
    });
};
