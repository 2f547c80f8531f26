/**
 * `gicap optimize` on hand-checkable estates: the least purchase, its cost, the binding scenarios,
 * the losses no purchase can undo, and the check by construction (the purchase applied to the
 * inventory and the plan re-run: every saveable scenario survives).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/domain/types.js';
import { applyPurchase, purchaseChanges } from '../../src/engine/optimize/apply.js';
import { optimizePurchase, purchaseOf } from '../../src/engine/optimize/optimize.js';
import type { OptimizeResult, PurchaseCosts } from '../../src/domain/purchase.js';
import { createHighsSolver } from '../../src/io/highs.js';
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
import { plan } from '../helpers/engine.js';
import type { LpSolver } from '../../src/domain/solver.js';

let solve: LpSolver;
beforeAll(async () => {
  solve = (await createHighsSolver()).solve;
});

/** The bundled data/costs.csv prices. */
const PRICES: PurchaseCosts = {
  unit: { inactive_core: 1000, core_right: 3000, sharing_right: 400, ticap_unit: 600 },
  maxCores: new Map(),
};

const optimize = (
  inv: Inventory,
  costs = PRICES,
  maxFailures = 1,
  outageHours = 24,
): OptimizeResult =>
  optimizePurchase(
    inv,
    costs,
    { maxFailures, outageHours, tool: { name: 'gicap-planner', version: 'test' } },
    solve,
  );

/** The item list as `kind where quantity cost binding` lines. */
const lines = (r: OptimizeResult): string[] =>
  r.items.map((i) => `${i.kind} ${i.where} ${i.quantity} ${i.cost} ${i.binding ?? '-'}`);

/** Re-run the plan on the purchased inventory: the scenarios that lose a saveable package. */
function replan(inv: Inventory, r: OptimizeResult, maxFailures = 1): string[] {
  const after = plan(applyPurchase(inv, purchaseOf(r)), { maxFailures });
  const unsaveable = new Set(r.unsaveable.map((l) => `${l.scenario}|${l.package}`));
  return after.scenarios
    .filter((s) =>
      s.packages.some((p) => p.status === 'lost' && !unsaveable.has(`${s.id}|${p.package}`)),
    )
    .map((s) => s.id);
}

/** Seed Figure 15 with db2 on one 2-core cell: 2 active cores, none inactive. */
const seedShort = (): Inventory =>
  seedFig15({
    cells: [
      ...cells('server1', 'db1', 2, 4),
      ...cells('server1', 'db3', 2, 4),
      ...cells('server2', 'db2', 1, 2),
      ...cells('server2', 'db4', 2, 4),
    ],
  });

describe('optimize: seed Figure 15 with db2 holding only its 2 active cores', () => {
  it('buys exactly 6 inactive cores on db2 for N+1, no rights, no TiCAP, no sharing rights', () => {
    const inv = seedShort();
    // Today: db1 down sends pkg1 (8 cores) to db2, which has 2 active and 0 inactive: lost.
    expect(plan(inv).summary.lost).toBeGreaterThan(0);
    const r = optimize(inv);
    expect(r.status).toBe('optimal');
    expect(r.confirmed).toBe(true);
    // 8 − 2 active = 6 cores to activate; the 6 rights come from seizing db1 (8 − 2 active cells).
    // Sharing: server1 16 − 14 = 2, server2 (2 + 6 + 8) − 6 = 10: required 12 = the 12 owned.
    expect(lines(r)).toEqual(['inactive-cores server2/db2 6 6000 npar:server1/db1']);
    expect(r.totalCost).toBe(6000);
    expect(r.unsaveable).toEqual([]);
    expect(r.changes).toEqual(['cells.server2/db2-c0.cores=8']);
    expect(r.items[0]?.detail).toBe('server2/db2: installed 2 → 8 cores, inactive 0 → 6');
  });

  it('is checked by construction: the plan re-run on the purchased estate loses nothing', () => {
    const inv = seedShort();
    const r = optimize(inv);
    const after = applyPurchase(inv, purchaseOf(r));
    const report = plan(after);
    expect(report.summary.lost).toBe(0);
    expect(report.groups[0]?.sharingRightsRequired).toBe(12);
    expect(report.groups[0]?.compliant).toBe(true);
  });

  it('for N+2 also buys 6 rights on server2: with ap1 down nothing is seized [M1]', () => {
    const inv = seedShort();
    const r = optimize(inv, PRICES, 2);
    expect(r.confirmed).toBe(true);
    // db1 + manager host ap1 down: no manager, no seizure; db2 activates 6 with its complex's
    // unassigned rights (spec 3.2 step 3b), so 6 rights at 3,000 on server2.
    expect(lines(r)).toEqual([
      'inactive-cores server2/db2 6 6000 npar:server1/db1',
      'core-rights server2 6 18000 host:ap1 + npar:server1/db1',
    ]);
    expect(r.totalCost).toBe(24_000);
    // With db1 and db2 both down pkg1 has no node left: reported, not an error.
    expect(r.unsaveable.map((l) => `${l.scenario} ${l.package} ${l.reason}`)).toContain(
      'npar:server1/db1 + npar:server2/db2 pkg1 no-surviving-node',
    );
    expect(replan(inv, r, 2)).toEqual([]);
  });

  it('buys nothing for the seed as published (6 inactive cores already on db2)', () => {
    const r = optimize(seedFig15());
    expect(r.status).toBe('nothing-to-buy');
    expect(r.items).toEqual([]);
    expect(r.totalCost).toBe(0);
    expect(r.solver.rounds).toBe(1);
  });

  it('buys sharing rights for a group that is not compliant today [G1]', () => {
    // 12 cores without rights, 9 sharing rights owned: 3 to buy (400 each), or 3 rights (3000).
    const inv = seedFig15({ groups: [group('g1', 9)] });
    const r = optimize(inv);
    expect(lines(r)).toEqual(['sharing-rights g1 3 1200 compliance']);
  });
});

/**
 * Two packages on P (complex CP, group g) move when CP fails. p1 (6 cores) goes first to X, on CX
 * outside any group: X has 2 active and 6 inactive cores but no right to activate them; then to Y
 * (CY, group g), which has 2 active cores and none inactive. p2 (2 cores) goes to Y only, which
 * takes it on its 2 idle active cores. Seizing P yields 8 − 2 active cells = 6 rights for Y.
 * Either buy 4 rights on CX (p1 on X: 6 − 2 active = 4 cores to activate), or 6 cores on Y
 * (p1 on Y: 6 − 2 = 4, then p2: 2 more) with the seized 6 rights and the sharing rights
 * CY then needs: (2 + 6) − 2 = 6 cores without rights against 4 owned, so 2.
 */
const twoPackages = (): Inventory =>
  inventory({
    complexes: [complex('CP', { group: 'g' }), complex('CX'), complex('CY', { group: 'g' })],
    cells: [...cells('CP', 'P', 2, 4), ...cells('CX', 'X', 2, 4), ...cells('CY', 'Y', 1, 2)],
    npars: [npar('CP', 'P', 8), npar('CX', 'X', 2), npar('CY', 'Y', 2)],
    groups: [group('g', 4)],
    managers: [manager('g', 'gm')],
    packages: [
      // Restart exits (2): a failed start on X lets p1 try Y [C10].
      pkg('p1', 6, ['P', 'X', 'Y'], { priority: 10, onStartFailure: 'next' }),
      pkg('p2', 2, ['P', 'Y'], { priority: 20, onStartFailure: 'next' }),
    ],
  });

describe('optimize: buying rights against buying cores (two packages)', () => {
  it('buys 4 rights on CX when a right costs less than a core', () => {
    // Rights: 4 × 500 = 2,000. Cores: 6 × 1,000 + 2 sharing × 400 = 6,800.
    const costs: PurchaseCosts = {
      unit: { inactive_core: 1000, core_right: 500, sharing_right: 400, ticap_unit: 600 },
      maxCores: new Map(),
    };
    const inv = twoPackages();
    const r = optimize(inv, costs);
    expect(lines(r)).toEqual(['core-rights CX 4 2000 complex:CP']);
    expect(r.totalCost).toBe(2000);
    expect(r.changes).toEqual(['complexes.CX.unassigned_rights=4']);
    expect(replan(inv, r)).toEqual([]);
    const moved = plan(applyPurchase(inv, purchaseOf(r)), { allScenarios: true })
      .scenarios.find((s) => s.id === 'complex:CP')
      ?.packages.map((p) => `${p.package}→${p.to ?? '-'}`);
    expect(moved).toEqual(['p1→X', 'p2→Y']);
  });

  it('buys 6 cores on Y and 2 sharing rights when cores are cheaper', () => {
    // Rights: 4 × 3,000 = 12,000. Cores: 6 × 1,000 + 2 × 400 = 6,800.
    const inv = twoPackages();
    const r = optimize(inv);
    expect(lines(r)).toEqual([
      'inactive-cores CY/Y 6 6000 complex:CP',
      'sharing-rights g 2 800 compliance',
    ]);
    expect(r.totalCost).toBe(6800);
    expect(replan(inv, r)).toEqual([]);
    const moved = plan(applyPurchase(inv, purchaseOf(r)), { allScenarios: true })
      .scenarios.find((s) => s.id === 'complex:CP')
      ?.packages.map((p) => `${p.package}→${p.to ?? '-'}`);
    expect(moved).toEqual(['p1→Y', 'p2→Y']);
  });

  it('respects the max cores of the costs file: with Y capped at 4 cores, rights are the way', () => {
    // Y can take 2 more cores only: p1 cannot go there, so 4 rights on CX (12,000) it is.
    const inv = twoPackages();
    const r = optimize(inv, { ...PRICES, maxCores: new Map([['CY/Y', 4]]) });
    expect(lines(r)).toEqual(['core-rights CX 4 12000 complex:CP']);
    expect(replan(inv, r)).toEqual([]);
  });
});

/**
 * A lab complex outside any group: l1 runs t (4 cores), l2 runs b (4 cores), each the other's
 * adoptive, both allowed TiCAP. Each nPar has 8 cores installed, 4 rights, 4 active: a move needs
 * 4 more cores and 4 rights, and nothing can lend them. TiCAP for a 24 h outage: 4 cores × 1,440 =
 * 5,760 core-minutes, within one unit (43,200) at 600, against 4 rights at 3,000 each.
 */
const lab = (): Inventory =>
  inventory({
    complexes: [complex('L')],
    cells: [...cells('L', 'l1', 2, 4), ...cells('L', 'l2', 2, 4)],
    npars: [npar('L', 'l1', 4), npar('L', 'l2', 4)],
    packages: [
      pkg('t', 4, ['l1', 'l2'], { ticap: true }),
      pkg('b', 4, ['l2', 'l1'], { ticap: true }),
    ],
  });

describe('optimize: TiCAP units', () => {
  it('buys one TiCAP unit rather than 4 rights for a 24 h outage', () => {
    const inv = lab();
    const r = optimize(inv);
    expect(lines(r)).toEqual(['ticap-units L 1 600 npar:L/l1']);
    expect(r.items[0]?.detail).toBe('L: TiCAP balance 0 → 43200 core-minutes');
    // The whole complex down leaves both packages without a node: no purchase helps.
    expect(r.unsaveable.map((l) => `${l.scenario} ${l.package}`)).toEqual([
      'complex:L b',
      'complex:L t',
    ]);
    expect(replan(inv, r)).toEqual([]);
  });

  it('buys two units when the outage outlasts one: 4 cores × 12,000 min (200 h) = 48,000', () => {
    const r = optimize(lab(), PRICES, 1, 200);
    expect(lines(r)).toEqual(['ticap-units L 2 1200 npar:L/l1']);
  });

  it('buys rights when TiCAP is dearer: 4 × 3,000 < 1 unit at 20,000', () => {
    const r = optimize(lab(), { ...PRICES, unit: { ...PRICES.unit, ticap_unit: 20_000 } });
    expect(lines(r)).toEqual(['core-rights L 4 12000 npar:L/l1']);
  });
});

describe('optimize: losses no purchase can undo', () => {
  it('reports a package with one node as unsaveable, buys nothing for it, and does not fail', () => {
    const inv = seedFig15({
      packages: [pkg('pkg1', 8, ['db1', 'db2']), pkg('solo', 2, ['db3'])],
    });
    const r = optimize(inv);
    expect(r.confirmed).toBe(true);
    expect(r.items).toEqual([]);
    expect(r.unsaveable.map((l) => `${l.scenario} ${l.package} ${l.reason}`)).toEqual([
      'complex:server1 solo no-surviving-node',
      'npar:server1/db3 solo no-surviving-node',
    ]);
    expect(r.scenarios).toEqual({ total: 7, losingBefore: 2, losingAfter: 2, unsaveable: 2 });
    expect(r.unsaveable[1]?.detail).toBe(
      'no node of solo is up (its nodes: db3); only another node in its list could help',
    );
  });

  it('still buys for the other packages of a scenario with an unsaveable loss', () => {
    const inv = seedFig15({
      cells: [
        ...cells('server1', 'db1', 2, 4),
        ...cells('server1', 'db3', 2, 4),
        ...cells('server2', 'db2', 1, 2),
        ...cells('server2', 'db4', 2, 4),
      ],
      packages: [pkg('pkg1', 8, ['db1', 'db2']), pkg('solo', 2, ['db1'])],
    });
    const r = optimize(inv);
    // pkg1 still needs 6 cores on db2 when db1 (and with it solo) fails.
    expect(lines(r)).toEqual(['inactive-cores server2/db2 6 6000 npar:server1/db1']);
    expect(r.unsaveable.map((l) => `${l.scenario} ${l.package}`)).toEqual([
      'complex:server1 solo',
      'npar:server1/db1 solo',
    ]);
    expect(replan(inv, r)).toEqual([]);
  });
});

describe('applyPurchase and purchaseChanges', () => {
  it('adds cores to the first active cell, rights and TiCAP to the complex, sharing rights to the group', () => {
    const inv = seedFig15();
    const purchase = {
      cores: new Map([['server2/db2', 3]]),
      rights: new Map([['server1', 2]]),
      ticap: new Map([['server2', 1]]),
      sharing: new Map([['g1', 5]]),
    };
    const after = applyPurchase(inv, purchase);
    expect(after.cells.find((c) => c.cell === 'db2-c0')?.cores).toBe(7);
    expect(after.complexes.map((c) => [c.complex, c.unassignedRights, c.ticapMinutes])).toEqual([
      ['server1', 2, 0],
      ['server2', 0, 43_200],
    ]);
    expect(after.groups[0]?.sharingRights).toBe(17);
    expect(purchaseChanges(inv, purchase)).toEqual([
      'cells.server2/db2-c0.cores=7',
      'complexes.server1.unassigned_rights=2',
      'complexes.server2.ticap_minutes=43200',
      'groups.g1.sharing_rights=17',
    ]);
  });
});
