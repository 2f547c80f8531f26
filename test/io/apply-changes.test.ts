import { describe, expect, it } from 'vitest';
import { applyChanges, parseChange, type RawTables } from '../../src/io/apply-changes.js';
import { parseInventory } from '../../src/io/load-inventory.js';
import { BASE, withLine, type Files } from './inventory-fixture.js';
import { INVENTORY_FILES } from '../../src/domain/inventory-files.js';

function changed(changes: readonly string[], files: Files = BASE) {
  return parseInventory('test', files, changes);
}

describe('parseChange', () => {
  it('splits FILE.KEY.COLUMN=VALUE, keeping dots inside the key', () => {
    expect(parseChange('npars.server1/db1.rights=4')).toEqual({
      ok: true,
      change: {
        text: 'npars.server1/db1.rights=4',
        file: 'npars.csv',
        key: 'server1/db1',
        column: 'rights',
        value: '4',
      },
    });
    expect(parseChange('managers.g1/gm.example.com.site=dc-2')).toMatchObject({
      ok: true,
      change: { file: 'managers.csv', key: 'g1/gm.example.com', column: 'site', value: 'dc-2' },
    });
  });

  it('an empty value clears the cell', () => {
    expect(parseChange('npars.c1/n1.active=')).toMatchObject({
      ok: true,
      change: { value: undefined },
    });
  });

  it.each([
    [
      'npars.c1/n1.rights',
      '--set npars.c1/n1.rights: invalid change (expected FILE.KEY.COLUMN=VALUE, e.g. npars.server1/db1.rights=4, found "npars.c1/n1.rights")',
    ],
    [
      'npars.rights=4',
      '--set npars.rights=4: invalid change (expected FILE.KEY.COLUMN=VALUE, e.g. npars.server1/db1.rights=4, found "npars.rights=4")',
    ],
    [
      'npar.c1/n1.rights=4',
      '--set npar.c1/n1.rights=4: unknown file "npar" (expected one of complexes, cells, npars, vpars, groups, managers, packages, clusters, dependencies, capacities, weights; closest: npars)',
    ],
    [
      'npars.c1/n1.rihgts=4',
      '--set npars.c1/n1.rihgts=4: unknown npars column "rihgts" (expected one of complex, npar, host, rights, active; closest: rights)',
    ],
  ])('rejects %s', (text, line) => {
    expect(parseChange(text)).toEqual({ ok: false, error: line });
  });
});

describe('applyChanges on raw tables', () => {
  const tables = Object.fromEntries(
    INVENTORY_FILES.map((f) => [f, { file: f, present: false, columns: [], rows: [] }]),
  ) as unknown as RawTables;
  const withNpars: RawTables = {
    ...tables,
    'npars.csv': {
      file: 'npars.csv',
      present: true,
      columns: ['complex', 'npar', 'rights'],
      rows: [
        { line: 2, values: { complex: 'c1', npar: 'n1', rights: '4' }, changes: [] },
        { line: 3, values: { complex: 'c1', npar: 'n2', rights: '2' }, changes: [] },
      ],
    },
  };

  it('edits only the keyed row, adds a missing known column, records the change on the row', () => {
    const r = applyChanges(withNpars, ['npars.c1/n2.active=1', 'npars.c1/n2.rights=3']);
    expect(r.errors).toEqual([]);
    expect(r.tables['npars.csv'].columns).toEqual(['complex', 'npar', 'rights', 'active']);
    expect(r.tables['npars.csv'].rows).toEqual([
      { line: 2, values: { complex: 'c1', npar: 'n1', rights: '4' }, changes: [] },
      {
        line: 3,
        values: { complex: 'c1', npar: 'n2', rights: '3', active: '1' },
        changes: ['npars.c1/n2.active=1', 'npars.c1/n2.rights=3'],
      },
    ]);
    // The input is not modified.
    expect(withNpars['npars.csv'].rows[1]?.values).toEqual({
      complex: 'c1',
      npar: 'n2',
      rights: '2',
    });
  });

  it('a change of a key column renames the row for later changes', () => {
    const r = applyChanges(withNpars, ['npars.c1/n2.npar=n9', 'npars.c1/n9.rights=1']);
    expect(r.errors).toEqual([]);
    expect(r.tables['npars.csv'].rows[1]?.values).toEqual({
      complex: 'c1',
      npar: 'n9',
      rights: '1',
    });
  });

  it('reports an unknown key listing the known keys; an absent file has none', () => {
    const r = applyChanges(withNpars, ['npars.c2/n1.rights=1', 'vpars.c1/n2/v1.cores=2']);
    expect(r.errors).toEqual([
      '--set npars.c2/n1.rights=1: unknown npars key "c2/n1" (known: c1/n1, c1/n2)',
      '--set vpars.c1/n2/v1.cores=2: unknown vpars key "c1/n2/v1" (known: none)',
    ]);
  });

  it('lists at most 8 known keys, then …', () => {
    const many: RawTables = {
      ...tables,
      'groups.csv': {
        file: 'groups.csv',
        present: true,
        columns: ['group'],
        rows: Array.from({ length: 10 }, (_, i) => ({
          line: i + 2,
          values: { group: `g${i}` },
          changes: [],
        })),
      },
    };
    expect(applyChanges(many, ['groups.x.sharing_rights=1']).errors).toEqual([
      '--set groups.x.sharing_rights=1: unknown groups key "x" (known: g0, g1, g2, g3, g4, g5, g6, g7, …)',
    ]);
  });
});

describe('--set through parseInventory', () => {
  it('re-validates the changed inventory: a problem on a changed row says which change', () => {
    const r = changed(['npars.c1/n1.rights=1']);
    expect(r).toEqual({
      ok: false,
      errors: [
        'npars.csv:2:rights: fewer rights than active cells [R1] (expected at least 2, one core per active cell, found 1) (after --set npars.c1/n1.rights=1)',
      ],
    });
  });

  it('applies a valid change and keeps the sha256 of the files', () => {
    const base = parseInventory('test', BASE);
    const r = changed(['groups.g1.sharing_rights=20', 'packages.p1.cores=3']);
    if (!r.ok || !base.ok) throw new Error('expected valid inventories');
    expect(r.value.groups[0]?.sharingRights).toBe(20);
    expect(r.value.packages[0]?.cores).toBe(3);
    expect(r.value.sha256).toBe(base.value.sha256);
  });

  it('an empty value clears the cell so that its default applies', () => {
    const r = changed(['npars.c1/n1.active=', 'npars.c1/n1.rights=3', 'packages.p1.cores=3']);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.value.npars[0]).toEqual({
      complex: 'c1',
      npar: 'n1',
      host: 'h1',
      rights: 3,
      active: 3,
    });
  });

  it('adds a column the file lacks', () => {
    const files = withLine(
      'groups.csv',
      1,
      'group,sharing_rights',
      withLine('groups.csv', 2, 'g1,15'),
    );
    const r = changed(['groups.g1.held_rights=5'], files);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.value.groups).toEqual([{ group: 'g1', sharingRights: 15, heldRights: 5 }]);
  });

  it('bad changes are listed first, each on one line, with the file problems after', () => {
    const r = changed(['npars.c2/n9.rights=4', 'bogus', 'cells.c1/a.cores=x']);
    expect(r).toEqual({
      ok: false,
      errors: [
        '--set npars.c2/n9.rights=4: unknown npars key "c2/n9" (known: c1/n1, c1/n2, c2/n3)',
        '--set bogus: invalid change (expected FILE.KEY.COLUMN=VALUE, e.g. npars.server1/db1.rights=4, found "bogus")',
        'cells.csv:2:cores: invalid value (expected a whole number from 1 to 256, found "x") (after --set cells.c1/a.cores=x)',
      ],
    });
  });

  it('each changed row names its own change', () => {
    const r = changed(['groups.g1.sharing_rights=x', 'packages.p1.cores=9']);
    expect(r).toEqual({
      ok: false,
      errors: [
        'groups.csv:2:sharing_rights: invalid value (expected a whole number from 0 to 65,536, found "x") (after --set groups.g1.sharing_rights=x)',
        'packages.csv:2:cores: packages running on h1 need 9 cores, more than its 4 active cores (expected at most 4 cores for the packages with h1 first in nodes, found 9); to run them there, raise npars.csv rights and active of c1/n1 to 9, and the cores of its active cells in cells.csv to 9 in all (8 installed) (after --set packages.p1.cores=9)',
      ],
    });
  });

  it('a problem found on an unchanged row has no suffix', () => {
    expect(changed(['vpars.c1/n2/v1.cores=3'])).toEqual({
      ok: false,
      errors: [
        'npars.csv:3:active: fewer active cores than its vPars use [V4] (expected at least 5, the cores of its vPars, found 4)',
      ],
    });
  });
});
