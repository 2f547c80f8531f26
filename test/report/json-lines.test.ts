/**
 * scenarios.jsonl (issue 14): each line is written directly as text, without building the JSON data
 * first; it must be byte for byte what JSON.stringify makes of the scenario as report.json holds it.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScenarioResult } from '../../src/domain/result.js';
import { planCapacity } from '../../src/engine/plan.js';
import { loadInventory } from '../../src/io/load-inventory.js';
import { renderScenarioJsonLine, scenarioJsonData } from '../../src/report/json.js';
import { params } from '../helpers/engine.js';
import { REPO_ROOT } from '../helpers/run-cli.js';

describe('renderScenarioJsonLine', () => {
  it.each([
    ['seed-fig15', 2, 22],
    ['mixed-estate', 2, 258],
  ])(
    '%s at k = %i: every line equals JSON.stringify of the report.json object',
    async (name, k, count) => {
      const inv = await loadInventory(join(REPO_ROOT, 'data', name));
      const all = planCapacity(inv, params({ maxFailures: k, allScenarios: true }));
      expect(all.scenarios).toHaveLength(count);
      for (const s of all.scenarios) {
        expect(renderScenarioJsonLine(s)).toBe(JSON.stringify(scenarioJsonData(s)));
      }
    },
  );

  it('writes keys it does not know after the known ones, sorted, and leaves out undefined ones', () => {
    const s = {
      id: 'x',
      failed: ['x'],
      outage: { b: 'partial', a: 'complete' },
      survives: true,
      gm: [],
      rights: [],
      packages: [],
      unaffected: 0,
      warnings: [{ code: 'c', subject: 's', detail: undefined }],
      time: null,
      slowest: null,
      zeta: 1,
      alpha: { y: 2, x: [1, 'a'] },
      gone: undefined,
    } as unknown as ScenarioResult;
    const line = renderScenarioJsonLine(s);
    expect(line).toBe(
      '{"id":"x","failed":["x"],"outage":{"a":"complete","b":"partial"},"survives":true,"gm":[],"rights":[],"packages":[],"unaffected":0,"warnings":[{"code":"c","subject":"s"}],"time":null,"slowest":null,"alpha":{"x":[1,"a"],"y":2},"zeta":1}',
    );
    expect(line).toBe(JSON.stringify(scenarioJsonData(s)));
  });
});
