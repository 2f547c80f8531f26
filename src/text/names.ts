/**
 * Suggesting the name a user probably meant (an unknown column, file, item or symbol): edit
 * distance, compared ignoring case.
 */

/** Levenshtein distance between `a` and `b`. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const cur = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur.push(Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/**
 * The candidate closest to `name` (smallest edit distance ignoring case; ties: first in the given
 * order), or null when there is none within `within` edits. `name` itself is never suggested.
 */
export function closestName(
  name: string,
  candidates: readonly string[],
  within = Number.POSITIVE_INFINITY,
): string | null {
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  const lower = name.toLowerCase();
  for (const c of candidates) {
    if (c === name) continue;
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= within ? best : null;
}

/** The closest candidate when near enough to be a likely typo: at most 2 edits, or a third of it. */
export function likelyTypoOf(name: string, candidates: readonly string[]): string | null {
  return closestName(name, candidates, Math.max(2, Math.floor(name.length / 3)));
}

/** "; closest: NAME" for a likely typo of one of `candidates`, else "" (to end a message's parentheses). */
export function closestHint(name: string, candidates: readonly string[]): string {
  const c = likelyTypoOf(name, candidates);
  return c === null ? '' : `; closest: ${c}`;
}
