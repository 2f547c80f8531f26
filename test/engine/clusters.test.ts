/**
 * The Serviceguard cluster (spec section 8): step 0 of every scenario (quorum and cluster locks,
 * C1–C8), run-script exits (C10), package switching (C11), priority (C9) and re-formation time (C12).
 * Figures asserted exactly.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ClusterReason } from '../../src/domain/result.js';
import type { Cluster, Inventory } from '../../src/domain/types.js';
import type { ECluster } from '../../src/engine/estate.js';
import type { DownState } from '../../src/engine/failure-units.js';
import { optimizePurchase } from '../../src/engine/optimize/optimize.js';
import { judgeCluster } from '../../src/engine/quorum.js';
import { createHighsSolver } from '../../src/io/highs.js';
import {
  cells,
  cluster,
  complex,
  group,
  inventory,
  manager,
  npar,
  pkg,
  seedFig15,
} from '../helpers/builders.js';
import { plan, whatIf } from '../helpers/engine.js';
import type { LpSolver } from '../../src/domain/solver.js';

/**
 * Two data centres A and B, one complex each with two nPars (hosts a1, a2 / b1, b2: 8 cores on two
 * cells, 8 rights, 4 active, so each can activate 4 more with its own rights), optionally a third
 * site C with a complex holding one node `arb` (an arbitrator). One package per node, 4 cores, failing
 * over to its counterpart in the other data centre.
 */
function campus(clusters: Cluster[] | null, opts: { arbitrator?: boolean } = {}): Inventory {
  const sites = ['A', 'B', ...(opts.arbitrator === true ? ['C'] : [])];
  const hosts = (s: string): string[] =>
    s === 'C' ? ['arb'] : [`${s.toLowerCase()}1`, `${s.toLowerCase()}2`];
  return inventory({
    name: 'campus',
    complexes: sites.map((s) => complex(`cx${s}`, { site: s })),
    cells: sites.flatMap((s) => hosts(s).flatMap((h) => cells(`cx${s}`, h, 2, 4))),
    npars: sites.flatMap((s) => hosts(s).map((h) => npar(`cx${s}`, h, 8, { active: 4 }))),
    packages: [
      pkg('pa1', 4, ['a1', 'b1']),
      pkg('pa2', 4, ['a2', 'b2']),
      pkg('pb1', 4, ['b1', 'a1']),
      pkg('pb2', 4, ['b2', 'a2']),
    ],
    clusters,
  });
}

const NODES = ['a1', 'a2', 'b1', 'b2'];

describe('step 0: which clusters re-form (spec 8.2)', () => {
  it('C1 majority: one node of four down re-forms without the lock', () => {
    const s = whatIf(campus([cluster('sg', NODES)]), ['a1']);
    expect(s.clusters).toEqual([
      { cluster: 'sg', nodes: 4, nodesUp: 3, reformed: true, lock: null, reason: 'majority' },
    ]);
    expect(s.packages.map((p) => [p.package, p.status, p.to])).toEqual([['pa1', 'moved', 'b1']]);
    expect(s.survives).toBe(true);
  });

  it('C2/C3 exactly half with no lock: the cluster halts and every package is lost, on healthy nodes too', () => {
    const s = whatIf(campus([cluster('sg', NODES)]), ['site:A']);
    expect(s.clusters).toEqual([
      { cluster: 'sg', nodes: 4, nodesUp: 2, reformed: false, lock: null, reason: 'no-lock' },
    ]);
    expect(s.packages.map((p) => [p.package, p.from, p.status, p.reason, p.cluster])).toEqual([
      ['pa1', 'a1', 'lost', 'cluster-halted', 'sg'],
      ['pa2', 'a2', 'lost', 'cluster-halted', 'sg'],
      ['pb1', 'b1', 'lost', 'cluster-halted', 'sg'],
      ['pb2', 'b2', 'lost', 'cluster-halted', 'sg'],
    ]);
    expect(s.unaffected).toBe(0);
    expect(s.survives).toBe(false);
  });

  it('the problem of the issue: a lock disk in the failed site halts the 2 + 2 campus cluster (lock-down)', () => {
    const inv = campus([cluster('sg', NODES, { lock: 'disk', lockSites: ['A'] })]);
    const s = whatIf(inv, ['site:A']);
    expect(s.clusters[0]).toEqual({
      cluster: 'sg',
      nodes: 4,
      nodesUp: 2,
      reformed: false,
      lock: { kind: 'disk', site: 'A', host: null, up: false },
      reason: 'lock-down',
    });
    expect(s.packages.every((p) => p.reason === 'cluster-halted')).toBe(true);
    // The other site's failure: the survivors in A take the lock and re-form [C3].
    const b = whatIf(inv, ['site:B']);
    expect(b.clusters[0]).toMatchObject({ reformed: true, reason: 'lock', lock: { up: true } });
    expect(b.warnings.map((w) => w.code)).toContain('cluster-lock-used');
    expect(b.survives).toBe(true);
  });

  it('a lock LUN behaves as a single lock disk [C4]', () => {
    const inv = campus([cluster('sg', NODES, { lock: 'lun', lockSites: ['B'] })]);
    expect(whatIf(inv, ['site:A']).clusters[0]).toMatchObject({ reformed: true, reason: 'lock' });
    expect(whatIf(inv, ['site:B']).clusters[0]).toMatchObject({
      reformed: false,
      reason: 'lock-down',
    });
  });

  it('a lock disk with no site fails with no site: the survivors always take it', () => {
    const inv = campus([cluster('sg', NODES, { lock: 'disk' })]);
    expect(whatIf(inv, ['site:A']).clusters[0]).toMatchObject({
      reformed: true,
      reason: 'lock',
      lock: { kind: 'disk', site: null, up: true },
    });
  });

  it('C7 dual lock disk: the survivors of either data centre take their local lock disk', () => {
    const inv = campus([cluster('sg', NODES, { lock: 'dual-disk', lockSites: ['A', 'B'] })]);
    const a = whatIf(inv, ['site:A']);
    expect(a.clusters[0]).toEqual({
      cluster: 'sg',
      nodes: 4,
      nodesUp: 2,
      reformed: true,
      lock: { kind: 'dual-disk', site: 'B', host: null, up: true },
      reason: 'lock',
    });
    expect(a.survives).toBe(true);
    expect(whatIf(inv, ['site:B']).clusters[0]).toMatchObject({ lock: { site: 'A', up: true } });
  });

  it('C3/C5 quorum server in a third site: up, the survivors re-form; down with a data centre, they halt', () => {
    const qs = cluster('sg', NODES, {
      lock: 'quorum-server',
      lockSites: ['C'],
      quorumServer: 'qs1',
    });
    const inv = campus([qs]);
    const a = whatIf(inv, ['site:A']);
    expect(a.clusters[0]).toEqual({
      cluster: 'sg',
      nodes: 4,
      nodesUp: 2,
      reformed: true,
      lock: { kind: 'quorum-server', site: 'C', host: 'qs1', up: true },
      reason: 'lock',
    });
    // The quorum server is a failure unit of its own, and fails with its site (spec 8.1).
    const both = whatIf(inv, ['site:A', 'host:qs1']);
    expect(both.failed).toEqual(['site:A', 'site:C']);
    expect(both.clusters[0]).toMatchObject({ reformed: false, reason: 'lock-down' });
    expect(plan(inv).scenarios.length).toBeGreaterThan(0);
  });

  it('C8: 2 + 2 nodes and an arbitrator in a third location: losing A leaves 3 of 5; losing A and the arbitrator halts', () => {
    const inv = campus([cluster('sg', [...NODES, 'arb'])], { arbitrator: true });
    const a = whatIf(inv, ['site:A']);
    expect(a.clusters[0]).toMatchObject({
      nodes: 5,
      nodesUp: 3,
      reformed: true,
      reason: 'majority',
    });
    expect(a.packages.map((p) => [p.package, p.to])).toEqual([
      ['pa1', 'b1'],
      ['pa2', 'b2'],
    ]);
    const ac = whatIf(inv, ['site:A', 'site:C']);
    expect(ac.clusters[0]).toMatchObject({
      nodes: 5,
      nodesUp: 2,
      reformed: false,
      reason: 'minority',
    });
    expect(ac.packages.map((p) => p.reason)).toEqual([
      'cluster-halted',
      'cluster-halted',
      'cluster-halted',
      'cluster-halted',
    ]);
  });

  it('C6: a two-node cluster with no lock halts when either node fails, and the plan warns', () => {
    const inv = campus([
      cluster('pair', ['a1', 'b1']),
      cluster('pair2', ['a2', 'b2'], { lock: 'disk', lockSites: ['A'] }),
    ]);
    const s = whatIf(inv, ['a1']);
    expect(s.clusters).toEqual([
      { cluster: 'pair', nodes: 2, nodesUp: 1, reformed: false, lock: null, reason: 'no-lock' },
    ]);
    expect(s.packages.map((p) => [p.package, p.reason])).toEqual([
      ['pa1', 'cluster-halted'],
      ['pb1', 'cluster-halted'],
    ]);
    // With a lock disk, losing one node of two re-forms with the lock.
    expect(whatIf(inv, ['a2']).clusters[0]).toMatchObject({ reformed: true, reason: 'lock' });
    const warnings = plan(inv).warnings.filter((w) => w.code === 'no-cluster-lock');
    expect(warnings.map((w) => w.subject)).toEqual(['pair']);
  });

  it('a cluster with every node down is not a halt: its packages have no node (assumption A-20)', () => {
    const base = campus(null);
    const local = (clusters: Cluster[]): Inventory => ({
      ...base,
      packages: [pkg('pa', 4, ['a1', 'a2']), pkg('pb', 4, ['b1', 'b2'])],
      clusters,
    });
    const r = plan(local([cluster('sgA', ['a1', 'a2']), cluster('sgB', ['b1', 'b2'])]));
    // Each single node down leaves 1 of 2 with no lock: a halt with a survivor (a1, a2, b1, b2).
    expect(r.summary.clustersHalted).toBe(4);
    const s = whatIf(
      local([
        cluster('sgA', ['a1', 'a2'], { lock: 'disk' }),
        cluster('sgB', ['b1', 'b2'], { lock: 'disk' }),
      ]),
      ['site:A'],
    );
    expect(s.clusters[0]).toMatchObject({ cluster: 'sgA', nodesUp: 0, reformed: false });
    expect(s.packages.map((p) => [p.package, p.reason])).toEqual([['pa', 'no-surviving-node']]);
  });
});

describe('the partitions of a halted cluster stay up for iCAP (assumption A-23, [C8])', () => {
  it('a Group Manager on a node of a halted cluster stays in control and seizes for another cluster', () => {
    // Group g: X runs the manager on m1; Y holds m2 and d1; Z holds d2 (2 of 8 cores active).
    // Complex Y down: sgm keeps 1 of 2 nodes and no lock, so it halts (m1 reboots, its manager
    // stays); db re-forms by its lock disk and pd needs 6 cores on d2 from rights seized on Y.
    const inv = inventory({
      complexes: ['X', 'Y', 'Z'].map((c) => complex(c, { group: 'g' })),
      cells: [
        ...cells('X', 'm1', 2, 4),
        ...cells('Y', 'm2', 2, 4),
        ...cells('Y', 'd1', 2, 4),
        ...cells('Z', 'd2', 2, 4),
      ],
      npars: [
        npar('X', 'm1', 4),
        npar('Y', 'm2', 4),
        npar('Y', 'd1', 8),
        npar('Z', 'd2', 2, { active: 2 }),
      ],
      groups: [group('g', 16)],
      managers: [manager('g', 'm1')],
      packages: [
        pkg('pm1', 2, ['m1', 'm2']),
        pkg('pm2', 2, ['m2', 'm1']),
        pkg('pd', 8, ['d1', 'd2']),
      ],
      clusters: [cluster('sgm', ['m1', 'm2']), cluster('db', ['d1', 'd2'], { lock: 'disk' })],
    });
    const s = whatIf(inv, ['complex:Y']);
    expect(s.clusters.map((c) => [c.cluster, c.nodesUp, c.reformed, c.reason])).toEqual([
      ['db', 1, true, 'lock'],
      ['sgm', 1, false, 'no-lock'],
    ]);
    expect(s.gm.map((g) => [g.group, g.inControl, g.takeover])).toEqual([['g', 'm1', false]]);
    expect(s.packages.map((p) => [p.package, p.status, p.reason, p.to])).toEqual([
      ['pd', 'moved', null, 'd2'],
      ['pm1', 'lost', 'cluster-halted', null],
      ['pm2', 'lost', 'cluster-halted', null],
    ]);
    expect(s.packages[0]?.sources).toMatchObject({ seized: 6 });
  });
});

describe('plan with clusters (spec 8.5)', () => {
  it('counts the scenarios in which a cluster halts, by cause, and adds no sizing demand for them', () => {
    const inv = campus([cluster('sg', NODES, { lock: 'disk', lockSites: ['A'] })]);
    const r = plan(inv);
    expect(r.summary).toMatchObject({ scenarios: 6, survived: 5, lost: 1, clustersHalted: 1 });
    expect(r.clusters).toEqual([
      {
        cluster: 'sg',
        nodes: ['a1', 'a2', 'b1', 'b2'],
        lock: 'disk',
        lockSites: ['A'],
        quorumServer: null,
        memberTimeoutS: null,
        packages: 4,
        lockUsed: 1,
        halts: { noLock: 0, lockDown: 1, minority: 0 },
        haltedIn: ['site:A'],
      },
    ]);
    // Each node needs 4 cores for one package from the other site, never 8 from the halted one.
    expect(r.partitions.map((p) => p.minimumInactiveCores)).toEqual([4, 4, 4, 4]);
  });

  it('warns once for an inventory without clusters.csv', () => {
    const w = plan(seedFig15()).warnings.filter((x) => x.code === 'no-clusters');
    expect(w).toHaveLength(1);
  });

  it('warns priority-not-unique for two packages of one cluster with the same number [C9]', () => {
    const inv = campus([cluster('sg', NODES, { lock: 'disk' })]);
    const dup = { ...inv, packages: inv.packages.map((p) => ({ ...p, priority: 7 })) };
    const w = plan(dup).warnings.filter((x) => x.code === 'priority-not-unique');
    expect(w.map((x) => x.subject)).toEqual(['sg/pa2', 'sg/pb1', 'sg/pb2']);
  });

  it('warns lock-site-alone for a lock site named by no complex or manager', () => {
    const inv = campus([cluster('sg', NODES, { lock: 'dual-disk', lockSites: ['A', 'Bx'] })]);
    const w = plan(inv).warnings.filter((x) => x.code === 'lock-site-alone');
    expect(w.map((x) => x.subject)).toEqual(['sg/Bx']);
  });
});

describe('placement changes (spec 8.3)', () => {
  // db4 has 4 active cores on a single 4-core cell: no inactive core; db2 can take the package.
  const fallback = (onStartFailure: 'halt' | 'next'): Inventory =>
    seedFig15({
      cells: [
        ...cells('server1', 'db1', 2, 4),
        ...cells('server1', 'db3', 2, 4),
        ...cells('server2', 'db2', 2, 4),
        ...cells('server2', 'db4', 1, 4),
      ],
      packages: [pkg('pkg1', 8, ['db1', 'db4', 'db2'], { onStartFailure })],
    });

  it('C10 halt (run script exit 1): a failed start loses the package and says what a restart exit would do', () => {
    const s = whatIf(fallback('halt'), ['db1']);
    expect(s.packages[0]).toMatchObject({
      status: 'lost',
      reason: 'insufficient-inactive-cores',
    });
    expect(s.packages[0]?.attempts.map((a) => a.node)).toEqual(['db4']);
    // The attempt itself says why no other node is tried (spec 8.3).
    expect(s.packages[0]?.attempts[0]?.detail).toMatch(
      /; the run script exits 1 \(on_start_failure = halt\), so Serviceguard disables it on every other node \[C10\]$/,
    );
    const w = s.warnings.find((x) => x.code === 'start-failure-halts');
    expect(w?.subject).toBe('pkg1');
    expect(w?.detail).toContain(
      'with a restart exit (2, on_start_failure = next) it could try db2',
    );
  });

  it('C10 next (restart exit 2): it tries the next node up', () => {
    const s = whatIf(fallback('next'), ['db1']);
    expect(s.packages[0]).toMatchObject({ status: 'moved', to: 'db2' });
    expect(s.packages[0]?.attempts[0]?.detail).not.toContain('exits 1');
    expect(s.warnings.map((w) => w.code)).not.toContain('start-failure-halts');
  });

  it('C11 auto_run = n: lost when its node fails, and no sizing demand', () => {
    const inv = seedFig15({ packages: [pkg('pkg1', 8, ['db1', 'db2'], { autoRun: false })] });
    const s = whatIf(inv, ['db1']);
    expect(s.packages[0]).toMatchObject({ status: 'lost', reason: 'auto-run-off', attempts: [] });
    expect(plan(inv).partitions.every((p) => p.minimumInactiveCores === 0)).toBe(true);
  });

  it('C9 places numbered packages before no_priority ones, then by name', () => {
    const inv = campus(null);
    const ranked = {
      ...inv,
      packages: inv.packages.map((p) =>
        p.package === 'pb1'
          ? { ...p, priority: 3000 }
          : p.package === 'pa2'
            ? { ...p, priority: 1 }
            : p,
      ),
    };
    const s = whatIf(ranked, ['site:A', 'site:B']);
    expect(s.packages.map((p) => p.package)).toEqual(['pa2', 'pb1', 'pa1', 'pb2']);
  });
});

describe('re-formation time (spec 8.4, [C12])', () => {
  const timed = (memberTimeoutS: number, lock: Cluster['lock'], lockSites: string[]): Inventory =>
    campus([cluster('sg', NODES, { memberTimeoutS, lock, lockSites })]);

  it('MEMBER_TIMEOUT 14 s: re-formation 18–28 s (typ. 20) replaces sg_failover', () => {
    const p = whatIf(timed(14, 'none', []), ['a1']).packages[0];
    expect(p?.sgFailover).toEqual({ min: 18, typical: 20, max: 28 });
    // + rights_move for 4 cores from its own rights (no group: no manager contacted):
    //   rights_lookup_base + activate_base + activate_per_core · 4
    //   min 1 + 2 + 0.8 = 3.8; typical 2 + 4 + 2 = 8; max 5 + 10 + 4 = 19; start 0 s
    expect(p?.time).toEqual({ min: 21.8, typical: 28, max: 47 });
  });

  it('MEMBER_TIMEOUT 25 s gives 29–39 s; a dual lock adds 5–13 s', () => {
    expect(whatIf(timed(25, 'none', []), ['a1']).packages[0]?.sgFailover).toEqual({
      min: 29,
      typical: 31,
      max: 39,
    });
    const dual = whatIf(timed(14, 'dual-disk', ['A', 'B']), ['site:A']).packages[0];
    expect(dual?.sgFailover).toEqual({ min: 23, typical: 29, max: 41 });
  });

  it('without MEMBER_TIMEOUT the sourced sg_failover applies [S1 p.31]', () => {
    const p = whatIf(campus([cluster('sg', NODES)]), ['a1']).packages[0];
    expect(p?.sgFailover).toEqual({ min: 28, typical: 36, max: 45 });
  });
});

describe('optimize and clusters', () => {
  let solve: LpSolver;
  beforeAll(async () => {
    solve = (await createHighsSolver()).solve;
  });

  it('reports a halted cluster as a loss no purchase can save', () => {
    const inv = campus([cluster('sg', NODES, { lock: 'disk', lockSites: ['A'] })]);
    const r = optimizePurchase(
      inv,
      {
        unit: { inactive_core: 1000, core_right: 3000, sharing_right: 400, ticap_unit: 600 },
        maxCores: new Map(),
      },
      { maxFailures: 1, outageHours: 24, tool: { name: 'gicap-planner', version: 'test' } },
      solve,
    );
    expect(r.unsaveable.map((l) => `${l.scenario} ${l.package} ${l.reason}`)).toEqual([
      'site:A pa1 cluster-halted',
      'site:A pa2 cluster-halted',
      'site:A pb1 cluster-halted',
      'site:A pb2 cluster-halted',
    ]);
    expect(r.items).toEqual([]);
  });
});

describe('property: one more survivor never halts a cluster that re-formed', () => {
  const down = (siteDown: boolean, externalDown: boolean): DownState =>
    ({
      site: Uint8Array.from([siteDown ? 1 : 0]),
      external: Uint8Array.from([externalDown ? 1 : 0]),
    }) as unknown as DownState;

  it('holds for every lock kind, cluster size and lock state', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 16 }),
        fc.nat(16),
        fc.constantFrom('none', 'disk', 'dual-disk', 'lun', 'quorum-server') as fc.Arbitrary<
          ECluster['lock']
        >,
        fc.boolean(),
        (nodes, upRaw, lock, lockDown) => {
          const up = upRaw % (nodes + 1);
          const c: ECluster = {
            idx: 0,
            name: 'c',
            nodes: Array.from({ length: nodes }, (_, i) => i),
            lock,
            lockSites: lock === 'none' ? [] : [0],
            quorumNode: -1,
            quorumExternal: lock === 'quorum-server' ? 0 : -1,
            quorumHost: lock === 'quorum-server' ? 'qs' : null,
            memberTimeoutS: 0,
            packages: [],
          };
          const d = down(lockDown, lockDown);
          const before = judgeCluster(c, up, d, () => false);
          if (up === nodes || !before.reformed) return;
          const after = judgeCluster(c, up + 1, d, () => false);
          expect(after.reformed).toBe(true);
          const reasons: ClusterReason[] = ['majority', 'lock'];
          expect(reasons).toContain(after.reason);
        },
      ),
    );
  });

  it('holds through the whole scenario: bringing back any failed node of a re-formed cluster keeps it re-formed', () => {
    // The campus of 2 + 2 nodes (with the arbitrator in site C: 5 nodes), every lock kind with its
    // lock in A, B or C (a site is down when every node in it is), the quorum server qs1 in C.
    const site = fc.constantFrom('A', 'B', 'C');
    const lockArb = fc.oneof(
      fc.constant<Partial<Cluster>>({ lock: 'none' }),
      fc.record({
        lock: fc.constantFrom<'disk' | 'lun'>('disk', 'lun'),
        lockSites: fc.tuple(site),
      }),
      fc.constant<Partial<Cluster>>({ lock: 'dual-disk', lockSites: ['A', 'B'] }),
      fc.constant<Partial<Cluster>>({
        lock: 'quorum-server',
        lockSites: ['C'],
        quorumServer: 'qs1',
      }),
    );
    fc.assert(
      fc.property(
        fc.boolean(),
        lockArb,
        fc.subarray([...NODES, 'arb'], { minLength: 1 }),
        fc.boolean(),
        (arbitrator, lock, failedRaw, qsDown) => {
          const nodes = arbitrator ? [...NODES, 'arb'] : NODES;
          // [C6] a lock disk or LUN serves at most 4 nodes.
          if (nodes.length > 4 && lock.lock !== 'none' && lock.lock !== 'quorum-server') return;
          const inv = campus([cluster('sg', nodes, lock)], { arbitrator });
          const failed = failedRaw.filter((n) => nodes.includes(n));
          const extra = qsDown && lock.lock === 'quorum-server' ? ['host:qs1'] : [];
          if (failed.length === 0) return;
          const reformed = (fail: string[]): boolean => {
            if (fail.length === 0) return true;
            const c = whatIf(inv, fail).clusters.find((x) => x.cluster === 'sg');
            // No node of it down: it keeps running.
            return c === undefined || c.reformed;
          };
          if (!reformed([...failed, ...extra])) return;
          for (const back of failed) {
            const fewer = [...failed.filter((n) => n !== back), ...extra];
            expect(reformed(fewer), `${[...failed, ...extra].join('+')} less ${back}`).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
