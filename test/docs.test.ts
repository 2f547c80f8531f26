/**
 * The product documents itself (issue 12 point 1): the README sends no reader outside the
 * repository, and docs/inventory.md and the starter's README.md document every file and column the
 * loader reads (and the cluster and placement files being added).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/run-cli.js';
import { COLUMNS, INVENTORY_FILES, KEY_COLUMNS } from '../src/domain/inventory-files.js';
import { BOUNDS, formatBound } from '../src/domain/bounds.js';
import { loadInventory } from '../src/io/load-inventory.js';

const read = (path: string): string => readFileSync(join(REPO_ROOT, path), 'utf8');

/** The text of a Markdown section from its heading to the next heading of the same level or above. */
function section(doc: string, heading: string): string {
  const start = doc.indexOf(`\n${heading}\n`);
  if (start < 0) return '';
  const level = /^#+/.exec(heading)?.[0].length ?? 2;
  const rest = doc.slice(start + heading.length + 2);
  const end = rest.search(new RegExp(`\\n#{1,${level}} `));
  return end < 0 ? rest : rest.slice(0, end);
}

describe('the manual', () => {
  it('the README links only inside the repository', () => {
    const readme = read('README.md');
    expect(readme).not.toContain('../shared');
    expect(readme).not.toMatch(/\bspec(ification)? (section )?\d/);
    expect(readme).toContain('[`docs/inventory.md`](docs/inventory.md)');
    expect(readme).toContain('[`docs/rules.md`](docs/rules.md)');
  });

  it('docs/inventory.md documents every file and column the loader reads, with an example row', () => {
    const doc = read('docs/inventory.md');
    for (const file of INVENTORY_FILES) {
      const text = section(doc, `## ${file}`) || section(doc, `### ${file}`);
      expect(text, file).not.toBe('');
      for (const column of COLUMNS[file])
        expect(text, `${file} ${column}`).toContain(`| \`${column}\``);
      // The example row has the header's columns.
      expect(text, file).toContain(`\`\`\`csv\n${COLUMNS[file].join(',')}\n`);
    }
  });

  it('docs/inventory.md documents the cluster and placement files and columns', () => {
    const doc = read('docs/inventory.md');
    const expected: [string, string[]][] = [
      [
        '### clusters.csv',
        ['cluster', 'nodes', 'lock', 'lock_site', 'quorum_server', 'member_timeout_s'],
      ],
      [
        '### New packages.csv columns',
        ['priority', 'on_start_failure', 'auto_run', 'failover_policy'],
      ],
      ['### dependencies.csv', ['package', 'depends_on', 'location']],
      ['### capacities.csv', ['node', 'capacity', 'value']],
      ['### weights.csv', ['package', 'cluster', 'capacity', 'value']],
    ];
    for (const [heading, columns] of expected) {
      const text = section(doc, heading);
      expect(text, heading).not.toBe('');
      for (const column of columns)
        expect(text, `${heading} ${column}`).toContain(`| \`${column}\``);
    }
    expect(section(doc, '### New packages.csv columns')).toContain(
      '| whole number 1–3000, or `no_priority`',
    );
  });

  it('the starter README explains every column of every starter file', () => {
    const readme = read('data/starter/README.md');
    const starter = readdirSync(join(REPO_ROOT, 'data/starter'));
    for (const file of INVENTORY_FILES.filter((f) => starter.includes(f))) {
      expect(readme, file).toContain(`\`${file}\``);
      for (const column of COLUMNS[file])
        expect(readme, `${file} ${column}`).toContain(`| \`${column}\``);
    }
  });

  it('docs/inventory.md shows --set on every file, with its key, each example a change the loader takes', async () => {
    const doc = read('docs/inventory.md');
    const text = section(doc, '## Changing a value from the command line (`--set`)');
    for (const file of INVENTORY_FILES) {
      const base = file.replace(/\.csv$/, '');
      const row = text.split('\n').find((l) => l.startsWith(`| \`${base}\` `));
      expect(row, file).toBeDefined();
      const cells = (row ?? '').split('|').map((c) => c.trim());
      expect(cells[2]?.startsWith(KEY_COLUMNS[file].join('/')), `${file} key`).toBe(true);
      const change = /`--set ([^`]+)`/.exec(cells[3] ?? '')?.[1] ?? '';
      expect(change.startsWith(`${base}.`), `${file} example`).toBe(true);
      const inventory = cells[3]?.endsWith('(mixed)') ? 'data/mixed-estate' : 'data/seed-fig15';
      // Refused changes throw (exit 2): every example must be one the loader applies.
      await expect(
        loadInventory(join(REPO_ROOT, inventory), { changes: [change] }),
        change,
      ).resolves.toBeDefined();
    }
  });

  it('docs/inventory.md states the bound of every number', () => {
    const doc = read('docs/inventory.md');
    const bounds = [BOUNDS.coresPerCell, BOUNDS.cores, BOUNDS.ticapMinutes, BOUNDS.seconds];
    for (const b of bounds) expect(doc, String(b)).toContain(formatBound(b));
    // MEMBER_TIMEOUT at most 300 s [C12] (src/io/schemas.ts).
    expect(doc).toContain('| `member_timeout_s` | seconds above 0, at most 300');
    // A number without a bound says so.
    expect(doc).toContain('_number ≥ 0_ a decimal number with no upper bound');
  });
});
