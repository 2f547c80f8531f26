/**
 * What the evaluation of one scenario yields (spec 3.2, 3.3, 8, 9): per package its attempts, skips,
 * displacements and sources; per group who is in control and what moved; the clusters judged; the
 * sizing demand. Indices into the compiled `Estate`; `describe.ts` turns them into names.
 *
 * Units: cores (and core usage rights, one per core), TiCAP in core-minutes.
 */
import type { LossReason, Sources } from '../domain/result.js';
import type { EManager, EPackage, Estate } from './estate.js';
import type { ClusterVerdict } from './quorum.js';
import type { SeizedFrom } from './seizure.js';
import type { Workspace } from './ledger.js';

export interface ScenarioInput {
  readonly estate: Estate;
  /** Outage length, minutes (TiCAP is charged for it) [T1, T2]. */
  readonly outageMinutes: number;
  /** The scratch state the scenarios of this estate reuse (`createWorkspace`). */
  readonly workspace: Workspace;
}

/** Who controls a group's rights in a scenario (spec 3.3). */
export interface GroupControl {
  readonly group: number;
  /** The manager in control, or null when none is (nothing crosses complexes [M1]). */
  readonly manager: EManager | null;
  /** A standby took control (`icapmanage -Q`): cross-complex moves wait for it [Q4]. */
  readonly takeover: boolean;
}

export interface AttemptEval {
  readonly node: number;
  readonly ok: boolean;
  readonly reason: LossReason | null;
  readonly needed: number;
  readonly available: number;
  /** The figures behind the verdict, for the explanation. */
  readonly facts: AttemptFacts;
}

/** Why a node of the list was not eligible (spec 9.2): skipped at no cost, not a failed start. */
export type SkipWhy = 'capacity' | 'dependency' | 'policy' | 'displaced';

export interface SkipEval {
  readonly node: number;
  /** Start attempts made before this skip (to tell them in the order considered). */
  readonly at: number;
  readonly why: SkipWhy;
  /** `capacity`: the binding capacity index and its figures (used, needed, capacity) [P5, P6]. */
  readonly capacity: number;
  readonly used: number;
  readonly needed: number;
  readonly value: number;
  /** `dependency`: the package depended on, and where it runs (-1: nowhere) [P3]. */
  readonly other: number;
  readonly otherNode: number;
}

/** A package halted to make room (spec 9.2, [P8]) with the capacity figures that bound. */
export interface DisplacementEval {
  readonly victim: number;
  readonly node: number;
  readonly capacity: number;
  readonly used: number;
  readonly needed: number;
  readonly value: number;
}

export interface AttemptFacts {
  /** used(n) before this package, active(n) and the package's cores. */
  readonly used: number;
  readonly active: number;
  /** Inactive cores of the nPar left to activate. */
  readonly inactiveLeft: number;
  /** Cores a vPar node could take without activation (idle + released by down siblings). */
  readonly direct: number;
  /** Rights found per source before TiCAP (for an explanation of a rights shortfall). */
  readonly rights: Sources;
  /** TiCAP minutes needed and available (when the package may use TiCAP). */
  readonly ticapNeeded: number;
  readonly ticapAvailable: number;
  /** vPar max, when it bound. */
  readonly vparMax: number;
}

export interface PackageEval {
  readonly pkg: EPackage;
  readonly status: 'moved' | 'lost';
  /** Node it runs on now, or -1 when lost. */
  readonly node: number;
  readonly from: number;
  readonly activated: number;
  readonly sources: Sources;
  readonly reason: LossReason | null;
  readonly attempts: readonly AttemptEval[];
  readonly ticapMinutes: number;
  /** Took rights through a standby that had to take over first (serial [Q4]). */
  readonly waited: boolean;
  /** Group whose pool it drew on, or -1. */
  readonly group: number;
  /** nPars (and cells) this package's start script seized (it ran the seizure). */
  readonly seizedNpars: number;
  readonly seizedCells: number;
  /**
   * Lost because its run script exited 1 on a failed start (`on_start_failure` = halt): the next
   * eligible node a restart exit (2) would have let it try, else -1 [C10].
   */
  readonly haltedBefore: number;
  /** Nodes skipped as not eligible, in the order considered (spec 9.2). */
  readonly skips: readonly SkipEval[];
  /** The package that displaced it from `from`, or -1 [P8]. */
  readonly displacedBy: number;
  /** Packages it depends on that moved or were lost in this scenario (they decided its outcome). */
  readonly dependsOn: readonly number[];
  /** Packages it displaced to start [P8]. */
  readonly displaced: readonly DisplacementEval[];
  /** Its own node failed (or its cluster halted); false when another package moved it. */
  readonly ownFailure: boolean;
}

export interface GroupRightsEval {
  readonly group: number;
  readonly seized: number;
  readonly loaned: number;
  readonly seizedFrom: readonly SeizedFrom[];
  readonly heldAfter: number;
  readonly ticapMinutes: number;
}

export interface ScenarioEval {
  readonly survives: boolean;
  readonly lost: number;
  readonly packages: readonly PackageEval[];
  readonly unaffected: number;
  readonly control: readonly GroupControl[];
  /** Clusters with a node down, in cluster order (spec 8.2). */
  readonly clusters: readonly ClusterVerdict[];
  /** Some cluster halted with nodes still up. */
  readonly clusterHalted: boolean;
  /** Per group: seized, loaned, held after, TiCAP; empty when evaluated in `verdict` mode. */
  readonly rights: readonly GroupRightsEval[];
  /** Inactive cores each partition must activate (spec 4): nPar index → cores, vPar index → cores. */
  readonly nparNeed: ReadonlyMap<number, number>;
  readonly vparNeed: ReadonlyMap<number, number>;
}
