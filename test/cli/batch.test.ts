/** `gicap batch` end to end: the real binary, its report folders, summary.csv, stdout/stderr, exit codes. */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlanReport } from '../../src/domain/result.js';
import { parseCsv } from '../../src/io/csv.js';
import { runCli } from '../../src/cli/run.js';
import { REPO_ROOT, runGicap, type CliRun } from '../helpers/run-cli.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'gicap-batch-'));

/** Every file under `dir`, as sorted relative paths. */
function listTree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** summary.csv as records keyed by column. */
function readSummary(dir: string): Record<string, string>[] {
  const table = parseCsv(readFileSync(join(dir, 'summary.csv'), 'utf8'), 'summary.csv');
  return table.rows.map((r) =>
    Object.fromEntries(table.columns.map((c, i) => [c, r.fields[i] ?? ''])),
  );
}

const readReport = (dir: string): PlanReport =>
  JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as PlanReport;

const REPORT_FILES = [
  'report.html',
  'report.json',
  'report.md',
  'run.json',
  'scenarios.csv',
  'sizing.csv',
];
const BROKEN_FIRST_LINE =
  'complexes.csv:3:platform: invalid value (expected cellular or sd2, found "celular")';

describe('gicap batch data/batch/runs.csv', { timeout: 180_000 }, () => {
  let one: string;
  let two: string;
  let r1: CliRun;
  let r2: CliRun;
  beforeAll(() => {
    one = tmp();
    two = tmp();
    r1 = runGicap(['batch', 'data/batch/runs.csv', '--out', one]);
    r2 = runGicap(['batch', 'data/batch/runs.csv', '--out', two, '--jobs', '2']);
  }, 240_000);

  it('writes each computed run’s reports and summary.csv, and exits 2 because one run is invalid', () => {
    expect(r1.status).toBe(2);
    // Not a terminal: no progress bar, nothing at all on stderr.
    expect(r1.stderr).toBe('');
    const runs = ['seed-fig15', 'seed-fig15-k2-48h', 'mixed-k1', 'mixed-k2'];
    expect(listTree(one)).toEqual(
      [...runs.flatMap((n) => REPORT_FILES.map((f) => `${n}/${f}`)), 'summary.csv'].sort(),
    );
    expect(existsSync(join(one, 'broken-estate'))).toBe(false);

    const summary = readSummary(one);
    expect(summary.map((s) => [s.name, s.inventory, s.status, s.exit_code])).toEqual([
      ['seed-fig15', '../seed-fig15', 'ok', '0'],
      ['seed-fig15-k2-48h', '../seed-fig15', 'findings', '1'],
      ['mixed-k1', '../mixed-estate', 'ok', '0'],
      ['mixed-k2', '../mixed-estate', 'findings', '1'],
      ['broken-estate', 'broken-estate', 'invalid', '2'],
    ]);
    const broken = summary[4]!;
    expect(broken.error).toBe(BROKEN_FIRST_LINE);
    expect([broken.scenarios, broken.lost, broken.shortfall_cores]).toEqual(['', '', '']);
    // The error is the first line `gicap validate` gives for the same inventory.
    const validate = runGicap(['validate', 'data/batch/broken-estate']);
    expect(validate.status).toBe(2);
    expect(validate.stderr.split('\n')[0]).toBe(broken.error);
  });

  it('takes each row’s parameters and reports the figures of each run’s report.json', () => {
    const summary = readSummary(one);
    const k2 = readReport(join(one, 'seed-fig15-k2-48h'));
    expect(k2.parameters).toMatchObject({ maxFailures: 2, outageHours: 48 });
    expect(readReport(join(one, 'mixed-k2')).parameters).toMatchObject({
      maxFailures: 2,
      outageHours: 24,
    });
    expect(readReport(join(one, 'seed-fig15')).summary).toMatchObject({
      scenarios: 7,
      survived: 7,
      lost: 0,
    });
    for (const s of summary.slice(0, 4)) {
      const report = readReport(join(one, s.name!));
      const nparShortfall = report.partitions
        .filter((p) => p.vpar === null)
        .reduce((sum, p) => sum + p.shortfall, 0);
      expect([
        s.scenarios,
        s.survived,
        s.lost,
        s.packages_lost,
        s.non_compliant_groups,
        s.shortfall_cores,
        s.error,
      ]).toEqual([
        String(report.summary.scenarios),
        String(report.summary.survived),
        String(report.summary.lost),
        String(report.summary.packagesLost),
        String(report.summary.nonCompliantGroups),
        String(nparShortfall),
        '',
      ]);
    }
    // mixed-k2: no shortfall. The one core east-sd1/np-app used to lack was for `reporting`, which
    // eapp1's vPar max loses whatever is bought: no sizing demand (issue 12, point 6).
    expect(summary[3]?.shortfall_cores).toBe('0');
  });

  it('prints one line per run and where the summary is', () => {
    const lines = r1.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^run +status +scenarios +lost$/);
    expect(lines[1]).toMatch(/^seed-fig15 +ok +7 +0$/);
    expect(lines[5]).toBe(`broken-estate      invalid           -     -  ${BROKEN_FIRST_LINE}`);
    expect(lines.at(-1)).toBe(
      // A folder outside the working folder is shown as given (absolute), not as ../../tmp/….
      `Wrote ${join(one, 'summary.csv')} and the reports of 4 runs under ${one}/`,
    );
  });

  it('--jobs 2 (worker threads) writes byte-identical files and output to --jobs 1', () => {
    expect(r2.status).toBe(2);
    expect(r2.stderr).toBe('');
    const files = listTree(one);
    expect(listTree(two)).toEqual(files);
    for (const f of files) {
      expect(readFileSync(join(two, f)).equals(readFileSync(join(one, f))), f).toBe(true);
    }
    expect(r2.stdout.replaceAll(two, 'OUT')).toBe(r1.stdout.replaceAll(one, 'OUT'));
  });
});

describe('gicap batch: exit codes and other inputs', { timeout: 180_000 }, () => {
  it('exits 0 when every run is ok, 1 with findings; a missing inventory or model is an invalid run', () => {
    const dir = tmp();
    const repo = REPO_ROOT;
    writeFileSync(
      join(dir, 'ok.csv'),
      `name,inventory,model\nseed,${repo}/data/seed-fig15,${repo}/data/timing-model.json\n`,
    );
    writeFileSync(
      join(dir, 'findings.csv'),
      `name,inventory,max_failures\nseed,${repo}/data/seed-fig15,1\nseed-k2,${repo}/data/seed-fig15,2\n`,
    );
    writeFileSync(
      join(dir, 'missing.csv'),
      `inventory,name,model\n${repo}/data/seed-fig15,no-model,nope.json\nno-inventory,no-inv,\n${repo}/data/seed-fig15,fine,\n`,
    );
    const ok = runGicap(['batch', join(dir, 'ok.csv'), '--out', join(dir, 'ok'), '-f', 'json']);
    expect([ok.status, ok.stderr]).toEqual([0, '']);
    expect(readSummary(join(dir, 'ok')).map((s) => s.status)).toEqual(['ok']);

    const findings = runGicap([
      'batch',
      join(dir, 'findings.csv'),
      '-o',
      join(dir, 'f'),
      '-f',
      'json',
    ]);
    expect(findings.status).toBe(1);
    expect(readSummary(join(dir, 'f')).map((s) => s.status)).toEqual(['ok', 'findings']);

    const missing = runGicap([
      'batch',
      join(dir, 'missing.csv'),
      '-o',
      join(dir, 'm'),
      '-f',
      'json',
    ]);
    expect(missing.status).toBe(2);
    expect(readSummary(join(dir, 'm')).map((s) => [s.name, s.status, s.error])).toEqual([
      ['no-model', 'invalid', 'nope.json: cannot read the model file (no such file)'],
      [
        'no-inv',
        'invalid',
        `${join(dir, 'no-inventory')}: inventory folder not found (expected a folder holding complexes.csv, cells.csv, npars.csv, packages.csv, found nothing)`,
      ],
      ['fine', 'ok', ''],
    ]);
    expect(listTree(join(dir, 'm'))).toEqual(['fine/report.json', 'fine/run.json', 'summary.csv']);
  });

  it('a folder argument runs every sub-folder holding complexes.csv, sorted by name', () => {
    const root = tmp();
    cpSync(join(REPO_ROOT, 'data/seed-fig15'), join(root, 'b-seed'), { recursive: true });
    cpSync(join(REPO_ROOT, 'data/batch/broken-estate'), join(root, 'a-broken'), {
      recursive: true,
    });
    cpSync(join(REPO_ROOT, 'data/seed-fig15'), join(root, '.hidden'), { recursive: true });
    mkdirSync(join(root, 'notes'));
    writeFileSync(join(root, 'notes', 'readme.txt'), 'not an inventory\n');
    const out = join(tmp(), 'out');
    const r = runGicap(['batch', root, '--out', out, '--format', 'json,csv']);
    expect(r.status).toBe(2);
    expect(readSummary(out).map((s) => [s.name, s.inventory, s.status, s.exit_code])).toEqual([
      ['a-broken', 'a-broken', 'invalid', '2'],
      ['b-seed', 'b-seed', 'ok', '0'],
    ]);
    expect(listTree(out)).toEqual([
      'b-seed/report.json',
      'b-seed/run.json',
      'b-seed/scenarios.csv',
      'b-seed/sizing.csv',
      'summary.csv',
    ]);
  });

  it('a folder without inventories is a usage error', () => {
    const root = tmp();
    mkdirSync(join(root, 'empty'));
    const out = join(root, 'out');
    const r = runGicap(['batch', root, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `${root}: no inventories (expected sub-folders holding complexes.csv, found none)\n`,
    );
    expect(existsSync(out)).toBe(false);
    const inv = runGicap(['batch', 'data/seed-fig15', '--out', out]);
    expect(inv.stderr).toContain('this folder is itself an inventory: use gicap plan');
  });

  it('a bad runs file stops the batch before any run: every problem, exit 2, nothing written', () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'runs.csv'),
      'name,inventory,max_failures,outage_hour\nseed,../seed,1,12\nseed,../seed,9,\n',
    );
    const out = join(dir, 'out');
    const r = runGicap(['batch', join(dir, 'runs.csv'), '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        'runs.csv:1:outage_hour: unknown column (expected one of name, inventory, max_failures, outage_hours, model; closest: outage_hours)',
        'runs.csv:3:name: duplicate name "seed" (expected each run name once, ignoring case: it names a folder; found it also on line 2)',
        'runs.csv:3:max_failures: invalid value (expected a whole number from 1 to 6, found "9")',
        'runs.csv: 3 problems in the runs file; nothing was run',
        '',
      ].join('\n'),
    );
    expect(existsSync(out)).toBe(false);
  });

  it('usage errors exit 2: --jobs out of 1..16, --out naming a file, a missing runs file', () => {
    for (const jobs of ['0', '17', 'two']) {
      const r = runGicap(['batch', 'data/batch/runs.csv', '--jobs', jobs]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('expected a whole number from 1 to 16');
    }
    const dir = tmp();
    writeFileSync(join(dir, 'file'), 'x');
    const r = runGicap(['batch', 'data/batch/runs.csv', '--out', join(dir, 'file')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `--out ${join(dir, 'file')}: ${join(dir, 'file')} is a file, not a folder; name a folder (a new one is created), or remove the file\n`,
    );
    expect(statSync(join(dir, 'file')).size).toBe(1);
    const none = runGicap(['batch', join(dir, 'runs.csv')]);
    expect(none.status).toBe(2);
    expect(none.stderr).toBe(
      `${join(dir, 'runs.csv')}: not found (expected a runs file such as runs.csv, or a folder of inventories)\n`,
    );
  });

  it('--help states the batch exit codes', () => {
    const r = runGicap(['batch', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout.replace(/\s+/g, ' ')).toContain(
      'The batch exits with the worst exit code of its runs.',
    );
    expect(r.stdout).toContain(
      '  2  some run is invalid (the others still run), or the runs file itself is bad\n     (nothing runs)\n',
    );
    expect(r.stdout).toContain('gicap batch data/batch/runs.csv --out reports/batch');
  });
});

describe('gicap batch progress', () => {
  /** A stream that records what is written, terminal or not. */
  const stream = (isTTY: boolean) => {
    const chunks: string[] = [];
    return { chunks, write: (s: string) => chunks.push(s), isTTY, columns: 100 };
  };

  it('draws a progress bar on stderr when it is a terminal, and nothing when it is not', async () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'runs.csv'),
      `name,inventory\na,${REPO_ROOT}/data/seed-fig15\nb,${REPO_ROOT}/data/seed-fig15\n`,
    );
    const args = ['batch', join(dir, 'runs.csv'), '--format', 'json'];
    const tty = stream(true);
    const out1 = stream(false);
    const code = await runCli([...args, '--out', join(dir, 'tty')], {
      stdout: out1,
      stderr: tty,
      cwd: dir,
    });
    expect(code).toBe(0);
    const drawn = tty.chunks.join('');
    expect(drawn).toContain('batch [');
    expect(drawn).toContain('2/2 runs');
    expect(out1.chunks.join('')).not.toContain('batch [');

    const pipe = stream(false);
    const out2 = stream(false);
    expect(
      await runCli([...args, '--out', join(dir, 'pipe')], { stdout: out2, stderr: pipe, cwd: dir }),
    ).toBe(0);
    expect(pipe.chunks).toEqual([]);
    expect(out2.chunks.join('').replaceAll('pipe', 'X')).toBe(
      out1.chunks.join('').replaceAll('tty', 'X'),
    );
  });
});
