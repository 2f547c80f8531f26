/**
 * Issue 12 on the real binary and the bundled estates: the first screen of `gicap plan` (point 3),
 * `--set` comparisons that compare inactive cores and shortfall (point 4), and `plan` agreeing with
 * `optimize` after its purchase (point 6).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlanReport } from '../../src/domain/result.js';
import { REPO_ROOT, runGicap } from '../helpers/run-cli.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'gicap-first-'));
const readReport = (dir: string): PlanReport =>
  JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as PlanReport;

/** seed-fig15 with db2's second cell at 3 cores: 5 inactive cores where pkg1 needs 6. */
function shortSeed(): string {
  const dir = join(tmp(), 'seed-short');
  cpSync(join(REPO_ROOT, 'data/seed-fig15'), dir, { recursive: true });
  const cells = readFileSync(join(dir, 'cells.csv'), 'utf8');
  writeFileSync(join(dir, 'cells.csv'), cells.replace('server2,c1,db2,4,y', 'server2,c1,db2,3,y'));
  return dir;
}

describe('gicap plan, first screen', () => {
  it('N+2 of the mixed estate: losses by failures, what a purchase fixes, worst first, next command', () => {
    const out = tmp();
    const r = runGicap(['plan', 'data/mixed-estate', '-k', '2', '--format', 'json', '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n').slice(0, 8)).toEqual([
      'mixed-estate: 258 scenarios (up to 2 failures), 210 survive, 48 lose 357 packages in all',
      '  N+1: none of 24 scenarios loses a package',
      '  N+2: 48 of 234 scenarios lose 357 packages',
      '  A purchase can fix 5 losing scenarios (15 package losses); no purchase can fix 342 package losses (no-surviving-node 71, vpar-max 2, cluster-halted 252, dependency 17): 43 scenarios lose only these.',
      '  Shortfall: none (no partition short of inactive cores, no group short of sharing rights); sizing counts only those, so what saves the 5 losing scenarios a purchase can fix (core usage rights, TiCAP) is priced by gicap optimize',
      '  gA: sharing rights owned 28, required 28, minimum 28: compliant',
      '  gB: sharing rights owned 45, required 45, minimum 31: compliant',
      '  Worst: complex:east-sd1 + site:dc-west (16 packages lost); complex:west-sd1 + site:dc-east (16 packages lost); site:dc-east + site:dc-west (16 packages lost)',
    ]);
    expect(r.stdout).toContain(
      '  Next: gicap optimize data/mixed-estate --costs COSTS.csv --max-failures 2\n',
    );
    expect(r.stdout).not.toContain('short by');
    const s = readReport(out).summary;
    expect(s.byFailures).toEqual([
      { failures: 1, scenarios: 24, lost: 0, packagesLost: 0 },
      { failures: 2, scenarios: 234, lost: 48, packagesLost: 357 },
    ]);
    expect([
      s.lostFixable,
      s.packagesLostFixable,
      s.lostUnfixable,
      s.packagesLostUnfixable,
    ]).toEqual([5, 15, 43, 342]);
  });
});

describe('gicap plan --set', () => {
  it('adding the inactive core that fixes a shortfall shows the inactive cores and the shortfall move', () => {
    const inv = shortSeed();
    const before = runGicap(['plan', inv, '--format', 'json', '--out', tmp()]);
    expect(before.status).toBe(1);
    expect(before.stdout).toContain('  Shortfall: g1 1 inactive core (server2/db2)\n');

    const out = tmp();
    const r = runGicap([
      'plan',
      inv,
      '--set',
      'cells.server2/c1.cores=4',
      '--format',
      'json,md',
      '--out',
      out,
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([
      'seed-short (changed estate, 1 --set change): 7 scenarios (up to 1 failure), all survive',
      '  Against the baseline (cells.server2/c1.cores=4):',
      '    scenarios that lose a package 2 → 0; packages lost (sum over scenarios) 2 → 0; inactive cores (nPars) 11 → 12; inactive cores short (nPars) 1 → 0; 2 scenarios flip (2 now survive, 0 now lose)',
    ]);
    const c = readReport(out).comparison;
    expect(c?.partitions).toEqual([
      {
        partition: 'server2/db2',
        before: { inactiveCores: 5, minimumInactiveCores: 6, shortfall: 1 },
        after: { inactiveCores: 6, minimumInactiveCores: 6, shortfall: 0 },
      },
    ]);
    expect(c?.totals.before.shortfall).toBe(1);
    expect(c?.totals.after.shortfall).toBe(0);
    const md = readFileSync(join(out, 'report.md'), 'utf8').split('\n');
    expect(md[0]).toBe('# Capacity plan: seed-short (changed estate, 1 --set change)');
    expect(md[2]).toBe(
      '**No findings (changed estate, 1 --set change):** every scenario evaluated survives and every group is compliant.',
    );
    expect(md[4]).toBe('## Comparison: baseline against the changed estate');
    expect(md).toContain('| server2/db2 |    5 → 6 |                6 |     1 → 0 |');
  });
});

describe('gicap plan --set on a cluster (sections 8–9 through the same surfaces)', () => {
  it('a dual lock saves the halted campus: the comparison counts cluster halts, the next command runs as printed', () => {
    const out = tmp();
    const r = runGicap([
      'plan',
      'data/campus-lock',
      '--set',
      'clusters.campus.lock=dual-disk',
      '--set',
      'clusters.campus.lock_site=dc-a;dc-b',
      '--format',
      'md',
      '--out',
      out,
    ]);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[2]).toBe(
      '    scenarios that lose a package 1 → 0; packages lost (sum over scenarios) 4 → 0; scenarios in which a cluster halts 1 → 0; 1 scenario flips (1 now survives, 0 now lose)',
    );
    // A `;` would end the command in a shell: the value is quoted.
    const next = lines.find((l) => l.startsWith('  Next: ')) ?? '';
    expect(next).toBe(
      "  Next: gicap plan data/campus-lock --max-failures 2 --set clusters.campus.lock=dual-disk --set 'clusters.campus.lock_site=dc-a;dc-b'",
    );
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    expect(md).toMatch(/^\| Scenarios in which a cluster halts \| +1 \| +0 \| +-1 \|$/m);
  });
});

describe('gicap plan after gicap optimize', () => {
  it('reports no shortfall once the purchase is applied: both leave out what no purchase can save', () => {
    const opt = runGicap([
      'optimize',
      'data/mixed-estate',
      '--costs',
      'data/costs.csv',
      '--max-failures',
      '2',
    ]);
    expect(opt.status).toBe(1);
    const check = opt.stdout.split('\n').find((l) => l.startsWith('  gicap plan '));
    if (check === undefined) throw new Error(`no check command in:\n${opt.stdout}`);
    expect(opt.stdout).toContain(
      'A package that no purchase can save (no node of its list up, a vPar at its max [V1] or static [V6], its cluster halted [C2], auto_run off [C11], no node eligible for its capacity weights or its site_preferred_manual policy [P1, P5], or lost with a package it depends on that no purchase saves [P4]) adds no sizing demand',
    );
    // The losses optimize leaves are those the plan counted as no purchase can fix (342 in 43).
    expect(opt.stdout).toContain(
      'Cannot be saved by any purchase (43 scenarios, 342 package losses):',
    );
    const out = tmp();
    const args = check.trim().split(/\s+/).slice(1);
    const r = runGicap([...args, '--format', 'json', '--out', out]);
    expect(r.status).toBe(1);
    const report = readReport(out);
    // Every scenario still lost loses only packages no purchase can save, and sizing agrees.
    expect(report.summary.lostFixable).toBe(0);
    expect(report.summary.lostUnfixable).toBe(43);
    expect(report.summary.packagesLostUnfixable).toBe(342);
    expect(report.partitions.filter((p) => p.shortfall > 0)).toEqual([]);
    expect(r.stdout).toContain(
      '  Shortfall: none (no partition short of inactive cores, no group short of sharing rights)\n',
    );
  });
});
