/**
 * How a value read from a user's file is shown in a message (issue 14, "one readable line per
 * problem"): every problem is one line, so an echoed value must not break it, hide in it or drown it.
 * - Cut: at most ECHO_MAX characters are shown, then `…` and the value's full length.
 * - Escaped: line breaks, tabs and other control characters, and characters that print as nothing or
 *   as a plain space (U+200B zero-width space, U+FEFF byte-order mark, U+00A0 no-break space, bidi
 *   marks...), appear as escapes (`\n`, `\t`, `\u200B`), so the user sees what the cell holds.
 * This is the one place that does it; loaders call `echo` (quoted value) or `echoName` (a header or
 * file name in the `FILE:LINE:COLUMN` position, unquoted).
 */

/** Characters of a value shown before it is cut. */
export const ECHO_MAX = 60;

/**
 * Characters that would break a line or be invisible: control (Cc), format (Cf, e.g. U+200B, U+FEFF,
 * U+202E), surrogate halves, line and paragraph separators, and every space other than U+0020.
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]|(?! )\p{Zs}/gu;

const SHORT: Readonly<Record<string, string>> = {
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

function escapeHidden(text: string): string {
  return text.replace(
    HIDDEN,
    (ch) =>
      SHORT[ch] ?? `\\u${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}

/** Cut to ECHO_MAX characters (code points, so no surrogate pair is split); the suffix says how long it was. */
function cut(text: string): { shown: string; more: string } {
  const chars = [...text];
  if (chars.length <= ECHO_MAX) return { shown: text, more: '' };
  const length = String(chars.length).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return { shown: `${chars.slice(0, ECHO_MAX).join('')}…`, more: ` (${length} characters)` };
}

/**
 * A value in double quotes, for "found …": `"db1"`, `"a\u200Bb"`, `"xxxx…" (100,000 characters)`.
 * Quotes and backslashes inside are escaped as in JSON.
 */
export function echo(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  const { shown, more } = cut(text);
  return `"${escapeHidden(shown.replace(/[\\"]/g, (c) => `\\${c}`))}"${more}`;
}

/** A name written by the user (a header cell, a file name) where a message names it unquoted. */
export function echoName(name: string): string {
  const { shown, more } = cut(name);
  return `${escapeHidden(shown)}${more}`;
}
