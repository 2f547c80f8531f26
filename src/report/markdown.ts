/**
 * `report.md` (spec 5.2): the report as GitHub-flavoured Markdown, readable as plain text on a
 * terminal (tables padded to column width, no HTML) and rendered by a repository browser.
 * Pure and deterministic: the same report gives the same bytes.
 */
import type { PlanReport } from '../domain/result.js';
import { buildDocument } from './document.js';
import { withRulesKey } from './rules-key.js';
import { markdownTable } from '../text/table.js';
import type { Block, Inline, ListItem, TableBlock, Text } from './blocks.js';

/**
 * Escapes the characters that would start Markdown syntax (emphasis, code, a table cell) or an HTML
 * tag in running text. Brackets stay as they are: source tags like `[S1 p.31]` are not links.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*|<]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

function renderInline(inline: Inline): string {
  if (typeof inline === 'string') return escapeMarkdown(inline);
  if ('code' in inline) {
    const fence = inline.code.includes('`') ? '``' : '`';
    return `${fence}${inline.code.replace(/\r?\n/g, ' ')}${fence}`;
  }
  if ('strong' in inline) return `**${escapeMarkdown(inline.strong)}**`;
  return `*${escapeMarkdown(inline.em)}*`;
}

function renderText(text: Text): string {
  return text.map(renderInline).join('');
}

function renderTable(t: TableBlock): string {
  const right = t.header.flatMap((_, i) => (t.align[i] === 'right' ? [i] : []));
  return markdownTable(
    t.header.map(escapeMarkdown),
    t.rows.map((r) => r.map(renderText)),
    right,
  ).join('\n');
}

function renderList(items: readonly ListItem[]): string {
  return items
    .flatMap((item) => [
      `- ${renderText(item.text)}`,
      ...item.children.map((c) => `  - ${renderText(c)}`),
    ])
    .join('\n');
}

function renderBlock(block: Block): string | null {
  switch (block.kind) {
    case 'heading':
      return `${'#'.repeat(block.level)} ${escapeMarkdown(block.text)}`;
    case 'paragraph':
      return renderText(block.text);
    case 'table':
      return renderTable(block);
    case 'list':
      return renderList(block.items);
    case 'chart':
      // Charts are in report.html; the tables around them carry the same numbers.
      return null;
    case 'key':
      return block.entries.map((e) => `- **[${e.tag}]** ${escapeMarkdown(e.text)}`).join('\n');
  }
}

/** Renders `report.md`. */
export function renderMarkdown(report: PlanReport): string {
  const doc = withRulesKey(buildDocument(report));
  const parts = [`# ${escapeMarkdown(doc.title)}`];
  for (const block of doc.blocks) {
    const text = renderBlock(block);
    if (text !== null) parts.push(text);
  }
  return `${parts.join('\n\n')}\n`;
}
