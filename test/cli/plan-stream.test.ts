/** `--all-scenarios` streams JSON and CSV to disk; the bytes equal the in-memory rendering. */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planCapacity } from '../../src/engine/plan.js';
import { loadInventory } from '../../src/io/load-inventory.js';
import { renderScenariosCsv } from '../../src/report/csv.js';
import { renderJson } from '../../src/report/json.js';
import { params } from '../helpers/engine.js';
import { REPO_ROOT, runGicap } from '../helpers/run-cli.js';

describe('gicap plan --all-scenarios (streaming)', () => {
  it('writes every scenario, byte-identical to rendering them in memory, and no temporary file', async () => {
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
    expect(r.status).toBe(1);
    expect(readdirSync(out).sort()).toEqual([
      'report.json',
      'report.md',
      'scenarios.csv',
      'sizing.csv',
    ]);

    const inv = await loadInventory(join(REPO_ROOT, 'data/mixed-estate'));
    const report = planCapacity(
      inv,
      params({
        maxFailures: 2,
        allScenarios: true,
        tool: { name: 'gicap-planner', version: '0.1.0' },
      }),
    );
    expect(report.scenarios).toHaveLength(report.summary.scenarios);
    const streamedJson = readFileSync(join(out, 'report.json'), 'utf8');
    const inMemory = renderJson(report);
    expect(streamedJson.length).toBe(inMemory.length);
    expect(streamedJson === inMemory).toBe(true);
    expect(readFileSync(join(out, 'scenarios.csv'), 'utf8') === renderScenariosCsv(report)).toBe(
      true,
    );
  });
});
