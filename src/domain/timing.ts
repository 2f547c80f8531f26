/**
 * The timing model (spec 3.4): coefficients with ranges and sources, and mathjs formulas over
 * coefficients and drivers. Plain data: `src/io/load-model.ts` reads and checks it, and
 * `src/model/timing.ts` compiles and evaluates it.
 */

/** A duration range in seconds. Every time in a result is one of these. */
export interface TimeRange {
  readonly min: number;
  readonly typical: number;
  readonly max: number;
}

export interface Coefficient {
  readonly min: number;
  readonly typical: number;
  readonly max: number;
  /** A mathjs time unit (`s`, `seconds`, `min`, `minutes`); values are converted to seconds. */
  readonly unit: string;
  /** A rule tag of docs/rules.md such as `[S1 p.31]`, or `"assumption"`. */
  readonly source: string;
  readonly description?: string;
}

export interface TimingModel {
  readonly name: string;
  readonly description?: string;
  /** Coefficients by name; min/typical/max already converted to seconds by the loader. */
  readonly coefficients: Readonly<Record<string, Coefficient>>;
  /** Drivers (counts from the scenario) by name, with what they count. */
  readonly drivers: Readonly<Record<string, string>>;
  /** Formulas by name: mathjs expressions over coefficients, drivers and other formulas. */
  readonly formulas: Readonly<Record<string, string>>;
}

/**
 * The drivers the engine counts in a scenario and passes to the model, by name (spec 3.4).
 * A model file may use any of them; it must not use others.
 */
export const DRIVER_NAMES = [
  'groups_managed', // groups managed by the host taking control
  'member_complexes', // member complexes of those groups
  'member_npars_down', // member nPars down (not contactable)
  'manual', // 1 when the standby's takeover is manual (operator), else 0
  'managers_tried', // managers the start script tries: 1, or 2 when a standby is in control
  'complexes_in_group', // member complexes of the package's group
  'seized_npars', // nPars seized by this package's start script
  'seized_cells', // cells of those nPars
  'cores_activated', // cores added to the adoptive node
  'vpar_node', // 1 when the adoptive node is a vPar
  'waited', // 1 when the package waited for a Group Manager takeover
  'failed_attempts', // start attempts that failed for capacity before this one
  'start_s', // application start, seconds
  'vm_boot_s', // VM start + guest boot, seconds
  'member_timeout', // the package's cluster MEMBER_TIMEOUT, seconds; 0 when not given [C12]
  'dual_lock', // 1 when the cluster re-formed by taking a dual lock disk [C12]
] as const;
export type DriverName = (typeof DRIVER_NAMES)[number];

/**
 * Drivers whose 0 means "not given" rather than "none": a cluster without MEMBER_TIMEOUT keeps the
 * sourced `sg_failover`, and one that gives it (3–300 s) re-forms faster [C12]. A model may fall
 * from 0 to the first given value of these; above it, as for every driver, it must not fall.
 */
export const NOT_GIVEN_AT_ZERO: readonly DriverName[] = ['member_timeout'];
export type Drivers = Readonly<Record<DriverName, number>>;

/** The formulas the engine evaluates, by name; a model file must define all of them. */
export const FORMULA_NAMES = [
  'gm_takeover',
  'gm_failover',
  'rights_move',
  'cluster_reformation',
  'package_failover',
] as const;
export type FormulaName = (typeof FORMULA_NAMES)[number];

/** One bar of a tornado: how far one coefficient's range moves a time, others typical. */
export interface SensitivityEntry {
  readonly coefficient: string;
  /** Seconds between the time with the coefficient at its max and at its min. */
  readonly swing: number;
  /** The time with this coefficient at min (others typical), seconds. */
  readonly low: number;
  /** The time with this coefficient at max (others typical), seconds. */
  readonly high: number;
  readonly source: string;
}

/** One measured failover (a row of the observations file), for calibration. */
export interface Observation {
  /** Line in the observations file (header = line 1), for messages. */
  readonly line: number;
  readonly formula: FormulaName;
  /** Measured duration, seconds. */
  readonly seconds: number;
  readonly drivers: Drivers;
}
