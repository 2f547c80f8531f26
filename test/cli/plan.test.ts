/** `gicap plan` end to end: the real binary, its files, stdout, stderr and exit codes. */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlanReport } from '../../src/domain/result.js';
import { runGicap } from '../helpers/run-cli.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'gicap-plan-'));
const readReport = (dir: string): PlanReport =>
  JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as PlanReport;

describe('gicap plan', () => {
  it('plans the seed estate: 7 scenarios survive, db2 needs 6 inactive cores, exit 0', () => {
    const out = tmp();
    const r = runGicap(['plan', 'data/seed-fig15', '--out', out, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').slice(0, 5)).toEqual([
      'seed-fig15: 7 scenarios (up to 1 failure), all survive',
      '  Shortfall: none (no partition short of inactive cores, no group short of sharing rights)',
      '  g1: sharing rights owned 12, required 12, minimum 6: compliant',
      '  Slowest back (listed scenarios): pkg1 up to 96 s (typ. 56 s) in npar:server1/db1',
      '  Next: gicap plan data/seed-fig15 --max-failures 2',
    ]);
    const report = readReport(out);
    expect(report.summary).toMatchObject({ scenarios: 7, survived: 7, lost: 0 });
    expect(report.partitions.find((p) => p.npar === 'db2')).toMatchObject({
      minimumInactiveCores: 6,
      bindingScenario: 'npar:server1/db1',
    });
    expect(readdirSync(out).sort()).toEqual(['report.json', 'run.json']);
  });

  it('writes every format, byte-identical on a second run', () => {
    const a = tmp();
    const b = tmp();
    expect(runGicap(['plan', 'data/mixed-estate', '--out', a]).status).toBe(0);
    expect(runGicap(['plan', 'data/mixed-estate', '--out', b]).status).toBe(0);
    const files = readdirSync(a).sort();
    expect(files).toEqual([
      'report.html',
      'report.json',
      'report.md',
      'run.json',
      'scenarios.csv',
      'sizing.csv',
    ]);
    for (const f of files)
      expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f)))).toBe(true);
    expect(readFileSync(join(a, 'report.md'), 'utf8')).not.toMatch(/20\d\d-\d\d-\d\d/);
  });

  it('stamps a date only with --now', () => {
    const out = tmp();
    runGicap(['plan', 'data/seed-fig15', '--out', out, '--format', 'json', '--now', '2026-11-25']);
    expect(readReport(out).parameters.now).toBe('2026-11-25');
  });

  it('exits 1 with findings: double failures of the mixed estate lose packages', () => {
    const out = tmp();
    const r = runGicap(['plan', 'data/mixed-estate', '-k', '2', '--format', 'json', '--out', out]);
    expect(r.status).toBe(1);
    const report = readReport(out);
    expect(report.summary.lost).toBeGreaterThan(0);
    expect(report.scenarios.filter((s) => !s.survives)).toHaveLength(report.summary.lost);
    expect(report.partitions.every((p) => typeof p.minimumInactiveCores === 'number')).toBe(true);
  });

  it('with --set shows the baseline and the changed estate side by side', () => {
    const out = tmp();
    // db2 on one 4-core cell and one 1-core cell: 3 inactive cores instead of 6.
    const r = runGicap([
      'plan',
      'data/seed-fig15',
      '--set',
      'cells.server2/c1.cores=1',
      '--format',
      'json',
      '--out',
      out,
    ]);
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([
      'seed-fig15 (changed estate, 1 --set change): 7 scenarios (up to 1 failure), 5 survive, 2 lose 2 packages in all',
      '  Against the baseline (cells.server2/c1.cores=1):',
      '    scenarios that lose a package 0 → 2; packages lost (sum over scenarios) 0 → 2; inactive cores (nPars) 12 → 9; inactive cores short (nPars) 0 → 3; 2 scenarios flip (0 now survive, 2 now lose)',
    ]);
    const c = readReport(out).comparison;
    expect(c?.flipped).toEqual([
      { id: 'complex:server1', before: true, after: false },
      { id: 'npar:server1/db1', before: true, after: false },
    ]);
    // Each group once, by name, with its figures before and after.
    expect(c?.groups).toEqual([
      {
        group: 'g1',
        before: {
          sharingRightsOwned: 12,
          sharingRightsRequired: 12,
          sharingRightsMinimum: 6,
          compliant: true,
          shortfall: 0,
        },
        after: {
          sharingRightsOwned: 12,
          sharingRightsRequired: 9,
          sharingRightsMinimum: 6,
          compliant: true,
          shortfall: 0,
        },
      },
    ]);
  });

  it('rejects bad input with exit 2, every problem on stderr, and writes nothing', () => {
    const out = join(tmp(), 'never');
    const r = runGicap(['plan', 'test/fixtures/ten-mistakes', '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').filter((l) => /^\w+\.csv:\d+:\w+: /.test(l))).toHaveLength(10);
    expect(existsSync(out)).toBe(false);
  });

  it('rejects a bad --set with exit 2 and writes nothing', () => {
    const out = join(tmp(), 'never');
    const r = runGicap([
      'plan',
      'data/seed-fig15',
      '--set',
      'npars.server2/db9.rights=4',
      '--out',
      out,
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--set npars.server2/db9.rights=4: unknown npars key "server2/db9"');
    expect(existsSync(out)).toBe(false);
  });

  it('rejects an unknown format and a bad --max-failures with exit 2', () => {
    expect(runGicap(['plan', 'data/seed-fig15', '--format', 'pdf']).stderr).toContain(
      '--format pdf: unknown format "pdf"',
    );
    const r = runGicap(['plan', 'data/seed-fig15', '--max-failures', 'two']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('expected a whole number from 1 to 6, found "two"');
  });
});
