/**
 * The content of the human-readable report (spec 5.2), built once as a small document tree and
 * rendered twice: as GitHub-flavoured Markdown (`markdown.ts`) and as HTML with charts (`html.ts`).
 * Building the content in one place keeps the two formats saying the same thing.
 * Pure: a PlanReport in, a document out; every list is in the report's own (sorted) order.
 */
import type {
  PartitionSizing,
  PlanReport,
  PlanSummary,
  ScenarioResult,
  ScenarioWarning,
} from '../domain/result.js';
import {
  NONE,
  formatCount,
  formatMore,
  formatNumber,
  formatOptionalRange,
  formatSeconds,
  formatSources,
  formatVerdict,
  formatWarningDetail,
  formatYesNo,
  partitionKey,
  takeFirst,
} from './format.js';

/** A run of text: plain, code (identifiers, codes), strong or emphasised (assumptions). */
export type Inline = string | { code: string } | { strong: string } | { em: string };
export type Text = readonly Inline[];

export type ChartName = 'timing' | 'sizing' | 'sharing' | 'sources';

export type Align = 'left' | 'right';

export interface TableBlock {
  readonly kind: 'table';
  readonly header: readonly string[];
  readonly align: readonly Align[];
  readonly rows: readonly (readonly Text[])[];
  /** Rows to highlight (a shortfall, a lost scenario), by index. */
  readonly flagged: ReadonlySet<number>;
  /** Columns of running text that may wrap in HTML (the others keep a value on one line). */
  readonly wrap: ReadonlySet<number>;
}

export interface ListItem {
  readonly text: Text;
  readonly children: readonly Text[];
}

/** One entry of the "Rules cited" key (rules-key.ts): a tag, its anchor, what it means. */
export interface KeyEntry {
  readonly tag: string;
  readonly anchor: string;
  readonly text: string;
}

export type Block =
  | { readonly kind: 'heading'; readonly level: 2 | 3; readonly text: string; readonly id: string }
  | { readonly kind: 'key'; readonly entries: readonly KeyEntry[] }
  | { readonly kind: 'paragraph'; readonly text: Text }
  | TableBlock
  | { readonly kind: 'list'; readonly items: readonly ListItem[] }
  | { readonly kind: 'chart'; readonly chart: ChartName };

export interface ReportDocument {
  readonly title: string;
  readonly blocks: readonly Block[];
}

// ---------------------------------------------------------------------------------------------
// Small builders

function heading(level: 2 | 3, text: string, id: string): Block {
  return { kind: 'heading', level, text, id };
}

function para(...text: Inline[]): Block {
  return { kind: 'paragraph', text };
}

function table(
  header: readonly string[],
  align: readonly Align[],
  rows: readonly (readonly (Text | string)[])[],
  flagged: readonly boolean[] = [],
  wrap: readonly number[] = [],
): TableBlock {
  const set = new Set<number>();
  flagged.forEach((f, i) => {
    if (f) set.add(i);
  });
  return {
    kind: 'table',
    header,
    align,
    rows: rows.map((r) => r.map((c) => (typeof c === 'string' ? [c] : c))),
    flagged: set,
    wrap: new Set(wrap),
  };
}

function code(s: string): Inline {
  return { code: s };
}

function moreLine(more: number, noun: string, plural: string): Block[] {
  return more > 0 ? [para(formatMore(more, noun, plural))] : [];
}

function plural(n: number, one: string, many: string): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

// ---------------------------------------------------------------------------------------------
// Derived views shared with the charts

/** Listed scenarios that lose at least one package. */
export function lostScenarios(report: PlanReport): readonly ScenarioResult[] {
  return report.scenarios.filter((s) => !s.survives);
}

export interface BindingScenario {
  readonly id: string;
  /** The partitions whose minimum inactive cores this scenario sets. */
  readonly partitions: readonly PartitionSizing[];
  /** The verdict when the scenario is listed, else null. */
  readonly survives: boolean | null;
}

/** Scenarios that set some partition's minimum inactive cores (spec 4), sorted by id. */
export function bindingScenarios(report: PlanReport): readonly BindingScenario[] {
  const byId = new Map<string, PartitionSizing[]>();
  for (const p of report.partitions) {
    if (p.bindingScenario === null) continue;
    const list = byId.get(p.bindingScenario) ?? [];
    list.push(p);
    byId.set(p.bindingScenario, list);
  }
  const verdict = new Map(report.scenarios.map((s) => [s.id, s.survives]));
  return [...byId.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((id) => ({ id, partitions: byId.get(id) ?? [], survives: verdict.get(id) ?? null }));
}

/** Listed scenarios in which at least one package moved (they have times). */
export function scenariosWithMoves(report: PlanReport): readonly ScenarioResult[] {
  return report.scenarios.filter((s) => s.packages.some((p) => p.status === 'moved'));
}

// ---------------------------------------------------------------------------------------------
// Sections

function verdictLine(report: PlanReport): Block {
  const { lost, nonCompliantGroups } = report.summary;
  if (lost === 0 && nonCompliantGroups === 0) {
    return para(
      { strong: 'No findings:' },
      ' every scenario evaluated survives and every group is compliant.',
    );
  }
  const parts: string[] = [];
  if (lost > 0) parts.push(`${plural(lost, 'scenario loses', 'scenarios lose')} a package`);
  if (nonCompliantGroups > 0) {
    parts.push(`${plural(nonCompliantGroups, 'group is', 'groups are')} not compliant`);
  }
  return para({ strong: 'Findings:' }, ` ${parts.join('; ')}.`);
}

function summaryRows(s: PlanSummary): string[][] {
  return [
    ['Scenarios evaluated', formatNumber(s.scenarios)],
    ['Survived', formatNumber(s.survived)],
    ['Lost (a package is lost)', formatNumber(s.lost)],
    ['Packages lost (sum over scenarios)', formatNumber(s.packagesLost)],
    ['Skipped as equivalent', formatNumber(s.skippedEquivalent)],
    ['Left out by the listing limit', formatNumber(s.scenariosNotListed)],
    ['Groups not compliant', formatNumber(s.nonCompliantGroups)],
    ['Scenarios in which a cluster halts', formatNumber(s.clustersHalted)],
  ];
}

function summarySection(report: PlanReport): Block[] {
  return [
    heading(2, 'Summary', 'summary'),
    table(
      ['Measure', 'Value'],
      ['left', 'right'],
      [
        ...summaryRows(report.summary),
        [
          report.parameters.allScenarios
            ? 'Listed in this report (all)'
            : 'Listed in this report (lose a package, or binding)',
          formatNumber(report.scenarios.length),
        ],
      ],
    ),
  ];
}

function complianceSection(report: PlanReport): Block[] {
  const blocks: Block[] = [heading(2, 'Compliance: GiCAP sharing rights', 'compliance')];
  if (report.groups.length === 0) {
    return [...blocks, para('The inventory has no GiCAP group.')];
  }
  blocks.push(
    para(
      'Required = the member complexes’ cores without usage rights [G1]; minimum = the same if every ' +
        'partition held exactly its minimum inactive cores. Compliant when owned ≥ required.',
    ),
    table(
      ['Group', 'Members', 'Owned', 'Required', 'Minimum', 'Compliant', 'Shortfall'],
      ['left', 'left', 'right', 'right', 'right', 'left', 'right'],
      report.groups.map((g) => [
        [code(g.group)],
        g.members.length === 0 ? NONE : g.members.join(', '),
        formatNumber(g.sharingRightsOwned),
        formatNumber(g.sharingRightsRequired),
        formatNumber(g.sharingRightsMinimum),
        formatYesNo(g.compliant),
        formatNumber(g.shortfall),
      ]),
      report.groups.map((g) => !g.compliant),
      [1],
    ),
    { kind: 'chart', chart: 'sharing' },
  );
  return blocks;
}

/**
 * The Serviceguard clusters (spec 8.5): nodes, lock, and the scenarios in which each halts, counted
 * by cause, with the first few named.
 */
function clustersSection(report: PlanReport): Block[] {
  const blocks: Block[] = [heading(2, 'Clusters', 'clusters')];
  if (report.warnings.some((w) => w.code === 'no-clusters')) {
    return [
      ...blocks,
      para(
        'Not modelled: the inventory has no ',
        code('clusters.csv'),
        ', so every node is judged alone and no package is lost to a cluster that cannot re-form.',
      ),
    ];
  }
  const lockText = (c: PlanReport['clusters'][number]): string => {
    if (c.lock === 'none') return 'none';
    const where = c.lockSites.length > 0 ? ` in ${c.lockSites.join(' and ')}` : '';
    return c.lock === 'quorum-server'
      ? `quorum server ${c.quorumServer ?? '?'}${where}`
      : `${c.lock}${where}`;
  };
  const rows = report.clusters.map((c) => {
    const halts = c.halts.noLock + c.halts.lockDown + c.halts.minority;
    const causes = [
      c.halts.minority > 0 ? `${formatNumber(c.halts.minority)} fewer than half up` : '',
      c.halts.lockDown > 0 ? `${formatNumber(c.halts.lockDown)} half up, lock down` : '',
      c.halts.noLock > 0 ? `${formatNumber(c.halts.noLock)} half up, no lock` : '',
    ].filter((x) => x !== '');
    const first = c.haltedIn.length > 0 ? ` (first: ${c.haltedIn.join(', ')})` : '';
    return [
      c.cluster,
      formatNumber(c.nodes.length),
      lockText(c),
      c.memberTimeoutS === null ? '–' : `${formatNumber(c.memberTimeoutS)} s`,
      formatNumber(c.packages),
      formatNumber(c.lockUsed),
      halts === 0 ? 'never' : `${formatNumber(halts)}: ${causes.join(', ')}${first}`,
    ];
  });
  blocks.push(
    para(
      'A cluster with a node down re-forms with more than half its nodes, or with exactly half and its lock; otherwise it halts and every package of it is lost, on healthy nodes too [C1–C3].',
    ),
    table(
      ['Cluster', 'Nodes', 'Lock', 'MEMBER_TIMEOUT', 'Packages', 'Lock used in', 'Halts in'],
      ['left', 'right', 'left', 'right', 'right', 'right', 'left'],
      rows,
      report.clusters.map((c) => c.halts.noLock + c.halts.lockDown + c.halts.minority > 0),
      [6],
    ),
  );
  return blocks;
}

function sizingSection(report: PlanReport): Block[] {
  const blocks: Block[] = [heading(2, 'Sizing: inactive cores per partition', 'sizing')];
  if (report.partitions.length === 0) return [...blocks, para('No partition.')];
  blocks.push(
    para(
      'Minimum inactive = the most inactive cores the partition must activate in any one scenario ' +
        'evaluated (a vPar draws on its nPar’s inactive cores); shortfall = minimum − inactive.',
    ),
    table(
      [
        'Partition',
        'Host',
        'Installed',
        'Rights',
        'Active',
        'Inactive',
        'Minimum inactive',
        'Shortfall',
        'Binding scenario',
      ],
      ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
      report.partitions.map((p) => [
        partitionKey(p),
        p.host ?? NONE,
        formatCount(p.installedCores),
        formatCount(p.rights),
        formatNumber(p.activeCores),
        formatNumber(p.inactiveCores),
        formatNumber(p.minimumInactiveCores),
        formatNumber(p.shortfall),
        p.bindingScenario ?? NONE,
      ]),
      report.partitions.map((p) => p.shortfall > 0),
    ),
    { kind: 'chart', chart: 'sizing' },
  );
  return blocks;
}

function failedLine(s: ScenarioResult): Block {
  const outage = Object.keys(s.outage)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((c) => `${c} ${s.outage[c]}`);
  return para(
    `Failed: ${s.failed.join(', ')}.`,
    outage.length > 0 ? ` Outage: ${outage.join(', ')}.` : '',
    ` Unaffected packages: ${formatNumber(s.unaffected)}.`,
  );
}

function lostSection(report: PlanReport): Block[] {
  const blocks: Block[] = [heading(2, 'Scenarios that lose packages', 'lost')];
  const lost = lostScenarios(report);
  if (lost.length === 0) {
    return [...blocks, para('No listed scenario loses a package.')];
  }
  const { shown, more } = takeFirst(lost);
  shown.forEach((s, i) => {
    blocks.push(heading(3, s.id, `lost-${i + 1}`), failedLine(s));
    const items: ListItem[] = s.packages.map((p) => {
      const head: Inline[] = [{ strong: p.package }, ` from ${p.from}: `];
      if (p.status === 'lost') {
        head.push('lost, ', code(p.reason ?? 'unknown'));
      } else {
        head.push(
          `moved to ${p.to ?? NONE}, ${formatNumber(p.activated)} cores activated`,
          ` (${formatSources(p.sources)}), ${formatOptionalRange(p.time)}`,
        );
      }
      // Attempts are the story of a loss; a package that moved is one line (its details are in the
      // failover times below).
      const attempts = p.status === 'lost' ? p.attempts : [];
      const children: Text[] = attempts.map((a) => [
        `${a.node}: `,
        a.ok ? 'started' : code(a.reason ?? 'failed'),
        `, needs ${formatNumber(a.needed)}, ${formatNumber(a.available)} available`,
        a.detail === '' ? '' : ` — ${a.detail}`,
      ]);
      return { text: head, children };
    });
    blocks.push({ kind: 'list', items });
  });
  blocks.push(...moreLine(more, 'scenario that loses packages', 'scenarios that lose packages'));
  return blocks;
}

function bindingSection(report: PlanReport): Block[] {
  const blocks: Block[] = [heading(2, 'Binding scenarios', 'binding')];
  const binding = bindingScenarios(report);
  if (binding.length === 0) {
    return [...blocks, para('No partition has to activate inactive cores in any scenario.')];
  }
  const { shown, more } = takeFirst(binding);
  blocks.push(
    para('The scenarios that set a partition’s minimum inactive cores.'),
    table(
      ['Scenario', 'Verdict', 'Sets the minimum of'],
      ['left', 'left', 'left'],
      shown.map((b) => [
        b.id,
        b.survives === null ? 'not listed' : formatVerdict(b.survives),
        b.partitions
          .map((p) => `${partitionKey(p)} (${formatNumber(p.minimumInactiveCores)})`)
          .join(', '),
      ]),
      shown.map((b) => b.survives === false),
      [2],
    ),
    ...moreLine(more, 'binding scenario', 'binding scenarios'),
  );
  return blocks;
}

function timingSection(report: PlanReport): Block[] {
  const blocks: Block[] = [heading(2, 'Failover times', 'timing')];
  const moved = scenariosWithMoves(report);
  if (moved.length === 0) return [...blocks, para('No package moved in the listed scenarios.')];
  const { shown, more } = takeFirst(moved);
  blocks.push(
    para(
      'Each moved package’s time from failure to running on its adoptive node, as min–max with the ' +
        'typical value (every model coefficient at its min, typical, max).',
    ),
  );
  const rows: string[][] = [];
  for (const s of shown) {
    for (const p of s.packages) {
      if (p.status !== 'moved') continue;
      rows.push([
        s.id,
        p.package,
        p.from,
        p.to ?? NONE,
        formatNumber(p.activated),
        formatSources(p.sources),
        p.waitedForTakeover ? 'yes' : 'no',
        formatOptionalRange(p.time),
      ]);
    }
  }
  blocks.push(
    table(
      ['Scenario', 'Package', 'From', 'To', 'Activated', 'Sources', 'Waited for GM', 'Time'],
      ['left', 'left', 'left', 'left', 'right', 'left', 'left', 'left'],
      rows,
    ),
    { kind: 'chart', chart: 'timing' },
    heading(3, 'Slowest package per scenario', 'slowest'),
    para(
      'Sensitivity: how far each coefficient’s range (min to max, the others typical) moves the ' +
        'slowest package’s time, largest first.',
    ),
    table(
      ['Scenario', 'Last package back', 'Slowest', 'Top sensitivities (swing)'],
      ['left', 'left', 'left', 'left'],
      shown.map((s) => [
        s.id,
        formatOptionalRange(s.time),
        s.slowest?.package ?? NONE,
        s.slowest === null || s.slowest.sensitivity.length === 0
          ? NONE
          : s.slowest.sensitivity
              .slice(0, 3)
              .map((e) => `${e.coefficient} ${formatSeconds(e.swing)}`)
              .join(', '),
      ]),
      [],
      [3],
    ),
  );
  const gmRows: string[][] = [];
  for (const s of shown) {
    for (const g of s.gm) {
      if (!g.takeover && g.inControl !== null) continue;
      gmRows.push([
        s.id,
        g.group,
        g.inControl ?? 'none',
        g.takeover ? 'yes' : 'no',
        formatOptionalRange(g.gmFailover),
      ]);
    }
  }
  if (gmRows.length > 0) {
    blocks.push(
      heading(3, 'Group Manager control', 'gm'),
      para(
        'Scenarios where a group’s active manager is down: a standby takes control (cross-complex ' +
          'moves wait for it), or nothing crosses complexes in that group.',
      ),
      table(
        ['Scenario', 'Group', 'In control', 'Takeover', 'GM failover'],
        ['left', 'left', 'left', 'left', 'left'],
        gmRows,
        gmRows.map((r) => r[2] === 'none'),
      ),
    );
  }
  blocks.push(...moreLine(more, 'scenario with moves', 'scenarios with moves'));
  return blocks;
}

function rightsSection(report: PlanReport): Block[] {
  const blocks: Block[] = [heading(2, 'Where the rights came from', 'rights')];
  const moved = scenariosWithMoves(report);
  if (moved.length === 0)
    return [...blocks, para('No core was activated in the listed scenarios.')];
  const { shown, more } = takeFirst(moved);
  blocks.push(
    para(
      'The Sources column above splits each package’s activated cores by where their rights came ' +
        'from: own, released by vPars [V7], the complex’s unassigned rights, the group pool, seized ' +
        '[X2, X3], TiCAP. Per group: rights seized (of which a 10-day loan [X6]), held by the manager ' +
        'before and after the placements, and TiCAP consumed.',
    ),
    { kind: 'chart', chart: 'sources' },
  );
  const rows: string[][] = [];
  for (const s of shown) {
    for (const r of s.rights) {
      if (r.seized === 0 && r.heldBefore === 0 && r.gmHeldAfter === 0 && r.ticapMinutes === 0) {
        continue;
      }
      rows.push([
        s.id,
        r.group,
        formatNumber(r.seized),
        formatNumber(r.loaned),
        formatNumber(r.heldBefore),
        formatNumber(r.gmHeldAfter),
        formatNumber(r.ticapMinutes),
      ]);
    }
  }
  if (rows.length > 0) {
    blocks.push(
      table(
        [
          'Scenario',
          'Group',
          'Seized',
          'Of which 10-day loan',
          'Held before',
          'Held after',
          'TiCAP (core-min)',
        ],
        ['left', 'left', 'right', 'right', 'right', 'right', 'right'],
        rows,
      ),
    );
  }
  blocks.push(...moreLine(more, 'scenario with moves', 'scenarios with moves'));
  return blocks;
}

function warningRow(w: ScenarioWarning): Text[] {
  return [[code(w.code)], [w.subject], [formatWarningDetail(w)]];
}

function warningsSection(report: PlanReport): Block[] {
  const blocks: Block[] = [heading(2, 'Warnings', 'warnings')];
  blocks.push(heading(3, 'Estate', 'warnings-estate'));
  if (report.warnings.length === 0) blocks.push(para('None.'));
  else {
    blocks.push(
      table(
        ['Code', 'Subject', 'Detail'],
        ['left', 'left', 'left'],
        report.warnings.map(warningRow),
        [],
        [2],
      ),
    );
  }
  blocks.push(heading(3, 'Per scenario', 'warnings-scenario'));
  const withWarnings = report.scenarios.filter((s) => s.warnings.length > 0);
  if (withWarnings.length === 0) return [...blocks, para('None.')];
  const { shown, more } = takeFirst(withWarnings);
  const rows: Text[][] = [];
  for (const s of shown) for (const w of s.warnings) rows.push([[s.id], ...warningRow(w)]);
  blocks.push(
    table(
      ['Scenario', 'Code', 'Subject', 'Detail'],
      ['left', 'left', 'left', 'left'],
      rows,
      [],
      [3],
    ),
    ...moreLine(more, 'scenario with warnings', 'scenarios with warnings'),
  );
  return blocks;
}

function delta(before: number, after: number): string {
  const d = after - before;
  return d > 0 ? `+${formatNumber(d)}` : formatNumber(d);
}

function comparisonSection(report: PlanReport): Block[] {
  const c = report.comparison;
  if (c === null) return [];
  const blocks: Block[] = [
    heading(2, 'Comparison: baseline against changed estate', 'comparison'),
    para(
      'Changes applied: ',
      ...c.changes.flatMap((ch, i) => (i === 0 ? [code(ch)] : [', ', code(ch)])),
    ),
  ];
  const base = summaryRows(c.baseline);
  const changed = summaryRows(c.changed);
  blocks.push(
    table(
      ['Measure', 'Baseline', 'Changed'],
      ['left', 'right', 'right'],
      base.map((r, i) => [r[0] ?? '', r[1] ?? '', changed[i]?.[1] ?? '']),
    ),
    heading(3, 'Scenarios that flip', 'comparison-flipped'),
  );
  if (c.flipped.length === 0) blocks.push(para('None.'));
  else {
    const { shown, more } = takeFirst(c.flipped);
    blocks.push(
      table(
        ['Scenario', 'Baseline', 'Changed'],
        ['left', 'left', 'left'],
        shown.map((f) => [f.id, formatVerdict(f.before), formatVerdict(f.after)]),
        shown.map((f) => !f.after),
      ),
      ...moreLine(more, 'flipped scenario', 'flipped scenarios'),
    );
  }
  const deltaTable = (
    title: string,
    id: string,
    column: string,
    rows: readonly { partition: string; before: number; after: number }[],
  ): Block[] => {
    const out: Block[] = [heading(3, title, id)];
    if (rows.length === 0) return [...out, para('No change.')];
    const { shown, more } = takeFirst(rows);
    return [
      ...out,
      table(
        [column, 'Baseline', 'Changed', 'Change'],
        ['left', 'right', 'right', 'right'],
        shown.map((d) => [
          d.partition,
          formatNumber(d.before),
          formatNumber(d.after),
          delta(d.before, d.after),
        ]),
      ),
      ...moreLine(more, 'row', 'rows'),
    ];
  };
  blocks.push(
    ...deltaTable('Minimum inactive cores', 'comparison-sizing', 'Partition', c.sizing),
    ...deltaTable('Sharing rights required', 'comparison-sharing', 'Group', c.sharingRights),
    heading(3, 'Failover times', 'comparison-times'),
  );
  if (c.times.length === 0) blocks.push(para('No change.'));
  else {
    const { shown, more } = takeFirst(c.times);
    blocks.push(
      table(
        ['Scenario', 'Baseline', 'Changed'],
        ['left', 'left', 'left'],
        shown.map((t) => [t.id, formatOptionalRange(t.before), formatOptionalRange(t.after)]),
      ),
      ...moreLine(more, 'scenario', 'scenarios'),
    );
  }
  return blocks;
}

function modelSection(report: PlanReport): Block[] {
  const assumed = report.model.filter((m) => m.source === 'assumption').length;
  return [
    heading(2, 'Timing model', 'model'),
    para(
      'Model ',
      code(report.parameters.model),
      `: ${plural(report.model.length, 'coefficient', 'coefficients')}, ` +
        `${formatNumber(assumed)} of them assumptions (no published figure; calibrate them with `,
      code('gicap calibrate'),
      ').',
    ),
    table(
      ['Coefficient', 'Min', 'Typical', 'Max', 'Unit', 'Source'],
      ['left', 'right', 'right', 'right', 'left', 'left'],
      report.model.map((m) => [
        [code(m.name)],
        [formatNumber(m.min)],
        [formatNumber(m.typical)],
        [formatNumber(m.max)],
        [m.unit],
        m.source === 'assumption' ? [{ em: 'assumption' }] : [m.source],
      ]),
    ),
  ];
}

function runSection(report: PlanReport): Block[] {
  const p = report.parameters;
  const rows: Text[][] = [
    [['Inventory'], [report.inventory.name]],
    [['Input SHA-256'], [code(report.inventory.sha256)]],
    [['Tool'], [`${report.tool.name} ${report.tool.version}`]],
    [['Schema version'], [String(report.schemaVersion)]],
    [['Max failures'], [formatNumber(p.maxFailures)]],
    [['Outage hours'], [formatNumber(p.outageHours)]],
    [['Timing model'], [p.model]],
    [['All scenarios listed'], [formatYesNo(p.allScenarios)]],
    [
      ['Changes (--set)'],
      p.changes.length === 0
        ? [NONE]
        : p.changes.flatMap((ch, i) => (i === 0 ? [code(ch)] : [', ', code(ch)])),
    ],
  ];
  if (p.now !== null) rows.push([['Generated'], [p.now]]);
  return [heading(2, 'Run', 'run'), table(['Field', 'Value'], ['left', 'left'], rows)];
}

/** The report's content, section by section (spec 5.2). */
export function buildDocument(report: PlanReport): ReportDocument {
  return {
    title: `Capacity plan: ${report.inventory.name}`,
    blocks: [
      verdictLine(report),
      ...summarySection(report),
      ...complianceSection(report),
      ...clustersSection(report),
      ...sizingSection(report),
      ...lostSection(report),
      ...bindingSection(report),
      ...timingSection(report),
      ...rightsSection(report),
      ...warningsSection(report),
      ...comparisonSection(report),
      ...modelSection(report),
      ...runSection(report),
    ],
  };
}
