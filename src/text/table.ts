/**
 * Tables as text: plain ones for the terminal (`gicap model`, `calibrate`, `optimize`: two-space
 * indent, columns padded to their widest cell, numbers right-aligned) and padded Markdown ones (the
 * reports and purchase.md). Pure.
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

/**
 * A Markdown table, columns padded to their widest cell (at least 3, code points), the columns in
 * `right` right-aligned (`---:`). Cells arrive as Markdown already (escaped by the caller).
 */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  right: readonly number[] = [],
): string[] {
  const width = (s: string): number => [...s].length;
  const widths = header.map((h, i) => Math.max(3, width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const cell = (s: string, i: number): string => {
    const fill = ' '.repeat(Math.max(0, (widths[i] ?? 0) - width(s)));
    return right.includes(i) ? fill + s : s + fill;
  };
  const line = (cells: readonly string[]): string =>
    `| ${widths.map((_, i) => cell(cells[i] ?? '', i)).join(' | ')} |`;
  const rule = `|${widths
    .map((w, i) => (right.includes(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2)))
    .join('|')}|`;
  return [line(header), rule, ...rows.map(line)];
}
