/** `gicap what-if` end to end. */
import { describe, expect, it } from 'vitest';
import type { PlanReport } from '../../src/domain/result.js';
import { runGicap } from '../helpers/run-cli.js';

describe('gicap what-if', () => {
  it("tells the seed's failover story: 6 rights seized from db1, db2 activates 6, nothing left", () => {
    const r = runGicap(['what-if', 'data/seed-fig15', '--fail', 'npar:server1/db1']);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('What if npar:server1/db1 fails?');
    expect(lines).toContain('   pkg1: db1 → db2, moved, 6 cores activated');
    expect(lines).toContain('      rights from: 6 seized from down nPars');
    expect(lines).toContain(
      '   g1: seized 6, held by the manager before 0, after 0; TiCAP used 0 core-minutes',
    );
    expect(lines).toContain(
      'Verdict: SURVIVES. Every package comes back; the last one after 38–96 s (typ. 56 s).',
    );
  });

  it('marks a changed estate in the title and the verdict (issue 12 point 4)', () => {
    const r = runGicap([
      'what-if',
      'data/seed-fig15',
      '--fail',
      'db1',
      '--set',
      'cells.server2/c1.cores=2',
    ]);
    expect(r.status).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('What if npar:server1/db1 fails? (changed estate, 1 --set change)');
    expect(lines[1]).toMatch(/, with cells\.server2\/c1\.cores=2$/);
    expect(lines).toContain(
      'Verdict (changed estate, 1 --set change): LOSES 1 package: pkg1 (insufficient-inactive-cores).',
    );
  });

  it('accepts a bare host name and prints the JSON document with one scenario', () => {
    const r = runGicap(['what-if', 'data/seed-fig15', '--fail', 'db1', '--format', 'json']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as PlanReport;
    expect(report.schemaVersion).toBe(1);
    expect(report.scenarios).toHaveLength(1);
    expect(report.scenarios[0]?.id).toBe('npar:server1/db1');
    expect(report.scenarios[0]?.rights[0]).toMatchObject({ seized: 6, gmHeldAfter: 0 });
  });

  it('exits 1 when the scenario loses a package: db1 fails while the manager is down', () => {
    const r = runGicap(['what-if', 'data/seed-fig15', '--fail', 'db1', '--fail', 'gm:g1']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      '   g1: no Group Manager in control: nothing crosses complexes, no seizure [M1]',
    );
    expect(r.stdout).toContain('Verdict: LOSES 1 package: pkg1 (gm-unavailable).');
  });

  it('shows a standby takeover, the ranges and the dominant coefficients on the mixed estate', () => {
    const r = runGicap([
      'what-if',
      'data/mixed-estate',
      '--fail',
      'gm:gA',
      '--fail',
      'npar:east-sd1/np-db',
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      '   gA: standby gmA2 takes control, by script (a Serviceguard package runs icapmanage -Q): takeover 35 s – 2 min 35 s (typ. 73 s), Group Manager failover 63 s – 3 min 20 s (typ. 109 s)',
    );
    expect(r.stdout).toMatch(/oradb-e: edb1 → wdb1, moved, 8 cores activated/);
    expect(r.stdout).toContain(
      '      back after 5 min 15 s – 8 min 18 s (typ. 6 min 12 s); moving rights 12–58 s (typ. 23 s); waited for the standby takeover',
    );
    // Both failovers start at the failure (spec 3.4): the package waits for the later one, so the
    // time line's takeover is the manager's own 109 s, not the sum of the two.
    expect(r.stdout).toContain(
      '   oradb-e: 29 s Serviceguard failover → 109 s takeover done → 2 min 12 s 8 cores active → 6 min 12 s oradb-e up on wdb1',
    );
    expect(r.stdout).toContain(
      '   dbpair: 1 of 2 nodes up; exactly half: takes its dual-disk lock in dc-west (up) and re-forms [C3, C4]',
    );
    expect(r.stdout).toMatch(
      /^Slowest: oradb-e\. What moves its time most \(each coefficient from its min to its max, the others typical\): takeover_per_unreachable 5 min 42 s to 7 min 12 s \(assumption\);/m,
    );
  });

  it('calls a manual standby takeover manual: gmB2 waits for an operator (managers.csv takeover=manual)', () => {
    const r = runGicap(['what-if', 'data/mixed-estate', '--fail', 'npar:east-sd2/adm']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      '   gB: standby gmB2 takes control, manually (an operator runs icapmanage -Q): takeover 35 s – 2 min 35 s (typ. 73 s), Group Manager failover 6 min 3 s – 1 h 3 min 20 s (typ. 16 min 49 s)',
    );
    const json = runGicap([
      'what-if',
      'data/mixed-estate',
      '--fail',
      'npar:east-sd2/adm',
      '--format',
      'json',
    ]);
    expect(json.stdout).toContain('"takeoverMode": "manual"');
  });

  it('rejects an unknown unit with exit 2 and names the known hosts', () => {
    const r = runGicap(['what-if', 'data/seed-fig15', '--fail', 'db9']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      '--fail db9: unknown unit (expected complex:C, npar:C/N, vpar:C/N/V, site:S, host:H, gm:GROUP or a host name; closest of each kind: complex:server1, npar:server1/db1, db1)',
    );
  });

  it('needs at least one --fail', () => {
    const r = runGicap(['what-if', 'data/seed-fig15']);
    expect(r.status).toBe(2);
    // A required option, refused like calibrate's --out or generate's --out.
    expect(r.stderr).toContain("required option '--fail <unit>' not specified");
  });
});
