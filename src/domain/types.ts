/**
 * Domain model of an HP-UX iCAP / GiCAP estate, as plain data (style.md practice 1).
 *
 * Units: cores are whole processor cores; times are seconds; TiCAP balances are core-minutes.
 * An `Inventory` is what the loader hands to the engine after validation: every reference resolves,
 * every rule of spec section 2 holds, and arrays are sorted by their keys so that the row order of
 * the input files never changes a result.
 */

export type Platform = 'cellular' | 'sd2';

/** One physical partitionable server; a GiCAP member is a whole complex [S3]. */
export interface Complex {
  readonly complex: string;
  readonly platform: Platform;
  /** GiCAP group this complex is a member of, or null. */
  readonly group: string | null;
  /** Failure domain (data centre, power feed), or null. */
  readonly site: string | null;
  /** Core usage rights owned by the complex but assigned to no partition. */
  readonly unassignedRights: number;
  /** Temporary Instant Capacity balance, core-minutes (1 unit = 43,200) [T1]. */
  readonly ticapMinutes: number;
}

/** One cell board (SD2: one blade). */
export interface Cell {
  readonly complex: string;
  readonly cell: string;
  /** nPartition the cell is assigned to, or null for an unassigned cell. */
  readonly npar: string | null;
  /** Processor cores installed on the cell. */
  readonly cores: number;
  /** Configured active on next boot (UONB); seizure leaves one core right per active cell [S6 p.80]. */
  readonly active: boolean;
}

/** One nPartition (hard partition). */
export interface NPartition {
  readonly complex: string;
  readonly npar: string;
  /** OS host name when the nPar runs HP-UX directly; null when it runs vPars. */
  readonly host: string | null;
  /** Core usage rights assigned to the nPar (Intended Active). */
  readonly rights: number;
  /** Cores currently active (Actual Active). */
  readonly active: number;
}

/** One virtual partition inside an nPar. */
export interface VPar {
  readonly complex: string;
  readonly npar: string;
  /** The vPar's OS host name. */
  readonly vpar: string;
  /** Cores assigned to the vPar now. */
  readonly cores: number;
  /** Configured minimum (the boot processor is always one) [V1]. */
  readonly min: number;
  /** Configured maximum. */
  readonly max: number;
  /** Static vPars reject iCAP activation and deactivation [V6]. */
  readonly static: boolean;
}

export interface GicapGroup {
  readonly group: string;
  /** GiCAP sharing rights applied on the group's manager [G1]. */
  readonly sharingRights: number;
  /** Core usage rights held by the Group Manager now (seized or reclaimed, not yet used). */
  readonly heldRights: number;
}

export type ManagerRole = 'active' | 'standby';
export type TakeoverMode = 'serviceguard' | 'manual';

/** One Group Manager host for one group (a host managing several groups has one row each). */
export interface GroupManager {
  readonly group: string;
  readonly host: string;
  readonly role: ManagerRole;
  /**
   * Site of the manager host: the given one for an external host, else the site of the complex
   * whose partition runs it (null when unknown).
   */
  readonly site: string | null;
  readonly takeover: TakeoverMode;
}

export type PackageKind = 'app' | 'vm';

/** What the run script does when it cannot get the cores it needs [C10]. */
export type StartFailure = 'halt' | 'next';

/**
 * Which eligible node Serviceguard picks first [P1]: the list order, the node running the fewest
 * packages, the nodes of the package's own site first, or only those (spec 9.2).
 */
export type FailoverPolicy =
  'configured_node' | 'min_package_node' | 'site_preferred' | 'site_preferred_manual';

/** Where the package a dependent needs must run (condition UP) [P3]. */
export type DependencyLocation = 'same_node' | 'any_node' | 'different_node';

/** One row of dependencies.csv: `package` needs `dependsOn` up, at `location` [P3]. */
export interface Dependency {
  readonly package: string;
  readonly dependsOn: string;
  readonly location: DependencyLocation;
}

/** One row of capacities.csv: CAPACITY_NAME / CAPACITY_VALUE of a node [P5]. */
export interface NodeCapacity {
  readonly node: string;
  /** Capacity name; `package_limit` is reserved (every package weighs 1 for it) [P6]. */
  readonly capacity: string;
  readonly value: number;
}

/** One row of weights.csv: a package's weight, or a cluster's default weight (`package` null, `*`) [P6]. */
export interface PackageWeight {
  /** Package name, or null for the cluster's default (`*`). */
  readonly package: string | null;
  /** The cluster of a default weight; null for a package's own row when not given. */
  readonly cluster: string | null;
  readonly capacity: string;
  readonly value: number;
}

/** One Serviceguard package. */
export interface Package {
  readonly package: string;
  /** Active cores the package needs on the node it runs on. */
  readonly cores: number;
  /** Node list in failover order; nodes[0] is the primary, where it runs now. */
  readonly nodes: readonly string[];
  /**
   * Serviceguard priority 1–3000 (lower = higher priority), or null for `no_priority`, which ranks
   * after every number [C9]. Packages are placed by rank, then by name.
   */
  readonly priority: number | null;
  /** Application start time, seconds. */
  readonly startS: number;
  readonly kind: PackageKind;
  /** VM start + guest boot, seconds (required for kind 'vm', null otherwise) [S13]. */
  readonly vmBootS: number | null;
  /** The start script may activate with TiCAP (`icapmodify -a -t`). */
  readonly ticap: boolean;
  /** `halt`: the run script exits 1 and the package stays down; `next`: exits 2 (restart exit) [C10]. */
  readonly onStartFailure: StartFailure;
  /** Package switching: false = never failed over; lost when its node fails [C11]. */
  readonly autoRun: boolean;
  /** Which eligible node first [P1]; `configured_node` when not given. */
  readonly failoverPolicy: FailoverPolicy;
}

/** The cluster lock (tie-breaker when exactly half the nodes survive) [C4]. */
export type LockKind = 'none' | 'disk' | 'dual-disk' | 'lun' | 'quorum-server';

/** One Serviceguard cluster (spec 8.1). */
export interface Cluster {
  readonly cluster: string;
  /** Node host names (nPar hosts or vPars), in the order given. */
  readonly nodes: readonly string[];
  readonly lock: LockKind;
  /**
   * Where the lock lives: one site for `disk`/`lun`, two for `dual-disk` (one per data centre), the
   * quorum server's site for an external `quorum-server` host; empty: the lock fails with no site.
   */
  readonly lockSites: readonly string[];
  /** The Quorum Server host (`quorum-server` only), else null [C5]. */
  readonly quorumServer: string | null;
  /** MEMBER_TIMEOUT, seconds, or null when not given (then `sg_failover` is used) [C12]. */
  readonly memberTimeoutS: number | null;
}

/** A validated inventory. Arrays are sorted by their natural keys. */
export interface Inventory {
  /** Display name (the folder's base name). */
  readonly name: string;
  /** sha256 of the input files, in a fixed order (spec 5.1). */
  readonly sha256: string;
  readonly complexes: readonly Complex[];
  readonly cells: readonly Cell[];
  readonly npars: readonly NPartition[];
  readonly vpars: readonly VPar[];
  readonly groups: readonly GicapGroup[];
  readonly managers: readonly GroupManager[];
  readonly packages: readonly Package[];
  /** Serviceguard clusters, or null when clusters.csv is absent (clusters not modelled, spec 8.1). */
  readonly clusters: readonly Cluster[] | null;
  /** Package dependencies (dependencies.csv; empty when absent), spec 9.1. */
  readonly dependencies: readonly Dependency[];
  /** Node capacities (capacities.csv; empty when absent) [P5]. */
  readonly capacities: readonly NodeCapacity[];
  /** Package weights (weights.csv; empty when absent) [P6]. */
  readonly weights: readonly PackageWeight[];
}
