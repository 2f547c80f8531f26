/**
 * scenarios.jsonl (issue 14): one thin line per scenario, its verdict and what changed. Each line is
 * written directly as text; it must be byte for byte what JSON.stringify makes of
 * `scenarioLineData`, and the engine's streamed description (`describeStreamed`, which skips what
 * the line does not carry) must give the same line as the full description of the same scenario.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScenarioResult, StreamedScenario } from '../../src/domain/result.js';
import { planCapacity } from '../../src/engine/plan.js';
import { loadInventory } from '../../src/io/load-inventory.js';
import {
  renderScenarioJsonLine,
  scenarioJsonData,
  scenarioLineData,
} from '../../src/report/json.js';
import { params } from '../helpers/engine.js';
import { REPO_ROOT } from '../helpers/run-cli.js';
import { SCENARIO_KEYS, STREAMED_PACKAGE_KEYS } from '../helpers/scenario-keys.js';

const LINE_KEYS = [...SCENARIO_KEYS];
const PACKAGE_KEYS = [...STREAMED_PACKAGE_KEYS];

async function allScenarios(
  name: string,
  k: number,
): Promise<{ full: readonly ScenarioResult[]; streamed: StreamedScenario[] }> {
  const inv = await loadInventory(join(REPO_ROOT, 'data', name));
  const full = planCapacity(inv, params({ maxFailures: k, allScenarios: true })).scenarios;
  const streamed: StreamedScenario[] = [];
  planCapacity(
    inv,
    params({ maxFailures: k, allScenarios: true, onScenario: (s) => streamed.push(s) }),
  );
  return { full, streamed };
}

describe('renderScenarioJsonLine', () => {
  it.each([
    ['seed-fig15', 2, 22],
    ['mixed-estate', 2, 258],
  ])(
    '%s at k = %i: every line equals JSON.stringify of its data, streamed or fully described',
    async (name, k, count) => {
      const { full, streamed } = await allScenarios(name, k);
      expect(full).toHaveLength(count);
      expect(streamed).toHaveLength(count);
      full.forEach((s, i) => {
        const line = renderScenarioJsonLine(s);
        expect(line).toBe(JSON.stringify(scenarioLineData(s)));
        expect(renderScenarioJsonLine(streamed[i] as StreamedScenario)).toBe(line);
      });
    },
  );

  it('has exactly the documented keys, and lists only what changed', async () => {
    const { full } = await allScenarios('mixed-estate', 2);
    let takeovers = 0;
    let lostWithAttempts = 0;
    for (const s of full) {
      const line = JSON.parse(renderScenarioJsonLine(s)) as Record<string, unknown>;
      const whole = scenarioJsonData(s) as Record<string, unknown>;
      expect(Object.keys(line)).toEqual(LINE_KEYS);
      for (const key of ['id', 'failed', 'outage', 'survives', 'unaffected', 'time']) {
        expect(line[key]).toEqual(whole[key]);
      }
      expect(line.slowest).toBe(s.slowest?.package ?? null);
      // Groups: only those whose manager changed (a standby in control, or none), as report.json
      // writes them; a scenario with a takeover lists that group.
      const gm = line.gm as { group: string; takeover: boolean; inControl: string | null }[];
      const changedGroups = s.gm.filter((g) => g.takeover || g.inControl === null);
      expect(gm).toEqual(
        (whole.gm as { group: string }[]).filter((g) =>
          changedGroups.some((c) => c.group === g.group),
        ),
      );
      for (const g of s.gm.filter((x) => x.takeover)) {
        takeovers++;
        expect(gm.find((x) => x.group === g.group)).toMatchObject({
          group: g.group,
          inControl: g.inControl,
          takeover: true,
        });
      }
      // Rights: only groups whose rights moved; clusters: only those that took a lock or halted.
      for (const r of line.rights as {
        seized: number;
        loaned: number;
        ticapMinutes: number;
        heldBefore: number;
        gmHeldAfter: number;
      }[]) {
        expect(r.seized + r.loaned + r.ticapMinutes > 0 || r.heldBefore !== r.gmHeldAfter).toBe(
          true,
        );
      }
      expect((line.clusters as { reason: string }[]).every((c) => c.reason !== 'majority')).toBe(
        true,
      );
      // Packages: every one, thin; a lost one with its attempts (and their sentences).
      const packages = line.packages as Record<string, unknown>[];
      expect(packages).toHaveLength(s.packages.length);
      packages.forEach((p, i) => {
        const o = s.packages[i]!;
        if (o.status === 'lost') {
          expect(Object.keys(p)).toEqual([...PACKAGE_KEYS, 'attempts']);
          expect(p.attempts).toEqual((whole.packages as { attempts: unknown }[])[i]!.attempts);
          if (o.attempts.length > 0) lostWithAttempts++;
        } else {
          expect(Object.keys(p)).toEqual(PACKAGE_KEYS);
        }
        expect(p).toMatchObject({
          package: o.package,
          from: o.from,
          to: o.to,
          status: o.status,
          reason: o.reason,
          activated: o.activated,
          sources: { ...o.sources },
          time: o.time,
        });
      });
      expect(line.warnings).toEqual(s.warnings.map((w) => ({ code: w.code, subject: w.subject })));
    }
    expect(takeovers).toBeGreaterThan(0);
    expect(lostWithAttempts).toBeGreaterThan(0);
  });

  it('the exact line of a scenario with a takeover, a group without manager, locks and losses', async () => {
    const { full, streamed } = await allScenarios('mixed-estate', 2);
    const id = 'host:gmA2 + site:dc-east';
    expect(renderScenarioJsonLine(full.find((s) => s.id === id) as ScenarioResult)).toBe(
      GOLDEN_LINE,
    );
    expect(renderScenarioJsonLine(streamed.find((s) => s.id === id) as StreamedScenario)).toBe(
      GOLDEN_LINE,
    );
  });
});

/** host:gmA2 + site:dc-east on the mixed estate at k = 2, key order included. */
const GOLDEN = {
  id: 'host:gmA2 + site:dc-east',
  failed: ['host:gmA2', 'site:dc-east'],
  outage: {
    'east-sd1': 'complete',
    'east-sd2': 'complete',
  },
  survives: false,
  gm: [
    {
      group: 'gA',
      inControl: null,
      takeover: false,
      takeoverMode: null,
      gmTakeover: null,
      gmFailover: null,
    },
    {
      group: 'gB',
      inControl: 'gmB2',
      takeover: true,
      takeoverMode: 'manual',
      gmTakeover: {
        min: 65,
        typical: 133,
        max: 275,
      },
      gmFailover: {
        min: 393,
        typical: 1069,
        max: 3920,
      },
    },
  ],
  clusters: [
    {
      cluster: 'campus',
      nodes: 10,
      nodesUp: 5,
      reformed: true,
      lock: {
        kind: 'quorum-server',
        site: 'dc-quorum',
        host: 'qs1',
        up: true,
      },
      reason: 'lock',
    },
    {
      cluster: 'dbpair',
      nodes: 2,
      nodesUp: 1,
      reformed: true,
      lock: {
        kind: 'dual-disk',
        site: 'dc-west',
        host: null,
        up: true,
      },
      reason: 'lock',
    },
  ],
  rights: [
    {
      group: 'gB',
      seized: 11,
      loaned: 11,
      heldBefore: 2,
      gmHeldAfter: 2,
      ticapMinutes: 0,
    },
  ],
  packages: [
    {
      package: 'sapdb',
      from: 'eora1',
      to: 'wora1',
      status: 'moved',
      reason: null,
      activated: 8,
      sources: {
        own: 0,
        vpar: 0,
        complex: 1,
        pool: 0,
        seized: 7,
        ticap: 0,
      },
      time: {
        min: 708.6,
        typical: 1399,
        max: 4297,
      },
    },
    {
      package: 'oradb-e',
      from: 'edb1',
      to: null,
      status: 'lost',
      reason: 'gm-unavailable',
      activated: 0,
      sources: {
        own: 0,
        vpar: 0,
        complex: 0,
        pool: 0,
        seized: 0,
        ticap: 0,
      },
      time: null,
      attempts: [
        {
          node: 'wdb1',
          ok: false,
          reason: 'gm-unavailable',
          needed: 8,
          available: 2,
          detail:
            'wdb1 has 8 active cores with 8 in use; oradb-e needs 8: rights found for 2 of 8 cores (complex 2); short by 6, and group gA has no manager in control, so no rights cross complexes [M1]',
        },
      ],
    },
    {
      package: 'erp-app1',
      from: 'eapp1',
      to: null,
      status: 'lost',
      reason: 'gm-unavailable',
      activated: 0,
      sources: {
        own: 0,
        vpar: 0,
        complex: 0,
        pool: 0,
        seized: 0,
        ticap: 0,
      },
      time: null,
      attempts: [
        {
          node: 'wapp1',
          ok: false,
          reason: 'gm-unavailable',
          needed: 3,
          available: 2,
          detail:
            'wapp1 has 8 active cores with 8 in use; erp-app1 needs 3: rights found for 2 of 3 cores (complex 2); short by 1, and group gA has no manager in control, so no rights cross complexes [M1]',
        },
      ],
    },
    {
      package: 'erp-app2',
      from: 'eapp2',
      to: null,
      status: 'lost',
      reason: 'gm-unavailable',
      activated: 0,
      sources: {
        own: 0,
        vpar: 0,
        complex: 0,
        pool: 0,
        seized: 0,
        ticap: 0,
      },
      time: null,
      attempts: [
        {
          node: 'wapp1',
          ok: false,
          reason: 'gm-unavailable',
          needed: 3,
          available: 2,
          detail:
            'wapp1 has 8 active cores with 8 in use; erp-app2 needs 3: rights found for 2 of 3 cores (complex 2); short by 1, and group gA has no manager in control, so no rights cross complexes [M1]; the run script exits 1 (on_start_failure = halt), so Serviceguard disables it on every other node [C10]',
        },
      ],
    },
    {
      package: 'vm-tools',
      from: 'eadm1',
      to: 'wsap1',
      status: 'moved',
      reason: null,
      activated: 2,
      sources: {
        own: 0,
        vpar: 0,
        complex: 0,
        pool: 0,
        seized: 2,
        ticap: 0,
      },
      time: {
        min: 609.4,
        typical: 1292,
        max: 4163,
      },
    },
    {
      package: 'mon',
      from: 'eadm1',
      to: 'wsap1',
      status: 'moved',
      reason: null,
      activated: 2,
      sources: {
        own: 0,
        vpar: 0,
        complex: 0,
        pool: 0,
        seized: 2,
        ticap: 0,
      },
      time: {
        min: 419.4,
        typical: 1102,
        max: 3973,
      },
    },
    {
      package: 'web-e',
      from: 'eweb1',
      to: null,
      status: 'lost',
      reason: 'dependency',
      activated: 0,
      sources: {
        own: 0,
        vpar: 0,
        complex: 0,
        pool: 0,
        seized: 0,
        ticap: 0,
      },
      time: null,
      attempts: [],
    },
  ],
  unaffected: 9,
  warnings: [
    {
      code: 'cluster-lock-used',
      subject: 'campus',
    },
    {
      code: 'cluster-lock-used',
      subject: 'dbpair',
    },
    {
      code: 'gm-colocated',
      subject: 'gB',
    },
    {
      code: 'loan-expires-10d',
      subject: 'east-sd2',
    },
    {
      code: 'ping-seizure-risk',
      subject: 'east-sd2',
    },
  ],
  time: {
    min: 708.6,
    typical: 1399,
    max: 4297,
  },
  slowest: 'sapdb',
};
const GOLDEN_LINE = JSON.stringify(GOLDEN);
