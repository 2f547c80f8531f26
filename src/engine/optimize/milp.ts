/**
 * The mixed-integer program of `gicap optimize` (stated in the README, "Optimizer model"): integer
 * purchase variables (inactive cores per nPar, core usage rights and TiCAP units per complex, sharing
 * rights per group) shared by one feasibility block per scenario that loses a package today
 * (block-model.ts: the engine's placement, exact but for which candidate node a package lands on),
 * the sharing-rights requirement after the purchase [G1], and the cuts of purchases the engine
 * rejected. Minimises the purchase's cost. Pure. Units: cores, rights, TiCAP units, core-minutes.
 */
import type { Estate } from '../estate.js';
import type { ScenarioBlock } from './blocks.js';
import { addBlock } from './block-model.js';
import { LpModel, TermSum } from './lp-model.js';
import { TICAP_UNIT_MINUTES, type PurchaseCosts } from '../../domain/purchase.js';

/** A purchase that the engine rejected: at least one of `vars` must grow past its value. */
export interface NoGoodCut {
  readonly values: ReadonlyMap<string, number>;
}

export interface MilpOptions {
  readonly outageMinutes: number;
  /**
   * Let packages go unplaced at a penalty (phase 1: find the packages no purchase can place together,
   * e.g. two packages that do not fit one vPar's max); the objective is then their number.
   */
  readonly allowLoss: boolean;
  /** `block index/package index` pairs left unplaced (phase 2 after phase 1). */
  readonly lost: ReadonlySet<string>;
  readonly cuts: readonly NoGoodCut[];
}

export interface Milp {
  readonly model: LpModel;
  /** Purchase variable names, by what they buy. */
  readonly x: ReadonlyMap<number, string>;
  readonly r: ReadonlyMap<number, string>;
  readonly u: ReadonlyMap<number, string>;
  readonly s: ReadonlyMap<number, string>;
  /** Per block: the purchase variables its rows mention (what could change its verdict). */
  readonly blockVars: readonly ReadonlySet<string>[];
  /** `block/package` → loss variable (with allowLoss). */
  readonly lossVars: ReadonlyMap<string, string>;
}

export function buildMilp(
  estate: Estate,
  blocks: readonly ScenarioBlock[],
  costs: PurchaseCosts,
  opts: MilpOptions,
): Milp {
  const model = new LpModel();
  const x = new Map<number, string>();
  const r = new Map<number, string>();
  const u = new Map<number, string>();
  const s = new Map<number, string>();
  const buy = opts.allowLoss ? 0 : 1;
  const cost = costs.unit;

  // TiCAP is charged in 30-minute steps per core for the whole outage [T1, T2].
  const minutesPerCore = Math.ceil(opts.outageMinutes / 30) * 30;
  // Bounds that no useful purchase reaches (finite, for the blocks' big-M rows): cores and rights
  // for every core any scenario can add (rights also for every core of the complex, to cover its
  // sharing), TiCAP for all of them over the outage.
  let mostExtra = 1;
  for (const p of estate.packages) mostExtra += p.cores;
  for (const n of estate.nodes) mostExtra += Math.max(0, n.baseUsed - n.active);
  const xVar = (m: number): string => {
    let name = x.get(m);
    if (name === undefined) {
      const npar = estate.npars[m];
      const max = npar === undefined ? undefined : costs.maxCores.get(npar.key);
      const room =
        max === undefined || npar === undefined ? Infinity : Math.max(0, max - npar.installed);
      const ub = Math.min(room, mostExtra);
      name = model.addVar(`x${m}`, { kind: 'integer', ub, cost: buy * cost.inactive_core });
      x.set(m, name);
    }
    return name;
  };
  const rVar = (c: number): string => {
    let name = r.get(c);
    if (name === undefined) {
      const ub = mostExtra + Math.max(0, coresWithoutRights(estate, c));
      name = model.addVar(`r${c}`, { kind: 'integer', ub, cost: buy * cost.core_right });
      r.set(c, name);
    }
    return name;
  };
  const uVar = (c: number): string => {
    let name = u.get(c);
    if (name === undefined) {
      const ub = Math.ceil((mostExtra * minutesPerCore) / TICAP_UNIT_MINUTES);
      name = model.addVar(`u${c}`, { kind: 'integer', ub, cost: buy * cost.ticap_unit });
      u.set(c, name);
    }
    return name;
  };

  const blockVars: Set<string>[] = [];
  const lossVars = new Map<string, string>();
  blocks.forEach((block, bi) => {
    const used = new Set<string>();
    blockVars.push(used);
    const skip = new Set<number>();
    block.packages.forEach((_, pi) => {
      if (opts.lost.has(`${bi}/${pi}`)) skip.add(pi);
    });
    const losses = addBlock(
      model,
      estate,
      block,
      bi,
      { x: xVar, r: rVar, u: uVar },
      {
        minutesPerCore,
        skip,
        allowLoss: opts.allowLoss,
        touch: (name) => {
          used.add(name);
          return name;
        },
      },
    );
    for (const [pi, l] of losses) lossVars.set(`${bi}/${pi}`, l);
  });

  // Sharing rights: owned + bought ≥ Σ members' cores without usage rights after the purchase [G1].
  if (!opts.allowLoss) {
    for (const g of estate.groups) {
      const sg = model.addVar(`s${g.idx}`, { kind: 'integer', cost: cost.sharing_right });
      s.set(g.idx, sg);
      const need = new TermSum().add(sg, 1);
      for (const c of g.members) {
        const complex = estate.complexes[c];
        if (complex === undefined) continue;
        const w = model.addVar(`w${c}`, { kind: 'continuous' });
        need.add(w, -1);
        const row = new TermSum().add(w, 1).add(rVar(c), 1);
        for (const n of complex.npars) if (x.has(n)) row.add(xVar(n), -1);
        model.addRow('without', row.terms, '>=', coresWithoutRights(estate, c));
      }
      model.addRow('sharing', need.terms, '>=', -g.sharingRights);
    }
  }

  // No-good cuts: a purchase the engine rejected, and every smaller one, is out [assumption A-37].
  opts.cuts.forEach((cut, ci) => {
    const any = new TermSum();
    for (const [name, value] of cut.values) {
      const v = model.get(name);
      if (v === undefined || v.ub < value + 1) continue;
      const b = model.addVar(`b${ci}_${name}`, { kind: 'binary' });
      any.add(b, 1);
      model.addRow('cut', new TermSum().add(name, 1).add(b, -(value + 1)).terms, '>=', 0);
    }
    model.addRow('cutany', any.terms, '>=', 1);
  });

  return { model, x, r, u, s, blockVars, lossVars };
}

/** Cores on every cell of a complex − nPar rights − unassigned rights (may be < 0 here) [G1, Q5]. */
function coresWithoutRights(estate: Estate, c: number): number {
  const inv = estate.inventory;
  const complex = estate.complexes[c];
  if (complex === undefined) return 0;
  let cores = 0;
  for (const cell of inv.cells) if (cell.complex === complex.name) cores += cell.cores;
  let rights = 0;
  for (const n of complex.npars) rights += estate.npars[n]?.rights ?? 0;
  return cores - rights - complex.unassignedRights;
}
