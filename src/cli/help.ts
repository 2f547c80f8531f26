/**
 * The text every command's `--help` ends with, in one layout (issue 12 point 8): an optional
 * paragraph or two, the examples (each a command that runs as shown: test/cli/examples.test.ts runs
 * them), and the exit codes. Prose is wrapped at word boundaries to fit an 80-column terminal;
 * example lines are commands and are never wrapped.
 */
import { Help, type Option } from 'commander';

/** Help lines fit a terminal of this many columns (commander's own default when not a TTY). */
export const HELP_WIDTH = 80;

/** Word-wraps `text` (a paragraph; existing line breaks are treated as spaces) to `width` columns. */
export function wrapParagraph(text: string, indent = '', width = HELP_WIDTH): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(indent + line);
  return lines.join('\n');
}

/** What each exit code means for one command; 2 and 3 mean the same everywhere. */
export interface ExitMeanings {
  readonly 0: string;
  /** Absent for a command that has no findings (it exits 0 or 2). */
  readonly 1?: string;
  readonly 2?: string;
}

const INPUT_MEANING = 'bad input or usage: every problem is listed on stderr, nothing is written';
const INTERNAL_MEANING = 'internal error (a bug: please report it with the command you ran)';

/** The "Exit codes:" section, the same layout for every command. */
export function exitCodesSection(m: ExitMeanings): string {
  const rows: [string, string][] = [['0', m[0]]];
  if (m[1] !== undefined) rows.push(['1', m[1]]);
  rows.push(['2', m[2] ?? INPUT_MEANING], ['3', INTERNAL_MEANING]);
  // `  0  meaning`, continuation lines under the meaning.
  const body = rows.map(([code, meaning]) =>
    wrapParagraph(meaning, '     ').replace(/^ {5}/, `  ${code}  `),
  );
  return ['Exit codes:', ...body].join('\n');
}

/** The "Examples:" section: one runnable command a line, optionally followed by `  (a note)`. */
export function examplesSection(examples: readonly string[]): string {
  return ['Examples:', ...examples.map((e) => `  ${e}`)].join('\n');
}

/** Assembles the text shown after the options: prose paragraphs, examples, exit codes. */
export function helpAfter(parts: {
  readonly about?: readonly string[];
  readonly examples: readonly string[];
  readonly exit: ExitMeanings;
}): string {
  const sections = [
    ...(parts.about ?? []),
    examplesSection(parts.examples),
    exitCodesSection(parts.exit),
  ];
  return `\n${sections.join('\n\n')}`;
}

/**
 * commander's option help plus "required" for a required option (commander does not say so). Given
 * to `configureHelp` on the program before the commands are added, so every command inherits it.
 */
export const HELP_CONFIG = {
  helpWidth: HELP_WIDTH,
  optionDescription(this: Help, option: Option): string {
    const text = Help.prototype.optionDescription.call(this, option);
    if (!option.mandatory) return text;
    // A repeatable required option says both in one parenthesis: `(required, repeatable)`.
    return text.endsWith(' (repeatable)')
      ? `${text.slice(0, -' (repeatable)'.length)} (required, repeatable)`
      : `${text} (required)`;
  },
};
