/**
 * The golden cases: real engine reports of the bundled inventories (`data/<inventory>`), planned the
 * way `gicap plan` plans them (bundled timing model, no clock, the default listing limit), with the
 * tool fixed at `gicap-planner 0.1.0`. The renderer tests assert against these reports, and
 * test/report/golden.test.ts compares each rendering with the files of `test/golden/<case>/`
 * (`npx vitest run test/report -u` writes them anew).
 */
import { fileURLToPath } from 'node:url';
import { beforeAll } from 'vitest';
import type { PlanReport } from '../../src/domain/result.js';
import { planCapacity, planChanged, type PlanParams } from '../../src/engine/index.js';
import { loadInventory, loadInventoryWithBaseline } from '../../src/io/load-inventory.js';
import { loadTimingModel } from '../../src/io/load-model.js';

export interface GoldenCase {
  /** The folder under test/golden/ holding its expected renderings. */
  readonly name: string;
  /** The bundled inventory, a folder under data/. */
  readonly inventory: string;
  readonly maxFailures: number;
  /** `--set` changes: the report then compares the changed estate with the baseline. */
  readonly changes: readonly string[];
  /** `--now`. */
  readonly now: string | null;
  /** Whether the case also has golden CSV files (expected.scenarios.csv, expected.sizing.csv). */
  readonly csv: boolean;
}

/** Every case, and what it shows. */
export const GOLDEN_CASES = {
  /** The seed estate of spec fig. 15: one package moves on seized rights, nothing is lost. */
  'seed-fig15': { inventory: 'seed-fig15', maxFailures: 1 },
  /**
   * The README's estate, single failures: all survive; clusters, vPars, a takeover, placement
   * policies, and the TiCAP case: site:dc-west starts testdb on 4 cores of TiCAP (5,760 core-min).
   */
  'mixed-estate-k1': { inventory: 'mixed-estate', maxFailures: 1, csv: true },
  /** Double failures: losses a purchase can fix and others (clusters halted, dependencies). */
  'mixed-estate-k2': { inventory: 'mixed-estate', maxFailures: 2 },
  /**
   * Single failures of an estate changed with --set: wdb1 2 inactive cores short (3 scenarios lose
   * oradb-e), gB one sharing right short (not compliant); stamped with --now.
   */
  'mixed-estate-changed': {
    inventory: 'mixed-estate',
    maxFailures: 1,
    changes: ['cells.west-sd1/c1.cores=6', 'groups.gB.sharing_rights=44'],
    now: '2026-11-25',
    csv: true,
  },
  /** A campus cluster whose only lock disk is in the site that fails: the cluster halts. */
  'campus-lock': { inventory: 'campus-lock', maxFailures: 1 },
} as const satisfies Record<string, Partial<GoldenCase> & Pick<GoldenCase, 'inventory'>>;

export type GoldenCaseName = keyof typeof GOLDEN_CASES;

export function goldenCase(name: GoldenCaseName): GoldenCase {
  const c: Partial<GoldenCase> & Pick<GoldenCase, 'inventory' | 'maxFailures'> = GOLDEN_CASES[name];
  return { name, changes: [], now: null, csv: false, ...c };
}

export const GOLDEN_CASE_NAMES = Object.keys(GOLDEN_CASES) as GoldenCaseName[];

const DATA = fileURLToPath(new URL('../../data/', import.meta.url));

/** The folder holding a case's expected renderings, absolute, with a trailing slash. */
export function goldenDir(name: GoldenCaseName): string {
  return fileURLToPath(new URL(`../golden/${name}/`, import.meta.url));
}

/** The report `gicap plan` computes for the case (tool version fixed). */
export async function planCase(name: GoldenCaseName): Promise<PlanReport> {
  const c = goldenCase(name);
  const params: PlanParams = {
    maxFailures: c.maxFailures,
    outageHours: 24,
    model: await loadTimingModel(),
    allScenarios: false,
    changes: c.changes,
    now: c.now,
    tool: { name: 'gicap-planner', version: '0.1.0' },
  };
  const dir = `${DATA}${c.inventory}`;
  if (c.changes.length === 0) return planCapacity(await loadInventory(dir), params);
  const { base, changed } = await loadInventoryWithBaseline(dir, c.changes);
  return planChanged(base, changed, params);
}

/**
 * Reports of several cases, computed once per test file: call at the top level of the file and read
 * the reports inside tests and hooks (a `beforeAll` fills them in).
 */
export function goldenReports<N extends GoldenCaseName>(
  names: readonly N[],
): Record<N, PlanReport> {
  const reports = {} as Record<N, PlanReport>;
  beforeAll(async () => {
    for (const n of names) reports[n] = await planCase(n);
  });
  return reports;
}
