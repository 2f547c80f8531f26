/**
 * The engine's result: the JSON contract of spec section 5.1 (`report.json`). Every renderer renders
 * this object and nothing else. Units: cores, seconds, core-minutes. Arrays are sorted
 * deterministically. Fields may be added; the ones the spec names must keep their meaning.
 */
import type { SensitivityEntry, TimeRange } from './timing.js';
import type { Cluster, FailoverPolicy, LockKind } from './types.js';

/** Loss reasons (spec 3.5): stable strings. */
export const LOSS_REASONS = [
  'no-surviving-node',
  'insufficient-inactive-cores',
  'insufficient-rights',
  'gm-unavailable',
  'vpar-max',
  'static-vpar',
  'insufficient-ticap',
  'cluster-halted',
  'auto-run-off',
  'dependency',
  'site-preferred-manual',
  'no-eligible-node',
] as const;
export type LossReason = (typeof LOSS_REASONS)[number];

/** Warning codes (spec 3.5), plus `single-site` for the estate-level note of spec 3.1. */
export const WARNING_CODES = [
  'loan-expires-10d',
  'reboot-within-12h',
  'vpar-failback-commit',
  'same-complex-failback',
  'gm-colocated',
  'ticap-used',
  'fell-through',
  'ping-seizure-risk',
  'single-site',
  'cluster-lock-used',
  'start-failure-halts',
  'no-clusters',
  'no-cluster-lock',
  'lock-site-alone',
  'priority-not-unique',
  'displaced',
  'dependency-drag-not-modelled',
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export type OutageKind = 'partial' | 'complete';

/**
 * Why a cluster with a node down re-formed or halted (spec 8.2): `majority` (more than half up),
 * `lock` (exactly half and the lock taken), `no-lock` (exactly half, no lock configured), `lock-down`
 * (exactly half, the lock unreachable), `minority` (fewer than half up) [C1–C3].
 */
export const CLUSTER_REASONS = ['majority', 'lock', 'no-lock', 'lock-down', 'minority'] as const;
export type ClusterReason = (typeof CLUSTER_REASONS)[number];

/** The cluster lock as a scenario found it. */
export interface ClusterLockState {
  readonly kind: Exclude<LockKind, 'none'>;
  /** The lock's site (dual-disk: the disk the survivors took, or both when neither is up). */
  readonly site: string | null;
  /** Quorum Server host, for a `quorum-server` lock. */
  readonly host: string | null;
  readonly up: boolean;
}

/** One cluster with a node down in a scenario (spec 8.5). */
export interface ClusterState {
  readonly cluster: string;
  /** Nodes of the cluster (all were running before the failure) [C1]. */
  readonly nodes: number;
  readonly nodesUp: number;
  readonly reformed: boolean;
  /** null when the cluster has no lock. */
  readonly lock: ClusterLockState | null;
  readonly reason: ClusterReason;
}

/** Where the cores added to a node came from; sums to `activated`. */
export interface Sources {
  /** The nPar's own rights not yet active (and idle active cores of a vPar nPar). */
  readonly own: number;
  /** Released by down vPars of an up nPar [V7]: directly to sibling vPars, else as rights. */
  readonly vpar: number;
  /** Unassigned rights of the node's complex. */
  readonly complex: number;
  /** From the group through the manager: held rights and other members' unassigned rights. */
  readonly pool: number;
  /** Seized from down nPars of the group [X2, X3]. */
  readonly seized: number;
  /** Cores activated with TiCAP. */
  readonly ticap: number;
}

/** One start attempt of a package on one node (Serviceguard tries nodes in list order). */
export interface Attempt {
  readonly node: string;
  readonly ok: boolean;
  readonly reason: LossReason | null;
  /** Cores the node had to add (`extra`). */
  readonly needed: number;
  /** Of those, how many the binding rule could supply. */
  readonly available: number;
  /** One sentence: which rule bound, on which node, by how many cores. */
  readonly detail: string;
  /**
   * Present when the node was not eligible and was skipped at no cost (spec 9.2): `capacity`,
   * `dependency`, `policy` (outside the site of a site_preferred_manual package) or `displaced` (the
   * node it was displaced from).
   */
  readonly skipped?: 'capacity' | 'dependency' | 'policy' | 'displaced';
  /** For a `capacity` skip: the binding capacity and its figures [P5, P6]. */
  readonly capacity?: CapacityFigures;
}

/** A node's capacity as a placement found it: weight in use, the package's weight, the capacity. */
export interface CapacityFigures {
  readonly name: string;
  readonly used: number;
  readonly needed: number;
  readonly capacity: number;
}

export type PackageStatus = 'moved' | 'lost';

export interface PackageOutcome {
  readonly package: string;
  /** The primary node (down). */
  readonly from: string;
  /** Where it runs now, or null when lost. */
  readonly to: string | null;
  readonly status: PackageStatus;
  /** The package's Serviceguard cluster, or null without clusters.csv. */
  readonly cluster: string | null;
  /** Cores added to the node (`extra`). */
  readonly activated: number;
  readonly sources: Sources;
  readonly reason: LossReason | null;
  /** End-to-end failover, seconds; null when lost. */
  readonly time: TimeRange | null;
  /** Rights movement part of `time`, seconds; null when lost. */
  readonly rightsMove: TimeRange | null;
  /**
   * The Serviceguard part of `time`, seconds: its cluster's re-formation (from MEMBER_TIMEOUT) or
   * `sg_failover`, before any wait for a Group Manager takeover; null when lost.
   */
  readonly sgFailover: TimeRange | null;
  /** TiCAP consumed for the outage, core-minutes. */
  readonly ticapMinutes: number;
  /** The start waited for a standby Group Manager's takeover (serial, [Q4]). */
  readonly waitedForTakeover: boolean;
  readonly attempts: readonly Attempt[];
  /** Its failover policy [P1]. */
  readonly policy: FailoverPolicy;
  /** The package that displaced it from its node to make room [P8], or null. */
  readonly displacedBy: string | null;
  /** The packages it depends on that moved or were lost in the scenario (they decided its outcome). */
  readonly dependsOn: readonly string[];
}

export interface GmState {
  readonly group: string;
  /** Host of the manager in control, or null when none is. */
  readonly inControl: string | null;
  /** A standby took control (`icapmanage -Q`). */
  readonly takeover: boolean;
  /**
   * How that standby takes control (managers.csv `takeover`): `serviceguard` (a package script runs
   * `icapmanage -Q`) or `manual` (an operator does); null when no standby took control.
   */
  readonly takeoverMode: 'serviceguard' | 'manual' | null;
  readonly gmTakeover: TimeRange | null;
  readonly gmFailover: TimeRange | null;
}

export interface RightsFlow {
  readonly group: string;
  /** Every right seized in the scenario. */
  readonly seized: number;
  /** The part of `seized` that is a 10-day conditional loan (complete outage) [X6]. */
  readonly loaned: number;
  readonly heldBefore: number;
  /** Rights held by the manager after every placement. */
  readonly gmHeldAfter: number;
  /** TiCAP consumed in the group, core-minutes. */
  readonly ticapMinutes: number;
}

export interface ScenarioWarning {
  readonly code: WarningCode;
  /** What it is about: a package, `C/N`, a complex, a group or a host. */
  readonly subject: string;
  readonly detail?: string;
  /** For `ticap-used`: core-minutes. */
  readonly minutes?: number;
}

export interface ScenarioResult {
  readonly id: string;
  /** Failed units, canonical (the smallest set with this expansion), sorted. */
  readonly failed: readonly string[];
  /** Complexes with a down nPar: partial (some nPar up) or complete. */
  readonly outage: Readonly<Record<string, OutageKind>>;
  readonly survives: boolean;
  readonly gm: readonly GmState[];
  /** Clusters with a node down: whether each re-formed, and why (spec 8.2). */
  readonly clusters: readonly ClusterState[];
  readonly rights: readonly RightsFlow[];
  /**
   * Packages whose primary is down (moved or lost), and packages of a cluster that halted, in
   * placement order.
   */
  readonly packages: readonly PackageOutcome[];
  /** Packages whose primary is up, in a cluster that re-formed (or not touched). */
  readonly unaffected: number;
  readonly warnings: readonly ScenarioWarning[];
  /** The last package back, seconds; null when nothing moved. */
  readonly time: TimeRange | null;
  /**
   * The slowest moved package (the latest back with every coefficient at its max), and the
   * coefficients whose range moves its time most: each swing is the time with that coefficient at
   * its max less the time with it at its min, every other coefficient at its typical value.
   */
  readonly slowest: {
    readonly package: string;
    readonly sensitivity: readonly SensitivityEntry[];
  } | null;
}

/**
 * A package outcome as `--all-scenarios` streams it (scenarios.jsonl, scenarios.csv): a
 * `PackageOutcome` is one. `attempts` is filled for lost packages (what explains the loss); the
 * engine leaves it empty for moved ones, which the streamed files do not detail.
 */
export type StreamedPackage = Pick<
  PackageOutcome,
  'package' | 'from' | 'to' | 'status' | 'reason' | 'activated' | 'sources' | 'time' | 'attempts'
>;

/**
 * A scenario as `--all-scenarios` streams it: its verdict and what changed (a `ScenarioResult` is
 * one). The engine describes streamed scenarios this far only: no sensitivity, no rights-move or
 * Serviceguard time per package, no attempts of moved packages (`gicap what-if` tells the rest).
 */
export interface StreamedScenario extends Pick<
  ScenarioResult,
  'id' | 'failed' | 'outage' | 'survives' | 'unaffected' | 'time'
> {
  /** Groups, at least those whose manager changed (`gmChanged`): the engine streams only those. */
  readonly gm: readonly GmState[];
  /** Clusters, at least those that took a lock or halted (`clusterNoted`): the engine streams those. */
  readonly clusters: readonly ClusterState[];
  /** Groups, at least those whose rights moved (`rightsMoved`): the engine streams only those. */
  readonly rights: readonly RightsFlow[];
  readonly packages: readonly StreamedPackage[];
  readonly warnings: readonly ScenarioWarning[];
  /** The slowest moved package, as in `ScenarioResult` (its name only). */
  readonly slowest: { readonly package: string } | null;
}

/** A group whose manager changed: a standby took control, or no manager is in control. */
export function gmChanged(g: GmState): boolean {
  return g.takeover || g.inControl === null;
}

/** A group whose rights moved: seized or loaned, TiCAP used, or the manager's rights drawn on. */
export function rightsMoved(r: RightsFlow): boolean {
  return r.seized !== 0 || r.loaned !== 0 || r.ticapMinutes !== 0 || r.gmHeldAfter !== r.heldBefore;
}

/** A cluster that took its lock or halted (not a plain majority re-formation). */
export function clusterNoted(c: ClusterState): boolean {
  return c.reason !== 'majority';
}

export interface PartitionSizing {
  readonly complex: string;
  readonly npar: string;
  /** null for an nPar row. */
  readonly vpar: string | null;
  readonly host: string | null;
  /** nPar: Σ cores of its active cells; null on a vPar row (the nPar holds them). */
  readonly installedCores: number | null;
  /** nPar rights; null on a vPar row. */
  readonly rights: number | null;
  /** nPar: active cores; vPar: cores assigned. */
  readonly activeCores: number;
  /** nPar: installed − active; vPar: the inactive cores of its nPar, which it draws on. */
  readonly inactiveCores: number;
  /** The most inactive cores it must activate in any scenario evaluated (spec 4). */
  readonly minimumInactiveCores: number;
  /** The scenario that needs `minimumInactiveCores`, or null when it is 0. */
  readonly bindingScenario: string | null;
  /** max(0, minimumInactiveCores − inactiveCores). */
  readonly shortfall: number;
}

export interface GroupSizing {
  readonly group: string;
  readonly members: readonly string[];
  readonly sharingRightsOwned: number;
  readonly sharingRightsRequired: number;
  readonly sharingRightsMinimum: number;
  readonly compliant: boolean;
  /** max(0, required − owned). */
  readonly shortfall: number;
}

/** Scenarios of one size (number of failed units: 1 is N+1, 2 is N+2, …) and what they lose. */
export interface LossesByFailures {
  readonly failures: number;
  readonly scenarios: number;
  /** Scenarios of this size that lose a package. */
  readonly lost: number;
  /** Σ over those scenarios of the packages lost. */
  readonly packagesLost: number;
}

export interface PlanSummary {
  /** Distinct scenarios (by expansion) evaluated. */
  readonly scenarios: number;
  readonly survived: number;
  readonly lost: number;
  /** Σ over scenarios of the packages lost. */
  readonly packagesLost: number;
  /** The same figures per number of failed units, from 1 to maxFailures. */
  readonly byFailures: readonly LossesByFailures[];
  /**
   * Losing scenarios with at least one loss a purchase can fix (src/domain/loss.ts), and those
   * package losses.
   */
  readonly lostFixable: number;
  readonly packagesLostFixable: number;
  /** Losing scenarios whose every loss is one no purchase can fix, and every such package loss. */
  readonly lostUnfixable: number;
  readonly packagesLostUnfixable: number;
  /**
   * Package losses per reason (the first node's) and class, in the order of LOSS_REASONS, those a
   * purchase can fix first; empty entries left out.
   */
  readonly packagesLostByReason: readonly {
    readonly reason: LossReason;
    readonly packages: number;
    /** No purchase can fix these losses (src/domain/loss.ts: every node tried failed for such a reason). */
    readonly noPurchaseCanFix: boolean;
  }[];
  /** Unit sets enumerated but skipped as equivalent to a smaller one (same expansion). */
  readonly skippedEquivalent: number;
  readonly nonCompliantGroups: number;
  /** Scenarios in which some cluster halted with nodes still up (spec 8.5). */
  readonly clustersHalted: number;
  /** Scenarios left out of `scenarios` by the listing limit (they are still counted above). */
  readonly scenariosNotListed: number;
}

/**
 * Whether a plan has findings: a scenario that loses a package, or a group short of sharing rights.
 * Decides exit code 1 and the verdict's words in every format.
 */
export function hasFindings(summary: Pick<PlanSummary, 'lost' | 'nonCompliantGroups'>): boolean {
  return summary.lost > 0 || summary.nonCompliantGroups > 0;
}

export interface ModelCoefficientRow {
  readonly name: string;
  readonly min: number;
  readonly typical: number;
  readonly max: number;
  readonly unit: string;
  readonly source: string;
}

export interface PlanParameters {
  readonly maxFailures: number;
  readonly outageHours: number;
  /** Name of the timing model in effect. */
  readonly model: string;
  readonly allScenarios: boolean;
  /** `--set` changes applied, in order. */
  readonly changes: readonly string[];
  /** ISO date given with `--now`, else null (no clock in the output). */
  readonly now: string | null;
}

/** One scenario whose verdict differs between the baseline and the changed estate. */
export interface ScenarioFlip {
  readonly id: string;
  readonly before: boolean;
  readonly after: boolean;
}

/** What a planner sizes on one partition (`C/N` or `C/N/V`), in cores. */
export interface PartitionFigures {
  readonly inactiveCores: number;
  readonly minimumInactiveCores: number;
  readonly shortfall: number;
}

/** A partition whose inactive cores, minimum or shortfall differ between the two estates. */
export interface PartitionChange {
  readonly partition: string;
  readonly before: PartitionFigures;
  readonly after: PartitionFigures;
}

/** A group's sharing rights [G1] and compliance. */
export interface GroupFigures {
  readonly sharingRightsOwned: number;
  readonly sharingRightsRequired: number;
  readonly sharingRightsMinimum: number;
  readonly compliant: boolean;
  readonly shortfall: number;
}

/** A group whose sharing rights or compliance differ between the two estates. */
export interface GroupChange {
  readonly group: string;
  readonly before: GroupFigures;
  readonly after: GroupFigures;
}

/** Estate-wide totals a change is made for (nPar rows only: a vPar draws on its nPar's cores). */
export interface EstateTotals {
  readonly inactiveCores: number;
  /** Σ nPar shortfalls, cores. */
  readonly shortfall: number;
  /** Σ group sharing-right shortfalls. */
  readonly sharingShortfall: number;
  readonly nonCompliantGroups: number;
  readonly lost: number;
  readonly packagesLost: number;
}

export interface TimeDelta {
  readonly id: string;
  readonly before: TimeRange | null;
  readonly after: TimeRange | null;
}

/** Baseline against changed estate, when `--set` is given. */
export interface Comparison {
  readonly changes: readonly string[];
  readonly baseline: PlanSummary;
  readonly changed: PlanSummary;
  readonly totals: { readonly before: EstateTotals; readonly after: EstateTotals };
  readonly flipped: readonly ScenarioFlip[];
  /** Partitions (nPar and vPar rows) whose figures changed, in the reports' partition order. */
  readonly partitions: readonly PartitionChange[];
  /** Groups whose figures changed, in group order. */
  readonly groups: readonly GroupChange[];
  readonly times: readonly TimeDelta[];
}

/**
 * One cluster of the estate as the inventory gives it (for a quorum server, `lockSites` is its host's
 * site), and how the scenarios evaluated treated it (spec 8.5).
 */
export interface ClusterSummary extends Cluster {
  /** Packages of the cluster. */
  readonly packages: number;
  /** Scenarios in which it re-formed by taking its lock. */
  readonly lockUsed: number;
  /** Scenarios in which it halted with nodes up, by cause. */
  readonly halts: { readonly noLock: number; readonly lockDown: number; readonly minority: number };
  /** The first scenarios (at most 5, enumeration order) in which it halts. */
  readonly haltedIn: readonly string[];
}

export interface PlanReport {
  readonly schemaVersion: 1;
  readonly tool: { readonly name: string; readonly version: string };
  readonly inventory: { readonly name: string; readonly sha256: string };
  readonly parameters: PlanParameters;
  readonly summary: PlanSummary;
  readonly groups: readonly GroupSizing[];
  readonly partitions: readonly PartitionSizing[];
  readonly scenarios: readonly ScenarioResult[];
  /** Clusters (empty without clusters.csv). */
  readonly clusters: readonly ClusterSummary[];
  /**
   * With `--all-scenarios` streamed to disk: the files beside the report that hold every scenario
   * (`scenarios.jsonl`, one JSON object per line; `scenarios.csv`); `scenarios` then lists what the
   * default lists. Absent otherwise.
   */
  readonly scenariosFiles?: readonly string[];
  /**
   * Estate-level warnings (static risks: gm-colocated, ping-seizure-risk, single-site, and for
   * clusters no-clusters, no-cluster-lock, lock-site-alone, priority-not-unique).
   */
  readonly warnings: readonly ScenarioWarning[];
  readonly model: readonly ModelCoefficientRow[];
  readonly comparison: Comparison | null;
}
