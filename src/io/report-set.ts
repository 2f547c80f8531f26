/**
 * Atomic report sets (issue 14, point 2). A run writes all its files into one temporary folder
 * inside `--out` (`.gicap-tmp-PID-RANDOM`), then swaps the whole set in at the end, with a `run.json`
 * manifest naming the tool, the command, the inventory hash, the parameters and every file of the set
 * with its size and sha256. So `--out` holds the files of one run, and run.json says which:
 *
 * - the swap starts by renaming the temporary folder to `.gicap-swap-PID-RANDOM` (the commit point:
 *   the new set is complete), removes the old run.json, moves the new files in, removes the files of
 *   the earlier set that are not part of the new one, and moves the new run.json in last;
 * - the swap is synchronous, so a SIGINT or SIGTERM (handled in src/cli/main.ts) can only arrive
 *   before it (the temporary folder is removed, the old set stays) or after it; only a SIGKILL inside
 *   the swap (a few renames) can interrupt it, and the next run into the folder finishes it;
 * - at the next run, temporaries of runs that are no longer alive are removed (and interrupted
 *   swaps finished) before anything else is written.
 *
 * A folder without run.json holds no gicap set, or an interrupted swap that the next run finishes.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  rmdirSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { inputError } from '../errors.js';
import { makeFolders, writeError, type OutputFolder } from './output-dir.js';
import { registerTemporary, releaseTemporary } from './temp-registry.js';
import { compareText } from '../text/order.js';

export const MANIFEST_FILE = 'run.json';
/** The list of files of the earlier set, kept inside a swap folder so a finished swap removes them. */
const REPLACES_FILE = '.replaces.json';
const TEMP_PREFIX = '.gicap-tmp-';
const SWAP_PREFIX = '.gicap-swap-';
/** `.gicap-tmp-PID-…`, `.gicap-swap-PID-…`, `.gicap-probe-PID-…`, and `NAME.tmp-PID-…` (before 0.2). */
const STALE = /^\.gicap-(tmp|swap|probe)-(\d+)-|\.tmp-(\d+)-[0-9a-z]+$/;
/** A file name a manifest may list: relative, plain segments (a crafted run.json cannot reach out). */
const SAFE_NAME = /^(?!\.{1,2}(\/|$))[A-Za-z0-9_][A-Za-z0-9._-]*(\/[A-Za-z0-9_][A-Za-z0-9._-]*)*$/;

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

export interface SetFile {
  /** Path relative to the output folder. */
  readonly name: string;
  readonly bytes: number;
  /** sha256 of the file's bytes, hex. */
  readonly sha256: string;
}

/** What run.json says about the run besides its files. */
export interface SetInfo {
  readonly tool: { readonly name: string; readonly version: string };
  readonly command: string;
  readonly inventory: { readonly name: string; readonly sha256: string } | null;
  readonly parameters: { readonly [key: string]: Json };
}

export interface Manifest extends SetInfo {
  readonly schemaVersion: 1;
  /** Every file of the set (run.json itself excepted), sorted by name. */
  readonly files: readonly SetFile[];
}

/** Bytes buffered before a system call: fewer calls than one per scenario, little memory. */
const STREAM_BUFFER = 1 << 20;

/**
 * A file being streamed into the set: synchronous writes, hashed as they go. Text is encoded once,
 * straight into one reused buffer (no joined string, no new buffer per flush), which is written out
 * and hashed when the next text might not fit.
 */
export class SetStream {
  private readonly fd: number;
  private readonly path: string;
  private readonly hash = createHash('sha256');
  private readonly buffer = Buffer.allocUnsafe(STREAM_BUFFER);
  private used = 0;
  private bytes = 0;
  private closed = false;

  /** `shown`: the path to name in an error (the final name, not the temporary one). */
  constructor(path: string, shown: string = path) {
    this.path = shown;
    try {
      this.fd = openSync(path, 'w');
    } catch (err) {
      throw writeError(err, path);
    }
  }

  /** Append text (synchronously: the engine calls this from its loop). */
  write(text: string): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8, so text of this length surely fits.
    if (text.length * 3 > STREAM_BUFFER - this.used) {
      this.flush();
      if (text.length * 3 > STREAM_BUFFER) {
        this.writeOut(Buffer.from(text, 'utf8'));
        return;
      }
    }
    this.used += this.buffer.write(text, this.used, 'utf8');
  }

  close(): { bytes: number; sha256: string } {
    if (!this.closed) {
      this.flush();
      this.closed = true;
      closeSync(this.fd);
    }
    return { bytes: this.bytes, sha256: this.hash.digest('hex') };
  }

  /** Close without flushing (after a failure). */
  discard(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
  }

  private flush(): void {
    if (this.used === 0) return;
    const filled = this.buffer.subarray(0, this.used);
    this.used = 0;
    this.writeOut(filled);
  }

  private writeOut(buf: Buffer): void {
    this.hash.update(buf);
    try {
      let at = 0;
      while (at < buf.length) at += writeSync(this.fd, buf, at, buf.length - at);
    } catch (err) {
      throw writeError(err, this.path);
    }
    this.bytes += buf.length;
  }
}

/** One run's set of files, written into a temporary folder and swapped into `--out` by `commit`. */
export class ReportSet {
  readonly dir: string;
  private readonly temp: string;
  private readonly legacyNames: readonly string[];
  /** Folders this run created (outermost first): removed again if the run fails. */
  private readonly created: readonly string[];
  private readonly files = new Map<string, SetFile>();
  private readonly streams = new Map<string, SetStream>();
  private done = false;

  /**
   * Create the output folder if needed (checked before: `checkOutputFolder`), remove what killed
   * runs left there, and create this run's temporary folder. `legacyNames`: files that belong to an
   * earlier set written without a manifest (before run.json existed), replaced like a set.
   */
  constructor(folder: OutputFolder, opts: { legacyNames?: readonly string[] } = {}) {
    this.dir = folder.path;
    this.legacyNames = opts.legacyNames ?? [];
    this.created = folder.missing;
    makeFolders(folder.missing);
    removeStale(this.dir);
    this.temp = join(this.dir, `${TEMP_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`);
    registerTemporary(this.temp);
    try {
      makeFolders([this.temp]);
    } catch (err) {
      releaseTemporary(this.temp);
      throw err;
    }
  }

  /** Write one whole file of the set. */
  writeFile(name: string, content: string | Uint8Array): void {
    if (typeof content !== 'string') {
      this.checkName(name);
      this.writeBytes(name, content);
      return;
    }
    this.openStream(name).write(content);
    this.closeStream(name);
  }

  /** Start streaming a file of the set; `closeStream(name)` ends it. */
  openStream(name: string): SetStream {
    this.checkName(name);
    makeFolders(missingBetween(this.temp, dirname(join(this.temp, name))));
    const s = new SetStream(join(this.temp, name), join(this.dir, name));
    this.streams.set(name, s);
    return s;
  }

  closeStream(name: string): void {
    const s = this.streams.get(name);
    if (s === undefined) throw new Error(`no stream ${name} is open`);
    this.files.set(name, { name, ...s.close() });
    this.streams.delete(name);
  }

  /**
   * Write run.json and swap the set into the output folder (synchronously). Returns the paths of
   * the files of the set, run.json last.
   */
  commit(info: SetInfo): string[] {
    for (const name of [...this.streams.keys()]) this.closeStream(name);
    const files = [...this.files.values()].sort((a, b) => compareText(a.name, b.name));
    const manifest: Manifest = { schemaVersion: 1, ...info, files };
    for (const f of files) {
      if (isFolder(join(this.dir, f.name))) {
        throw inputError(
          `${join(this.dir, f.name)} is a folder where the report file ${f.name} goes; move or rename that folder and run again`,
        );
      }
    }
    const previous =
      readManifest(this.dir)?.files.map((f) => f.name) ??
      this.legacyNames.filter((n) => existsSync(join(this.dir, n)));
    this.writeRaw(MANIFEST_FILE, `${JSON.stringify(manifest, null, 2)}\n`);
    this.writeRaw(REPLACES_FILE, `${JSON.stringify(previous)}\n`);
    const swap = this.temp.replace(`${TEMP_PREFIX}`, SWAP_PREFIX);
    try {
      renameSync(this.temp, swap);
    } catch (err) {
      throw writeError(err, swap);
    }
    // From here the set is complete: finishing the swap is the only way forward.
    releaseTemporary(this.temp);
    this.done = true;
    finishSwap(this.dir, swap);
    return [...files.map((f) => join(this.dir, f.name)), join(this.dir, MANIFEST_FILE)];
  }

  /** Remove the temporary folder (after a failure); the earlier set stays as it was. */
  abort(): void {
    if (this.done) return;
    this.done = true;
    for (const s of this.streams.values()) s.discard();
    rmSync(this.temp, { recursive: true, force: true });
    releaseTemporary(this.temp);
    // "Nothing written": not even the folders this run created (only if still empty).
    for (const folder of [...this.created].reverse()) {
      try {
        rmdirSync(folder);
      } catch {
        break;
      }
    }
  }

  private writeBytes(name: string, content: Uint8Array): void {
    const path = join(this.temp, name);
    makeFolders(missingBetween(this.temp, dirname(path)));
    let fd = -1;
    try {
      fd = openSync(path, 'w');
      let at = 0;
      while (at < content.length) at += writeSync(fd, content, at, content.length - at);
    } catch (err) {
      throw writeError(err, join(this.dir, name));
    } finally {
      if (fd >= 0) closeSync(fd);
    }
    this.files.set(name, {
      name,
      bytes: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
    });
  }

  private writeRaw(name: string, text: string): void {
    const s = new SetStream(join(this.temp, name));
    s.write(text);
    s.close();
  }

  private checkName(name: string): void {
    if (!SAFE_NAME.test(name) || name === MANIFEST_FILE) {
      throw new Error(`not a file name of a report set: ${JSON.stringify(name)}`);
    }
    if (this.files.has(name) || this.streams.has(name)) throw new Error(`${name} written twice`);
  }
}

/** The manifest in `dir`, or null when there is none or it is not one of ours. */
export function readManifest(dir: string): Manifest | null {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8'));
  } catch {
    return null;
  }
  const m = data as Partial<Manifest> | null;
  if (m === null || typeof m !== 'object' || m.schemaVersion !== 1 || !Array.isArray(m.files)) {
    return null;
  }
  const files = (m.files as unknown[]).filter((f): f is SetFile => {
    const name = (f as { name?: unknown } | null)?.name;
    return typeof name === 'string' && SAFE_NAME.test(name);
  });
  return { ...(m as Manifest), files };
}

/** Folders from `root` (exclusive) down to `folder` (inclusive) that do not exist yet. */
function missingBetween(root: string, folder: string): string[] {
  const out: string[] = [];
  for (let at = folder; at !== root && at.startsWith(root) && !existsSync(at); at = dirname(at)) {
    out.unshift(at);
  }
  return out;
}

/**
 * Finish a swap (also one a killed run left): old run.json out, new files in, files of the earlier
 * set that the new one does not have removed, new run.json in last, swap folder removed. Every step
 * can be repeated, so an interrupted finish is finished by the next one.
 */
function finishSwap(dir: string, swap: string): void {
  let manifest: Manifest | null;
  let previous: string[] = [];
  try {
    manifest = readManifest(swap);
    const p = JSON.parse(readFileSync(join(swap, REPLACES_FILE), 'utf8')) as unknown;
    if (Array.isArray(p))
      previous = p.filter((n): n is string => typeof n === 'string' && SAFE_NAME.test(n));
  } catch {
    manifest = readManifest(swap);
  }
  try {
    if (manifest === null) {
      // Nothing to finish (run.json already moved in): only the folder is left.
      rmSync(swap, { recursive: true, force: true });
      return;
    }
    rmSync(join(dir, MANIFEST_FILE), { force: true });
    const names = new Set(manifest.files.map((f) => f.name));
    for (const f of manifest.files) {
      const from = join(swap, f.name);
      if (!existsSync(from)) continue; // moved by an earlier, interrupted finish
      const to = join(dir, f.name);
      makeFolders(missingBetween(dir, dirname(to)));
      renameSync(from, to);
    }
    for (const old of previous) {
      if (names.has(old) || old === MANIFEST_FILE) continue;
      const path = join(dir, old);
      if (isFolder(path)) continue; // never remove a folder: a set lists files only
      rmSync(path, { force: true });
      removeEmptyParents(dir, dirname(path));
    }
    renameSync(join(swap, MANIFEST_FILE), join(dir, MANIFEST_FILE));
    rmSync(swap, { recursive: true, force: true });
  } catch (err) {
    throw writeError(err, dir);
  }
}

function isFolder(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

function removeEmptyParents(root: string, folder: string): void {
  for (let at = folder; at !== root && at.startsWith(root); at = dirname(at)) {
    try {
      rmdirSync(at);
    } catch {
      return; // not empty (or gone): stop
    }
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: string }).code === 'EPERM';
  }
}

/**
 * Remove what runs that are no longer alive left in `dir`: their temporary folders and files, and
 * finish their interrupted swaps. Entries of a live gicap process (another run into the same folder)
 * are left alone.
 */
export function removeStale(dir: string): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of entries.sort()) {
    const m = STALE.exec(entry);
    if (m === null) continue;
    const pid = Number(m[2] ?? m[3]);
    if (isAlive(pid)) continue;
    const path = join(dir, entry);
    if (m[1] === 'swap') finishSwap(dir, path);
    else rmSync(path, { recursive: true, force: true });
  }
}

/**
 * Replace one file atomically (`calibrate --out FILE`, a batch's summary.csv): written under a
 * temporary name in the same folder (registered before the write), then renamed over the file.
 */
export function writeFileAtomic(folder: OutputFolder, name: string, content: string): string {
  makeFolders(folder.missing);
  removeStale(folder.path);
  const final = join(folder.path, name);
  const temp = join(
    folder.path,
    `${TEMP_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}-${name}`,
  );
  registerTemporary(temp);
  try {
    const s = new SetStream(temp);
    try {
      s.write(content);
      s.close();
    } catch (err) {
      s.discard();
      throw err;
    }
    renameSync(temp, final);
  } catch (err) {
    rmSync(temp, { force: true });
    throw writeError(err, final);
  } finally {
    releaseTemporary(temp);
  }
  return final;
}
