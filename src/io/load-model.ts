/**
 * Reading a timing model file (spec 3.4): the bundled `data/timing-model.json`, or the file given with
 * `--model`. The file is read and parsed here; `checkModelFile` (model-file.ts) checks its shape with zod,
 * then `checkTimingModel` (model/check.ts) what it means, and converts it.
 * Every problem becomes one line `FILE: PATH: what is wrong`, and the command exits 2.
 */
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TimingModel } from '../domain/timing.js';
import { checkModelFile } from './model-file.js';
import { inputError } from '../errors.js';
import { readUserFile } from './read-text.js';

/** The bundled default model (works from src/ under tsx and from dist/ alike). */
export const DEFAULT_MODEL_PATH = fileURLToPath(
  new URL('../../data/timing-model.json', import.meta.url),
);

/** Read, parse and check a model file; throws an exit-2 `GicapError` listing every problem. */
export async function loadTimingModel(path: string = DEFAULT_MODEL_PATH): Promise<TimingModel> {
  const file = basename(path);
  const text = await readUserFile(path, 'model');
  // A batch loads the same model for every run: check each distinct text once per thread.
  const key = `${file}\u0000${text}`;
  const cached = checked.get(key);
  if (cached !== undefined) return cached;
  const model = parseTimingModel(text, file);
  checked.set(key, model);
  return model;
}

/** Models already checked in this thread, by file name and content. */
const checked = new Map<string, TimingModel>();

/** Parse and check the text of a model file named `file` (for messages). */
export function parseTimingModel(text: string, file: string): TimingModel {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    throw inputError(`model file ${file} is not valid JSON`, [
      `${file}: not valid JSON (${jsonErrorWhere(body, err)})`,
    ]);
  }
  const checked = checkModelFile(value);
  if (!checked.ok) {
    const n = checked.errors.length;
    throw inputError(
      `model file ${file} is not usable: ${n} problem${n === 1 ? '' : 's'}`,
      checked.errors.map((e) => `${file}: ${e}`),
    );
  }
  return checked.value;
}

/**
 * The model as a model file: the same JSON format `loadTimingModel` reads (coefficients in seconds),
 * two-space indented with a final newline, so a written file is stable and diffs well.
 */
export function formatTimingModel(model: TimingModel): string {
  const file = {
    name: model.name,
    ...(model.description !== undefined ? { description: model.description } : {}),
    coefficients: Object.fromEntries(
      Object.entries(model.coefficients).map(([name, c]) => [
        name,
        {
          min: c.min,
          typical: c.typical,
          max: c.max,
          unit: c.unit,
          source: c.source,
          ...(c.description !== undefined ? { description: c.description } : {}),
        },
      ]),
    ),
    drivers: model.drivers,
    formulas: model.formulas,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * Where a JSON syntax error is, as "line L, column C: reason". V8's wording differs between Node
 * versions; the position is the stable part, so it comes first.
 */
function jsonErrorWhere(text: string, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const reason = message.replace(/ in JSON at position \d+.*$/s, '').replace(/^JSON\.parse: /, '');
  const match = /at position (\d+)/.exec(message);
  if (match === null) return reason;
  const offset = Number(match[1]);
  const before = text.slice(0, offset).split('\n');
  const line = before.length;
  const column = (before[before.length - 1]?.length ?? 0) + 1;
  return `line ${line}, column ${column}: ${reason}`;
}
