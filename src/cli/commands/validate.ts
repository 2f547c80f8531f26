/**
 * `gicap validate INVENTORY [--set CHANGE]...`: load and check an inventory (every problem → exit 2),
 * then print a one-screen summary: counts, cores and rights, and per group the sharing rights owned
 * against those required (Σ cores without usage rights of its members [G1]). Exit 0 when every group
 * is compliant, 1 otherwise. Writes no file.
 */
import { resolve } from 'node:path';
import { deriveFigures, type DerivedFigures } from '../../domain/derived.js';
import type { Inventory } from '../../domain/types.js';
import { ExitCode } from '../../errors.js';
import { loadInventory } from '../../io/load-inventory.js';
import { helpAfter, wrapParagraph } from '../help.js';
import type { RegisterCommand } from '../program.js';
import { INVENTORY_ARGUMENT, SET_CHANGE_HELP, setOption } from '../shared-options.js';
import { formatNumber, plural } from '../../text/count.js';
import { compareText } from '../../text/order.js';

const HELP_AFTER = helpAfter({
  about: [wrapParagraph(SET_CHANGE_HELP)],
  examples: [
    'gicap validate data/seed-fig15',
    'gicap validate data/mixed-estate',
    'gicap validate data/seed-fig15 --set groups.g1.sharing_rights=10     (exit 1: g1 short by 2)',
    'gicap validate data/seed-fig15 --set npars.server2/db2.rights=4 --set npars.server2/db2.active=4',
  ],
  exit: {
    0: 'the inventory is valid and every group is compliant (sharing rights owned >= required)',
    1: 'the inventory is valid and a group is not compliant',
    2: 'the inventory is invalid: every problem is listed as FILE:LINE:COLUMN on stderr',
  },
});

export const registerValidate: RegisterCommand = (program, ctx, setExit) => {
  program
    .command('validate')
    .summary('Check an inventory and print its summary and GiCAP compliance')
    .description(
      'Check an inventory folder (every file, column, default and rule of the input contract) ' +
        'and print a one-screen summary: counts, cores and usage rights, and per GiCAP group the ' +
        'sharing rights owned against those required. Nothing is written.',
    )
    .argument('<inventory>', INVENTORY_ARGUMENT)
    .addOption(setOption())
    .addHelpText('after', HELP_AFTER)
    .action(async (inventory: string, opts: { set?: string[] }) => {
      const inv = await loadInventory(resolve(ctx.cwd, inventory), { changes: opts.set ?? [] });
      const figures = deriveFigures(inv);
      ctx.stdout.write(renderValidateSummary(inv, figures, opts.set ?? []));
      setExit(isCompliant(inv, figures) ? ExitCode.Ok : ExitCode.Findings);
    });
};

/** Every group owns at least the sharing rights it requires [G1]. */
export function isCompliant(inv: Inventory, figures: DerivedFigures): boolean {
  return inv.groups.every(
    (g) => g.sharingRights >= (figures.groups.get(g.group)?.sharingRightsRequired ?? 0),
  );
}

function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareText);
}

/** Left-aligned columns separated by two spaces, trailing spaces trimmed. */
function table(rows: readonly (readonly string[])[], indent: string): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows.map((row) =>
    `${indent}${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd(),
  );
}

/** The summary `gicap validate` prints (pure; stable: no colour, no clock). */
export function renderValidateSummary(
  inv: Inventory,
  figures: DerivedFigures,
  changes: readonly string[] = [],
): string {
  const count = <T>(items: readonly T[], pred: (t: T) => boolean): number =>
    items.filter(pred).length;
  const sites = sortedUnique([
    ...inv.complexes.flatMap((c) => (c.site === null ? [] : [c.site])),
    ...inv.managers.flatMap((m) => (m.site === null ? [] : [m.site])),
  ]);
  const cellular = count(inv.complexes, (c) => c.platform === 'cellular');
  const sd2 = inv.complexes.length - cellular;
  const staticVPars = count(inv.vpars, (v) => v.static);
  const activeManagers = count(inv.managers, (m) => m.role === 'active');

  const installed = inv.cells.reduce((s, c) => s + c.cores, 0);
  const active = inv.npars.reduce((s, n) => s + n.active, 0);
  const nparRights = inv.npars.reduce((s, n) => s + n.rights, 0);
  const unassigned = inv.complexes.reduce((s, c) => s + c.unassignedRights, 0);
  const withoutRights = [...figures.complexes.values()].reduce((s, c) => s + c.withoutRights, 0);
  const ticap = inv.complexes.reduce((s, c) => s + c.ticapMinutes, 0);

  // Every figure through the reports' formatter (`129,600`), as `plan` prints them (issue 12 point 5).
  const n = formatNumber;
  const lines: string[] = [];
  // A changed estate says so in the title and the verdict, as plan and what-if do (issue 12 point 4).
  const tag =
    changes.length === 0
      ? ''
      : ` (changed estate, ${plural(changes.length, '--set change', '--set changes')})`;
  lines.push(
    `Inventory ${inv.name} (sha256 ${inv.sha256.slice(0, 12)})` +
      (changes.length > 0 ? `, changed estate: ${changes.join(', ')}` : ''),
  );
  lines.push(
    `  complexes ${n(inv.complexes.length)} (cellular ${n(cellular)}, sd2 ${n(sd2)}), ` +
      `sites ${n(sites.length)}${sites.length > 0 ? ` (${sites.join(', ')})` : ''}, ` +
      `cells ${n(inv.cells.length)}, nPars ${n(inv.npars.length)}, vPars ${n(inv.vpars.length)} (${n(staticVPars)} static)`,
  );
  lines.push(
    `  cores ${n(installed)} installed, ${n(active)} active, ${n(withoutRights)} without usage rights; ` +
      `usage rights ${n(nparRights + unassigned)} (${n(unassigned)} unassigned)`,
  );
  lines.push(
    `  groups ${n(inv.groups.length)}, managers ${n(inv.managers.length)} (${n(activeManagers)} active, ` +
      `${n(inv.managers.length - activeManagers)} standby), packages ${n(inv.packages.length)} ` +
      `(${n(count(inv.packages, (p) => p.kind === 'vm'))} vm, ${n(count(inv.packages, (p) => p.ticap))} ticap), ` +
      `TiCAP ${n(ticap)} core-minutes`,
  );
  // The Serviceguard files (spec 8–9) are summarised like the others: a planner sees at once
  // whether clusters are modelled at all.
  lines.push(
    inv.clusters === null
      ? '  clusters: none (no clusters.csv: every node is judged alone)'
      : `  clusters ${n(inv.clusters.length)} (${n(inv.clusters.reduce((s, c) => s + c.nodes.length, 0))} nodes), ` +
          `dependencies ${n(inv.dependencies.length)}, capacities ${n(inv.capacities.length)}, weights ${n(inv.weights.length)}`,
  );

  const shortGroups: string[] = [];
  if (inv.groups.length === 0) {
    lines.push('Groups: none (no GiCAP group: nothing to comply with)');
  } else {
    lines.push(
      'Groups (sharing rights owned vs required = cores without usage rights of the members [G1]):',
    );
    const rows: string[][] = [
      ['group', 'members', 'active manager', 'owned', 'required', 'status'],
    ];
    for (const g of inv.groups) {
      const f = figures.groups.get(g.group);
      const required = f?.sharingRightsRequired ?? 0;
      const members = f?.members ?? [];
      const managers = inv.managers.filter((m) => m.group === g.group);
      const activeHost = managers.find((m) => m.role === 'active')?.host ?? '-';
      const standbys = managers.length - (activeHost === '-' ? 0 : 1);
      const short = required - g.sharingRights;
      if (short > 0)
        shortGroups.push(
          `${g.group} is short of ${plural(short, 'sharing right', 'sharing rights')}`,
        );
      rows.push([
        g.group,
        members.length > 0 ? members.join(', ') : '(no member)',
        standbys > 0 ? `${activeHost} (+${standbys} standby)` : activeHost,
        n(g.sharingRights),
        n(required),
        short > 0 ? `NOT compliant (short by ${n(short)})` : 'compliant',
      ]);
    }
    lines.push(...table(rows, '  '));
  }
  const loose = inv.complexes.filter((c) => c.group === null).map((c) => c.complex);
  if (loose.length > 0) lines.push(`In no group: ${loose.join(', ')}`);
  lines.push(
    shortGroups.length === 0
      ? `Compliant${tag}: yes`
      : `Compliant${tag}: NO (${shortGroups.join('; ')})`,
  );
  return `${lines.join('\n')}\n`;
}
