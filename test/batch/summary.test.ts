/** summary.csv, the printed table and the batch exit code: pure functions of runs and outcomes. */
import { describe, expect, it } from 'vitest';
import { renderRunTable, renderSummaryCsv, worstExitCode } from '../../src/cli/batch/summary.js';
import { failedOutcome } from '../../src/cli/batch/execute-run.js';
import type { RunOutcome } from '../../src/cli/batch/types.js';
import { GicapError, inputError } from '../../src/errors.js';
import type { BatchRun } from '../../src/domain/batch.js';

const run = (name: string, inventory = `../${name}`): BatchRun => ({
  name,
  inventory,
  inventoryDir: `/x/${name}`,
  maxFailures: 1,
  outageHours: 24,
  modelPath: null,
});

const computed = (index: number, exitCode: 0 | 1, lost: number): RunOutcome => ({
  index,
  status: exitCode === 0 ? 'ok' : 'findings',
  exitCode,
  figures: {
    scenarios: 20,
    survived: 20 - lost,
    lost,
    packagesLost: 3 * lost,
    nonCompliantGroups: exitCode === 1 && lost === 0 ? 1 : 0,
    shortfallCores: lost,
  },
  error: null,
  details: [],
});

const RUNS = [run('alpha'), run('beta, the second'), run('gamma', 'inv/gamma')];
const OUTCOMES: RunOutcome[] = [
  computed(0, 0, 0),
  computed(1, 1, 2),
  failedOutcome(2, inputError('gamma: 2 problems', ['complexes.csv:3:platform: "x"', 'second'])),
];

describe('renderSummaryCsv', () => {
  it('one row per run in runs order, empty figures for a run not computed, RFC 4180 quoting', () => {
    expect(renderSummaryCsv(RUNS, OUTCOMES)).toBe(
      [
        'name,inventory,status,exit_code,scenarios,survived,lost,packages_lost,non_compliant_groups,shortfall_cores,error',
        'alpha,../alpha,ok,0,20,20,0,0,0,0,',
        '"beta, the second","../beta, the second",findings,1,20,18,2,6,0,2,',
        'gamma,inv/gamma,invalid,2,,,,,,,"complexes.csv:3:platform: ""x"""',
        '',
      ].join('\n'),
    );
  });

  it('refuses outcomes out of order (a scheduler bug must not mislabel runs)', () => {
    expect(() => renderSummaryCsv(RUNS, [OUTCOMES[1]!, OUTCOMES[0]!, OUTCOMES[2]!])).toThrow(
      'batch: no outcome for run 0',
    );
  });
});

describe('worstExitCode', () => {
  it.each([
    [[], 0],
    [[0, 0], 0],
    [[0, 1, 0], 1],
    [[1, 2, 0], 2],
    [[2, 3, 1], 3],
    [[3, 0], 3],
  ] as const)('codes %j → %i', (codes, expected) => {
    const outcomes = codes.map((c, i) => ({ ...computed(i, 0, 0), exitCode: c }));
    expect(worstExitCode(outcomes)).toBe(expected);
  });
});

describe('renderRunTable', () => {
  it('aligns names and statuses left, counts right, and shows the first error', () => {
    expect(renderRunTable(RUNS, OUTCOMES)).toEqual([
      'run               status    scenarios  lost',
      'alpha             ok               20     0',
      'beta, the second  findings         20     2',
      'gamma             invalid           -     -  complexes.csv:3:platform: "x"',
    ]);
  });
});

describe('failedOutcome', () => {
  it('a GicapError is an invalid run with its first line (exit 2)', () => {
    const o = failedOutcome(4, inputError('m', ['first line', 'second line']));
    expect(o).toEqual({
      index: 4,
      status: 'invalid',
      exitCode: 2,
      figures: null,
      error: 'first line',
      details: ['first line', 'second line'],
    });
  });

  it('any other error, or a GicapError marked internal, is an internal error (exit 3)', () => {
    const o = failedOutcome(1, new TypeError('x is undefined\nmore'));
    expect(o.status).toBe('error');
    expect(o.exitCode).toBe(3);
    expect(o.error).toBe('internal error: x is undefined');
    expect(o.details[0]).toBe('TypeError: x is undefined');
    expect(failedOutcome(0, new GicapError('bug', 3)).status).toBe('error');
    expect(failedOutcome(0, 'thrown string').error).toBe('internal error: thrown string');
  });
});
