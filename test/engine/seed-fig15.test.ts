/** Worked example E2 (domain-rules.md, S1 Fig.15, seed 004): the seed's automated partial outage. */
import { describe, expect, it } from 'vitest';
import { seedFig15 } from '../helpers/builders.js';
import { plan, whatIf } from '../helpers/engine.js';

describe('E2: seed Figure 15, db1 fails (partial outage)', () => {
  const s = whatIf(seedFig15(), ['npar:server1/db1']);

  it('moves pkg1 to db2, activating 6 cores with 6 rights seized from db1', () => {
    expect(s.survives).toBe(true);
    expect(s.outage).toEqual({ server1: 'partial' });
    expect(s.packages).toHaveLength(1);
    const p = s.packages[0];
    expect(p?.status).toBe('moved');
    expect(p?.from).toBe('db1');
    expect(p?.to).toBe('db2');
    expect(p?.activated).toBe(6);
    expect(p?.sources).toEqual({ own: 0, vpar: 0, complex: 0, pool: 0, seized: 6, ticap: 0 });
  });

  it('seizes 6 (8 − 2 cells) permanently and leaves nothing at the manager', () => {
    expect(s.rights).toEqual([
      { group: 'g1', seized: 6, loaned: 0, heldBefore: 0, gmHeldAfter: 0, ticapMinutes: 0 },
    ]);
    expect(s.gm).toEqual([
      {
        group: 'g1',
        inControl: 'ap1',
        takeover: false,
        takeoverMode: null,
        gmTakeover: null,
        gmFailover: null,
      },
    ]);
  });

  it('warns that db1 must be rebooted within 12 hours [X8]', () => {
    expect(s.warnings.map((w) => `${w.code} ${w.subject}`)).toEqual([
      'reboot-within-12h server1/db1',
    ]);
  });
});

describe('E2 plan, N+1', () => {
  const r = plan(seedFig15());

  it('evaluates the 7 single failures and all survive', () => {
    expect(r.summary).toMatchObject({
      scenarios: 7,
      survived: 7,
      lost: 0,
      packagesLost: 0,
      skippedEquivalent: 0,
    });
  });

  it('sizes db2 at 6 inactive cores, bound by db1 failing', () => {
    const db2 = r.partitions.find((p) => p.npar === 'db2');
    expect(db2).toMatchObject({
      installedCores: 8,
      rights: 2,
      activeCores: 2,
      inactiveCores: 6,
      minimumInactiveCores: 6,
      shortfall: 0,
    });
    expect(db2?.bindingScenario).toBe('npar:server1/db1');
  });

  it('requires 12 sharing rights (owned 12, compliant) and 6 at the minimum', () => {
    expect(r.groups).toEqual([
      {
        group: 'g1',
        members: ['server1', 'server2'],
        sharingRightsOwned: 12,
        sharingRightsRequired: 12,
        sharingRightsMinimum: 6,
        compliant: true,
        shortfall: 0,
      },
    ]);
  });
});
