/** The README's transcripts are real: each `<!-- run: gicap … -->` block equals the command's output. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blockContent, findRunBlocks } from '../scripts/readme-blocks.js';
import { REPO_ROOT, runGicap } from './helpers/run-cli.js';

const readme = readFileSync(`${REPO_ROOT}README.md`, 'utf8');
const blocks = findRunBlocks(readme);

describe('README transcripts', () => {
  it('has the quick start and what-if transcripts', () => {
    expect(blocks.map((b) => b.args.slice(0, 2).join(' '))).toEqual(
      expect.arrayContaining([
        'plan data/mixed-estate',
        'what-if data/seed-fig15',
        'what-if data/mixed-estate',
      ]),
    );
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm ci && npm test');
  });

  it.each(blocks.map((b) => [b.args.join(' '), b] as const))(
    'gicap %s prints what the README shows',
    (_, block) => {
      const r = runGicap(block.args);
      expect(blockContent(block.args, r.stdout)).toBe(block.content);
    },
  );
});
