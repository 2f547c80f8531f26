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
  GmState,
  GroupSizing,
  ModelCoefficientRow,
  PackageOutcome,
  PartitionSizing,
  PlanParameters,
  PlanReport,
  PlanSummary,
  RightsFlow,
  ScenarioResult,
  ScenarioWarning,
  Sources,
} from '../domain/result.js';
import type { SensitivityEntry, TimeRange } from '../domain/timing.js';

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Copies `value`'s own keys: first `known` (those present), each through its mapper, then any other
 * key in code-unit order, unchanged.
 */
function ordered<T extends object>(
  value: T,
  known: { readonly [K in keyof T]-?: (v: T[K]) => Json },
): Json {
  const out: Record<string, Json> = {};
  const source = value as Record<string, unknown>;
  const mappers = known as Record<string, (v: unknown) => Json>;
  for (const key of Object.keys(known)) {
    if (!(key in source) || source[key] === undefined) continue;
    out[key] = (mappers[key] ?? plain)(source[key]);
  }
  for (const key of Object.keys(source).sort(byCodeUnit)) {
    if (key in out || key in known || source[key] === undefined) continue;
    out[key] = plain(source[key]);
  }
  return out;
}

/** Any value as JSON data, plain objects with their keys in code-unit order. */
function plain(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object') {
    const src = value as Record<string, unknown>;
    const out: Record<string, Json> = {};
    for (const key of Object.keys(src).sort(byCodeUnit)) {
      if (src[key] !== undefined) out[key] = plain(src[key]);
    }
    return out;
  }
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') {
    return value;
  }
  return null;
}

const id = (v: unknown): Json => plain(v);
const list =
  <T>(f: (x: T) => Json) =>
  (xs: readonly T[]): Json =>
    xs.map(f);
const nullable =
  <T>(f: (x: T) => Json) =>
  (x: T | null): Json =>
    x === null ? null : f(x);

const timeRange = (t: TimeRange): Json => ordered(t, { min: id, typical: id, max: id });

const sources = (s: Sources): Json =>
  ordered(s, { own: id, vpar: id, complex: id, pool: id, seized: id, ticap: id });

const attempt = (a: Attempt): Json =>
  ordered(a, {
    node: id,
    ok: id,
    reason: id,
    needed: id,
    available: id,
    detail: id,
    skipped: id,
    capacity: id,
  });

const packageOutcome = (p: PackageOutcome): Json =>
  ordered(p, {
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

const gmState = (g: GmState): Json =>
  ordered(g, {
    group: id,
    inControl: id,
    takeover: id,
    gmTakeover: nullable(timeRange),
    gmFailover: nullable(timeRange),
  });

const rightsFlow = (r: RightsFlow): Json =>
  ordered(r, {
    group: id,
    seized: id,
    loaned: id,
    heldBefore: id,
    gmHeldAfter: id,
    ticapMinutes: id,
  });

const clusterState = (c: ClusterState): Json =>
  ordered(c, {
    cluster: id,
    nodes: id,
    nodesUp: id,
    reformed: id,
    lock: nullable((l) => ordered(l, { kind: id, site: id, host: id, up: id })),
    reason: id,
  });

const clusterSummary = (c: ClusterSummary): Json =>
  ordered(c, {
    cluster: id,
    nodes: id,
    lock: id,
    lockSites: id,
    quorumServer: id,
    memberTimeoutS: id,
    packages: id,
    lockUsed: id,
    halts: (h) => ordered(h, { noLock: id, lockDown: id, minority: id }),
    haltedIn: id,
  });

const warning = (w: ScenarioWarning): Json =>
  ordered(w, { code: id, subject: id, detail: id, minutes: id });

const sensitivity = (e: SensitivityEntry): Json =>
  ordered(e, { coefficient: id, swing: id, low: id, high: id, source: id });

const scenario = (s: ScenarioResult): Json =>
  ordered(s, {
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
    slowest: nullable((x) => ordered(x, { package: id, sensitivity: list(sensitivity) })),
  });

const partition = (p: PartitionSizing): Json =>
  ordered(p, {
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

const group = (g: GroupSizing): Json =>
  ordered(g, {
    group: id,
    members: id,
    sharingRightsOwned: id,
    sharingRightsRequired: id,
    sharingRightsMinimum: id,
    compliant: id,
    shortfall: id,
  });

const summary = (s: PlanSummary): Json =>
  ordered(s, {
    scenarios: id,
    survived: id,
    lost: id,
    packagesLost: id,
    skippedEquivalent: id,
    nonCompliantGroups: id,
    clustersHalted: id,
    scenariosNotListed: id,
  });

const parameters = (p: PlanParameters): Json =>
  ordered(p, {
    maxFailures: id,
    outageHours: id,
    model: id,
    allScenarios: id,
    changes: id,
    now: id,
  });

const modelRow = (m: ModelCoefficientRow): Json =>
  ordered(m, { name: id, min: id, typical: id, max: id, unit: id, source: id });

const comparison = (c: Comparison): Json =>
  ordered(c, {
    changes: id,
    baseline: summary,
    changed: summary,
    flipped: list((f) => ordered(f, { id, before: id, after: id })),
    sizing: list((d) => ordered(d, { partition: id, before: id, after: id })),
    sharingRights: list((d) => ordered(d, { partition: id, before: id, after: id })),
    times: list((t) => ordered(t, { id, before: nullable(timeRange), after: nullable(timeRange) })),
  });

/** The report as JSON data in canonical key order. */
export function toJsonData(report: PlanReport): Json {
  return ordered(report, {
    schemaVersion: id,
    tool: (t) => ordered(t, { name: id, version: id }),
    inventory: (i) => ordered(i, { name: id, sha256: id }),
    parameters,
    summary,
    groups: list(group),
    partitions: list(partition),
    scenarios: list(scenario),
    clusters: list(clusterSummary),
    warnings: list(warning),
    model: list(modelRow),
    comparison: nullable(comparison),
  });
}

/** Renders `report.json`. */
export function renderJson(report: PlanReport): string {
  return `${JSON.stringify(toJsonData(report), null, 2)}\n`;
}

/**
 * One scenario as it stands inside `report.json`'s `scenarios` array (indented by four spaces, no
 * trailing comma), so a writer can stream `--all-scenarios` and produce the same bytes as
 * `renderJson` would.
 */
export function renderScenarioJson(s: ScenarioResult): string {
  return JSON.stringify(scenario(s), null, 2)
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

/**
 * `report.json` without its scenarios, split where they go: `head` ends with `"scenarios": [` and
 * `tail` starts with the closing `]`. `head + tail` with nothing between is the empty array.
 */
export function splitJsonAroundScenarios(report: PlanReport): { head: string; tail: string } {
  const text = renderJson({ ...report, scenarios: [] });
  const marker = '\n  "scenarios": [],\n';
  const at = text.indexOf(marker);
  if (at < 0) throw new Error('report.json has no top-level scenarios array');
  return {
    head: `${text.slice(0, at)}\n  "scenarios": [`,
    tail: `]${text.slice(at + marker.length - 2)}`,
  };
}
