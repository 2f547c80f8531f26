/**
 * One failure scenario (spec 3.2, 3.3): where each package goes, which cores and rights it takes
 * from where, and whether it survives. Pure: the scenario's mutable ledger lives in this call only.
 *
 * Units: cores (and core usage rights, one per core), TiCAP in core-minutes.
 */
import type { LossReason, Sources } from '../domain/result.js';
import type { DownState } from './failure-units.js';
import type {
  EComplex,
  EGroup,
  EManager,
  ENPar,
  ENode,
  EPackage,
  Estate,
  EVPar,
} from './estate.js';
import { judgeClusters, type ClusterVerdict } from './quorum.js';
import { seizeFromComplex, type SeizedFrom } from './seizure.js';

export interface ScenarioInput {
  readonly estate: Estate;
  /** Outage length, minutes (TiCAP is charged for it) [T1, T2]. */
  readonly outageMinutes: number;
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

const ZERO_SOURCES: Sources = { own: 0, vpar: 0, complex: 0, pool: 0, seized: 0, ticap: 0 };

/** Who is in control of each group when `down` is down (spec 3.3). */
export function groupControl(estate: Estate, down: DownState): GroupControl[] {
  return estate.groups.map((g) => {
    if (!down.isManagerDown(g.active)) return { group: g.idx, manager: g.active, takeover: false };
    const standby = g.standbys.find((s) => !down.isManagerDown(s));
    return standby === undefined
      ? { group: g.idx, manager: null, takeover: false }
      : { group: g.idx, manager: standby, takeover: true };
  });
}

/**
 * What a scenario has consumed of each finite resource, by slot: one Float64Array per estate, reused
 * across scenarios and reset through the list of slots touched (no allocation per scenario: a plan
 * may evaluate hundreds of thousands). Slots are laid out by kind, see `Slots`.
 */
class Ledger {
  readonly values: Float64Array;
  private readonly touched: number[] = [];

  constructor(size: number) {
    this.values = new Float64Array(size);
  }

  get(slot: number): number {
    return this.values[slot] ?? 0;
  }

  add(slot: number, amount: number): void {
    if (this.values[slot] === 0) this.touched.push(slot);
    this.values[slot] = (this.values[slot] ?? 0) + amount;
  }

  reset(): void {
    for (const s of this.touched) this.values[s] = 0;
    this.touched.length = 0;
  }
}

/** Slot of each resource in the ledger. */
class Slots {
  readonly size: number;
  private readonly n: number;
  private readonly c: number;
  private readonly g: number;
  private readonly m: number;

  constructor(estate: Estate) {
    this.n = estate.npars.length;
    this.c = estate.complexes.length;
    this.g = estate.groups.length;
    this.m = estate.nodes.length;
    this.size = 4 * this.n + 2 * this.c + 3 * this.g + 2 * this.m;
  }
  /** Cores activated from the nPar's inactive cores. */
  activated(npar: number): number {
    return npar;
  }
  own(npar: number): number {
    return this.n + npar;
  }
  idle(npar: number): number {
    return 2 * this.n + npar;
  }
  released(npar: number): number {
    return 3 * this.n + npar;
  }
  unassigned(complex: number): number {
    return 4 * this.n + complex;
  }
  ticapComplex(complex: number): number {
    return 4 * this.n + this.c + complex;
  }
  seized(group: number): number {
    return 4 * this.n + 2 * this.c + group;
  }
  held(group: number): number {
    return 4 * this.n + 2 * this.c + this.g + group;
  }
  ticapGroup(group: number): number {
    return 4 * this.n + 2 * this.c + 2 * this.g + group;
  }
  /** Cores of packages placed on the node in this scenario. */
  placed(node: number): number {
    return 4 * this.n + 2 * this.c + 3 * this.g + node;
  }
  /** Cores added to the node's active count. */
  added(node: number): number {
    return 4 * this.n + 2 * this.c + 3 * this.g + this.m + node;
  }
}

interface Workspace {
  readonly slots: Slots;
  readonly ledger: Ledger;
  /** Scratch for step 0: down nodes per cluster. */
  readonly downCount: Int32Array;
}

/** One workspace per estate, reused by every scenario evaluated on it (evaluation is not re-entrant). */
const workspaces = new WeakMap<Estate, Workspace>();

function workspaceFor(estate: Estate): Workspace {
  let ws = workspaces.get(estate);
  if (ws === undefined) {
    const slots = new Slots(estate);
    ws = {
      slots,
      ledger: new Ledger(slots.size),
      downCount: new Int32Array(estate.clusters.length),
    };
    workspaces.set(estate, ws);
  }
  ws.ledger.reset();
  return ws;
}

/**
 * What an evaluation is for: `explain` gives everything a description needs; `verdict` skips what
 * only a description reads (the per-group rights summary), for the aggregate pass over every scenario.
 */
export type EvaluationMode = 'explain' | 'verdict';

/** Evaluate one scenario. */
export function evaluateScenario(
  input: ScenarioInput,
  down: DownState,
  mode: EvaluationMode = 'explain',
): ScenarioEval {
  return new ScenarioRun(input, down).run(mode);
}

class ScenarioRun {
  private readonly estate: Estate;
  private readonly control: GroupControl[];
  /** Per-scenario consumption of finite resources. */
  private readonly ledger: Ledger;
  readonly slots: Slots;
  private readonly groupRuns = new Map<number, GroupRun>();
  /** Cores demanded of each first-up node (spec 4 sizing), whether or not it could take them. */
  private readonly demand = new Map<number, number>();
  private readonly minutesPerCore: number;

  private readonly down: DownState;
  private readonly downCount: Int32Array;
  /** Per cluster: 1 when it halted in this scenario (step 0). */
  private readonly halted: Uint8Array;

  constructor(input: ScenarioInput, down: DownState) {
    this.down = down;
    this.estate = input.estate;
    const ws = workspaceFor(input.estate);
    this.ledger = ws.ledger;
    this.slots = ws.slots;
    this.downCount = ws.downCount;
    this.halted = new Uint8Array(input.estate.clusters.length);
    this.control = groupControl(input.estate, down);
    // TiCAP is decremented in 30-minute steps per core on TiCAP [T1, T2].
    this.minutesPerCore = Math.ceil(input.outageMinutes / 30) * 30;
  }

  run(mode: EvaluationMode): ScenarioEval {
    // Step 0: clusters with a node down re-form or halt (spec 8.2).
    const clusters = judgeClusters(this.estate, this.down, this.downCount);
    let clusterHalted = false;
    const affected: number[] = [];
    for (const v of clusters) {
      // A cluster with no node up has no survivors to halt: its packages are lost for want of a
      // node (assumption A-20), and it is not counted as a halt.
      if (v.reformed || v.nodesUp === 0) continue;
      this.halted[v.cluster] = 1;
      clusterHalted = true;
      // Every package of a halted cluster is lost, including those whose node is up [C2].
      for (const p of this.estate.clusters[v.cluster]?.packages ?? []) {
        const primary = this.estate.packages[p]?.nodes[0] ?? -1;
        if (primary >= 0 && !this.down.isNodeDown(primary)) affected.push(p);
      }
    }
    for (const n of this.down.downNpars) {
      const node = this.estate.npars[n]?.node ?? -1;
      if (node >= 0) affected.push(...(this.estate.nodes[node]?.primaryOf ?? []));
    }
    for (const v of this.down.downVpars) {
      const node = this.estate.vpars[v]?.node ?? -1;
      if (node >= 0) affected.push(...(this.estate.nodes[node]?.primaryOf ?? []));
    }
    affected.sort((a, b) => a - b);
    const packages: PackageEval[] = [];
    let lost = 0;
    for (const p of affected) {
      const pkg = this.estate.packages[p];
      if (pkg === undefined) continue;
      const result = this.placePackage(pkg);
      if (result.status === 'lost') lost++;
      packages.push(result);
    }
    const { nparNeed, vparNeed } = this.sizingNeeds();
    return {
      survives: lost === 0,
      lost,
      packages,
      unaffected: this.estate.packages.length - affected.length,
      control: this.control,
      clusters,
      clusterHalted,
      rights: mode === 'explain' ? this.rightsSummary() : [],
      nparNeed,
      vparNeed,
    };
  }

  /**
   * Serviceguard's order: the first eligible node, then — only with a restart exit — the next
   * (spec 3.2 step 1, 8.3). Eligible: up, in a cluster that re-formed.
   */
  private placePackage(pkg: EPackage): PackageEval {
    const from = pkg.nodes[0] ?? -1;
    // [C2] a cluster that halted runs nothing: no node of it adopts, its packages stay down.
    if (pkg.cluster >= 0 && this.halted[pkg.cluster] === 1) {
      return this.lose(pkg, from, 'cluster-halted', []);
    }
    // [C11] package switching off: Serviceguard never restarts it elsewhere.
    if (!pkg.autoRun) return this.lose(pkg, from, 'auto-run-off', []);
    const attempts: AttemptEval[] = [];
    for (let i = 0; i < pkg.nodes.length; i++) {
      const node = pkg.nodes[i] ?? -1;
      if (node < 0 || this.down.isNodeDown(node)) continue;
      if (attempts.length === 0) this.demand.set(node, (this.demand.get(node) ?? 0) + pkg.cores);
      const attempt = this.tryPlace(pkg, node);
      attempts.push(attempt.eval);
      if (!attempt.eval.ok && pkg.onStartFailure === 'halt') {
        // [C10] run script exit 1: Serviceguard disables the package on every other node.
        const next = pkg.nodes.slice(i + 1).find((n) => n >= 0 && !this.down.isNodeDown(n));
        return {
          ...this.lose(pkg, from, attempt.eval.reason ?? 'no-surviving-node', attempts),
          haltedBefore: next ?? -1,
        };
      }
      if (attempt.eval.ok) {
        attempt.commit();
        return {
          pkg,
          status: 'moved',
          node,
          from,
          activated: attempt.eval.needed,
          sources: attempt.sourcesFinal,
          reason: null,
          attempts,
          ticapMinutes: attempt.ticapMinutes,
          waited: attempt.waited,
          group: attempt.group,
          seizedNpars: attempt.seizedNpars,
          seizedCells: attempt.seizedCells,
          haltedBefore: -1,
        };
      }
    }
    // The reason is the first node's: that is the adoptive the plan counts on (assumption A-02).
    return this.lose(pkg, from, attempts[0]?.reason ?? 'no-surviving-node', attempts);
  }

  private lose(
    pkg: EPackage,
    from: number,
    reason: LossReason,
    attempts: readonly AttemptEval[],
  ): PackageEval {
    return {
      pkg,
      status: 'lost',
      node: -1,
      from,
      activated: 0,
      sources: ZERO_SOURCES,
      reason,
      attempts,
      ticapMinutes: 0,
      waited: false,
      group: -1,
      seizedNpars: 0,
      seizedCells: 0,
      haltedBefore: -1,
    };
  }

  private tryPlace(pkg: EPackage, nodeIdx: number): Attempt {
    const node = this.estate.nodes[nodeIdx] as ENode;
    const npar = this.estate.npars[node.npar] as ENPar;
    const complex = this.estate.complexes[npar.complex] as EComplex;
    const used = node.baseUsed + this.get(this.slots.placed(nodeIdx));
    const active = node.active + this.get(this.slots.added(nodeIdx));
    // Cores needed on the node: extra = max(0, used + cores − active) (spec 3.2 step 2).
    const extra = Math.max(0, used + pkg.cores - active);
    const plan = new Attempt(this, pkg, nodeIdx, extra);
    const facts = {
      used,
      active,
      inactiveLeft: npar.inactive - this.get(this.slots.activated(npar.idx)),
      direct: 0,
      rights: ZERO_SOURCES,
      ticapNeeded: 0,
      ticapAvailable: 0,
      vparMax: 0,
    };
    if (extra === 0) return plan.succeed(facts);

    let need = extra;
    if (node.vpar >= 0) {
      const vpar = this.estate.vpars[node.vpar] as EVPar;
      // Static vPars reject iCAP activation and deactivation [V6].
      if (vpar.static) return plan.fail('static-vpar', 0, facts);
      // A vPar holds at most its configured max [V1].
      if (active + extra > vpar.max) {
        return plan.fail('vpar-max', Math.max(0, vpar.max - active), {
          ...facts,
          vparMax: vpar.max,
        });
      }
      // Cores already active in the nPar move to the vPar without activation or rights:
      // idle active cores (assigned to no vPar), then cores released by down sibling vPars
      // (`vparmodify -d`, [V7]).
      need -= plan.take(this.slots.idle(npar.idx), npar.idle, need, 'own');
      need -= plan.take(this.slots.released(npar.idx), this.releasable(npar), need, 'vpar');
      facts.direct = extra - need;
    }
    // What is left must be activated from the nPar's inactive cores.
    if (need > facts.inactiveLeft) {
      return plan.fail(
        'insufficient-inactive-cores',
        facts.direct + Math.max(0, facts.inactiveLeft),
        facts,
      );
    }
    plan.activate(npar.idx, need);

    // Rights for the cores to activate, in the order of spec 3.2 step 3.
    // 0. Own: the nPar's rights not yet active.
    need -= plan.take(
      this.slots.own(npar.idx),
      Math.max(0, npar.rights - npar.active),
      need,
      'own',
    );
    // a. Rights released by down vPars of other nPars of this complex (icapmodify -d) [V7].
    for (const other of complex.npars) {
      if (need === 0) break;
      if (other === npar.idx) continue;
      const o = this.estate.npars[other] as ENPar;
      need -= plan.take(this.slots.released(other), this.releasable(o), need, 'vpar');
    }
    // b. The complex's unassigned rights (no Group Manager needed).
    need -= plan.take(
      this.slots.unassigned(complex.idx),
      complex.unassignedRights,
      need,
      'complex',
    );
    // c. The group pool, only through a manager in control [M1].
    const ctl = complex.group >= 0 ? this.control[complex.group] : undefined;
    const group = complex.group >= 0 ? (this.estate.groups[complex.group] as EGroup) : undefined;
    if (need > 0 && group !== undefined && ctl?.manager != null) {
      const run = this.groupRun(group, plan);
      const before = need;
      need -= plan.take(this.slots.seized(group.idx), run.seizedTotal, need, 'seized');
      need -= plan.take(this.slots.held(group.idx), group.heldRights, need, 'pool');
      for (const m of group.members) {
        if (need === 0) break;
        if (m === complex.idx || this.down.complex[m] === 1) continue;
        const mc = this.estate.complexes[m] as EComplex;
        // Lent by a running member: its unassigned rights, and rights its down vPars released.
        need -= plan.take(this.slots.unassigned(m), mc.unassignedRights, need, 'pool');
        for (const o of mc.npars) {
          if (need === 0) break;
          need -= plan.take(
            this.slots.released(o),
            this.releasable(this.estate.npars[o] as ENPar),
            need,
            'vpar',
          );
        }
      }
      // Rights that crossed complexes went through the manager: with a standby in control the
      // start had to wait for its takeover [Q4].
      if (need < before) plan.usedGroup(group.idx, ctl.takeover);
    }
    facts.rights = plan.sourcesSoFar();
    // d. TiCAP, when the package's script may use it: the group's pooled balance with a manager in
    // control, else the complex's own [G9, Q7]; charged in 30-minute steps per core [T1, T2].
    if (need > 0 && pkg.ticap) {
      const pooled = group !== undefined && ctl?.manager != null;
      const key = pooled ? this.slots.ticapGroup(group.idx) : this.slots.ticapComplex(complex.idx);
      const balance = pooled ? group.ticapPool : complex.ticapMinutes;
      const minutes = need * this.minutesPerCore;
      facts.ticapNeeded = minutes;
      facts.ticapAvailable = balance - this.get(key);
      if (facts.ticapAvailable >= minutes) {
        plan.takeTicap(
          key,
          minutes,
          need,
          pooled && ctl.takeover,
          pooled ? (group?.idx ?? -1) : -1,
        );
        need = 0;
      }
    }
    if (need > 0) {
      const reason: LossReason =
        group !== undefined && ctl?.manager == null
          ? 'gm-unavailable'
          : pkg.ticap
            ? 'insufficient-ticap'
            : 'insufficient-rights';
      return plan.fail(reason, extra - need, facts);
    }
    return plan.succeed(facts);
  }

  /** Cores a surviving nPar's down, non-static vPars release: Σ (cores − min) [V7]. */
  private releasable(n: ENPar): number {
    if (n.vpars.length === 0 || this.down.npar[n.idx] === 1) return 0;
    let total = 0;
    for (const v of n.vpars) {
      const vp = this.estate.vpars[v];
      // A static vPar cannot be modified [V6, V7].
      if (vp !== undefined && this.down.vpar[v] === 1 && !vp.static) total += vp.cores - vp.min;
    }
    return total;
  }

  /** The group's seizure runs once, the first time a start script needs the pool [X2, X4]. */
  groupRun(group: EGroup, plan: Attempt): GroupRun {
    let run = this.groupRuns.get(group.idx);
    if (run === undefined) {
      const seizedFrom: SeizedFrom[] = [];
      for (const m of group.members) {
        const c = this.estate.complexes[m] as EComplex;
        seizedFrom.push(...seizeFromComplex(this.estate, this.down, c));
      }
      const seized = seizedFrom.filter((s) => s.rights > 0);
      run = {
        seizedFrom: seized,
        seizedTotal: seized.reduce((s, x) => s + x.rights, 0),
        loaned: seized.filter((x) => x.loan).reduce((s, x) => s + x.rights, 0),
      };
      this.groupRuns.set(group.idx, run);
      const nparsSeized = seized
        .filter((s) => s.npar >= 0)
        .map((s) => this.estate.npars[s.npar] as ENPar);
      plan.ranSeizure(
        nparsSeized.length,
        nparsSeized.reduce((s, n) => s + n.cells, 0),
      );
    }
    return run;
  }

  get(slot: number): number {
    return this.ledger.get(slot);
  }

  commitTakes(takes: readonly Take[], nodeIdx: number, pkgCores: number, extra: number): void {
    for (const t of takes) this.ledger.add(t.key, t.amount);
    this.ledger.add(this.slots.placed(nodeIdx), pkgCores);
    if (extra > 0) this.ledger.add(this.slots.added(nodeIdx), extra);
  }

  /**
   * Inactive cores each partition had to activate (spec 4): for every node that was some moved
   * package's first node up, max(0, used + demanded − active); for vPars, less what the nPar could
   * give without activation (idle and released cores), and summed on their nPar.
   */
  private sizingNeeds(): { nparNeed: Map<number, number>; vparNeed: Map<number, number> } {
    const nparNeed = new Map<number, number>();
    const vparNeed = new Map<number, number>();
    const vparDemand = new Map<number, number>();
    for (const [nodeIdx, cores] of this.demand) {
      const node = this.estate.nodes[nodeIdx] as ENode;
      const d = Math.max(0, node.baseUsed + cores - node.active);
      if (node.vpar < 0) {
        nparNeed.set(node.npar, d);
        continue;
      }
      const npar = this.estate.npars[node.npar] as ENPar;
      const direct = npar.idle + this.releasable(npar);
      vparNeed.set(node.vpar, Math.max(0, d - direct));
      vparDemand.set(node.npar, (vparDemand.get(node.npar) ?? 0) + d);
    }
    for (const [n, d] of vparDemand) {
      const npar = this.estate.npars[n] as ENPar;
      nparNeed.set(n, Math.max(0, d - npar.idle - this.releasable(npar)));
    }
    return { nparNeed, vparNeed };
  }

  private rightsSummary(): GroupRightsEval[] {
    return this.estate.groups.map((g) => {
      const run = this.groupRuns.get(g.idx);
      const seized = run?.seizedTotal ?? 0;
      const usedSeized = this.get(this.slots.seized(g.idx));
      const usedHeld = this.get(this.slots.held(g.idx));
      let ticap = this.get(this.slots.ticapGroup(g.idx));
      for (const m of g.members) ticap += this.get(this.slots.ticapComplex(m));
      return {
        group: g.idx,
        seized,
        loaned: run?.loaned ?? 0,
        seizedFrom: run?.seizedFrom ?? [],
        // Rights parked at the manager after every placement: held + seized − used [S3].
        heldAfter: g.heldRights - usedHeld + seized - usedSeized,
        ticapMinutes: ticap,
      };
    });
  }
}

interface GroupRun {
  readonly seizedFrom: readonly SeizedFrom[];
  readonly seizedTotal: number;
  readonly loaned: number;
}

interface Take {
  readonly key: number;
  readonly amount: number;
}

type SourceName = keyof Sources;

/** A placement being tried on one node: what it would take; committed only if it succeeds. */
class Attempt {
  private readonly takes: Take[] = [];
  private readonly sources: Record<SourceName, number> = { ...ZERO_SOURCES };
  private ticap = 0;
  private waitedFlag = false;
  private groupIdx = -1;
  private seizedN = 0;
  private seizedC = 0;
  eval!: AttemptEval;

  private readonly run: ScenarioRun;
  private readonly pkg: EPackage;
  private readonly node: number;
  private readonly extra: number;

  constructor(run: ScenarioRun, pkg: EPackage, node: number, extra: number) {
    this.run = run;
    this.pkg = pkg;
    this.node = node;
    this.extra = extra;
  }

  /** Take up to `want` from a finite source of `capacity`; returns what was taken. */
  take(key: number, capacity: number, want: number, source: SourceName): number {
    if (want <= 0) return 0;
    const left = capacity - this.run.get(key) - this.pending(key);
    const amount = Math.max(0, Math.min(left, want));
    if (amount > 0) {
      this.takes.push({ key, amount });
      this.sources[source] += amount;
    }
    return amount;
  }

  activate(npar: number, cores: number): void {
    if (cores > 0) this.takes.push({ key: this.run.slots.activated(npar), amount: cores });
  }

  takeTicap(key: number, minutes: number, cores: number, waited: boolean, group: number): void {
    this.takes.push({ key, amount: minutes });
    this.sources.ticap += cores;
    this.ticap = minutes;
    if (waited) this.waitedFlag = true;
    if (group >= 0) this.groupIdx = group;
  }

  usedGroup(group: number, takeover: boolean): void {
    this.groupIdx = group;
    if (takeover) this.waitedFlag = true;
  }

  ranSeizure(npars: number, cells: number): void {
    this.seizedN = npars;
    this.seizedC = cells;
  }

  sourcesSoFar(): Sources {
    return { ...this.sources };
  }

  succeed(facts: AttemptFacts): this {
    this.eval = {
      node: this.node,
      ok: true,
      reason: null,
      needed: this.extra,
      available: this.extra,
      facts,
    };
    return this;
  }

  fail(reason: LossReason, available: number, facts: AttemptFacts): this {
    this.eval = { node: this.node, ok: false, reason, needed: this.extra, available, facts };
    return this;
  }

  commit(): void {
    this.run.commitTakes(this.takes, this.node, this.pkg.cores, this.extra);
  }

  get ticapMinutes(): number {
    return this.ticap;
  }
  get waited(): boolean {
    return this.waitedFlag;
  }
  get group(): number {
    return this.groupIdx;
  }
  get seizedNpars(): number {
    return this.seizedN;
  }
  get seizedCells(): number {
    return this.seizedC;
  }
  get sourcesFinal(): Sources {
    return this.sources;
  }

  private pending(key: number): number {
    let s = 0;
    for (const t of this.takes) if (t.key === key) s += t.amount;
    return s;
  }
}
