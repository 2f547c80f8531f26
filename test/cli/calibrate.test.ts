import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileTimingModel } from '../../src/model/timing.js';
import { loadTimingModel } from '../../src/io/load-model.js';
import { loadObservations, parseObservations } from '../../src/io/load-observations.js';
import { runGicap } from '../helpers/run-cli.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'gicap-calibrate-'));

function csv(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('gicap calibrate', () => {
  it('fits the example observations, prints the fit and writes a model that loads and covers them', async () => {
    const dir = tmp();
    const out = join(dir, 'm.json');
    const r = runGicap(['calibrate', 'data/observations-example.csv', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(
      'Calibrating model "default" to observations-example.csv: 30 observations (gm_takeover 18, gm_failover 12)',
    );
    expect(lines).toContain(
      '  coefficient               was typical  fitted  new min  new max  was range',
    );
    expect(lines).toContain(
      '  sg_failover                        36  37.787       28       45  28–45',
    );
    expect(lines).toContain(
      '  takeover_per_unreachable           60  44.906       30      120  30–120',
    );
    expect(lines).toContain('     2  gm_takeover     173.2  172.155     1.045');
    expect(lines).toContain('Fit: R² 0.9997, RMSE 1.042 s over 30 observations');
    const model = await loadTimingModel(out);
    expect(model.name).toBe('default-calibrated');
    expect(model.coefficients['takeover_per_unreachable']?.typical).toBe(44.906);
    const engine = compileTimingModel(model);
    for (const o of await loadObservations('data/observations-example.csv')) {
      const range = engine.range(o.formula, o.drivers);
      expect(range.min).toBeLessThanOrEqual(o.seconds);
      expect(range.max).toBeGreaterThanOrEqual(o.seconds);
    }
  });

  it('fits one formula with --formula and holds a coefficient with --fix', () => {
    const out = join(tmp(), 'f.json');
    const r = runGicap([
      'calibrate',
      'data/observations-example.csv',
      '--formula',
      'gm_failover',
      '--fix',
      'sg_failover',
      '--out',
      out,
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('18 rows of other formulas ignored (--formula gm_failover)\n');
    expect(r.stdout).toContain('Held with --fix: sg_failover\n');
    expect(existsSync(out)).toBe(true);
  });

  it('refuses collinear observations with exit 2, the reason, and no file written', () => {
    const dir = tmp();
    const out = join(dir, 'm.json');
    const r = runGicap([
      'calibrate',
      'data/observations-example.csv',
      '--formula',
      'gm_failover',
      '--out',
      out,
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'observations-example.csv: collinear observations: takeover_base (constant) = 1 × sg_failover (constant) in every row, so these coefficients cannot be told apart (each adds a constant to every row: hold all but one of them with --fix NAME, or add rows of another formula that separates them)\n',
    );
    expect(existsSync(out)).toBe(false);
  });

  it('refuses collinear drivers, naming them', () => {
    const dir = tmp();
    const obs = csv(
      dir,
      'col.csv',
      'formula,seconds,groups_managed,member_complexes\ngm_takeover,20,1,2\ngm_takeover,31,2,4\ngm_takeover,39,3,6\ngm_takeover,50,4,8\ngm_takeover,61,5,10\n',
    );
    const r = runGicap(['calibrate', obs, '--out', join(dir, 'm.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'col.csv: collinear observations: takeover_per_member (× member_complexes) = 2 × takeover_per_group (× groups_managed) in every row, so these coefficients cannot be told apart (add rows where those drivers vary independently, or hold one of them with --fix NAME)\n',
    );
  });

  it('refuses too few observations with exit 2', () => {
    const dir = tmp();
    const obs = csv(
      dir,
      'few.csv',
      'formula,seconds,groups_managed,member_complexes,member_npars_down\ngm_takeover,173.2,3,6,3\ngm_takeover,78.6,2,6,1\ngm_takeover,171.2,2,6,3\ngm_takeover,108.8,2,2,2\n',
    );
    const r = runGicap(['calibrate', obs, '--out', join(dir, 'm.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'few.csv: too few observations: 4 rows to fit 4 coefficients (takeover_base, takeover_per_group, takeover_per_member, takeover_per_unreachable); at least 5 are needed (one more than the coefficients fitted, so the fit has a residual)\n',
    );
    expect(existsSync(join(dir, 'm.json'))).toBe(false);
  });

  it('reports every problem of the observations file as FILE:LINE:COLUMN lines', () => {
    const dir = tmp();
    const obs = csv(
      dir,
      'bad.csv',
      'formula,seconds,groups_managed,member_complexs\ngm_takover,12,1,2\ngm_takeover,abc,x,2\n,,1,2\n',
    );
    const r = runGicap(['calibrate', obs, '--out', join(dir, 'm.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')).toEqual([
      'bad.csv:1:member_complexs: unknown column (expected one of formula, seconds, groups_managed, member_complexes, member_npars_down, manual, managers_tried, complexes_in_group, seized_npars, seized_cells, cores_activated, vpar_node, waited, failed_attempts, start_s, vm_boot_s, member_timeout, dual_lock; closest: member_complexes)',
      'bad.csv:2:formula: invalid value (expected one of gm_takeover, gm_failover, rights_move, cluster_reformation, package_failover, found "gm_takover"; closest: gm_takeover)',
      'bad.csv:3:seconds: invalid value (expected a number of seconds from 0 to 86,400, found "abc")',
      'bad.csv:3:groups_managed: invalid value (expected a count from 0 to 65,536, found "x")',
      'bad.csv:4:formula: missing value (expected one of gm_takeover, gm_failover, rights_move, cluster_reformation, package_failover, found an empty cell)',
      'bad.csv:4:seconds: missing value (expected a number of seconds from 0 to 86,400, found an empty cell)',
      'observations file bad.csv is not usable: 6 problems',
      '',
    ]);
  });

  it('refuses a usage error: no --out, an unknown --formula, an unknown --fix', () => {
    expect(runGicap(['calibrate', 'data/observations-example.csv']).status).toBe(2);
    const f = runGicap([
      'calibrate',
      'data/observations-example.csv',
      '--formula',
      'gm',
      '--out',
      join(tmp(), 'x.json'),
    ]);
    expect(f.status).toBe(2);
    expect(f.stderr).toBe(
      '--formula: "gm" is not a formula of the model (expected gm_takeover, gm_failover, rights_move, cluster_reformation, package_failover)\n',
    );
    const x = runGicap([
      'calibrate',
      'data/observations-example.csv',
      '--fix',
      'sg_failovr',
      '--out',
      join(tmp(), 'x.json'),
    ]);
    expect(x.status).toBe(2);
    expect(x.stderr).toBe(
      'observations-example.csv: --fix sg_failovr: not a coefficient of model "default" (closest: sg_failover)\n',
    );
  });

  it('refuses a bad starting model with its error line', () => {
    const r = runGicap([
      'calibrate',
      'data/observations-example.csv',
      '--model',
      'test/fixtures/models/bad-unit.json',
      '--out',
      join(tmp(), 'x.json'),
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'bad-unit.json: coefficients.vpar_modify.unit: "kg" is not a time unit (expected s, seconds, min or minutes)\n',
    );
  });
});

describe('observations file (src/io/load-observations.ts)', () => {
  const problems = (text: string): readonly string[] =>
    parseObservations(text, 'obs.csv').errors ?? [];

  it('reads drivers by name in any order and case; a missing driver counts 0', () => {
    const rows =
      parseObservations(
        'Seconds;FORMULA;member_npars_down\n41,5;gm_takeover;1\n12;gm_takeover;\n',
        'obs.csv',
      ).value ?? [];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ line: 2, formula: 'gm_takeover', seconds: 41.5 });
    expect(rows[0]?.drivers.member_npars_down).toBe(1);
    expect(rows[0]?.drivers.groups_managed).toBe(0);
    expect(rows[1]?.drivers.member_npars_down).toBe(0);
  });

  it('reports bad rows, every one, as FILE:LINE:COLUMN', () => {
    expect(
      problems(
        'formula,seconds,groups_managed\ngm_takover,12,1\ngm_takeover,abc,x\n,,1\ngm_takeover,-3,1\n',
      ),
    ).toEqual([
      'obs.csv:2:formula: invalid value (expected one of gm_takeover, gm_failover, rights_move, cluster_reformation, package_failover, found "gm_takover"; closest: gm_takeover)',
      'obs.csv:3:seconds: invalid value (expected a number of seconds from 0 to 86,400, found "abc")',
      'obs.csv:3:groups_managed: invalid value (expected a count from 0 to 65,536, found "x")',
      'obs.csv:4:formula: missing value (expected one of gm_takeover, gm_failover, rights_move, cluster_reformation, package_failover, found an empty cell)',
      'obs.csv:4:seconds: missing value (expected a number of seconds from 0 to 86,400, found an empty cell)',
      'obs.csv:5:seconds: invalid value (expected a number of seconds from 0 to 86,400, found "-3")',
    ]);
  });

  it('requires the formula and seconds columns, and at least one row', () => {
    expect(problems('groups_managed\n1\n')).toEqual([
      'obs.csv:1:formula: required column missing (required: formula, seconds)',
      'obs.csv:1:seconds: required column missing (required: formula, seconds)',
    ]);
    expect(problems('formula,seconds\n')).toEqual([
      'obs.csv: no observations (expected a header row, then one row per observed failover)',
    ]);
    expect(problems('formula,seconds,seconds\ngm_takeover,1,2\n')).toEqual([
      'obs.csv:1:seconds: duplicate column (expected each column once, found it also in column 2)',
    ]);
  });
});
