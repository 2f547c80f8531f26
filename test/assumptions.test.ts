/**
 * One scheme of assumption tags (issue 13, step 6): every `A-NN` the code cites is defined in the
 * README's "Model and assumptions" (`- A-NN: …`), every one defined there is cited where the code
 * implements it, and no other scheme (`A-NAME`) is left.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/run-cli.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

const code = sourceFiles('src').map((f) => ({
  file: f,
  text: readFileSync(join(REPO_ROOT, f), 'utf8'),
}));
const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');

describe('assumption tags', () => {
  const cited = new Set(code.flatMap((c) => c.text.match(/\bA-\d{2}\b/g) ?? []));
  const defined = [...readme.matchAll(/^- (A-\d{2}):/gm)].map((m) => m[1] ?? '');

  it('are defined once each in the README', () => {
    expect(defined.length).toBeGreaterThan(30);
    expect(new Set(defined).size).toBe(defined.length);
  });

  it('the code cites only defined ones, and every defined one is cited in the code', () => {
    expect([...cited].filter((t) => !defined.includes(t)).sort()).toEqual([]);
    expect(defined.filter((t) => !cited.has(t)).sort()).toEqual([]);
  });

  it('use one scheme: no named tags such as A-CASCADE', () => {
    const named = code.flatMap((c) =>
      (c.text.match(/\bA-[A-Z]{2,}[A-Z-]*\b/g) ?? []).map((t) => `${c.file}: ${t}`),
    );
    expect(named).toEqual([]);
  });
});
