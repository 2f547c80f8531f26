import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  maximum,
  median,
  minimum,
  rateOf,
  ratioOf,
  relativeSpread,
  roundTo,
  summarize,
} from '../../bench/stats.js';

describe('median', () => {
  it('is the middle value of an odd count, whatever the order', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([9.5, 0.25, 4, 7, 1])).toBe(4);
    expect(median([42])).toBe(42);
  });

  it('is the mean of the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([10, 20])).toBe(15);
  });

  it('does not reorder the samples it is given', () => {
    const samples = [3, 1, 2];
    median(samples);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('refuses no samples and non-finite ones', () => {
    expect(() => median([])).toThrow('no samples: at least one run is needed');
    expect(() => median([1, Number.NaN])).toThrow('sample is not a finite number: NaN');
    expect(() => maximum([Infinity])).toThrow('sample is not a finite number: Infinity');
  });

  it('lies between the smallest and the largest sample (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1 }),
        (xs) => {
          const m = median(xs);
          return minimum(xs) <= m && m <= maximum(xs);
        },
      ),
    );
  });
});

describe('summarize and spread', () => {
  it('gives median, min, max and the number of runs', () => {
    expect(summarize([1.2, 0.9, 1.5, 1.1, 1.0])).toEqual({
      median: 1.1,
      min: 0.9,
      max: 1.5,
      runs: 5,
    });
  });

  it('relative spread is (max − min) / median, 0 for a zero median', () => {
    expect(relativeSpread([8, 10, 12])).toBe(0.4);
    expect(relativeSpread([0, 0, 0])).toBe(0);
  });
});

describe('rates and ratios', () => {
  it('a rate divides the count by the median, longest and shortest time', () => {
    const seconds = summarize([4, 5, 8]);
    expect(rateOf(1000, seconds)).toEqual({ median: 200, min: 125, max: 250, runs: 3 });
  });

  it('a rate needs positive times', () => {
    expect(() => rateOf(10, summarize([0, 1]))).toThrow('a rate needs positive times, found 0');
  });

  it('a ratio divides the medians; null when a figure is missing or the divisor is 0', () => {
    expect(ratioOf(summarize([3, 6, 9]), summarize([1, 2, 3]))).toBe(3);
    expect(ratioOf(null, summarize([1]))).toBeNull();
    expect(ratioOf(summarize([1]), null)).toBeNull();
    expect(ratioOf(summarize([1]), summarize([0]))).toBeNull();
  });
});

describe('roundTo', () => {
  it('rounds to decimal places', () => {
    expect(roundTo(1.23456, 3)).toBe(1.235);
    expect(roundTo(251.44, 1)).toBe(251.4);
    expect(roundTo(2, 4)).toBe(2);
  });
});
