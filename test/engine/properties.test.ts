/** Invariants of the engine over random small estates (fast-check). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cell, Inventory } from '../../src/domain/types.js';
import { scenarioVerdicts } from '../../src/engine/compare.js';
import { createPlanContext } from '../../src/engine/plan.js';
import { estateArb } from '../helpers/arbitrary.js';
import { params, plan } from '../helpers/engine.js';

const RUNS = { numRuns: 120, seed: 20261125 };

const shuffled = <T>(xs: readonly T[], seed: number): T[] => {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
};

const verdicts = (inv: Inventory): Map<string, boolean> =>
  scenarioVerdicts(createPlanContext(inv, params()), 2);

describe('engine properties', () => {
  it('results do not depend on the order of the inventory rows', () => {
    fc.assert(
      fc.property(estateArb, fc.integer({ min: 1, max: 1e6 }), (inv, seed) => {
        const mixed: Inventory = {
          ...inv,
          complexes: shuffled(inv.complexes, seed),
          cells: shuffled(inv.cells, seed + 1),
          npars: shuffled(inv.npars, seed + 2),
          vpars: shuffled(inv.vpars, seed + 3),
          managers: shuffled(inv.managers, seed + 4),
          packages: shuffled(inv.packages, seed + 5),
        };
        expect(JSON.stringify(plan(mixed, { maxFailures: 2, allScenarios: true }))).toBe(
          JSON.stringify(plan(inv, { maxFailures: 2, allScenarios: true })),
        );
      }),
      RUNS,
    );
  });

  it('the same input gives the same JSON bytes', () => {
    fc.assert(
      fc.property(estateArb, (inv) => {
        expect(JSON.stringify(plan(inv, { maxFailures: 2 }))).toBe(
          JSON.stringify(plan(inv, { maxFailures: 2 })),
        );
      }),
      { ...RUNS, numRuns: 40 },
    );
  });

  it('seized rights never exceed what the failed partitions (and fully failed complexes) held', () => {
    fc.assert(
      fc.property(estateArb, (inv) => {
        const r = plan(inv, { maxFailures: 2, allScenarios: true });
        for (const s of r.scenarios) {
          const downNpars = inv.npars.filter((n) =>
            s.failed.some(
              (f) =>
                f === `npar:${n.complex}/${n.npar}` ||
                f === `complex:${n.complex}` ||
                f.startsWith(`vpar:${n.complex}/${n.npar}/`),
            ),
          );
          const held =
            downNpars.reduce((acc, n) => acc + Math.max(n.rights, n.active), 0) +
            inv.complexes
              .filter((c) => s.outage[c.complex] === 'complete')
              .reduce((acc, c) => acc + c.unassignedRights, 0);
          const seized = s.rights.reduce((acc, g) => acc + g.seized, 0);
          expect(seized).toBeLessThanOrEqual(held);
        }
      }),
      RUNS,
    );
  });

  it('sources always sum to the cores activated, and a lost package activates nothing', () => {
    fc.assert(
      fc.property(estateArb, (inv) => {
        for (const s of plan(inv, { maxFailures: 2, allScenarios: true }).scenarios) {
          for (const p of s.packages) {
            const { own, vpar, complex, pool, seized, ticap } = p.sources;
            const sum = own + vpar + complex + pool + seized + ticap;
            expect(sum).toBe(p.activated);
            if (p.status === 'lost') expect(p.activated).toBe(0);
          }
        }
      }),
      RUNS,
    );
  });

  it('adding core usage rights (unassigned, on every complex) never loses a surviving scenario', () => {
    // More rights: unassigned rights on every complex, or held rights at the manager.
    fc.assert(
      fc.property(estateArb, fc.integer({ min: 1, max: 6 }), (inv, extra) => {
        const before = verdicts(inv);
        const richer: Inventory = {
          ...inv,
          complexes: inv.complexes.map((c) => ({
            ...c,
            unassignedRights: c.unassignedRights + extra,
          })),
        };
        for (const [id, ok] of verdicts(richer))
          if (before.get(id) === true) expect([id, ok]).toEqual([id, true]);
      }),
      RUNS,
    );
  });

  it('adding inactive cores (a cell) to an nPar never loses a surviving scenario', () => {
    fc.assert(
      fc.property(estateArb, fc.nat(), fc.integer({ min: 1, max: 8 }), (inv, pick, cores) => {
        const target = inv.npars[pick % inv.npars.length];
        if (target === undefined) return;
        const cell: Cell = {
          complex: target.complex,
          cell: 'zz-extra',
          npar: target.npar,
          cores,
          active: true,
        };
        const bigger: Inventory = { ...inv, cells: [...inv.cells, cell] };
        const before = verdicts(inv);
        for (const [id, ok] of verdicts(bigger))
          if (before.get(id) === true) expect([id, ok]).toEqual([id, true]);
      }),
      RUNS,
    );
  });
});
