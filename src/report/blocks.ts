/**
 * The small document tree a human-readable report is built as (document.ts) and rendered from
 * (markdown.ts, html.ts): runs of text, blocks, and the builders the sections use.
 */
import { formatMore } from './format.js';

/** A run of text: plain, code (identifiers, codes), strong or emphasised (assumptions). */
export type Inline = string | { code: string } | { strong: string } | { em: string };
export type Text = readonly Inline[];

export type ChartName = 'timing' | 'sizing' | 'sharing' | 'sources';

export type Align = 'left' | 'right';

export interface TableBlock {
  readonly kind: 'table';
  readonly header: readonly string[];
  readonly align: readonly Align[];
  readonly rows: readonly (readonly Text[])[];
  /** Rows to highlight (a shortfall, a lost scenario), by index. */
  readonly flagged: ReadonlySet<number>;
  /** Columns of running text that may wrap in HTML (the others keep a value on one line). */
  readonly wrap: ReadonlySet<number>;
}

export interface ListItem {
  readonly text: Text;
  readonly children: readonly Text[];
}

/** One entry of the "Rules cited" key (rules-key.ts): a tag, its anchor, what it means. */
export interface KeyEntry {
  readonly tag: string;
  readonly anchor: string;
  readonly text: string;
}

export type Block =
  | { readonly kind: 'heading'; readonly level: 2 | 3; readonly text: string; readonly id: string }
  | { readonly kind: 'key'; readonly entries: readonly KeyEntry[] }
  | { readonly kind: 'paragraph'; readonly text: Text }
  | TableBlock
  | { readonly kind: 'list'; readonly items: readonly ListItem[] }
  | { readonly kind: 'chart'; readonly chart: ChartName };

export interface ReportDocument {
  readonly title: string;
  readonly blocks: readonly Block[];
}

// ---------------------------------------------------------------------------------------------
// Small builders

export function heading(level: 2 | 3, text: string, id: string): Block {
  return { kind: 'heading', level, text, id };
}

export function para(...text: Inline[]): Block {
  return { kind: 'paragraph', text };
}

export function table(
  header: readonly string[],
  align: readonly Align[],
  rows: readonly (readonly (Text | string)[])[],
  flagged: readonly boolean[] = [],
  wrap: readonly number[] = [],
): TableBlock {
  const set = new Set<number>();
  flagged.forEach((f, i) => {
    if (f) set.add(i);
  });
  return {
    kind: 'table',
    header,
    align,
    rows: rows.map((r) => r.map((c) => (typeof c === 'string' ? [c] : c))),
    flagged: set,
    wrap: new Set(wrap),
  };
}

export function code(s: string): Inline {
  return { code: s };
}

export function moreLine(more: number, noun: string, plural: string): Block[] {
  return more > 0 ? [para(formatMore(more, noun, plural))] : [];
}
