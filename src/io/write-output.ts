/**
 * Writing a command's files as one report set (spec 2 "Bad input", 5.2; issue 14): every file goes
 * into the run's temporary folder and the set is swapped into place with its run.json manifest only
 * once all of them were written (src/io/report-set.ts). On any error the temporary folder is removed
 * and the earlier set stays as it was.
 */
import type { OutputFolder } from './output-dir.js';
import { ReportSet, type SetInfo } from './report-set.js';

export interface OutputFile {
  /** Path relative to the output folder (may contain sub-folders). */
  readonly name: string;
  readonly content: string | Uint8Array;
}

/** Write `files` as one set into `folder`; returns the paths written, run.json last. */
export function writeOutputs(
  folder: OutputFolder,
  files: readonly OutputFile[],
  info: SetInfo,
  opts: { legacyNames?: readonly string[] } = {},
): string[] {
  const set = new ReportSet(folder, opts);
  try {
    for (const f of files) set.writeFile(f.name, f.content);
    return set.commit(info);
  } catch (err) {
    set.abort();
    throw err;
  }
}
