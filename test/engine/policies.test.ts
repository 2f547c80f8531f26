/**
 * Serviceguard placement policies (spec section 9): failover policies [P1], dependencies [P3, P4],
 * capacities, weights and displacement [P5, P6, P8]. Figures asserted exactly.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { optimizePurchase } from '../../src/engine/optimize/optimize.js';
import { createHighsSolver } from '../../src/io/highs.js';
import type {
  Dependency,
  Inventory,
  NodeCapacity,
  Package,
  PackageWeight,
} from '../../src/domain/types.js';
import { cells, cluster, complex, inventory, npar, pkg } from '../helpers/builders.js';
import { plan, whatIf } from '../helpers/engine.js';
import type { LpSolver } from '../../src/domain/solver.js';

/**
 * Two sites A and B with one complex each; nodes a1, a2 (A), b1, b2 (B) and, in A, turkey, griffon
 * and eagle: every node an nPar with 8 cores on two cells, 8 rights, 4 active (4 more activate with
 * its own rights). One cluster of every node.
 */
const NODES = ['a1', 'a2', 'b1', 'b2', 'turkey', 'griffon', 'eagle'];
function estate(
  packages: Package[],
  more: {
    dependencies?: Dependency[];
    capacities?: NodeCapacity[];
    weights?: PackageWeight[];
  } = {},
): Inventory {
  const siteOf = (h: string): string => (h.startsWith('b') ? 'B' : 'A');
  return inventory({
    complexes: [complex('cxA', { site: 'A' }), complex('cxB', { site: 'B' })],
    cells: NODES.flatMap((h) => cells(`cx${siteOf(h)}`, h, 2, 4)),
    npars: NODES.map((h) => npar(`cx${siteOf(h)}`, h, 8, { active: 4 })),
    packages,
    clusters: [cluster('sg', NODES)],
    ...more,
  });
}

/** site:A takes 5 of the 7 nodes: the cluster halts there (a minority survives) [C2]. */
const EXPECTED_UNSAVEABLE = [
  'npar:cxA/a1 manual site-preferred-manual',
  'npar:cxA/eagle full no-eligible-node',
  'site:A full cluster-halted',
  'site:A manual cluster-halted',
  'site:A resident cluster-halted',
];

const outcome = (s: ReturnType<typeof whatIf>) =>
  s.packages.map((p) => [p.package, p.status, p.from, p.to, p.reason]);

describe('P8: the example of the Serviceguard manual', () => {
  // pkg1 (priority 10) runs on eagle, which fails; pkg2 (priority 20) runs on turkey; package_limit 1
  // on turkey and griffon.
  const limit1 = [
    { node: 'turkey', capacity: 'package_limit', value: 1 },
    { node: 'griffon', capacity: 'package_limit', value: 1 },
  ];
  it('with priorities: pkg2 is halted, pkg1 starts on turkey, pkg2 restarts on griffon', () => {
    const inv = estate(
      [
        pkg('pkg1', 2, ['eagle', 'turkey', 'griffon'], { priority: 10 }),
        pkg('pkg2', 2, ['turkey', 'griffon'], { priority: 20 }),
      ],
      { capacities: limit1 },
    );
    const s = whatIf(inv, ['eagle']);
    expect(outcome(s)).toEqual([
      ['pkg1', 'moved', 'eagle', 'turkey', null],
      ['pkg2', 'moved', 'turkey', 'griffon', null],
    ]);
    expect(s.packages[1]?.displacedBy).toBe('pkg1');
    expect(s.packages[1]?.attempts.map((a) => [a.node, a.skipped ?? 'start', a.ok])).toEqual([
      ['turkey', 'displaced', false],
      ['griffon', 'start', true],
    ]);
    expect(s.warnings.filter((w) => w.code === 'displaced')).toEqual([
      {
        code: 'displaced',
        subject: 'pkg2',
        detail:
          'pkg1 (priority 10) halted pkg2 (priority 20) on turkey to make room: capacity package_limit had 1 of 1 in use and pkg1 weighs 1; it restarts on griffon [P8]',
      },
    ]);
    expect(s.survives).toBe(true);
  });

  it('without priorities: pkg2 stays, turkey is skipped for its capacity, pkg1 runs on griffon', () => {
    const inv = estate(
      [pkg('pkg1', 2, ['eagle', 'turkey', 'griffon']), pkg('pkg2', 2, ['turkey', 'griffon'])],
      { capacities: limit1 },
    );
    const s = whatIf(inv, ['eagle']);
    expect(outcome(s)).toEqual([['pkg1', 'moved', 'eagle', 'griffon', null]]);
    expect(s.packages[0]?.attempts[0]).toEqual({
      node: 'turkey',
      ok: false,
      reason: null,
      needed: 0,
      available: 0,
      detail:
        'turkey skipped: capacity package_limit has 1 of 1 in use and pkg1 weighs 1 [P5, P6]; a no_priority package displaces nothing [P8]',
      skipped: 'capacity',
      capacity: { name: 'package_limit', used: 1, needed: 1, capacity: 1 },
    });
    expect(s.warnings.some((w) => w.code === 'displaced')).toBe(false);
  });

  it('no node with room: lost with no-eligible-node', () => {
    const inv = estate(
      [pkg('pkg1', 2, ['eagle', 'turkey']), pkg('pkg2', 2, ['turkey', 'griffon'])],
      { capacities: limit1 },
    );
    expect(outcome(whatIf(inv, ['eagle']))).toEqual([
      ['pkg1', 'lost', 'eagle', null, 'no-eligible-node'],
    ]);
  });

  it('a named capacity with weights: halts the lowest rank first, then by name descending', () => {
    const inv = estate(
      [
        pkg('big', 1, ['eagle', 'turkey'], { priority: 5 }),
        pkg('x1', 1, ['turkey', 'griffon'], { priority: 30 }),
        pkg('x2', 1, ['turkey', 'griffon'], { priority: 30 }),
        pkg('y', 1, ['turkey', 'griffon'], { priority: 20 }),
      ],
      {
        capacities: [{ node: 'turkey', capacity: 'memory', value: 10 }],
        weights: [
          { package: null, cluster: 'sg', capacity: 'memory', value: 3 },
          { package: 'big', cluster: null, capacity: 'memory', value: 4 },
        ],
      },
    );
    // turkey: 9 of 10 in use; big needs 4: halting x2 (rank 30, name descending) frees 3 → 10 fits.
    const s = whatIf(inv, ['eagle']);
    expect(outcome(s)).toEqual([
      ['big', 'moved', 'eagle', 'turkey', null],
      ['x2', 'moved', 'turkey', 'griffon', null],
    ]);
  });
});

describe('P4: dependencies', () => {
  it('a dependent is lost with the package it depends on, even with its own node up', () => {
    const inv = estate([pkg('db', 2, ['a1']), pkg('app', 2, ['a2', 'b2'])], {
      dependencies: [{ package: 'app', dependsOn: 'db', location: 'any_node' }],
    });
    const s = whatIf(inv, ['a1']);
    expect(outcome(s)).toEqual([
      ['db', 'lost', 'a1', null, 'no-surviving-node'],
      ['app', 'lost', 'a2', null, 'dependency'],
    ]);
    expect(s.packages[1]?.dependsOn).toEqual(['db']);
  });

  it('same_node: the dependent follows the package it depends on', () => {
    const inv = estate([pkg('db', 2, ['a1', 'b1']), pkg('app', 2, ['a1', 'b1'])], {
      dependencies: [{ package: 'app', dependsOn: 'db', location: 'same_node' }],
    });
    const s = whatIf(inv, ['a1']);
    expect(outcome(s)).toEqual([
      ['db', 'moved', 'a1', 'b1', null],
      ['app', 'moved', 'a1', 'b1', null],
    ]);
  });

  it('same_node: the dependent is lost when that node is not in its list', () => {
    const inv = estate([pkg('db', 2, ['a1', 'b1']), pkg('app', 2, ['a1', 'b2'])], {
      dependencies: [{ package: 'app', dependsOn: 'db', location: 'same_node' }],
    });
    expect(outcome(whatIf(inv, ['a1']))).toEqual([
      ['db', 'moved', 'a1', 'b1', null],
      ['app', 'lost', 'a1', null, 'dependency'],
    ]);
  });

  it('different_node: a dependent on the node the other package moves to must move away', () => {
    const inv = estate([pkg('db', 2, ['a1', 'b1']), pkg('app', 2, ['b1', 'b2'])], {
      dependencies: [{ package: 'app', dependsOn: 'db', location: 'different_node' }],
    });
    const s = whatIf(inv, ['a1']);
    expect(outcome(s)).toEqual([
      ['db', 'moved', 'a1', 'b1', null],
      ['app', 'moved', 'b1', 'b2', null],
    ]);
    expect(s.packages[1]?.attempts.map((a) => [a.node, a.skipped ?? 'start'])).toEqual([
      ['b1', 'dependency'],
      ['b2', 'start'],
    ]);
  });

  it('any_node: the dependent is halted and restarted on its own node, after the other', () => {
    const inv = estate([pkg('db', 2, ['a1', 'b1']), pkg('app', 2, ['a2', 'b2'], { startS: 10 })], {
      dependencies: [{ package: 'app', dependsOn: 'db', location: 'any_node' }],
    });
    const s = whatIf(inv, ['a1']);
    expect(outcome(s)).toEqual([
      ['db', 'moved', 'a1', 'b1', null],
      ['app', 'moved', 'a2', 'a2', null],
    ]);
    const db = s.packages[0]?.time;
    const app = s.packages[1]?.time;
    // app starts after db: db's time plus its own start (10 s), no second Serviceguard failover.
    expect(app).toEqual({
      min: (db?.min ?? 0) + 10,
      typical: (db?.typical ?? 0) + 10,
      max: (db?.max ?? 0) + 10,
    });
  });

  it('a dependent with a higher priority than its package draws the plan warning', () => {
    const inv = estate(
      [pkg('db', 2, ['a1', 'b1'], { priority: 20 }), pkg('app', 2, ['a1', 'b1'], { priority: 10 })],
      {
        dependencies: [{ package: 'app', dependsOn: 'db', location: 'same_node' }],
      },
    );
    expect(plan(inv).warnings.filter((w) => w.code === 'dependency-drag-not-modelled')).toEqual([
      {
        code: 'dependency-drag-not-modelled',
        subject: 'app/db',
        detail:
          "app (priority 10) depends on db (priority 20) and outranks it: Serviceguard may move db to where app can run; the plan keeps db's own node order [P4]",
      },
    ]);
  });
});

describe('P1: failover policies', () => {
  it('configured_node: the list order', () => {
    const inv = estate([pkg('p', 2, ['a1', 'b1', 'a2'])]);
    expect(whatIf(inv, ['a1']).packages[0]?.to).toBe('b1');
  });

  it('min_package_node: the node running the fewest packages at that moment, ties in list order', () => {
    const inv = estate([
      pkg('p', 2, ['a1', 'b1', 'b2', 'a2'], { failoverPolicy: 'min_package_node' }),
      pkg('q', 1, ['b1', 'a2']),
      pkg('r', 1, ['a2', 'b1']),
    ]);
    // b1 and a2 run one package each, b2 none.
    expect(whatIf(inv, ['a1']).packages[0]?.to).toBe('b2');
    // Counting packages placed earlier in the scenario: o (priority 1) lands on b2 first.
    const inv2 = estate([
      pkg('o', 1, ['a1', 'b2'], { priority: 1 }),
      pkg('p', 2, ['a1', 'b2', 'b1'], { failoverPolicy: 'min_package_node' }),
    ]);
    expect(whatIf(inv2, ['a1']).packages.map((x) => [x.package, x.to, x.policy])).toEqual([
      ['o', 'b2', 'configured_node'],
      ['p', 'b1', 'min_package_node'],
    ]);
  });

  it('site_preferred: the nodes of its own site first', () => {
    const inv = estate([pkg('p', 2, ['a1', 'b1', 'a2'], { failoverPolicy: 'site_preferred' })]);
    expect(whatIf(inv, ['a1']).packages[0]?.to).toBe('a2');
  });

  it('site_preferred_manual: only its own site; none eligible → lost with site-preferred-manual', () => {
    const manual = { failoverPolicy: 'site_preferred_manual' as const };
    const inv = estate([pkg('p', 2, ['a1', 'b1', 'a2'], manual)]);
    expect(whatIf(inv, ['a1']).packages[0]?.to).toBe('a2');
    const s = whatIf(estate([pkg('p', 2, ['a1', 'b1'], manual)]), ['a1']);
    expect(outcome(s)).toEqual([['p', 'lost', 'a1', null, 'site-preferred-manual']]);
    expect(s.packages[0]?.attempts.map((a) => a.detail)).toEqual([
      'b1 skipped: outside A, the site p ran in; site_preferred_manual fails over within its site only [P1]',
    ]);
  });
});

describe('optimize and placement policies', () => {
  let solve: LpSolver;
  beforeAll(async () => {
    solve = (await createHighsSolver()).solve;
  });

  it('a capacity or a site policy loss is one no purchase can save', () => {
    const inv = estate(
      [
        pkg('manual', 2, ['a1', 'b1'], { failoverPolicy: 'site_preferred_manual' }),
        pkg('full', 2, ['eagle', 'turkey']),
        pkg('resident', 2, ['turkey', 'griffon']),
      ],
      { capacities: [{ node: 'turkey', capacity: 'package_limit', value: 1 }] },
    );
    const r = optimizePurchase(
      inv,
      {
        unit: { inactive_core: 1000, core_right: 3000, sharing_right: 400, ticap_unit: 600 },
        maxCores: new Map(),
      },
      { maxFailures: 1, outageHours: 24, tool: { name: 'gicap-planner', version: 'test' } },
      solve,
    );
    expect(r.unsaveable.map((l) => `${l.scenario} ${l.package} ${l.reason}`)).toEqual(
      EXPECTED_UNSAVEABLE,
    );
    expect(r.items).toEqual([]);
  });
});

describe('properties', () => {
  /** Packages on a1..b2 with random lists, priorities, weights, capacities and same_node pairs. */
  const hosts = ['a1', 'a2', 'b1', 'b2', 'turkey', 'griffon'];
  const arb = fc
    .record({
      pkgs: fc.array(
        fc.record({
          primary: fc.integer({ min: 0, max: 5 }),
          adoptives: fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { maxLength: 3 }),
          priority: fc.option(fc.integer({ min: 1, max: 50 })),
          weight: fc.integer({ min: 0, max: 3 }),
          dependsOn: fc.option(fc.nat()),
        }),
        { minLength: 1, maxLength: 8 },
      ),
      slack: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 6, maxLength: 6 }),
      capped: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    })
    .map(({ pkgs, slack, capped }) => {
      const packages = pkgs.map((p, i) =>
        pkg(
          `p${i}`,
          1,
          [hosts[p.primary] ?? 'a1', ...p.adoptives.map((a) => hosts[a] ?? 'a1')].filter(
            (h, j, all) => all.indexOf(h) === j,
          ),
          { priority: p.priority },
        ),
      );
      const weights = pkgs.map((p, i) => ({
        package: `p${i}`,
        cluster: null,
        capacity: 'mem',
        value: p.weight,
      }));
      // Capacities that hold what runs on each node now, plus some slack.
      const load = hosts.map((h) =>
        pkgs.reduce((s, p, i) => s + (packages[i]?.nodes[0] === h ? p.weight : 0), 0),
      );
      const capacities = hosts
        .map((h, i) => ({ node: h, capacity: 'mem', value: (load[i] ?? 0) + (slack[i] ?? 0) }))
        .filter((_, i) => capped[i] === true);
      // same_node on an earlier package with the same primary (acyclic, valid now).
      const dependencies: Dependency[] = [];
      pkgs.forEach((p, i) => {
        if (p.dependsOn === null || i === 0) return;
        const j = p.dependsOn % i;
        if (packages[j]?.nodes[0] === packages[i]?.nodes[0]) {
          dependencies.push({ package: `p${i}`, dependsOn: `p${j}`, location: 'same_node' });
        }
      });
      return {
        inv: estate(packages, { capacities, weights, dependencies }),
        weights,
        capacities,
        dependencies,
      };
    });

  it('placement never exceeds a capacity and never places a dependent away from its same_node package', () => {
    fc.assert(
      fc.property(arb, ({ inv, weights, capacities, dependencies }) => {
        for (const failed of hosts) {
          const s = whatIf(inv, [failed]);
          const where = new Map(inv.packages.map((p) => [p.package, p.nodes[0] as string | null]));
          for (const o of s.packages) where.set(o.package, o.to);
          for (const c of capacities) {
            const used = weights
              .filter((w) => where.get(w.package) === c.node)
              .reduce((sum, w) => sum + w.value, 0);
            expect(used).toBeLessThanOrEqual(c.value);
          }
          for (const d of dependencies) {
            const at = where.get(d.package);
            if (at !== null && at !== undefined) expect(at).toBe(where.get(d.dependsOn));
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});
