/**
 * The check by construction: apply a purchase to the inventory, re-run every scenario of the set with
 * the engine, and list the scenarios that still lose a package no purchase was expected to leave
 * lost. Pure. The engine is the truth; the program is only its abstraction.
 */
import type { Inventory } from '../../domain/types.js';
import { scenarioUnitIds } from '../describe.js';
import { compileEstate } from '../estate.js';
import { buildUnitIndex, forEachScenario } from '../failure-units.js';
import { evaluateScenario, scenarioInput } from '../scenario.js';
import { applyPurchase } from './apply.js';
import { lossKey } from './blocks.js';
import type { Purchase } from '../../domain/purchase.js';
import type { PackageEval } from '../scenario-eval.js';

export interface FailedScenario {
  readonly id: string;
  readonly units: readonly number[];
  /** Packages lost that were expected to be saved, with the engine's attempts. */
  readonly lost: readonly PackageEval[];
}

export interface Verification {
  readonly scenarios: number;
  /** Scenarios that lose any package (expected losses included). */
  readonly losing: number;
  /** Scenarios that lose a package expected to be saved (at most `limit` kept). */
  readonly failed: readonly FailedScenario[];
  readonly failedCount: number;
}

export interface VerifyOptions {
  readonly maxFailures: number;
  readonly outageMinutes: number;
  /** `lossKey`s of the losses no purchase can undo. */
  readonly expectedLosses: ReadonlySet<string>;
  /** Stop evaluating after this many failed scenarios (default: all). */
  readonly limit?: number;
}

/** Re-run the scenario set on the inventory after the purchase. */
export function verifyPurchase(
  inv: Inventory,
  purchase: Purchase,
  opts: VerifyOptions,
): Verification {
  const estate = compileEstate(applyPurchase(inv, purchase));
  const index = buildUnitIndex(estate);
  const limit = opts.limit ?? Infinity;
  const failed: FailedScenario[] = [];
  let scenarios = 0;
  let losing = 0;
  const input = scenarioInput(estate, opts.outageMinutes);
  forEachScenario(estate, index, opts.maxFailures, (units, down) => {
    scenarios++;
    if (failed.length >= limit) return;
    const ev = evaluateScenario(input, down);
    if (ev.survives) return;
    losing++;
    const id = scenarioUnitIds(index, units).join(' + ');
    const lost = ev.packages.filter(
      (p) => p.status === 'lost' && !opts.expectedLosses.has(lossKey(id, p.pkg.name)),
    );
    if (lost.length > 0) failed.push({ id, units: [...units], lost });
  });
  return { scenarios, losing, failed, failedCount: failed.length };
}
