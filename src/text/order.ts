/** Orders of text that every layer shares: deterministic on every machine and locale. */

/** Code-unit string order: deterministic on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
