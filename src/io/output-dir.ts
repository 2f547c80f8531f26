/**
 * Where a command may write (issue 14, point 1): every command that writes files checks its `--out`
 * here BEFORE it reads or computes anything, so a bad output path costs no planning time and exits 2
 * with one sentence that says what to do (spec 2 "Bad input", 6). Nothing is created by the checks:
 * writability is proved by creating and removing a probe entry in the nearest folder that exists (a
 * path list of pseudo file systems would miss bind mounts, read-only mounts and quotas). Folders are
 * created later, one level at a time by `makeFolders` (Node's recursive mkdir loops for ever on
 * procfs, where mkdir answers ENOENT for a parent that exists).
 */
import { lstatSync, mkdirSync, rmdirSync, statSync, type Stats } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { GicapError, inputError } from '../errors.js';

/** What the checks found: the folder, and the folders still to create (outermost first). */
export interface OutputFolder {
  /** The folder, absolute (a symlink to a folder is kept as given). */
  readonly path: string;
  /** Folders that do not exist yet, outermost first; `makeFolders` creates them when writing. */
  readonly missing: readonly string[];
}

/** Why an errno stops a write, in words a planner can act on. */
function explain(code: string | undefined): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EFBIG':
      return 'file size limit exceeded (ulimit -f)';
    case 'ENOENT':
      return 'the file system refuses new entries there';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    default:
      return code ?? 'unknown error';
  }
}

function errnoOf(err: unknown): string | undefined {
  return (err as { code?: string } | null)?.code;
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch (err) {
    const code = errnoOf(err);
    // ENOTDIR: a parent is a file; walking up finds it and says so.
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw err;
  }
}

/**
 * Create and remove a probe entry in `folder`: the one test that answers "can I write here" for
 * permissions, read-only mounts and pseudo file systems alike. Returns the errno when it fails.
 */
function probeWritable(folder: string): string | null {
  const probe = join(folder, `.gicap-probe-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    mkdirSync(probe);
  } catch (err) {
    return errnoOf(err) ?? 'unknown error';
  }
  try {
    rmdirSync(probe);
  } catch {
    // The probe is an empty folder of our own; a failure to remove it is not the user's problem.
  }
  return null;
}

/**
 * Check that `dir` can hold the output files of a command, without writing anything that stays:
 * it is a folder (or a symlink to one, or missing under a folder that exists) in which entries can
 * be created. `option` names the flag in the message (e.g. `--out reports/x`).
 */
export function checkOutputFolder(dir: string, option: string): OutputFolder {
  const path = resolve(dir);
  const fail = (what: string, todo: string): GicapError =>
    inputError(`${option}: ${what}; ${todo}`);
  try {
    const missing: string[] = [];
    let at = path;
    for (;;) {
      const st = lstatOrNull(at);
      if (st === null) {
        missing.unshift(at);
        const up = dirname(at);
        if (up === at) throw fail(`${at} does not exist`, 'name a folder on a mounted file system');
        at = up;
        continue;
      }
      let target: Stats = st;
      if (st.isSymbolicLink()) {
        try {
          target = statSync(at);
        } catch (err) {
          throw errnoOf(err) === 'ENOENT' || errnoOf(err) === 'ENOTDIR'
            ? fail(
                `${at} is a symbolic link to nothing (dangling)`,
                'remove the link or point it at a folder',
              )
            : fail(`${at}: ${explain(errnoOf(err))}`, 'name another folder');
        }
      }
      if (!target.isDirectory()) {
        throw at === path
          ? fail(
              `${at} is a file, not a folder`,
              'name a folder (a new one is created), or remove the file',
            )
          : fail(`${at} is a file, so ${path} cannot be a folder`, 'name another folder');
      }
      const errno = probeWritable(at);
      if (errno !== null) {
        throw fail(
          `cannot create files in ${at} (${explain(errno)})`,
          'name a folder you can write to',
        );
      }
      return { path, missing };
    }
  } catch (err) {
    if (err instanceof GicapError) throw err;
    throw fail(`cannot use ${path} (${explain(errnoOf(err))})`, 'name another folder');
  }
}

/**
 * Check that `file` can be written as one file (`calibrate --out FILE`): not a folder, not a
 * dangling link, not a device or pipe, in a folder where files can be created. Returns its folder.
 */
export function checkOutputFile(file: string, option: string): OutputFolder {
  const path = resolve(file);
  let st: Stats | null;
  try {
    st = lstatOrNull(path);
  } catch (err) {
    throw inputError(`${option}: cannot use ${path} (${explain(errnoOf(err))}); name another file`);
  }
  if (st !== null) {
    let target: Stats = st;
    if (st.isSymbolicLink()) {
      try {
        target = statSync(path);
      } catch {
        throw inputError(
          `${option}: ${path} is a symbolic link to nothing (dangling); remove the link or name another file`,
        );
      }
    }
    if (target.isDirectory()) {
      throw inputError(
        `${option}: ${path} is a folder; name a file inside it, e.g. ${join(path, 'model.json')}`,
      );
    }
    if (!target.isFile()) {
      throw inputError(
        `${option}: ${path} is not a regular file (a device, pipe or socket); name another file`,
      );
    }
  }
  return checkOutputFolder(dirname(path), option);
}

/** Create the folders `checkOutputFolder` found missing, one level at a time (never recursive). */
export function makeFolders(missing: readonly string[]): void {
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (err) {
      if (errnoOf(err) !== 'EEXIST') throw writeError(err, folder);
    }
  }
}

/**
 * A failed write as an exit-2 error with what to do (a full disk, a file size limit, a folder that
 * became read-only): these are the user's environment, not a bug. Anything else is rethrown as is.
 */
export function writeError(err: unknown, path: string): unknown {
  const code = errnoOf(err);
  const known = [
    'ENOSPC',
    'EDQUOT',
    'EFBIG',
    'EROFS',
    'EACCES',
    'EPERM',
    'EIO',
    'ENOENT',
    'ENOTDIR',
  ];
  if (code === undefined || !known.includes(code)) return err;
  return inputError(
    `cannot write ${path} (${explain(code)}); nothing of this run was kept: free space or fix the folder and run again`,
  );
}
