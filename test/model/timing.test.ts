import { beforeAll, describe, expect, it } from 'vitest';
import type { Drivers, TimingModel } from '../../src/domain/timing.js';
import type { TimingEngine } from '../../src/model/timing.js';
import {
  compileTimingModel,
  modelCoefficientRows,
  round3,
  ZERO_DRIVERS,
} from '../../src/model/timing.js';
import { loadTimingModel } from '../../src/io/load-model.js';

const drivers = (d: Partial<Drivers>): Drivers => ({ ...ZERO_DRIVERS, ...d });

/** Spec 3.4 example: seed estate, GM host ap1 down, standby ap2 up, 1 group, 2 members, no nPar down. */
const SPEC_EXAMPLE = drivers({ groups_managed: 1, member_complexes: 2 });

let model: TimingModel;
let engine: TimingEngine;
beforeAll(async () => {
  model = await loadTimingModel();
  engine = compileTimingModel(model);
});

describe('default timing model (data/timing-model.json)', () => {
  it('gives the spec example gm_failover = 33 / 49 / 80 s', () => {
    expect(engine.range('gm_failover', SPEC_EXAMPLE)).toEqual({ min: 33, typical: 49, max: 80 });
  });

  it('gives gm_takeover = 5 / 13 / 35 s for the spec example', () => {
    // min 2 + 1·1 + 1·2, typical 5 + 2·1 + 3·2, max 10 + 5·1 + 10·2
    expect(engine.range('gm_takeover', SPEC_EXAMPLE)).toEqual({ min: 5, typical: 13, max: 35 });
  });

  it('adds the operator response (300 / 900 / 3600 s) for a manual takeover', () => {
    expect(engine.range('gm_failover', { ...SPEC_EXAMPLE, manual: 1 })).toEqual({
      min: 333,
      typical: 949,
      max: 3680,
    });
  });

  it('caps the takeover at 900 s [S1 p.31] when many partitions are unreachable', () => {
    // 20 nPars down: min 2 + 1 + 2 + 30·20 = 605 (below the cap); typical 13 + 1200 and max 35 + 2400 capped.
    const many = { ...SPEC_EXAMPLE, member_npars_down: 20 };
    expect(engine.range('gm_takeover', many)).toEqual({ min: 605, typical: 900, max: 900 });
    expect(engine.range('gm_failover', many)).toEqual({ min: 633, typical: 936, max: 945 });
    expect(engine.range('gm_takeover', { ...many, member_npars_down: 40 })).toEqual({
      min: 900,
      typical: 900,
      max: 900,
    });
  });

  it('makes rights_move 0 when no core is activated, whatever else is counted', () => {
    const busy = drivers({
      managers_tried: 2,
      complexes_in_group: 4,
      seized_npars: 3,
      seized_cells: 6,
    });
    expect(engine.range('rights_move', busy)).toEqual({ min: 0, typical: 0, max: 0 });
    expect(engine.range('rights_move', { ...busy, cores_activated: 1 }).typical).toBeGreaterThan(0);
  });

  it('gives rights_move for 6 cores activated on a vPar, seizing one nPar of 2 cells', () => {
    const d = drivers({
      managers_tried: 1,
      complexes_in_group: 2,
      seized_npars: 1,
      seized_cells: 2,
      cores_activated: 6,
      vpar_node: 1,
    });
    // typical: 2·1 + 2 + 1·2 + 5·1 + 1·2 + 4 + 0.5·6 + 2·1 = 22
    // min:     1·1 + 1 + 0.5·2 + 3·1 + 0.5·2 + 2 + 0.2·6 + 1·1 = 11.2
    // max:     5·1 + 5 + 3·2 + 15·1 + 2·2 + 10 + 1·6 + 5·1 = 56
    expect(engine.range('rights_move', d)).toEqual({ min: 11.2, typical: 22, max: 56 });
  });

  it('gives a worked package_failover: waited for the takeover, rights seized, app start 30 s', () => {
    const d = drivers({
      groups_managed: 1,
      member_complexes: 2,
      waited: 1,
      managers_tried: 2,
      complexes_in_group: 2,
      seized_npars: 1,
      seized_cells: 2,
      cores_activated: 6,
      start_s: 30,
    });
    // rights_move: typical 2·2 + 2 + 1·2 + 5 + 1·2 + 4 + 0.5·6 = 22
    //              min 1·2 + 1 + 0.5·2 + 3 + 0.5·2 + 2 + 0.2·6 = 11.2
    //              max 5·2 + 5 + 3·2 + 15 + 2·2 + 10 + 1·6 = 56
    // package_failover = max(sg_failover, gm_failover) + rights_move + start_s (spec 3.4: both
    // failovers start at the failure and run side by side)
    //   typical max(36, 49) + 22 + 30 = 101; min max(28, 33) + 11.2 + 30 = 74.2;
    //   max max(45, 80) + 56 + 30 = 166
    expect(engine.range('package_failover', d)).toEqual({ min: 74.2, typical: 101, max: 166 });
  });

  it('adds failed start attempts and the VM boot to package_failover', () => {
    const d = drivers({ failed_attempts: 2, vm_boot_s: 240, start_s: 15 });
    // sg_failover + 2·failed_start + 15 + 240: min 28 + 20 + 255, typical 36 + 60 + 255, max 45 + 120 + 255
    expect(engine.range('package_failover', d)).toEqual({ min: 303, typical: 351, max: 420 });
  });

  it('memoises ranges: the same drivers give the same object', () => {
    const a = engine.range('gm_failover', SPEC_EXAMPLE);
    expect(engine.range('gm_failover', { ...SPEC_EXAMPLE })).toBe(a);
    expect(engine.range('gm_failover', { ...SPEC_EXAMPLE, manual: 1 })).not.toBe(a);
  });

  it('rounds to 3 decimals so float noise never reaches the output', () => {
    // 0.1·3 cores would be 0.30000000000000004 without rounding.
    expect(round3(0.1 + 0.2)).toBe(0.3);
    expect(round3(-0.0001)).toBe(0);
    expect(Object.is(round3(-0.0001), 0)).toBe(true);
    // rights_move at min with 3 cores: rights_lookup_base 1 + activate_base 2 + 0.2·3 (= 0.6000000000000001)
    expect(engine.range('rights_move', drivers({ cores_activated: 3 })).min).toBe(3.6);
  });
});

describe('sensitivity (tornado)', () => {
  it('ranks the coefficients of the spec example by swing, top three', () => {
    // Swing = formula with the coefficient at max − at min, others typical:
    // takeover_per_member (10 − 1)·2 = 18, sg_failover 45 − 28 = 17, takeover_base 10 − 2 = 8,
    // takeover_per_group 5 − 1 = 4; operator_response swings 0 (not manual), cap swings 0.
    expect(engine.sensitivity('gm_failover', SPEC_EXAMPLE, 3)).toEqual([
      { coefficient: 'takeover_per_member', swing: 18, low: 45, high: 63, source: 'assumption' },
      { coefficient: 'sg_failover', swing: 17, low: 41, high: 58, source: '[S1 p.31]' },
      { coefficient: 'takeover_base', swing: 8, low: 46, high: 54, source: 'assumption' },
    ]);
  });

  it('leaves out coefficients that do not move the time and breaks ties by name', () => {
    const all = engine.sensitivity('gm_failover', SPEC_EXAMPLE, 99);
    expect(all.map((e) => e.coefficient)).toEqual([
      'takeover_per_member',
      'sg_failover',
      'takeover_base',
      'takeover_per_group',
    ]);
    const d = drivers({ cores_activated: 1, managers_tried: 1 });
    const bars = engine.sensitivity('rights_move', d, 99);
    // activate_base 8, gm_contact 4, rights_lookup_base 4, activate_per_core 0.8: gm_contact < rights_lookup_base
    expect(bars.map((b) => [b.coefficient, b.swing])).toEqual([
      ['activate_base', 8],
      ['gm_contact', 4],
      ['rights_lookup_base', 4],
      ['activate_per_core', 0.8],
    ]);
  });

  it('is empty when nothing moves (rights_move with no core activated)', () => {
    expect(engine.sensitivity('rights_move', ZERO_DRIVERS, 3)).toEqual([]);
  });
});

describe('modelCoefficientRows', () => {
  it('lists every coefficient in seconds with its source, sorted by name', () => {
    const rows = modelCoefficientRows(model);
    expect(rows).toHaveLength(18);
    expect(rows.map((r) => r.name)).toEqual([...rows.map((r) => r.name)].sort());
    expect(rows[0]).toEqual({
      name: 'activate_base',
      min: 2,
      typical: 4,
      max: 10,
      unit: 's',
      source: 'assumption',
    });
    expect(rows.find((r) => r.name === 'takeover_cap')).toEqual({
      name: 'takeover_cap',
      min: 900,
      typical: 900,
      max: 900,
      unit: 's',
      source: '[S1 p.31]',
    });
  });
});

describe('the bundled model file holds the spec 3.4 table exactly', () => {
  it.each([
    ['sg_failover', 28, 36, 45, '[S1 p.31]'],
    ['takeover_base', 2, 5, 10, 'assumption'],
    ['takeover_per_group', 1, 2, 5, 'assumption'],
    ['takeover_per_member', 1, 3, 10, 'assumption'],
    ['takeover_per_unreachable', 30, 60, 120, 'assumption'],
    ['takeover_cap', 900, 900, 900, '[S1 p.31]'],
    ['operator_response', 300, 900, 3600, 'assumption'],
    ['gm_contact', 1, 2, 5, 'assumption'],
    ['rights_lookup_base', 1, 2, 5, 'assumption'],
    ['rights_lookup_per_complex', 0.5, 1, 3, 'assumption'],
    ['seize_per_npar', 3, 5, 15, 'assumption'],
    ['seize_per_cell', 0.5, 1, 2, 'assumption'],
    ['activate_base', 2, 4, 10, 'assumption'],
    ['activate_per_core', 0.2, 0.5, 1, 'assumption'],
    ['vpar_modify', 1, 2, 5, 'assumption'],
    ['failed_start', 10, 30, 60, 'assumption'],
    // Spec 8.4: cluster re-formation from MEMBER_TIMEOUT [C12].
    ['reform_overhead', 4, 6, 14, '[C12]'],
    ['dual_lock_extra', 5, 9, 13, '[C12]'],
  ])('%s = %d / %d / %d s, source %s', (name, min, typical, max, source) => {
    const c = model.coefficients[name];
    expect(c).toMatchObject({ min, typical, max, unit: 's', source });
  });

  it('has exactly those 18 coefficients', () => {
    expect(Object.keys(model.coefficients)).toHaveLength(18);
  });
});
