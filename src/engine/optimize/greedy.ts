/**
 * The greedy baseline: buy what the section 4 sizing says is short (each nPar's
 * minimumInactiveCores − inactive), then, round by round, the cores and rights the engine still finds
 * short in a losing scenario (the attempt's needed − available, at the node it tried), then the
 * sharing rights the cores bought require [G1]. It is what a planner would buy from the plan report
 * alone; the optimizer's purchase must never cost more. Pure. Units: cores, rights.
 */
import type { Inventory } from '../../domain/types.js';
import { deriveFigures } from '../../domain/derived.js';
import { compileEstate } from '../estate.js';
import { buildUnitIndex, forEachScenario } from '../failure-units.js';
import { purchasableDemand } from '../sizing-demand.js';
import { evaluateScenario, scenarioInput } from '../scenario.js';
import { applyPurchase } from './apply.js';
import { EMPTY_PURCHASE, type Purchase, type PurchaseCosts } from '../../domain/purchase.js';
import { verifyPurchase } from './verify.js';
import { complexName } from '../names.js';

export interface GreedyResult {
  readonly purchase: Purchase;
  /** The engine re-run saves every saveable scenario. */
  readonly confirmed: boolean;
  readonly rounds: number;
}

export function greedyPurchase(
  inv: Inventory,
  costs: PurchaseCosts,
  opts: {
    readonly maxFailures: number;
    readonly outageMinutes: number;
    readonly expectedLosses: ReadonlySet<string>;
    readonly maxRounds?: number;
  },
): GreedyResult {
  const estate = compileEstate(inv);
  const index = buildUnitIndex(estate);
  const room = (key: string, installed: number): number => {
    const max = costs.maxCores.get(key);
    return max === undefined ? Infinity : Math.max(0, max - installed);
  };
  // Section 4: the most inactive cores each nPar must activate in any scenario, counted as the plan
  // counts them (without the demand of losses no purchase can fix).
  const need = estate.npars.map(() => 0);
  const input = scenarioInput(estate, opts.outageMinutes);
  forEachScenario(estate, index, opts.maxFailures, (_units, down) => {
    const ev = evaluateScenario(input, down);
    for (const [n, cores] of purchasableDemand(estate, ev).npar) {
      need[n] = Math.max(need[n] ?? 0, cores);
    }
  });
  const cores = new Map<string, number>();
  for (const n of estate.npars) {
    const short = Math.min(room(n.key, n.installed), Math.max(0, (need[n.idx] ?? 0) - n.inactive));
    if (short > 0) cores.set(n.key, short);
  }
  return repairPurchase(inv, { ...EMPTY_PURCHASE, cores }, costs, opts);
}

/**
 * Grow a purchase until the engine re-run saves every saveable scenario: round by round, buy the
 * largest shortfall any losing scenario shows at the node where a lost package was tried (cores on
 * its nPar, or rights on its complex, which need no manager: spec 3.2 step 3b), then the sharing
 * rights the result requires [G1]. `prefer` names, per scenario and package, the node to fix first
 * (the optimizer's placement); otherwise the first node tried whose shortfall can be bought.
 */
export function repairPurchase(
  inv: Inventory,
  start: Purchase,
  costs: PurchaseCosts,
  opts: {
    readonly maxFailures: number;
    readonly outageMinutes: number;
    readonly expectedLosses: ReadonlySet<string>;
    readonly maxRounds?: number;
    readonly prefer?: (scenario: string, pkg: string) => string | null;
  },
): GreedyResult {
  const estate = compileEstate(inv);
  const room = (key: string, installed: number): number => {
    const max = costs.maxCores.get(key);
    return max === undefined ? Infinity : Math.max(0, max - installed);
  };
  const cores = new Map(start.cores);
  const rights = new Map(start.rights);
  const ticap = new Map(start.ticap);
  const maxRounds = opts.maxRounds ?? 50;
  let rounds = 0;
  let confirmed = false;
  while (rounds < maxRounds) {
    rounds++;
    const purchase = { cores, rights, ticap, sharing: new Map() };
    const check = verifyPurchase(inv, purchase, opts);
    if (check.failedCount === 0) {
      confirmed = true;
      break;
    }
    // The largest shortfall of any scenario, per nPar (cores) and per complex (rights).
    const moreCores = new Map<string, number>();
    const moreRights = new Map<string, number>();
    const bump = (map: Map<string, number>, key: string, n: number): void => {
      map.set(key, Math.max(map.get(key) ?? 0, n));
    };
    let progress = false;
    for (const f of check.failed) {
      for (const p of f.lost) {
        const preferred = opts.prefer?.(f.id, p.pkg.name) ?? null;
        const attempts = [...p.attempts].sort(
          (a, b) =>
            Number(estate.nodes[b.node]?.host === preferred) -
            Number(estate.nodes[a.node]?.host === preferred),
        );
        for (const a of attempts) {
          const node = estate.nodes[a.node];
          const npar = node === undefined ? undefined : estate.npars[node.npar];
          if (npar === undefined) continue;
          const short = a.needed - a.available;
          if (short <= 0) continue;
          if (a.reason === 'insufficient-inactive-cores') {
            const bought = cores.get(npar.key) ?? 0;
            if (room(npar.key, npar.installed) - bought < short) continue;
            bump(moreCores, npar.key, short);
          } else if (
            a.reason === 'insufficient-rights' ||
            a.reason === 'gm-unavailable' ||
            a.reason === 'insufficient-ticap'
          ) {
            bump(moreRights, complexName(estate, npar.complex), short);
          } else continue;
          progress = true;
          break;
        }
      }
    }
    if (!progress) break;
    for (const [k, n] of moreCores) cores.set(k, (cores.get(k) ?? 0) + n);
    for (const [k, n] of moreRights) rights.set(k, (rights.get(k) ?? 0) + n);
  }
  const bought = { cores, rights, ticap, sharing: new Map<string, number>() };
  return { purchase: { ...bought, sharing: sharingNeeded(inv, bought) }, confirmed, rounds };
}

/** Sharing rights to buy so each group owns its requirement after the purchase [G1]. */
export function sharingNeeded(inv: Inventory, purchase: Purchase): Map<string, number> {
  const figures = deriveFigures(applyPurchase(inv, purchase));
  const out = new Map<string, number>();
  for (const g of inv.groups) {
    const required = figures.groups.get(g.group)?.sharingRightsRequired ?? 0;
    const short = required - g.sharingRights;
    if (short > 0) out.set(g.group, short);
  }
  return out;
}
