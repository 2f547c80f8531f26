/**
 * Issue 14, point 1: every problem with `--out` is exit 2 with one sentence that says what to do,
 * found before anything is loaded or computed, the same in every command that writes files.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runGicap } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'gicap-out-'));
writeFileSync(join(dir, 'a-file'), 'not a folder\n');
symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling'));

describe('--out problems: exit 2, one sentence, nothing written', () => {
  // A bad inventory as well: the --out problem must be the one reported (it is checked first).
  const plan = (out: string) => runGicap(['plan', 'test/fixtures/ten-mistakes', '--out', out]);

  it.each([
    [
      'an existing file',
      join(dir, 'a-file'),
      `${join(dir, 'a-file')} is a file, not a folder; name a folder (a new one is created), or remove the file`,
    ],
    [
      'a folder under a file',
      join(dir, 'a-file', 'x'),
      `${join(dir, 'a-file')} is a file, so ${join(dir, 'a-file', 'x')} cannot be a folder; name another folder`,
    ],
    [
      'a dangling symlink',
      join(dir, 'dangling'),
      `${join(dir, 'dangling')} is a symbolic link to nothing (dangling); remove the link or point it at a folder`,
    ],
    [
      'a folder under /proc (a pseudo file system)',
      '/proc/gicap-x/y',
      'cannot create files in /proc (the file system refuses new entries there); name a folder you can write to',
    ],
  ])('plan --out %s', (_what, out, message) => {
    const r = plan(out);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`--out ${out}: ${message}\n`);
    expect(r.status).toBe(2);
  });

  it('plan --out under /sys is refused (EPERM for root, EACCES otherwise)', () => {
    const r = plan('/sys/gicap-x');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^--out \/sys\/gicap-x: cannot create files in \/sys \(permission denied\); name a folder you can write to\n$/,
    );
  });

  it('plan --out in a folder without write permission (as an unprivileged user)', () => {
    const ro = join(dir, 'read-only');
    mkdirSync(ro);
    chmodSync(ro, 0o555);
    chmodSync(dir, 0o755);
    const out = join(ro, 'reports');
    const args = [join(REPO_ROOT, 'dist/cli/main.js'), 'plan', 'data/seed-fig15', '--out', out];
    // Root ignores permissions: run as nobody then (setpriv is in util-linux).
    const r =
      process.getuid?.() === 0
        ? spawnSync(
            'setpriv',
            ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, ...args],
            { cwd: REPO_ROOT, encoding: 'utf8' },
          )
        : spawnSync(process.execPath, args, { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe(
      `--out ${out}: cannot create files in ${ro} (permission denied); name a folder you can write to\n`,
    );
    expect(r.status).toBe(2);
    expect(readdirSync(ro)).toEqual([]);
  });

  it.each([
    ['generate', ['generate', '--size', 'small', '--out', '/proc/gicap-x']],
    [
      'optimize',
      ['optimize', 'data/seed-fig15', '--costs', 'data/costs.csv', '--out', '/proc/gicap-x'],
    ],
    ['batch', ['batch', 'data/batch/runs.csv', '--out', '/proc/gicap-x']],
  ])('%s --out under /proc: exit 2 at once (it used to hang)', (_cmd, args) => {
    const r = runGicap(args);
    expect(r.stderr).toBe(
      '--out /proc/gicap-x: cannot create files in /proc (the file system refuses new entries there); name a folder you can write to\n',
    );
    expect(r.status).toBe(2);
  });

  it('calibrate --out FILE: a folder, a dangling link, /proc are refused; nothing is fitted or written', () => {
    const obs = 'data/observations-example.csv';
    const cases: [string, string][] = [
      [dir, `${dir} is a folder; name a file inside it, e.g. ${join(dir, 'model.json')}`],
      [
        join(dir, 'dangling'),
        `${join(dir, 'dangling')} is a symbolic link to nothing (dangling); remove the link or name another file`,
      ],
      [
        '/proc/gicap.json',
        'cannot create files in /proc (the file system refuses new entries there); name a folder you can write to',
      ],
    ];
    for (const [out, message] of cases) {
      const r = runGicap(['calibrate', obs, '--out', out]);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`--out ${out}: ${message}\n`);
      expect(r.status).toBe(2);
    }
    expect(existsSync(join(dir, 'nowhere'))).toBe(false);
  });

  it('a missing --out folder is created (several levels), and removed again when the run fails', () => {
    const out = join(dir, 'new', 'deeper', 'reports');
    expect(runGicap(['plan', 'data/seed-fig15', '--format', 'json', '--out', out]).status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['report.json', 'run.json']);
    const failed = join(dir, 'never', 'made');
    // A model error is found after the --out check, before anything is written.
    const r = runGicap(['plan', 'data/seed-fig15', '--model', 'missing.json', '--out', failed]);
    expect(r.status).toBe(2);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });
});
