import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runGicap } from '../helpers/run-cli.js';

const FIXTURES = new URL('../fixtures/models/', import.meta.url).pathname;

describe('gicap model', () => {
  it('prints the bundled model as a table with sources and a mark on every assumption', () => {
    const r = runGicap(['model']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Timing model "default" from data/timing-model.json (bundled)');
    expect(lines).toContain('  coefficient                  min  typical   max  source');
    expect(lines).toContain('  sg_failover                   28       36    45  [S1 p.31]');
    expect(lines).toContain('  takeover_base *                2        5    10  assumption');
    expect(lines).toContain('  takeover_cap                 900      900   900  [S1 p.31]');
    expect(lines).toContain('  rights_lookup_per_complex *  0.5        1     3  assumption');
    expect(lines).toContain('  operator_response *          300      900  3600  assumption');
    expect(lines).toContain(
      '* assumption (14 of 18): no published figure; replace it with a measured value (--model FILE) or fit it (gicap calibrate)',
    );
    expect(lines).toContain(
      '  gm_failover = sg_failover + gm_takeover + manual * operator_response',
    );
    expect(lines).toContain('  groups_managed      groups managed by the host taking control');
    // Every assumption is marked, and only assumptions.
    const rows = lines.filter((l) => / (assumption|\[S1 p\.31\])$/.test(l));
    expect(rows).toHaveLength(16);
    for (const row of rows) expect(row.includes(' * ')).toBe(row.endsWith('assumption'));
  });

  it('prints the model as a model file with --format json', () => {
    const r = runGicap(['model', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(readFileSync(`${REPO_ROOT}data/timing-model.json`, 'utf8'));
  });

  it('reads --model relative to the working folder and shows it in seconds', () => {
    const r = runGicap(['model', '--model', 'minutes.json'], { cwd: FIXTURES });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('Timing model "minutes" from minutes.json');
    expect(r.stdout).toContain('  operator_response *          300      900  3600  assumption');
  });

  it('rejects a bad model with exit 2 and its error line', () => {
    const r = runGicap(['model', '--model', 'bad-range.json'], { cwd: FIXTURES });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'bad-range.json: coefficients.sg_failover: min 50 is greater than typical 36 (expected min ≤ typical ≤ max)\n',
    );
  });

  it('lists every problem of a model, one line each, then a summary', () => {
    const r = runGicap(['model', '--model', 'bad-many.json'], { cwd: FIXTURES });
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')).toEqual([
      'bad-many.json: coefficients.sg_failover: min 50 is greater than typical 36 (expected min ≤ typical ≤ max)',
      'bad-many.json: coefficients.vpar_modify.unit: "kg" is not a time unit (expected s, seconds, min or minutes)',
      'bad-many.json: formulas.cluster_reformation: missing (a model defines gm_takeover, gm_failover, rights_move, cluster_reformation, package_failover)',
      'bad-many.json: formulas.package_failover: missing (a model defines gm_takeover, gm_failover, rights_move, cluster_reformation, package_failover)',
      'bad-many.json: formulas.rights_move: unknown symbol "gm_contactt" (not a coefficient, driver or formula; closest: gm_contact)',
      'model file bad-many.json is not usable: 5 problems',
      '',
    ]);
  });

  it.each([
    [
      'bad-formula.json',
      'bad-formula.json: formulas.gm_takeover: does not parse (Unexpected end of expression (char 19))',
    ],
    [
      'bad-symbol.json',
      'bad-symbol.json: formulas.rights_move: unknown symbol "gm_contactt" (not a coefficient, driver or formula; closest: gm_contact)',
    ],
    [
      'bad-unit.json',
      'bad-unit.json: coefficients.vpar_modify.unit: "kg" is not a time unit (expected s, seconds, min or minutes)',
    ],
    ['missing.json', 'missing.json: cannot read the model file (no such file)'],
  ])('rejects %s with exit 2', (file, line) => {
    const r = runGicap(['model', '--model', file], { cwd: FIXTURES });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`${line}\n`);
  });

  it('rejects an unknown --format with exit 2', () => {
    const r = runGicap(['model', '--format', 'xml']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      '--format: "xml" is not a format of gicap model (expected text or json)\n',
    );
  });
});
