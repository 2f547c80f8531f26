/**
 * Indices back to names: the one place outside `describe.ts` (which tells whole scenarios) where the
 * engine turns an index of the compiled estate into a name for a result or a message. An index comes
 * from the estate's own compilation, so a miss is a bug: `at` throws an internal error (exit 3, "please
 * report") instead of letting a "?" or a -1 reach a report.
 */
import type { Estate } from './estate.js';

/** `list[i]`, or an internal error naming what was looked up. */
export function at<T>(list: readonly T[], i: number, what: string): T {
  const v = list[i];
  if (v === undefined) throw new Error(`internal: no ${what} at index ${i} of the compiled estate`);
  return v;
}

export const siteName = (estate: Estate, s: number): string => at(estate.sites, s, 'site');
export const complexName = (estate: Estate, c: number): string =>
  at(estate.complexes, c, 'complex').name;
export const nparName = (estate: Estate, n: number): string => at(estate.npars, n, 'nPar').key;
export const hostName = (estate: Estate, n: number): string => at(estate.nodes, n, 'node').host;
export const groupName = (estate: Estate, g: number): string => at(estate.groups, g, 'group').name;
export const packageName = (estate: Estate, p: number): string =>
  at(estate.packages, p, 'package').name;
export const clusterName = (estate: Estate, c: number): string =>
  at(estate.clusters, c, 'cluster').name;
