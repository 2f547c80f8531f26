/**
 * `gicap init DIR`: write a starter inventory to edit (issue 12 point 1): the bundled
 * `data/starter/` folder, a small valid estate with every file the loader reads, and a README.md
 * in it explaining each column (CSV has no comment syntax, so the CSVs stay plain and valid).
 * Refuses a DIR that exists and is not empty (exit 2): nothing of the user's is overwritten.
 */
import { shownPath } from '../context.js';
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { ExitCode, inputError } from '../../errors.js';
import { checkOutputFolder } from '../../io/output-dir.js';
import { listEntries, pathKind, readText } from '../../io/read-text.js';
import { writeFileAtomic } from '../../io/report-set.js';
import { helpAfter, wrapParagraph } from '../help.js';
import type { RegisterCommand } from '../program.js';

/** The starter inventory shipped with the package (package.json `files` includes data/). */
export const STARTER_DIR = fileURLToPath(new URL('../../../data/starter/', import.meta.url));

export const registerInit: RegisterCommand = (program, ctx, setExit) => {
  program
    .command('init')
    .description(
      'Write a starter inventory to edit: a small valid estate with every file, and a README.md ' +
        'in it that explains each column',
    )
    .argument('<dir>', 'Folder to create (it must not exist, or be empty)')
    .addHelpText(
      'after',
      helpAfter({
        about: [
          wrapParagraph(
            'The starter has two cellular complexes in two sites, one GiCAP group with an ' +
              'external Group Manager and a standby, two vPars and four packages. Edit the CSV ' +
              'files (any spreadsheet will do), then check them with gicap validate DIR. Every ' +
              'file and column is documented in docs/inventory.md.',
          ),
        ],
        examples: ['gicap init my-estate && gicap validate my-estate', 'gicap plan my-estate'],
        exit: {
          0: 'the starter inventory was written',
          2: 'DIR is not empty or is a file: nothing is written',
        },
      }),
    )
    .action(async (dirArg: string) => {
      const dir = resolve(ctx.cwd, dirArg);
      const kind = await pathKind(dir);
      if (kind === 'file') {
        throw inputError(`${dirArg}: is a file (expected a folder to create, or an empty one)`);
      }
      if (kind === 'folder' && (await readdir(dir)).length > 0) {
        throw inputError(
          `${dirArg}: folder is not empty (expected a new or empty folder; gicap init never overwrites files)`,
        );
      }
      const folder = checkOutputFolder(dir, dirArg);
      const names = (await listEntries(STARTER_DIR))
        .filter((e) => e.kind === 'file')
        .map((e) => e.name);
      // Plain files, each written atomically: an inventory is the user's, so no run.json manifest.
      for (const name of names) {
        writeFileAtomic(folder, name, await readText(resolve(STARTER_DIR, name)));
      }
      const shown = shownPath(ctx, dir);
      ctx.stdout.write(
        `Wrote ${shown}/: ${names.join(', ')}\n` +
          `Next: read ${shown}/README.md, edit the CSV files, then run gicap validate ${shown}\n`,
      );
      setExit(ExitCode.Ok);
    });
};
