/**
 * `report.json` (spec 5.1): the contract. The report is re-built with its keys in the order of the
 * spec and of src/domain/result.ts, whatever order the engine created them in, so the bytes depend
 * only on the values. Keys the renderer does not know (fields added later) follow the known ones in
 * code-unit order; records keyed by name (`outage`) are sorted. Two-space indent, final newline.
 */
import type {
  Attempt,
  ClusterState,
  ClusterSummary,
  Comparison,
  EstateTotals,
  GmState,
  GroupChange,
  GroupFigures,
  GroupSizing,
  ModelCoefficientRow,
  PackageOutcome,
  PartitionChange,
  PartitionFigures,
  PartitionSizing,
  PlanParameters,
  PlanReport,
  PlanSummary,
  RightsFlow,
  ScenarioResult,
  ScenarioWarning,
  Sources,
  StreamedPackage,
  StreamedScenario,
} from '../domain/result.js';
import { clusterNoted, gmChanged, rightsMoved } from '../domain/result.js';
import type { SensitivityEntry, TimeRange } from '../domain/timing.js';
import { compareText } from '../text/order.js';

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/**
 * How one kind of value is written: as JSON data (for `report.json`, indented by JSON.stringify), and
 * directly as compact JSON text (for the parts of a `scenarios.jsonl` line that come from report.json's
 * objects: no intermediate objects). Both give the same keys in the same order:
 * `text(v) === JSON.stringify(json(v))`.
 */
interface Codec<T> {
  readonly json: (v: T) => Json;
  readonly text: (v: T) => string;
}

/** Any value as JSON data, plain objects with their keys in code-unit order. */
function plain(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object') {
    const src = value as Record<string, unknown>;
    const out: Record<string, Json> = {};
    for (const key of Object.keys(src).sort(compareText)) {
      if (src[key] !== undefined) out[key] = plain(src[key]);
    }
    return out;
  }
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') {
    return value;
  }
  return null;
}

/** A value written as it is (objects with sorted keys); primitives without a detour. */
const id: Codec<unknown> = {
  json: plain,
  text: (v) =>
    typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
      ? JSON.stringify(v)
      : v === null || v === undefined
        ? 'null'
        : JSON.stringify(plain(v)),
};

/**
 * An object: first the `known` keys that are present (not undefined), in that order, each through
 * its codec, then any other key in code-unit order, as it is (fields added later keep their meaning).
 */
function obj<T extends object>(known: { readonly [K in keyof T]-?: Codec<T[K]> }): Codec<T> {
  const keys = Object.keys(known);
  const codecs = keys.map((k) => (known as Record<string, Codec<unknown>>)[k] ?? id);
  const heads = keys.map((k) => `${JSON.stringify(k)}:`);
  const isKnown = new Set(keys);
  const others = (src: Record<string, unknown>): string[] =>
    Object.keys(src)
      .filter((k) => !isKnown.has(k) && src[k] !== undefined)
      .sort(compareText);
  return {
    json: (value) => {
      const src = value as Record<string, unknown>;
      const out: Record<string, Json> = {};
      keys.forEach((k, i) => {
        if (src[k] !== undefined) out[k] = codecs[i]!.json(src[k]);
      });
      for (const k of others(src)) out[k] = plain(src[k]);
      return out;
    },
    text: (value) => {
      const src = value as Record<string, unknown>;
      let out = '';
      let present = 0;
      for (let i = 0; i < keys.length; i++) {
        const v = src[keys[i]!];
        if (v === undefined) continue;
        present++;
        out += `${out === '' ? '' : ','}${heads[i]!}${codecs[i]!.text(v)}`;
      }
      // Only when the object has keys beyond the known ones (rare) are they looked for.
      if (Object.keys(src).length !== present) {
        for (const k of others(src)) {
          out += `${out === '' ? '' : ','}${JSON.stringify(k)}:${id.text(src[k])}`;
        }
      }
      return `{${out}}`;
    },
  };
}

const list = <T>(c: Codec<T>): Codec<readonly T[]> => ({
  json: (xs) => xs.map(c.json),
  text: (xs) => `[${xs.map(c.text).join(',')}]`,
});

const nullable = <T>(c: Codec<T>): Codec<T | null> => ({
  json: (x) => (x === null ? null : c.json(x)),
  text: (x) => (x === null ? 'null' : c.text(x)),
});

const timeRange = obj<TimeRange>({ min: id, typical: id, max: id });

const sources = obj<Sources>({ own: id, vpar: id, complex: id, pool: id, seized: id, ticap: id });

const attempt = obj<Attempt>({
  node: id,
  ok: id,
  reason: id,
  needed: id,
  available: id,
  detail: id,
  skipped: id,
  capacity: id,
});

const packageOutcome = obj<PackageOutcome>({
  package: id,
  from: id,
  to: id,
  status: id,
  cluster: id,
  activated: id,
  sources,
  reason: id,
  time: nullable(timeRange),
  rightsMove: nullable(timeRange),
  sgFailover: nullable(timeRange),
  ticapMinutes: id,
  waitedForTakeover: id,
  attempts: list(attempt),
  policy: id,
  displacedBy: id,
  dependsOn: id,
});

const gmState = obj<GmState>({
  group: id,
  inControl: id,
  takeover: id,
  takeoverMode: id,
  gmTakeover: nullable(timeRange),
  gmFailover: nullable(timeRange),
});

const rightsFlow = obj<RightsFlow>({
  group: id,
  seized: id,
  loaned: id,
  heldBefore: id,
  gmHeldAfter: id,
  ticapMinutes: id,
});

const clusterState = obj<ClusterState>({
  cluster: id,
  nodes: id,
  nodesUp: id,
  reformed: id,
  lock: nullable(obj<NonNullable<ClusterState['lock']>>({ kind: id, site: id, host: id, up: id })),
  reason: id,
});

const clusterSummary = obj<ClusterSummary>({
  cluster: id,
  nodes: id,
  lock: id,
  lockSites: id,
  quorumServer: id,
  memberTimeoutS: id,
  packages: id,
  lockUsed: id,
  halts: obj<ClusterSummary['halts']>({ noLock: id, lockDown: id, minority: id }),
  haltedIn: id,
});

const warning = obj<ScenarioWarning>({ code: id, subject: id, detail: id, minutes: id });

const sensitivity = obj<SensitivityEntry>({
  coefficient: id,
  swing: id,
  low: id,
  high: id,
  source: id,
});

const scenario = obj<ScenarioResult>({
  id,
  failed: id,
  outage: id, // a record: plain() sorts its keys
  survives: id,
  gm: list(gmState),
  clusters: list(clusterState),
  rights: list(rightsFlow),
  packages: list(packageOutcome),
  unaffected: id,
  warnings: list(warning),
  time: nullable(timeRange),
  slowest: nullable(
    obj<NonNullable<ScenarioResult['slowest']>>({ package: id, sensitivity: list(sensitivity) }),
  ),
});

const partition = obj<PartitionSizing>({
  complex: id,
  npar: id,
  vpar: id,
  host: id,
  installedCores: id,
  rights: id,
  activeCores: id,
  inactiveCores: id,
  minimumInactiveCores: id,
  bindingScenario: id,
  shortfall: id,
});

const group = obj<GroupSizing>({
  group: id,
  members: id,
  sharingRightsOwned: id,
  sharingRightsRequired: id,
  sharingRightsMinimum: id,
  compliant: id,
  shortfall: id,
});

type Item<A> = A extends readonly (infer X)[] ? X : never;

const summary = obj<PlanSummary>({
  scenarios: id,
  survived: id,
  lost: id,
  packagesLost: id,
  byFailures: list(
    obj<Item<PlanSummary['byFailures']>>({
      failures: id,
      scenarios: id,
      lost: id,
      packagesLost: id,
    }),
  ),
  lostFixable: id,
  packagesLostFixable: id,
  lostUnfixable: id,
  packagesLostUnfixable: id,
  packagesLostByReason: list(
    obj<Item<PlanSummary['packagesLostByReason']>>({
      reason: id,
      packages: id,
      noPurchaseCanFix: id,
    }),
  ),
  skippedEquivalent: id,
  nonCompliantGroups: id,
  clustersHalted: id,
  scenariosNotListed: id,
});

const parameters = obj<PlanParameters>({
  maxFailures: id,
  outageHours: id,
  model: id,
  allScenarios: id,
  changes: id,
  now: id,
});

const modelRow = obj<ModelCoefficientRow>({
  name: id,
  min: id,
  typical: id,
  max: id,
  unit: id,
  source: id,
});

const totals = obj<EstateTotals>({
  inactiveCores: id,
  shortfall: id,
  sharingShortfall: id,
  nonCompliantGroups: id,
  lost: id,
  packagesLost: id,
});

const partitionFigures = obj<PartitionFigures>({
  inactiveCores: id,
  minimumInactiveCores: id,
  shortfall: id,
});

const groupFigures = obj<GroupFigures>({
  sharingRightsOwned: id,
  sharingRightsRequired: id,
  sharingRightsMinimum: id,
  compliant: id,
  shortfall: id,
});

const comparison = obj<Comparison>({
  changes: id,
  baseline: summary,
  changed: summary,
  totals: obj<Comparison['totals']>({ before: totals, after: totals }),
  flipped: list(obj<Item<Comparison['flipped']>>({ id, before: id, after: id })),
  partitions: list(
    obj<PartitionChange>({ partition: id, before: partitionFigures, after: partitionFigures }),
  ),
  groups: list(obj<GroupChange>({ group: id, before: groupFigures, after: groupFigures })),
  times: list(
    obj<Item<Comparison['times']>>({
      id,
      before: nullable(timeRange),
      after: nullable(timeRange),
    }),
  ),
});

const report = obj<PlanReport>({
  schemaVersion: id,
  tool: obj<PlanReport['tool']>({ name: id, version: id }),
  inventory: obj<PlanReport['inventory']>({ name: id, sha256: id }),
  parameters,
  summary,
  groups: list(group),
  partitions: list(partition),
  scenarios: list(scenario),
  clusters: list(clusterSummary),
  scenariosFiles: id,
  warnings: list(warning),
  model: list(modelRow),
  comparison: nullable(comparison),
});

/** The report as JSON data in canonical key order. */
export function toJsonData(r: PlanReport): Json {
  return report.json(r);
}

/** One scenario as JSON data, as it stands in `report.json`'s `scenarios`. */
export function scenarioJsonData(s: ScenarioResult): Json {
  return scenario.json(s);
}

/** Renders `report.json`. */
export function renderJson(report: PlanReport): string {
  return `${JSON.stringify(toJsonData(report), null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// scenarios.jsonl (`--all-scenarios`, issue 14): one thin line per scenario

/** Past this many memoised names the memo is cleared, so memory stays flat. */
const QUOTED_LIMIT = 100_000;
const quotedNames = new Map<string, string>();

/**
 * A name as a JSON string (package, host, unit, code): the estate has a few thousand, written
 * millions of times, so each is quoted once.
 */
function q(name: string): string {
  let text = quotedNames.get(name);
  if (text === undefined) {
    text = JSON.stringify(name);
    if (quotedNames.size >= QUOTED_LIMIT) quotedNames.clear();
    quotedNames.set(name, text);
  }
  return text;
}

/** A name or null as JSON. */
function qn(name: string | null): string {
  return name === null ? 'null' : q(name);
}

/** A number as JSON writes it (a non-finite one as null, as JSON.stringify does). */
function num(n: number): string {
  return Number.isFinite(n) ? `${n}` : 'null';
}

/** Ranges already written: the engine hands out the same memoised range object again and again. */
const rangeTexts = new WeakMap<TimeRange, string>();

function rangeText(t: TimeRange | null): string {
  if (t === null) return 'null';
  let text = rangeTexts.get(t);
  if (text === undefined) {
    text = `{"min":${num(t.min)},"typical":${num(t.typical)},"max":${num(t.max)}}`;
    rangeTexts.set(t, text);
  }
  return text;
}

function rangeData(t: TimeRange | null): Json {
  return t === null ? null : { min: t.min, typical: t.typical, max: t.max };
}

/** The last sources written (every lost package shares the engine's one object of zeros). */
let lastSources: Sources | null = null;
let lastSourcesText = '';

function sourcesLineText(s: Sources): string {
  if (s !== lastSources) {
    lastSourcesText = `{"own":${num(s.own)},"vpar":${num(s.vpar)},"complex":${num(s.complex)},"pool":${num(s.pool)},"seized":${num(s.seized)},"ticap":${num(s.ticap)}}`;
    lastSources = s;
  }
  return lastSourcesText;
}

function sourcesLineData(s: Sources): Json {
  return {
    own: s.own,
    vpar: s.vpar,
    complex: s.complex,
    pool: s.pool,
    seized: s.seized,
    ticap: s.ticap,
  };
}

function packageLineText(p: StreamedPackage): string {
  const head = `{"package":${q(p.package)},"from":${q(p.from)},"to":${qn(p.to)},"status":${q(p.status)},"reason":${qn(p.reason)},"activated":${num(p.activated)},"sources":${sourcesLineText(p.sources)},"time":${rangeText(p.time)}`;
  return p.status === 'lost'
    ? `${head},"attempts":${textList(p.attempts, attempt.text)}}`
    : `${head}}`;
}

function packageLineData(p: StreamedPackage): Json {
  const out: Record<string, Json> = {
    package: p.package,
    from: p.from,
    to: p.to,
    status: p.status,
    reason: p.reason,
    activated: p.activated,
    sources: sourcesLineData(p.sources),
    time: rangeData(p.time),
  };
  if (p.status === 'lost') out.attempts = p.attempts.map(attempt.json);
  return out;
}

function outageText(o: StreamedScenario['outage']): string {
  const keys = Object.keys(o);
  if (keys.length === 0) return '{}';
  return `{${keys
    .sort(compareText)
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(o[k])}`)
    .join(',')}}`;
}

/** A list as JSON text, of the items `keep` keeps (all without it); no array is made. */
function textList<T>(xs: readonly T[], text: (x: T) => string, keep?: (x: T) => boolean): string {
  if (xs.length === 0) return '[]';
  let out = '';
  for (const x of xs) {
    if (keep !== undefined && !keep(x)) continue;
    out += out === '' ? text(x) : `,${text(x)}`;
  }
  return `[${out}]`;
}

function warningLineText(w: ScenarioWarning): string {
  return `{"code":${q(w.code)},"subject":${q(w.subject)}}`;
}

/**
 * One scenario as one line of `scenarios.jsonl` (`--all-scenarios`): its verdict and what changed,
 * not its whole story (`gicap what-if INVENTORY --fail UNIT …` tells that). The same keys as in
 * `report.json`'s `scenarios`, thinner:
 *
 * - `gm`: only groups whose manager changed (a standby took control, or none is in control);
 * - `clusters`: only clusters that took their lock or halted (not a majority re-formation);
 * - `rights`: only groups whose rights moved (seized, loaned, TiCAP, or the manager's pool used);
 * - `packages`: each package whose primary is down with `package`, `from`, `to`, `status`,
 *   `reason`, `activated`, `sources` and `time`; a lost package also has its `attempts` (the nodes
 *   tried, each with the sentence saying why it refused: what explains the loss);
 * - `warnings`: `code` and `subject` only;
 * - `slowest`: the name of the slowest package (no sensitivity), or null.
 *
 * Written directly as text; `JSON.stringify(scenarioLineData(s))` is the same string.
 */
export function renderScenarioJsonLine(s: StreamedScenario): string {
  return `{"id":${JSON.stringify(s.id)},"failed":${textList(s.failed, q)},"outage":${outageText(s.outage)},"survives":${s.survives ? 'true' : 'false'},"gm":${textList(s.gm, gmState.text, gmChanged)},"clusters":${textList(s.clusters, clusterState.text, clusterNoted)},"rights":${textList(s.rights, rightsFlow.text, rightsMoved)},"packages":${textList(s.packages, packageLineText)},"unaffected":${num(s.unaffected)},"warnings":${textList(s.warnings, warningLineText)},"time":${rangeText(s.time)},"slowest":${qn(s.slowest?.package ?? null)}}`;
}

/** The line of `scenarios.jsonl` as JSON data (what `renderScenarioJsonLine` writes). */
export function scenarioLineData(s: StreamedScenario): Json {
  return {
    id: s.id,
    failed: [...s.failed],
    outage: plain(s.outage),
    survives: s.survives,
    gm: s.gm.filter(gmChanged).map(gmState.json),
    clusters: s.clusters.filter(clusterNoted).map(clusterState.json),
    rights: s.rights.filter(rightsMoved).map(rightsFlow.json),
    packages: s.packages.map(packageLineData),
    unaffected: s.unaffected,
    warnings: s.warnings.map((w) => ({ code: w.code, subject: w.subject })),
    time: rangeData(s.time),
    slowest: s.slowest?.package ?? null,
  };
}
