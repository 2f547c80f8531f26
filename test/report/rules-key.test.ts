/**
 * The rules key (issue 12 point 1): every tag the code cites is in the catalogue, docs/rules.md is
 * the catalogue as rendered, and the reports explain and link the tags they cite.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_FAMILIES, SOURCES } from '../../src/domain/rules.js';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import {
  describeSources,
  findCitations,
  keyEntries,
  linkCitations,
  renderRulesDoc,
} from '../../src/report/rules-key.js';
import { goldenReports } from '../helpers/golden-cases.js';
import { REPO_ROOT } from '../helpers/run-cli.js';

// The double-failure plan cites the most rules: seizures, takeovers, clusters, dependencies, TiCAP.
const reports = goldenReports(['mixed-estate-k2']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('the rules catalogue', () => {
  it('explains every tag cited anywhere in src/', () => {
    const known = new Set([
      ...RULE_FAMILIES.flatMap((f) => f.rules.map((r) => r.tag)),
      ...SOURCES.map((s) => s.tag),
    ]);
    const cited = new Set<string>();
    for (const file of sourceFiles(join(REPO_ROOT, 'src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\[([A-Z]\d+)[^\]]*\]/g)) {
        // Each item of `[T1, T2]` or `[S1 p.31]`.
        for (const item of m[0].slice(1, -1).split(/,\s*/)) {
          const tag = /^[A-Z]\d+/.exec(item)?.[0];
          if (tag !== undefined) cited.add(tag);
        }
      }
    }
    expect(cited.size).toBeGreaterThan(25);
    expect([...cited].filter((t) => !known.has(t))).toEqual([]);
  });

  it('has every family of rules of the HP sources, each tag once, each with a source', () => {
    const tags = RULE_FAMILIES.flatMap((f) => f.rules.map((r) => r.tag));
    expect(new Set(tags).size).toBe(tags.length);
    for (const prefix of ['R', 'V', 'G', 'M', 'X', 'T', 'C', 'P', 'Q']) {
      expect(tags.filter((t) => t.startsWith(prefix)).length, prefix).toBeGreaterThan(5);
    }
    expect(tags.filter((t) => /^C\d+$/.test(t))).toHaveLength(12);
    expect(tags.filter((t) => /^P\d+$/.test(t))).toHaveLength(8);
    const documents = new Set(SOURCES.map((s) => s.tag));
    for (const r of RULE_FAMILIES.flatMap((f) => f.rules)) {
      expect(r.sources.length, r.tag).toBeGreaterThan(0);
      for (const s of r.sources)
        expect(documents.has(s.split(' ')[0] ?? ''), `${r.tag}: ${s}`).toBe(true);
      expect(r.rule, r.tag).toMatch(/^[A-Za-z].*\.$/);
    }
    // Titles and pages only: no URL of a mirror host.
    expect(JSON.stringify(SOURCES)).not.toMatch(/https?:|www\.|\d+\.\d+\.\d+\.\d+/);
  });

  it('docs/rules.md is the catalogue as rendered (npm run readme refreshes it)', () => {
    expect(readFileSync(join(REPO_ROOT, 'docs/rules.md'), 'utf8')).toBe(renderRulesDoc());
  });
});

describe('citations', () => {
  it('finds single, grouped and paged tags, and leaves other brackets alone', () => {
    expect(findCitations('seized [X5]; TiCAP [T1, T2]; sg [S1 p.31]; [Z9] [note] [A-01]')).toEqual([
      { tag: 'X5', detail: null },
      { tag: 'T1', detail: null },
      { tag: 'T2', detail: null },
      { tag: 'S1', detail: 'p.31' },
    ]);
  });

  it('links each item and keeps the brackets', () => {
    const link = (tag: string, label: string): string => `<a href="#rule-${tag}">${label}</a>`;
    expect(linkCitations('x [T1, T2] y [S1 p.31] z [Z9]', link)).toBe(
      'x [<a href="#rule-T1">T1</a>, <a href="#rule-T2">T2</a>] y [<a href="#rule-S1">S1 p.31</a>] z [Z9]',
    );
  });

  it('explains each tag once, in catalogue order, with its sources by title and page', () => {
    expect(keyEntries(['[X11] and [X11]', 'see [S1 p.31] and [R1]'])).toEqual([
      {
        tag: 'R1',
        anchor: 'rule-r1',
        text: "An nPartition keeps at least one active core per active cell; deactivation stops there (vPar minimums apply on top). Source: HP Instant Capacity User's Guide 8.x (B9073-90183) and 7.x (B9073-90081), HTML edition, ch04s05; HP Instant Capacity User's Guide for Versions 8.x, p. 92.",
      },
      {
        tag: 'X11',
        anchor: 'rule-x11',
        text: "Down is judged by ping, so a network cut can make a live partition look dead and trigger a seizure that starves it. Source: HP Instant Capacity User's Manual (10.x edition), p. 124.",
      },
      {
        tag: 'S1',
        anchor: 'rule-s1',
        text: 'Source document: HP white paper "Cost-Effective High-Availability Solutions with HP Instant Capacity on HP-UX" (cellular servers); cited here: p. 31.',
      },
    ]);
    expect(describeSources(['S1 p.27', 'S1 p.31', 'S4 p.157'])).toBe(
      'HP white paper "Cost-Effective High-Availability Solutions with HP Instant Capacity on HP-UX" (cellular servers), p. 27, p. 31; HP Instant Capacity User\'s Guide for Version 9.x, p. 157',
    );
  });
});

describe('the key in the reports', () => {
  it('report.md ends with "Rules cited", one line per tag its text cites', () => {
    const md = renderMarkdown(reports['mixed-estate-k2']);
    const [body = '', key = ''] = md.split('\n## Rules cited\n');
    const cited = new Set(findCitations(body).map((c) => c.tag));
    const explained = [...key.matchAll(/^- \*\*\[([A-Z]\d+)\]\*\* /gm)].map((m) => m[1]);
    expect(cited.size).toBeGreaterThan(20);
    expect(new Set(explained)).toEqual(cited);
    expect(explained).toHaveLength(cited.size);
    expect(md).toContain(
      "- **[X2]** A seizure takes all it can: on a cellular server it leaves one core right per active cell, so it yields max(Intended Active, Actual Active) minus the active cells. Source: HP Instant Capacity Version 10.x User Guide (762794-001, March 2014), p. 80; HP Instant Capacity User's Guide for Versions 8.x, p. 145; HP Instant Capacity User's Guide for Version 9.x, p. 123.\n",
    );
  });

  it('report.html links every tag to an entry of its own "Rules cited" section', async () => {
    const html = await renderHtml(reports['mixed-estate-k2']);
    const links = [...html.matchAll(/<a class="tag" href="#(rule-[a-z]\d+)">/g)].map((m) => m[1]);
    const anchors = new Set([...html.matchAll(/<dt id="(rule-[a-z]\d+)">/g)].map((m) => m[1]));
    expect(links.length).toBeGreaterThan(0);
    expect(new Set(links)).toEqual(anchors);
    expect(html).toContain('<h2 id="rules-cited">Rules cited</h2>');
    expect(html).toContain('<a href="#rules-cited">Rules cited</a>');
    // No tag is left unlinked in the page's text (outside the key's own terms).
    const text = html.replace(/<dl class="key">[\s\S]*?<\/dl>/, '').replace(/<[^>]+>/g, '');
    const linkedCount = links.length;
    expect(findCitations(text).length).toBe(linkedCount);
  });
});
