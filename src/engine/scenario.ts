/**
 * One failure scenario (spec 3.2, 3.3): where each package goes, which cores and rights it takes
 * from where, and whether it survives. Pure: the scenario's mutable ledger lives in this call only.
 *
 * Units: cores (and core usage rights, one per core), TiCAP in core-minutes.
 */
import type { LossReason } from '../domain/result.js';
import type { DownState } from './failure-units.js';
import type { EComplex, EGroup, ENPar, ENode, EPackage, Estate, EVPar } from './estate.js';
import { judgeClusters } from './quorum.js';
import { seizeFromComplex, type SeizedFrom } from './seizure.js';
import { compareText } from '../text/order.js';
import { Attempt, ZERO_SOURCES, type GroupRun, type Take } from './attempt.js';
import { createWorkspace, resetWorkspace, type Ledger, type Slots } from './ledger.js';
import type {
  AttemptEval,
  DisplacementEval,
  GroupControl,
  GroupRightsEval,
  PackageEval,
  ScenarioEval,
  ScenarioInput,
  SkipEval,
  SkipWhy,
} from './scenario-eval.js';
import { at } from './names.js';

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
 * What an evaluation is for: `explain` gives everything a description needs; `verdict` skips what
 * only a description reads (the per-group rights summary), for the aggregate pass over every scenario.
 */
export type EvaluationMode = 'explain' | 'verdict';

/** What `evaluateScenario` needs for scenarios of one estate, with its own workspace. */
export function scenarioInput(estate: Estate, outageMinutes: number): ScenarioInput {
  return { estate, outageMinutes, workspace: createWorkspace(estate) };
}

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
  private readonly where: Int32Array;
  private readonly touched: number[];
  private readonly isPending: Uint8Array;
  /** Packages to place (affected, dependents of moved ones), and those placed, with their outcome. */
  private readonly queued = new Set<number>();
  private readonly outcomes = new Map<number, PackageEval>();
  /** Packages started on a node in this scenario (with the residents: what may be displaced). */
  private readonly started: number[] = [];
  /** Displaced packages, placed right after the package that displaced them, in order [P8]. */
  private readonly urgent: PlaceRequest[] = [];

  constructor(input: ScenarioInput, down: DownState) {
    this.down = down;
    this.estate = input.estate;
    const ws = resetWorkspace(input.workspace);
    this.ledger = ws.ledger;
    this.slots = ws.slots;
    this.downCount = ws.downCount;
    this.where = ws.where;
    this.touched = ws.touched;
    this.isPending = ws.isPending;
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
      // Every package of a halted cluster is lost, including those whose node is up [C2]. Its nodes
      // stay up for iCAP: nothing is seized from them, a manager there stays in control (assumption
      // the down state is not changed here).
      for (const p of at(this.estate.clusters, v.cluster, 'cluster').packages) {
        if (!this.down.isNodeDown(this.primaryOf(p))) affected.push(p);
      }
    }
    for (const n of this.down.downNpars) {
      // An nPar that runs vPars is no node itself (-1): its vPars are.
      const node = at(this.estate.npars, n, 'nPar').node;
      if (node >= 0) affected.push(...at(this.estate.nodes, node, 'node').primaryOf);
    }
    for (const v of this.down.downVpars) {
      const node = at(this.estate.vpars, v, 'vPar').node;
      affected.push(...at(this.estate.nodes, node, 'node').primaryOf);
    }
    affected.sort((a, b) => a - b);
    for (const p of affected) {
      this.setWhere(p, -1);
      this.request({
        pkg: p,
        from: this.primaryOf(p),
        forbidden: -1,
        displacedBy: -1,
        ownFailure: true,
      });
    }
    // [P4] the packages that depend on a failed package are halted too, and restarted after it.
    if (this.estate.policies) for (const p of affected) this.haltDependents(p);

    for (let req = this.next(); req !== undefined; req = this.next()) {
      const result = this.placePackage(req);
      this.outcomes.delete(req.pkg);
      this.outcomes.set(req.pkg, result);
    }
    const packages = [...this.outcomes.values()];
    let lost = 0;
    for (const p of packages) if (p.status === 'lost') lost++;
    const { nparNeed, vparNeed } = this.sizingNeeds();
    return {
      survives: lost === 0,
      lost,
      packages,
      unaffected: this.estate.packages.length - packages.length,
      control: this.control,
      clusters,
      clusterHalted,
      rights: mode === 'explain' ? this.rightsSummary() : [],
      nparNeed,
      vparNeed,
    };
  }

  /** Requests not yet placed, in placement order (rank, then name). */
  private readonly pending: number[] = [];
  private readonly requests = new Map<number, PlaceRequest>();

  private request(req: PlaceRequest): void {
    this.requests.set(req.pkg, req);
    this.queued.add(req.pkg);
    this.outcomes.delete(req.pkg);
    if (this.isPending[req.pkg] !== 1) {
      this.isPending[req.pkg] = 1;
      insertSorted(this.pending, req.pkg);
    }
  }

  /**
   * The next package to place: a displaced one first (right after the package that displaced it
   * [P8]); else the first in placement order whose dependencies are placed (spec 9.2).
   */
  private next(): PlaceRequest | undefined {
    const urgent = this.urgent.shift();
    if (urgent !== undefined) return urgent;
    if (this.pending.length === 0) return undefined;
    let at = 0;
    if (this.estate.policies) {
      const ready = this.pending.findIndex((p) =>
        (this.estate.packages[p]?.dependsOn ?? []).every((d) => this.isPending[d.on] !== 1),
      );
      // Dependencies are acyclic (checked by the loader), so some package is always ready.
      at = Math.max(0, ready);
    }
    const [p] = this.pending.splice(at, 1);
    if (p !== undefined) this.isPending[p] = 0;
    return p === undefined ? undefined : this.requests.get(p);
  }

  /**
   * [P4] Halt the packages that depend on `p` (it moved, was displaced or is lost): each leaves its
   * node and is placed again after `p`, reported `moved` or lost with it.
   */
  private haltDependents(p: number): void {
    for (const d of this.estate.packages[p]?.dependents ?? []) {
      if (this.isPending[d] === 1) continue;
      const placed = this.outcomes.get(d);
      const node = this.where[d] ?? -1;
      if (placed === undefined && node < 0) continue;
      this.leave(d);
      this.request({
        pkg: d,
        from: placed?.from ?? node,
        forbidden: -1,
        displacedBy: -1,
        ownFailure: placed?.ownFailure ?? false,
      });
      this.haltDependents(d);
    }
  }

  private setWhere(p: number, node: number): void {
    this.touched.push(p);
    this.where[p] = node;
  }

  /** `p` leaves the node it runs on, which stays up: its cores, count and weights are freed there. */
  private leave(p: number): void {
    const node = this.where[p] ?? -1;
    if (node < 0) return;
    const pkg = this.estate.packages[p] as EPackage;
    this.ledger.add(this.slots.placed(node), -pkg.cores);
    this.ledger.add(this.slots.count(node), -1);
    pkg.weight.forEach((w, k) => {
      if (w !== 0) this.ledger.add(this.slots.load(node, k), -w);
    });
    this.setWhere(p, -1);
  }

  /** `p` started on `node` (its cores are in the ledger through the attempt's commit). */
  private arrive(p: number, node: number): void {
    const pkg = this.estate.packages[p] as EPackage;
    this.ledger.add(this.slots.count(node), 1);
    pkg.weight.forEach((w, k) => {
      if (w !== 0) this.ledger.add(this.slots.load(node, k), w);
    });
    this.setWhere(p, node);
    this.started.push(p);
  }

  /** Packages running on the node at this moment (min_package_node counts them [P1]). */
  private packageCount(node: number): number {
    return (this.estate.nodes[node]?.primaryOf.length ?? 0) + this.get(this.slots.count(node));
  }

  /**
   * The nodes of the list in the order the failover policy tries them [P1]; for
   * `site_preferred_manual` the nodes outside the site come last, marked as not allowed.
   */
  /** The node a package runs on when nothing has failed (its first node). */
  private primaryOf(p: number): number {
    return at(at(this.estate.packages, p, 'package').nodes, 0, 'primary node');
  }

  private nodeOrder(pkg: EPackage, from: number): { order: readonly number[]; allowed: number } {
    const up = pkg.nodes.filter((n) => n >= 0 && !this.down.isNodeDown(n));
    switch (pkg.policy) {
      case 'configured_node':
        return { order: up, allowed: up.length };
      case 'min_package_node': {
        // The fewest packages at this moment, ties in list order (a stable sort).
        const counts = new Map(up.map((n) => [n, this.packageCount(n)]));
        const order = [...up].sort((a, b) => (counts.get(a) ?? 0) - (counts.get(b) ?? 0));
        return { order, allowed: order.length };
      }
      case 'site_preferred':
      case 'site_preferred_manual': {
        const site = at(this.estate.nodes, from, 'node').site;
        // Without sites the site policies act as configured_node (spec 9.2).
        if (site < 0) return { order: up, allowed: up.length };
        const local = up.filter((n) => this.estate.nodes[n]?.site === site);
        const away = up.filter((n) => this.estate.nodes[n]?.site !== site);
        return {
          order: [...local, ...away],
          allowed: pkg.policy === 'site_preferred' ? up.length : local.length,
        };
      }
    }
  }

  /**
   * Whether `pkg` fits the node's capacities [P5, P6], and which lower-ranked weighted packages a
   * numeric-priority package would halt to make room [P8]: lowest rank first, then name descending.
   */
  private room(pkg: EPackage, nodeIdx: number): Room {
    const node = this.estate.nodes[nodeIdx] as ENode;
    const K = node.capacity.length;
    const freed: number[] = new Array<number>(K).fill(0);
    const short = (): number => {
      for (let k = 0; k < K; k++) {
        const cap = node.capacity[k] ?? Number.POSITIVE_INFINITY;
        const w = pkg.weight[k] ?? 0;
        if (cap === Number.POSITIVE_INFINITY || w === 0) continue;
        if (this.loadOf(node, k) - (freed[k] ?? 0) + w > cap) return k;
      }
      return -1;
    };
    const first = short();
    if (first < 0) return NO_ROOM_NEEDED;
    const figures = {
      capacity: first,
      used: this.loadOf(node, first),
      needed: pkg.weight[first] ?? 0,
      value: node.capacity[first] ?? 0,
    };
    // [P8] a no_priority package never displaces another.
    if (pkg.priority === null) return { fits: false, victims: [], ...figures };
    const rank = (q: EPackage): number => q.priority ?? Number.POSITIVE_INFINITY;
    // Never a package it needs: halting that one would halt this one too [P4] (assumption A-28).
    const needed = new Set<number>();
    const stack = pkg.dependsOn.map((d) => d.on);
    for (let q = stack.pop(); q !== undefined; q = stack.pop()) {
      if (needed.has(q)) continue;
      needed.add(q);
      for (const d of this.estate.packages[q]?.dependsOn ?? []) stack.push(d.on);
    }
    const candidates: EPackage[] = [];
    const consider = (q: number): void => {
      const other = this.estate.packages[q];
      if (other === undefined || this.where[q] !== nodeIdx || !other.weighted) return;
      if (needed.has(q)) return;
      if (rank(other) > rank(pkg) && !candidates.includes(other)) candidates.push(other);
    };
    for (const q of node.primaryOf) consider(q);
    for (const q of this.started) consider(q);
    candidates.sort((a, b) => rank(b) - rank(a) || compareText(b.name, a.name));
    const victims: number[] = [];
    for (const c of candidates) {
      victims.push(c.idx);
      c.weight.forEach((w, k) => (freed[k] = (freed[k] ?? 0) + w));
      if (short() < 0) return { fits: true, victims, ...figures };
    }
    return { fits: false, victims: [], ...figures };
  }

  private loadOf(node: ENode, k: number): number {
    return (node.baseLoad[k] ?? 0) + this.get(this.slots.load(node.idx, k));
  }

  /**
   * Serviceguard's order among the eligible nodes (spec 9.2): the failover policy's order, nodes not
   * allowed by a dependency or a capacity skipped at no cost; then the start (3.2) on the first
   * eligible node and — only with a restart exit — the next (8.3).
   */
  private placePackage(req: PlaceRequest): PackageEval {
    const pkg = this.estate.packages[req.pkg] as EPackage;
    const from = req.from;
    const ctx: LossContext = {
      skips: [],
      displacedBy: req.displacedBy,
      dependsOn: [],
      displaced: [],
      ownFailure: req.ownFailure,
    };
    // [C2] a cluster that halted runs nothing: no node of it adopts, its packages stay down.
    if (pkg.cluster >= 0 && this.halted[pkg.cluster] === 1) {
      return this.lose(pkg, from, 'cluster-halted', [], ctx);
    }
    // [C11] package switching off: Serviceguard never restarts it elsewhere.
    if (!pkg.autoRun) return this.lose(pkg, from, 'auto-run-off', [], ctx);
    for (const d of pkg.dependsOn) if (this.queued.has(d.on)) ctx.dependsOn.push(d.on);
    // [P4] a package whose depended-on package is down is down too, whatever its own node.
    if (pkg.dependsOn.some((d) => (this.where[d.on] ?? -1) < 0)) {
      return this.lose(pkg, from, 'dependency', [], ctx);
    }
    const { order, allowed } = this.nodeOrder(pkg, from);
    const attempts: AttemptEval[] = [];
    const skip = (node: number, why: SkipWhy, more: Partial<SkipEval> = {}): void => {
      ctx.skips.push({ ...NO_SKIP_FIGURES, node, at: attempts.length, why, ...more });
    };
    let eligibleSeen = false;
    for (let i = 0; i < order.length; i++) {
      const node = order[i] ?? -1;
      if (i >= allowed) {
        skip(node, 'policy');
        continue;
      }
      if (node === req.forbidden) {
        skip(node, 'displaced', { other: req.displacedBy, otherNode: node });
        continue;
      }
      let victims: readonly number[] = [];
      let figures: Room | null = null;
      if (this.estate.policies) {
        const dep = pkg.dependsOn.find((d) =>
          d.location === 'same_node'
            ? this.where[d.on] !== node
            : d.location === 'different_node' && this.where[d.on] === node,
        );
        if (dep !== undefined) {
          skip(node, 'dependency', { other: dep.on, otherNode: this.where[dep.on] ?? -1 });
          continue;
        }
        const room = this.room(pkg, node);
        if (!room.fits) {
          skip(node, 'capacity', {
            capacity: room.capacity,
            used: room.used,
            needed: room.needed,
            value: room.value,
          });
          continue;
        }
        victims = room.victims;
        figures = room;
      }
      // Sizing counts the package on its first eligible node (spec 9.2), against the residents at the
      // start of the scenario: departures are not credited (assumption A-29).
      if (!eligibleSeen) this.demand.set(node, (this.demand.get(node) ?? 0) + pkg.cores);
      eligibleSeen = true;
      const displacedNow: PlaceRequest[] = [];
      for (const v of victims) {
        // [P8] halted to make room; placed right after this package, that node not eligible.
        ctx.displaced.push({
          victim: v,
          node,
          capacity: figures?.capacity ?? -1,
          used: figures?.used ?? 0,
          needed: figures?.needed ?? 0,
          value: figures?.value ?? 0,
        });
        const before = this.outcomes.get(v);
        this.leave(v);
        this.outcomes.delete(v);
        this.queued.add(v);
        displacedNow.push({
          pkg: v,
          from: node,
          forbidden: node,
          displacedBy: pkg.idx,
          ownFailure: before?.ownFailure ?? false,
        });
        this.haltDependents(v);
      }
      this.urgent.unshift(...displacedNow);
      const attempt = this.tryPlace(pkg, node);
      attempts.push(attempt.eval);
      if (!attempt.eval.ok && pkg.onStartFailure === 'halt') {
        // [C10] run script exit 1: Serviceguard disables the package on every other node.
        const next = order.slice(i + 1, allowed).find((n) => n !== req.forbidden);
        return {
          ...this.lose(pkg, from, attempt.eval.reason ?? 'no-surviving-node', attempts, ctx),
          haltedBefore: next ?? -1,
        };
      }
      if (attempt.eval.ok) {
        attempt.commit();
        this.arrive(pkg.idx, node);
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
          ...ctx,
        };
      }
    }
    // The reason is the first attempt's: that is the adoptive the plan counts on (assumption A-02).
    const first = attempts[0]?.reason;
    if (first != null) return this.lose(pkg, from, first, attempts, ctx);
    return this.lose(pkg, from, skipReason(ctx.skips), attempts, ctx);
  }

  private lose(
    pkg: EPackage,
    from: number,
    reason: LossReason,
    attempts: readonly AttemptEval[],
    ctx: LossContext,
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
      ...ctx,
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
      // (`vparmodify -d`, [V7]) (assumption A-07).
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
    // c. The group pool, only through a manager in control [M1]; a standby in control has the rights
    // the manager held (assumption A-10).
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
        // Lent by a running member: its unassigned rights, and rights its down vPars released
        // (assumption A-17).
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
      // start had to wait for its takeover [Q4]; a start that stays in its complex does not
      // (assumption A-08).
      if (need < before) plan.usedGroup(group.idx, ctl.takeover);
    }
    facts.rights = plan.sourcesSoFar();
    // d. TiCAP, when the package's script may use it: the group's pooled balance with a manager in
    // control, else the complex's own [G9, Q7]; charged in 30-minute steps per core [T1, T2]; it
    // covers all of the cores still needed or none (assumption A-09).
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

  /**
   * The group's seizure runs once, the first time a start script needs the pool, and takes all it can
   * from every down nPar of the group [X2, X4] (assumption A-04).
   */
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

/** A package to place: where it ran, which node it may not use, and why it moves. */
interface PlaceRequest {
  readonly pkg: number;
  /** Node it ran on before (its primary, or the node it was displaced from or halted on). */
  readonly from: number;
  /** The node it was displaced from (not eligible for it [P8]), or -1. */
  readonly forbidden: number;
  readonly displacedBy: number;
  readonly ownFailure: boolean;
}

interface LossContext {
  readonly skips: SkipEval[];
  readonly displacedBy: number;
  readonly dependsOn: number[];
  readonly displaced: DisplacementEval[];
  readonly ownFailure: boolean;
}

/** Whether a package fits a node's capacities, the packages it would displace, the binding figures. */
interface Room {
  readonly fits: boolean;
  readonly victims: readonly number[];
  readonly capacity: number;
  readonly used: number;
  readonly needed: number;
  readonly value: number;
}

const NO_ROOM_NEEDED: Room = {
  fits: true,
  victims: [],
  capacity: -1,
  used: 0,
  needed: 0,
  value: 0,
};

const NO_SKIP_FIGURES = {
  capacity: -1,
  used: 0,
  needed: 0,
  value: 0,
  other: -1,
  otherNode: -1,
} as const;

/**
 * The loss reason when no node was eligible (spec 9.2): a `same_node` dependency whose node it cannot
 * use → `dependency`; a capacity, `different_node` or the node it was displaced from →
 * `no-eligible-node`; only nodes outside its site → `site-preferred-manual`; no node up at all →
 * `no-surviving-node`.
 */
function skipReason(skips: readonly SkipEval[]): LossReason {
  if (skips.some((s) => s.why === 'dependency' && s.otherNode !== s.node && s.otherNode >= 0)) {
    // A same_node skip names the node the other package runs on; different_node names this node.
    return 'dependency';
  }
  if (skips.some((s) => s.why !== 'policy')) return 'no-eligible-node';
  if (skips.length > 0) return 'site-preferred-manual';
  return 'no-surviving-node';
}

/** Insert `value` into the ascending `list`, keeping it ascending (binary search; values distinct). */
function insertSorted(list: number[], value: number): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] ?? 0) < value) lo = mid + 1;
    else hi = mid;
  }
  if (lo === list.length) list.push(value);
  else list.splice(lo, 0, value);
}
