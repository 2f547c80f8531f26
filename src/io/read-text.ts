/**
 * Reading input files: list an inventory folder and read files as UTF-8 text (a BOM is kept here
 * and removed by the CSV parser, so the sha256 covers the bytes as read).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { inputError } from '../errors.js';
import { compareText } from '../text/order.js';

/** What `path` names: a folder, a file (or anything else that is not a folder), or nothing. */
export async function pathKind(path: string): Promise<'folder' | 'file' | 'none'> {
  try {
    return (await stat(path)).isDirectory() ? 'folder' : 'file';
  } catch {
    return 'none';
  }
}

/**
 * What a folder entry is, following symbolic links (issue 14: an inventory of symlinked CSV files, a
 * symlinked inventory in a batch folder): `broken-link` is a link whose target does not exist.
 */
export type EntryKind = 'file' | 'folder' | 'broken-link' | 'other';

export interface FolderEntry {
  readonly name: string;
  readonly kind: EntryKind;
}

/** Entries directly inside a folder, sorted by name (code-unit order), symbolic links followed. */
export async function listEntries(dir: string): Promise<FolderEntry[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const out: FolderEntry[] = [];
  for (const e of entries) {
    let kind: EntryKind = e.isFile() ? 'file' : e.isDirectory() ? 'folder' : 'other';
    if (e.isSymbolicLink()) {
      try {
        const target = await stat(join(dir, e.name));
        kind = target.isFile() ? 'file' : target.isDirectory() ? 'folder' : 'other';
      } catch {
        kind = 'broken-link';
      }
    }
    out.push({ name: e.name, kind });
  }
  return out.sort((a, b) => compareText(a.name, b.name));
}

/** What an entry that should be a file is instead, for "found …" (null when it is a file). */
export function notAFile(kind: EntryKind): string | null {
  switch (kind) {
    case 'file':
      return null;
    case 'folder':
      return 'a folder';
    case 'broken-link':
      return 'a symbolic link to nothing (its target does not exist)';
    case 'other':
      return 'neither a file nor a folder (a device, pipe or socket)';
  }
}

/** Read a text file as UTF-8. */
export async function readText(path: string): Promise<string> {
  return readFile(path, 'utf8');
}

/**
 * Read a file the user named (`--model`, `--costs`, an observations file): its text, or an exit-2
 * error `FILE: cannot read the KIND file (why)`.
 */
export async function readUserFile(path: string, kind: string): Promise<string> {
  try {
    return await readText(path);
  } catch (err) {
    const code = (err as { code?: string }).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder, not a file'
          : (code ?? String(err));
    throw inputError(`cannot read ${kind} file ${path}`, [
      `${basename(path)}: cannot read the ${kind} file (${why})`,
    ]);
  }
}
