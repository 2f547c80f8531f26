/**
 * Number, duration and range formatting shared by the human-readable renderers (Markdown, HTML).
 * Plain code-unit string building only: no `toLocaleString` or `Intl`, so the output does not depend
 * on the machine's locale (byte-identical reports, spec 5.2). The machine formats (JSON, CSV) print
 * raw numbers instead.
 */
import type { ScenarioWarning, Sources } from '../domain/result.js';
import type { TimeRange } from '../domain/timing.js';
import { formatNumber } from '../text/count.js';
import { SOURCE_KEYS, SOURCE_NAMES } from '../domain/rights-sources.js';

/** Placeholder for a value that does not apply (a vPar's installed cores, no binding scenario). */
export const NONE = '–';

/** How many entries each list section shows before "and N more" (spec 5.2, bounded size). */
export const LIST_LIMIT = 50;

/** A count or `–` when null. */
export function formatCount(n: number | null): string {
  return n === null ? NONE : formatNumber(n);
}

/** Durations under this many seconds are shown in seconds (`96 s`), longer ones in minutes. */
const SECONDS_ONLY_BELOW = 120;

/**
 * Seconds as a duration, rounded to the whole second (the model's ranges are wider than a second, and
 * the JSON keeps the exact value): `49 s`, `96 s`, `13 min 5 s`, `2 h 0 min 5 s`.
 */
export function formatSeconds(seconds: number): string {
  const total = Math.round(seconds);
  if (total < 0) return `-${formatSeconds(-total)}`;
  if (total < SECONDS_ONLY_BELOW) return `${total} s`;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const parts: string[] = [];
  if (h > 0) parts.push(`${formatNumber(h)} h`);
  parts.push(`${m} min`);
  if (s > 0) parts.push(`${s} s`);
  return parts.join(' ');
}

/**
 * A time range, every figure with its unit: `49 s` when min = typical = max, `33–80 s (typ. 49 s)`
 * when all three are under two minutes, else `2 min 12 s – 7 min 1 s (typ. 3 min 47 s)`.
 */
export function formatRange(range: TimeRange): string {
  const min = Math.round(range.min);
  const typ = Math.round(range.typical);
  const max = Math.round(range.max);
  if (min === max) return formatSeconds(min);
  if (max < SECONDS_ONLY_BELOW) return `${min}–${max} s (typ. ${typ} s)`;
  return `${formatSeconds(min)} – ${formatSeconds(max)} (typ. ${formatSeconds(typ)})`;
}

/** A range or `–` when null (a lost package, a scenario where nothing moved). */
export function formatOptionalRange(range: TimeRange | null): string {
  return range === null ? NONE : formatRange(range);
}

/** Core-minutes of TiCAP: `2,880 core-min`. */
export function formatCoreMinutes(minutes: number): string {
  return `${formatNumber(minutes)} core-min`;
}

/** `yes` / `no`. */
export function formatYesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

/** A scenario verdict: `survives` / `loses packages`. */
export function formatVerdict(survives: boolean): string {
  return survives ? 'survives' : 'loses packages';
}

/** The non-zero sources, e.g. `seized 6, TiCAP 2`; `–` when nothing was activated. */
export function formatSources(sources: Sources): string {
  const parts = SOURCE_KEYS.filter((k) => sources[k] !== 0).map(
    (k) => `${SOURCE_NAMES[k].label} ${formatNumber(sources[k])}`,
  );
  return parts.length === 0 ? NONE : parts.join(', ');
}

/**
 * A warning's detail with its minutes (e.g. `2,880 core-min`) when the detail does not already give
 * them, or `–`. The engine's `ticap-used` detail states its figure (`5760 core-minutes [T1, T2]`):
 * the figure is then not repeated.
 */
export function formatWarningDetail(w: ScenarioWarning): string {
  const parts: string[] = [];
  const detail = w.detail ?? '';
  if (detail !== '') parts.push(detail);
  if (w.minutes !== undefined && !statesMinutes(detail, w.minutes)) {
    parts.push(formatCoreMinutes(w.minutes));
  }
  return parts.length === 0 ? NONE : parts.join('; ');
}

/** Whether `text` gives this many core-minutes, plain or grouped: `5760 core-min…`, `5,760 core-min…`. */
function statesMinutes(text: string, minutes: number): boolean {
  return [String(minutes), formatNumber(minutes)].some((n) =>
    new RegExp(`(?<![\\d,.])${n.replace(/\./g, '\\.')} core-min`).test(text),
  );
}

/** `N more scenarios` wording for the bounded lists. */
export function formatMore(more: number, noun: string, plural: string): string {
  return `… and ${formatNumber(more)} more ${more === 1 ? noun : plural} (report.json lists every one).`;
}

/** The first `limit` items and how many were left out. */
export function takeFirst<T>(
  items: readonly T[],
  limit: number = LIST_LIMIT,
): { shown: readonly T[]; more: number } {
  return { shown: items.slice(0, limit), more: Math.max(0, items.length - limit) };
}
