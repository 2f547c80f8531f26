/**
 * The key of the rule tags a report cites (issue 12 point 1): finding the citations (`[X8]`,
 * `[T1, T2]`, `[S1 p.31]`) in a report's text, the "Rules cited" section appended to report.md and
 * report.html (whose tags link to it, so the links work offline and in a copied file), and
 * docs/rules.md, the whole catalogue. Pure: text in, text out.
 */
import { RULE_FAMILIES, SOURCES, type Rule, type SourceDocument } from '../domain/rules.js';
import type { Block, Inline, KeyEntry, ReportDocument } from './blocks.js';

const RULES = new Map<string, Rule>(RULE_FAMILIES.flatMap((f) => f.rules.map((r) => [r.tag, r])));
const DOCUMENTS = new Map<string, SourceDocument>(SOURCES.map((s) => [s.tag, s]));
/** Catalogue order: rule families as listed, then the source documents. */
const ORDER = new Map<string, number>(
  [...RULES.keys(), ...DOCUMENTS.keys()].map((tag, i) => [tag, i]),
);

/** One cited item of a bracket: `X8`, or `S1` with its page `p.31`. */
export interface Citation {
  readonly tag: string;
  readonly detail: string | null;
}

const BRACKET = /\[([A-Z]\d+[^[\]]*)\]/g;
const ITEM = /^([A-Z]\d+)(?:\s+(\S.*))?$/;

/** The items of one bracket's content, or null when it is not (only) known tags. */
function parseBracket(content: string): Citation[] | null {
  const items: Citation[] = [];
  for (const part of content.split(/,\s*/)) {
    const m = ITEM.exec(part.trim());
    const tag = m?.[1];
    if (tag === undefined || !(RULES.has(tag) || DOCUMENTS.has(tag))) return null;
    items.push({ tag, detail: m?.[2] ?? null });
  }
  return items;
}

/** Every citation in `text`, in order. */
export function findCitations(text: string): Citation[] {
  return [...text.matchAll(BRACKET)].flatMap((m) => parseBracket(m[1] ?? '') ?? []);
}

/** The anchor of a tag's entry in the "Rules cited" section. */
export function ruleAnchor(tag: string): string {
  return `rule-${tag.toLowerCase()}`;
}

/**
 * `text` with each citation's items replaced by `link(tag, label)` (label `X8` or `S1 p.31`); the
 * brackets and everything else are left as they are. For HTML, call it on escaped text: escaping
 * leaves brackets, tags and pages unchanged.
 */
export function linkCitations(text: string, link: (tag: string, label: string) => string): string {
  return text.replace(BRACKET, (whole, content: string) => {
    const items = parseBracket(content);
    if (items === null) return whole;
    const labels = items.map((c) =>
      link(c.tag, c.detail === null ? c.tag : `${c.tag} ${c.detail}`),
    );
    return `[${labels.join(', ')}]`;
  });
}

const pageText = (detail: string): string => detail.replace(/\bp\.(\d)/, 'p. $1');

/**
 * Source references as text, each document named once with its pages:
 * `S5 p.92`, `S5 p.145` → `HP Instant Capacity User's Guide for Versions 8.x, p. 92, p. 145`.
 */
export function describeSources(refs: readonly string[]): string {
  const byDocument = new Map<string, string[]>();
  for (const ref of refs) {
    const m = ITEM.exec(ref);
    const tag = m?.[1] ?? ref;
    const details = byDocument.get(tag) ?? [];
    if (m?.[2] !== undefined) details.push(pageText(m[2]));
    byDocument.set(tag, details);
  }
  return [...byDocument]
    .map(([tag, details]) => {
      const title = DOCUMENTS.get(tag)?.title ?? tag;
      return details.length === 0 ? title : `${title}, ${details.join(', ')}`;
    })
    .join('; ');
}

function ruleText(rule: Rule): string {
  return `${rule.rule} Source: ${describeSources(rule.sources)}.`;
}

/** The key entries for the citations found in `texts`: each tag once, in catalogue order. */
export function keyEntries(texts: Iterable<string>): KeyEntry[] {
  const pages = new Map<string, Set<string>>();
  for (const text of texts) {
    for (const c of findCitations(text)) {
      const set = pages.get(c.tag) ?? new Set<string>();
      if (c.detail !== null) set.add(c.detail);
      pages.set(c.tag, set);
    }
  }
  return [...pages.keys()]
    .sort((a, b) => (ORDER.get(a) ?? 0) - (ORDER.get(b) ?? 0))
    .map((tag): KeyEntry => {
      const rule = RULES.get(tag);
      if (rule !== undefined) return { tag, anchor: ruleAnchor(tag), text: ruleText(rule) };
      const cited = [...(pages.get(tag) ?? [])].map(pageText);
      const title = DOCUMENTS.get(tag)?.title ?? tag;
      return {
        tag,
        anchor: ruleAnchor(tag),
        text: `Source document: ${title}${cited.length > 0 ? `; cited here: ${cited.join(', ')}` : ''}.`,
      };
    });
}

function inlineText(inline: Inline): string {
  if (typeof inline === 'string') return inline;
  if ('code' in inline) return inline.code;
  if ('strong' in inline) return inline.strong;
  return inline.em;
}

/** Every text of a block, for finding its citations. */
function blockTexts(block: Block): string[] {
  switch (block.kind) {
    case 'heading':
      return [block.text];
    case 'paragraph':
      return block.text.map(inlineText);
    case 'table':
      return [...block.header, ...block.rows.flatMap((r) => r.flatMap((c) => c.map(inlineText)))];
    case 'list':
      return block.items.flatMap((i) => [i.text, ...i.children].flatMap((t) => t.map(inlineText)));
    case 'chart':
    case 'key':
      return [];
  }
}

/** The id of the "Rules cited" heading. */
export const RULES_CITED_ID = 'rules-cited';

/** `doc` with a last section "Rules cited": every tag its text cites, explained (none: as is). */
export function withRulesKey(doc: ReportDocument): ReportDocument {
  const entries = keyEntries(doc.blocks.flatMap(blockTexts));
  if (entries.length === 0) return doc;
  return {
    ...doc,
    blocks: [
      ...doc.blocks,
      { kind: 'heading', level: 2, text: 'Rules cited', id: RULES_CITED_ID },
      {
        kind: 'paragraph',
        text: [
          'The HP rules behind the tags in this report, each in one sentence with its source document and page (the whole catalogue: docs/rules.md in gicap-planner).',
        ],
      },
      { kind: 'key', entries },
    ],
  };
}

/** docs/rules.md: the whole catalogue, one table per family, then the source documents. */
export function renderRulesDoc(): string {
  const cell = (s: string): string => s.replace(/\|/g, '\\|');
  const out: string[] = [
    '# Rules cited by gicap-planner',
    '',
    '<!-- Generated from src/domain/rules.ts by `npm run readme`; a test keeps it in step. -->',
    '',
    'The reports, the `what-if` story and the code cite HP rules by tag: `[X8]` is a rule below, `[S1 p.31]`',
    'is page 31 of source document S1. Each rule is paraphrased in one sentence; numbers are as the',
    'documents state them. The Q entries are open questions: the documents are silent, and the sentence',
    'is the assumption gicap-planner makes (the README\'s "Model and assumptions" section says how it',
    'is applied). Every report ends with a "Rules cited" key of the tags it uses.',
  ];
  for (const family of RULE_FAMILIES) {
    out.push('', `## ${family.name}`, '', '| tag | rule | source |', '| --- | --- | --- |');
    for (const r of family.rules) {
      out.push(`| ${r.tag} | ${cell(r.rule)} | ${cell(describeSources(r.sources))} |`);
    }
  }
  out.push('', '## Source documents', '', '| tag | document |', '| --- | --- |');
  for (const s of SOURCES) out.push(`| ${s.tag} | ${cell(s.title)} |`);
  return `${out.join('\n')}\n`;
}
