import { describe, expect, it } from 'vitest';
import { runGicap } from '../helpers/run-cli.js';
import { INVENTORY_FILES, KEY_COLUMNS } from '../../src/domain/inventory-files.js';

describe('gicap --help', () => {
  it('lists the commands, examples and exit codes, and exits 0', () => {
    const r = runGicap(['--help']);
    expect(r.status).toBe(0);
    for (const cmd of ['plan', 'what-if', 'validate', 'batch', 'model', 'calibrate', 'optimize']) {
      expect(r.stdout).toMatch(new RegExp(`^  ${cmd}\\b`, 'm'));
    }
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain(
      '2  bad input or usage: every problem is listed on stderr, nothing is written',
    );
  });

  it('rejects an unknown command with exit 2', () => {
    const r = runGicap(['bogus']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown command 'bogus'");
  });
});

/** Every command of the program, with its help text as a user sees it. */
const COMMANDS = [
  'plan',
  'what-if',
  'validate',
  'batch',
  'model',
  'calibrate',
  'optimize',
  'generate',
  'init',
] as const;
const helps = new Map<string, string>([
  ['gicap', runGicap(['--help']).stdout],
  ...COMMANDS.map((c) => [c, runGicap([c, '--help']).stdout] as const),
]);

/** The options of a help text's "Options:" section: flags and description (lines joined). */
function optionEntries(help: string): { flags: string; text: string }[] {
  const section = /\nOptions:\n((?: {2}.*\n)+)/.exec(help)?.[1] ?? '';
  const entries: { flags: string; text: string }[] = [];
  for (const line of section.split('\n')) {
    const m = /^ {2}(-\S.*?) {2,}(.*)$/.exec(line);
    const last = entries[entries.length - 1];
    if (m !== null) entries.push({ flags: m[1] ?? '', text: m[2] ?? '' });
    else if (line.trim() !== '' && last !== undefined) last.text += ` ${line.trim()}`;
  }
  return entries;
}

describe('help that reads well (issue 12 point 8)', () => {
  it.each([...helps.keys()])('%s --help ends with the exit codes in the one layout', (name) => {
    const help = helps.get(name) ?? '';
    const section = /\nExit codes:\n((?:(?: {2}\d {2}| {5}).*\n)+)$/.exec(help);
    expect(section, help).not.toBeNull();
    const codes = [...(section?.[1] ?? '').matchAll(/^ {2}(\d) {2}/gm)].map((m) => m[1]);
    expect(codes[0]).toBe('0');
    expect(codes.slice(-2)).toEqual(['2', '3']);
    expect(help).toContain(
      '  3  internal error (a bug: please report it with the command you ran)\n',
    );
  });

  it('marks every required option as required', () => {
    const required = [
      ['calibrate', '--out <file>'],
      ['optimize', '--costs <file>'],
      ['generate', '--out <dir>'],
      // what-if explains a scenario: at least one failed unit.
      ['what-if', '--fail <unit>'],
    ] as const;
    for (const [cmd, flag] of required) {
      const entry = optionEntries(helps.get(cmd) ?? '').find((e) => e.flags === flag);
      expect(entry?.text, `${cmd} ${flag}`).toMatch(/\(required(, repeatable)?\)$/);
    }
    expect(optionEntries(helps.get('what-if') ?? '')[0]?.text).toMatch(
      /name \(required, repeatable\)$/,
    );
    // …and no other option says so.
    const marked = [...helps.values()].flatMap((h) =>
      optionEntries(h).filter((e) => /\(required\b/.test(e.text)),
    );
    expect(marked).toHaveLength(required.length);
  });

  it('shows the 1–6 range of --max-failures and no empty default', () => {
    for (const cmd of ['plan', 'optimize']) {
      const entry = optionEntries(helps.get(cmd) ?? '').find(
        (e) => e.flags === '-k, --max-failures <k>',
      );
      expect(entry?.text).toBe('Scenarios of up to k failed units at once, 1 to 6 (default: 1)');
    }
    for (const help of helps.values()) expect(help).not.toContain('(default: [])');
    const fail = optionEntries(helps.get('what-if') ?? '').find((e) => e.flags === '--fail <unit>');
    expect(fail?.text).toBe(
      'A failed unit: complex:C, npar:C/N, vpar:C/N/V, site:S, host:H, gm:GROUP, or a bare host, complex or site name (required, repeatable)',
    );
  });

  it('capitalises every description and keeps prose within 80 columns, unbroken words', () => {
    for (const [name, help] of helps) {
      for (const line of help.split('\n')) {
        // Example command lines are commands: they are never wrapped.
        if (/^ {2}gicap /.test(line)) continue;
        expect([...line].length, `${name}: ${line}`).toBeLessThanOrEqual(80);
      }
      for (const entry of optionEntries(help)) {
        expect(entry.text, `${name}: ${entry.flags}`).toMatch(/^[A-Z]/);
      }
      const args = /\nArguments:\n((?: {2}.*\n)+)/.exec(help)?.[1] ?? '';
      for (const m of args.matchAll(/^ {2}(\S+) {2,}(\S)/gm)) {
        expect(m[2], `${name}: argument ${m[1]}`).toMatch(/[A-Z]/);
      }
      // The description under Usage is one paragraph, capitalised, wrapped only between words.
      const about = /^Usage: .*\n\n([\s\S]*?)\n\n/.exec(help)?.[1] ?? '';
      expect(about, name).toMatch(/^[A-Z]/);
      // Greedy wrapping: a line breaks only where the next word would not fit on it.
      const lines = about.split('\n');
      lines.slice(1).forEach((line, i) => {
        const prev = lines[i] ?? '';
        const next = line.trim().split(' ')[0] ?? '';
        expect(prev.length + 1 + next.length, `${name}: ${prev} / ${next}`).toBeGreaterThan(80);
      });
    }
    const commandList = /\nCommands:\n((?: {2}.*\n)+)/.exec(helps.get('gicap') ?? '')?.[1] ?? '';
    for (const m of commandList.matchAll(/^ {2}\S.*? {2,}(\S)/gm)) expect(m[1]).toMatch(/[A-Z]/);
  });

  it('suggests the closest unit of every kind for an unknown --fail unit', () => {
    const r = runGicap(['what-if', 'data/mixed-estate', '--fail', 'npar:east-sd1/edb1']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      '--fail npar:east-sd1/edb1: unknown unit (expected complex:C, npar:C/N, vpar:C/N/V, site:S, host:H, gm:GROUP or a host name; closest of each kind: complex:east-sd1, npar:east-sd1/np-db, vpar:east-sd1/np-app/eweb1, site:dc-east, edb1)\n',
    );
  });

  it('names every inventory file in the inventory argument and every file and key under --set', () => {
    for (const cmd of ['validate', 'plan', 'what-if']) {
      const help = (helps.get(cmd) ?? '').replace(/\s+/g, ' ');
      const argument = /Arguments: inventory (.*?) Options:/.exec(help)?.[1] ?? '';
      const set = /--set CHANGE edits (.*?) Examples:/.exec(help)?.[1] ?? '';
      for (const file of INVENTORY_FILES) {
        const base = file.replace(/\.csv$/, '');
        expect(argument, `${cmd} ${file}`).toMatch(new RegExp(`\\b${base}\\b`));
        expect(set, `${cmd} --set ${file}`).toContain(`${base} ${KEY_COLUMNS[file].join('/')}`);
      }
    }
  });
});
