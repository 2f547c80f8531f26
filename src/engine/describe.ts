/**
 * Turns a scenario's evaluation into its part of the JSON contract (spec 5.1): host names instead of
 * indices, one sentence per start attempt saying which rule bound and by how many cores, time ranges
 * from the timing model, warnings. Only scenarios that are listed are described, so the aggregate
 * pass over hundreds of thousands of scenarios stays lean.
 */
import type {
  Attempt,
  CapacityFigures,
  ClusterState,
  GmState,
  PackageOutcome,
  RightsFlow,
  ScenarioResult,
  ScenarioWarning,
  Sources,
  StreamedPackage,
  StreamedScenario,
} from '../domain/result.js';
import type { LossReason } from '../domain/result.js';
import { plural } from '../text/count.js';
import type { Drivers, TimeRange } from '../domain/timing.js';
import type { DownState, UnitIndex } from './failure-units.js';
import type { Estate } from './estate.js';
import { compareText } from './estate.js';
import type { ClusterVerdict } from './quorum.js';
import { ZERO_DRIVERS, type TimingEngine } from '../model/timing.js';
import { SOURCE_KEYS, SOURCE_NAMES } from '../domain/rights-sources.js';
import type {
  AttemptEval,
  GroupControl,
  GroupRightsEval,
  PackageEval,
  ScenarioEval,
  SkipEval,
} from './scenario-eval.js';
import {
  at,
  clusterName,
  complexName,
  groupName,
  hostName,
  packageName,
  siteName,
} from './names.js';

export interface DescribeContext {
  readonly estate: Estate;
  readonly index: UnitIndex;
  readonly timing: TimingEngine;
}

/** Unit ids of a scenario: the canonical units, plus `gm:G` for a manager role failed alone. */
export function scenarioUnitIds(
  index: UnitIndex,
  units: readonly number[],
  gmUnits: readonly string[] = [],
): string[] {
  return [...units.map((u) => at(index.units, u, 'failure unit').id), ...gmUnits].sort(compareText);
}

export function describeScenario(
  ctx: DescribeContext,
  failed: readonly string[],
  down: DownState,
  ev: ScenarioEval,
): ScenarioResult {
  const { estate } = ctx;
  const gm = ev.control.map((c) => gmState(ctx, c, down));
  const packages = packageOutcomes(ctx, ev, down);
  const slowest = slowestPackage(ctx, ev, packages, down);
  return {
    id: failed.join(' + '),
    failed,
    outage: outageMap(estate, down),
    survives: ev.survives,
    gm,
    clusters: ev.clusters.map((v) => clusterState(estate, v)),
    rights: ev.rights.map((r) => rightsFlow(estate, r)),
    packages,
    unaffected: ev.unaffected,
    warnings: scenarioWarnings(ctx, down, ev),
    time: latestTime(packages),
    slowest,
  };
}

/**
 * A scenario as `--all-scenarios` streams it (spec 5.1, issue 14): the same verdict, warnings and
 * package outcomes as `describeScenario`, and the managers, clusters and rights that changed, but
 * each package only with what the streamed files carry (its end-to-end time, and its attempts when
 * it is lost), and the slowest package without its sensitivity: hundreds of thousands of scenarios
 * are described.
 */
export function describeStreamed(
  ctx: DescribeContext,
  failed: readonly string[],
  down: DownState,
  ev: ScenarioEval,
): StreamedScenario {
  const { estate } = ctx;
  const packages = streamedPackages(ctx, ev, down);
  const slowest = slowestOf(packages);
  return {
    id: failed.join(' + '),
    failed,
    outage: outageMap(estate, down),
    survives: ev.survives,
    // Only what the line writes (`gmChanged`, `clusterNoted`, `rightsMoved` of src/domain/result.ts),
    // judged before the objects are made: most scenarios change no manager and no rights.
    gm: ev.control
      .filter((c) => c.takeover || c.manager === null)
      .map((c) => gmState(ctx, c, down)),
    clusters: ev.clusters
      .filter((v) => v.reason !== 'majority')
      .map((v) => clusterState(estate, v)),
    rights: ev.rights
      .filter(
        (r) =>
          r.seized !== 0 ||
          r.loaned !== 0 ||
          r.ticapMinutes !== 0 ||
          r.heldAfter !== at(estate.groups, r.group, 'group').heldRights,
      )
      .map((r) => rightsFlow(estate, r)),
    packages,
    unaffected: ev.unaffected,
    warnings: scenarioWarnings(ctx, down, ev),
    time: latestTime(packages),
    slowest: slowest === null ? null : { package: slowest.package },
  };
}

function rightsFlow(estate: Estate, r: GroupRightsEval): RightsFlow {
  return {
    group: groupName(estate, r.group),
    seized: r.seized,
    loaned: r.loaned,
    heldBefore: at(estate.groups, r.group, 'group').heldRights,
    gmHeldAfter: r.heldAfter,
    ticapMinutes: r.ticapMinutes,
  };
}

/**
 * The scenario's time: its last package back, the latest of the moved packages' times (each bound
 * separately); null when no package moves (assumption A-18).
 */
function latestTime(packages: readonly StreamedPackage[]): TimeRange | null {
  let time: TimeRange | null = null;
  for (const p of packages) if (p.time !== null) time = maxRange(time, p.time);
  return time;
}

/** A cluster verdict in the JSON contract's words (spec 8.5). */
export function clusterState(estate: Estate, v: ClusterVerdict): ClusterState {
  const c = at(estate.clusters, v.cluster, 'cluster');
  let lock: ClusterState['lock'] = null;
  if (c.lock !== 'none') {
    // A dual lock that is down names both its sites; a lock in no site (-1) names none.
    const site =
      c.lock === 'dual-disk' && !v.lockUp
        ? c.lockSites.map((s) => siteName(estate, s)).join(';')
        : v.lockSite >= 0
          ? siteName(estate, v.lockSite)
          : null;
    lock = { kind: c.lock, site, host: c.quorumHost, up: v.lockUp };
  }
  return {
    cluster: c.name,
    nodes: v.nodes,
    nodesUp: v.nodesUp,
    reformed: v.reformed,
    lock,
    reason: v.reason,
  };
}

function outageMap(estate: Estate, down: DownState): Record<string, 'partial' | 'complete'> {
  const complexes = new Set<number>();
  for (const n of down.downNpars) complexes.add(at(estate.npars, n, 'nPar').complex);
  for (const c of down.downComplexes) complexes.add(c);
  const out: Record<string, 'partial' | 'complete'> = {};
  for (const c of [...complexes].sort((a, b) => a - b)) {
    out[complexName(estate, c)] = down.complex[c] === 1 ? 'complete' : 'partial';
  }
  return out;
}

/** Drivers of a standby's takeover: groups it manages, their members, member nPars down [S1 p.31]. */
function takeoverDrivers(ctx: DescribeContext, c: GroupControl, down: DownState): Drivers {
  if (c.manager === null || !c.takeover) return ZERO_DRIVERS;
  const groups = ctx.estate.groupsManagedBy.get(c.manager.host) ?? [c.group];
  const members = new Set<number>();
  for (const g of groups) for (const m of at(ctx.estate.groups, g, 'group').members) members.add(m);
  let nparsDown = 0;
  for (const m of members) {
    for (const n of at(ctx.estate.complexes, m, 'complex').npars)
      if (down.npar[n] === 1) nparsDown++;
  }
  return {
    ...ZERO_DRIVERS,
    groups_managed: groups.length,
    member_complexes: members.size,
    member_npars_down: nparsDown,
    manual: c.manager.takeover === 'manual' ? 1 : 0,
  };
}

function gmState(ctx: DescribeContext, c: GroupControl, down: DownState): GmState {
  const group = at(ctx.estate.groups, c.group, 'group');
  const drivers = takeoverDrivers(ctx, c, down);
  return {
    group: group.name,
    inControl: c.manager?.host ?? null,
    takeover: c.takeover,
    // How the standby in control took over, so a report never calls an operator's
    // `icapmanage -Q` automatic, or a scripted one manual.
    takeoverMode: c.takeover ? (c.manager?.takeover ?? null) : null,
    gmTakeover: c.takeover ? ctx.timing.range('gm_takeover', drivers) : null,
    gmFailover: c.takeover ? ctx.timing.range('gm_failover', drivers) : null,
  };
}

/** The drivers of one moved package's end-to-end failover (spec 3.4). */
export function packageDrivers(
  ctx: DescribeContext,
  p: PackageEval,
  ev: ScenarioEval,
  down: DownState,
): Drivers {
  const g = groupOfNode(ctx.estate, p.node);
  const control = g >= 0 ? ev.control[g] : undefined;
  // Managers tried by the start script: none outside a group; 1 when the active manager answers;
  // 2 when it does not (it tries the active one, then the standby) (assumption A-05).
  const managersTried =
    control === undefined ? 0 : control.manager !== null && !control.takeover ? 1 : 2;
  const gmDrivers =
    p.waited && control !== undefined ? takeoverDrivers(ctx, control, down) : ZERO_DRIVERS;
  return {
    ...gmDrivers,
    managers_tried: managersTried,
    complexes_in_group: g >= 0 ? at(ctx.estate.groups, g, 'group').members.length : 0,
    seized_npars: p.seizedNpars,
    seized_cells: p.seizedCells,
    cores_activated: p.activated,
    vpar_node: at(ctx.estate.nodes, p.node, 'node').vpar >= 0 ? 1 : 0,
    waited: p.waited ? 1 : 0,
    failed_attempts: p.attempts.length - 1,
    start_s: p.pkg.startS,
    vm_boot_s: p.pkg.vmBootS,
    ...reformationDrivers(ctx.estate, p.pkg.cluster, ev),
  };
}

/**
 * The package's cluster re-formation drivers (spec 8.4): its MEMBER_TIMEOUT (0 when not given:
 * `sg_failover` applies [S1 p.31]) and whether the survivors took a dual lock disk [C12].
 */
function reformationDrivers(
  estate: Estate,
  cluster: number,
  ev: ScenarioEval,
): { member_timeout: number; dual_lock: number } {
  const c = cluster >= 0 ? estate.clusters[cluster] : undefined;
  if (c === undefined) return { member_timeout: 0, dual_lock: 0 };
  const v = ev.clusters.find((x) => x.cluster === cluster);
  const dual = c.lock === 'dual-disk' && v?.reason === 'lock' ? 1 : 0;
  return { member_timeout: c.memberTimeoutS, dual_lock: dual };
}

/**
 * The outcomes in placement order. A package moved by another (one it depends on, or one that
 * displaced it) starts after it (spec 9.2): the latest of those packages' times plus its own
 * failed starts, rights move and start, with no second Serviceguard failover; if its own node
 * failed too, the later of that and its own package_failover (min, typical and max separately).
 */
function packageOutcomes(
  ctx: DescribeContext,
  ev: ScenarioEval,
  down: DownState,
): PackageOutcome[] {
  const times = new Map<number, TimeRange>();
  return ev.packages.map((p) => {
    const o = packageOutcome(ctx, p, ev, down);
    if (o.time === null || o.sgFailover === null) return o;
    const sg = o.sgFailover;
    const time = afterOthers(p, o.time, () => sg, times);
    times.set(p.pkg.idx, time);
    return time === o.time ? o : { ...o, time };
  });
}

/**
 * The streamed outcomes (`describeStreamed`), in placement order: the same end-to-end times as
 * `packageOutcomes` (the Serviceguard part is evaluated only for a package that starts after others),
 * and the attempts of lost packages only.
 */
function streamedPackages(
  ctx: DescribeContext,
  ev: ScenarioEval,
  down: DownState,
): StreamedPackage[] {
  const host = (n: number): string | null => (n >= 0 ? hostName(ctx.estate, n) : null);
  const times = new Map<number, TimeRange>();
  return ev.packages.map((p): StreamedPackage => {
    let time: TimeRange | null = null;
    if (p.status === 'moved') {
      const drivers = packageDrivers(ctx, p, ev, down);
      time = afterOthers(
        p,
        ctx.timing.range('package_failover', drivers),
        () => sgFailoverRange(ctx, drivers),
        times,
      );
      times.set(p.pkg.idx, time);
    }
    return {
      package: p.pkg.name,
      from: hostName(ctx.estate, p.from),
      to: host(p.node),
      status: p.status,
      reason: p.reason,
      activated: p.activated,
      sources: p.sources,
      time,
      attempts: p.status === 'moved' ? [] : describeAttempts(ctx, p),
    };
  });
}

/**
 * A package moved by another (one it depends on, or one that displaced it) starts after it (spec
 * 9.2): the latest of those packages' times plus its own failed starts, rights move and start, with
 * no second Serviceguard failover (`sg`); if its own node failed too, the later of that and its own
 * package_failover (min, typical and max separately). `times`: the packages placed before.
 */
function afterOthers(
  p: PackageEval,
  own: TimeRange,
  sg: () => TimeRange,
  times: ReadonlyMap<number, TimeRange>,
): TimeRange {
  let start: TimeRange | null = null;
  for (const q of [p.displacedBy, ...p.dependsOn]) {
    const t = times.get(q);
    if (t !== undefined) start = maxRange(start, t);
  }
  if (start === null) return own;
  const s = sg();
  const chained: TimeRange = {
    min: start.min + own.min - s.min,
    typical: start.typical + own.typical - s.typical,
    max: start.max + own.max - s.max,
  };
  return p.ownFailure ? maxRange(chained, own) : chained;
}

/** package_failover with only the cluster drivers set: the Serviceguard part alone (spec 8.4). */
function sgFailoverRange(ctx: DescribeContext, drivers: Drivers): TimeRange {
  return ctx.timing.range('package_failover', {
    ...ZERO_DRIVERS,
    member_timeout: drivers.member_timeout,
    dual_lock: drivers.dual_lock,
  });
}

function packageOutcome(
  ctx: DescribeContext,
  p: PackageEval,
  ev: ScenarioEval,
  down: DownState,
): PackageOutcome {
  const host = (n: number): string | null => (n >= 0 ? hostName(ctx.estate, n) : null);
  const moved = p.status === 'moved';
  const drivers = moved ? packageDrivers(ctx, p, ev, down) : null;
  const name = (q: number): string => packageName(ctx.estate, q);
  return {
    package: p.pkg.name,
    from: hostName(ctx.estate, p.from),
    to: host(p.node),
    status: p.status,
    cluster: p.pkg.cluster >= 0 ? clusterName(ctx.estate, p.pkg.cluster) : null,
    activated: p.activated,
    sources: p.sources,
    reason: p.reason,
    time: drivers === null ? null : ctx.timing.range('package_failover', drivers),
    rightsMove: drivers === null ? null : ctx.timing.range('rights_move', drivers),
    sgFailover: drivers === null ? null : sgFailoverRange(ctx, drivers),
    ticapMinutes: p.ticapMinutes,
    waitedForTakeover: p.waited,
    attempts: describeAttempts(ctx, p),
    policy: p.pkg.policy,
    displacedBy: p.displacedBy >= 0 ? name(p.displacedBy) : null,
    dependsOn: p.dependsOn.map(name),
  };
}

/** The start attempts in order, with the nodes skipped as not eligible where they were skipped. */
function describeAttempts(ctx: DescribeContext, p: PackageEval): Attempt[] {
  const attempts: Attempt[] = [];
  let s = 0;
  p.attempts.forEach((a, i) => {
    for (; s < p.skips.length && at(p.skips, s, 'skip').at <= i; s++) {
      attempts.push(describeSkip(ctx, p, at(p.skips, s, 'skip')));
    }
    attempts.push(describeAttempt(ctx, p, a));
  });
  for (; s < p.skips.length; s++) attempts.push(describeSkip(ctx, p, at(p.skips, s, 'skip')));
  return attempts;
}

/** A node skipped as not eligible (spec 9.2), with the rule and figures that excluded it. */
function describeSkip(ctx: DescribeContext, p: PackageEval, k: SkipEval): Attempt {
  const { estate } = ctx;
  const host = hostName(estate, k.node);
  const pkg = p.pkg.name;
  // The package the rule names (a dependency, a displacement); none for a capacity or a policy.
  const other = (): string => packageName(estate, k.other);
  let detail: string;
  let capacity: CapacityFigures | undefined;
  switch (k.why) {
    case 'capacity': {
      const name = at(estate.capacityNames, k.capacity, 'capacity');
      capacity = { name, used: k.used, needed: k.needed, capacity: k.value };
      detail = `${host} skipped: capacity ${name} has ${k.used} of ${k.value} in use and ${pkg} weighs ${k.needed} [P5, P6]${p.pkg.priority === null ? '; a no_priority package displaces nothing [P8]' : '; halting every lower-priority package with a weight would not make room [P8]'}`;
      break;
    }
    case 'dependency': {
      // otherNode -1: the package depended on runs nowhere in this scenario.
      const where = k.otherNode >= 0 ? `on ${hostName(estate, k.otherNode)}` : 'nowhere';
      detail =
        k.otherNode === k.node
          ? `${host} skipped: ${pkg} must run on another node than ${other()} (different_node), which runs on ${host} [P3]`
          : `${host} skipped: ${pkg} must run on the node of ${other()} (same_node), which runs ${where} [P3]`;
      break;
    }
    case 'policy': {
      const site = siteName(estate, at(estate.nodes, p.from, 'node').site);
      detail = `${host} skipped: outside ${site}, the site ${pkg} ran in; site_preferred_manual fails over within its site only [P1]`;
      break;
    }
    case 'displaced':
      detail = `${host} skipped: ${pkg} was halted there to make room for ${other()} [P8]`;
      break;
  }
  return {
    node: host,
    ok: false,
    reason: null,
    needed: 0,
    available: 0,
    detail,
    skipped: k.why,
    ...(capacity === undefined ? {} : { capacity }),
  };
}

function sourcesText(s: Sources): string {
  const parts = SOURCE_KEYS.filter((k) => s[k] > 0).map((k) => `${SOURCE_NAMES[k].phrase} ${s[k]}`);
  return parts.length === 0 ? 'none' : parts.join(', ');
}

/** One sentence: which rule bound, on which node, by how many cores. */
function describeAttempt(ctx: DescribeContext, p: PackageEval, a: AttemptEval): Attempt {
  const node = at(ctx.estate.nodes, a.node, 'node');
  const f = a.facts;
  const short = a.needed - a.available;
  const base = `${node.host} has ${f.active} active cores with ${f.used} in use; ${p.pkg.name} needs ${p.pkg.cores}`;
  let detail: string;
  switch (a.reason) {
    case null:
      detail =
        a.needed === 0
          ? `${base}: it fits without activating any core`
          : `${base}: ${a.needed} more cores activated (${sourcesText(p.status === 'moved' && p.node === a.node ? p.sources : f.rights)})`;
      break;
    case 'static-vpar':
      detail = `${base}: ${node.host} is a static vPar and cannot take the ${a.needed} more cores [V6]`;
      break;
    case 'vpar-max':
      detail = `${base}: ${node.host} would need ${f.active + a.needed} cores, more than its max ${f.vparMax}; short by ${short} [V1]`;
      break;
    case 'insufficient-inactive-cores':
      detail = `${base}: ${a.needed} more cores needed, but its nPar has ${Math.max(0, f.inactiveLeft)} inactive cores left${f.direct > 0 ? ` (and ${f.direct} from its vPars)` : ''}; short by ${short}`;
      break;
    case 'gm-unavailable': {
      const g = groupOfNode(ctx.estate, a.node);
      detail = `${base}: rights found for ${a.available} of ${a.needed} cores (${sourcesText(f.rights)}); short by ${short}, and group ${groupName(ctx.estate, g)} has no manager in control, so no rights cross complexes [M1]`;
      break;
    }
    case 'insufficient-ticap':
      detail = `${base}: rights found for ${a.available} of ${a.needed} cores (${sourcesText(f.rights)}); TiCAP for the rest needs ${f.ticapNeeded} core-minutes, ${Math.max(0, f.ticapAvailable)} available; short by ${short} cores`;
      break;
    case 'insufficient-rights':
      detail = `${base}: rights found for ${a.available} of ${a.needed} cores (${sourcesText(f.rights)}); short by ${short}`;
      break;
    default:
      detail = `${base}: ${a.reason}`;
  }
  // [C10] with on_start_failure = halt this failed start is the last one: the run script exits 1,
  // which says why the other nodes of its list (if it has any) are not tried.
  if (
    !a.ok &&
    p.pkg.onStartFailure === 'halt' &&
    p.pkg.nodes.some((n) => n !== a.node && n !== p.from)
  ) {
    detail +=
      '; the run script exits 1 (on_start_failure = halt), so Serviceguard disables it on every other node [C10]';
  }
  return {
    node: node.host,
    ok: a.ok,
    reason: a.reason,
    needed: a.needed,
    available: a.available,
    detail,
  };
}

/** The later of two ranges, bound by bound (one of them when it is the later in all three). */
function maxRange(a: TimeRange | null, b: TimeRange): TimeRange {
  if (a === null) return b;
  if (a.min >= b.min && a.typical >= b.typical && a.max >= b.max) return a;
  if (b.min >= a.min && b.typical >= a.typical && b.max >= a.max) return b;
  return {
    min: Math.max(a.min, b.min),
    typical: Math.max(a.typical, b.typical),
    max: Math.max(a.max, b.max),
  };
}

/** The slowest moved package: the latest back at max, then at typical; the first of equals. */
function slowestOf<P extends StreamedPackage>(packages: readonly P[]): P | null {
  let best: P | null = null;
  for (const p of packages) {
    if (p.time === null) continue;
    if (
      best === null ||
      best.time === null ||
      p.time.max > best.time.max ||
      (p.time.max === best.time.max && p.time.typical > best.time.typical)
    ) {
      best = p;
    }
  }
  return best;
}

function slowestPackage(
  ctx: DescribeContext,
  ev: ScenarioEval,
  packages: readonly PackageOutcome[],
  down: DownState,
): ScenarioResult['slowest'] {
  const best = slowestOf(packages);
  if (best === null) return null;
  const pe = ev.packages.find((x) => x.pkg.name === best.package);
  if (pe === undefined) return null;
  return {
    package: best.package,
    sensitivity: ctx.timing.sensitivity('package_failover', packageDrivers(ctx, pe, ev, down), 3),
  };
}

function scenarioWarnings(
  ctx: DescribeContext,
  down: DownState,
  ev: ScenarioEval,
): ScenarioWarning[] {
  const { estate } = ctx;
  const out: ScenarioWarning[] = [];
  // A down nPar on a complex with other nPars up: reboot it or inactivate its cells within 12 h [X8].
  for (const n of down.downNpars) {
    const np = estate.npars[n];
    if (np !== undefined && down.complex[np.complex] !== 1) {
      out.push({
        code: 'reboot-within-12h',
        subject: np.key,
        detail: `reboot ${np.key} or make its cells inactive within 12 hours, or the other nPars of ${complexName(estate, np.complex)} assume all its cores active [X8]`,
      });
    }
  }
  for (const r of ev.rights) {
    const group = at(estate.groups, r.group, 'group');
    const control = ev.control[r.group];
    const loanComplexes = new Map<number, number>();
    const riskComplexes = new Set<number>();
    for (const s of r.seizedFrom) {
      if (s.loan) loanComplexes.set(s.complex, (loanComplexes.get(s.complex) ?? 0) + s.rights);
      const np = s.npar >= 0 ? estate.npars[s.npar] : undefined;
      if (np !== undefined && np.vpars.length > 0) {
        out.push({
          code: 'vpar-failback-commit',
          subject: np.key,
          detail: `rights were seized from ${np.key}, which runs vPars: deactivate the failover cores and restore (icapmanage -z) before any vPar boots, or the seizure commits and the vPars may not boot [V9]`,
        });
      }
      // A complex or a manager in no site (-1) is in no other site.
      const siteC = at(estate.complexes, s.complex, 'complex').site;
      const siteM = control?.manager?.site ?? -1;
      if (siteC >= 0 && siteM >= 0 && siteC !== siteM) riskComplexes.add(s.complex);
    }
    for (const [c, rights] of loanComplexes) {
      out.push({
        code: 'loan-expires-10d',
        subject: complexName(estate, c),
        detail: `${rights} rights seized from the complete outage of ${complexName(estate, c)} are a loan to ${group.name} that reverts 10 days after seizure unless a partition reconnects [X6]`,
      });
    }
    // Only a manager in control seizes, so one is named here.
    const seizer = control?.manager?.host ?? null;
    for (const c of seizer === null ? [] : riskComplexes) {
      out.push({
        code: 'ping-seizure-risk',
        subject: complexName(estate, c),
        detail: `${seizer} seized from ${complexName(estate, c)} in another site on a failed ping: a network cut would look the same [X11]`,
      });
    }
    // A manager running on a member complex fails with it [G7].
    if (group.active.node >= 0 && down.isNodeDown(group.active.node)) {
      out.push({
        code: 'gm-colocated',
        subject: group.name,
        detail: `the active manager ${group.active.host} of ${group.name} runs on a partition that failed in this scenario [G7]`,
      });
    }
  }
  for (const v of ev.clusters) {
    if (v.reason !== 'lock') continue;
    const c = clusterState(estate, v);
    // A cluster re-forms by its lock only when it has one.
    if (c.lock === null) continue;
    const where = c.lock.host !== null ? `quorum server ${c.lock.host}` : `${c.lock.kind} lock`;
    out.push({
      code: 'cluster-lock-used',
      subject: c.cluster,
      detail: `${c.cluster} re-formed with ${c.nodesUp} of ${c.nodes} nodes, exactly half, by taking its ${where}${c.lock.site !== null ? ` in ${c.lock.site}` : ''} [C3, C4]`,
    });
  }
  for (const p of ev.packages) {
    for (const d of p.displaced) {
      const victim = at(estate.packages, d.victim, 'package');
      const outcome = ev.packages.find((x) => x.pkg.idx === d.victim);
      const then =
        outcome === undefined
          ? ''
          : outcome.status === 'moved'
            ? `; it restarts on ${hostName(estate, outcome.node)}`
            : `; it is lost (${lossReason(outcome)})`;
      const rank = (q: number | null | undefined): string =>
        q == null ? 'no_priority' : `priority ${q}`;
      out.push({
        code: 'displaced',
        subject: victim.name,
        detail: `${p.pkg.name} (${rank(p.pkg.priority)}) halted ${victim.name} (${rank(victim.priority)}) on ${hostName(estate, d.node)} to make room: capacity ${at(estate.capacityNames, d.capacity, 'capacity')} had ${d.used} of ${d.value} in use and ${p.pkg.name} weighs ${d.needed}${then} [P8]`,
      });
    }
    if (p.haltedBefore >= 0) {
      const first = hostName(estate, at(p.attempts, 0, 'start attempt').node);
      const next = hostName(estate, p.haltedBefore);
      out.push({
        code: 'start-failure-halts',
        subject: p.pkg.name,
        detail: `${p.pkg.name} could not start on ${first} (${lossReason(p)}); its run script exits 1, so Serviceguard disables it on every other node; with a restart exit (2, on_start_failure = next) it could try ${next} [C10]`,
      });
    }
    if (p.status !== 'moved') continue;
    const to = at(estate.nodes, p.node, 'node');
    const from = at(estate.nodes, p.from, 'node');
    const complexOf = (npar: number): number => at(estate.npars, npar, 'nPar').complex;
    if (p.node !== p.from && complexOf(from.npar) === complexOf(to.npar)) {
      out.push({
        code: 'same-complex-failback',
        subject: p.pkg.name,
        detail: `${p.pkg.name} moved from ${from.host} to ${to.host} on the same complex: fail it back after repair, rights seized there cannot be seized again [X4]`,
      });
    }
    if (p.ticapMinutes > 0) {
      out.push({
        code: 'ticap-used',
        subject: p.pkg.name,
        detail: `${p.sources.ticap} cores of ${p.pkg.name} run on TiCAP for the outage: ${p.ticapMinutes} core-minutes [T1, T2]`,
        minutes: p.ticapMinutes,
      });
    }
    if (p.attempts.length > 1) {
      const first = at(p.attempts, 0, 'start attempt');
      out.push({
        code: 'fell-through',
        subject: p.pkg.name,
        detail: `${hostName(estate, first.node)} could not take ${p.pkg.name} (${lossReason(first)}); it started on ${to.host} after ${plural(p.attempts.length - 1, 'failed attempt', 'failed attempts')}`,
      });
    }
  }
  return out.sort((a, b) => compareText(a.code, b.code) || compareText(a.subject, b.subject));
}

/** The group of the complex a node runs on (-1: the complex is in no group). */
function groupOfNode(estate: Estate, node: number): number {
  const npar = at(estate.npars, at(estate.nodes, node, 'node').npar, 'nPar');
  return at(estate.complexes, npar.complex, 'complex').group;
}

/** Why a package that did not move is lost: its reason is set whenever it did not move. */
function lossReason(p: { readonly reason: LossReason | null }): LossReason {
  if (p.reason === null) throw new Error('internal: a package that did not move has no reason');
  return p.reason;
}
