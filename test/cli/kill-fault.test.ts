/**
 * Issue 14, point 2, the fault test: `gicap plan … --all-scenarios` is killed at seeded random
 * moments (SIGKILL and SIGINT, in turn), alternating with a different run into the same folder. After
 * every kill `--out` must hold one set whole: the one before or the new one (run.json equal to what
 * an uninterrupted run writes, and every file it lists with its size and sha256, and no other report
 * file). SIGINT must exit 130 and leave no temporary; what a SIGKILL leaves is removed by the next
 * run. Also: a file size limit (`ulimit -f`, a full disk) is exit 2 and keeps the earlier set.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/generate/prng.js';
import { readManifest } from '../../src/io/report-set.js';
import { REPO_ROOT, runGicap } from '../helpers/run-cli.js';

const BIN = join(REPO_ROOT, 'dist/cli/main.js');
const root = mkdtempSync(join(tmpdir(), 'gicap-kill-'));
/** The two runs that take turns in the folder: a small default plan and the full streamed one. */
const RUNS = {
  small: ['plan', 'data/mixed-estate', '--format', 'json,md'],
  all: ['plan', 'data/mixed-estate', '-k', '2', '--all-scenarios', '--format', 'json,csv,md,html'],
} as const;
type RunName = keyof typeof RUNS;

const TEMP = /^\.gicap-|\.tmp-\d+-/;

/** The set in `dir` as run.json states it, checked against the files; null if not whole. */
function wholeSet(dir: string): string | null {
  const manifest = readManifest(dir);
  if (manifest === null) return null;
  for (const f of manifest.files) {
    const bytes = readFileSync(join(dir, f.name));
    if (bytes.length !== f.bytes) return null;
    if (createHash('sha256').update(bytes).digest('hex') !== f.sha256) return null;
  }
  const listed = new Set([...manifest.files.map((f) => f.name), 'run.json']);
  const others = readdirSync(dir).filter((e) => !listed.has(e) && !TEMP.test(e));
  if (others.length > 0) return null;
  return readFileSync(join(dir, 'run.json'), 'utf8');
}

function temporaries(dir: string): string[] {
  return readdirSync(dir).filter((e) => TEMP.test(e));
}

function runKilled(
  args: readonly string[],
  afterMs: number,
  signal: NodeJS.Signals,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill(signal), afterMs);
    child.on('error', reject);
    child.on('exit', (code, sig) => {
      clearTimeout(timer);
      resolve({ code, signal: sig });
    });
  });
}

describe('killing a run at random moments', () => {
  it('leaves --out holding the earlier set or the new one, whole; SIGINT exits 130 and cleans up', async () => {
    // What each run writes when nothing interrupts it, and how long it takes.
    const expected: Record<RunName, string> = { small: '', all: '' };
    let slowest = 0;
    for (const name of ['small', 'all'] as const) {
      const ref = join(root, `ref-${name}`);
      const start = performance.now();
      const r = runGicap([...RUNS[name], '--out', ref]);
      slowest = Math.max(slowest, performance.now() - start);
      expect(r.status).toBeLessThanOrEqual(1);
      expected[name] = wholeSet(ref) ?? 'not whole';
    }
    expect(expected.all).not.toBe(expected.small);

    const out = join(root, 'out');
    expect(runGicap([...RUNS.small, '--out', out]).status).toBe(0);
    let current: RunName = 'small';
    const rng = mulberry32(14);
    const outcomes: string[] = [];
    for (let i = 0; i < 8; i++) {
      const next: RunName = current === 'small' ? 'all' : 'small';
      const signal = i % 2 === 0 ? 'SIGKILL' : 'SIGINT';
      // Anywhere from the start to past the reference run's length (some runs then finish).
      const at = Math.round(rng() * slowest * 1.5);
      const r = await runKilled([...RUNS[next], '--out', out], at, signal);
      const set = wholeSet(out);
      expect(set === expected.small || set === expected.all, `kill ${i} at ${at} ms`).toBe(true);
      const now: RunName = set === expected.all ? 'all' : 'small';
      if (signal === 'SIGINT') {
        // 130 after cleaning up; 0 or 1 when it had finished; killed by the signal itself only when
        // it came before main.ts installed its handler, before anything was written.
        expect(r.code === null ? r.signal : r.code, `SIGINT ${i}`).toSatisfy(
          (c: unknown) => c === 0 || c === 1 || c === 130 || c === 'SIGINT',
        );
        expect(temporaries(out), `SIGINT ${i}: temporaries`).toEqual([]);
      }
      outcomes.push(
        `${signal}@${at}ms: ${r.signal ?? r.code} → ${now === next ? 'new' : 'old'} set`,
      );
      current = now;
    }
    // Both outcomes happen: some kills land before the swap, some after.
    expect(outcomes.some((o) => o.endsWith('old set'))).toBe(true);

    // The next run removes what the killed runs left and writes its set whole.
    const last: RunName = current === 'small' ? 'all' : 'small';
    expect(runGicap([...RUNS[last], '--out', out]).status).toBeLessThanOrEqual(1);
    expect(wholeSet(out)).toBe(expected[last]);
    expect(temporaries(out)).toEqual([]);
  }, 600_000);

  it('a file size limit (ulimit -f, like a full disk) is exit 2 and keeps the earlier set', () => {
    const out = join(root, 'limited');
    expect(runGicap([...RUNS.small, '--out', out]).status).toBe(0);
    const before = wholeSet(out);
    // 64 blocks: report.html of the full run does not fit.
    const r = spawnSync(
      'sh',
      [
        '-c',
        `ulimit -f 64; exec "${process.execPath}" "${BIN}" "$@"`,
        'sh',
        ...RUNS.all,
        '--out',
        out,
      ],
      { cwd: REPO_ROOT, encoding: 'utf8' },
    );
    expect(r.stderr).toMatch(
      new RegExp(
        `^cannot write ${out}/[a-z.]+ \\(file size limit exceeded \\(ulimit -f\\)\\); nothing of this run was kept: free space or fix the folder and run again\\n$`,
      ),
    );
    expect(r.status).toBe(2);
    expect(wholeSet(out)).toBe(before);
    expect(temporaries(out)).toEqual([]);
  });
});
