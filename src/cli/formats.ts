import { inputError } from '../errors.js';
import { FORMATS, type ReportFormat } from '../report/formats.js';

/** `--format md,html` → the formats, in the registry's order; an unknown one is a usage error. */
export function parseFormats(list: string): ReportFormat[] {
  const asked = list
    .split(',')
    .map((f) => f.trim().toLowerCase())
    .filter((f) => f !== '');
  const unknown = asked.filter((f) => !(FORMATS as readonly string[]).includes(f));
  if (unknown.length > 0 || asked.length === 0) {
    throw inputError(
      `--format ${list}: unknown format ${unknown.map((u) => `"${u}"`).join(', ') || '(none)'} (expected a comma-separated list of ${FORMATS.join(', ')})`,
    );
  }
  return FORMATS.filter((f) => asked.includes(f));
}
