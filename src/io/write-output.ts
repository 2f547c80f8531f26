/**
 * Writing output files so that a failed run leaves nothing half-written (spec 2 "Bad input", 5.2):
 * every file is first written under a temporary name in its target folder, and the files are renamed
 * into place only once all of them were written. On any error the temporaries are removed.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

export interface OutputFile {
  /** Path relative to the output folder (may contain sub-folders). */
  readonly name: string;
  readonly content: string | Uint8Array;
}

/** A file already written under a temporary name (e.g. streamed), to be renamed into place. */
export interface PrewrittenFile {
  readonly name: string;
  readonly tempPath: string;
}

/**
 * Write every file under `dir` atomically (all renamed into place after all were written), with
 * `prewritten` files renamed into place in the same step.
 */
export async function writeOutputs(
  dir: string,
  files: readonly OutputFile[],
  prewritten: readonly PrewrittenFile[] = [],
): Promise<string[]> {
  const target = resolve(dir);
  const tag = `.tmp-${process.pid}-${Date.now().toString(36)}`;
  const written: { tmp: string; final: string }[] = prewritten.map((p) => ({
    tmp: p.tempPath,
    final: join(target, p.name),
  }));
  try {
    for (const f of files) {
      const final = join(target, f.name);
      const tmp = `${final}${tag}`;
      await mkdir(dirname(final), { recursive: true });
      await writeFile(tmp, f.content);
      written.push({ tmp, final });
    }
    for (const w of written) await rename(w.tmp, w.final);
    return written.map((w) => w.final).sort();
  } catch (err) {
    await Promise.all(written.map((w) => rm(w.tmp, { force: true })));
    throw err;
  }
}
