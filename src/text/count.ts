/** Counts as words: thousands separators and plurals, the same in every output. */

/** An integer with `,` thousands separators (`43,200`); non-integers keep up to 2 decimals. */
export function formatNumber(n: number): string {
  const rounded = Math.round(n * 100) / 100;
  const negative = rounded < 0;
  const [int = '0', frac] = String(Math.abs(rounded)).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${frac === undefined ? '' : `.${frac}`}`;
}

/** A count with its noun, singular for exactly 1: `1 scenario`, `0 scenarios`, `1,024 scenarios`. */
export function plural(n: number, one: string, many: string): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}
