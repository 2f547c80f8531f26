/**
 * Issue 14, files as the file system gives them, and one readable line per problem: symbolic links,
 * a folder where a file should be, mixed line ends, a row with too many fields, an unterminated quote
 * in a header, invisible characters and huge cells in an echoed value, batch run names that differ
 * only by case, a symlinked inventory in a batch folder.
 */
import { mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GicapError } from '../../src/errors.js';
import { echo, echoName } from '../../src/io/echo.js';
import { loadInventory, parseInventory } from '../../src/io/load-inventory.js';
import { BASE, withLine, type Files, errorsOf } from './inventory-fixture.js';
import { runGicap } from '../helpers/run-cli.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'gicap-files-'));

function writeInventory(dir: string, files: Files = BASE): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}

async function problemsOf(dir: string): Promise<string[]> {
  try {
    await loadInventory(dir);
    return [];
  } catch (err) {
    if (err instanceof GicapError) return [...err.lines];
    throw err;
  }
}

describe('symbolic links', () => {
  it('an inventory whose CSV files are links to files elsewhere loads like the files', async () => {
    const root = tmp();
    const real = join(root, 'real');
    const linked = join(root, 'linked');
    writeInventory(real);
    mkdirSync(linked);
    for (const name of Object.keys(BASE)) symlinkSync(join(real, name), join(linked, name));
    const a = await loadInventory(real);
    const b = await loadInventory(linked);
    expect({ ...b, name: 'x' }).toEqual({ ...a, name: 'x' });
  });

  it('a link to a folder of CSV files is an inventory', async () => {
    const root = tmp();
    writeInventory(join(root, 'real'));
    symlinkSync(join(root, 'real'), join(root, 'via-link'));
    expect((await loadInventory(join(root, 'via-link'))).complexes).toHaveLength(2);
  });

  it('a link to nothing is one clear line on its name', async () => {
    const dir = join(tmp(), 'inv');
    writeInventory(dir);
    const { rmSync } = await import('node:fs');
    rmSync(join(dir, 'groups.csv'));
    symlinkSync(join(dir, 'gone.csv'), join(dir, 'groups.csv'));
    expect(await problemsOf(dir)).toEqual([
      'groups.csv: not a file (expected the CSV file groups.csv, found a symbolic link to nothing (its target does not exist))',
    ]);
  });
});

describe('a folder where a file should be', () => {
  it('a folder named groups.csv is one error on that name (not errors in other files)', async () => {
    const dir = join(tmp(), 'inv');
    const files: Files = { ...BASE };
    delete files['groups.csv'];
    writeInventory(dir, files);
    mkdirSync(join(dir, 'groups.csv'));
    expect(await problemsOf(dir)).toEqual([
      'groups.csv: not a file (expected the CSV file groups.csv, found a folder)',
    ]);
  });

  it('the CLI says the same with exit 2 and writes nothing', () => {
    const root = tmp();
    const dir = join(root, 'inv');
    const files: Files = { ...BASE };
    delete files['packages.csv'];
    writeInventory(dir, files);
    mkdirSync(join(dir, 'packages.csv'));
    const out = join(root, 'out');
    const r = runGicap(['plan', dir, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'packages.csv: not a file (expected the CSV file packages.csv, found a folder)\n',
    );
    expect(readdirSync(root)).toEqual(['inv']);
  });
});

describe('line ends', () => {
  it('a file whose lines end partly in CRLF and partly in LF parses as the LF file does', () => {
    const mixed = (text: string): string =>
      text
        .split('\n')
        .map((line, i) => (i % 2 === 0 ? `${line}\r\n` : `${line}\n`))
        .join('');
    const files = Object.fromEntries(
      Object.entries(BASE).map(([name, text]) => [name, mixed(text)]),
    ) as Files;
    const a = parseInventory('t', BASE);
    const b = parseInventory('t', files);
    expect(b.ok && a.ok ? { ...b.value, sha256: '' } : b).toEqual(
      a.ok ? { ...a.value, sha256: '' } : a,
    );
  });

  it('a quoted value on a CRLF line after LF lines keeps its line number in errors', () => {
    const text =
      'complex,cell,npar,cores,active\nc1,a,n1,4,y\r\nc1,b,n1,"x",y\r\nc1,c,n2,4,y\nc2,a,n3,8,y\nc2,b,,8,n\n';
    expect(errorsOf({ ...BASE, 'cells.csv': text })).toEqual([
      'cells.csv:3:cores: invalid value (expected a whole number from 1 to 256, found "x")',
    ]);
  });
});

describe('one readable line per problem', () => {
  it('a row with too many fields is one line, not one per shifted cell', () => {
    // A comma inside an unquoted value shifts every later field of the row.
    const files = withLine('packages.csv', 2, 'p1,4,h1;h3,10,60,app,,n,extra,more');
    expect(errorsOf(files)).toEqual([
      'packages.csv:2: 2 values beyond the last column (expected at most 8 fields as in the header, found 10: "extra", …)',
    ]);
  });

  it('a shifted row (delimiter inside a value) is one line too', () => {
    const files = withLine('cells.csv', 2, 'c1,a,n1,4,5,y');
    expect(errorsOf(files)).toEqual([
      'cells.csv:2: value beyond the last column (expected at most 5 fields as in the header, found 6: "y")',
    ]);
  });

  it('an unterminated quote in a header is one line, not the rest of the file as a column name', () => {
    const text = 'complex,"cell,npar,cores,active\nc1,a,n1,4,y\nc1,b,n1,4,y\n';
    const lines = errorsOf({ ...BASE, 'cells.csv': text });
    expect(lines).toEqual([
      'cells.csv:1: malformed quotes (expected a quoted field to end with a closing " before the next delimiter, found: quoted field unterminated)',
    ]);
  });

  it('a zero-width space, a BOM, a tab and a line break in a value are shown as escapes', () => {
    const files = withLine('cells.csv', 2, 'c1,a,n1,"4\u200B\uFEFF\t\n5",y');
    expect(errorsOf(files)).toEqual([
      'cells.csv:2:cores: invalid value (expected a whole number from 1 to 256, found "4\\u200B\\uFEFF\\t\\n5")',
    ]);
  });

  it('a 100 KB cell is cut to 60 characters with its length', () => {
    const files = withLine('cells.csv', 2, `c1,a,n1,${'7'.repeat(100_000)},y`);
    expect(errorsOf(files)).toEqual([
      `cells.csv:2:cores: invalid value (expected a whole number from 1 to 256, found "${'7'.repeat(60)}…" (100,000 characters))`,
    ]);
  });

  it('an unknown column with invisible characters names them in the COLUMN position', () => {
    const files = withLine('groups.csv', 1, 'group,sharing_rights,held\u200B_rights');
    expect(errorsOf(files)[0]).toBe(
      'groups.csv:1:held\\u200B_rights: unknown column (expected one of group, sharing_rights, held_rights; closest: held_rights)',
    );
  });

  it('echo and echoName: quotes, backslashes, other spaces, surrogate pairs kept whole', () => {
    expect(echo('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(echo('no\u00A0break')).toBe('"no\\u00A0break"');
    expect(echo('\u202Eevil')).toBe('"\\u202Eevil"');
    expect(echo(`${'x'.repeat(59)}😀😀`)).toBe(`"${'x'.repeat(59)}😀…" (61 characters)`);
    expect(echoName('a\r\nb')).toBe('a\\r\\nb');
    expect(echo('plain value')).toBe('"plain value"');
  });
});

describe('batch: run names and linked sub-folders', () => {
  it('sub-folders OK2 and ok2 are refused as a clash, exit 2, nothing run', () => {
    const root = tmp();
    writeInventory(join(root, 'runs', 'OK2'));
    writeInventory(join(root, 'runs', 'ok2'));
    const out = join(root, 'out');
    const r = runGicap(['batch', join(root, 'runs'), '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      `${join(root, 'runs', 'ok2')}: run name clashes with OK2 (expected run names that differ by more than case: each names a folder DIR/NAME, which a file system that ignores case would share; rename one sub-folder)`,
    );
    expect(readdirSync(root)).toEqual(['runs']);
  });

  it('a symbolic link to an inventory folder is a run like a sub-folder', () => {
    const root = tmp();
    writeInventory(join(root, 'elsewhere', 'real'));
    writeInventory(join(root, 'runs', 'a'));
    symlinkSync(join(root, 'elsewhere', 'real'), join(root, 'runs', 'b-linked'));
    const out = join(root, 'out');
    const r = runGicap(['batch', join(root, 'runs'), '--out', out, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect([0, 1]).toContain(r.status);
    expect(readdirSync(out).sort()).toEqual(['a', 'b-linked', 'summary.csv']);
  });
});
