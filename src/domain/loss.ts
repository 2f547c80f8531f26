/**
 * Which losses a purchase can fix: one table over the loss reasons, read by the plan's sizing, its
 * summary, every report and the optimizer, so they all draw the line in the same place (issue 12,
 * points 3 and 6). A `Record` over `LossReason`: a reason added to `LOSS_REASONS` does not compile
 * until it is classified here.
 */
import type { LossReason } from './result.js';

/**
 * `true`: no purchase (inactive cores, core usage rights, sharing rights, TiCAP) can save a package
 * lost for this reason, so its cores add no sizing demand and the optimizer reports it as
 * unsaveable.
 */
export const NO_PURCHASE_CAN_FIX: Readonly<Record<LossReason, boolean>> = {
  // Every node of the package's list is down: there is nowhere to put cores [spec 3.2].
  'no-surviving-node': true,
  // Cores, rights and TiCAP are what a purchase buys.
  'insufficient-inactive-cores': false,
  'insufficient-rights': false,
  'insufficient-ticap': false,
  // Without a manager nothing crosses complexes [M1], but rights bought for the adoptive node's own
  // complex need no manager: a purchase can fix it.
  'gm-unavailable': false,
  // A vPar cannot grow past its max [V1], and a static vPar not at all [V6]: bought cores would
  // sit in the nPar unused by it.
  'vpar-max': true,
  'static-vpar': true,
  // The package's cluster halted (fewer than half its nodes up, or half without the lock): every
  // package of it is lost, on healthy nodes too, and it is not restarted automatically [C2, C8].
  'cluster-halted': true,
  // auto_run = n: Serviceguard does not start it elsewhere [C11]; a setting, not capacity.
  'auto-run-off': true,
  // Placement policies (spec 9): a capacity, a dependency or a site policy decides, not cores or
  // rights, so the optimizer lists these as unsaveable too [P1, P4, P5].
  dependency: true,
  'site-preferred-manual': true,
  'no-eligible-node': true,
};

/** Whether no purchase can save a package lost for `reason` (null: not lost, so false). */
export function noPurchaseCanFix(reason: LossReason | null): boolean {
  return reason !== null && NO_PURCHASE_CAN_FIX[reason];
}

/** A lost package as the engine and the report both describe it: its reason and its attempts. */
export interface LossLike {
  readonly reason: LossReason | null;
  readonly attempts: readonly { readonly reason: LossReason | null }[];
}

/**
 * Whether no purchase can save this lost package: every node it tried failed for a reason no
 * purchase fixes (with no attempt at all, its own reason decides). The package's `reason` is its
 * first node's; a later node that was only short of cores could still be sized by a purchase.
 */
export function lossNoPurchaseCanFix(loss: LossLike): boolean {
  if (loss.reason === null) return false;
  if (loss.attempts.length === 0) return noPurchaseCanFix(loss.reason);
  return loss.attempts.every((a) => noPurchaseCanFix(a.reason));
}

/** The reasons no purchase can fix, in the order of LOSS_REASONS (for the reports' wording). */
export function unfixableReasons(reasons: readonly LossReason[]): LossReason[] {
  return reasons.filter((r) => NO_PURCHASE_CAN_FIX[r]);
}
