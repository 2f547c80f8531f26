/**
 * Plain-text tables for the terminal (`gicap model`, `calibrate`, `optimize`): two-space indent,
 * columns padded to their widest cell, numbers right-aligned. Pure.
 */
export interface TextTableOptions {
  /** Columns to right-align (numbers). */
  readonly right?: readonly number[];
  /** Leave the last column unpadded (free text such as a source or a description). */
  readonly freeLast?: boolean;
}

export function textTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  options: TextTableOptions = {},
): string[] {
  const right = options.right ?? [];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    `  ${cells
      .map((cell, i) => {
        if (options.freeLast === true && i === cells.length - 1) return cell;
        const w = widths[i] ?? 0;
        return right.includes(i) ? cell.padStart(w) : cell.padEnd(w);
      })
      .join('  ')}`.trimEnd();
  return [line(header), ...rows.map(line)];
}

/** A number as written: integers plain, fractions with up to 3 decimals. */
export function formatDecimal(x: number): string {
  return String(Math.round(x * 1000) / 1000);
}
