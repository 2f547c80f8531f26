/**
 * `--all-scenarios` streams every scenario once: one thin JSON object per line of scenarios.jsonl
 * (its verdict and what changed, src/report/json.ts `renderScenarioJsonLine`) and every row of
 * scenarios.csv; report.json stays small, lists what the default lists (in full) and names the files
 * that hold every scenario.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlanReport } from '../../src/domain/result.js';
import { planCapacity } from '../../src/engine/plan.js';
import { loadInventory } from '../../src/io/load-inventory.js';
import { renderScenariosCsv } from '../../src/report/csv.js';
import { renderJson, scenarioLineData } from '../../src/report/json.js';
import { params } from '../helpers/engine.js';
import { REPO_ROOT, runGicap } from '../helpers/run-cli.js';
import { SCENARIO_KEYS, STREAMED_PACKAGE_KEYS } from '../helpers/scenario-keys.js';

describe('gicap plan --all-scenarios (streaming)', () => {
  it('writes every scenario once to scenarios.jsonl and scenarios.csv, equal to rendering them in memory', async () => {
    const out = mkdtempSync(join(tmpdir(), 'gicap-stream-'));
    const r = runGicap([
      'plan',
      'data/mixed-estate',
      '-k',
      '2',
      '--all-scenarios',
      '--format',
      'json,csv,md',
      '--out',
      out,
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(readdirSync(out).sort()).toEqual([
      'report.json',
      'report.md',
      'run.json',
      'scenarios.csv',
      'scenarios.jsonl',
      'sizing.csv',
    ]);

    const inv = await loadInventory(join(REPO_ROOT, 'data/mixed-estate'));
    const tool = { name: 'gicap-planner', version: '0.1.0' };
    const all = planCapacity(inv, params({ maxFailures: 2, allScenarios: true, tool }));
    expect(all.scenarios).toHaveLength(258);

    // scenarios.jsonl: line i is the line of scenario i of the in-memory report (described in full),
    // each scenario once.
    const text = readFileSync(join(out, 'scenarios.jsonl'), 'utf8');
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(258);
    expect(new Set(lines.map((l) => (JSON.parse(l) as { id: string }).id)).size).toBe(258);
    expect(text).toBe(
      all.scenarios.map((s) => `${JSON.stringify(scenarioLineData(s))}\n`).join(''),
    );
    expect(readFileSync(join(out, 'scenarios.csv'), 'utf8') === renderScenariosCsv(all)).toBe(true);

    // The line's shape: exactly these keys; a takeover lists its group, an unchanged group is left out.
    const keys = [...SCENARIO_KEYS];
    const packageKeys = [...STREAMED_PACKAGE_KEYS];
    const parsed = lines.map(
      (l) =>
        JSON.parse(l) as {
          id: string;
          gm: { group: string; inControl: string | null; takeover: boolean }[];
          packages: { status: string }[];
        },
    );
    for (const line of parsed) {
      expect(Object.keys(line)).toEqual(keys);
      for (const p of line.packages) {
        expect(Object.keys(p)).toEqual(
          p.status === 'lost' ? [...packageKeys, 'attempts'] : packageKeys,
        );
      }
      for (const g of line.gm) expect(g.takeover || g.inControl === null).toBe(true);
    }
    const takeover = parsed.find((l) => l.id === 'host:gmA1');
    expect(takeover?.gm).toEqual([
      {
        group: 'gA',
        inControl: 'gmA2',
        takeover: true,
        takeoverMode: 'serviceguard',
        gmTakeover: { min: 5, typical: 13, max: 35 },
        gmFailover: { min: 33, typical: 49, max: 80 },
      },
    ]);
    expect(parsed.find((l) => l.id === 'npar:east-sd1/np-db')?.gm).toEqual([]);

    // The README's example line is one of them.
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const example =
      /scenarios\.jsonl` of `gicap plan data\/mixed-estate -k 2 --all-scenarios`[^`]*```text\n([^\n]*)\n```/.exec(
        readme,
      );
    expect(example?.[1]).toBeDefined();
    expect(lines).toContain(example?.[1]);

    // report.json: what the default lists (48 losing + the binding ones, described in full), and
    // where the rest is.
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as PlanReport;
    const listed = planCapacity(inv, params({ maxFailures: 2, allScenarios: false, tool }));
    expect(report.scenarios).toEqual((JSON.parse(renderJson(listed)) as PlanReport).scenarios);
    expect(report.scenariosFiles).toEqual(['scenarios.jsonl', 'scenarios.csv']);
    expect(report.parameters.allScenarios).toBe(true);
    expect(report.summary).toEqual({ ...all.summary });
  });
});
