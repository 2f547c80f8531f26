/**
 * One scenario's feasibility block: the engine's placement (spec 3.2) written as mixed-integer
 * constraints over the shared purchase variables.
 *
 * Each package goes to one of its candidate nodes (a binary choice; with `allowLoss`, or to none at a
 * penalty). On a node the cores added so far are `E = max(0, base + placed − active)` (one binary
 * where that max can go either way), so a package adds `E_after − E_before` cores [spec 3.2 step 2].
 * Those cores are then drawn, in the engine's order, from the vPar's idle and released cores, the
 * nPar's inactive cores, and for the rights from: own, released by other vPars of the complex, the
 * complex's unassigned, the group's seized and held rights, other members' unassigned and released,
 * then TiCAP [spec 3.2 step 3]. Every draw is `take = min(still needed, left in the source)`,
 * encoded with one binary (the source runs dry, or the package is served), so sources are consumed
 * greedily in placement order exactly as the engine does. The one freedom left is the node: the
 * engine takes the first node that can start the package, the block any candidate (blocks.ts keeps
 * only the candidates up to the first that takes it for sure). So every purchase the engine accepts
 * satisfies the block, and with one candidate per package the block is exact. Pure. Units: cores,
 * rights, core-minutes.
 */
import type { Estate } from '../estate.js';
import type { ScenarioBlock } from './blocks.js';
import { TermSum, type LpModel } from './lp-model.js';
import { TICAP_UNIT_MINUTES } from '../../domain/purchase.js';
import { at } from '../names.js';

/** `c + Σ coef·var`. */
export interface Affine {
  readonly c: number;
  readonly t: ReadonlyMap<string, number>;
}

export const constant = (c: number): Affine => ({ c, t: new Map() });
const variable = (name: string, coef = 1): Affine => ({ c: 0, t: new Map([[name, coef]]) });

export function plus(a: Affine, b: Affine, k = 1): Affine {
  const t = new Map(a.t);
  for (const [v, coef] of b.t) {
    const sum = (t.get(v) ?? 0) + k * coef;
    if (sum === 0) t.delete(v);
    else t.set(v, sum);
  }
  return { c: a.c + k * b.c, t };
}

/** Purchase variables, created on demand by the model builder. */
export interface PurchaseVars {
  x(npar: number): string;
  r(complex: number): string;
  u(complex: number): string;
}

export interface BlockOptions {
  readonly minutesPerCore: number;
  /** Packages (indices into block.packages) left out: no purchase can place them. */
  readonly skip: ReadonlySet<number>;
  /** Let packages go unplaced, each with a loss binary (phase 1). */
  readonly allowLoss: boolean;
  /** Records a purchase variable as one this block depends on. */
  readonly touch: (name: string) => string;
}

/** A source the engine draws on, by its ledger key, with its capacity in this scenario. */
interface Source {
  readonly key: string;
  readonly capacity: Affine;
}

/** Add the block's rows; returns the loss variable of each package (with allowLoss). */
export function addBlock(
  model: LpModel,
  estate: Estate,
  block: ScenarioBlock,
  bi: number,
  vars: PurchaseVars,
  opts: BlockOptions,
): Map<number, string> {
  const lossVars = new Map<number, string>();
  let serial = 0;
  const fresh = (prefix: string): string => `${prefix}${bi}_${serial++}`;
  const ubOf = (a: Affine): number => {
    let ub = a.c;
    for (const [v, coef] of a.t) {
      const col = model.get(v);
      ub += coef * (coef > 0 ? (col?.ub ?? Infinity) : (col?.lb ?? 0));
    }
    return ub;
  };
  const lbOf = (a: Affine): number => {
    let lb = a.c;
    for (const [v, coef] of a.t) {
      const col = model.get(v);
      lb += coef * (coef > 0 ? (col?.lb ?? 0) : (col?.ub ?? Infinity));
    }
    return lb;
  };
  /** Row `a + Σ extra  sense  0`. */
  const row = (
    prefix: string,
    a: Affine,
    sense: '<=' | '>=' | '=',
    extra: Affine = constant(0),
  ): void => {
    const sum = plus(a, extra);
    const terms = new TermSum();
    for (const [v, coef] of sum.t) terms.add(v, coef);
    model.addRow(prefix, terms.terms, sense, -sum.c);
  };
  /** A new variable equal to max(0, a). */
  const positivePart = (a: Affine): Affine => {
    const lb = lbOf(a);
    const ub = ubOf(a);
    if (ub <= 0) return constant(0);
    if (lb >= 0) return a;
    const e = model.addVar(fresh('g'), { kind: 'continuous', ub });
    const on = model.addVar(fresh('h'), { kind: 'binary' });
    // e ≥ a; e ≤ a + |lb|·(1 − on); e ≤ ub·on.
    row('posa', variable(e), '>=', plus(constant(0), a, -1));
    row('posb', plus(plus(variable(e), a, -1), variable(on, -lb)), '<=', constant(lb));
    row('posc', plus(variable(e), variable(on, -ub)), '<=');
    return variable(e);
  };

  /** Whether candidate k needs the first-fit rule (the last one only when a loss is allowed). */
  const firstFit = (k: number, count: number): boolean =>
    opts.allowLoss ? true : count > 1 && k < count - 1;
  /**
   * A binary that may be 1 only when every condition `a ≥ 1` holds (integers), or null when they
   * can never all hold; `a ≥ 1 − M·(1 − b)` with M large enough.
   */
  const indicator = (conditions: readonly Affine[]): Affine | null => {
    if (conditions.some((a) => ubOf(a) < 1)) return null;
    const b = model.addVar(fresh('f'), { kind: 'binary' });
    for (const a of conditions) {
      const lb = lbOf(a);
      if (lb >= 1) continue;
      const big = 1 - lb;
      // a − big·b ≥ 1 − big.
      row('fails', plus(a, variable(b, -big)), '>=', constant(big - 1));
    }
    return variable(b);
  };

  // Placement choices, in placement order.
  const choice = block.packages.map((p, pi) => {
    if (opts.skip.has(pi)) return null;
    const fixed = p.candidates.length === 1 && !opts.allowLoss;
    const zs = p.candidates.map((_, k) =>
      fixed ? constant(1) : variable(model.addVar(`z${bi}_${pi}_${k}`, { kind: 'binary' })),
    );
    if (!fixed) {
      let sum = constant(-1);
      for (const z of zs) sum = plus(sum, z);
      if (opts.allowLoss) {
        // Losing a later package weighs slightly less, as the engine places in priority order.
        const n = block.packages.length;
        const l = model.addVar(`l${bi}_${pi}`, {
          kind: 'binary',
          cost: 1 + (n - pi) / (n * n + 1),
        });
        lossVars.set(pi, l);
        sum = plus(sum, variable(l));
      }
      row('place', sum, '=');
    }
    return zs;
  });

  const placedOn = new Map<number, Affine>();
  const addedOn = new Map<number, Affine>();
  const used = new Map<string, Affine>();
  const activated = new Map<number, Affine>();
  const ticapUse = new Map<string, { capacity: Affine; use: Affine }>();

  /** take = min(need, capacity − used so far); `need` ≤ needMax. */
  const draw = (need: Affine, needMax: number, source: Source): Affine => {
    const left = plus(source.capacity, used.get(source.key) ?? constant(0), -1);
    let take: Affine;
    if (need.t.size === 0 && left.t.size === 0) {
      take = constant(Math.max(0, Math.min(need.c, left.c)));
    } else if (ubOf(need) <= 0 || ubOf(left) <= 0) {
      take = constant(0);
    } else {
      const w = variable(model.addVar(fresh('y'), { kind: 'continuous', ub: needMax }));
      const dry = model.addVar(fresh('v'), { kind: 'binary' });
      const capMax = Math.max(0, ubOf(source.capacity));
      row('takea', plus(w, need, -1), '<=');
      row('takeb', plus(w, left, -1), '<=');
      // Not dry: the package is served (need − w = 0). Dry: nothing is left (left − w = 0).
      row('takec', plus(plus(need, w, -1), variable(dry, -needMax)), '<=');
      row('taked', plus(plus(left, w, -1), variable(dry, capMax)), '<=', constant(-capMax));
      take = w;
    }
    used.set(source.key, plus(used.get(source.key) ?? constant(0), take));
    return take;
  };

  const capacity = new Map<string, Affine>();
  const sourceOf = (key: string, make: () => Affine): Source => {
    let cap = capacity.get(key);
    if (cap === undefined) {
      cap = make();
      capacity.set(key, cap);
    }
    return { key, capacity: cap };
  };
  const unassigned = (c: number): Source =>
    sourceOf(`un:${c}`, () =>
      plus(constant(estate.complexes[c]?.unassignedRights ?? 0), variable(opts.touch(vars.r(c)))),
    );
  const released = (o: number): Source =>
    sourceOf(`rel:${o}`, () => constant(block.releasable.get(o) ?? 0));

  block.packages.forEach((p, pi) => {
    const zs = choice[pi];
    if (zs === null || zs === undefined) return;
    p.candidates.forEach((nodeIdx, k) => {
      const z = zs[k] ?? constant(0);
      const node = at(estate.nodes, nodeIdx, 'node');
      const npar = at(estate.npars, node.npar, 'nPar');
      const complex = at(estate.complexes, npar.complex, 'complex');
      const vp = node.vpar >= 0 ? estate.vpars[node.vpar] : undefined;
      // The sources the node draws on, in the engine's order (spec 3.2 step 3).
      const direct = [sourceOf(`idle:${npar.idx}`, () => constant(npar.idle)), released(npar.idx)];
      const sources: Source[] = [
        sourceOf(`own:${npar.idx}`, () => constant(Math.max(0, npar.rights - npar.active))),
      ];
      for (const o of complex.npars) {
        if (o !== npar.idx && (block.releasable.get(o) ?? 0) > 0) sources.push(released(o));
      }
      sources.push(unassigned(complex.idx));
      const g = complex.group;
      const group = estate.groups[g];
      const pooled = group !== undefined && block.inControl[g] === true;
      if (pooled) {
        // Seized then held rights, always drawn together: one source [X2, X3, X7].
        sources.push(
          sourceOf(`pool:${g}`, () => {
            let cap = constant((block.seized[g] ?? 0) + group.heldRights);
            for (const c of group.members) {
              if (block.complexDown[c] === true) cap = plus(cap, variable(opts.touch(vars.r(c))));
            }
            return cap;
          }),
        );
        for (const c of group.members) {
          if (c === complex.idx || block.complexDown[c] === true) continue;
          sources.push(unassigned(c));
          for (const o of estate.complexes[c]?.npars ?? []) {
            if ((block.releasable.get(o) ?? 0) > 0) sources.push(released(o));
          }
        }
      }
      // TiCAP: the group's pooled balance with a manager in control, else the complex's own
      // [G9, Q7]; charged for the whole outage in 30-minute steps [T1, T2].
      const ticapKey = pooled ? `g${g}` : `c${complex.idx}`;
      const ticap = ticapUse.get(ticapKey) ?? {
        capacity: pooled
          ? group.members.reduce(
              (cap, c) => plus(cap, variable(opts.touch(vars.u(c))), TICAP_UNIT_MINUTES),
              constant(group.ticapPool),
            )
          : plus(
              constant(complex.ticapMinutes),
              variable(opts.touch(vars.u(complex.idx))),
              TICAP_UNIT_MINUTES,
            ),
        use: constant(0),
      };
      ticapUse.set(ticapKey, ticap);
      const left = (s: Source): Affine => plus(s.capacity, used.get(s.key) ?? constant(0), -1);

      const placedBefore = placedOn.get(nodeIdx) ?? constant(0);
      const before = addedOn.get(nodeIdx) ?? constant(0);
      const base = node.baseUsed - node.active;
      if (firstFit(k, p.candidates.length)) {
        // Serviceguard starts the package on the first node that can take it: if this one can,
        // the package goes here or to an earlier node (spec 3.2 step 1).
        const wouldAdd = positivePart(plus(placedBefore, constant(base + p.cores)));
        const extra = plus(wouldAdd, before, -1);
        const fails: Affine[][] = [];
        if (vp !== undefined) {
          // A static vPar takes no extra core [V6]; a vPar holds at most its max [V1].
          fails.push([vp.static ? extra : plus(wouldAdd, constant(node.active - vp.max))]);
        }
        let toActivate = extra;
        if (vp !== undefined) {
          let directLeft = constant(0);
          for (const s of direct) directLeft = plus(directLeft, left(s));
          toActivate = positivePart(plus(extra, directLeft, -1));
        }
        const inactiveLeft = plus(
          plus(constant(npar.inactive), variable(opts.touch(vars.x(npar.idx)))),
          activated.get(npar.idx) ?? constant(0),
          -1,
        );
        fails.push([plus(toActivate, inactiveLeft, -1)]);
        let rightsLeft = constant(0);
        for (const s of sources) rightsLeft = plus(rightsLeft, left(s));
        const short = plus(toActivate, rightsLeft, -1);
        fails.push(
          p.ticap
            ? [
                short,
                plus(
                  plus(constant(0), short, opts.minutesPerCore),
                  plus(ticap.capacity, ticap.use, -1),
                  -1,
                ),
              ]
            : [short],
        );
        const canTake = variable(model.addVar(fresh('c'), { kind: 'binary' }));
        let any = canTake;
        for (const conditions of fails) {
          const failed = indicator(conditions);
          if (failed !== null) any = plus(any, failed);
        }
        row('canfail', any, '>=', constant(-1));
        let placedHereOrBefore = plus(canTake, constant(0));
        for (let i = 0; i <= k; i++)
          placedHereOrBefore = plus(placedHereOrBefore, zs[i] ?? constant(0), -1);
        row('firstfit', placedHereOrBefore, '<=');
      }

      // Cores the node adds for this package: E_after − E_before [spec 3.2 step 2].
      const placedAfter = plus(placedBefore, z, p.cores);
      placedOn.set(nodeIdx, placedAfter);
      const after = positivePart(plus(placedAfter, constant(base)));
      addedOn.set(nodeIdx, after);
      let need = plus(after, before, -1);
      const needMax = Math.max(0, ubOf(need));
      if (needMax <= 0) return;
      // Cores already active in the nPar move to a vPar first: idle, then released [V7].
      if (vp !== undefined) for (const s of direct) need = plus(need, draw(need, needMax, s), -1);
      activated.set(npar.idx, plus(activated.get(npar.idx) ?? constant(0), need));
      for (const source of sources) need = plus(need, draw(need, needMax, source), -1);
      if (!p.ticap) {
        // Nothing may be left: the package would be lost.
        row('served', need, '<=');
        return;
      }
      ticapUse.set(ticapKey, { ...ticap, use: plus(ticap.use, need, opts.minutesPerCore) });
    });
  });

  for (const [nodeIdx, added] of addedOn) {
    const node = estate.nodes[nodeIdx];
    if (node === undefined || node.vpar < 0) continue;
    const vp = estate.vpars[node.vpar];
    // A static vPar takes no extra core [V6]; a vPar holds at most its max [V1].
    if (vp !== undefined)
      row('vparmax', added, '<=', constant(vp.static ? 0 : node.active - vp.max));
  }
  // The cores activated fit the nPar's inactive cores plus those bought.
  for (const [m, a] of activated) {
    row(
      'cores',
      plus(a, variable(opts.touch(vars.x(m)), -1)),
      '<=',
      constant(-(estate.npars[m]?.inactive ?? 0)),
    );
  }
  for (const { capacity: cap, use } of ticapUse.values()) row('ticap', plus(use, cap, -1), '<=');
  return lossVars;
}
