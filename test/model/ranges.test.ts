/**
 * Issue 14, models that cannot lie: a model is judged over the drivers' ranges of the inventory being
 * planned (and over default ranges by `gicap model`); a formula that gives a negative or non-finite
 * time, or falls when a driver or coefficient rises, is a model error (exit 2, the formula named),
 * never exit 3. A formula too long or too deep to parse safely is refused with its limit.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TimingModel } from '../../src/domain/timing.js';
import type { Inventory } from '../../src/domain/types.js';
import { DEFAULT_DRIVER_RANGES, driverRangesOf } from '../../src/model/driver-ranges.js';
import { compileTimingModel, ZERO_DRIVERS } from '../../src/model/timing.js';
import { checkModelFile } from '../../src/io/model-file.js';
import { GicapError } from '../../src/errors.js';
import { parseInventory } from '../../src/io/load-inventory.js';
import { BASE, withLine, type Files } from '../io/inventory-fixture.js';
import { runGicap } from '../helpers/run-cli.js';
import { checkModelOverRanges } from '../../src/model/behaviour.js';

const BUNDLED = JSON.parse(readFileSync('data/timing-model.json', 'utf8')) as {
  formulas: Record<string, string>;
};

/** The bundled model file with one formula replaced. */
function modelFile(formula: string, text: string): unknown {
  const m = structuredClone(BUNDLED);
  m.formulas[formula] = text;
  return m;
}

function checked(value: unknown): TimingModel {
  const r = checkModelFile(value);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.value;
}

function inventoryOf(files: Files): Inventory {
  const r = parseInventory('inv', files);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.value;
}

const SUBTRACTS = modelFile(
  'package_failover',
  `${BUNDLED.formulas['package_failover']} - 10 * cores_activated`,
);
const POWER = modelFile(
  'package_failover',
  `${BUNDLED.formulas['package_failover']} + takeover_base ^ (start_s / 10)`,
);

describe('driver ranges', () => {
  it('come from the inventory: counts it has, its largest package, complex and start times', () => {
    expect(driverRangesOf(inventoryOf(BASE))).toEqual({
      groups_managed: 1,
      member_complexes: 2,
      member_npars_down: 3,
      manual: 1,
      managers_tried: 2,
      complexes_in_group: 2,
      seized_npars: 3,
      seized_cells: 5,
      cores_activated: 16,
      vpar_node: 1,
      waited: 1,
      failed_attempts: 1,
      start_s: 60,
      vm_boot_s: 120,
      // No clusters.csv: no MEMBER_TIMEOUT, no dual lock.
      member_timeout: 0,
      dual_lock: 0,
    });
  });

  it('the bundled model holds over the default ranges and over an inventory’s', () => {
    const model = checked(BUNDLED);
    expect(checkModelOverRanges(model, DEFAULT_DRIVER_RANGES)).toEqual([]);
    expect(checkModelOverRanges(model, driverRangesOf(inventoryOf(BASE)))).toEqual([]);
  });
});

describe('a model that lies is refused over the ranges', () => {
  it('package_failover that subtracts 10 s per core activated: passes the load probes, fails here', () => {
    const model = checked(SUBTRACTS);
    expect(checkModelOverRanges(model, driverRangesOf(inventoryOf(BASE)))).toEqual([
      "formulas.package_failover: falls when cores_activated rises from 0 to 1 (28 s to 21.2 s with drivers cores_activated=1 (others 0) at the coefficients' min; a time must not fall when a driver rises)",
      "formulas.package_failover: gives a negative time (-8.2 s) with drivers cores_activated=4 (others 0) at the coefficients' min (a time is ≥ 0)",
    ]);
  });

  it('x ^ (start_s / 10) holds for start times up to 60 s and overflows at 20,000 s', () => {
    const model = checked(POWER);
    expect(checkModelOverRanges(model, driverRangesOf(inventoryOf(BASE)))).toEqual([]);
    const slow = inventoryOf(withLine('packages.csv', 2, 'p1,4,h1;h3,10,20000,app,,n'));
    expect(checkModelOverRanges(model, driverRangesOf(slow))).toEqual([
      "formulas.package_failover: gives Infinity with drivers start_s=15000 (others 0) at the coefficients' min (a time must be a finite number of seconds)",
    ]);
  });

  it('a negative time that reaches the engine is a model error (exit 2), not a bug', () => {
    const engine = compileTimingModel(checked(SUBTRACTS));
    let caught: unknown;
    try {
      engine.range('package_failover', { ...ZERO_DRIVERS, cores_activated: 100 });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(GicapError);
    expect((caught as GicapError).exitCode).toBe(2);
    expect((caught as GicapError).lines).toEqual([
      'timing model "default": formulas.package_failover: gives -949 s, a negative time with drivers cores_activated=100 (a time must be a finite number of seconds ≥ 0; fix the formula)',
    ]);
  });
});

describe('the CLI: exit 2 with the formula named, nothing written', () => {
  const root = mkdtempSync(join(tmpdir(), 'gicap-model-ranges-'));
  const write = (name: string, value: unknown): string => {
    const path = join(root, name);
    writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
    return path;
  };

  it('plan with a power that overflows on this inventory’s start times', () => {
    const inv = join(root, 'slow');
    mkdirSync(inv);
    const files = withLine('packages.csv', 2, 'p1,4,h1;h3,10,20000,app,,n');
    for (const [name, text] of Object.entries(files)) writeFileSync(join(inv, name), text);
    const out = join(root, 'out-power');
    const r = runGicap(['plan', inv, '--model', write('power.json', POWER), '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      'timing model "default" on inventory slow: formulas.package_failover: gives Infinity with drivers start_s=15000 (others 0) at the coefficients\' min (a time must be a finite number of seconds)',
    );
    expect(readdirSync(root)).not.toContain('out-power');
  });

  it('gicap model judges a file over the default ranges', () => {
    const r = runGicap(['model', '--model', write('subtracts.json', SUBTRACTS)]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe(
      "subtracts.json: formulas.package_failover: falls when cores_activated rises from 0 to 1 (28 s to 21.2 s with drivers cores_activated=1 (others 0) at the coefficients' min; a time must not fall when a driver rises)",
    );
  });

  it('a formula of 3,000 terms is refused with the length limit (exit 3 before)', () => {
    const deep = modelFile('package_failover', `sg_failover${' + start_s'.repeat(3000)}`);
    const r = runGicap(['model', '--model', write('deep.json', deep)]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'deep.json: formulas.package_failover: too long: 30011 characters (at most 4000; split it into formulas that use each other)\n',
    );
  });

  it('a formula of 1,800 terms under the length limit is refused with the term limit', () => {
    const many = modelFile('package_failover', `sg_failover${'+1'.repeat(900)}`);
    const r = runGicap(['model', '--model', write('many.json', many)]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'many.json: formulas.package_failover: too long: more than 1000 terms (at most 1000: parsing and evaluating go as deep as the formula; split it into formulas that use each other)\n',
    );
  });

  it('500 nested parentheses are refused with the nesting limit', () => {
    const nested = modelFile('package_failover', `${'('.repeat(500)}sg_failover${')'.repeat(500)}`);
    const r = runGicap(['model', '--model', write('nested.json', nested)]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'nested.json: formulas.package_failover: too deeply nested: 500 levels of parentheses (at most 32)\n',
    );
  });
});
