/**
 * Every example runs (issue 12 point 2): each `gicap …` line of every command's `--help` and every
 * `gicap …` command of the README (its transcripts, its `sh` blocks and its inline code) is run, in
 * order, in a temporary copy of `data/`, and must not exit 2 (bad input or usage). An example whose
 * note says `(exit N: why)` must exit exactly N.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findRunBlocks } from '../../scripts/readme-blocks.js';
import { REPO_ROOT, runGicap } from '../helpers/run-cli.js';

/** One command line of an example: its arguments, and where its stdout goes (`> FILE`). */
interface Step {
  readonly args: string[];
  readonly stdoutTo: string | null;
}

interface Example {
  readonly text: string;
  readonly steps: Step[];
  /** The exit code the example's note announces, else null (anything but 2 is fine). */
  readonly expectedExit: number | null;
}

/** Parses `gicap A B > F && gicap C   (exit 1: why)` into its steps and announced exit code. */
function parseExample(line: string): Example {
  const text = line.trim().replace(/^npx /, '');
  const note = /\s{2,}\((.*)\)$/.exec(text);
  const command = note === null ? text : text.slice(0, note.index);
  const exit = /^exit (\d)\b/.exec(note?.[1] ?? '');
  const steps = command.split(/\s+&&\s+/).map((part): Step => {
    const [cmd = '', target] = part.split(/\s+>\s+/);
    const words = cmd.trim().replace(/^npx /, '').split(/\s+/);
    if (words[0] !== 'gicap') throw new Error(`not a gicap command: ${part}`);
    if (/["'`$|<]/.test(cmd)) throw new Error(`shell syntax the test does not run: ${part}`);
    return { args: words.slice(1), stdoutTo: target?.trim() ?? null };
  });
  return { text: command, steps, expectedExit: exit === null ? null : Number(exit[1]) };
}

const sandboxes: string[] = [];
afterAll(() => {
  for (const dir of sandboxes) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder holding a copy of the bundled data, as a planner's working folder would. */
function sandbox(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gicap-examples-'));
  sandboxes.push(dir);
  cpSync(join(REPO_ROOT, 'data'), join(dir, 'data'), { recursive: true });
  return dir;
}

/** Runs the examples in order in one folder (later ones may use files earlier ones wrote). */
function runExamples(examples: readonly Example[]): string[] {
  const cwd = sandbox();
  const failures: string[] = [];
  for (const ex of examples) {
    for (const step of ex.steps) {
      const r = runGicap(step.args, { cwd });
      if (step.stdoutTo !== null) writeFileSync(join(cwd, step.stdoutTo), r.stdout);
      const ok = ex.expectedExit === null ? r.status !== 2 : r.status === ex.expectedExit;
      if (!ok) {
        failures.push(
          `gicap ${step.args.join(' ')}: exit ${r.status}${ex.expectedExit === null ? '' : ` (expected ${ex.expectedExit})`}\n${r.stderr.trim()}`,
        );
      }
    }
  }
  return failures;
}

/** The `gicap …` lines of a help text's "Examples:" section. */
function helpExamples(help: string): string[] {
  const section = /\nExamples:\n((?: {2}.*\n)+)/.exec(help)?.[1] ?? '';
  return section
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('gicap '));
}

const commands = (/\nCommands:\n((?: {2}.*\n)+)/.exec(runGicap(['--help']).stdout)?.[1] ?? '')
  .split('\n')
  .map((l) => /^ {2}([a-z-]+) /.exec(l)?.[1])
  .filter((c): c is string => c !== undefined && c !== 'help');

describe('examples in --help', () => {
  it('finds the commands and their examples', () => {
    expect(commands).toEqual([
      'plan',
      'what-if',
      'validate',
      'batch',
      'model',
      'calibrate',
      'optimize',
      'generate',
      'init',
    ]);
  });

  const cases: [string, string[]][] = [
    ['(the program)', []],
    ...commands.map((c): [string, string[]] => [c, [c]]),
  ];
  it.each(cases)(
    'every example of gicap %s --help runs',
    (_, cmd) => {
      const examples = helpExamples(runGicap([...cmd, '--help']).stdout).map(parseExample);
      expect(examples.length).toBeGreaterThan(0);
      expect(runExamples(examples)).toEqual([]);
    },
    300_000,
  );
});

/** Every `gicap …` command of the README, in document order. */
function readmeCommands(readme: string): string[] {
  const out: { at: number; line: string }[] = [];
  for (const b of findRunBlocks(readme))
    out.push({ at: b.start, line: `gicap ${b.args.join(' ')}` });
  for (const m of readme.matchAll(/```sh\n([\s\S]*?)```/g)) {
    for (const l of (m[1] ?? '').split('\n')) {
      if (/^(npx )?gicap /.test(l)) out.push({ at: m.index, line: l });
    }
  }
  // Inline code outside fenced blocks: `gicap …` or `npx gicap …`.
  const unfenced = readme.replace(/```[\s\S]*?```/g, (block) => ' '.repeat(block.length));
  for (const m of unfenced.matchAll(/`((?:npx )?gicap [^`]+)`/g)) {
    out.push({ at: m.index, line: (m[1] ?? '').replace(/\\\|/g, '|') });
  }
  // Each command once (the quick start's plan is both a transcript and inline code).
  return [...new Set(out.sort((a, b) => a.at - b.at).map((c) => c.line))];
}

/**
 * README commands that exit 2 on purpose, with the reason the README gives: the bundled runs
 * file includes `broken-estate`, which has three deliberate mistakes.
 */
const README_EXIT_2 = new Set(['gicap batch data/batch/runs.csv --out reports/batch']);

describe('commands in the README', () => {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const lines = readmeCommands(readme);

  it('finds them (transcripts, sh blocks and inline code)', () => {
    expect(lines).toEqual(
      expect.arrayContaining([
        'gicap plan data/mixed-estate --out reports/mixed',
        'npx gicap calibrate data/observations-example.csv --out my-model.json',
        'npx gicap init my-estate',
      ]),
    );
  });

  it('every one runs', () => {
    const examples = lines.map((l) => {
      const ex = parseExample(l);
      return README_EXIT_2.has(ex.text) ? { ...ex, expectedExit: 2 } : ex;
    });
    expect(runExamples(examples)).toEqual([]);
  }, 600_000);
});
