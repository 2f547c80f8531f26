/**
 * Where the runs of a batch come from (spec 6): a runs file (CSV, one run per row) or a folder whose
 * sub-folders are inventories. Any problem here is an exit-2 error before a single run starts, so a
 * batch with a broken runs file writes nothing.
 */
import { basename, dirname, join } from 'node:path';
import { inputError } from '../errors.js';
import { listEntries, pathKind, readText } from './read-text.js';
import { parseRunsFile, RUN_DEFAULTS } from './runs-file.js';
import type { BatchRun } from '../domain/batch.js';

/** The file that marks a sub-folder as an inventory (the first required file, spec 2). */
const INVENTORY_MARKER = 'complexes.csv';

/** The runs named by `path` (absolute): a runs file or a folder of inventories. */
export async function loadRuns(path: string): Promise<BatchRun[]> {
  const kind = await pathKind(path);
  if (kind === 'none') {
    throw inputError(`${path}: not found`, [
      `${path}: not found (expected a runs file such as runs.csv, or a folder of inventories)`,
    ]);
  }
  if (kind === 'folder') return listInventoryRuns(path);
  const fileName = basename(path);
  const result = parseRunsFile(await readText(path), fileName, dirname(path));
  if (!result.ok) {
    const n = result.errors.length;
    throw inputError(
      `${fileName}: ${n} problem${n === 1 ? '' : 's'} in the runs file; nothing was run`,
      result.errors,
    );
  }
  return result.value;
}

/**
 * A folder argument: every sub-folder holding complexes.csv is a run named after the sub-folder, in
 * code-unit order of the names, with the default parameters. Hidden folders are skipped. A symbolic
 * link to a folder is followed like a folder (an inventory kept elsewhere and linked in). Two names
 * that differ only by case (`OK2`, `ok2`) are refused: each run writes `DIR/NAME/`, and a file system
 * that ignores case (macOS, Windows) would merge their reports into one folder.
 */
export async function listInventoryRuns(folder: string): Promise<BatchRun[]> {
  const names = (await listEntries(folder))
    .filter((e) => e.kind === 'folder' && !e.name.startsWith('.'))
    .map((e) => e.name);
  const runs: BatchRun[] = [];
  const byLower = new Map<string, string>();
  const clashes: string[] = [];
  for (const name of names) {
    const dir = join(folder, name);
    if (!(await hasInventoryMarker(dir))) continue;
    const first = byLower.get(name.toLowerCase());
    if (first !== undefined) {
      clashes.push(
        `${join(folder, name)}: run name clashes with ${first} (expected run names that differ by more than case: each names a folder DIR/NAME, which a file system that ignores case would share; rename one sub-folder)`,
      );
      continue;
    }
    byLower.set(name.toLowerCase(), name);
    runs.push({
      name,
      inventory: name,
      inventoryDir: dir,
      maxFailures: RUN_DEFAULTS.maxFailures,
      outageHours: RUN_DEFAULTS.outageHours,
      modelPath: null,
    });
  }
  if (clashes.length > 0) {
    throw inputError(`${folder}: run names that differ only by case; nothing was run`, clashes);
  }
  if (runs.length === 0) {
    const itself = await hasInventoryMarker(folder);
    throw inputError(`${folder}: no inventories`, [
      `${folder}: no inventories (expected sub-folders holding ${INVENTORY_MARKER}${itself ? '; this folder is itself an inventory: use gicap plan' : ''}, found none)`,
    ]);
  }
  return runs;
}

/** complexes.csv directly inside `dir` (a file or a link to one), matched ignoring case as the loader does. */
async function hasInventoryMarker(dir: string): Promise<boolean> {
  const entries = await listEntries(dir);
  return entries.some((e) => e.kind === 'file' && e.name.toLowerCase() === INVENTORY_MARKER);
}
