/**
 * The range of each timing-model driver (spec 3.4) over which a model must give sensible times
 * (issue 14, "models that cannot lie"): every driver runs from 0 to a largest value. For a plan the
 * largest values come from the inventory being planned (no scenario of it can count more); for
 * `gicap model`, which has no inventory, from the large estate of spec section 7 and the input bounds.
 * Pure: an inventory in, numbers out.
 */
import { BOUNDS } from '../domain/bounds.js';
import { DRIVER_NAMES } from '../domain/timing.js';
import type { Inventory } from '../domain/types.js';

/** Driver → its largest value (the smallest is 0). A driver not listed takes FALLBACK_DRIVER_MAX. */
export type DriverRanges = Readonly<Record<string, number>>;

/**
 * The largest value of a driver that neither the inventory nor the defaults know (a driver added to
 * the engine later): one hour's worth of seconds or a count far above any estate's.
 */
export const FALLBACK_DRIVER_MAX = 3_600;

/**
 * Ranges without an inventory: the large estate of spec 7 (64 complexes, 256 nPars, 8 groups) with
 * room to spare, 0/1 for the flags, and the input bounds for the start times.
 */
export const DEFAULT_DRIVER_RANGES: DriverRanges = {
  groups_managed: 16,
  member_complexes: 128,
  member_npars_down: 512,
  manual: 1,
  managers_tried: 2,
  complexes_in_group: 128,
  seized_npars: 512,
  seized_cells: 2_048,
  cores_activated: 4_096,
  vpar_node: 1,
  waited: 1,
  failed_attempts: 16,
  start_s: BOUNDS.seconds,
  vm_boot_s: BOUNDS.seconds,
  // MEMBER_TIMEOUT is at most 300 s [C12]; a dual lock is taken or not.
  member_timeout: 300,
  dual_lock: 1,
};

/**
 * The largest value each driver can take in any scenario of `inventory`: counts bounded by what the
 * inventory has (groups, complexes, nPars, cells), cores activated by the larger of the biggest
 * package and the biggest complex, failed attempts by the longest node list, start times by the
 * largest given. Flags (`manual`, `vpar_node`, `waited`) are 0 or 1; `managers_tried` at most 2.
 */
export function driverRangesOf(inventory: Inventory): DriverRanges {
  const coresByComplex = new Map<string, number>();
  for (const c of inventory.cells) {
    coresByComplex.set(c.complex, (coresByComplex.get(c.complex) ?? 0) + c.cores);
  }
  const most = (values: Iterable<number>): number => {
    let m = 0;
    for (const v of values) if (v > m) m = v;
    return m;
  };
  const ranges: Record<string, number> = {
    groups_managed: inventory.groups.length,
    member_complexes: inventory.complexes.length,
    member_npars_down: inventory.npars.length,
    manual: 1,
    managers_tried: 2,
    complexes_in_group: inventory.complexes.length,
    seized_npars: inventory.npars.length,
    seized_cells: inventory.cells.length,
    cores_activated: Math.max(
      most(inventory.packages.map((p) => p.cores)),
      most(coresByComplex.values()),
    ),
    vpar_node: 1,
    waited: 1,
    failed_attempts: Math.max(0, most(inventory.packages.map((p) => p.nodes.length)) - 1),
    start_s: most(inventory.packages.map((p) => p.startS)),
    vm_boot_s: most(inventory.packages.map((p) => p.vmBootS ?? 0)),
    member_timeout: most((inventory.clusters ?? []).map((c) => c.memberTimeoutS ?? 0)),
    dual_lock: (inventory.clusters ?? []).some((c) => c.lock === 'dual-disk') ? 1 : 0,
  };
  // Drivers this function does not know yet keep the default range, so the check stays generic.
  for (const d of DRIVER_NAMES) {
    if (!(d in ranges)) ranges[d] = DEFAULT_DRIVER_RANGES[d] ?? FALLBACK_DRIVER_MAX;
  }
  return ranges;
}

/** `groups_managed 0–2, start_s 0–120`: the ranges as a message shows them (drivers in engine order). */
export function describeRanges(ranges: DriverRanges): string {
  return DRIVER_NAMES.map((d) => `${d} 0–${ranges[d] ?? FALLBACK_DRIVER_MAX}`).join(', ');
}
