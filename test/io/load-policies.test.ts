/**
 * failover_policy, dependencies.csv, capacities.csv and weights.csv (spec 9.1): every rule with its
 * exact `FILE:LINE:COLUMN` line. The base: BASE with one cluster sg1 of every host (h1, h3, v1, v2)
 * and four packages p1 (h1;h3, priority 10), p2 (v1;h1, no_priority VM), p3 and p4 (h3;h1).
 */
import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../src/io/load-inventory.js';
import { BASE, type Files, errorsOf } from './inventory-fixture.js';

const PACKAGES = [
  'package,cores,nodes,priority,start_s,kind,vm_boot_s,ticap,failover_policy',
  'p1,4,h1;h3,10,60,app,,n,',
  'p2,2,v1;h1,,,vm,120,y,',
  'p3,1,h3;h1,30,,app,,n,',
  'p4,1,h3;h1,40,,app,,n,',
];

function files(more: Partial<Record<string, string[]>>, packages = PACKAGES): Files {
  const out: Files = {
    ...BASE,
    'clusters.csv': ['cluster,nodes', 'sg1,h1;h3;v1;v2'].join('\n'),
    'packages.csv': packages.join('\n'),
  };
  for (const [file, rows] of Object.entries(more)) {
    (out as Record<string, string>)[file] = (rows ?? []).join('\n');
  }
  return out;
}

const DEP = 'package,depends_on,location';
const CAP = 'node,capacity,value';
const WEIGHT = 'package,cluster,capacity,value';

describe('placement policies: valid input', () => {
  it('loads dependencies, capacities and weights with their defaults', () => {
    const r = parseInventory(
      'test',
      files({
        'dependencies.csv': [DEP, 'p3,p1,', 'p4,p3,different_node'],
        'capacities.csv': [CAP, 'h1,memory,64', 'h3,memory,32.5'],
        'weights.csv': [WEIGHT, 'p1,,memory,16', '*,sg1,memory,4'],
      }),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.dependencies).toEqual([
      { package: 'p3', dependsOn: 'p1', location: 'same_node' },
      { package: 'p4', dependsOn: 'p3', location: 'different_node' },
    ]);
    expect(r.value.capacities).toEqual([
      { node: 'h1', capacity: 'memory', value: 64 },
      { node: 'h3', capacity: 'memory', value: 32.5 },
    ]);
    expect(r.value.weights).toEqual([
      { package: null, cluster: 'sg1', capacity: 'memory', value: 4 },
      { package: 'p1', cluster: null, capacity: 'memory', value: 16 },
    ]);
    expect(r.value.packages.map((p) => p.failoverPolicy)).toEqual([
      'configured_node',
      'configured_node',
      'configured_node',
      'configured_node',
    ]);
  });

  it('absent files: no dependencies, capacities or weights', () => {
    const r = parseInventory('test', BASE);
    expect(r.ok && [r.value.dependencies, r.value.capacities, r.value.weights]).toEqual([
      [],
      [],
      [],
    ]);
  });

  it('failover_policy takes the four policies, case-insensitively', () => {
    const pk = [...PACKAGES];
    pk[1] = 'p1,4,h1;h3,10,60,app,,n,MIN_PACKAGE_NODE';
    pk[3] = 'p3,1,h3;h1,30,,app,,n,site_preferred';
    pk[4] = 'p4,1,h3;h1,40,,app,,n,site_preferred_manual';
    const r = parseInventory('test', files({}, pk));
    expect(r.ok && r.value.packages.map((p) => p.failoverPolicy)).toEqual([
      'min_package_node',
      'configured_node',
      'site_preferred',
      'site_preferred_manual',
    ]);
  });
});

describe('placement policies: every rule with its line', () => {
  it('an unknown failover_policy', () => {
    const pk = [...PACKAGES];
    pk[1] = 'p1,4,h1;h3,10,60,app,,n,nearest';
    expect(errorsOf(files({}, pk))).toEqual([
      'packages.csv:2:failover_policy: invalid value (expected one of configured_node, min_package_node, site_preferred, site_preferred_manual, found "nearest")',
    ]);
  });

  it('dependencies: unknown packages, itself, bad location, duplicates', () => {
    expect(
      errorsOf(
        files({
          'dependencies.csv': [
            DEP,
            'p9,p1,',
            'p3,px,',
            'p3,p3,',
            'p4,p1,nearby',
            'p4,p3,',
            'p4,p3,any_node',
          ],
        }),
      ),
    ).toEqual([
      'dependencies.csv:2:package: unknown package "p9" (known packages: p1, p2, p3, p4)',
      'dependencies.csv:3:depends_on: unknown package "px" (known packages: p1, p2, p3, p4)',
      'dependencies.csv:4:depends_on: a package cannot depend on itself (expected another package than p3, found "p3")',
      'dependencies.csv:5:location: invalid value (expected one of same_node, any_node, different_node, found "nearby")',
      'dependencies.csv:7:depends_on: duplicate dependency "p4 on p3" (expected each once, found it also on line 6)',
    ]);
  });

  it('a dependency cycle is named whole, once, on its first line', () => {
    expect(
      errorsOf(
        files({ 'dependencies.csv': [DEP, 'p1,p3,any_node', 'p3,p4,any_node', 'p4,p1,any_node'] }),
      ),
    ).toEqual([
      'dependencies.csv:2:depends_on: dependency cycle p1 → p3 → p4 → p1 (expected no package to depend on itself through others)',
    ]);
  });

  it('both packages of a dependency in one cluster [P3]', () => {
    const f = files({ 'dependencies.csv': [DEP, 'p3,p2,any_node'] });
    f['clusters.csv'] = ['cluster,nodes', 'sg1,h1;h3', 'sg2,v1;v2'].join('\n');
    const pk = [...PACKAGES];
    pk[2] = 'p2,2,v1;v2,,,vm,120,y,';
    f['packages.csv'] = pk.join('\n');
    expect(errorsOf(f)).toEqual([
      'dependencies.csv:2:depends_on: packages in different clusters [P3] (expected a package of cluster sg1 like p3, found p2 in cluster sg2)',
    ]);
  });

  it('a min_package_node package may not depend on a failover package [P3]', () => {
    const pk = [...PACKAGES];
    pk[3] = 'p3,1,h3;h1,30,,app,,n,min_package_node';
    expect(errorsOf(files({ 'dependencies.csv': [DEP, 'p3,p1,any_node'] }, pk))).toEqual([
      'dependencies.csv:2:package: a min_package_node package may not depend on a failover package [P3] (expected a dependent with another failover_policy, found p3 with min_package_node)',
    ]);
  });

  it('capacities: cluster nodes only, a value ≥ 0, at most 4 names, package_limit alone [P5]', () => {
    expect(
      errorsOf(
        files({
          'capacities.csv': [
            CAP,
            'gm1,memory,1',
            'h1,memory,-1',
            'h1,a,1',
            'h1,b,1',
            'h1,c,1',
            'h3,d,1',
            'h3,e,1',
            'h1,a,2',
          ],
        }),
      ),
    ).toEqual([
      'capacities.csv:2:node: "gm1" is no cluster node (expected a node of a cluster of clusters.csv; known nodes: h1, h3, v1, v2)',
      'capacities.csv:3:value: invalid value (expected a number ≥ 0, found "-1")',
      'capacities.csv:8:capacity: more than 4 capacities in cluster sg1 [P5] (expected at most 4 names, found a, b, c, d, e)',
      'capacities.csv:9:capacity: duplicate capacity "h1/a" (expected each once, found it also on line 4)',
    ]);
    expect(
      errorsOf(files({ 'capacities.csv': [CAP, 'h1,package_limit,2', 'h3,memory,8'] })),
    ).toEqual([
      'capacities.csv:3:capacity: package_limit must be the only capacity of a cluster [P5] (expected only package_limit in cluster sg1, found package_limit, memory)',
    ]);
  });

  it('capacities need clusters.csv', () => {
    const f = files({ 'capacities.csv': [CAP, 'h1,memory,8'] });
    delete f['clusters.csv'];
    expect(errorsOf(f)).toEqual([
      'capacities.csv:2:node: capacities need clusters.csv [P5] (expected a node of a cluster, found "h1" and no clusters.csv)',
    ]);
  });

  it('weights: known packages and clusters, capacities of the cluster, * needs a cluster', () => {
    expect(
      errorsOf(
        files({
          'capacities.csv': [CAP, 'h1,memory,64'],
          'weights.csv': [
            WEIGHT,
            'p9,,memory,1',
            '*,,memory,1',
            '*,sgx,memory,1',
            'p1,sgx,memory,1',
            'p3,,cpu,1',
            'p4,,package_limit,1',
            'p4,,memory,1',
            'p4,,memory,2',
          ],
        }),
      ),
    ).toEqual([
      'weights.csv:2:package: unknown package "p9" (known packages: p1, p2, p3, p4)',
      'weights.csv:3:cluster: missing value (expected the cluster whose default weight this is, when package is *, found an empty cell)',
      'weights.csv:4:cluster: unknown cluster "sgx" (known clusters: sg1)',
      'weights.csv:5:cluster: package p1 is in cluster sg1 (expected sg1 or an empty cell, found "sgx")',
      'weights.csv:6:capacity: capacity "cpu" is defined on no node of cluster sg1 (expected one of memory)',
      'weights.csv:7:capacity: every package weighs 1 for package_limit [P6] (expected another capacity name, found "package_limit")',
      'weights.csv:9:capacity: duplicate weight "p4//memory" (expected each once, found it also on line 8)',
    ]);
  });

  it('weights need clusters.csv: one line per weight row, on its package [P5]', () => {
    const f: Files = {
      ...BASE,
      'capacities.csv': [CAP, 'h1,memory,64'].join('\n'),
      'weights.csv': [WEIGHT, 'p1,sg1,memory,1', 'p2,,memory,2'].join('\n'),
    };
    expect(errorsOf(f)).toEqual([
      'capacities.csv:2:node: capacities need clusters.csv [P5] (expected a node of a cluster, found "h1" and no clusters.csv)',
      'weights.csv:2:package: package p1 is in no cluster (expected a package of a cluster of clusters.csv; weights need clusters [P5])',
      'weights.csv:3:package: package p2 is in no cluster (expected a package of a cluster of clusters.csv; weights need clusters [P5])',
    ]);
  });

  it('a refused clusters.csv row is the one error: the weights of its packages are no cascade (A-30)', () => {
    const f = files({
      'clusters.csv': ['cluster,nodes,lock', 'sg1,h1;h3;v1;v2,disc'],
      'capacities.csv': [CAP, 'h1,memory,64'],
      'weights.csv': [WEIGHT, 'p1,sg1,memory,1', 'p3,,memory,2'],
    });
    expect(errorsOf(f)).toEqual([
      'clusters.csv:2:lock: invalid value (expected one of none, disk, dual-disk, lun, quorum-server, found "disc")',
    ]);
  });

  it('a package with a weight must be configured_node [P7]', () => {
    const pk = [...PACKAGES];
    pk[1] = 'p1,4,h1;h3,10,60,app,,n,min_package_node';
    pk[3] = 'p3,1,h3;h1,30,,app,,n,site_preferred';
    const f = files(
      {
        'capacities.csv': [CAP, 'h1,memory,64'],
        'weights.csv': [WEIGHT, 'p1,,memory,16', 'p3,,memory,0'],
      },
      pk,
    );
    expect(errorsOf(f)).toEqual([
      'packages.csv:2:failover_policy: a package with a weight must use configured_node [P7] (expected configured_node, found min_package_node; it weighs 16 of capacity memory in cluster sg1)',
    ]);
    // package_limit: every package of the cluster weighs 1.
    const g = files({ 'capacities.csv': [CAP, 'h1,package_limit,2'] }, pk);
    expect(errorsOf(g)).toEqual([
      'packages.csv:2:failover_policy: a package with a weight must use configured_node [P7] (expected configured_node, found min_package_node; it weighs 1 of capacity package_limit in cluster sg1)',
      'packages.csv:4:failover_policy: a package with a weight must use configured_node [P7] (expected configured_node, found site_preferred; it weighs 1 of capacity package_limit in cluster sg1)',
    ]);
  });
});
