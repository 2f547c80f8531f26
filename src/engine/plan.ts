/**
 * `planCapacity`: the engine's entry point (style.md practice 2). Enumerates the scenarios, evaluates
 * each, keeps aggregates (summary, sizing maxima with their binding scenario) and the scenarios worth
 * listing, then describes those. Pure: every input is an argument; no I/O, no clock.
 */
import type {
  ClusterSummary,
  GroupSizing,
  LossesByFailures,
  PartitionSizing,
  PlanReport,
  PlanSummary,
  ScenarioResult,
  ScenarioWarning,
  StreamedScenario,
} from '../domain/result.js';
import type { TimingModel } from '../domain/timing.js';
import type { Inventory } from '../domain/types.js';
import { DEFAULT_MAX_LISTED } from '../domain/defaults.js';
import { LOSS_REASONS } from '../domain/result.js';
import {
  describeScenario,
  describeStreamed,
  scenarioUnitIds,
  type DescribeContext,
} from './describe.js';
import { compileEstate, compareText, type Estate } from './estate.js';
import {
  buildUnitIndex,
  countUnitSets,
  DownState,
  forEachScenario,
  type UnitIndex,
} from './failure-units.js';
import { evaluateScenario } from './scenario.js';
import { noPurchaseCanFixIn, purchasableDemand } from './sizing-demand.js';
import { compileTimingModel, modelCoefficientRows } from '../model/timing.js';
import { describeRanges, driverRangesOf } from '../model/driver-ranges.js';
import { inputError } from '../errors.js';
import { nparKey } from '../domain/derived.js';
import type { ScenarioEval, ScenarioInput } from './scenario-eval.js';
import { at, complexName, hostName, siteName } from './names.js';
import { createWorkspace } from './ledger.js';
import { checkModelOverRanges } from '../model/behaviour.js';

export { DEFAULT_MAX_LISTED };

export interface PlanParams {
  readonly maxFailures: number;
  readonly outageHours: number;
  readonly model: TimingModel;
  /** List every scenario (else those that lose a package and the binding ones). */
  readonly allScenarios: boolean;
  readonly changes: readonly string[];
  /** ISO date from `--now`, or null: no clock in the output. */
  readonly now: string | null;
  readonly tool: { readonly name: string; readonly version: string };
  /** At most this many losing scenarios are listed (all are counted); default 200. */
  readonly maxListed?: number;
  /**
   * With `allScenarios`, receives every scenario in order, described as the streamed files carry
   * it (`describeStreamed`: streaming output for JSON and CSV); the report's `scenarios` then holds
   * only the listed ones (losing and binding), described in full as by default, for the other
   * formats.
   */
  readonly onScenario?: (s: StreamedScenario) => void;
}

/** A scenario given explicitly (what-if): units, plus manager roles failed alone. */
export interface ExplicitScenario {
  readonly units: readonly number[];
  readonly managerDown: readonly string[];
  readonly gmUnits: readonly string[];
}

/** The compiled pieces a plan runs on; built once per inventory. */
export type PlanContext = DescribeContext & ScenarioInput;

export function createPlanContext(
  inventory: Inventory,
  params: Pick<PlanParams, 'model' | 'outageHours'>,
): PlanContext {
  assertModelHolds(params.model, inventory);
  const estate = compileEstate(inventory);
  return {
    estate,
    index: buildUnitIndex(estate),
    timing: compileTimingModel(params.model),
    outageMinutes: params.outageHours * 60,
    workspace: createWorkspace(estate),
  };
}

/** Problems of a model over driver ranges already judged, by model and ranges (a batch, optimize). */
const judged = new WeakMap<TimingModel, Map<string, readonly string[]>>();

/**
 * Refuse a model that would give a negative, non-finite or falling time somewhere in the drivers'
 * ranges of this inventory (issue 14): an input error (exit 2) naming each formula, before a plan.
 */
function assertModelHolds(model: TimingModel, inventory: Inventory): void {
  const ranges = driverRangesOf(inventory);
  const key = JSON.stringify(ranges);
  let byRanges = judged.get(model);
  if (byRanges === undefined) {
    byRanges = new Map();
    judged.set(model, byRanges);
  }
  let lines = byRanges.get(key);
  if (lines === undefined) {
    lines = checkModelOverRanges(model, ranges);
    byRanges.set(key, lines);
  }
  if (lines.length === 0) return;
  const where = `timing model "${model.name}" on inventory ${inventory.name}`;
  throw inputError(
    `${where}: ${lines.length} problem${lines.length === 1 ? '' : 's'} over the drivers' ranges (${describeRanges(ranges)}); nothing written`,
    lines.map((l) => `${where}: ${l}`),
  );
}

export function planCapacity(inventory: Inventory, params: PlanParams): PlanReport {
  return planWithContext(createPlanContext(inventory, params), params);
}

/** The plan of an estate already compiled (a context reused by a comparison). */
export function planWithContext(ctx: PlanContext, params: PlanParams): PlanReport {
  return runPlan(ctx, params, null);
}

/** Plan one explicit scenario (what-if): the report holds that scenario and its sizing. */
export function planScenario(
  ctx: PlanContext,
  params: PlanParams,
  scenario: ExplicitScenario,
): PlanReport {
  return runPlan(ctx, params, scenario);
}

interface Best {
  need: number;
  seq: number;
  units: number[];
}

/** A losing scenario kept for the listing: the worst (most packages lost) are listed. */
interface Losing {
  readonly seq: number;
  readonly lost: number;
  readonly units: number[];
}

/** Most packages lost first, then enumeration order (the smaller scenarios first). */
function worseFirst(a: Losing, b: Losing): number {
  return b.lost - a.lost || a.seq - b.seq;
}

/** Per-size counters, grown as scenarios of a new size come. */
function countBySize(bySize: LossesByFailures[], failures: number, ev: ScenarioEval): void {
  while (bySize.length < failures) {
    bySize.push({ failures: bySize.length + 1, scenarios: 0, lost: 0, packagesLost: 0 });
  }
  const at = bySize[failures - 1];
  if (at === undefined) return;
  bySize[failures - 1] = {
    failures,
    scenarios: at.scenarios + 1,
    lost: at.lost + (ev.survives ? 0 : 1),
    packagesLost: at.packagesLost + ev.lost,
  };
}

function runPlan(
  ctx: PlanContext,
  params: PlanParams,
  explicit: ExplicitScenario | null,
): PlanReport {
  const { estate, index } = ctx;
  const maxListed = params.maxListed ?? DEFAULT_MAX_LISTED;
  const nparBest = estate.npars.map((): Best => ({ need: 0, seq: -1, units: [] }));
  const vparBest = estate.vpars.map((): Best => ({ need: 0, seq: -1, units: [] }));
  let losing: Losing[] = [];
  let losingSeen = 0;
  const streamed: ScenarioResult[] = [];
  const bySize: LossesByFailures[] = [];
  let scenarios = 0;
  let survived = 0;
  let packagesLost = 0;
  let lostFixable = 0;
  let packagesLostFixable = 0;
  let lostUnfixable = 0;
  let packagesLostUnfixable = 0;
  const byReason = new Map<string, number>();
  let clustersHalted = 0;
  const clusterTally = estate.clusters.map(() => ({
    lockUsed: 0,
    noLock: 0,
    lockDown: 0,
    minority: 0,
    haltedIn: [] as string[],
  }));

  const visit = (units: readonly number[], down: DownState, ev: ScenarioEval): void => {
    const seq = scenarios++;
    if (ev.survives) survived++;
    packagesLost += ev.lost;
    countBySize(bySize, units.length + (explicit?.gmUnits.length ?? 0), ev);
    // Which losses no purchase can fix: one judgement for the summary and the sizing below.
    const beyondAll = ev.survives ? [] : noPurchaseCanFixIn(ev);
    if (!ev.survives) {
      let unfixable = 0;
      for (const [i, p] of ev.packages.entries()) {
        if (p.status !== 'lost') continue;
        const beyond = beyondAll[i] === true;
        if (beyond) unfixable++;
        // Keyed by reason and class: a `vpar-max` loss whose next node a purchase could size is
        // fixable, so the unfixable counts add up to packagesLostUnfixable.
        const key = `${p.reason ?? 'no-surviving-node'} ${beyond ? 1 : 0}`;
        byReason.set(key, (byReason.get(key) ?? 0) + 1);
      }
      packagesLostUnfixable += unfixable;
      packagesLostFixable += ev.lost - unfixable;
      if (unfixable === ev.lost) lostUnfixable++;
      else lostFixable++;
    }
    if (ev.clusterHalted) clustersHalted++;
    for (const v of ev.clusters) {
      const t = clusterTally[v.cluster];
      if (t === undefined) continue;
      if (v.reason === 'lock') t.lockUsed++;
      // A cluster with no node up has nothing to halt (assumption A-20).
      if (v.reformed || v.nodesUp === 0) continue;
      if (v.reason === 'no-lock') t.noLock++;
      else if (v.reason === 'lock-down') t.lockDown++;
      else t.minority++;
      if (t.haltedIn.length < 5) t.haltedIn.push(failedIds(index, units, explicit).join(' + '));
    }
    // Sizing leaves out what no purchase could place (the optimizer does the same).
    const demand = purchasableDemand(estate, ev, beyondAll);
    for (const [n, need] of demand.npar) updateBest(nparBest[n], need, seq, units);
    for (const [v, need] of demand.vpar) updateBest(vparBest[v], need, seq, units);
    if (explicit !== null || (params.allScenarios && params.onScenario === undefined)) {
      streamed.push(describeScenario(ctx, failedIds(index, units, explicit), down, ev));
      return;
    }
    if (params.allScenarios && params.onScenario !== undefined) {
      params.onScenario(describeStreamed(ctx, failedIds(index, units, explicit), down, ev));
    }
    if (!ev.survives) {
      losingSeen++;
      losing.push({ seq, lost: ev.lost, units: [...units] });
      // Keep the worst `maxListed` in bounded memory: trim when twice that many are held.
      if (losing.length >= 2 * Math.max(1, maxListed))
        losing = losing.sort(worseFirst).slice(0, maxListed);
    }
  };

  let skipped = 0;
  if (explicit !== null) {
    const down = new DownState(estate, index);
    applyExplicit(down, explicit);
    visit(explicit.units, down, evaluateScenario(ctx, down));
  } else {
    // Scenarios described as they come need the full evaluation; otherwise only the verdict and the
    // sizing demand are kept, and the listed ones are evaluated again in full below.
    const mode = params.allScenarios ? 'explain' : 'verdict';
    const evaluated = forEachScenario(estate, index, params.maxFailures, (units, down) =>
      visit(units, down, evaluateScenario(ctx, down, mode)),
    );
    skipped = countUnitSets(index.units.length, params.maxFailures) - evaluated;
  }

  const listedLosing = losing.sort(worseFirst).slice(0, maxListed);
  const notListed = losingSeen - listedLosing.length;
  const listed = new Map(listedLosing.map((l) => [l.seq, l.units]));

  let results: ScenarioResult[];
  if (explicit !== null || (params.allScenarios && params.onScenario === undefined)) {
    results = streamed;
  } else {
    // Binding scenarios join the losing ones; each is evaluated again and described (deterministic).
    for (const b of [...nparBest, ...vparBest])
      if (b.need > 0 && !listed.has(b.seq)) listed.set(b.seq, b.units);
    const down = new DownState(estate, index);
    results = [...listed.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([, units]) => {
        down.apply(units);
        return describeScenario(
          ctx,
          scenarioUnitIds(index, units),
          down,
          evaluateScenario(ctx, down),
        );
      });
  }

  const partitions = partitionSizing(ctx, nparBest, vparBest, explicit);
  const groups = groupSizing(estate, partitions);
  const summary: PlanSummary = {
    scenarios,
    survived,
    lost: scenarios - survived,
    packagesLost,
    byFailures:
      explicit !== null
        ? bySize
        : Array.from(
            { length: Math.max(params.maxFailures, bySize.length) },
            (_, i) => bySize[i] ?? { failures: i + 1, scenarios: 0, lost: 0, packagesLost: 0 },
          ),
    lostFixable,
    packagesLostFixable,
    lostUnfixable,
    packagesLostUnfixable,
    packagesLostByReason: LOSS_REASONS.flatMap((reason) =>
      [false, true]
        .map((beyond) => ({
          reason,
          packages: byReason.get(`${reason} ${beyond ? 1 : 0}`) ?? 0,
          noPurchaseCanFix: beyond,
        }))
        .filter((r) => r.packages > 0),
    ),
    skippedEquivalent: skipped,
    nonCompliantGroups: groups.filter((g) => !g.compliant).length,
    clustersHalted,
    scenariosNotListed: notListed,
  };
  const clusters: ClusterSummary[] = estate.clusters.map((c, i) => {
    const t = clusterTally[i];
    return {
      cluster: c.name,
      nodes: c.nodes.map((n) => hostName(estate, n)),
      lock: c.lock,
      lockSites: c.lockSites.map((s) => siteName(estate, s)),
      quorumServer: c.quorumHost,
      memberTimeoutS: c.memberTimeoutS > 0 ? c.memberTimeoutS : null,
      packages: c.packages.length,
      lockUsed: t?.lockUsed ?? 0,
      halts: { noLock: t?.noLock ?? 0, lockDown: t?.lockDown ?? 0, minority: t?.minority ?? 0 },
      haltedIn: t?.haltedIn ?? [],
    };
  });
  return {
    schemaVersion: 1,
    tool: params.tool,
    inventory: { name: estate.inventory.name, sha256: estate.inventory.sha256 },
    parameters: {
      maxFailures:
        explicit !== null ? explicit.units.length + explicit.gmUnits.length : params.maxFailures,
      outageHours: params.outageHours,
      model: params.model.name,
      allScenarios: params.allScenarios,
      changes: params.changes,
      now: params.now,
    },
    summary,
    groups,
    partitions,
    scenarios: results,
    clusters,
    warnings: estateWarnings(estate),
    model: modelCoefficientRows(params.model),
    comparison: null,
  };
}

function failedIds(
  index: UnitIndex,
  units: readonly number[],
  explicit: ExplicitScenario | null,
): string[] {
  return scenarioUnitIds(index, units, explicit?.gmUnits ?? []);
}

export function applyExplicit(down: DownState, s: ExplicitScenario): void {
  down.apply(s.units);
  for (const h of s.managerDown) down.managerDown.add(h);
}

/** The earliest scenario with the largest need binds (smallest scenarios come first). */
function updateBest(
  best: Best | undefined,
  need: number,
  seq: number,
  units: readonly number[],
): void {
  if (best !== undefined && need > best.need) {
    best.need = need;
    best.seq = seq;
    best.units = [...units];
  }
}

function partitionSizing(
  ctx: PlanContext,
  nparBest: readonly Best[],
  vparBest: readonly Best[],
  explicit: ExplicitScenario | null,
): PartitionSizing[] {
  const { estate, index } = ctx;
  const binding = (b: Best | undefined): string | null =>
    b === undefined || b.need === 0
      ? null
      : scenarioUnitIds(index, b.units, explicit?.gmUnits ?? []).join(' + ');
  const rows: PartitionSizing[] = [];
  for (const n of estate.npars) {
    const b = nparBest[n.idx];
    const need = b?.need ?? 0;
    const complex = complexName(estate, n.complex);
    rows.push({
      complex,
      npar: n.name,
      vpar: null,
      host: n.host,
      installedCores: n.installed,
      rights: n.rights,
      activeCores: n.active,
      inactiveCores: n.inactive,
      minimumInactiveCores: need,
      bindingScenario: binding(b),
      shortfall: Math.max(0, need - n.inactive),
    });
    for (const v of n.vpars) {
      const vp = estate.vpars[v];
      if (vp === undefined) continue;
      const vb = vparBest[v];
      const vneed = vb?.need ?? 0;
      rows.push({
        complex,
        npar: n.name,
        vpar: vp.name,
        host: vp.name,
        // The nPar holds the cores and rights; the vPar draws on its inactive cores (assumption A-13).
        installedCores: null,
        rights: null,
        activeCores: vp.cores,
        inactiveCores: n.inactive,
        minimumInactiveCores: vneed,
        bindingScenario: binding(vb),
        shortfall: Math.max(0, vneed - n.inactive),
      });
    }
  }
  return rows;
}

/**
 * Sharing rights per group (spec 4, [G1]): required = Σ members' cores without usage rights;
 * minimum = the same if every nPar held exactly its minimum inactive cores (its active cores plus
 * that minimum installed), so Σ (active + minimum) − Σ rights − unassigned per complex, at least 0.
 */
function groupSizing(estate: Estate, partitions: readonly PartitionSizing[]): GroupSizing[] {
  const minByNpar = new Map<string, number>();
  // The sharing rights the group would need if every nPar held exactly its minimum inactive cores
  // (assumption A-12).
  for (const p of partitions)
    if (p.vpar === null) minByNpar.set(nparKey(p.complex, p.npar), p.minimumInactiveCores);
  return estate.groups.map((g) => {
    let minimum = 0;
    for (const m of g.members) {
      const c = estate.complexes[m];
      if (c === undefined) continue;
      let held = 0;
      for (const n of c.npars) {
        const np = estate.npars[n];
        if (np !== undefined) held += np.active + (minByNpar.get(np.key) ?? 0) - np.rights;
      }
      minimum += Math.max(0, held - c.unassignedRights);
    }
    return {
      group: g.name,
      members: g.members.map((m) => complexName(estate, m)),
      sharingRightsOwned: g.sharingRights,
      sharingRightsRequired: g.sharingRightsRequired,
      sharingRightsMinimum: minimum,
      compliant: g.sharingRights >= g.sharingRightsRequired,
      shortfall: Math.max(0, g.sharingRightsRequired - g.sharingRights),
    };
  });
}

/** Static risks, said once for the estate rather than in every scenario. */
export function estateWarnings(estate: Estate): ScenarioWarning[] {
  const out: ScenarioWarning[] = [];
  const memberComplexes = new Set(estate.complexes.filter((c) => c.group >= 0).map((c) => c.idx));
  for (const g of estate.groups) {
    for (const m of [g.active, ...g.standbys]) {
      if (m.node < 0) continue;
      const complex = at(estate.npars, at(estate.nodes, m.node, 'node').npar, 'nPar').complex;
      if (memberComplexes.has(complex)) {
        out.push({
          code: 'gm-colocated',
          subject: `${g.name}/${m.host}`,
          detail: `manager ${m.host} of ${g.name} runs on ${complexName(estate, complex)}, a group member: it fails with that complex; best on a server in no group [G7]`,
        });
      }
    }
    for (const c of g.members) {
      const cx = estate.complexes[c];
      if (cx !== undefined && cx.site >= 0 && g.active.site >= 0 && cx.site !== g.active.site) {
        out.push({
          code: 'ping-seizure-risk',
          subject: `${g.name}/${cx.name}`,
          detail: `${g.active.host} (${siteName(estate, g.active.site)}) judges ${cx.name} (${siteName(estate, cx.site)}) down by ping: a network cut between sites could trigger an unwarranted seizure [X11]`,
        });
      }
    }
  }
  if (estate.sites.length < 2) {
    out.push({
      code: 'single-site',
      subject: estate.inventory.name,
      detail:
        estate.sites.length === 1
          ? `every complex is in site ${siteName(estate, 0)}: the estate cannot survive that site, so site failures are not evaluated`
          : 'no sites are named: site failures are not evaluated',
    });
  }
  out.push(...clusterWarnings(estate));
  // Spec 9.1 [P4]: a dependent with a higher priority than the package it depends on would drag
  // that package to its own node; we keep the depended-on package's node order.
  for (const p of estate.packages) {
    for (const d of p.dependsOn) {
      const q = estate.packages[d.on];
      if (q === undefined || p.priority === null) continue;
      if (q.priority !== null && q.priority <= p.priority) continue;
      out.push({
        code: 'dependency-drag-not-modelled',
        subject: `${p.name}/${q.name}`,
        detail: `${p.name} (priority ${p.priority}) depends on ${q.name} (${q.priority === null ? 'no_priority' : `priority ${q.priority}`}) and outranks it: Serviceguard may move ${q.name} to where ${p.name} can run; the plan keeps ${q.name}'s own node order [P4]`,
      });
    }
  }
  return out.sort((a, b) => compareText(a.code, b.code) || compareText(a.subject, b.subject));
}

/** Plan-level warnings about the Serviceguard clusters (spec 8.1, 8.5). */
function clusterWarnings(estate: Estate): ScenarioWarning[] {
  const out: ScenarioWarning[] = [];
  if (!estate.clustersModelled) {
    out.push({
      code: 'no-clusters',
      subject: estate.inventory.name,
      detail:
        'no clusters.csv: every node is judged alone, so a package on a healthy node is never lost to a cluster that cannot re-form; add clusters.csv to model quorum and cluster locks',
    });
    return out;
  }
  const inv = estate.inventory;
  const namedSites = new Set<string>();
  for (const c of inv.complexes) if (c.site !== null) namedSites.add(c.site);
  for (const m of inv.managers) if (m.site !== null) namedSites.add(m.site);
  for (const c of inv.clusters ?? []) {
    // [C6] a 2-node cluster without a lock halts when either node fails.
    if (c.nodes.length === 2 && c.lock === 'none') {
      out.push({
        code: 'no-cluster-lock',
        subject: c.cluster,
        detail: `${c.cluster} has 2 nodes and no cluster lock: when either node fails the other halts too, and every package of the cluster is lost [C6]`,
      });
    }
    for (const site of c.lockSites) {
      if (namedSites.has(site)) continue;
      out.push({
        code: 'lock-site-alone',
        subject: `${c.cluster}/${site}`,
        detail: `lock site ${site} of ${c.cluster} is named by no complex or manager: right for a third site holding only the ${c.lock === 'quorum-server' ? 'quorum server' : 'lock array'}, else check the spelling`,
      });
    }
  }
  // [C9] a numeric priority must be unique within a cluster.
  for (const c of estate.clusters) {
    const seen = new Map<number, string>();
    for (const p of c.packages) {
      const pkg = estate.packages[p];
      if (pkg?.priority == null) continue;
      const first = seen.get(pkg.priority);
      if (first === undefined) {
        seen.set(pkg.priority, pkg.name);
        continue;
      }
      out.push({
        code: 'priority-not-unique',
        subject: `${c.name}/${pkg.name}`,
        detail: `${pkg.name} has priority ${pkg.priority}, as ${first} in cluster ${c.name}: Serviceguard requires a numeric priority to be unique in a cluster (they are placed by name here) [C9]`,
      });
    }
  }
  return out;
}
