/**
 * The loader's only file I/O: list an inventory folder and read its files as UTF-8 text (a BOM is
 * kept here and removed by the CSV parser, so the sha256 covers the bytes as read).
 */
import { readdir, readFile, stat } from 'node:fs/promises';

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
