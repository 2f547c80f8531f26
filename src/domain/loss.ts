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

/**
 * A lost package as the engine and the report both describe it: its reason and its attempts. The
 * report's attempts also hold the nodes skipped as not eligible (`skipped` set, no reason): a skip
 * is no start that failed, so it is not judged here.
 */
export interface LossLike {
  readonly reason: LossReason | null;
  readonly attempts: readonly { readonly reason: LossReason | null; readonly skipped?: string }[];
}

/**
 * Whether no purchase can save this lost package: every node it tried failed for a reason no
 * purchase fixes (with no attempt at all, its own reason decides). The package's `reason` is its
 * first node's; a later node that was only short of cores could still be sized by a purchase.
 * A `dependency` loss depends on what else the scenario lost: judge a scenario's packages with
 * `scenarioNoPurchaseCanFix`.
 */
export function lossNoPurchaseCanFix(loss: LossLike): boolean {
  if (loss.reason === null) return false;
  const started = loss.attempts.filter((a) => a.skipped === undefined);
  if (started.length === 0) return noPurchaseCanFix(loss.reason);
  return started.every((a) => noPurchaseCanFix(a.reason));
}

/** How a lost package's dependency decided its loss, for `scenarioNoPurchaseCanFix`. */
export interface DependencyCause {
  /**
   * It tried or skipped a node of its own (a node refused it for where the package it depends on
   * runs [P3]): no purchase moves a package it depends on.
   */
  readonly tried: boolean;
  /** Positions, in the scenario's package list, of the packages it depends on that were lost. */
  readonly lostWith: readonly number[];
}

/**
 * For each package of one scenario (in placement order), whether it is lost and no purchase can save
 * it. A `dependency` loss is judged by its cause, as the optimizer sizes it (assumption A-27): lost
 * with a package that no purchase saves, or refused by a node for where that package runs, it is
 * unsaveable; lost only because a package a purchase saves is down, the purchase that saves that
 * package saves it too [P4]. So `plan` and `optimize` count the same losses as unsaveable.
 */
export function scenarioNoPurchaseCanFix<P extends LossLike & { readonly status: string }>(
  packages: readonly P[],
  cause: (p: P) => DependencyCause,
): boolean[] {
  const memo: (boolean | undefined)[] = [];
  const judge = (i: number, depth: number): boolean => {
    const known = memo[i];
    if (known !== undefined) return known;
    const p = packages[i];
    let beyond = false;
    if (p !== undefined && p.status === 'lost') {
      if (p.reason !== 'dependency') beyond = lossNoPurchaseCanFix(p);
      else {
        const c = cause(p);
        // Dependencies have no cycle (the loader refuses one); the depth guard only bounds the walk.
        beyond = c.tried || c.lostWith.some((q) => depth < packages.length && judge(q, depth + 1));
      }
    }
    memo[i] = beyond;
    return beyond;
  };
  return packages.map((_, i) => judge(i, 0));
}

/** The reasons no purchase can fix, in the order of LOSS_REASONS (for the reports' wording). */
export function unfixableReasons(reasons: readonly LossReason[]): LossReason[] {
  return reasons.filter((r) => NO_PURCHASE_CAN_FIX[r]);
}
