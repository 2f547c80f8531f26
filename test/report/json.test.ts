import { describe, expect, it } from 'vitest';
import type { PlanReport } from '../../src/domain/result.js';
import { renderJson } from '../../src/report/json.js';
import { goldenReports } from '../helpers/golden-cases.js';
import { SCENARIO_KEYS } from '../helpers/scenario-keys.js';

const reports = goldenReports(['mixed-estate-k1', 'mixed-estate-changed']);

/** The same data with every object's keys in reverse order (an engine building them differently). */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value !== null && typeof value === 'object') {
    const src = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(src)
        .reverse()
        .map((k) => [k, reverseKeys(src[k])]),
    );
  }
  return value;
}

describe('renderJson', () => {
  it('round-trips the report exactly, with 2-space indent and a final newline', () => {
    const report = reports['mixed-estate-changed'];
    expect(report.comparison).not.toBeNull();
    const text = renderJson(report);
    expect(JSON.parse(text)).toEqual(report);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "schemaVersion": 1,');
  });

  it('orders keys as spec 5.1 and src/domain/result.ts, whatever order the engine used', () => {
    const report = reports['mixed-estate-k1'];
    const shuffled = reverseKeys(report) as PlanReport;
    expect(Object.keys(shuffled)[0]).toBe('comparison');
    const text = renderJson(shuffled);
    expect(text).toBe(renderJson(report));
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual([
      'schemaVersion',
      'tool',
      'inventory',
      'parameters',
      'summary',
      'groups',
      'partitions',
      'scenarios',
      'clusters',
      'warnings',
      'model',
      'comparison',
    ]);
    const scenario = (parsed.scenarios as Record<string, unknown>[])[1] ?? {};
    expect(Object.keys(scenario)).toEqual([...SCENARIO_KEYS]);
    const pkg = (scenario.packages as Record<string, unknown>[])[0] ?? {};
    expect(Object.keys(pkg)).toEqual([
      'package',
      'from',
      'to',
      'status',
      'cluster',
      'activated',
      'sources',
      'reason',
      'time',
      'rightsMove',
      'sgFailover',
      'ticapMinutes',
      'waitedForTakeover',
      'attempts',
      'policy',
      'displacedBy',
      'dependsOn',
    ]);
    expect(Object.keys(pkg.sources as object)).toEqual([
      'own',
      'vpar',
      'complex',
      'pool',
      'seized',
      'ticap',
    ]);
  });

  it('keeps fields it does not know, after the known ones, and sorts record keys', () => {
    const base = reports['mixed-estate-k1'];
    const scenario = base.scenarios[0];
    if (scenario === undefined) throw new Error('the plan lists scenarios');
    const extended = {
      ...base,
      zExtra: { b: 1, a: 2 },
      scenarios: [{ ...scenario, outage: { zeta: 'partial', alpha: 'complete' } }],
    } as unknown as PlanReport;
    const parsed = JSON.parse(renderJson(extended)) as Record<string, unknown>;
    expect(Object.keys(parsed).slice(-2)).toEqual(['comparison', 'zExtra']);
    expect(Object.keys(parsed.zExtra as object)).toEqual(['a', 'b']);
    const outage = (parsed.scenarios as { outage: object }[])[0]?.outage ?? {};
    expect(Object.keys(outage)).toEqual(['alpha', 'zeta']);
  });

  it('writes an optional warning field only when present', () => {
    const text = renderJson(reports['mixed-estate-k1']);
    expect(text).toContain(
      [
        '        {',
        '          "code": "ticap-used",',
        '          "subject": "testdb",',
        '          "detail": "4 cores of testdb run on TiCAP for the outage: 5760 core-minutes [T1, T2]",',
        '          "minutes": 5760',
        '        }',
      ].join('\n'),
    );
    const parsed = JSON.parse(text) as { scenarios: { warnings: object[] }[] };
    const withMinutes = parsed.scenarios.flatMap((s) => s.warnings).filter((w) => 'minutes' in w);
    expect(withMinutes).toHaveLength(1);
    expect(text).not.toContain('"minutes": null');
  });
});
