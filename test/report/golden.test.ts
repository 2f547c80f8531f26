/**
 * The golden files: each case of test/helpers/golden-cases.ts planned by the real engine from its
 * bundled inventory and rendered, byte for byte against `test/golden/<case>/`. After a deliberate
 * change of the output, `npx vitest run test/report -u` writes them anew (review the diff).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlanReport } from '../../src/domain/result.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderScenariosCsv, renderSizingCsv } from '../../src/report/csv.js';
import { GOLDEN_CASE_NAMES, goldenCase, goldenDir, planCase } from '../helpers/golden-cases.js';

describe.each(GOLDEN_CASE_NAMES)('golden case %s', (name) => {
  const dir = goldenDir(name);
  let report: PlanReport;
  beforeAll(async () => {
    report = await planCase(name);
  });

  it('report.md is expected.md', async () => {
    await expect(renderMarkdown(report)).toMatchFileSnapshot(`${dir}expected.md`);
  });

  if (goldenCase(name).csv) {
    it('scenarios.csv and sizing.csv are expected.scenarios.csv and expected.sizing.csv', async () => {
      await expect(renderScenariosCsv(report)).toMatchFileSnapshot(`${dir}expected.scenarios.csv`);
      await expect(renderSizingCsv(report)).toMatchFileSnapshot(`${dir}expected.sizing.csv`);
    });
  }
});
