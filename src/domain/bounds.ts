/**
 * The largest value a planner may give for each kind of number (issue 14, "numbers with bounds").
 * Each bound is far above any real estate and far below where a sum over a large estate would lose
 * precision: even over a million rows (2^20), a total of cores or rights stays below 2^37 and a total
 * of TiCAP core-minutes or seconds below 2^50, under 2^53 (the last integer a double holds exactly).
 * A value above its bound is refused like any other bad value (exit 2, `FILE:LINE:COLUMN`).
 */
export const BOUNDS = {
  /** Cores on one cell board or blade. The largest HP cell boards hold 8 sockets; 256 leaves room. */
  coresPerCell: 256,
  /**
   * Any other count of cores or core rights on one row (an nPar's rights, a vPar's cores, a
   * package's cores, a complex's unassigned rights, a group's sharing rights): 65,536.
   */
  cores: 65_536,
  /** Seconds of one application or VM start (`start_s`, `vm_boot_s`): one day. */
  seconds: 86_400,
  /** A complex's TiCAP balance, core-minutes: 10^9 (about 23,000 TiCAP units of 43,200). */
  ticapMinutes: 1_000_000_000,
  /** `--outage-hours` / `outage_hours`: one year. */
  outageHours: 8_760,
  /** A price of one unit in the optimizer's costs file (any currency). */
  unitCost: 1_000_000_000,
} as const;

/**
 * A decimal number as a planner writes it: digits with an optional fraction (`24`, `0.5`, `.5`),
 * no sign, no exponent, no hex, no `Infinity`. Null when `text` is not one.
 */
export function parseDecimal(text: string): number | null {
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(text)) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** `1,000,000`: a bound as a message shows it (digits grouped by three, always with commas). */
export function formatBound(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
