/** `gicap generate` end to end: the built binary writes inventory folders that `gicap validate` reads. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateEstate } from '../../src/generate/estate.js';
import { INVENTORY_FILES } from '../../src/domain/inventory-files.js';
import { runGicap } from '../helpers/run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'gicap-generate-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const SORTED_FILES = [...INVENTORY_FILES].sort();

function readFolder(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f !== 'run.json') // the manifest of the set (src/io/report-set.ts)
      .sort()
      .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
  );
}

describe('gicap generate', () => {
  it('writes one inventory folder, byte-identical to generateEstate, that validate accepts', () => {
    const r = runGicap(['generate', '--size', 'small', '--seed', '3', '--out', 'one'], {
      cwd: tmp,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      'wrote one: small estate, seed 3\n' +
        'each: 4 complexes, 12 nPars, 8 vPars, 1 group, 2 managers, 2 sites, 20 packages\n',
    );
    const files = readFolder(join(tmp, 'one'));
    expect(Object.keys(files)).toEqual(SORTED_FILES);
    expect(files).toEqual({ ...generateEstate('small', 3) });

    const v = runGicap(['validate', 'one'], { cwd: tmp });
    expect(v.stderr).not.toMatch(/\.csv:\d+:/);
    expect([0, 1]).toContain(v.status);
    expect(v.stdout).toContain('complexes 4 (cellular 3, sd2 1)');
  });

  it('writes the large estate of spec section 7 and validate reads it', () => {
    const r = runGicap(['generate', '--size', 'large', '--seed', '1', '--out', 'large'], {
      cwd: tmp,
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      'each: 64 complexes, 256 nPars, 512 vPars, 8 groups, 16 managers, 4 sites, 600 packages',
    );
    const lines = (f: string): number =>
      readFileSync(join(tmp, 'large', f), 'utf8')
        .trimEnd()
        .split('\n').length - 1;
    expect(lines('complexes.csv')).toBe(64);
    expect(lines('npars.csv')).toBe(256);
    expect(lines('vpars.csv')).toBe(512);
    expect(lines('groups.csv')).toBe(8);
    expect(lines('managers.csv')).toBe(16);
    expect(lines('packages.csv')).toBe(600);

    const v = runGicap(['validate', 'large'], { cwd: tmp });
    expect([0, 1]).toContain(v.status);
    expect(v.stdout).toContain('sites 4 (dc1, dc2, dc3, dc4)');
    expect(v.stdout).toContain('nPars 256, vPars 512');
  });

  it('with --count N writes DIR/estate-001 … with seeds seed … seed+N-1', () => {
    const r = runGicap(
      ['generate', '--size', 'medium', '--seed', '5', '--count', '3', '--out', 'batch'],
      { cwd: tmp },
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      [
        `wrote ${join('batch', 'estate-001')}: medium estate, seed 5`,
        `wrote ${join('batch', 'estate-002')}: medium estate, seed 6`,
        `wrote ${join('batch', 'estate-003')}: medium estate, seed 7`,
        'each: 16 complexes, 64 nPars, 96 vPars, 4 groups, 8 managers, 2 sites, 150 packages',
        '',
      ].join('\n'),
    );
    expect(readdirSync(join(tmp, 'batch')).sort()).toEqual([
      'estate-001',
      'estate-002',
      'estate-003',
      'run.json',
    ]);
    expect(readFolder(join(tmp, 'batch', 'estate-002'))).toEqual({
      ...generateEstate('medium', 6),
    });
    const v = runGicap(['validate', join('batch', 'estate-003')], { cwd: tmp });
    expect([0, 1]).toContain(v.status);
  });

  it('defaults to the large size and seed 1', () => {
    const r = runGicap(['generate', '--out', 'default'], { cwd: tmp });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('wrote default: large estate, seed 1\n');
    expect(readFileSync(join(tmp, 'default', 'packages.csv'), 'utf8')).toBe(
      generateEstate('large', 1)['packages.csv'],
    );
  });

  it.each([
    [['--size', 'huge'], "option '--size <size>' argument 'huge' is invalid"],
    [['--seed', '-1'], 'expected a whole number from 0 to 4294967295, found "-1"'],
    [['--seed', '4294967296'], 'expected a whole number from 0 to 4294967295, found 4294967296'],
    [['--seed', '1.5'], 'expected a whole number from 0 to 4294967295, found "1.5"'],
    [['--count', '0'], 'expected a whole number from 1 to 1000, found "0"'],
    [['--count', '1001'], 'expected a whole number from 1 to 1000, found "1001"'],
    [
      ['--seed', '4294967295', '--count', '2'],
      '--seed 4294967295 with --count 2 goes past the last seed 4294967295',
    ],
  ])('rejects %j with exit 2 and writes nothing', (args, message) => {
    const out = `bad-${args.join('_')}`;
    const r = runGicap(['generate', ...args, '--out', out], { cwd: tmp });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
    expect(existsSync(join(tmp, out))).toBe(false);
  });

  it('requires --out (exit 2)', () => {
    const r = runGicap(['generate', '--size', 'small'], { cwd: tmp });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("required option '--out <dir>' not specified");
  });

  it('reports a folder it cannot write as exit 2', () => {
    writeFileSync(join(tmp, 'a-file'), 'x');
    const r = runGicap(['generate', '--size', 'small', '--out', 'a-file'], { cwd: tmp });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `--out a-file: ${join(tmp, 'a-file')} is a file, not a folder; name a folder (a new one is created), or remove the file\n`,
    );
  });

  it('shows the sizes and examples in --help', () => {
    const r = runGicap(['generate', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('gicap generate --size large --seed 1 --out estates/large-1');
    expect(r.stdout).toContain(
      '  large          64    256    512       8        16      4       600\n',
    );
  });
});
