/**
 * Types of `gicap optimize` (spec 4, "Beyond sizing"): the prices of what can be bought, a purchase,
 * and the optimizer's result, which every renderer renders. Units: cores, core usage rights, TiCAP
 * units (1 unit = 43,200 core-minutes [T1]), sharing rights; costs in the price file's currency.
 */
import type { LossReason } from './result.js';

/** One TiCAP unit: 30 core-days = 43,200 core-minutes [T1]. */
export const TICAP_UNIT_MINUTES = 43_200;

/** The four things that can be bought, as named in the costs file. */
export const COST_ITEMS = ['inactive_core', 'core_right', 'sharing_right', 'ticap_unit'] as const;
export type CostItem = (typeof COST_ITEMS)[number];

/** One unit of each item, as messages name it ("the price of one …"). */
export const COST_ITEM_UNIT: Readonly<Record<CostItem, string>> = {
  inactive_core: 'inactive core',
  core_right: 'core usage right',
  sharing_right: 'GiCAP sharing right',
  ticap_unit: 'TiCAP unit (30 core-days)',
};

/** Unit prices (one inactive core, one core usage right, one sharing right, one TiCAP unit). */
export interface PurchaseCosts {
  readonly unit: Readonly<Record<CostItem, number>>;
  /**
   * The most cores an nPar's cells can hold (`C/N` → cores), from the costs file; `optimizePurchase`
   * bounds every nPar not listed by its cells' platform capacity (MAX_CORES_PER_CELL). Bounds the
   * inactive cores that can be added to it.
   */
  readonly maxCores: ReadonlyMap<string, number>;
}

export type PurchaseKind = 'inactive-cores' | 'core-rights' | 'ticap-units' | 'sharing-rights';

/** What a purchase kind is priced as in the costs file. */
export const KIND_ITEM: Readonly<Record<PurchaseKind, CostItem>> = {
  'inactive-cores': 'inactive_core',
  'core-rights': 'core_right',
  'ticap-units': 'ticap_unit',
  'sharing-rights': 'sharing_right',
};

/** Quantities bought, by where they go. Only positive quantities are listed. */
export interface Purchase {
  /** `C/N` → inactive cores added to the nPar's cells. */
  readonly cores: ReadonlyMap<string, number>;
  /** Complex → core usage rights bought, held as the complex's unassigned rights. */
  readonly rights: ReadonlyMap<string, number>;
  /** Complex → TiCAP units added to its balance. */
  readonly ticap: ReadonlyMap<string, number>;
  /** Group → sharing rights added on its manager [G1]. */
  readonly sharing: ReadonlyMap<string, number>;
}

export const EMPTY_PURCHASE: Purchase = {
  cores: new Map(),
  rights: new Map(),
  ticap: new Map(),
  sharing: new Map(),
};

/** One line of the purchase, with what it costs and why it is needed. */
export interface PurchaseItem {
  readonly kind: PurchaseKind;
  /** `C/N` for cores, the complex for rights and TiCAP, the group for sharing rights. */
  readonly where: string;
  readonly quantity: number;
  readonly unitCost: number;
  readonly cost: number;
  /**
   * The scenario that loses a package with one unit fewer of this item (the constraint it makes
   * tight), or `compliance` for sharing rights, or null when one fewer still passes.
   */
  readonly binding: string | null;
  /** One sentence: what the item changes in the inventory. */
  readonly detail: string;
}

/** A package in a scenario that no purchase can bring back, and why. */
export interface UnsaveableLoss {
  readonly scenario: string;
  readonly package: string;
  /** `no-surviving-node`, `static-vpar`, `vpar-max`, or `insufficient-inactive-cores` when the nPar's max cores bind. */
  readonly reason: LossReason;
  readonly detail: string;
}

/** A scenario that the engine, re-run on the purchased estate, still loses (beyond the unsaveable). */
export interface UnconfirmedScenario {
  readonly scenario: string;
  readonly packages: readonly { readonly package: string; readonly reason: LossReason | null }[];
}

/** Size of the mixed-integer program of the last round. */
export interface ModelSize {
  readonly variables: number;
  readonly integerVariables: number;
  readonly constraints: number;
  /** Scenarios with a feasibility block (those the estate loses today, less unsaveable losses). */
  readonly scenarioBlocks: number;
}

export type OptimizeStatus =
  /** The purchase was confirmed by the engine and costs no more than the program's lower bound. */
  | 'optimal'
  /** The purchase was confirmed by the engine; least cost is not proven (see solver.lowerBound). */
  | 'confirmed'
  /** No purchase is needed: every saveable scenario survives today. */
  | 'nothing-to-buy'
  /** The rounds ran out before the engine confirmed a purchase. */
  | 'unconfirmed';

export interface OptimizeResult {
  readonly schemaVersion: 1;
  readonly tool: { readonly name: string; readonly version: string };
  readonly inventory: { readonly name: string; readonly sha256: string };
  readonly parameters: {
    readonly maxFailures: number;
    readonly outageHours: number;
    /** The `--set` changes applied to the inventory before optimizing, in order (empty: none). */
    readonly changes: readonly string[];
    readonly unitCosts: Readonly<Record<CostItem, number>>;
    readonly maxCores: readonly { readonly npar: string; readonly maxCores: number }[];
  };
  readonly status: OptimizeStatus;
  /** Every scenario survives after the purchase, except for the unsaveable losses. */
  readonly confirmed: boolean;
  readonly items: readonly PurchaseItem[];
  readonly totalCost: number;
  /** The purchase as `--set` changes, to check it with `gicap plan INVENTORY --set …`. */
  readonly changes: readonly string[];
  readonly scenarios: {
    readonly total: number;
    /** Scenarios that lose a package today. */
    readonly losingBefore: number;
    /** Scenarios that lose a package after the purchase (each only unsaveable ones when confirmed). */
    readonly losingAfter: number;
    /** Scenarios with at least one unsaveable loss. */
    readonly unsaveable: number;
  };
  readonly unsaveable: readonly UnsaveableLoss[];
  readonly unconfirmed: readonly UnconfirmedScenario[];
  /** The section 4 sizing bought as it stands, priced the same way, for comparison (null if not run). */
  readonly greedy: { readonly totalCost: number; readonly confirmed: boolean } | null;
  readonly solver: {
    readonly name: 'HiGHS';
    /** Solve → engine re-run rounds (1 when the first solution was confirmed). */
    readonly rounds: number;
    /** Program solves, including those that found the packages no purchase can place. */
    readonly solves: number;
    /** Cuts added after the engine rejected a solution. */
    readonly cuts: number;
    /**
     * The program's optimum: no purchase the engine accepts costs less (the program relaxes the
     * engine; its cuts assume more bought never loses a scenario: assumption A-37).
     */
    readonly lowerBound: number;
    /** Where the purchase shown comes from: the program's optimum, a repair of it, or the greedy one. */
    readonly chosen: 'model' | 'repaired' | 'greedy' | null;
    readonly model: ModelSize;
  };
}
