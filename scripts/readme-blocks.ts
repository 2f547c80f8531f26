/**
 * The README's generated blocks: a comment `<!-- run: gicap ARGS -->` followed by a fenced `text`
 * block holding `$ gicap ARGS` and the command's output. `npm run readme` refreshes them; a test
 * checks that each still matches what the command prints (so the transcripts stay true).
 */
export interface RunBlock {
  /** Arguments after `gicap`. */
  readonly args: string[];
  /** The fenced block's content as the README has it. */
  readonly content: string;
  /** Offsets of the content in the README text. */
  readonly start: number;
  readonly end: number;
}

const BLOCK = /<!-- run: gicap (.+?) -->\n\n?```text\n([\s\S]*?)```/g;

export function findRunBlocks(readme: string): RunBlock[] {
  const out: RunBlock[] = [];
  for (const m of readme.matchAll(BLOCK)) {
    const args = (m[1] ?? '').trim().split(/\s+/);
    const content = m[2] ?? '';
    const start = (m.index ?? 0) + m[0].length - 3 - content.length;
    out.push({ args, content, start, end: start + content.length });
  }
  return out;
}

/** What a block should hold: the command line, then its stdout. */
export function blockContent(args: readonly string[], stdout: string): string {
  return `$ gicap ${args.join(' ')}\n${stdout}`;
}
