/**
 * The content of the human-readable report (spec 5.2), built once as a small document tree and
 * rendered twice: as GitHub-flavoured Markdown (`markdown.ts`) and as HTML with charts (`html.ts`).
 * Building the content in one place keeps the two formats saying the same thing.
 * Pure: a PlanReport in, a document out; every list is in the report's own (sorted) order.
 */
import type { PlanReport, PlanSummary, ScenarioResult, ScenarioWarning } from '../domain/result.js';
import {
  NONE,
  formatCount,
  formatOptionalRange,
  formatRange,
  formatSeconds,
  formatSources,
  formatVerdict,
  formatWarningDetail,
  formatYesNo,
  takeFirst,
} from './format.js';
import {
  failuresLabel,
  losingWorstFirst,
  nextCommands,
  nextReason,
  packagesLostIn,
  purchaseLine,
  shortfallByGroup,
  sizingWorstFirst,
  UNSAVEABLE_SIZING_NOTE,
  worstTimePerPackage,
} from './headline.js';
import { scenarioNoPurchaseCanFix } from '../domain/loss.js';
import { formatNumber, plural } from '../text/count.js';
import { compareText } from '../text/order.js';
import { hasFindings } from '../domain/result.js';
import { partitionKey } from '../domain/derived.js';
import {
  code,
  heading,
  moreLine,
  para,
  table,
  type Block,
  type Inline,
  type ListItem,
  type ReportDocument,
  type Text,
} from './blocks.js';
import { bindingScenarios, scenariosWithMoves } from './views.js';

// ---------------------------------------------------------------------------------------------
// Sections

/** `changed estate, 2 --set changes`, or null for the estate as its files describe it. */
export function changedMarker(report: PlanReport): string | null {
  const n = report.parameters.changes.length;
  return n === 0 ? null : `changed estate, ${plural(n, '--set change', '--set changes')}`;
}

/** The verdict in words (the terminal's and the reports' first line after the title). */
export function verdictText(report: PlanReport): { head: string; text: string } {
  const { lost, nonCompliantGroups, packagesLost } = report.summary;
  const marker = changedMarker(report);
  const tag = marker === null ? '' : ` (${marker})`;
  if (!hasFindings(report.summary)) {
    return {
      head: `No findings${tag}:`,
      text: 'every scenario evaluated survives and every group is compliant.',
    };
  }
  const parts: string[] = [];
  if (lost > 0) {
    parts.push(
      `${plural(lost, 'scenario loses', 'scenarios lose')} ${plural(packagesLost, 'package', 'packages')} in all`,
    );
  }
  const shortfall = report.partitions.reduce((s, p) => s + (p.vpar === null ? p.shortfall : 0), 0);
  if (shortfall > 0) {
    parts.push(`${plural(shortfall, 'inactive core is', 'inactive cores are')} short`);
  }
  if (nonCompliantGroups > 0) {
    parts.push(`${plural(nonCompliantGroups, 'group is', 'groups are')} not compliant`);
  }
  return { head: `Findings${tag}:`, text: `${parts.join('; ')}.` };
}

function verdictLine(report: PlanReport): Block {
  const v = verdictText(report);
  return para({ strong: v.head }, ` ${v.text}`);
}

function summaryRows(s: PlanSummary): string[][] {
  return [
    ['Scenarios evaluated', formatNumber(s.scenarios)],
    ['Survived', formatNumber(s.survived)],
    ['Lost (a package is lost)', formatNumber(s.lost)],
    ['Packages lost (sum over scenarios)', formatNumber(s.packagesLost)],
    ['Lost, a purchase can fix', formatNumber(s.lostFixable)],
    ['Lost, no purchase can fix', formatNumber(s.lostUnfixable)],
    ['Skipped as equivalent', formatNumber(s.skippedEquivalent)],
    ['Left out by the listing limit', formatNumber(s.scenariosNotListed)],
    ['Groups not compliant', formatNumber(s.nonCompliantGroups)],
    ['Scenarios in which a cluster halts', formatNumber(s.clustersHalted)],
  ];
}

/**
 * Sizing rows shown in the reports: every short partition, and up to this many in all (the large
 * estate has 768; sizing.csv has every row).
 */
const SIZING_LIMIT = 100;

/** How many rows the first screen's per-package table shows before "and N more". */
const GLANCE_PACKAGES = 10;

/**
 * The first screen (issue 12, point 3): losses by number of failures, what a purchase can fix,
 * the shortfall per group, the worst recovery per package and the next command.
 */
function glanceSection(report: PlanReport): Block[] {
  const s = report.summary;
  const blocks: Block[] = [
    heading(2, 'At a glance', 'glance'),
    table(
      ['Failures', 'Scenarios', 'Lose a package', 'Packages lost'],
      ['left', 'right', 'right', 'right'],
      s.byFailures.map((b) => [
        `${failuresLabel(b.failures)} (${plural(b.failures, 'failure', 'failures')})`,
        formatNumber(b.scenarios),
        formatNumber(b.lost),
        formatNumber(b.packagesLost),
      ]),
      s.byFailures.map((b) => b.lost > 0),
    ),
    para(purchaseLine(report)),
  ];
  const groups = shortfallByGroup(report);
  if (groups.length > 0) {
    blocks.push(
      table(
        ['Group', 'Inactive cores short', 'nPars short', 'Sharing rights short', 'Compliant'],
        ['left', 'right', 'left', 'right', 'left'],
        groups.map((g) => [
          g.group === null ? 'no GiCAP group' : [code(g.group)],
          formatNumber(g.inactiveCores),
          g.partitions.length === 0 ? NONE : g.partitions.join(', '),
          formatNumber(g.sharingRights),
          g.group === null ? NONE : formatYesNo(g.compliant),
        ]),
        groups.map((g) => g.inactiveCores > 0 || !g.compliant),
        [2],
      ),
    );
  }
  const worst = worstTimePerPackage(report);
  if (worst.length > 0) {
    const { shown, more } = takeFirst(worst, GLANCE_PACKAGES);
    blocks.push(
      para(
        `Worst recovery per package, slowest first, over the ${plural(report.scenarios.length, 'scenario', 'scenarios')} this report lists` +
          (report.parameters.allScenarios
            ? ':'
            : ' (with --all-scenarios, report.json has every one):'),
      ),
      table(
        ['Package', 'Worst time', 'In scenario', 'Lost in listed scenarios'],
        ['left', 'left', 'left', 'right'],
        shown.map((w) => [w.package, formatRange(w.time), w.scenario, formatNumber(w.lostIn)]),
        [],
        [2],
      ),
      ...(more > 0
        ? [para(`… and ${plural(more, 'more package', 'more packages')}: see Failover times.`)]
        : []),
    );
  }
  const next = nextCommands(report, report.inventory.name);
  if (next.length > 0) {
    blocks.push(
      para(
        { strong: 'Next:' },
        ' ',
        ...next.flatMap((c, i) => (i === 0 ? [code(c)] : [', ', code(c)])),
        ` — ${nextReason(report)}; ${report.inventory.name} stands for the inventory’s folder.`,
      ),
    );
  }
  return blocks;
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
    ...minimumNotes(report),
    { kind: 'chart', chart: 'sharing' },
  );
  return blocks;
}

/**
 * A word why a group's minimum is above what it owns (so above what it requires) while it is
 * compliant: its partitions hold fewer inactive cores than their minimum, and installing the missing
 * ones adds cores without usage rights, each needing a sharing right [G1].
 */
export function minimumNote(g: PlanReport['groups'][number]): string | null {
  if (g.sharingRightsMinimum <= g.sharingRightsOwned) return null;
  const more = g.sharingRightsMinimum - g.sharingRightsOwned;
  return `${g.group}: the minimum (${formatNumber(g.sharingRightsMinimum)}) is above the ${formatNumber(g.sharingRightsOwned)} owned because some member partitions hold fewer inactive cores than their minimum; installing the missing cores would need ${plural(more, 'more sharing right', 'more sharing rights')} [G1].`;
}

function minimumNotes(report: PlanReport): Block[] {
  return report.groups.flatMap((g) => {
    const note = minimumNote(g);
    return note === null ? [] : [para(note)];
  });
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
  const rows = sizingWorstFirst(report);
  const short = rows.filter((p) => p.shortfall > 0).length;
  const { shown, more } = takeFirst(rows, Math.max(SIZING_LIMIT, short));
  blocks.push(
    para(
      'Minimum inactive = the most inactive cores the partition must activate in any one scenario ' +
        'evaluated (a vPar draws on its nPar’s inactive cores, so its row repeats the nPar’s ' +
        `shortfall: add only the nPar rows); shortfall = minimum − inactive. ${UNSAVEABLE_SIZING_NOTE} ` +
        'Largest shortfall first.',
    ),
    table(
      [
        'Partition',
        'Shortfall',
        'Minimum inactive',
        'Inactive',
        'Active',
        'Rights',
        'Installed',
        'Host',
        'Binding scenario',
      ],
      ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left', 'left'],
      shown.map((p) => [
        partitionKey(p),
        formatNumber(p.shortfall),
        formatNumber(p.minimumInactiveCores),
        formatNumber(p.inactiveCores),
        formatNumber(p.activeCores),
        formatCount(p.rights),
        formatCount(p.installedCores),
        p.host ?? NONE,
        p.bindingScenario ?? NONE,
      ]),
      shown.map((p) => p.shortfall > 0),
      [8],
    ),
    ...(more > 0
      ? [
          para(
            `… and ${plural(more, 'more partition', 'more partitions')}, none short (sizing.csv lists every one).`,
          ),
        ]
      : []),
    { kind: 'chart', chart: 'sizing' },
  );
  return blocks;
}

function failedLine(s: ScenarioResult): Block {
  const outage = Object.keys(s.outage)
    .sort(compareText)
    .map((c) => `${c} ${s.outage[c]}`);
  return para(
    `Failed: ${s.failed.join(', ')}.`,
    outage.length > 0 ? ` Outage: ${outage.join(', ')}.` : '',
    ` Unaffected packages: ${formatNumber(s.unaffected)}.`,
  );
}

function lostSection(report: PlanReport): Block[] {
  const blocks: Block[] = [heading(2, 'Scenarios that lose packages', 'lost')];
  const lost = losingWorstFirst(report);
  if (lost.length === 0) {
    return [...blocks, para('No listed scenario loses a package.')];
  }
  blocks.push(para('Worst first: the most packages lost, then the latest back.'));
  const { shown, more } = takeFirst(lost);
  shown.forEach((s, i) => {
    blocks.push(
      heading(
        3,
        `${s.id}: ${plural(packagesLostIn(s), 'package', 'packages')} lost`,
        `lost-${i + 1}`,
      ),
      failedLine(s),
    );
    const beyond = packagesNoPurchaseCanFix(s);
    const items: ListItem[] = s.packages.map((p, j) => {
      const head: Inline[] = [{ strong: p.package }, ` from ${p.from}: `];
      if (p.status === 'lost') {
        head.push('lost, ', code(p.reason ?? 'unknown'));
        if (beyond[j] === true) head.push(' (no purchase can fix)');
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
        formatOptionalRange(p.time),
        `${p.from} → ${p.to ?? NONE}`,
        formatNumber(p.activated),
        formatSources(p.sources),
        p.waitedForTakeover ? 'yes' : 'no',
      ]);
    }
  }
  blocks.push(
    table(
      ['Scenario', 'Package', 'Time', 'From → to', 'Activated', 'Sources', 'Waited for takeover'],
      ['left', 'left', 'left', 'left', 'right', 'left', 'left'],
      rows,
      [],
      [0, 5],
    ),
    { kind: 'chart', chart: 'timing' },
    heading(3, 'Slowest package per scenario', 'slowest'),
    para(
      'The slowest package is the one latest back with every coefficient at its max. Its top ' +
        'sensitivities: how far each coefficient moves that package’s time from its min to its max ' +
        'while every other coefficient stays typical (so around the typical time, not the max), ' +
        'largest swing first.',
    ),
    table(
      ['Scenario', 'Last package back', 'Slowest', 'Top sensitivities (swing, others typical)'],
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
      [0, 3],
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
        takeoverWords(g),
        formatOptionalRange(g.gmFailover),
      ]);
    }
  }
  if (gmRows.length > 0) {
    blocks.push(
      heading(3, 'Group Manager control', 'gm'),
      para(
        'Scenarios where a group’s active manager is down: a standby takes control when icapmanage ' +
          '-Q runs on it [M2], by a Serviceguard package script or, for a manual takeover, by an ' +
          'operator (the time then includes operator_response); cross-complex moves wait for it. ' +
          'With no standby, nothing crosses complexes in that group [M1].',
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

/** How a standby took control, in words: a manual takeover is called manual. */
export function takeoverWords(g: PlanReport['scenarios'][number]['gm'][number]): string {
  if (!g.takeover) return 'none';
  if (g.takeoverMode === 'manual') return 'manual (an operator runs icapmanage -Q)';
  if (g.takeoverMode === 'serviceguard')
    return 'scripted (a Serviceguard package runs icapmanage -Q)';
  return 'yes (icapmanage -Q)';
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
  return d > 0 ? `+${formatNumber(d)}` : d === 0 ? NONE : formatNumber(d);
}

/** `8 → 9` when the value changed, else `8`. */
function fromTo(before: number | boolean, after: number | boolean): string {
  const f = (v: number | boolean): string =>
    typeof v === 'boolean' ? formatYesNo(v) : formatNumber(v);
  return before === after ? f(after) : `${f(before)} → ${f(after)}`;
}

/** `1 now survives, 0 now lose`. */
function flipWords(c: NonNullable<PlanReport['comparison']>): string {
  const saved = c.flipped.filter((f) => f.after).length;
  const lost = c.flipped.length - saved;
  return `${formatNumber(saved)} now ${saved === 1 ? 'survives' : 'survive'}, ${formatNumber(lost)} now ${lost === 1 ? 'loses' : 'lose'}`;
}

/** The comparison's headline rows: what a planner changes an estate for, before and after. */
export function comparisonRows(c: NonNullable<PlanReport['comparison']>): string[][] {
  const b = c.totals.before;
  const a = c.totals.after;
  const rows: [string, number, number][] = [
    ['Scenarios that lose a package', b.lost, a.lost],
    ['Packages lost (sum over scenarios)', b.packagesLost, a.packagesLost],
    ['Inactive cores (nPars)', b.inactiveCores, a.inactiveCores],
    ['Inactive cores short (nPars)', b.shortfall, a.shortfall],
    ['Sharing rights short', b.sharingShortfall, a.sharingShortfall],
    ['Groups not compliant', b.nonCompliantGroups, a.nonCompliantGroups],
    // What a change of a cluster's lock or nodes is made for [C2, C3].
    ['Scenarios in which a cluster halts', c.baseline.clustersHalted, c.changed.clustersHalted],
  ];
  return [
    ...rows.map(([m, x, y]) => [m, formatNumber(x), formatNumber(y), delta(x, y)]),
    ['Scenarios that flip', NONE, flipWords(c), formatNumber(c.flipped.length)],
  ];
}

function comparisonSection(report: PlanReport): Block[] {
  const c = report.comparison;
  if (c === null) return [];
  const blocks: Block[] = [
    heading(2, 'Comparison: baseline against the changed estate', 'comparison'),
    para(
      'Changes applied (--set): ',
      ...c.changes.flatMap((ch, i) => (i === 0 ? [code(ch)] : [', ', code(ch)])),
      '. Every other section of this report describes the changed estate.',
    ),
    table(
      ['Measure', 'Baseline', 'Changed', 'Change'],
      ['left', 'right', 'right', 'right'],
      comparisonRows(c),
    ),
    heading(3, 'Scenarios that flip', 'comparison-flipped'),
  ];
  if (c.flipped.length === 0) blocks.push(para('None.'));
  else {
    const { shown, more } = takeFirst(c.flipped);
    blocks.push(
      table(
        ['Scenario', 'Baseline', 'Changed'],
        ['left', 'left', 'left'],
        shown.map((f) => [f.id, formatVerdict(f.before), formatVerdict(f.after)]),
        shown.map((f) => !f.after),
        [0],
      ),
      ...moreLine(more, 'flipped scenario', 'flipped scenarios'),
    );
  }
  blocks.push(heading(3, 'Partitions: inactive cores, minimum and shortfall', 'comparison-sizing'));
  if (c.partitions.length === 0) blocks.push(para('No change.'));
  else {
    const { shown, more } = takeFirst(c.partitions);
    blocks.push(
      table(
        ['Partition', 'Inactive', 'Minimum inactive', 'Shortfall'],
        ['left', 'right', 'right', 'right'],
        shown.map((d) => [
          d.partition,
          fromTo(d.before.inactiveCores, d.after.inactiveCores),
          fromTo(d.before.minimumInactiveCores, d.after.minimumInactiveCores),
          fromTo(d.before.shortfall, d.after.shortfall),
        ]),
        shown.map((d) => d.after.shortfall > 0),
      ),
      ...moreLine(more, 'partition', 'partitions'),
    );
  }
  blocks.push(heading(3, 'Groups: sharing rights and compliance', 'comparison-sharing'));
  if (c.groups.length === 0) blocks.push(para('No change.'));
  else {
    blocks.push(
      table(
        ['Group', 'Owned', 'Required', 'Minimum', 'Compliant', 'Shortfall'],
        ['left', 'right', 'right', 'right', 'left', 'right'],
        c.groups.map((g) => [
          [code(g.group)],
          fromTo(g.before.sharingRightsOwned, g.after.sharingRightsOwned),
          fromTo(g.before.sharingRightsRequired, g.after.sharingRightsRequired),
          fromTo(g.before.sharingRightsMinimum, g.after.sharingRightsMinimum),
          fromTo(g.before.compliant, g.after.compliant),
          fromTo(g.before.shortfall, g.after.shortfall),
        ]),
        c.groups.map((g) => !g.after.compliant),
      ),
    );
  }
  blocks.push(heading(3, 'Failover times', 'comparison-times'));
  if (c.times.length === 0) blocks.push(para('No change.'));
  else {
    const { shown, more } = takeFirst(c.times);
    blocks.push(
      table(
        ['Scenario', 'Baseline', 'Changed'],
        ['left', 'left', 'left'],
        shown.map((t) => [t.id, formatOptionalRange(t.before), formatOptionalRange(t.after)]),
        [],
        [0],
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

/** `Capacity plan: NAME`, marked when `--set` changed the estate. */
export function documentTitle(report: PlanReport): string {
  const marker = changedMarker(report);
  return `Capacity plan: ${report.inventory.name}${marker === null ? '' : ` (${marker})`}`;
}

/**
 * The report's content, section by section (spec 5.2): the verdict, the comparison when `--set`
 * changed the estate, then the first screen (`glanceSection`), then the details.
 */
export function buildDocument(report: PlanReport): ReportDocument {
  return {
    title: documentTitle(report),
    blocks: [
      verdictLine(report),
      ...comparisonSection(report),
      ...glanceSection(report),
      ...summarySection(report),
      ...complianceSection(report),
      ...clustersSection(report),
      ...sizingSection(report),
      ...lostSection(report),
      ...bindingSection(report),
      ...timingSection(report),
      ...rightsSection(report),
      ...warningsSection(report),
      ...modelSection(report),
      ...runSection(report),
    ],
  };
}

/**
 * For each package of a listed scenario, whether it is lost and no purchase can save it: the line
 * the engine's summary draws (domain/loss.ts), a dependent judged by the package it depends on.
 */
function packagesNoPurchaseCanFix(s: ScenarioResult): boolean[] {
  const at = new Map(s.packages.map((p, i) => [p.package, i]));
  return scenarioNoPurchaseCanFix(s.packages, (p) => ({
    // The report's attempts hold the skipped nodes too.
    tried: p.attempts.length > 0,
    lostWith: p.dependsOn.flatMap((q) => {
      const i = at.get(q);
      return i !== undefined && s.packages[i]?.status === 'lost' ? [i] : [];
    }),
  }));
}
