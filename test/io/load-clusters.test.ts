/**
 * clusters.csv and the new packages.csv columns (spec 8.1): every rule with its exact
 * `FILE:LINE:COLUMN` line. The base fixture's hosts: h1 (c1, east), vPars v1 and v2 (c1), h3 (c2,
 * west); gm1 is an external manager in east; packages p1 (h1;h3) and p2 (v1;h1).
 */
import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../src/io/load-inventory.js';
import { BASE, withLine, type Files, errorsOf } from './inventory-fixture.js';

const HEADER = 'cluster,nodes,lock,lock_site,quorum_server,member_timeout_s';

/** BASE plus a clusters.csv of these rows. */
function withClusters(...rows: string[]): Files {
  return { ...BASE, 'clusters.csv': [HEADER, ...rows].join('\n') };
}

/** v2 gives one core to a new vPar v3 (c1/n2 still holds 4 active cores in its vPars): 5 nodes. */
const FIVE_NODE_VPARS = [
  'complex,npar,vpar,cores,min,max,static',
  'c1,n2,v1,2,1,4,n',
  'c1,n2,v2,1,,,y',
  'c1,n2,v3,1,,,n',
].join('\n');

const VALID = 'sg1,h1;h3;v1;v2,quorum-server,north,qs1,14';

describe('clusters.csv: valid rows', () => {
  it('loads a cluster with its types', () => {
    const ok = parseInventory('test', withClusters(VALID));
    expect(ok.ok && ok.value.clusters).toEqual([
      {
        cluster: 'sg1',
        nodes: ['h1', 'h3', 'v1', 'v2'],
        lock: 'quorum-server',
        lockSites: ['north'],
        quorumServer: 'qs1',
        memberTimeoutS: 14,
      },
    ]);
  });

  it('defaults: no lock, no lock site, no quorum server, no MEMBER_TIMEOUT', () => {
    const ok = parseInventory('test', withClusters('sg1,h1;h3;v1;v2,,,,'));
    expect(ok.ok && ok.value.clusters?.[0]).toEqual({
      cluster: 'sg1',
      nodes: ['h1', 'h3', 'v1', 'v2'],
      lock: 'none',
      lockSites: [],
      quorumServer: null,
      memberTimeoutS: null,
    });
  });

  it('absent: clusters are not modelled (null)', () => {
    const ok = parseInventory('test', BASE);
    expect(ok.ok && ok.value.clusters).toBeNull();
  });

  it('a Quorum Server on a partition of the inventory, outside the cluster, is valid', () => {
    const files = withClusters('sg1,h1;v1;v2,quorum-server,,h3,');
    const f2 = withLine('packages.csv', 2, 'p1,4,h1;v2,10,60,app,,n', files);
    expect(errorsOf(f2)).toEqual([]);
  });
});

describe('clusters.csv: every rule, with the exact line', () => {
  it.each([
    [
      'an unknown node',
      withClusters('sg1,h1;h3;v1;v2;x9,none,,,'),
      ['clusters.csv:2:nodes: unknown host "x9" (known hosts: h1, h3, v1, v2)'],
    ],
    [
      'an external manager host as a node',
      withClusters('sg1,h1;h3;v1;v2;gm1,none,,,'),
      [
        'clusters.csv:2:nodes: "gm1" is an external Group Manager host, not a cluster node (expected an nPar host or vPar; known hosts: h1, h3, v1, v2)',
      ],
    ],
    [
      'a host in two clusters',
      withClusters('sg1,h1;h3;v1;v2,none,,,', 'sg2,h3,none,,,'),
      [
        'clusters.csv:3:nodes: host "h3" is already a node of cluster sg1 on line 2 (expected each host in at most one cluster)',
      ],
    ],
    [
      'a node listed twice',
      withClusters('sg1,h1;h3;h1,none,,,'),
      ['clusters.csv:2:nodes: node "h1" listed twice (expected each node once, found "h1;h3;h1")'],
    ],
    [
      'a duplicate cluster',
      withClusters('sg1,h1;h3;v1;v2,none,,,', 'sg1,h1,none,,,'),
      [
        'clusters.csv:3:cluster: duplicate cluster "sg1" (expected each once, found it also on line 2)',
      ],
    ],
    [
      'an unknown lock kind',
      withClusters('sg1,h1;h3;v1;v2,disc,,,'),
      [
        'clusters.csv:2:lock: invalid value (expected one of none, disk, dual-disk, lun, quorum-server, found "disc")',
      ],
    ],
    [
      'two sites for a lock disk',
      withClusters('sg1,h1;h3;v1;v2,disk,east;west,,'),
      [
        'clusters.csv:2:lock_site: more than one site for a disk lock (expected at most one site, found "east;west")',
      ],
    ],
    [
      'two sites for a lock LUN',
      withClusters('sg1,h1;h3;v1;v2,lun,east;west,,'),
      [
        'clusters.csv:2:lock_site: more than one site for a lun lock (expected at most one site, found "east;west")',
      ],
    ],
    [
      'a dual lock disk with one site',
      withClusters('sg1,h1;h3;v1;v2,dual-disk,east,,'),
      [
        'clusters.csv:2:lock_site: a dual-disk lock needs two different sites, one lock disk per data centre [C7] (expected 2 sites separated by ";", found "east")',
      ],
    ],
    [
      'a dual lock disk with the same site twice',
      withClusters('sg1,h1;h3;v1;v2,dual-disk,east;east,,'),
      [
        'clusters.csv:2:lock_site: site "east" listed twice (expected each site once, found "east;east")',
      ],
    ],
    [
      'a lock site on a cluster without a lock',
      withClusters('sg1,h1;h3;v1;v2,none,east,,'),
      [
        'clusters.csv:2:lock_site: lock site given for a cluster without a lock (expected an empty cell when lock is none, found "east")',
      ],
    ],
    [
      'a quorum-server lock without its host',
      withClusters('sg1,h1;h3;v1;v2,quorum-server,north,,'),
      [
        'clusters.csv:2:quorum_server: missing value (expected the Quorum Server host name when lock is quorum-server, found an empty cell)',
      ],
    ],
    [
      'a quorum server given for a lock disk',
      withClusters('sg1,h1;h3;v1;v2,disk,east,qs1,'),
      [
        'clusters.csv:2:quorum_server: quorum server given for a disk lock (expected an empty cell unless lock is quorum-server, found "qs1")',
      ],
    ],
    [
      'C5: the quorum server is a node of the cluster it serves',
      withClusters('sg1,h1;h3;v1;v2,quorum-server,,h3,'),
      [
        'clusters.csv:2:quorum_server: the Quorum Server must run outside the cluster it serves [C5] (expected a host that is not a node of sg1, found "h3")',
      ],
    ],
    [
      'C6: a lock disk for more than 4 nodes',
      {
        ...withClusters('sg1,h1;h3;v1;v2;v3,disk,east,,'),
        'vpars.csv': FIVE_NODE_VPARS,
      },
      [
        'clusters.csv:2:lock: a disk lock is not allowed for more than 4 nodes [C6] (expected quorum-server or none for 5 nodes, found disk)',
      ],
    ],
    [
      'C6: a dual lock disk for more than 4 nodes',
      {
        ...withClusters('sg1,h1;h3;v1;v2;v3,dual-disk,east;west,,'),
        'vpars.csv': FIVE_NODE_VPARS,
      },
      [
        'clusters.csv:2:lock: a dual-disk lock is not allowed for more than 4 nodes [C6] (expected quorum-server or none for 5 nodes, found dual-disk)',
      ],
    ],
    [
      'C6: a lock LUN for more than 4 nodes',
      {
        ...withClusters('sg1,h1;h3;v1;v2;v3,lun,east,,'),
        'vpars.csv': FIVE_NODE_VPARS,
      },
      [
        'clusters.csv:2:lock: a lun lock is not allowed for more than 4 nodes [C6] (expected quorum-server or none for 5 nodes, found lun)',
      ],
    ],
    [
      'a dual lock disk with three sites',
      withClusters('sg1,h1;h3;v1;v2,dual-disk,east;west;north,,'),
      [
        'clusters.csv:2:lock_site: a dual-disk lock needs two different sites, one lock disk per data centre [C7] (expected 2 sites separated by ";", found "east;west;north")',
      ],
    ],
    [
      'one external quorum server put in two sites by two clusters',
      withClusters('sg1,h1;h3;v1,quorum-server,north,qs1,', 'sg2,v2,quorum-server,south,qs1,'),
      [
        'clusters.csv:3:lock_site: site differs for quorum server qs1, which cluster sg1 on line 2 puts in north (expected north or an empty cell, found "south")',
      ],
    ],
    [
      'a partition quorum server in another site than its complex',
      withClusters('sg1,h1;v1;v2,quorum-server,east,h3,'),
      [
        'packages.csv:2:nodes: node "h3" in no cluster (expected every node of a package in one cluster of clusters.csv)',
        'clusters.csv:2:lock_site: site differs from complex c2 that runs quorum server h3 (expected west or an empty cell, found "east")',
      ],
    ],
    [
      'MEMBER_TIMEOUT of 0',
      withClusters('sg1,h1;h3;v1;v2,none,,,0'),
      [
        'clusters.csv:2:member_timeout_s: invalid value (expected a number of seconds > 0 and at most 300, found "0")',
      ],
    ],
    [
      'MEMBER_TIMEOUT beyond 300 s [C12]',
      withClusters('sg1,h1;h3;v1;v2,none,,,301'),
      [
        'clusters.csv:2:member_timeout_s: invalid value (expected a number of seconds > 0 and at most 300, found "301")',
      ],
    ],
    [
      'a package with a node in no cluster',
      withClusters('sg1,h1;v1;v2,none,,,'),
      [
        'packages.csv:2:nodes: node "h3" in no cluster (expected every node of a package in one cluster of clusters.csv)',
      ],
    ],
    [
      'a package across two clusters',
      withClusters('sg1,h1;v1;v2,none,,,', 'sg2,h3,none,,,'),
      [
        'packages.csv:2:nodes: nodes in different clusters (expected every node of a package in one cluster, found h1 in sg1, h3 in sg2)',
      ],
    ],
  ])('%s', (_name, files, expected) => {
    expect(errorsOf(files)).toEqual(expected);
  });
});

describe('packages.csv: the columns of spec 8.1', () => {
  it.each([
    ['priority 0', 'p1,4,h1;h3,0,60,app,,n', 'priority', '"0"'],
    ['priority 3001', 'p1,4,h1;h3,3001,60,app,,n', 'priority', '"3001"'],
    ['a negative priority', 'p1,4,h1;h3,-5,60,app,,n', 'priority', '"-5"'],
  ])('%s is refused', (_name, line, column, found) => {
    expect(errorsOf(withLine('packages.csv', 2, line))).toEqual([
      `packages.csv:2:${column}: invalid value (expected a whole number from 1 to 3000 or no_priority, found ${found})`,
    ]);
  });

  it('accepts 1, 3000 and no_priority', () => {
    for (const p of ['1', '3000', 'no_priority']) {
      expect(errorsOf(withLine('packages.csv', 2, `p1,4,h1;h3,${p},60,app,,n`))).toEqual([]);
    }
  });

  it('on_start_failure is halt or next, auto_run y or n', () => {
    const files: Files = {
      ...BASE,
      'packages.csv': [
        'package,cores,nodes,on_start_failure,auto_run',
        'p1,4,h1;h3,restart,y',
        'p2,2,v1;h1,next,maybe',
        'p3,1,h3,NEXT,N',
      ].join('\n'),
    };
    expect(errorsOf(files)).toEqual([
      'packages.csv:2:on_start_failure: invalid value (expected halt or next, found "restart")',
      'packages.csv:3:auto_run: invalid value (expected y or n, found "maybe")',
    ]);
    const ok = parseInventory('test', {
      ...files,
      'packages.csv': ['package,cores,nodes,on_start_failure,auto_run', 'p3,1,h3,NEXT,N'].join(
        '\n',
      ),
    });
    expect(ok.ok && ok.value.packages[0]).toMatchObject({
      onStartFailure: 'next',
      autoRun: false,
      priority: null,
    });
  });
});
