/**
 * Rights seizure arithmetic (spec 3.2 step 3c). Pure functions of the estate and what is down.
 * Units: core usage rights.
 */
import type { DownState } from './failure-units.js';
import type { EComplex, ENPar, Estate } from './estate.js';

export interface SeizedFrom {
  /** nPar seized, or -1 for a complex's unassigned rights. */
  readonly npar: number;
  readonly complex: number;
  readonly rights: number;
  /** Complete outage: a conditional loan that reverts 10 days after seizure [X6]. */
  readonly loan: boolean;
}

/** Cellular nPar: `max(rights, active) − active cells`; one right stays per active cell [X2]. */
export function cellularSeizeYield(n: ENPar): number {
  return Math.max(0, Math.max(n.rights, n.active) - n.activeCells);
}

/**
 * Everything the group's manager can seize from the down nPars of one member complex, taken all at
 * once (the count is not selectable [X2]; one seizure per nPar [X4]; an nPar with vPars is down only
 * when all its vPars are [V8], which the DownState guarantees).
 * - cellular nPar: cellularSeizeYield [X2]; a complex entirely down also loses its unassigned
 *   rights [X7];
 * - SD2, whole complex down: Σ rights of its nPars + its unassigned rights − 1 [X3];
 * - SD2, nPar down with another nPar of the complex up: all its rights, released through the OA [Q9]
 *   (assumption A-11: part of the group pool, so it needs a manager in control).
 * Partial outage (some nPar up) moves rights permanently [X5]; complete outage lends them [X6].
 */
export function seizeFromComplex(estate: Estate, down: DownState, c: EComplex): SeizedFrom[] {
  const complete = down.complex[c.idx] === 1;
  const out: SeizedFrom[] = [];
  const downNpars = c.npars.filter((n) => down.npar[n] === 1);
  if (complete && c.platform === 'sd2') {
    const total =
      c.npars.reduce((s, n) => s + (estate.npars[n]?.rights ?? 0), 0) + c.unassignedRights;
    let left = Math.max(0, total - 1);
    // Attribute the single OA seizure to the nPars in order (for timing and failback warnings),
    // and the rest to the complex's unassigned rights.
    for (const n of downNpars) {
      const np = estate.npars[n];
      if (np === undefined) continue;
      const r = Math.min(left, np.rights);
      left -= r;
      out.push({ npar: n, complex: c.idx, rights: r, loan: true });
    }
    if (left > 0) out.push({ npar: -1, complex: c.idx, rights: left, loan: true });
    return out;
  }
  for (const n of downNpars) {
    const np = estate.npars[n];
    if (np === undefined) continue;
    const rights = c.platform === 'sd2' ? np.rights : cellularSeizeYield(np);
    out.push({ npar: n, complex: c.idx, rights, loan: complete });
  }
  if (complete && c.unassignedRights > 0) {
    out.push({ npar: -1, complex: c.idx, rights: c.unassignedRights, loan: true });
  }
  return out;
}
