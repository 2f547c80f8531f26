/** One row per loss reason and per warning code (spec 3.5): the smallest estate that produces it. */
import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/domain/types.js';
import {
  cells,
  complex,
  group,
  inventory,
  manager,
  npar,
  pkg,
  seedFig15,
  vpar,
} from '../helpers/builders.js';
import { whatIf } from '../helpers/engine.js';

/** Two standalone complexes, p1 (primary, 8 cores) and p2 (2 active of `installed2`, `rights2`). */
function standalone(
  installed2: number,
  rights2: number,
  more: { ticap?: boolean; ticapMinutes?: number } = {},
): Inventory {
  return inventory({
    complexes: [complex('X'), complex('Y', { ticapMinutes: more.ticapMinutes ?? 0 })],
    cells: [...cells('X', 'p1', 2, 4), ...cells('Y', 'p2', 1, installed2)],
    npars: [npar('X', 'p1', 8), npar('Y', 'p2', rights2, { active: 2 })],
    packages: [pkg('app', 8, ['p1', 'p2'], { ticap: more.ticap ?? false })],
  });
}

/** nPar vh on complex V runs vPars va (4 cores) and vb (`vbOpts`); the package moves from p1 to vb. */
function vparEstate(vbOpts: { static?: boolean; max?: number }): Inventory {
  return inventory({
    complexes: [complex('X', { unassignedRights: 0 }), complex('V', { unassignedRights: 8 })],
    cells: [...cells('X', 'p1', 2, 4), ...cells('V', 'vh', 4, 4)],
    npars: [npar('X', 'p1', 8), npar('V', 'vh', 8, { host: null })],
    vpars: [
      vpar('V', 'vh', 'va', 4),
      vpar('V', 'vh', 'vb', 4, { static: vbOpts.static ?? false, max: vbOpts.max ?? 16 }),
    ],
    packages: [pkg('app', 8, ['p1', 'vb'])],
  });
}

describe.each([
  ['no-surviving-node', seedFig15({ packages: [pkg('pkg1', 8, ['db1'])] }), ['db1']],
  [
    'insufficient-inactive-cores',
    seedFig15({
      cells: [
        ...cells('server1', 'db1', 2, 4),
        ...cells('server1', 'db3', 2, 4),
        ...cells('server2', 'db2', 1, 4),
        ...cells('server2', 'db4', 2, 4),
      ],
    }),
    ['db1'],
  ],
  ['insufficient-rights', standalone(8, 2), ['p1']],
  ['gm-unavailable', seedFig15(), ['db1', 'host:ap1']],
  ['vpar-max', vparEstate({ max: 6 }), ['p1']],
  ['static-vpar', vparEstate({ static: true }), ['p1']],
  ['insufficient-ticap', standalone(8, 2, { ticap: true, ticapMinutes: 6 * 1_440 - 30 }), ['p1']],
] as const)('loss reason %s', (reason, inv, fail) => {
  it('loses the package with exactly that reason, and explains the shortfall', () => {
    const s = whatIf(inv, [...fail]);
    expect(s.survives).toBe(false);
    expect(s.packages.map((p) => [p.package, p.status, p.reason])).toEqual([
      [s.packages[0]?.package, 'lost', reason],
    ]);
    const attempt = s.packages[0]?.attempts[0];
    if (reason === 'no-surviving-node') expect(s.packages[0]?.attempts).toEqual([]);
    else expect(attempt?.detail).toMatch(reason === 'static-vpar' ? /static vPar/ : /short by \d+/);
  });
});

describe('loss explanations', () => {
  it('gm-unavailable names the group and the missing manager [M1]', () => {
    const a = whatIf(seedFig15(), ['db1', 'host:ap1']).packages[0]?.attempts[0];
    expect(a?.detail).toBe(
      'db2 has 2 active cores with 0 in use; pkg1 needs 8: rights found for 0 of 6 cores (none); short by 6, and group g1 has no manager in control, so no rights cross complexes [M1]',
    );
  });

  it('insufficient-inactive-cores says how many are left', () => {
    const inv = standalone(4, 4);
    const a = whatIf(inv, ['p1']).packages[0]?.attempts[0];
    expect(a).toMatchObject({
      node: 'p2',
      ok: false,
      reason: 'insufficient-inactive-cores',
      needed: 6,
      available: 2,
    });
    expect(a?.detail).toBe(
      'p2 has 2 active cores with 0 in use; app needs 8: 6 more cores needed, but its nPar has 2 inactive cores left; short by 4',
    );
  });
});

describe('warning codes', () => {
  const codes = (inv: Inventory, fail: string[]): string[] =>
    whatIf(inv, fail).warnings.map((w) => `${w.code} ${w.subject}`);

  it('loan-expires-10d on a complete-outage seizure [X6]', () => {
    expect(codes(seedFig15(), ['complex:server1'])).toEqual(['loan-expires-10d server1']);
  });

  it('reboot-within-12h for a down nPar with others up [X8]', () => {
    expect(codes(seedFig15(), ['npar:server1/db3'])).toEqual(['reboot-within-12h server1/db3']);
  });

  it('same-complex-failback when the adoptive is on the primary complex [X4]', () => {
    const inv = seedFig15({ packages: [pkg('pkg1', 8, ['db1', 'db3'])] });
    expect(codes(inv, ['db1'])).toEqual([
      'reboot-within-12h server1/db1',
      'same-complex-failback pkg1',
    ]);
  });

  it('fell-through when the first node up cannot take the package', () => {
    // db4: 4 active cores on a single 4-core cell, so no inactive core to activate.
    const inv = seedFig15({
      cells: [
        ...cells('server1', 'db1', 2, 4),
        ...cells('server1', 'db3', 2, 4),
        ...cells('server2', 'db2', 2, 4),
        ...cells('server2', 'db4', 1, 4),
      ],
      // A restart exit (2) lets Serviceguard try the next node [C10].
      packages: [pkg('pkg1', 8, ['db1', 'db4', 'db2'], { onStartFailure: 'next' })],
    });
    const s = whatIf(inv, ['db1']);
    expect(s.packages[0]).toMatchObject({ to: 'db2', status: 'moved' });
    expect(s.packages[0]?.attempts.map((a) => [a.node, a.reason])).toEqual([
      ['db4', 'insufficient-inactive-cores'],
      ['db2', null],
    ]);
    expect(s.warnings.map((w) => w.code)).toContain('fell-through');
  });

  it('ticap-used with the minutes [T1, T2]', () => {
    const w = whatIf(standalone(8, 2, { ticap: true, ticapMinutes: 43_200 }), ['p1']).warnings;
    expect(w).toEqual([
      expect.objectContaining({ code: 'ticap-used', subject: 'app', minutes: 6 * 1_440 }),
    ]);
  });

  it('vpar-failback-commit when rights are seized from an nPar running vPars [V9]', () => {
    const inv = inventory({
      complexes: [complex('A', { group: 'g' }), complex('B', { group: 'g' })],
      cells: [...cells('A', 'vh', 2, 4), ...cells('A', 'a2', 1, 4), ...cells('B', 'b1', 2, 4)],
      npars: [npar('A', 'vh', 8, { host: null }), npar('A', 'a2', 4), npar('B', 'b1', 2)],
      vpars: [vpar('A', 'vh', 'va', 4), vpar('A', 'vh', 'vb', 4)],
      groups: [group('g', 8)],
      managers: [manager('g', 'gm')],
      packages: [pkg('app', 4, ['va', 'b1'])],
    });
    const s = whatIf(inv, ['npar:A/vh']);
    expect(s.rights[0]).toMatchObject({ seized: 6 });
    expect(s.warnings.map((w) => `${w.code} ${w.subject}`)).toEqual([
      'reboot-within-12h A/vh',
      'vpar-failback-commit A/vh',
    ]);
  });

  it('gm-colocated when the active manager fails with its partition [G7]', () => {
    const inv = seedFig15({
      managers: [manager('g1', 'db4'), manager('g1', 'ap2', { role: 'standby' })],
    });
    const s = whatIf(inv, ['complex:server2']);
    expect(s.gm[0]).toMatchObject({ inControl: 'ap2', takeover: true });
    expect(s.warnings.map((w) => w.code)).toContain('gm-colocated');
  });

  it('ping-seizure-risk when the manager seizes from a complex in another site [X11]', () => {
    const inv = seedFig15({
      complexes: [
        complex('server1', { group: 'g1', site: 'east' }),
        complex('server2', { group: 'g1', site: 'west' }),
      ],
      managers: [manager('g1', 'ap1', { site: 'west' })],
    });
    expect(codes(inv, ['db1'])).toEqual([
      'ping-seizure-risk server1',
      'reboot-within-12h server1/db1',
    ]);
  });
});
