import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runGicap } from '../helpers/run-cli.js';

const TEN_MISTAKES = join(REPO_ROOT, 'test/fixtures/ten-mistakes');

describe('gicap validate', () => {
  it('seed-fig15: prints the summary, g1 owns the 12 sharing rights it requires, exit 0', () => {
    const r = runGicap(['validate', 'data/seed-fig15']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^Inventory seed-fig15 \(sha256 [0-9a-f]{12}\)$/);
    expect(lines.slice(1)).toEqual([
      '  complexes 2 (cellular 2, sd2 0), sites 0, cells 8, nPars 4, vPars 0 (0 static)',
      '  cores 32 installed, 20 active, 12 without usage rights; usage rights 20 (0 unassigned)',
      '  groups 1, managers 1 (1 active, 0 standby), packages 1 (0 vm, 0 ticap), TiCAP 0 core-minutes',
      '  clusters: none (no clusters.csv: every node is judged alone)',
      'Groups (sharing rights owned vs required = cores without usage rights of the members [G1]):',
      '  group  members           active manager  owned  required  status',
      '  g1     server1, server2  ap1             12     12        compliant',
      'Compliant: yes',
      '',
    ]);
  });

  it('mixed-estate: both groups compliant, the standalone complex listed, exit 0', () => {
    const r = runGicap(['validate', 'data/mixed-estate']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(
      '  complexes 5 (cellular 3, sd2 2), sites 2 (dc-east, dc-west), cells 21, nPars 10, vPars 3 (1 static)',
    );
    expect(r.stdout).toContain(
      // Thousands separated as plan prints them (issue 12 point 5).
      '  groups 2, managers 4 (2 active, 2 standby), packages 16 (1 vm, 1 ticap), TiCAP 129,600 core-minutes\n' +
        '  clusters 2 (12 nodes), dependencies 3, capacities 2, weights 5\n',
    );
    expect(r.stdout).toContain(
      '  gA     east-sd1, west-sd1  gmA1 (+1 standby)   28     28        compliant',
    );
    expect(r.stdout).toContain(
      '  gB     east-sd2, west-sd2  eadm1 (+1 standby)  45     45        compliant',
    );
    expect(r.stdout).toContain('In no group: lab-rx\n');
  });

  it('a non-compliant inventory: exit 1 with the shortfall', () => {
    const r = runGicap(['validate', 'test/fixtures/non-compliant']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(
      '  g1     server1, server2  ap1             10     12        NOT compliant (short by 2)',
    );
    expect(r.stdout).toContain('Compliant: NO (g1 is short of 2 sharing rights)\n');
  });

  it('--set is applied before checking (the same estate made compliant, and not)', () => {
    const fixed = runGicap([
      'validate',
      'test/fixtures/non-compliant',
      '--set',
      'groups.g1.sharing_rights=12',
    ]);
    expect(fixed.status).toBe(0);
    // The changed estate is marked in the title and the verdict (issue 12 point 4).
    expect(fixed.stdout).toMatch(
      /^Inventory non-compliant \(sha256 [0-9a-f]{12}\), changed estate: groups\.g1\.sharing_rights=12\n/,
    );
    expect(fixed.stdout).toContain('Compliant (changed estate, 1 --set change): yes\n');
    const short = runGicap(['validate', 'data/seed-fig15', '--set', 'groups.g1.sharing_rights=11']);
    expect(short.status).toBe(1);
    expect(short.stdout).toContain('NOT compliant (short by 1)');
    expect(short.stdout).toContain(
      'Compliant (changed estate, 1 --set change): NO (g1 is short of 1 sharing right)\n',
    );
  });

  it('ten mistakes: ten FILE:LINE:COLUMN lines and a summary on stderr, nothing on stdout, exit 2, no file written', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'gicap-validate-'));
    const fixtureBefore = await readdir(TEN_MISTAKES);
    const r = runGicap(['validate', TEN_MISTAKES], { cwd });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toEqual([
      'complexes.csv:3:group: unknown group "gZ" (known groups: g1)',
      'cells.csv:1:actve: unknown column (expected one of complex, cell, npar, cores, active; closest: active)',
      'cells.csv:5:cores: invalid value (expected a whole number from 1 to 256, found "four")',
      'npars.csv:4:rights: fewer rights than active cells [R1] (expected at least 2, one core per active cell, found 1)',
      "vpars.csv:3:cores: more cores than the vPar's max [V1] (expected at most 2, found 3)",
      'groups.csv:2:sharing_rights: invalid value (expected a whole number from 0 to 65,536, found "-3")',
      'managers.csv:3:takeover: invalid value (expected serviceguard or manual, found "auto")',
      'packages.csv:3:nodes: unknown host "db9" (known hosts: db1, db2, db3, v1, v2)',
      'packages.csv:4:vm_boot_s: missing value (expected a number of seconds from 0 to 86,400 when kind is vm, found an empty cell)',
      'packages.csv:5:package: duplicate package "pkg1" (expected each once, found it also on line 2)',
      'ten-mistakes: 10 problems found; nothing written',
      '',
    ]);
    const located = r.stderr.split('\n').filter((l) => /^[a-z]+\.csv:\d+:[^:\s]+: /.test(l));
    expect(located).toHaveLength(10);
    expect(await readdir(TEN_MISTAKES)).toEqual(fixtureBefore);
    expect(await readdir(cwd)).toEqual([]);
    await rm(cwd, { recursive: true });
  });

  it('a bad --set is reported with exit 2', () => {
    const r = runGicap(['validate', 'data/seed-fig15', '--set', 'npars.server2/db9.rights=4']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      '--set npars.server2/db9.rights=4: unknown npars key "server2/db9" (known: server1/db1, server1/db3, server2/db2, server2/db4)\n',
    );
  });

  it('a missing folder is reported with exit 2', () => {
    const r = runGicap(['validate', 'no/such/inventory']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `${join(REPO_ROOT, 'no/such/inventory')}: inventory folder not found (expected a folder holding complexes.csv, cells.csv, npars.csv, packages.csv, found nothing)\n`,
    );
  });

  it('resolves the inventory path against the working folder', () => {
    const r = runGicap(['validate', 'seed-fig15'], { cwd: join(REPO_ROOT, 'data') });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Inventory seed-fig15 /);
  });

  it('--help shows examples and the exit codes', () => {
    const r = runGicap(['validate', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: gicap validate [options] <inventory>');
    expect(r.stdout).toContain('  gicap validate data/seed-fig15\n');
    expect(r.stdout).toContain('  1  the inventory is valid and a group is not compliant');
  });
});
