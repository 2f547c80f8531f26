/** `gicap init DIR`: an annotated starter inventory that validates and plans (issue 12 point 1). */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runGicap } from '../helpers/run-cli.js';

const work = mkdtempSync(join(tmpdir(), 'gicap-init-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const STARTER_FILES = [
  'README.md',
  'cells.csv',
  'complexes.csv',
  'groups.csv',
  'managers.csv',
  'npars.csv',
  'packages.csv',
  'vpars.csv',
];

describe('gicap init', () => {
  it('writes the starter, which validates (exit 0) and plans with every scenario surviving', () => {
    const r = runGicap(['init', 'my-estate'], { cwd: work });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      `Wrote my-estate/: ${STARTER_FILES.join(', ')}\n` +
        'Next: read my-estate/README.md, edit the CSV files, then run gicap validate my-estate\n',
    );
    expect(readdirSync(join(work, 'my-estate')).sort()).toEqual(STARTER_FILES);
    for (const f of STARTER_FILES) {
      expect(readFileSync(join(work, 'my-estate', f), 'utf8')).toBe(
        readFileSync(join(REPO_ROOT, 'data/starter', f), 'utf8'),
      );
    }
    const v = runGicap(['validate', 'my-estate'], { cwd: work });
    expect(v.status).toBe(0);
    expect(v.stdout).toContain(
      '  g1     rx-a, rx-b  gm1 (+1 standby)  16     16        compliant\n',
    );
    const p = runGicap(['plan', 'my-estate', '--out', 'reports', '--format', 'json'], {
      cwd: work,
    });
    expect(p.status).toBe(0);
    expect(p.stdout).toMatch(/^my-estate: 10 scenarios \(up to 1 failure\), 10 survive, 0 lose/);
  });

  it('writes into an empty folder', () => {
    mkdirSync(join(work, 'empty'));
    expect(runGicap(['init', 'empty'], { cwd: work }).status).toBe(0);
    expect(readdirSync(join(work, 'empty'))).toHaveLength(STARTER_FILES.length);
  });

  it('refuses a folder that is not empty, and a file, with exit 2, writing nothing', () => {
    mkdirSync(join(work, 'mine'));
    writeFileSync(join(work, 'mine', 'complexes.csv'), 'complex\nmy-own\n');
    const r = runGicap(['init', 'mine'], { cwd: work });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'mine: folder is not empty (expected a new or empty folder; gicap init never overwrites files)\n',
    );
    expect(readdirSync(join(work, 'mine'))).toEqual(['complexes.csv']);
    expect(readFileSync(join(work, 'mine', 'complexes.csv'), 'utf8')).toBe('complex\nmy-own\n');

    writeFileSync(join(work, 'a-file'), 'x');
    const f = runGicap(['init', 'a-file'], { cwd: work });
    expect(f.status).toBe(2);
    expect(f.stderr).toBe('a-file: is a file (expected a folder to create, or an empty one)\n');
  });
});
