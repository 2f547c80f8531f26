/**
 * Sizing and the optimizer draw the same line (issue 12, point 6): a package no purchase can save
 * adds no sizing demand, and a purchase never grows a cell past what its platform holds.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { lossNoPurchaseCanFix, NO_PURCHASE_CAN_FIX } from '../../src/domain/loss.js';
import { LOSS_REASONS } from '../../src/domain/result.js';
import type { Inventory } from '../../src/domain/types.js';
import { DownState } from '../../src/engine/failure-units.js';
import { applyPurchase, platformMaxCores } from '../../src/engine/optimize/apply.js';
import { EMPTY_PURCHASE } from '../../src/domain/purchase.js';
import { createPlanContext } from '../../src/engine/plan.js';
import { evaluateScenario } from '../../src/engine/scenario.js';
import { purchasableDemand } from '../../src/engine/sizing-demand.js';
import { loadInventory } from '../../src/io/load-inventory.js';
import { cells, seedFig15 } from '../helpers/builders.js';
import { params, plan } from '../helpers/engine.js';

let mixed: Inventory;
beforeAll(async () => {
  mixed = await loadInventory(fileURLToPath(new URL('../../data/mixed-estate', import.meta.url)));
});

describe('which losses a purchase can fix', () => {
  it('classifies every loss reason, and a loss by every node it tried', () => {
    expect(LOSS_REASONS.filter((r) => NO_PURCHASE_CAN_FIX[r])).toEqual([
      'no-surviving-node',
      'vpar-max',
      'static-vpar',
      'cluster-halted',
      'auto-run-off',
      'dependency',
      'site-preferred-manual',
      'no-eligible-node',
    ]);
    const attempt = (reason: (typeof LOSS_REASONS)[number]) => ({ reason });
    expect(lossNoPurchaseCanFix({ reason: 'no-surviving-node', attempts: [] })).toBe(true);
    expect(lossNoPurchaseCanFix({ reason: 'vpar-max', attempts: [attempt('vpar-max')] })).toBe(
      true,
    );
    // The first node is a vPar at its max, but the second was only short of cores: buy them there.
    expect(
      lossNoPurchaseCanFix({
        reason: 'vpar-max',
        attempts: [attempt('vpar-max'), attempt('insufficient-inactive-cores')],
      }),
    ).toBe(false);
  });
});

describe('sizing leaves out the demand of losses no purchase can fix', () => {
  const BINDING = 'npar:west-sd1/np-app + vpar:east-sd1/np-app/eapp2';

  it('reporting, lost at eapp1’s vPar max, no longer sets east-sd1/np-app’s minimum', () => {
    const ctx = createPlanContext(mixed, params());
    const byId = new Map(ctx.index.units.map((u, i) => [u.id, i]));
    const down = new DownState(ctx.estate, ctx.index);
    down.apply(
      BINDING.split(' + ')
        .map((id) => byId.get(id) ?? -1)
        .sort((a, b) => a - b),
    );
    const ev = evaluateScenario(ctx, down);
    const reporting = ev.packages.find((p) => p.pkg.name === 'reporting');
    expect(reporting?.status).toBe('lost');
    expect(reporting?.reason).toBe('vpar-max');
    const npApp = ctx.estate.npars.find((n) => n.key === 'east-sd1/np-app');
    const eapp1 = ctx.estate.vpars.find((v) => v.name === 'eapp1');
    if (npApp === undefined || eapp1 === undefined) throw new Error('mixed estate changed');
    // The engine's raw demand counts reporting's 4 cores on eapp1: 9 on np-app, 1 over its 8.
    expect(ev.nparNeed.get(npApp.idx)).toBe(9);
    expect(ev.vparNeed.get(eapp1.idx)).toBe(9);
    // Without them: erp-app2 (3) and erp-app3 (4) on eapp1 need 5 of np-app's inactive cores.
    const demand = purchasableDemand(ctx.estate, ev);
    expect(demand.npar.get(npApp.idx)).toBe(5);
    expect(demand.vpar.get(eapp1.idx)).toBe(5);
  });

  it('so the N+2 plan of the mixed estate has no shortfall, as optimize buys no inactive core', () => {
    const report = plan(mixed, { maxFailures: 2 });
    const npApp = report.partitions.find((p) => p.npar === 'np-app' && p.complex === 'east-sd1');
    expect(npApp).toMatchObject({
      vpar: null,
      inactiveCores: 8,
      minimumInactiveCores: 8,
      bindingScenario: 'npar:west-sd1/np-app',
      shortfall: 0,
    });
    expect(report.partitions.filter((p) => p.shortfall > 0)).toEqual([]);
    expect(report.summary.packagesLostByReason).toEqual([
      // A dependent of a lost package is lost with it [P4] (sap-app1, sap-app2; web-e).
      { reason: 'no-surviving-node', packages: 71, noPurchaseCanFix: true },
      // No manager in control, nothing crosses complexes [M1]: rights bought on the adoptive
      // node's own complex fix these (optimize buys exactly that).
      { reason: 'gm-unavailable', packages: 14, noPurchaseCanFix: false },
      { reason: 'vpar-max', packages: 2, noPurchaseCanFix: true },
      { reason: 'cluster-halted', packages: 252, noPurchaseCanFix: true },
      // A dependent is judged by the package it depends on, as the optimizer sizes it:
      // lost with a package that no manager in control lost (gm-unavailable), a purchase saves both.
      { reason: 'dependency', packages: 1, noPurchaseCanFix: false },
      { reason: 'dependency', packages: 17, noPurchaseCanFix: true },
    ]);
    expect(report.summary).toMatchObject({
      lostFixable: 5,
      packagesLostFixable: 15,
      lostUnfixable: 43,
      packagesLostUnfixable: 342,
    });
  });

  it('and optimize leaves exactly the losses the plan calls unsaveable (plan and optimize agree)', async () => {
    const { optimizePurchase } = await import('../../src/engine/index.js');
    const { createHighsSolver } = await import('../../src/io/highs.js');
    const { loadCosts } = await import('../../src/io/load-costs.js');
    const costs = await loadCosts(
      fileURLToPath(new URL('../../data/costs.csv', import.meta.url)),
      mixed,
    );
    const solver = await createHighsSolver();
    const result = optimizePurchase(
      mixed,
      costs,
      { maxFailures: 2, outageHours: 24, tool: { name: 'gicap', version: 'test' } },
      solver.solve,
    );
    const report = plan(mixed, { maxFailures: 2 });
    expect(result.confirmed).toBe(true);
    expect(result.unsaveable).toHaveLength(report.summary.packagesLostUnfixable);
    expect(new Set(result.unsaveable.map((u) => u.scenario)).size).toBe(
      report.summary.lostUnfixable,
    );
  }, 60_000);
});

describe('a purchase stays within what the platform’s cells hold', () => {
  // Seed Figure 15 with db2 on two 4-core cellular cells (8 cores per cell at most).
  const inv = seedFig15();

  it('bounds every nPar the costs file does not: active cells × cores per cell', () => {
    const bounds = platformMaxCores(inv, new Map([['server1/db1', 10]]));
    expect(bounds.get('server1/db1')).toBe(10); // the costs file wins
    expect(bounds.get('server2/db2')).toBe(16); // 2 cellular cells × 8
    const sd2 = platformMaxCores(
      {
        ...inv,
        complexes: inv.complexes.map((c) => ({ ...c, platform: 'sd2' as const })),
      },
      new Map(),
    );
    expect(sd2.get('server2/db2')).toBe(32); // 2 SD2 blades × 16
  });

  it('fills the cells in order up to 8 cores each: 6 bought on db2 make 8 + 6, not a 10-core cell', () => {
    const after = applyPurchase(inv, {
      ...EMPTY_PURCHASE,
      cores: new Map([['server2/db2', 6]]),
    });
    expect(after.cells.filter((c) => c.npar === 'db2').map((c) => [c.cell, c.cores])).toEqual([
      ['db2-c0', 8],
      ['db2-c1', 6],
    ]);
    // One more cell of 2 cores stays as it is when nothing is bought for it.
    const small = { ...inv, cells: [...inv.cells, ...cells('server2', 'db4', 1, 2)] };
    expect(applyPurchase(small, EMPTY_PURCHASE).cells).toEqual(small.cells);
  });
});
