/**
 * The scenarios of the set, read off the engine for the optimizer: which scenarios lose a package
 * today, which losses no purchase can undo, and, for the others, the data of one feasibility block
 * of the mixed-integer program (the packages to place, the nodes they may land on, and the rights
 * sources open in that scenario). Pure. Units: cores and core usage rights.
 */
import { MAX_CORES_PER_CELL } from '../../domain/defaults.js';
import type { LossReason } from '../../domain/result.js';
import { scenarioUnitIds } from '../describe.js';
import type { ENode, Estate } from '../estate.js';
import { DownState, forEachScenario, type UnitIndex } from '../failure-units.js';
import { evaluateScenario, groupControl } from '../scenario.js';
import type { ScenarioInput } from '../scenario-eval.js';
import { seizeFromComplex } from '../seizure.js';
import type { UnsaveableLoss } from '../../domain/purchase.js';
import type { ScenarioEval } from '../scenario-eval.js';
import { clusterName, hostName, packageName } from '../names.js';
import { at } from '../names.js';

/** A package whose primary is down, to be placed on one of `candidates`. */
export interface BlockPackage {
  readonly pkg: number;
  readonly name: string;
  readonly cores: number;
  readonly ticap: boolean;
  /** Up nodes of its list that could take it with some purchase, in list order. */
  readonly candidates: readonly number[];
}

/** What one scenario contributes to the program: the same purchase must place its packages. */
export interface ScenarioBlock {
  readonly id: string;
  readonly units: readonly number[];
  /** Saveable packages whose primary is down, in placement order. */
  readonly packages: readonly BlockPackage[];
  /** Per group: a manager is in control (the pool is open) [M1]. */
  readonly inControl: readonly boolean[];
  /** Per complex: every nPar is down (complete outage). */
  readonly complexDown: readonly boolean[];
  /** Per nPar: down. */
  readonly nparDown: readonly boolean[];
  /** Up nPar → cores its down, non-static vPars release [V7]. */
  readonly releasable: ReadonlyMap<number, number>;
  /** Per group: rights the manager seizes from the down nPars (0 when none is in control) [X2, X3, X7]. */
  readonly seized: readonly number[];
}

export interface ScenarioScan {
  /** Distinct scenarios in the set. */
  readonly total: number;
  readonly losingBefore: number;
  /** Blocks of the scenarios that lose a package some purchase could bring back. */
  readonly blocks: readonly ScenarioBlock[];
  readonly unsaveable: readonly UnsaveableLoss[];
}

/** `scenario \0 package`: the key of an unsaveable loss. */
export function lossKey(scenario: string, pkg: string): string {
  return `${scenario}\u0000${pkg}`;
}

/**
 * Walk the scenario set on the estate as it is (spec 3.1) and keep what the program needs. A scenario
 * that survives today needs no block: a purchase only adds cores, rights and TiCAP, so the placement
 * the engine found stays open in the program (the engine re-run checks it).
 */
export function scanScenarios(
  input: ScenarioInput,
  index: UnitIndex,
  maxFailures: number,
  maxCores: ReadonlyMap<string, number>,
): ScenarioScan {
  const { estate } = input;
  let total = 0;
  let losingBefore = 0;
  const blocks: ScenarioBlock[] = [];
  const unsaveable: UnsaveableLoss[] = [];
  forEachScenario(estate, index, maxFailures, (units, down) => {
    total++;
    const ev = evaluateScenario(input, down);
    if (ev.survives) return;
    losingBefore++;
    const id = scenarioUnitIds(index, units).join(' + ');
    const { block, losses } = buildBlock(estate, down, units, id, ev, maxCores);
    unsaveable.push(...losses);
    const lostNames = new Set(
      ev.packages.filter((p) => p.status === 'lost').map((p) => p.pkg.name),
    );
    const unsaveableNames = new Set(losses.map((l) => l.package));
    if ([...lostNames].some((n) => !unsaveableNames.has(n))) blocks.push(block);
  });
  return { total, losingBefore, blocks, unsaveable };
}

/** The block of one scenario given by its units (for a scenario the engine re-run found lost). */
export function blockFor(
  input: ScenarioInput,
  index: UnitIndex,
  units: readonly number[],
  maxCores: ReadonlyMap<string, number>,
): { block: ScenarioBlock; losses: UnsaveableLoss[] } {
  const { estate } = input;
  const down = new DownState(estate, index);
  down.apply(units);
  const id = scenarioUnitIds(index, units).join(' + ');
  const ev = evaluateScenario(input, down);
  return buildBlock(estate, down, units, id, ev, maxCores);
}

function buildBlock(
  estate: Estate,
  down: DownState,
  units: readonly number[],
  id: string,
  ev: ScenarioEval,
  maxCores: ReadonlyMap<string, number>,
): { block: ScenarioBlock; losses: UnsaveableLoss[] } {
  const releasable = new Map<number, number>();
  for (const n of estate.npars) {
    if (n.vpars.length === 0 || down.npar[n.idx] === 1) continue;
    let total = 0;
    for (const v of n.vpars) {
      const vp = estate.vpars[v];
      // A down, non-static vPar gives back cores − min (vparmodify -d) [V6, V7].
      if (vp !== undefined && down.vpar[v] === 1 && !vp.static) total += vp.cores - vp.min;
    }
    if (total > 0) releasable.set(n.idx, total);
  }
  const control = groupControl(estate, down);
  const inControl = control.map((c) => c.manager !== null);
  const seized = estate.groups.map((g) => {
    if (!inControl[g.idx]) return 0;
    let sum = 0;
    for (const m of g.members) {
      const c = estate.complexes[m];
      if (c !== undefined) for (const s of seizeFromComplex(estate, down, c)) sum += s.rights;
    }
    return sum;
  });

  const packages: BlockPackage[] = [];
  const losses: UnsaveableLoss[] = [];
  const sure = new SureFit(estate, inControl, seized);
  /** Packages lost for a reason no purchase undoes. */
  const lostForGood = new Set<number>();
  for (const pe of ev.packages) {
    const p = pe.pkg;
    // A cluster that cannot re-form, package switching turned off, a node excluded by a capacity or
    // a site policy (spec 9.2), or a dependency on a package lost for such a reason: not a matter of
    // cores or rights, no purchase brings such a package back [C2, C11, P1, P4, P5]. A dependent of
    // a package that a purchase could save is sized like any other package (assumption A-27).
    const unsaveable =
      pe.reason === 'cluster-halted' ||
      pe.reason === 'auto-run-off' ||
      pe.reason === 'no-eligible-node' ||
      pe.reason === 'site-preferred-manual' ||
      (pe.reason === 'dependency' &&
        (pe.attempts.length > 0 ||
          pe.skips.length > 0 ||
          pe.dependsOn.some((q) => lostForGood.has(q))));
    if (unsaveable && pe.reason !== null) {
      lostForGood.add(p.idx);
      losses.push({
        scenario: id,
        package: p.name,
        reason: pe.reason,
        detail: lossDetail(estate, pe, ev),
      });
      continue;
    }
    // With `on_start_failure` = halt only the first node up counts: a failed start there halts the
    // package for good [C10]; with a restart exit every node up of its list may be tried.
    // Nodes the scenario found not eligible (capacity, dependency, policy) stay so [P2].
    const skipped = new Set(pe.skips.map((k) => k.node));
    const upAll = p.nodes.filter((n) => n >= 0 && !down.isNodeDown(n) && !skipped.has(n));
    const up = p.onStartFailure === 'halt' ? upAll.slice(0, 1) : upAll;
    const candidates: number[] = [];
    let first: { reason: LossReason; detail: string } | null = null;
    for (const n of up) {
      const why = cannotTake(estate, n, p.cores, releasable, maxCores);
      if (why !== null) {
        first ??= why;
        continue;
      }
      candidates.push(n);
      // Serviceguard never tries the next node when this one takes the package for sure.
      if (sure.fits(n, p.cores)) break;
    }
    if (candidates.length > 0) {
      sure.place(candidates, p.cores);
      packages.push({ pkg: p.idx, name: p.name, cores: p.cores, ticap: p.ticap, candidates });
      continue;
    }
    const hosts = p.nodes.map((n) => hostName(estate, n)).join(', ');
    lostForGood.add(p.idx);
    losses.push({
      scenario: id,
      package: p.name,
      reason: first?.reason ?? 'no-surviving-node',
      detail:
        first?.detail ??
        `no node of ${p.name} is up (its nodes: ${hosts}); only another node in its list could help`,
    });
  }
  return {
    block: {
      id,
      units: [...units],
      packages,
      inControl,
      complexDown: estate.complexes.map((c) => down.complex[c.idx] === 1),
      nparDown: estate.npars.map((n) => down.npar[n.idx] === 1),
      releasable,
      seized,
    },
    losses,
  };
}

/** Why a package lost to its cluster or to `auto_run` = n cannot be bought back. */
function lossDetail(
  estate: Estate,
  pe: ScenarioEval['packages'][number],
  ev: ScenarioEval,
): string {
  const name = pe.pkg.name;
  const names = (list: readonly number[]): string =>
    list.map((q) => packageName(estate, q)).join(', ') || 'none';
  if (pe.reason === 'dependency') {
    return `${name} depends on ${names(pe.dependsOn.length > 0 ? pe.dependsOn : pe.pkg.dependsOn.map((d) => d.on))}, which is lost or runs where ${name} cannot: no purchase of cores or rights moves it [P3, P4]`;
  }
  if (pe.reason === 'no-eligible-node') {
    return `no node of ${name}'s list is eligible: a capacity, a different_node dependency or the node it was displaced from excludes each; raise a capacity or add a node to its list [P5, P8]`;
  }
  if (pe.reason === 'site-preferred-manual') {
    return `${name} is site_preferred_manual and no node of its site is up: it halts for an operator to start it in the other site; no purchase changes that [P1]`;
  }
  if (pe.reason === 'auto-run-off') {
    return `${name} has package switching off (auto_run = n): Serviceguard never fails it over; set auto_run = y [C11]`;
  }
  const v = ev.clusters.find((c) => c.cluster === pe.pkg.cluster);
  const cluster = clusterName(estate, pe.pkg.cluster);
  const why =
    v === undefined ? 'halted' : `halted with ${v.nodesUp} of ${v.nodes} nodes up (${v.reason})`;
  return `cluster ${cluster} ${why}: no purchase of cores or rights re-forms a cluster; a cluster lock that survives the failure (a quorum server in a third site) would [C2, C3]`;
}

/**
 * Why an up node can never take a package, whatever is bought, or null when some purchase could
 * let it: a static vPar takes no extra core [V6]; a vPar holds at most its max [V1]; an nPar holds at
 * most the max cores of the costs file (cores move to a vPar from its nPar's idle and released cores
 * without activation).
 */
function cannotTake(
  estate: Estate,
  nodeIdx: number,
  cores: number,
  releasable: ReadonlyMap<number, number>,
  maxCores: ReadonlyMap<string, number>,
): { reason: LossReason; detail: string } | null {
  const node = estate.nodes[nodeIdx] as ENode;
  const npar = estate.npars[node.npar];
  if (npar === undefined) return { reason: 'no-surviving-node', detail: 'unknown nPar' };
  const extra = Math.max(0, node.baseUsed + cores - node.active);
  if (extra === 0) return null;
  let direct = 0;
  if (node.vpar >= 0) {
    const vp = estate.vpars[node.vpar];
    if (vp?.static === true) {
      return {
        reason: 'static-vpar',
        detail: `${node.host} is a static vPar: it cannot take the ${extra} more cores it needs [V6]`,
      };
    }
    if (vp !== undefined && node.active + extra > vp.max) {
      return {
        reason: 'vpar-max',
        detail: `${node.host} holds at most ${vp.max} cores (max): ${node.active} active + ${extra} needed [V1]`,
      };
    }
    direct = npar.idle + (releasable.get(npar.idx) ?? 0);
  }
  const max = maxCores.get(npar.key);
  if (max !== undefined) {
    const canAdd = npar.inactive + Math.max(0, max - npar.installed) + direct;
    if (extra > canAdd) {
      return {
        reason: 'insufficient-inactive-cores',
        detail: `${npar.key} holds at most ${max} cores (the costs file's max_cores, else its cells full: ${MAX_CORES_PER_CELL.cellular} per cell, ${MAX_CORES_PER_CELL.sd2} per SD2 blade): ${node.host} needs ${extra} more, at most ${canAdd} can be added`,
      };
    }
  }
  return null;
}

/**
 * Whether a node takes a package whatever is bought and wherever the packages placed before it in the
 * scenario landed: the cores it must add fit its vPar max, its nPar's inactive cores and the rights
 * its nPar can draw on (own, the complex's unassigned, the group pool when open), each less the most
 * the earlier packages could have taken (every one of them on every node it may land on). A purchase
 * only adds cores and rights, so such a node takes the package in every purchased estate too; the
 * nodes after it in the list are never tried (spec 3.2 step 1). Units: cores, rights.
 */
class SureFit {
  /** Cores the earlier packages could at most have placed on each node. */
  private readonly placed = new Map<number, number>();
  private readonly estate: Estate;
  private readonly inControl: readonly boolean[];
  private readonly seized: readonly number[];

  constructor(estate: Estate, inControl: readonly boolean[], seized: readonly number[]) {
    this.estate = estate;
    this.inControl = inControl;
    this.seized = seized;
  }

  place(nodes: readonly number[], cores: number): void {
    for (const n of nodes) this.placed.set(n, (this.placed.get(n) ?? 0) + cores);
  }

  /** The most cores node n could have added so far: max(0, base + placed − active). */
  private added(n: number): number {
    const node = this.estate.nodes[n];
    if (node === undefined) return 0;
    return Math.max(0, node.baseUsed + (this.placed.get(n) ?? 0) - node.active);
  }

  /** The most cores the earlier packages could have added on the nodes of these complexes. */
  private addedIn(complexes: ReadonlySet<number>): number {
    let sum = 0;
    for (const n of this.placed.keys()) {
      const npar = at(this.estate.npars, at(this.estate.nodes, n, 'node').npar, 'nPar');
      if (complexes.has(npar.complex)) sum += this.added(n);
    }
    return sum;
  }

  fits(n: number, cores: number): boolean {
    const node = at(this.estate.nodes, n, 'node');
    const npar = at(this.estate.npars, node.npar, 'nPar');
    const complex = at(this.estate.complexes, npar.complex, 'complex');
    const before = this.added(n);
    const after = Math.max(0, node.baseUsed + (this.placed.get(n) ?? 0) + cores - node.active);
    const extra = after - before;
    if (extra === 0) return true;
    if (node.vpar >= 0) {
      const vp = this.estate.vpars[node.vpar];
      if (vp === undefined || vp.static || node.active + after > vp.max) return false;
    }
    // Activations on the nPar so far (idle and released cores ignored: a lower bound on what is left).
    let activated = 0;
    for (const other of this.estate.nodes)
      if (other.npar === npar.idx) activated += this.added(other.idx);
    if (npar.inactive - activated < extra) return false;
    const own = Math.max(0, Math.max(0, npar.rights - npar.active) - activated);
    const g = complex.group;
    const pooled = g >= 0 && this.inControl[g] === true;
    const members = new Set(pooled ? (this.estate.groups[g]?.members ?? []) : [complex.idx]);
    // Unassigned rights of the node's complex: drawn by its own nPars, and lent when the pool is open.
    const unassigned = Math.max(0, complex.unassignedRights - this.addedIn(members));
    let pool = 0;
    if (pooled) {
      const group = this.estate.groups[g];
      pool = Math.max(0, (this.seized[g] ?? 0) + (group?.heldRights ?? 0) - this.addedIn(members));
    }
    return own + unassigned + pool >= extra;
  }
}
