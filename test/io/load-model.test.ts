import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileTimingModel, ZERO_DRIVERS } from '../../src/model/timing.js';
import { GicapError } from '../../src/errors.js';
import {
  DEFAULT_MODEL_PATH,
  formatTimingModel,
  loadTimingModel,
  parseTimingModel,
} from '../../src/io/load-model.js';

const fixture = (name: string): string =>
  new URL(`../fixtures/models/${name}`, import.meta.url).pathname;

/** The GicapError a load throws (fails the test when it resolves). */
async function loadError(path: string): Promise<GicapError> {
  try {
    await loadTimingModel(path);
  } catch (err) {
    if (err instanceof GicapError) return err;
    throw err;
  }
  throw new Error(`${path} loaded without error`);
}

describe('loadTimingModel', () => {
  it('loads the bundled model from data/timing-model.json by default', async () => {
    expect(DEFAULT_MODEL_PATH.endsWith('/data/timing-model.json')).toBe(true);
    const model = await loadTimingModel();
    expect(model.name).toBe('default');
    expect(Object.keys(model.coefficients)).toHaveLength(18);
  });

  it('converts a model written in minutes to seconds (same times as the defaults)', async () => {
    const model = await loadTimingModel(fixture('minutes.json'));
    expect(model.coefficients['operator_response']).toMatchObject({
      min: 300,
      typical: 900,
      max: 3600,
      unit: 's',
    });
    expect(model.coefficients['takeover_cap']).toMatchObject({ min: 900, typical: 900, max: 900 });
    const engine = compileTimingModel(model);
    expect(
      engine.range('gm_failover', {
        ...ZERO_DRIVERS,
        groups_managed: 1,
        member_complexes: 2,
        manual: 1,
      }),
    ).toEqual({
      min: 333,
      typical: 949,
      max: 3680,
    });
  });

  it.each([
    [
      'bad-range.json',
      [
        'bad-range.json: coefficients.sg_failover: min 50 is greater than typical 36 (expected min ≤ typical ≤ max)',
      ],
    ],
    [
      'bad-formula.json',
      [
        'bad-formula.json: formulas.gm_takeover: does not parse (Unexpected end of expression (char 19))',
      ],
    ],
    [
      'bad-symbol.json',
      [
        'bad-symbol.json: formulas.rights_move: unknown symbol "gm_contactt" (not a coefficient, driver or formula; closest: gm_contact)',
      ],
    ],
    [
      'bad-unit.json',
      [
        'bad-unit.json: coefficients.vpar_modify.unit: "kg" is not a time unit (expected s, seconds, min or minutes)',
      ],
    ],
    [
      'bad-many.json',
      [
        'bad-many.json: coefficients.sg_failover: min 50 is greater than typical 36 (expected min ≤ typical ≤ max)',
        'bad-many.json: coefficients.vpar_modify.unit: "kg" is not a time unit (expected s, seconds, min or minutes)',
        'bad-many.json: formulas.cluster_reformation: missing (a model defines gm_takeover, gm_failover, rights_move, cluster_reformation, package_failover)',
        'bad-many.json: formulas.package_failover: missing (a model defines gm_takeover, gm_failover, rights_move, cluster_reformation, package_failover)',
        'bad-many.json: formulas.rights_move: unknown symbol "gm_contactt" (not a coefficient, driver or formula; closest: gm_contact)',
      ],
    ],
  ])('rejects %s with exit 2 and every line prefixed with the file name', async (name, lines) => {
    const err = await loadError(fixture(name));
    expect(err.exitCode).toBe(2);
    expect(err.lines).toEqual(lines);
    expect(err.message).toBe(
      `model file ${name} is not usable: ${lines.length} problem${lines.length === 1 ? '' : 's'}`,
    );
  });

  it('rejects a missing file', async () => {
    const err = await loadError(join(tmpdir(), 'no-such-model.json'));
    expect(err.exitCode).toBe(2);
    expect(err.lines).toEqual(['no-such-model.json: cannot read the model file (no such file)']);
  });

  it('rejects invalid JSON, saying where', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gicap-model-'));
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{\n  "name": "broken",\n  "coefficients": {},\n}\n');
    const err = await loadError(path);
    expect(err.exitCode).toBe(2);
    expect(err.lines).toEqual([
      'broken.json: not valid JSON (line 4, column 1: Expected double-quoted property name)',
    ]);
  });

  it('accepts a file that starts with a BOM', () => {
    const text = `\uFEFF${readFileSync(DEFAULT_MODEL_PATH, 'utf8')}`;
    expect(parseTimingModel(text, 'bom.json').name).toBe('default');
  });
});

describe('formatTimingModel', () => {
  it('writes a model file that reads back as the same model', async () => {
    const model = await loadTimingModel(fixture('minutes.json'));
    const text = formatTimingModel(model);
    expect(text.endsWith('}\n')).toBe(true);
    expect(parseTimingModel(text, 'copy.json')).toEqual(model);
  });

  it('writes the bundled model back byte for byte (it is in seconds already)', async () => {
    const model = await loadTimingModel();
    expect(formatTimingModel(model)).toBe(readFileSync(DEFAULT_MODEL_PATH, 'utf8'));
  });
});
