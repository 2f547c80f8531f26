import { describe, expect, it } from 'vitest';
import {
  formatMore,
  formatRange,
  formatSeconds,
  formatSources,
  formatWarningDetail,
  takeFirst,
} from '../../src/report/format.js';
import { formatNumber } from '../../src/text/count.js';

describe('formatNumber', () => {
  it.each([
    [0, '0'],
    [12, '12'],
    [43200, '43,200'],
    [1234567, '1,234,567'],
    [0.5, '0.5'],
    [1.234, '1.23'],
    [-2880, '-2,880'],
  ])('%d → %s', (n, text) => {
    expect(formatNumber(n)).toBe(text);
  });
});

describe('formatSeconds', () => {
  it.each([
    [49, '49 s'],
    [49.4, '49 s'],
    [96, '96 s'],
    [119.4, '119 s'],
    [120, '2 min'],
    [785, '13 min 5 s'],
    [3600, '1 h 0 min'],
    [3605, '1 h 0 min 5 s'],
    [-30, '-30 s'],
  ])('%d s → %s', (s, text) => {
    expect(formatSeconds(s)).toBe(text);
  });
});

describe('formatRange', () => {
  it('shows short ranges in seconds with the typical value (spec 3.4 gm_failover example)', () => {
    expect(formatRange({ min: 33, typical: 49, max: 80 })).toBe('33–80 s (typ. 49 s)');
  });
  it('shows long ranges in minutes', () => {
    expect(formatRange({ min: 132.2, typical: 227, max: 421 })).toBe(
      '2 min 12 s – 7 min 1 s (typ. 3 min 47 s)',
    );
  });
  it('shows one value when min = max', () => {
    expect(formatRange({ min: 900, typical: 900, max: 900 })).toBe('15 min');
  });
});

describe('formatSources and warnings', () => {
  it('lists the non-zero sources in the order of spec 3.2', () => {
    expect(formatSources({ own: 1, vpar: 1, complex: 0, pool: 0, seized: 0, ticap: 2 })).toBe(
      'own 1, vPar 1, TiCAP 2',
    );
    expect(formatSources({ own: 0, vpar: 0, complex: 0, pool: 0, seized: 0, ticap: 0 })).toBe('–');
  });
  it('adds TiCAP minutes to a warning detail', () => {
    expect(formatWarningDetail({ code: 'ticap-used', subject: 'pkg5', minutes: 2880 })).toBe(
      '2,880 core-min',
    );
    expect(formatWarningDetail({ code: 'fell-through', subject: 'pkg5' })).toBe('–');
    expect(
      formatWarningDetail({
        code: 'ticap-used',
        subject: 'pkg5',
        detail: 'pkg5 on TiCAP',
        minutes: 2880,
      }),
    ).toBe('pkg5 on TiCAP; 2,880 core-min');
  });

  it('gives the TiCAP figure once when the detail states it (plain or grouped)', () => {
    const detail = '4 cores of testdb run on TiCAP for the outage: 5760 core-minutes [T1, T2]';
    expect(
      formatWarningDetail({ code: 'ticap-used', subject: 'testdb', detail, minutes: 5760 }),
    ).toBe(detail);
    expect(
      formatWarningDetail({
        code: 'ticap-used',
        subject: 'x',
        detail: 'x: 5,760 core-min',
        minutes: 5760,
      }),
    ).toBe('x: 5,760 core-min');
    // Another figure that ends in the same digits is not the same figure.
    expect(
      formatWarningDetail({
        code: 'ticap-used',
        subject: 'x',
        detail: 'x: 5760 core-minutes',
        minutes: 760,
      }),
    ).toBe('x: 5760 core-minutes; 760 core-min');
  });
});

describe('bounded lists', () => {
  it('keeps the first 50 and counts the rest', () => {
    const { shown, more } = takeFirst(Array.from({ length: 53 }, (_, i) => i));
    expect(shown).toHaveLength(50);
    expect(shown[49]).toBe(49);
    expect(more).toBe(3);
    expect(formatMore(1, 'scenario', 'scenarios')).toBe(
      '… and 1 more scenario (report.json lists every one).',
    );
  });
});
