/**
 * The sizing demand of one scenario (spec 4) as the plan and the optimizer both count it: the
 * inactive cores each partition must activate, less the demand of the packages that no purchase can
 * save (issue 12, point 6). Such a package (every node it tried is a vPar at its max [V1], a static
 * vPar [V6], or it had no node up) would stay lost whatever the estate owned, so the cores it asked
 * of its first node are no shortfall: counting them made `plan` report a shortfall that `optimize`
 * rightly declined to buy, and the two disagreed after the purchase. Pure.
 */
import { scenarioNoPurchaseCanFix } from '../domain/loss.js';
import type { Estate } from './estate.js';
import type { ScenarioEval } from './scenario-eval.js';

export interface SizingDemand {
  /** nPar index → inactive cores it must activate. */
  readonly npar: ReadonlyMap<number, number>;
  /** vPar index → inactive cores of its nPar it must activate. */
  readonly vpar: ReadonlyMap<number, number>;
}

/**
 * The scenario's demand without that of unsaveable losses. The engine counts, per first node up,
 * d = max(0, used + demanded − active), a vPar's need as max(0, d − direct) and its nPar's as
 * max(0, Σ d − idle − released) (scenario.ts, `sizingNeeds`). Taking c cores out of a node's
 * demand lowers d by min(d, c), so each need drops by exactly that much (never below 0): the
 * figures are those the engine would give had the package not asked, with no second evaluation.
 * Every other moved package counts on its first node up, fit or not (assumption A-14).
 */
export function purchasableDemand(
  estate: Estate,
  ev: ScenarioEval,
  beyond: readonly boolean[] = noPurchaseCanFixIn(ev),
): SizingDemand {
  const dropped = new Map<number, number>();
  ev.packages.forEach((p, i) => {
    const first = p.attempts[0];
    if (first === undefined || beyond[i] !== true) return;
    dropped.set(first.node, (dropped.get(first.node) ?? 0) + p.pkg.cores);
  });
  if (dropped.size === 0) return { npar: ev.nparNeed, vpar: ev.vparNeed };

  const demanded = new Map<number, number>();
  for (const p of ev.packages) {
    const first = p.attempts[0];
    if (first !== undefined)
      demanded.set(first.node, (demanded.get(first.node) ?? 0) + p.pkg.cores);
  }
  const npar = new Map(ev.nparNeed);
  const vpar = new Map(ev.vparNeed);
  const nparCut = new Map<number, number>();
  for (const [nodeIdx, cores] of dropped) {
    const node = estate.nodes[nodeIdx];
    if (node === undefined) continue;
    const d = Math.max(0, node.baseUsed + (demanded.get(nodeIdx) ?? 0) - node.active);
    const cut = Math.min(d, cores);
    if (node.vpar < 0) {
      npar.set(node.npar, Math.max(0, (npar.get(node.npar) ?? 0) - cut));
      continue;
    }
    vpar.set(node.vpar, Math.max(0, (vpar.get(node.vpar) ?? 0) - cut));
    nparCut.set(node.npar, (nparCut.get(node.npar) ?? 0) + cut);
  }
  for (const [n, cut] of nparCut) npar.set(n, Math.max(0, (npar.get(n) ?? 0) - cut));
  return { npar, vpar };
}

/**
 * For each package of the scenario (in `ev.packages` order), whether it is lost and no purchase can
 * save it: the one line the plan's summary and sizing draw, as the optimizer's blocks do (a
 * dependent is judged by the package it depends on, domain/loss.ts).
 */
export function noPurchaseCanFixIn(ev: ScenarioEval): boolean[] {
  const at = new Map(ev.packages.map((p, i) => [p.pkg.idx, i]));
  return scenarioNoPurchaseCanFix(ev.packages, (p) => ({
    tried: p.attempts.length > 0 || p.skips.length > 0,
    lostWith: p.dependsOn.flatMap((q) => {
      const i = at.get(q);
      return i !== undefined && ev.packages[i]?.status === 'lost' ? [i] : [];
    }),
  }));
}
