/**
 * A purchase applied to an inventory, so that the engine can be re-run on the estate as it would be
 * after buying (the optimizer's check by construction), and the same purchase as `--set` changes a
 * planner can replay with `gicap plan INVENTORY --set …`. Pure.
 *
 * Inactive cores bought for an nPar are installed in its cells (assumption A-36): they fill its
 * active cells in cell order, each up to what the platform's cell holds (MAX_CORES_PER_CELL), so the
 * nPar's installed and inactive cores grow by that many while its rights, active cores and number
 * of active cells stay the same. A new cell board would
 * instead need a core usage right of its own (one active core per active cell, R1) and would lower
 * the nPar's seizure yield by one [X2]; the costs file bounds how many cores an nPar's cells hold.
 */
import type { Cell, Inventory } from '../../domain/types.js';
import { MAX_CORES_PER_CELL } from '../../domain/defaults.js';
import { TICAP_UNIT_MINUTES, type Purchase } from '../../domain/purchase.js';
import { compareText } from '../../text/order.js';
import { nparKey } from '../../domain/derived.js';

/** The nPar's active cells, in cell order (where bought cores go). */
function activeCells(inv: Inventory, complex: string, npar: string): Cell[] {
  return inv.cells
    .filter((c) => c.complex === complex && c.npar === npar && c.active)
    .sort((a, b) => compareText(a.cell, b.cell));
}

/** The most cores one cell of this complex holds (MAX_CORES_PER_CELL by platform). */
function cellCapacity(inv: Inventory, complex: string): number {
  const platform = inv.complexes.find((c) => c.complex === complex)?.platform ?? 'cellular';
  return MAX_CORES_PER_CELL[platform];
}

/**
 * The default bound of every nPar the costs file does not bound: its active cells, each filled up to
 * what the platform holds. An nPar whose cells already hold more keeps its cores
 * (room 0). The costs file's `max_cores` rows win.
 */
export function platformMaxCores(
  inv: Inventory,
  given: ReadonlyMap<string, number>,
): Map<string, number> {
  const out = new Map(given);
  for (const n of inv.npars) {
    const key = nparKey(n.complex, n.npar);
    if (out.has(key)) continue;
    const cap = cellCapacity(inv, n.complex);
    const cells = activeCells(inv, n.complex, n.npar);
    out.set(
      key,
      cells.reduce((s, c) => s + Math.max(c.cores, cap), 0),
    );
  }
  return out;
}

function splitKey(key: string): [string, string] {
  const slash = key.indexOf('/');
  return [key.slice(0, slash), key.slice(slash + 1)];
}

/** The inventory after the purchase (rows keep their order; nothing else changes). */
export function applyPurchase(inv: Inventory, purchase: Purchase): Inventory {
  const extraCells: Cell[] = [];
  const cellCores = new Map<Cell, number>();
  for (const [key, cores] of purchase.cores) {
    if (cores <= 0) continue;
    const [complex, npar] = splitKey(key);
    const cells = activeCells(inv, complex, npar);
    const first = cells[0];
    if (first === undefined) {
      // An nPar with no active cell cannot occur in a valid inventory; a new cell keeps this total.
      extraCells.push({ complex, cell: `buy-${npar}`, npar, cores, active: true });
      continue;
    }
    // Fill the cells in order up to what the platform holds; what a costs-file bound allows beyond
    // that (the planner knows the boards) goes to the first cell.
    const cap = cellCapacity(inv, complex);
    let left = cores;
    for (const c of cells) {
      const add = Math.min(left, Math.max(0, cap - c.cores));
      if (add > 0) cellCores.set(c, (cellCores.get(c) ?? 0) + add);
      left -= add;
    }
    if (left > 0) cellCores.set(first, (cellCores.get(first) ?? 0) + left);
  }
  return {
    ...inv,
    cells: [
      ...inv.cells.map((c) => {
        const add = cellCores.get(c);
        return add === undefined ? c : { ...c, cores: c.cores + add };
      }),
      ...extraCells,
    ],
    complexes: inv.complexes.map((c) => {
      const rights = purchase.rights.get(c.complex) ?? 0;
      const units = purchase.ticap.get(c.complex) ?? 0;
      if (rights === 0 && units === 0) return c;
      return {
        ...c,
        unassignedRights: c.unassignedRights + rights,
        ticapMinutes: c.ticapMinutes + units * TICAP_UNIT_MINUTES,
      };
    }),
    groups: inv.groups.map((g) => {
      const more = purchase.sharing.get(g.group) ?? 0;
      return more === 0 ? g : { ...g, sharingRights: g.sharingRights + more };
    }),
  };
}

/**
 * The purchase as `--set FILE.KEY.COLUMN=VALUE` changes (spec 6), in a fixed order: cells, then
 * complexes, then groups.
 */
export function purchaseChanges(inv: Inventory, purchase: Purchase): string[] {
  const after = applyPurchase(inv, purchase);
  const out: string[] = [];
  inv.cells.forEach((c, i) => {
    const now = after.cells[i];
    if (now !== undefined && now.cores !== c.cores) {
      out.push(`cells.${c.complex}/${c.cell}.cores=${now.cores}`);
    }
  });
  for (const c of after.cells.slice(inv.cells.length)) {
    // Not expressible with --set (it edits existing rows): shown for completeness.
    out.push(`cells.${c.complex}/${c.cell}.cores=${c.cores}`);
  }
  inv.complexes.forEach((c, i) => {
    const now = after.complexes[i];
    if (now === undefined) return;
    if (now.unassignedRights !== c.unassignedRights) {
      out.push(`complexes.${c.complex}.unassigned_rights=${now.unassignedRights}`);
    }
    if (now.ticapMinutes !== c.ticapMinutes) {
      out.push(`complexes.${c.complex}.ticap_minutes=${now.ticapMinutes}`);
    }
  });
  inv.groups.forEach((g, i) => {
    const now = after.groups[i];
    if (now !== undefined && now.sharingRights !== g.sharingRights) {
      out.push(`groups.${g.group}.sharing_rights=${now.sharingRights}`);
    }
  });
  return out;
}
