/** Worked examples of domain-rules.md section 4 as engine fixtures, figures asserted exactly. */
import { describe, expect, it } from 'vitest';
import {
  cells,
  complex,
  group,
  inventory,
  manager,
  npar,
  pkg,
  seedFig15,
} from '../helpers/builders.js';
import { plan, whatIf } from '../helpers/engine.js';

describe('E3: manual partial outage (S1 Fig.7–9)', () => {
  it('seizes 6 from db1, leaves 2 (one per active cell), no loan since db3 is up', () => {
    const s = whatIf(seedFig15(), ['db1']);
    expect(s.failed).toEqual(['npar:server1/db1']);
    expect(s.rights[0]).toMatchObject({ seized: 6, loaned: 0 });
    expect(s.warnings.some((w) => w.code === 'loan-expires-10d')).toBe(false);
  });
});

describe('E6: UG seizure arithmetic [S5 p.145]', () => {
  it('a 2-cell nPar consuming 6 rights yields 4 on seizure', () => {
    const inv = seedFig15({
      npars: [
        npar('server1', 'db1', 6),
        npar('server1', 'db3', 6),
        npar('server2', 'db2', 2),
        npar('server2', 'db4', 4),
      ],
      packages: [pkg('pkg1', 6, ['db1', 'db2'])],
    });
    const s = whatIf(inv, ['npar:server1/db1']);
    expect(s.rights[0]).toMatchObject({ seized: 4, gmHeldAfter: 0 });
    expect(s.packages[0]).toMatchObject({
      status: 'moved',
      activated: 4,
      sources: { own: 0, vpar: 0, complex: 0, pool: 0, seized: 4, ticap: 0 },
    });
  });
});

describe('E7: group accounting during seizure [S6 p.164]', () => {
  // Member A: 7 cores (4 + 3), rights 4 on 2 active cells → 3 without rights; member B: 6 cores,
  // rights 3 → 3 without rights. Group total 6.
  const inv = inventory({
    complexes: [complex('A', { group: 'g' }), complex('B', { group: 'g' })],
    cells: [
      { complex: 'A', cell: 'a0', npar: 'a1', cores: 4, active: true },
      { complex: 'A', cell: 'a1', npar: 'a1', cores: 3, active: true },
      ...cells('B', 'b1', 2, 3),
    ],
    npars: [npar('A', 'a1', 4), npar('B', 'b1', 3)],
    groups: [group('g', 6)],
    managers: [manager('g', 'gm')],
    packages: [pkg('app', 4, ['a1', 'b1'])],
  });

  it('requires 6 sharing rights for the group', () => {
    expect(plan(inv).groups[0]).toMatchObject({ sharingRightsRequired: 6, compliant: true });
  });

  it('seizes 2 from unreachable A (a 10-day loan), B uses 1, the manager holds 1', () => {
    const s = whatIf(inv, ['complex:A']);
    expect(s.outage).toEqual({ A: 'complete' });
    expect(s.rights[0]).toEqual({
      group: 'g',
      seized: 2,
      loaned: 2,
      heldBefore: 0,
      gmHeldAfter: 1,
      ticapMinutes: 0,
    });
    expect(s.packages[0]).toMatchObject({ to: 'b1', activated: 1 });
    expect(s.warnings.map((w) => w.code)).toEqual(['loan-expires-10d']);
  });
});

describe('E12: TiCAP manual failover (S1 Fig.4–5)', () => {
  // Sys1: 8 active on 2 cells, full rights; Sys2: 2 active + 6 inactive, 3 TiCAP units.
  const inv = inventory({
    complexes: [complex('Sys1'), complex('Sys2', { ticapMinutes: 3 * 43_200 })],
    cells: [...cells('Sys1', 'p1', 2, 4), ...cells('Sys2', 'p2', 2, 4)],
    npars: [npar('Sys1', 'p1', 8), npar('Sys2', 'p2', 2)],
    packages: [pkg('app', 8, ['p1', 'p2'], { ticap: true })],
  });

  it('after one day 6 cores used 8,640 core-minutes: 84 core-days are left', () => {
    const s = whatIf(inv, ['p1'], { outageHours: 24 });
    expect(s.packages[0]).toMatchObject({ status: 'moved', activated: 6, ticapMinutes: 8_640 });
    expect(s.packages[0]?.sources.ticap).toBe(6);
    expect((3 * 43_200 - 8_640) / 1_440).toBe(84);
    expect(s.warnings).toEqual([
      {
        code: 'ticap-used',
        subject: 'app',
        detail: '6 cores of app run on TiCAP for the outage: 8640 core-minutes [T1, T2]',
        minutes: 8_640,
      },
    ]);
  });

  it('lasts exactly 15 days with all 6 cores active (90 core-days / 6)', () => {
    expect(whatIf(inv, ['p1'], { outageHours: 15 * 24 }).survives).toBe(true);
    const longer = whatIf(inv, ['p1'], { outageHours: 15 * 24 + 0.5 });
    expect(longer.survives).toBe(false);
    expect(longer.packages[0]?.reason).toBe('insufficient-ticap');
  });

  it('charges whole 30-minute steps per core [T2]', () => {
    expect(whatIf(inv, ['p1'], { outageHours: 1 / 60 }).packages[0]?.ticapMinutes).toBe(6 * 30);
  });
});

describe('Superdome 2 seizure [X3, Q9]', () => {
  // SD2 complex S: blades as cells; s1 (2 × 8 cores, rights 10), s2 (1 × 8, rights 4); 3 unassigned.
  // Cellular complex C: c1 (2 active of 2 × 8 installed), the adoptive.
  const sd2 = (pkgCores: number) =>
    inventory({
      complexes: [
        complex('S', { platform: 'sd2', group: 'g', unassignedRights: 3 }),
        complex('C', { group: 'g' }),
      ],
      cells: [...cells('S', 's1', 2, 8), ...cells('S', 's2', 1, 8), ...cells('C', 'c1', 2, 8)],
      npars: [npar('S', 's1', 10), npar('S', 's2', 4), npar('C', 'c1', 2)],
      groups: [group('g', 40)],
      managers: [manager('g', 'gm')],
      packages: [pkg('app', pkgCores, ['s1', 'c1'])],
    });

  it('whole complex down: seizes Σ rights + unassigned − 1 = 10 + 4 + 3 − 1 = 16, all on a 10-day loan', () => {
    const s = whatIf(sd2(10), ['complex:S']);
    expect(s.rights[0]).toEqual({
      group: 'g',
      seized: 16,
      loaned: 16,
      heldBefore: 0,
      gmHeldAfter: 8,
      ticapMinutes: 0,
    });
    expect(s.packages[0]).toMatchObject({ to: 'c1', activated: 8, sources: { seized: 8 } });
  });

  it('one nPar down, another up: all its 10 rights are released through the OA, permanently', () => {
    const s = whatIf(sd2(10), ['npar:S/s1']);
    expect(s.outage).toEqual({ S: 'partial' });
    expect(s.rights[0]).toMatchObject({ seized: 10, loaned: 0, gmHeldAfter: 2 });
  });
});
