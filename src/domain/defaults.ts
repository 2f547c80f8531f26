/** Defaults of the plan's parameters (spec 3.1, 3.2, 5.1), in one place. */

/** `--max-failures`: scenarios of one failed unit (N+1). */
export const DEFAULT_MAX_FAILURES = 1;

/** `--outage-hours`: the outage TiCAP is charged for [T1, T2]. */
export const DEFAULT_OUTAGE_HOURS = 24;

/**
 * `--max-listed`: losing scenarios listed in a report, the smallest first; the rest are counted in
 * `summary.scenariosNotListed` so reports stay bounded on large estates (binding ones always listed).
 */
export const DEFAULT_MAX_LISTED = 200;
