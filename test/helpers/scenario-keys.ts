/**
 * The documented key order of a scenario (report.json's `scenarios[]` and each `scenarios.jsonl`
 * line) and of a streamed package, as the README shows them: the expected values of the shape tests.
 */
export const SCENARIO_KEYS = [
  'id',
  'failed',
  'outage',
  'survives',
  'gm',
  'clusters',
  'rights',
  'packages',
  'unaffected',
  'warnings',
  'time',
  'slowest',
] as const;

/** A package of a `scenarios.jsonl` line (a lost one adds `attempts`). */
export const STREAMED_PACKAGE_KEYS = [
  'package',
  'from',
  'to',
  'status',
  'reason',
  'activated',
  'sources',
  'time',
] as const;
