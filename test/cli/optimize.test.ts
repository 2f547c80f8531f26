/** `gicap optimize` end to end: the purchase printed, the files written, the exit codes. */
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OptimizeResult } from '../../src/domain/purchase.js';
import { renderPurchaseText } from '../../src/report/purchase.js';
import { REPO_ROOT, runGicap } from '../helpers/run-cli.js';

/** A copy of data/seed-fig15 with some files replaced. */
function seedCopy(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'gicap-optimize-'));
  const inv = join(dir, 'seed');
  cpSync(join(REPO_ROOT, 'data/seed-fig15'), inv, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(inv, name), text);
  return inv;
}

/** db2 on one 2-core cell: 2 active cores, none inactive. */
const SHORT_CELLS = `complex,cell,npar,cores,active
server1,c0,db1,4,y
server1,c1,db1,4,y
server1,c2,db3,4,y
server1,c3,db3,4,y
server2,c0,db2,2,y
server2,c2,db4,4,y
server2,c3,db4,4,y
`;

describe('gicap optimize', () => {
  it('buys 6 inactive cores on db2 when db2 holds only its 2 active cores', () => {
    const inv = seedCopy({ 'cells.csv': SHORT_CELLS });
    const r = runGicap(['optimize', inv, '--costs', 'data/costs.csv']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(
      'seed: least-cost purchase for 7 scenarios (up to 1 failure, outage 24 h)',
    );
    expect(lines[1]).toBe(
      'Today 2 scenarios lose a package; after the purchase every scenario survives (confirmed by re-running every scenario).',
    );
    expect(lines).toContain(
      '  inactive cores  server2/db2         6      1,000  6,000  npar:server1/db1',
    );
    expect(lines).toContain('  Total cost: 6,000');
    expect(lines).toContain('  server2/db2: installed 2 → 8 cores, inactive 0 → 6');
    expect(lines).toContain(`  gicap plan ${inv} --set cells.server2/c0.cores=8`);
    expect(r.stdout).toMatch(
      /^Model: 18 variables \(11 integer\), 29 constraints, 2 scenario blocks; HiGHS 1 solve in \d+\.\d\d s, 1 engine re-run, 0 cuts\.$/m,
    );
  });

  it('the printed check command confirms the purchase: plan with --set loses nothing', () => {
    const inv = seedCopy({ 'cells.csv': SHORT_CELLS });
    const out = join(inv, '..', 'plan');
    const r = runGicap([
      'plan',
      inv,
      '--set',
      'cells.server2/c0.cores=8',
      '--format',
      'json',
      '--out',
      out,
    ]);
    expect(r.status).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
      summary: { lost: number };
    };
    expect(report.summary.lost).toBe(0);
  });

  it('takes --set like plan: marks the changed estate, and its check command keeps the changes', () => {
    // The seed with db2's cell c1 inactive: db2 holds only its 4 active cores of c0.
    const r = runGicap([
      'optimize',
      'data/seed-fig15',
      '--costs',
      'data/costs.csv',
      '--set',
      'cells.server2/c1.active=n',
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(
      'seed-fig15 (changed estate, 1 --set change): least-cost purchase for 7 scenarios (up to 1 failure, outage 24 h)',
    );
    const check = lines[lines.indexOf('Check it with the engine:') + 1] ?? '';
    expect(check).toMatch(
      /^ {2}gicap plan data\/seed-fig15 --set cells\.server2\/c1\.active=n --set /,
    );
    // The check command confirms the purchase on the changed estate.
    const args = check.trim().split(' ').slice(1);
    const out = mkdtempSync(join(tmpdir(), 'gicap-optimize-check-'));
    const plan = runGicap([...args, '--format', 'json', '--out', out]);
    expect(plan.status).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
      summary: { lost: number };
    };
    expect(json.summary.lost).toBe(0);
    // purchase.json records the changes it was computed on.
    const asJson = runGicap([
      'optimize',
      'data/seed-fig15',
      '--costs',
      'data/costs.csv',
      '--set',
      'cells.server2/c1.active=n',
      '--format',
      'json',
    ]);
    expect((JSON.parse(asJson.stdout) as OptimizeResult).parameters.changes).toEqual([
      'cells.server2/c1.active=n',
    ]);
    // No reference to a document users do not have.
    expect(r.stdout).not.toMatch(/section \d/);
  });

  it('buys nothing for the bundled seed and mixed estates at N+1 (exit 0)', () => {
    const seed = runGicap(['optimize', 'data/seed-fig15', '--costs', 'data/costs.csv']);
    expect(seed.status).toBe(0);
    expect(seed.stdout.split('\n')[1]).toBe(
      'Today 0 scenarios lose a package: nothing to buy, every scenario survives and every group is compliant.',
    );
    const mixed = runGicap(['optimize', 'data/mixed-estate', '--costs', 'data/costs.csv']);
    expect(mixed.status).toBe(0);
    expect(mixed.stdout.split('\n')[0]).toBe(
      'mixed-estate: least-cost purchase for 24 scenarios (up to 1 failure, outage 24 h)',
    );
  });

  it('prints the JSON result for the mixed estate at N+2: rights on three complexes, unsaveable losses, exit 1', () => {
    const r = runGicap([
      'optimize',
      'data/mixed-estate',
      '--costs',
      'data/costs.csv',
      '--max-failures',
      '2',
      '--format',
      'json',
    ]);
    expect(r.status).toBe(1);
    const result = JSON.parse(r.stdout) as OptimizeResult;
    expect(result.status).toBe('optimal');
    expect(result.confirmed).toBe(true);
    expect(result.items.map((i) => `${i.kind} ${i.where} ${i.quantity}`)).toEqual([
      'core-rights east-sd1 14',
      'core-rights west-sd1 14',
      'core-rights west-sd2 11',
    ]);
    expect(result.totalCost).toBe(117_000);
    expect(result.solver.lowerBound).toBe(117_000);
    // The greedy sizing counts section 4's demand as the plan does, without the losses no purchase
    // can save (eapp1 at its vPar max): it no longer buys a useless inactive core on np-app.
    expect(result.greedy).toEqual({ totalCost: 117_000, confirmed: true });
    // The greedy line says what the optimum buys against it; a greedy spend where the optimum buys
    // nothing is no saving of the optimum.
    const greedyLine = (over: Partial<OptimizeResult>): string | undefined =>
      renderPurchaseText({ ...result, ...over }, { inventoryArg: 'data/mixed-estate' })
        .split('\n')
        .find((l) => l.startsWith('Greedy sizing'));
    expect(greedyLine({})).toMatch(/would cost 117,000 \(the same as the optimum\)\.$/);
    expect(greedyLine({ greedy: { totalCost: 125_000, confirmed: true } })).toMatch(
      /would cost 125,000 \(the optimum saves 8,000\)\.$/,
    );
    expect(
      greedyLine({ totalCost: 0, items: [], greedy: { totalCost: 8_000, confirmed: true } }),
    ).toMatch(/would cost 8,000 \(buying nothing saves as many scenarios\)\.$/);
    expect(result.scenarios).toEqual({
      total: 258,
      losingBefore: 48,
      losingAfter: 43,
      unsaveable: 43,
    });
    expect(result.unsaveable).toHaveLength(342);
    // Dependents lost with the package they depend on, itself lost for good, are unsaveable too
    // (web-e on erp-app1, the SAP application servers on sap-ascs) [P4].
    expect(result.unsaveable.filter((u) => u.reason === 'dependency')).toHaveLength(17);
    // A data centre and the quorum server's site together halt the campus cluster: 252 package
    // losses no purchase can save [C2], which is why gB no longer buys rights for them.
    expect(result.unsaveable.filter((u) => u.reason === 'cluster-halted')).toHaveLength(252);
    expect(result.unsaveable).toContainEqual({
      scenario: 'complex:west-sd1 + vpar:east-sd1/np-app/eapp2',
      package: 'reporting',
      reason: 'vpar-max',
      detail:
        'reporting cannot be placed on eapp1 together with the other packages of this scenario: the vPar max [V1] leaves no room, whatever is bought',
    });
  });

  it('reports a package with one node as unsaveable, not as an error (exit 1)', () => {
    const inv = seedCopy({
      'packages.csv': 'package,cores,nodes\npkg1,8,db1;db2\nsolo,2,db3\n',
    });
    const r = runGicap(['optimize', inv, '--costs', 'data/costs.csv']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[1]).toBe(
      'Today 2 scenarios lose a package: nothing to buy helps; the 2 scenarios below cannot be saved by any purchase.',
    );
    expect(lines).toContain('Cannot be saved by any purchase (2 scenarios, 2 package losses):');
    expect(lines).toContain('  complex:server1: solo (no-surviving-node)');
    expect(lines).toContain('  npar:server1/db3: solo (no-surviving-node)');
  });

  it('writes purchase.md, purchase.json and purchase.csv, byte-identical on a second run', () => {
    const inv = seedCopy({ 'cells.csv': SHORT_CELLS });
    const out = join(inv, '..', 'out');
    const first = runGicap(['optimize', inv, '--costs', 'data/costs.csv', '--out', out]);
    expect(first.status).toBe(0);
    const wrote = first.stdout.split('\n').find((l) => l.startsWith('Wrote '));
    expect(wrote?.split(', ').map((f) => f.slice(f.lastIndexOf('/') + 1))).toEqual([
      'purchase.csv',
      'purchase.json',
      'purchase.md',
      'run.json',
    ]);
    const read = (): string[] =>
      ['purchase.md', 'purchase.json', 'purchase.csv'].map((f) =>
        readFileSync(join(out, f), 'utf8'),
      );
    const before = read();
    expect(before[2]).toBe(
      'kind,where,quantity,unit_cost,cost,binding,detail\n' +
        'inactive-cores,server2/db2,6,1000,6000,npar:server1/db1,"server2/db2: installed 2 → 8 cores, inactive 0 → 6"\n',
    );
    expect(before[0]).toContain(
      '| inactive cores | server2/db2 |        6 |     1,000 | 6,000 | npar:server1/db1 |',
    );
    expect(runGicap(['optimize', inv, '--costs', 'data/costs.csv', '--out', out]).status).toBe(0);
    expect(read()).toEqual(before);
  });

  it('rejects a bad costs file with every problem and writes nothing (exit 2)', () => {
    const inv = seedCopy({});
    const costs = join(inv, '..', 'costs.csv');
    writeFileSync(costs, 'item,unit_cost\ninactive_core,lots\ncore_right,3000\n');
    const out = join(inv, '..', 'out');
    const r = runGicap(['optimize', inv, '--costs', costs, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toEqual([
      'costs.csv:1:item: no row for sharing_right (expected one row each for inactive_core, core_right, sharing_right, ticap_unit)',
      'costs.csv:1:item: no row for ticap_unit (expected one row each for inactive_core, core_right, sharing_right, ticap_unit)',
      'costs.csv:2:unit_cost: invalid value (expected a price from 0 to 1,000,000,000, found "lots")',
      'costs file costs.csv is not usable: 3 problems',
      '',
    ]);
    expect(existsSync(out)).toBe(false);
  });

  it('needs --costs, and a known --format (exit 2)', () => {
    expect(runGicap(['optimize', 'data/seed-fig15']).status).toBe(2);
    const r = runGicap([
      'optimize',
      'data/seed-fig15',
      '--costs',
      'data/costs.csv',
      '--format',
      'html',
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('--format html: unknown format (expected text, json, md)\n');
  });

  it('explains itself in --help, with examples and exit codes', () => {
    const r = runGicap(['optimize', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('gicap optimize data/mixed-estate --costs data/costs.csv');
    expect(r.stdout).toContain('max_cores,,server2/db2,16');
    expect(r.stdout).toContain(
      '  1  some scenarios lose packages no purchase can save, or the purchase could\n     not be confirmed',
    );
  });
});
