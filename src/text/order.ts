/** Orders of text that every layer shares: deterministic on every machine and locale. */

/** Code-unit string order: deterministic on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Order by several text keys in turn (code-unit order each). */
export function byKeys<T>(...keys: ((t: T) => string)[]): (a: T, b: T) => number {
  return (a, b) => {
    for (const k of keys) {
      const c = compareText(k(a), k(b));
      if (c !== 0) return c;
    }
    return 0;
  };
}
