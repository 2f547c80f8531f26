import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/domain/types.js';
import { GicapError } from '../../src/errors.js';
import { INVENTORY_FILES, type InventoryFileName } from '../../src/domain/inventory-files.js';
import { inventorySha256, loadInventory, parseInventory } from '../../src/io/load-inventory.js';
import {
  BASE,
  BASE_FILES,
  edit,
  withLine,
  withRow,
  without,
  type Files,
  errorsOf,
} from './inventory-fixture.js';

/** An inventory with its name and hash blanked, to compare contents only. */
function contentOf(inv: Inventory): Inventory {
  return { ...inv, name: '', sha256: '' };
}

function inventoryOf(files: Files): Inventory {
  const r = parseInventory('test', files);
  if (!r.ok) throw new Error(`unexpected problems:\n${r.errors.join('\n')}`);
  return r.value;
}

describe('parseInventory: the base fixture', () => {
  it('is valid and loads every file with its values', () => {
    const inv = inventoryOf(BASE);
    expect(inv.name).toBe('test');
    expect(inv.complexes).toEqual([
      {
        complex: 'c1',
        platform: 'cellular',
        group: 'g1',
        site: 'east',
        unassignedRights: 0,
        ticapMinutes: 0,
      },
      {
        complex: 'c2',
        platform: 'sd2',
        group: 'g1',
        site: 'west',
        unassignedRights: 1,
        ticapMinutes: 43200,
      },
    ]);
    expect(inv.npars).toEqual([
      { complex: 'c1', npar: 'n1', host: 'h1', rights: 4, active: 4 },
      { complex: 'c1', npar: 'n2', host: null, rights: 4, active: 4 },
      { complex: 'c2', npar: 'n3', host: 'h3', rights: 4, active: 4 },
    ]);
    expect(inv.vpars).toEqual([
      { complex: 'c1', npar: 'n2', vpar: 'v1', cores: 2, min: 1, max: 4, static: false },
      { complex: 'c1', npar: 'n2', vpar: 'v2', cores: 2, min: 1, max: 4, static: true },
    ]);
    expect(inv.managers).toEqual([
      { group: 'g1', host: 'gm1', role: 'active', site: 'east', takeover: 'serviceguard' },
      // h3 runs on c2's nPar n3: the manager takes c2's site.
      { group: 'g1', host: 'h3', role: 'standby', site: 'west', takeover: 'manual' },
    ]);
    expect(inv.packages).toEqual([
      {
        package: 'p1',
        cores: 4,
        nodes: ['h1', 'h3'],
        priority: 10,
        startS: 60,
        kind: 'app',
        vmBootS: null,
        ticap: false,
        onStartFailure: 'halt',
        autoRun: true,
        failoverPolicy: 'configured_node',
      },
      {
        package: 'p2',
        cores: 2,
        nodes: ['v1', 'h1'],
        priority: null,
        startS: 0,
        kind: 'vm',
        vmBootS: 120,
        ticap: true,
        onStartFailure: 'halt',
        autoRun: true,
        failoverPolicy: 'configured_node',
      },
    ]);
    expect(inv.groups).toEqual([{ group: 'g1', sharingRights: 15, heldRights: 0 }]);
    expect(inv.cells).toHaveLength(5);
    expect(inv.cells.find((c) => c.complex === 'c2' && c.cell === 'b')).toEqual({
      complex: 'c2',
      cell: 'b',
      npar: null,
      cores: 8,
      active: false,
    });
  });

  it('hashes each present file as name, LF, content, LF in the fixed file order', () => {
    const inv = inventoryOf(BASE);
    expect(inv.sha256).toBe(inventorySha256(BASE));
    expect(inventorySha256({ 'cells.csv': 'x', 'groups.csv': 'y' })).toBe(
      createHash('sha256').update('cells.csv\nx\ngroups.csv\ny\n').digest('hex'),
    );
    expect(inv.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(inventoryOf({ ...BASE, 'groups.csv': `${BASE['groups.csv']}\n` }).sha256).not.toBe(
      inv.sha256,
    );
  });
});

describe('parseInventory: defaults', () => {
  const minimal: Files = {
    'complexes.csv': 'complex\nc1\nc2',
    'cells.csv': 'complex,cell,npar,cores\nc1,a,n1,4\nc1,b,n2,8\nc2,a,n3,2',
    'npars.csv': 'complex,npar,host,rights\nc1,n1,h1,3\nc1,n2,,5\nc2,n3,h3,2',
    'vpars.csv': 'complex,npar,vpar,cores\nc1,n2,v1,2',
    'groups.csv': 'group,sharing_rights\ng1,0',
    'managers.csv': 'group,host,role\ng1,h1,active\ng1,gmx,standby',
    'packages.csv': 'package,cores,nodes\np1,1,h1;h3',
  };
  const inv = inventoryOf(minimal);

  it('complex: platform cellular, no group, no site, 0 unassigned rights, 0 TiCAP minutes', () => {
    expect(inv.complexes[0]).toEqual({
      complex: 'c1',
      platform: 'cellular',
      group: null,
      site: null,
      unassignedRights: 0,
      ticapMinutes: 0,
    });
  });
  it('cell: active y', () => {
    expect(inv.cells.every((c) => c.active)).toBe(true);
  });
  it('nPar: active = rights', () => {
    expect(inv.npars.map((n) => [n.npar, n.rights, n.active])).toEqual([
      ['n1', 3, 3],
      ['n2', 5, 5],
      ['n3', 2, 2],
    ]);
  });
  it('vPar: min 1, max = installed cores of its nPar, static n', () => {
    expect(inv.vpars).toEqual([
      { complex: 'c1', npar: 'n2', vpar: 'v1', cores: 2, min: 1, max: 8, static: false },
    ]);
  });
  it('group: held rights 0', () => {
    expect(inv.groups).toEqual([{ group: 'g1', sharingRights: 0, heldRights: 0 }]);
  });
  it('manager: takeover serviceguard; site of its complex when co-located, else none', () => {
    expect(inv.managers).toEqual([
      { group: 'g1', host: 'gmx', role: 'standby', site: null, takeover: 'serviceguard' },
      { group: 'g1', host: 'h1', role: 'active', site: null, takeover: 'serviceguard' },
    ]);
  });
  it('package: no_priority, start 0 s, kind app, no VM boot time, ticap n, halt, auto_run y', () => {
    expect(inv.packages).toEqual([
      {
        package: 'p1',
        cores: 1,
        nodes: ['h1', 'h3'],
        priority: null,
        startS: 0,
        kind: 'app',
        vmBootS: null,
        ticap: false,
        onStartFailure: 'halt',
        autoRun: true,
        failoverPolicy: 'configured_node',
      },
    ]);
  });
  it('optional files absent = none', () => {
    const inv2 = inventoryOf({
      'complexes.csv': 'complex\nc1',
      'cells.csv': 'complex,cell,npar,cores\nc1,a,n1,4',
      'npars.csv': 'complex,npar,host,rights\nc1,n1,h1,4',
      'packages.csv': 'package,cores,nodes\np1,4,h1',
    });
    expect([inv2.vpars, inv2.groups, inv2.managers, inv2.clusters]).toEqual([[], [], [], null]);
  });
  it('y/n and enum values are matched case-insensitively; decimals allowed in seconds', () => {
    const inv2 = inventoryOf(
      edit(
        (f) => withLine('cells.csv', 2, 'c1,a,n1,4,Y', f),
        (f) => withLine('complexes.csv', 3, 'c2,SD2,g1,west,1,43200', f),
        (f) => withLine('packages.csv', 3, 'p2,2,v1;h1,NO_PRIORITY,12.5,VM,90.5,N', f),
      ),
    );
    expect(inv2.complexes[1]?.platform).toBe('sd2');
    expect(inv2.packages[1]).toEqual({
      package: 'p2',
      cores: 2,
      nodes: ['v1', 'h1'],
      priority: null,
      startS: 12.5,
      kind: 'vm',
      vmBootS: 90.5,
      ticap: false,
      onStartFailure: 'halt',
      autoRun: true,
      failoverPolicy: 'configured_node',
    });
  });
  it('a vPar max given explicitly is kept', () => {
    expect(inventoryOf(BASE).vpars[0]?.max).toBe(4);
  });
});

describe('parseInventory: every rule, with the exact line', () => {
  const cases: [string, Files, string[]][] = [
    // --- files and headers
    [
      'required file missing',
      without(['npars.csv']),
      ['npars.csv: required file missing (expected npars.csv in test)'],
    ],
    [
      'unknown column names the closest known one',
      withLine('npars.csv', 1, 'complex,npar,host,rights,actve'),
      [
        'npars.csv:1:actve: unknown column (expected one of complex, npar, host, rights, active; closest: active)',
      ],
    ],
    [
      'unknown column replacing a required one',
      withLine('cells.csv', 1, 'complex,cell,npar,coress,active'),
      [
        'cells.csv:1:coress: unknown column (expected one of complex, cell, npar, cores, active; closest: cores)',
        'cells.csv:1:cores: required column missing (required: complex, cell, cores)',
      ],
    ],
    [
      'duplicate column',
      edit(
        (f) => withLine('groups.csv', 1, 'group,sharing_rights,held_rights,Held_Rights', f),
        (f) => withLine('groups.csv', 2, 'g1,15,0,0', f),
      ),
      [
        'groups.csv:1:Held_Rights: duplicate column (expected each column once, found it also in column 3)',
      ],
    ],
    [
      'required column missing',
      edit(
        (f) => withLine('packages.csv', 1, 'package,cores,priority', f),
        (f) => withLine('packages.csv', 2, 'p1,4,10', f),
        (f) => withLine('packages.csv', 3, 'p2,2,20', f),
      ),
      ['packages.csv:1:nodes: required column missing (required: package, cores, nodes)'],
    ],
    [
      'an empty file',
      { ...BASE, 'packages.csv': '' },
      ['packages.csv:1: no header row (expected column names on line 1)'],
    ],
    [
      'more fields than the header',
      withLine('groups.csv', 2, 'g1,15,0,7'),
      [
        'groups.csv:2: value beyond the last column (expected at most 3 fields as in the header, found 4: "7")',
      ],
    ],
    [
      'a column without a name that holds values',
      edit(
        (f) => withLine('groups.csv', 1, 'group,sharing_rights,,held_rights', f),
        (f) => withLine('groups.csv', 2, 'g1,15,x,0', f),
      ),
      [
        'groups.csv:1:column 3: column without a name (expected a header name above its values, found an empty cell)',
      ],
    ],
    [
      'malformed quotes',
      withLine('groups.csv', 2, 'g1,"15,0'),
      [
        'groups.csv:2: malformed quotes (expected a quoted field to end with a closing " before the next delimiter, found: quoted field unterminated)',
      ],
    ],
    // --- types
    [
      'integer with decimals',
      withLine('npars.csv', 2, 'c1,n1,h1,2.5,4'),
      ['npars.csv:2:rights: invalid value (expected a whole number from 0 to 65,536, found "2.5")'],
    ],
    [
      'negative integer',
      withLine('complexes.csv', 2, 'c1,cellular,g1,east,-1,0'),
      [
        'complexes.csv:2:unassigned_rights: invalid value (expected a whole number from 0 to 65,536, found "-1")',
      ],
    ],
    [
      'text for an integer',
      withLine('complexes.csv', 3, 'c2,sd2,g1,west,1,lots'),
      [
        'complexes.csv:3:ticap_minutes: invalid value (expected a whole number from 0 to 1,000,000,000, found "lots")',
      ],
    ],
    [
      'cores must be at least 1',
      withLine('cells.csv', 6, 'c2,b,,0,n'),
      ['cells.csv:6:cores: invalid value (expected a whole number from 1 to 256, found "0")'],
    ],
    [
      'seconds must be ≥ 0',
      withLine('packages.csv', 2, 'p1,4,h1;h3,10,-60,app,,n'),
      [
        'packages.csv:2:start_s: invalid value (expected a number of seconds from 0 to 86,400, found "-60")',
      ],
    ],
    [
      'priority must be a whole number',
      withLine('packages.csv', 2, 'p1,4,h1;h3,high,60,app,,n'),
      [
        'packages.csv:2:priority: invalid value (expected a whole number from 1 to 3000 or no_priority, found "high")',
      ],
    ],
    [
      'enum lists its values',
      withLine('complexes.csv', 3, 'c2,superdome,g1,west,1,43200'),
      ['complexes.csv:3:platform: invalid value (expected cellular or sd2, found "superdome")'],
    ],
    [
      'y/n',
      withLine('vpars.csv', 3, 'c1,n2,v2,2,,,yes'),
      ['vpars.csv:3:static: invalid value (expected y or n, found "yes")'],
    ],
    [
      'identifier characters',
      withLine('groups.csv', 2, 'g 1,15,0'),
      [
        'groups.csv:2:group: invalid value (expected a name of letters, digits, ".", "_" or "-", found "g 1")',
      ],
    ],
    [
      'required value missing',
      withLine('npars.csv', 2, 'c1,n1,h1,,4'),
      [
        'npars.csv:2:rights: missing value (expected a whole number from 0 to 65,536, found an empty cell)',
      ],
    ],
    [
      'role required',
      withLine('managers.csv', 3, 'g1,h3,,,manual'),
      ['managers.csv:3:role: missing value (expected active or standby, found an empty cell)'],
    ],
    [
      'sharing rights required',
      withLine('groups.csv', 2, 'g1,,0'),
      [
        'groups.csv:2:sharing_rights: missing value (expected a whole number from 0 to 65,536, found an empty cell)',
      ],
    ],
    [
      'takeover values',
      withLine('managers.csv', 3, 'g1,h3,standby,,auto'),
      ['managers.csv:3:takeover: invalid value (expected serviceguard or manual, found "auto")'],
    ],
    // --- complexes
    [
      'duplicate complex',
      withRow('complexes.csv', 'c1,cellular,,,0,0'),
      [
        'complexes.csv:4:complex: duplicate complex "c1" (expected each once, found it also on line 2)',
      ],
    ],
    [
      'complex in an unknown group',
      withLine('complexes.csv', 3, 'c2,sd2,gX,west,1,43200'),
      ['complexes.csv:3:group: unknown group "gX" (known groups: g1)'],
    ],
    // --- cells
    [
      'cell of an unknown complex',
      withRow('cells.csv', 'c9,a,,4,y'),
      ['cells.csv:7:complex: unknown complex "c9" (known complexes: c1, c2)'],
    ],
    [
      'duplicate cell in a complex',
      withRow('cells.csv', 'c2,b,,8,n'),
      [
        'cells.csv:7:cell: duplicate cell "b" in complex c2 (expected each once, found it also on line 6)',
      ],
    ],
    [
      'cell of an nPar of another complex',
      withLine('cells.csv', 6, 'c2,b,n1,8,n'),
      ['cells.csv:6:npar: unknown nPar "n1" in complex c2 (known nPars of c2: n3)'],
    ],
    // --- npars
    [
      'nPar of an unknown complex',
      withRow('npars.csv', 'c9,n9,h9,1,1'),
      ['npars.csv:5:complex: unknown complex "c9" (known complexes: c1, c2)'],
    ],
    [
      'duplicate nPar in a complex',
      withRow('npars.csv', 'c1,n1,h1,4,4'),
      [
        'npars.csv:5:npar: duplicate nPar "n1" in complex c1 (expected each once, found it also on line 2)',
      ],
    ],
    [
      'nPar without an active cell',
      edit(
        (f) => withRow('npars.csv', 'c2,n4,h4,0,0', f),
        (f) => withRow('cells.csv', 'c2,c,n4,8,n', f),
      ),
      [
        'npars.csv:5:npar: no active cell (expected at least one cells.csv row with complex c2, npar n4, active y; found 1 inactive)',
      ],
    ],
    [
      'R1: rights below one per active cell',
      withLine('npars.csv', 2, 'c1,n1,h1,1,4'),
      [
        'npars.csv:2:rights: fewer rights than active cells [R1] (expected at least 2, one core per active cell, found 1)',
      ],
    ],
    [
      'R1: active below one per active cell',
      withLine('npars.csv', 2, 'c1,n1,h1,4,1'),
      [
        'npars.csv:2:active: fewer active cores than active cells [R1] (expected at least 2, one core per active cell, found 1)',
      ],
    ],
    [
      'rights above installed cores',
      withLine('npars.csv', 4, 'c2,n3,h3,9,8'),
      [
        'npars.csv:4:rights: more rights than installed cores (expected at most 8, the cores of its active cells, found 9)',
      ],
    ],
    [
      'active above installed cores (an inactive cell does not count)',
      edit(
        (f) => withLine('cells.csv', 3, 'c1,b,n1,4,n', f),
        (f) => withLine('npars.csv', 2, 'c1,n1,h1,4,6', f),
      ),
      [
        'npars.csv:2:active: more active cores than installed (expected at most 4, the cores of its active cells, found 6)',
      ],
    ],
    [
      'nPar with neither host nor vPars',
      {
        ...BASE,
        'vpars.csv': 'complex,npar,vpar,cores',
        'packages.csv': 'package,cores,nodes\np1,4,h1;h3',
      },
      [
        'npars.csv:3:host: no host and no vPar (expected a host name, or vPars of c1/n2 in vpars.csv; found neither)',
      ],
    ],
    [
      'vPar on an nPar that has a host',
      withRow('vpars.csv', 'c1,n1,v9,1,,,n'),
      [
        'vpars.csv:4:npar: nPar c1/n1 runs HP-UX directly as host h1 (expected an nPar with an empty host, found host "h1")',
      ],
    ],
    [
      'V4: vPars use more cores than the nPar has active',
      withLine('vpars.csv', 2, 'c1,n2,v1,3,1,4,n'),
      [
        'npars.csv:3:active: fewer active cores than its vPars use [V4] (expected at least 5, the cores of its vPars, found 4)',
      ],
    ],
    // --- host names
    [
      'vPar name already an nPar host',
      withLine('vpars.csv', 2, 'c1,n2,h3,2,1,4,n'),
      [
        'vpars.csv:2:vpar: host name "h3" used twice (expected each host name once, found it also at npars.csv:4)',
        'packages.csv:3:nodes: unknown host "v1" (known hosts: h1, h3, v2)',
      ],
    ],
    [
      'nPar host used twice',
      edit(
        (f) => withRow('npars.csv', 'c2,n4,h1,1,1', f),
        (f) => withRow('cells.csv', 'c2,c,n4,2,y', f),
      ),
      [
        'npars.csv:5:host: host name "h1" used twice (expected each host name once, found it also at npars.csv:2)',
      ],
    ],
    // --- vpars
    [
      'vPar of an unknown nPar',
      withRow('vpars.csv', 'c1,n7,v9,1,,,n'),
      ['vpars.csv:4:npar: unknown nPar "n7" in complex c1 (known nPars of c1: n1, n2)'],
    ],
    [
      'vPar of an unknown complex',
      withRow('vpars.csv', 'c7,n2,v9,1,,,n'),
      ['vpars.csv:4:complex: unknown complex "c7" (known complexes: c1, c2)'],
    ],
    [
      'vPar cores below min',
      withLine('vpars.csv', 2, 'c1,n2,v1,2,3,4,n'),
      ["vpars.csv:2:cores: fewer cores than the vPar's min [V1] (expected at least 3, found 2)"],
    ],
    [
      'vPar cores above max',
      withLine('vpars.csv', 2, 'c1,n2,v1,2,1,1,n'),
      ["vpars.csv:2:cores: more cores than the vPar's max [V1] (expected at most 1, found 2)"],
    ],
    [
      'vPar max below min',
      withLine('vpars.csv', 2, 'c1,n2,v1,2,3,2,n'),
      ['vpars.csv:2:max: max below min (expected at least min 3, found 2)'],
    ],
    [
      'vPar cores below min, max not given',
      withLine('vpars.csv', 3, 'c1,n2,v2,2,5,,y'),
      ["vpars.csv:3:cores: fewer cores than the vPar's min [V1] (expected at least 5, found 2)"],
    ],
    [
      'vPar min above the default max (installed cores of its nPar)',
      withLine('vpars.csv', 3, 'c1,n2,v2,5,5,,y'),
      [
        'npars.csv:3:active: fewer active cores than its vPars use [V4] (expected at least 7, the cores of its vPars, found 4)',
        "vpars.csv:3:min: min above the vPar's max [V1] (expected at most 4, the installed cores of c1/n2, max not given, found 5)",
      ],
    ],
    [
      'vPar cores above the default max (installed cores of its nPar)',
      withLine('vpars.csv', 3, 'c1,n2,v2,5,,,y'),
      [
        'npars.csv:3:active: fewer active cores than its vPars use [V4] (expected at least 7, the cores of its vPars, found 4)',
        "vpars.csv:3:cores: more cores than the vPar's max [V1] (expected at most 4, the installed cores of c1/n2, max not given, found 5)",
      ],
    ],
    // --- groups and managers
    [
      'duplicate group',
      withRow('groups.csv', 'g1,3,0'),
      ['groups.csv:3:group: duplicate group "g1" (expected each once, found it also on line 2)'],
    ],
    [
      'group without an active manager',
      withLine('managers.csv', 2, 'g1,gm1,standby,east,'),
      [
        'groups.csv:2:group: no active Group Manager (expected exactly one role=active row in managers.csv)',
      ],
    ],
    [
      'group without an active manager (no managers.csv)',
      without(['managers.csv']),
      [
        'groups.csv:2:group: no active Group Manager (expected exactly one role=active row in managers.csv)',
      ],
    ],
    [
      'a second active manager',
      withLine('managers.csv', 3, 'g1,h3,active,,manual'),
      [
        'managers.csv:3:role: second active Group Manager for group g1 (expected exactly one role=active row per group, found also on line 2)',
      ],
    ],
    [
      'manager of an unknown group',
      withRow('managers.csv', 'g2,gm1,standby,east,'),
      ['managers.csv:4:group: unknown group "g2" (known groups: g1)'],
    ],
    [
      'duplicate manager row',
      withRow('managers.csv', 'g1,h3,standby,,'),
      [
        'managers.csv:4:host: duplicate manager "h3" for group g1 (expected each once, found it also on line 3)',
      ],
    ],
    [
      'co-located manager with another site',
      withLine('managers.csv', 3, 'g1,h3,standby,east,manual'),
      [
        'managers.csv:3:site: site differs from complex c2 that runs host h3 (expected west or an empty cell, found "east")',
      ],
    ],
    [
      'one external host in two sites',
      edit(
        (f) => withRow('groups.csv', 'g2,0,0', f),
        (f) => withRow('managers.csv', 'g2,gm1,active,west,', f),
      ),
      [
        'managers.csv:4:site: site differs for external host gm1 (expected "east" as on line 2, found "west")',
      ],
    ],
    // --- packages
    [
      'duplicate package',
      withRow('packages.csv', 'p1,1,h3;h1'),
      [
        'packages.csv:4:package: duplicate package "p1" (expected each once, found it also on line 2)',
      ],
    ],
    [
      'unknown node',
      withLine('packages.csv', 2, 'p1,4,h1;db9,10,60,app,,n'),
      ['packages.csv:2:nodes: unknown host "db9" (known hosts: h1, h3, v1, v2)'],
    ],
    [
      'an external manager host is not a node',
      withLine('packages.csv', 2, 'p1,4,h1;gm1,10,60,app,,n'),
      [
        'packages.csv:2:nodes: "gm1" is an external Group Manager host, not a package node (expected an nPar host or vPar; known hosts: h1, h3, v1, v2)',
      ],
    ],
    [
      'a node listed twice',
      withLine('packages.csv', 2, 'p1,4,h1;h3;h1,10,60,app,,n'),
      ['packages.csv:2:nodes: node "h1" listed twice (expected each node once, found "h1;h3;h1")'],
    ],
    [
      'an empty node in the list',
      withLine('packages.csv', 2, 'p1,4,h1;;h3,10,60,app,,n'),
      [
        'packages.csv:2:nodes: invalid value (expected host names separated by ";", found "h1;;h3")',
      ],
    ],
    [
      'vm without boot time',
      withLine('packages.csv', 3, 'p2,2,v1;h1,,,vm,,y'),
      [
        'packages.csv:3:vm_boot_s: missing value (expected a number of seconds from 0 to 86,400 when kind is vm, found an empty cell)',
      ],
    ],
    [
      'boot time on an app package',
      withLine('packages.csv', 2, 'p1,4,h1;h3,10,60,app,30,n'),
      [
        'packages.csv:2:vm_boot_s: boot time given for an app package (expected an empty cell unless kind is vm, found "30")',
      ],
    ],
    [
      'packages running on a node exceed its active cores',
      edit(
        (f) => withRow('packages.csv', 'p3,1,h3', f),
        (f) => withRow('packages.csv', 'p4,3,h1', f),
        (f) => withRow('packages.csv', 'p5,1,h1', f),
      ),
      [
        'packages.csv:5:cores: packages running on h1 need 7 cores, more than its 4 active cores (expected at most 4 cores for the packages with h1 first in nodes, found 7); to run them there, raise npars.csv rights and active of c1/n1 to 7',
      ],
    ],
    [
      'packages running on a vPar exceed its cores',
      withRow('packages.csv', 'p3,1,v1;h1'),
      [
        "packages.csv:4:cores: packages running on v1 need 3 cores, more than its 2 active cores (expected at most 2 cores for the packages with v1 first in nodes, found 3); to run them there, raise vpars.csv cores of c1/n2/v1 to 3 (and its max, and its nPar's active cores, when below)",
      ],
    ],
  ];

  it.each(cases)('%s', (_name, files, expected) => {
    expect(errorsOf(files)).toEqual(expected);
  });
});

describe('parseInventory: Group Manager hosts and sites', () => {
  it('one external host may manage several groups; rows without a site take its given site', () => {
    const inv = inventoryOf(
      edit(
        (f) => withRow('groups.csv', 'g2,0,0', f),
        (f) => withRow('managers.csv', 'g2,gm1,active,,manual', f),
      ),
    );
    expect(inv.managers.filter((m) => m.host === 'gm1')).toEqual([
      { group: 'g1', host: 'gm1', role: 'active', site: 'east', takeover: 'serviceguard' },
      { group: 'g2', host: 'gm1', role: 'active', site: 'east', takeover: 'manual' },
    ]);
  });

  it("a manager on a vPar is co-located: it takes the site of the vPar's complex", () => {
    const inv = inventoryOf(withLine('managers.csv', 3, 'g1,v2,standby,east,'));
    expect(inv.managers[1]).toEqual({
      group: 'g1',
      host: 'v2',
      role: 'standby',
      site: 'east',
      takeover: 'serviceguard',
    });
  });

  it('a package node may be a partition that also runs a manager', () => {
    // h3 runs the standby manager and is p1's adoptive node.
    expect(inventoryOf(BASE).packages[0]?.nodes).toEqual(['h1', 'h3']);
  });
});

describe('parseInventory: reporting', () => {
  it('reports every problem, sorted by file order, line and header column', () => {
    const files = edit(
      (f) => withLine('packages.csv', 2, 'p1,x,h1;h3,10,60,app,,n', f),
      (f) => withLine('cells.csv', 6, 'c2,b,,8,maybe', f),
      (f) => withLine('cells.csv', 5, 'c2,a,n3,-8,y', f),
      (f) => withLine('complexes.csv', 3, 'c2,sd3,g1,west,1,43200', f),
      (f) => withLine('cells.csv', 6, 'c2,b,,zero,maybe', f),
    );
    expect(errorsOf(files)).toEqual([
      'complexes.csv:3:platform: invalid value (expected cellular or sd2, found "sd3")',
      'cells.csv:5:cores: invalid value (expected a whole number from 1 to 256, found "-8")',
      'cells.csv:6:cores: invalid value (expected a whole number from 1 to 256, found "zero")',
      'cells.csv:6:active: invalid value (expected y or n, found "maybe")',
      'packages.csv:2:cores: invalid value (expected a whole number from 1 to 65,536, found "x")',
    ]);
  });

  it('sorts columns by their position in the header, not the spec order', () => {
    const files = edit(
      (f) => withLine('groups.csv', 1, 'held_rights,sharing_rights,group', f),
      (f) => withLine('groups.csv', 2, 'x,y,g 1', f),
    );
    expect(errorsOf(files)).toEqual([
      'groups.csv:2:held_rights: invalid value (expected a whole number from 0 to 65,536, found "x")',
      'groups.csv:2:sharing_rights: invalid value (expected a whole number from 0 to 65,536, found "y")',
      'groups.csv:2:group: invalid value (expected a name of letters, digits, ".", "_" or "-", found "g 1")',
    ]);
  });

  it('does not cascade: a bad cell does not make its nPar, vPars or packages wrong', () => {
    const files = withLine('cells.csv', 4, 'c1,c,n2,four,y');
    expect(errorsOf(files)).toEqual([
      'cells.csv:4:cores: invalid value (expected a whole number from 1 to 256, found "four")',
    ]);
  });

  it('does not cascade: a bad nPar row still names its nPar and host', () => {
    const files = withLine('npars.csv', 2, 'c1,n1,h1,4,lots');
    expect(errorsOf(files)).toEqual([
      'npars.csv:2:active: invalid value (expected a whole number from 0 to 65,536, found "lots")',
    ]);
  });

  it('counts the spreadsheet line: blank rows and quoted line breaks keep their row numbers', () => {
    const files = {
      ...BASE,
      'groups.csv': 'group,sharing_rights,held_rights\n\n"g1",15,"0"\n\ng2,-1,0\n',
    };
    // g2 is not checked further (no active manager) until its row is valid: assumption A-CASCADE.
    expect(errorsOf(files)).toEqual([
      'groups.csv:5:sharing_rights: invalid value (expected a whole number from 0 to 65,536, found "-1")',
    ]);
  });
});

describe('parseInventory: spreadsheet-written files', () => {
  /** How Excel in a semicolon locale saves: BOM, CRLF, semicolons, every text field quoted. */
  function excelSemicolon(text: string): string {
    const lines = text.split('\n').map((line) =>
      line
        .split(',')
        .map((f) => (f === '' ? '' : `"${f}"`))
        .join(';'),
    );
    return `\uFEFF${lines.join('\r\n')}\r\n`;
  }

  it('loads BOM + CRLF + semicolons + quoted fields the same as the plain files', () => {
    const files = Object.fromEntries(BASE_FILES.map((f) => [f, excelSemicolon(BASE[f])])) as Files;
    expect(contentOf(inventoryOf(files))).toEqual(contentOf(inventoryOf(BASE)));
  });

  it('accepts capitalised, padded header names in any order', () => {
    const files = {
      ...BASE,
      'groups.csv': ' Held_Rights ;GROUP; Sharing_Rights\r\n2;g1;15\r\n',
    };
    expect(inventoryOf(files).groups).toEqual([{ group: 'g1', sharingRights: 15, heldRights: 2 }]);
  });

  it('reports lines of a semicolon file correctly', () => {
    const files = { ...BASE, 'groups.csv': 'group;sharing_rights\r\ng1;15\r\ng2;2,5\r\n' };
    expect(errorsOf(files)).toContain(
      'groups.csv:3:sharing_rights: invalid value (expected a whole number from 0 to 65,536, found "2,5")',
    );
  });
});

describe('parseInventory: row order does not matter (property)', () => {
  const MIXED = new URL('../../data/mixed-estate/', import.meta.url);

  it('shuffling the rows and columns of every file gives the same inventory', async () => {
    const texts = {} as Record<InventoryFileName, string>;
    for (const f of INVENTORY_FILES) texts[f] = await readFile(new URL(f, MIXED), 'utf8');
    const expected = contentOf(inventoryOf(texts));

    const tables = INVENTORY_FILES.map((f) => {
      const [header = '', ...rows] = texts[f].trimEnd().split('\n');
      return { f, header: header.split(','), rows: rows.map((r) => r.split(',')) };
    });
    const permutation = (n: number) =>
      fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n });
    const arbitrary = fc.tuple(
      ...tables.map((t) => fc.tuple(permutation(t.rows.length), permutation(t.header.length))),
    );
    fc.assert(
      fc.property(arbitrary, (orders) => {
        const shuffled = {} as Record<InventoryFileName, string>;
        tables.forEach((t, i) => {
          const [rowOrder = [], colOrder = []] = orders[i] ?? [];
          const pick = (cells: string[]) => colOrder.map((c) => cells[c] ?? '').join(',');
          shuffled[t.f] = [pick(t.header), ...rowOrder.map((r) => pick(t.rows[r] ?? []))].join(
            '\n',
          );
        });
        expect(contentOf(inventoryOf(shuffled))).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });
});

describe('loadInventory', () => {
  async function tempInventory(files: Files): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'gicap-inv-'));
    for (const [name, text] of Object.entries(files)) {
      if (text !== undefined) await writeFile(join(dir, name), text);
    }
    return dir;
  }

  it('loads a folder: name is its base name, sha256 over the files as read', async () => {
    const inv = await loadInventory(new URL('../../data/seed-fig15', import.meta.url).pathname);
    expect(inv.name).toBe('seed-fig15');
    expect(inv.npars.map((n) => `${n.complex}/${n.npar} ${n.rights}/${n.active}`)).toEqual([
      'server1/db1 8/8',
      'server1/db3 6/6',
      'server2/db2 2/2',
      'server2/db4 4/4',
    ]);
    const files: Files = {};
    for (const f of INVENTORY_FILES) {
      try {
        files[f] = await readFile(new URL(`../../data/seed-fig15/${f}`, import.meta.url), 'utf8');
      } catch {
        // optional file absent
      }
    }
    expect(files['vpars.csv']).toBeUndefined();
    expect(inv.sha256).toBe(inventorySha256(files));
  });

  it('throws an exit-2 GicapError with every line and a summary, writing nothing', async () => {
    const dir = await tempInventory(
      edit(
        (f) => withLine('npars.csv', 2, 'c1,n1,h1,2.5,4', f),
        (f) => withLine('groups.csv', 2, 'g1,,0', f),
      ),
    );
    const before = await readdir(dir);
    const err = await loadInventory(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GicapError);
    const g = err as GicapError;
    expect(g.exitCode).toBe(2);
    expect(g.lines).toEqual([
      'npars.csv:2:rights: invalid value (expected a whole number from 0 to 65,536, found "2.5")',
      'groups.csv:2:sharing_rights: missing value (expected a whole number from 0 to 65,536, found an empty cell)',
    ]);
    expect(g.message).toMatch(/^gicap-inv-\w+: 2 problems found; nothing written$/);
    expect(await readdir(dir)).toEqual(before);
    await rm(dir, { recursive: true });
  });

  it('reports a file given as the folder', async () => {
    const file = new URL('../../data/seed-fig15/cells.csv', import.meta.url).pathname;
    const err = (await loadInventory(file).catch((e: unknown) => e)) as GicapError;
    expect(err.lines).toEqual([
      `${file}: inventory folder not found (expected a folder holding complexes.csv, cells.csv, npars.csv, packages.csv, found a file)`,
    ]);
  });

  it('reports a missing folder', async () => {
    const err = (await loadInventory('/nonexistent/inv').catch((e: unknown) => e)) as GicapError;
    expect(err.exitCode).toBe(2);
    expect(err.lines).toEqual([
      '/nonexistent/inv: inventory folder not found (expected a folder holding complexes.csv, cells.csv, npars.csv, packages.csv, found nothing)',
    ]);
  });

  it('reports missing required files, and names a likely typo of a file', async () => {
    const dir = await tempInventory(without(['npars.csv', 'vpars.csv']));
    await writeFile(join(dir, 'npar.csv'), BASE['npars.csv']);
    await writeFile(join(dir, 'notes.txt'), 'not an inventory file');
    const err = (await loadInventory(dir).catch((e: unknown) => e)) as GicapError;
    expect(err.lines[0]).toBe(
      'npar.csv: unknown file (expected one of complexes.csv, cells.csv, npars.csv, vpars.csv, groups.csv, managers.csv, packages.csv, clusters.csv, dependencies.csv, capacities.csv, weights.csv; closest: npars.csv)',
    );
    expect(err.lines).toContain(
      `npars.csv: required file missing (expected npars.csv in ${dir.split('/').pop() ?? ''})`,
    );
    await rm(dir, { recursive: true });
  });

  it('matches file names case-insensitively', async () => {
    const dir = await tempInventory({});
    for (const f of BASE_FILES) await writeFile(join(dir, f.toUpperCase()), BASE[f]);
    expect(contentOf(await loadInventory(dir))).toEqual(contentOf(inventoryOf(BASE)));
    await rm(dir, { recursive: true });
  });

  it('loads the bundled mixed estate', async () => {
    const inv = await loadInventory(new URL('../../data/mixed-estate', import.meta.url).pathname);
    expect([
      inv.complexes.length,
      inv.cells.length,
      inv.npars.length,
      inv.vpars.length,
      inv.groups.length,
      inv.managers.length,
      inv.packages.length,
    ]).toEqual([5, 21, 10, 3, 2, 4, 16]);
    expect(inv.managers.find((m) => m.host === 'eadm1')?.site).toBe('dc-east');
  });
});
