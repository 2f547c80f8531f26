/** Partial vPar outage [V7]: a down vPar releases `cores − min` from a surviving vPar. */
import { describe, expect, it } from 'vitest';
import type { VPar } from '../../src/domain/types.js';
import { cells, complex, group, inventory, manager, npar, pkg, vpar } from '../helpers/builders.js';
import { plan, whatIf } from '../helpers/engine.js';

/**
 * Complex A: nPar vh (3 × 4 cores, 8 rights, 8 active) runs vPars va (4 cores) and vb (4 cores, min 1);
 * nPar a2 (4 active + 4 inactive, rights 4). Complex B: b1 (2 active + 6 inactive). Group g, manager gm.
 * va and a2 each run a 4-core load package.
 */
function estate(vb: Partial<VPar> = {}, packages = [pkg('app', 4, ['vb', 'va'])]) {
  return inventory({
    complexes: [complex('A', { group: 'g' }), complex('B', { group: 'g' })],
    cells: [...cells('A', 'vh', 3, 4), ...cells('A', 'a2', 2, 4), ...cells('B', 'b1', 2, 4)],
    npars: [npar('A', 'vh', 8, { host: null }), npar('A', 'a2', 4), npar('B', 'b1', 2)],
    vpars: [vpar('A', 'vh', 'va', 4, { max: 12 }), vpar('A', 'vh', 'vb', 4, { min: 1, ...vb })],
    groups: [group('g', 20)],
    managers: [manager('g', 'gm')],
    // va and a2 are fully used by their own load, so a moved package needs more cores there.
    packages: [pkg('load-va', 4, ['va']), pkg('load-a2', 4, ['a2']), ...packages],
  });
}

describe('partial vPar outage [V7]', () => {
  it('a sibling vPar takes the released cores directly, and the rest needs rights', () => {
    const s = whatIf(estate(), ['vpar:A/vh/vb']);
    expect(s.outage).toEqual({});
    // vb releases 3 (4 − min 1) straight to va; va needs 4 more, so 1 must be activated on vh, and
    // no right is left anywhere (no nPar is down to seize from): lost, short by 1.
    expect(s.packages[0]?.attempts).toEqual([
      {
        node: 'va',
        ok: false,
        reason: 'insufficient-rights',
        needed: 4,
        available: 3,
        detail:
          'va has 4 active cores with 4 in use; app needs 4: rights found for 3 of 4 cores (vPar release 3); short by 1',
      },
    ]);
  });

  it('with one more right the remaining core is activated on the nPar', () => {
    const s = whatIf(estate({}, [pkg('app', 3, ['vb', 'va'])]), ['vpar:A/vh/vb']);
    expect(s.survives).toBe(true);
    expect(s.packages[0]).toMatchObject({ activated: 3, sources: { vpar: 3 } });
    expect(s.rights[0]).toMatchObject({ seized: 0 });
  });

  it('another nPar of the complex takes them as rights (icapmodify -d, then -a)', () => {
    const s = whatIf(estate({}, [pkg('app', 3, ['vb', 'a2'])]), ['vpar:A/vh/vb']);
    expect(s.packages[0]).toMatchObject({
      to: 'a2',
      activated: 3,
      sources: { own: 0, vpar: 3, complex: 0, pool: 0, seized: 0, ticap: 0 },
    });
  });

  it('a static down vPar releases nothing [V6, V7]', () => {
    const s = whatIf(estate({ static: true }, [pkg('app', 3, ['vb', 'a2'])]), ['vpar:A/vh/vb']);
    expect(s.packages[0]).toMatchObject({ status: 'lost', reason: 'insufficient-rights' });
    expect(s.packages[0]?.attempts[0]).toMatchObject({ node: 'a2', needed: 3, available: 0 });
  });

  it('sizing subtracts what the down vPars released from the vPar and its nPar', () => {
    const r = plan(estate({}, [pkg('app', 6, ['vb', 'va'])]), { maxFailures: 1 });
    const va = r.partitions.find((p) => p.vpar === 'va');
    const vh = r.partitions.find((p) => p.npar === 'vh' && p.vpar === null);
    // vb down: va must grow by 6, 3 released by vb, so 3 inactive cores of vh.
    expect(va).toMatchObject({
      minimumInactiveCores: 3,
      bindingScenario: 'vpar:A/vh/vb',
      installedCores: null,
      rights: null,
      inactiveCores: 4,
    });
    expect(vh).toMatchObject({ minimumInactiveCores: 3, bindingScenario: 'vpar:A/vh/vb' });
  });
});
