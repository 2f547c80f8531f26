/** Defaults of the plan's parameters (spec 3.1, 3.2, 5.1), in one place. */
import type { Platform } from './types.js';

/** `--max-failures`: scenarios of one failed unit (N+1). */
export const DEFAULT_MAX_FAILURES = 1;

/**
 * `--max-failures` (and a runs file's `max_failures`): 1 to 6 failed units at once; 6 already make
 * hundreds of thousands of scenarios on a large estate.
 */
export const MAX_FAILURES_RANGE = { min: 1, max: 6 } as const;

/** `--outage-hours`: the outage TiCAP is charged for [T1, T2]. */
export const DEFAULT_OUTAGE_HOURS = 24;

/**
 * `--max-listed`: losing scenarios listed in a report, those that lose the most packages first; the rest are counted in
 * `summary.scenariosNotListed` so reports stay bounded on large estates (binding ones always listed).
 */
export const DEFAULT_MAX_LISTED = 200;

/**
 * The most cores one cell board (cellular) or blade (SD2) holds, for `gicap optimize` when the costs
 * file gives no `max_cores` for an nPar (assumption A-36, no source figure): a cellular
 * sx2000 cell has 4 sockets of dual-core Itanium (8 cores); a Superdome 2 blade 2 sockets of up to
 * 8-core Itanium 9500 (16). Bought inactive cores fill the nPar's active cells up to this, so no
 * purchase grows a cell past what the platform holds.
 */
export const MAX_CORES_PER_CELL: Readonly<Record<Platform, number>> = {
  cellular: 8,
  sd2: 16,
};
