/**
 * Statistics of repeated timings for the benchmark (issue 6): median and spread (min–max) of the
 * measured runs. Pure functions; the harness (bench/run.ts) does the timing.
 */

/** A figure measured several times: median, smallest, largest (same unit as the samples). */
export interface Figure {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** Number of measured runs (warm-up excluded). */
  readonly runs: number;
}

function sorted(samples: readonly number[]): number[] {
  if (samples.length === 0) throw new RangeError('no samples: at least one run is needed');
  for (const s of samples) {
    if (!Number.isFinite(s)) throw new RangeError(`sample is not a finite number: ${s}`);
  }
  return [...samples].sort((a, b) => a - b);
}

/** The middle value; with an even count, the mean of the two middle values. */
export function median(samples: readonly number[]): number {
  const s = sorted(samples);
  const mid = Math.floor(s.length / 2);
  const upper = s[mid] ?? 0;
  return s.length % 2 === 1 ? upper : ((s[mid - 1] ?? 0) + upper) / 2;
}

export function minimum(samples: readonly number[]): number {
  return sorted(samples)[0] ?? 0;
}

export function maximum(samples: readonly number[]): number {
  const s = sorted(samples);
  return s[s.length - 1] ?? 0;
}

/** Spread as a share of the median: (max − min) / median; 0 when the median is 0. */
export function relativeSpread(samples: readonly number[]): number {
  const m = median(samples);
  return m === 0 ? 0 : (maximum(samples) - minimum(samples)) / m;
}

export function summarize(samples: readonly number[]): Figure {
  return {
    median: median(samples),
    min: minimum(samples),
    max: maximum(samples),
    runs: samples.length,
  };
}

/**
 * A rate from a count and a timed figure (e.g. scenarios per second): the median rate uses the
 * median time, the smallest rate the longest time and the largest rate the shortest time.
 */
export function rateOf(count: number, seconds: Figure): Figure {
  if (seconds.min <= 0) throw new RangeError(`a rate needs positive times, found ${seconds.min}`);
  return {
    median: count / seconds.median,
    min: count / seconds.max,
    max: count / seconds.min,
    runs: seconds.runs,
  };
}

/** a / b of two medians, or null when either is missing or b is 0. */
export function ratioOf(a: Figure | null, b: Figure | null): number | null {
  if (a === null || b === null || b.median === 0) return null;
  return a.median / b.median;
}

/** Round to `digits` decimal places for the results file (stable, readable numbers). */
export function roundTo(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
