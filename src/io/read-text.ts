/**
 * Reading input files: list an inventory folder and read files as UTF-8 text (a BOM is kept here
 * and removed by the CSV parser, so the sha256 covers the bytes as read).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { inputError } from '../errors.js';

/** What `path` names: a folder, a file (or anything else that is not a folder), or nothing. */
export async function pathKind(path: string): Promise<'folder' | 'file' | 'none'> {
  try {
    return (await stat(path)).isDirectory() ? 'folder' : 'file';
  } catch {
    return 'none';
  }
}

/** File names directly inside a folder, sorted (code-unit order). */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => e.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
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
