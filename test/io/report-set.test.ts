/**
 * Report sets (issue 14, point 2): a run's files are swapped in whole with a run.json manifest, the
 * files of the earlier set that the new one does not have are removed, a failed run leaves the earlier
 * set as it was, and what killed runs left is removed (or finished) by the next run.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GicapError } from '../../src/errors.js';
import { checkOutputFolder } from '../../src/io/output-dir.js';
import { ReportSet, readManifest, type SetInfo } from '../../src/io/report-set.js';
import { writeOutputs } from '../../src/io/write-output.js';

/** A pid no process has (above Linux's pid_max of 2^22). */
const DEAD_PID = 4194305;
const INFO: SetInfo = {
  tool: { name: 'gicap-planner', version: 'test' },
  command: 'plan',
  inventory: { name: 'inv', sha256: 'ab'.repeat(32) },
  parameters: { maxFailures: 1 },
};
const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
const fresh = (): string => mkdtempSync(join(tmpdir(), 'gicap-set-'));
const write = (dir: string, files: Record<string, string>, legacyNames: string[] = []): string[] =>
  writeOutputs(
    checkOutputFolder(dir, '--out'),
    Object.entries(files).map(([name, content]) => ({ name, content })),
    INFO,
    { legacyNames },
  );

describe('report sets', () => {
  it('writes the files and a run.json naming each with its size and sha256', () => {
    const dir = fresh();
    const paths = write(dir, { 'report.md': '# r\n', 'sizing.csv': 'a,b\n' });
    expect(paths).toEqual([join(dir, 'report.md'), join(dir, 'sizing.csv'), join(dir, 'run.json')]);
    expect(readdirSync(dir).sort()).toEqual(['report.md', 'run.json', 'sizing.csv']);
    expect(readManifest(dir)).toEqual({
      schemaVersion: 1,
      ...INFO,
      files: [
        { name: 'report.md', bytes: 4, sha256: sha('# r\n') },
        { name: 'sizing.csv', bytes: 4, sha256: sha('a,b\n') },
      ],
    });
  });

  it('replaces the earlier set: its files that the new set lacks are removed, other files stay', () => {
    const dir = fresh();
    write(dir, { 'report.md': 'old\n', 'report.json': '{}\n', 'sizing.csv': 'old\n' });
    writeFileSync(join(dir, 'notes.txt'), 'mine\n');
    write(dir, { 'report.json': '{"new":1}\n' });
    expect(readdirSync(dir).sort()).toEqual(['notes.txt', 'report.json', 'run.json']);
    expect(readManifest(dir)?.files.map((f) => f.name)).toEqual(['report.json']);
  });

  it('replaces the report files of a run written before run.json existed (legacy names)', () => {
    const dir = fresh();
    for (const f of ['report.md', 'report.html', 'scenarios.csv']) writeFileSync(join(dir, f), 'x');
    write(dir, { 'report.json': '{}\n' }, [
      'report.md',
      'report.html',
      'report.json',
      'scenarios.csv',
    ]);
    expect(readdirSync(dir).sort()).toEqual(['report.json', 'run.json']);
  });

  it('a streamed file holds every byte written, across its buffer, with its size and sha256', () => {
    const dir = fresh();
    const set = new ReportSet(checkOutputFolder(dir, '--out'));
    const stream = set.openStream('scenarios.jsonl');
    // Short texts, multi-byte characters at the buffer's edge, and a text larger than the buffer.
    const parts: string[] = [];
    for (let i = 0; i < 40_000; i++) parts.push(i % 7 === 0 ? `é€😀${i}\n` : `{"id":${i}}\n`);
    parts.push('x'.repeat(3 << 20), '\n', 'ü'.repeat(700_000), '\n');
    for (const p of parts) stream.write(p);
    set.commit(INFO);
    const expected = parts.join('');
    const written = readFileSync(join(dir, 'scenarios.jsonl'));
    expect(written.toString('utf8') === expected).toBe(true);
    const listed = readManifest(dir)?.files.find((f) => f.name === 'scenarios.jsonl');
    expect(listed).toEqual({
      name: 'scenarios.jsonl',
      bytes: Buffer.byteLength(expected),
      sha256: sha(expected),
    });
  });

  it('a failed run leaves the earlier set whole and no temporary', () => {
    const dir = fresh();
    write(dir, { 'report.md': 'old\n' });
    const before = readFileSync(join(dir, 'run.json'), 'utf8');
    const set = new ReportSet(checkOutputFolder(dir, '--out'));
    set.writeFile('report.md', 'new\n');
    set.openStream('scenarios.jsonl').write('{"id":"a"}\n');
    set.abort();
    expect(readdirSync(dir).sort()).toEqual(['report.md', 'run.json']);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toBe('old\n');
    expect(readFileSync(join(dir, 'run.json'), 'utf8')).toBe(before);
  });

  it('a folder where a report file goes is exit 2 before the swap, the earlier set intact', () => {
    const dir = fresh();
    write(dir, { 'report.md': 'old\n' });
    mkdirSync(join(dir, 'sizing.csv'));
    let error: unknown = null;
    try {
      write(dir, { 'report.md': 'new\n', 'sizing.csv': 'a\n' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(GicapError);
    expect((error as GicapError).exitCode).toBe(2);
    expect((error as GicapError).message).toBe(
      `${join(dir, 'sizing.csv')} is a folder where the report file sizing.csv goes; move or rename that folder and run again`,
    );
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toBe('old\n');
    expect(readdirSync(dir).sort()).toEqual(['report.md', 'run.json', 'sizing.csv']);
  });

  it('removes what killed runs left: temporary folders and old-style *.tmp-PID-* files', () => {
    const dir = fresh();
    mkdirSync(join(dir, `.gicap-tmp-${DEAD_PID}-0a1b2c`));
    writeFileSync(join(dir, `.gicap-tmp-${DEAD_PID}-0a1b2c`, 'report.json'), 'half');
    writeFileSync(join(dir, `report.json.tmp-${DEAD_PID}-lx3k9`), 'half');
    writeFileSync(join(dir, `report.json.body.tmp-${DEAD_PID}-lx3k9`), 'half');
    // A live process's temporary (ours stands in for another run) is left alone.
    mkdirSync(join(dir, `.gicap-tmp-${process.ppid}-ffffff`));
    write(dir, { 'report.md': 'r\n' });
    expect(readdirSync(dir).sort()).toEqual([
      `.gicap-tmp-${process.ppid}-ffffff`,
      'report.md',
      'run.json',
    ]);
  });

  it('finishes a swap that a SIGKILL interrupted: the next run finds the new set whole', () => {
    const dir = fresh();
    write(dir, { 'report.md': 'old\n', 'sizing.csv': 'old\n', 'report.html': 'old\n' });
    // The state after a kill in the middle of a swap: run.json removed, report.md moved in,
    // report.json still in the swap folder, the old report.html not yet removed.
    const swap = join(dir, `.gicap-swap-${DEAD_PID}-abcdef`);
    mkdirSync(swap);
    const manifest = {
      schemaVersion: 1,
      ...INFO,
      files: [
        { name: 'report.json', bytes: 3, sha256: sha('{}\n') },
        { name: 'report.md', bytes: 4, sha256: sha('new\n') },
        { name: 'sizing.csv', bytes: 4, sha256: sha('new\n') },
      ],
    };
    writeFileSync(join(swap, 'run.json'), JSON.stringify(manifest));
    writeFileSync(join(swap, '.replaces.json'), '["report.html","report.md","sizing.csv"]');
    writeFileSync(join(swap, 'report.json'), '{}\n');
    writeFileSync(join(swap, 'sizing.csv'), 'new\n');
    writeFileSync(join(dir, 'report.md'), 'new\n');
    unlinkSync(join(dir, 'run.json'));
    // Any next run into the folder finishes the swap first; this one then fails (aborts).
    const next = new ReportSet(checkOutputFolder(dir, '--out'));
    next.abort();
    expect(readdirSync(dir).sort()).toEqual(['report.json', 'report.md', 'run.json', 'sizing.csv']);
    expect(readManifest(dir)?.files).toEqual(manifest.files);
    for (const f of manifest.files) {
      expect(sha(readFileSync(join(dir, f.name), 'utf8'))).toBe(f.sha256);
    }
  });

  it('never follows a name in a crafted run.json out of the folder', () => {
    const root = fresh();
    const dir = join(root, 'out');
    mkdirSync(dir);
    writeFileSync(join(root, 'precious.txt'), 'keep\n');
    writeFileSync(
      join(dir, 'run.json'),
      JSON.stringify({
        schemaVersion: 1,
        files: [{ name: '../precious.txt' }, { name: '/etc/x' }],
      }),
    );
    write(dir, { 'report.md': 'r\n' });
    expect(existsSync(join(root, 'precious.txt'))).toBe(true);
  });
});
