/**
 * The canonical order of an inventory's rows: by natural keys, in code-unit order (never locale
 * order), so that results never depend on the row order of the input files.
 */
import type { Inventory } from './types.js';
import { byKeys } from '../text/order.js';

const by = byKeys;

/** A copy of the inventory with every array in canonical order. */
export function sortInventory(inv: Inventory): Inventory {
  return {
    ...inv,
    complexes: [...inv.complexes].sort(by((c) => c.complex)),
    cells: [...inv.cells].sort(
      by(
        (c) => c.complex,
        (c) => c.cell,
      ),
    ),
    npars: [...inv.npars].sort(
      by(
        (n) => n.complex,
        (n) => n.npar,
      ),
    ),
    vpars: [...inv.vpars].sort(
      by(
        (v) => v.complex,
        (v) => v.npar,
        (v) => v.vpar,
      ),
    ),
    groups: [...inv.groups].sort(by((g) => g.group)),
    managers: [...inv.managers].sort(
      by(
        (m) => m.group,
        (m) => m.host,
      ),
    ),
    packages: [...inv.packages].sort(by((p) => p.package)),
    clusters: inv.clusters === null ? null : [...inv.clusters].sort(by((c) => c.cluster)),
    dependencies: [...inv.dependencies].sort(
      by(
        (d) => d.package,
        (d) => d.dependsOn,
      ),
    ),
    capacities: [...inv.capacities].sort(
      by(
        (c) => c.node,
        (c) => c.capacity,
      ),
    ),
    weights: [...inv.weights].sort(
      by(
        (w) => w.package ?? '*',
        (w) => w.cluster ?? '',
        (w) => w.capacity,
      ),
    ),
  };
}
