/**
 * The optimizer's result rendered: `text` for the terminal, `purchase.md`, `purchase.json` and
 * `purchase.csv`. Pure and deterministic (the solve time appears only in the terminal text, when
 * given). Units: cores, rights, TiCAP units, sharing rights; costs as priced in the costs file.
 */
import type { OptimizeResult, PurchaseItem, PurchaseKind } from '../domain/purchase.js';
import { LIST_LIMIT } from './format.js';
import { UNSAVEABLE_SIZING_NOTE } from './headline.js';
import { escapeMarkdown } from './markdown.js';
import { toCsv } from '../text/csv.js';
import { shellArg } from '../text/shell.js';
import { formatNumber, plural } from '../text/count.js';
import { markdownTable, textTable } from '../text/table.js';

export interface PurchaseRenderOptions {
  /** The inventory as the user named it, for the `gicap plan … --set …` line. */
  readonly inventoryArg: string;
  /** Total solver seconds, shown in the terminal text only (reports stay byte-identical). */
  readonly solveSeconds?: number;
}

const KIND_LABEL: Readonly<Record<PurchaseKind, string>> = {
  'inactive-cores': 'inactive cores',
  'core-rights': 'core usage rights',
  'ticap-units': 'TiCAP units',
  'sharing-rights': 'sharing rights',
};

const TEXT_LIST_LIMIT = 20;

/** ` (changed estate, 2 --set changes)` when the inventory was changed with --set, else empty. */
function changedTag(r: OptimizeResult): string {
  const n = r.parameters.changes.length;
  return n === 0 ? '' : ` (changed estate, ${plural(n, '--set change', '--set changes')})`;
}

function headline(r: OptimizeResult): string {
  const k = r.parameters.maxFailures;
  return `${r.inventory.name}${changedTag(r)}: least-cost purchase for ${plural(r.scenarios.total, 'scenario', 'scenarios')} (up to ${plural(k, 'failure', 'failures')}, outage ${formatNumber(r.parameters.outageHours)} h)`;
}

function verdict(r: OptimizeResult): string[] {
  const before = `Today ${plural(r.scenarios.losingBefore, 'scenario loses', 'scenarios lose')} a package`;
  if (!r.confirmed) {
    return [
      `${before}. NOT CONFIRMED: the engine re-run still loses ${plural(r.unconfirmed.length, 'scenario', 'scenarios')} after ${plural(r.solver.rounds, 'round', 'rounds')}; no purchase is claimed.`,
    ];
  }
  const unsaveable = r.scenarios.unsaveable;
  if (r.items.length === 0) {
    return [
      unsaveable === 0
        ? `${before}: nothing to buy, every scenario survives and every group is compliant.`
        : `${before}: nothing to buy helps; the ${plural(unsaveable, 'scenario', 'scenarios')} below cannot be saved by any purchase.`,
    ];
  }
  const after =
    r.scenarios.losingAfter === 0
      ? 'after the purchase every scenario survives'
      : `after the purchase ${plural(r.scenarios.losingAfter, 'scenario loses', 'scenarios lose')} only packages no purchase can save`;
  const out = [`${before}; ${after} (confirmed by re-running every scenario).`];
  if (r.status === 'confirmed') {
    out.push(
      `Least cost not proven: no purchase can cost less than ${formatNumber(r.solver.lowerBound)} (the model's bound); this one costs ${formatNumber(r.totalCost - r.solver.lowerBound)} more.`,
    );
  }
  return out;
}

function itemRow(i: PurchaseItem): string[] {
  return [
    KIND_LABEL[i.kind],
    i.where,
    formatNumber(i.quantity),
    formatNumber(i.unitCost),
    formatNumber(i.cost),
    i.binding ?? '–',
  ];
}

const ITEM_HEADER = ['buy', 'where', 'quantity', 'unit cost', 'cost', 'binding scenario'];
const RIGHT = [2, 3, 4];

function greedyLine(r: OptimizeResult): string | null {
  if (r.greedy === null || !r.confirmed) return null;
  if (!r.greedy.confirmed) {
    return 'Greedy sizing (the plan’s shortfalls bought as they stand, then what the engine still finds short) did not save every scenario.';
  }
  const saved = r.greedy.totalCost - r.totalCost;
  // When the optimum buys nothing, what greedy sizing buys saves no scenario the estate does not
  // already save: say so rather than call the whole spend a saving of the optimum.
  const versus =
    saved <= 0
      ? 'the same as the optimum'
      : r.totalCost === 0
        ? 'buying nothing saves as many scenarios'
        : `the optimum saves ${formatNumber(saved)}`;
  return `Greedy sizing (the plan’s shortfalls bought as they stand, then what the engine still finds short) would cost ${formatNumber(r.greedy.totalCost)} (${versus}).`;
}

function modelLine(r: OptimizeResult, seconds?: number): string {
  const m = r.solver.model;
  const time = seconds === undefined ? '' : ` in ${seconds.toFixed(2)} s`;
  return `Model: ${plural(m.variables, 'variable', 'variables')} (${formatNumber(m.integerVariables)} integer), ${plural(m.constraints, 'constraint', 'constraints')}, ${plural(m.scenarioBlocks, 'scenario block', 'scenario blocks')}; HiGHS ${plural(r.solver.solves, 'solve', 'solves')}${time}, ${plural(r.solver.rounds, 'engine re-run', 'engine re-runs')}, ${plural(r.solver.cuts, 'cut', 'cuts')}.`;
}

/** Unsaveable losses grouped by scenario: `scenario: pkg (reason), …`. */
function unsaveableByScenario(r: OptimizeResult): { scenario: string; text: string }[] {
  const byScenario = new Map<string, string[]>();
  for (const l of r.unsaveable) {
    const list = byScenario.get(l.scenario) ?? [];
    list.push(`${l.package} (${l.reason})`);
    byScenario.set(l.scenario, list);
  }
  return [...byScenario].map(([scenario, list]) => ({ scenario, text: list.join(', ') }));
}

/** The terminal text. */
export function renderPurchaseText(r: OptimizeResult, opts: PurchaseRenderOptions): string {
  const out = [headline(r), ...verdict(r)];
  if (r.confirmed && r.items.length > 0) {
    out.push('', ...textTable(ITEM_HEADER, r.items.map(itemRow), { right: RIGHT }));
    out.push(`  Total cost: ${formatNumber(r.totalCost)}`);
    out.push('', 'What each item changes:');
    for (const i of r.items) out.push(`  ${i.detail}`);
    out.push('', 'Check it with the engine:', `  ${checkCommand(r, opts.inventoryArg)}`);
  }
  const greedy = greedyLine(r);
  if (greedy !== null) out.push('', greedy);
  if (r.unsaveable.length > 0) {
    const groups = unsaveableByScenario(r);
    out.push(
      '',
      `Cannot be saved by any purchase (${plural(groups.length, 'scenario', 'scenarios')}, ${plural(r.unsaveable.length, 'package loss', 'package losses')}):`,
    );
    for (const g of groups.slice(0, TEXT_LIST_LIMIT)) out.push(`  ${g.scenario}: ${g.text}`);
    if (groups.length > TEXT_LIST_LIMIT) {
      out.push(`  … and ${formatNumber(groups.length - TEXT_LIST_LIMIT)} more (see --format json)`);
    }
    out.push(UNSAVEABLE_SIZING_NOTE);
  }
  if (!r.confirmed && r.unconfirmed.length > 0) {
    out.push('', 'Still lost after the last candidate purchase:');
    for (const u of r.unconfirmed.slice(0, TEXT_LIST_LIMIT)) {
      out.push(
        `  ${u.scenario}: ${u.packages.map((p) => `${p.package} (${p.reason ?? '?'})`).join(', ')}`,
      );
    }
  }
  out.push('', modelLine(r, opts.solveSeconds));
  return `${out.join('\n')}\n`;
}

function checkCommand(r: OptimizeResult, inventoryArg: string): string {
  const k = r.parameters.maxFailures;
  const kArg = k === 1 ? '' : ` --max-failures ${k}`;
  const hArg = r.parameters.outageHours === 24 ? '' : ` --outage-hours ${r.parameters.outageHours}`;
  // The planner's own changes first, then the purchase's (a later --set of a cell wins).
  const sets = [...r.parameters.changes, ...r.changes].map((c) => `--set ${shellArg(c)}`).join(' ');
  return `gicap plan ${shellArg(inventoryArg)}${kArg}${hArg} ${sets}`;
}

/** `purchase.md`. */
export function renderPurchaseMarkdown(r: OptimizeResult, opts: PurchaseRenderOptions): string {
  const esc = escapeMarkdown;
  const out: string[] = [`# Purchase plan: ${esc(r.inventory.name)}${changedTag(r)}`, ''];
  out.push(
    `${esc(headline(r))}.`,
    '',
    ...verdict(r).map(esc),
    '',
    `Inventory sha256 \`${r.inventory.sha256}\`; ${esc(r.tool.name)} ${esc(r.tool.version)}.`,
    '',
  );
  if (r.confirmed && r.items.length > 0) {
    out.push('## What to buy', '');
    out.push(
      ...markdownTable(
        [...ITEM_HEADER, 'what it changes'],
        r.items.map((i) => [...itemRow(i), i.detail].map(esc)),
        RIGHT,
      ),
    );
    out.push('', `**Total cost: ${formatNumber(r.totalCost)}**`, '');
    out.push(
      'A binding scenario is the first scenario that loses a package with one unit fewer of that item; sharing rights bind on compliance [G1].',
      '',
      '## Check it',
      '',
      '```sh',
      checkCommand(r, opts.inventoryArg),
      '```',
      '',
    );
  }
  const greedy = greedyLine(r);
  if (greedy !== null) out.push(esc(greedy), '');
  if (r.unsaveable.length > 0) {
    const groups = unsaveableByScenario(r);
    out.push('## Cannot be saved by any purchase', '', esc(UNSAVEABLE_SIZING_NOTE), '');
    out.push(
      ...markdownTable(
        ['scenario', 'package', 'reason', 'why'],
        r.unsaveable
          .slice(0, LIST_LIMIT)
          .map((l) => [l.scenario, l.package, l.reason, l.detail].map(esc)),
        [],
      ),
    );
    if (r.unsaveable.length > LIST_LIMIT) {
      out.push(
        '',
        `… and ${formatNumber(r.unsaveable.length - LIST_LIMIT)} more (purchase.json lists all).`,
      );
    }
    out.push('', `${plural(groups.length, 'scenario', 'scenarios')} in all.`, '');
  }
  if (!r.confirmed) {
    out.push('## Not confirmed', '');
    for (const u of r.unconfirmed.slice(0, LIST_LIMIT)) {
      out.push(
        `- ${esc(u.scenario)}: ${esc(u.packages.map((p) => `${p.package} (${p.reason ?? '?'})`).join(', '))}`,
      );
    }
    out.push('');
  }
  out.push('## Prices and model', '');
  out.push(
    ...markdownTable(
      ['item', 'unit cost'],
      Object.entries(r.parameters.unitCosts).map(([k, v]) => [esc(k), formatNumber(v)]),
      [1],
    ),
  );
  if (r.parameters.maxCores.length > 0) {
    out.push('');
    out.push(
      ...markdownTable(
        ['nPar', 'max cores'],
        r.parameters.maxCores.map((m) => [esc(m.npar), formatNumber(m.maxCores)]),
        [1],
      ),
    );
  }
  out.push('', esc(modelLine(r)), '');
  return out.join('\n');
}

/** `purchase.json`: the result as it is (the contract of the other formats). */
export function renderPurchaseJson(r: OptimizeResult): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

/** `purchase.csv`: one row per item. */
export function renderPurchaseCsv(r: OptimizeResult): string {
  return toCsv(
    ['kind', 'where', 'quantity', 'unit_cost', 'cost', 'binding', 'detail'],
    r.items.map((i) => [i.kind, i.where, i.quantity, i.unitCost, i.cost, i.binding, i.detail]),
  );
}
