/**
 * Cross-file rules of cells, nPars and vPars: each in a known complex and nPar, unique; an nPar runs
 * a host or vPars, has an active cell, at least one right and one active core per active cell [R1],
 * no more than installed, and enough active cores for its vPars [V4]; a vPar within its max [V1];
 * host names unique over nPars and vPars (assumption A-33). Returns the partitions and what the
 * package rules need: each host's complex and active cores.
 */
import type { Cell, NPartition, VPar } from '../../domain/types.js';
import { deriveFigures, nparKey, type NParFigures } from '../../domain/derived.js';
import type { InventoryFileName } from '../../domain/inventory-files.js';
import type { RawRow } from '../table.js';
import type { Problems } from '../problems.js';
import { checkUnique, str, type Seen, type Valid } from '../rows.js';
import { listNames, type NParRow, type VParRow } from '../schemas.js';
import type { AllRows, CascadeGuard } from './cascade.js';
import type { ComplexesAndGroups } from './complexes.js';

/** The row that holds a node's active cores: an nPar (`npars.csv`) or a vPar (`vpars.csv`). */
export interface NodeRow {
  readonly file: 'npars' | 'vpars';
  /** The `--set` key of the row (C/N or C/N/V). */
  readonly key: string;
  /** An nPar's installed cores (its active cells), null when unknown or for a vPar. */
  readonly installed: number | null;
}

/** The partitions that checked out, and each host's complex, active cores and row. */
export interface Partitions {
  readonly cells: readonly Cell[];
  readonly npars: NPartition[];
  readonly vpars: VPar[];
  /** Host name → complex of the nPar or vPar that runs it. */
  readonly partitionHost: ReadonlyMap<string, string>;
  /** Node name → active cores there now, null when unsure. */
  readonly nodeActive: ReadonlyMap<string, number | null>;
  /** Node name → which row holds its cores. */
  readonly nodeRow: ReadonlyMap<string, NodeRow>;
}

export function checkPartitions(
  all: AllRows,
  guard: CascadeGuard,
  problems: Problems,
  known: ComplexesAndGroups,
): Partitions {
  const { complexNames, complexList, groupList } = known;
  const complexSure = guard.complexes;
  const nparSure = guard.npars;
  const vparSure = guard.vpars;
  // --- cells: complex exists; (complex, cell) unique; nPar exists in the same complex.
  const cellUnique = checkUnique(
    'cells.csv',
    all.cells.seen,
    (s) => {
      const c = str(s.fields, 'complex');
      const cell = str(s.fields, 'cell');
      return c === null || cell === null ? null : `${c}/${cell}`;
    },
    'cell',
    (k) => `cell "${k.slice(k.indexOf('/') + 1)}" in complex ${k.slice(0, k.indexOf('/'))}`,
    problems,
  );

  // --- npars: complex exists; (complex, npar) unique.
  const nparUnique = checkUnique(
    'npars.csv',
    all.npars.seen,
    (s) => {
      const c = str(s.fields, 'complex');
      const n = str(s.fields, 'npar');
      return c === null || n === null ? null : nparKey(c, n);
    },
    'npar',
    (k) => `nPar "${k.slice(k.indexOf('/') + 1)}" in complex ${k.slice(0, k.indexOf('/'))}`,
    problems,
  );
  /** nPar names per complex (every row that named them, valid or not). */
  const nparsOf = new Map<string, Set<string>>();
  for (const s of all.npars.seen) {
    const c = str(s.fields, 'complex');
    const n = str(s.fields, 'npar');
    if (c === null || n === null) continue;
    const set = nparsOf.get(c) ?? new Set<string>();
    set.add(n);
    nparsOf.set(c, set);
  }

  const unknownComplex = (file: InventoryFileName, row: RawRow, complex: string): void => {
    problems.cell(
      file,
      row,
      'complex',
      `unknown complex "${complex}" (known complexes: ${listNames(complexNames)})`,
    );
  };
  const unknownNPar = (
    file: InventoryFileName,
    row: RawRow,
    complex: string,
    npar: string,
  ): void => {
    problems.cell(
      file,
      row,
      'npar',
      `unknown nPar "${npar}" in complex ${complex} (known nPars of ${complex}: ${listNames(nparsOf.get(complex) ?? [])})`,
    );
  };

  /**
   * nPars whose installed cores are unsure because one of their cells failed a check: `C/N` for one
   * nPar, `C/` for every nPar of complex C, null for every nPar.
   */
  const unsureNPars = new Set<string | null>();
  if (!all.cells.usable) unsureNPars.add(null);
  const cellList: Cell[] = [];
  for (const s of all.cells.seen) {
    const dup = cellUnique.duplicates.has(s.row);
    const v = all.cells.byRow.get(s.row);
    if (v === undefined || dup) {
      const complex = str(s.fields, 'complex');
      const npar = s.fields['npar'];
      if (complex === null) unsureNPars.add(null);
      else if (typeof npar === 'string') unsureNPars.add(nparKey(complex, npar));
      else if (npar === undefined) unsureNPars.add(nparKey(complex, ''));
      continue;
    }
    if (complexSure && !complexNames.has(v.complex)) {
      unknownComplex('cells.csv', s.row, v.complex);
      continue;
    }
    if (v.npar !== null && nparSure && !(nparsOf.get(v.complex)?.has(v.npar) ?? false)) {
      unknownNPar('cells.csv', s.row, v.complex, v.npar);
      continue;
    }
    cellList.push(v);
  }

  const nparList: Valid<NParRow>[] = [];
  for (const n of all.npars.valid) {
    if (nparUnique.duplicates.has(n.row)) continue;
    if (complexSure && !complexNames.has(n.v.complex)) {
      unknownComplex('npars.csv', n.row, n.v.complex);
      continue;
    }
    nparList.push(n);
  }
  /** The effective active cores of an nPar: `active`, default `rights` [spec 2]. */
  const activeOf = (n: NParRow): number => n.active ?? n.rights;
  const nparPartitions: NPartition[] = nparList.map((n) => ({
    complex: n.v.complex,
    npar: n.v.npar,
    host: n.v.host,
    rights: n.v.rights,
    active: activeOf(n.v),
  }));

  // Derived figures from spec section 2, computed once in domain/derived.ts.
  const figures = deriveFigures({
    name: '',
    sha256: '',
    complexes: complexList.map((c) => c.v),
    cells: cellList,
    npars: nparPartitions,
    vpars: [],
    groups: groupList.map((g) => g.v),
    managers: [],
    packages: [],
    clusters: null,
    dependencies: [],
    capacities: [],
    weights: [],
  });
  const figuresOf = (complex: string, npar: string): NParFigures | null => {
    const key = nparKey(complex, npar);
    if (unsureNPars.has(null) || unsureNPars.has(key) || unsureNPars.has(nparKey(complex, ''))) {
      return null;
    }
    return figures.npars.get(key) ?? null;
  };

  // --- vpars: complex and nPar exist; which nPars have vPars (every row that named one).
  const vparsOfNPar = new Map<string, Seen[]>();
  for (const s of all.vpars.seen) {
    const c = str(s.fields, 'complex');
    const n = str(s.fields, 'npar');
    if (c === null || n === null) continue;
    const list = vparsOfNPar.get(nparKey(c, n)) ?? [];
    list.push(s);
    vparsOfNPar.set(nparKey(c, n), list);
  }
  const nparByKey = new Map(nparList.map((n) => [nparKey(n.v.complex, n.v.npar), n]));
  const vparList: Valid<VParRow>[] = [];
  for (const vp of all.vpars.valid) {
    const { complex, npar } = vp.v;
    if (complexSure && !complexNames.has(complex)) {
      unknownComplex('vpars.csv', vp.row, complex);
      continue;
    }
    if (nparSure && !(nparsOf.get(complex)?.has(npar) ?? false)) {
      unknownNPar('vpars.csv', vp.row, complex, npar);
      continue;
    }
    const host = nparByKey.get(nparKey(complex, npar))?.v.host ?? null;
    if (host !== null) {
      // [spec 2] an nPar runs HP-UX directly (host) or runs vPars, not both.
      problems.cell(
        'vpars.csv',
        vp.row,
        'npar',
        `nPar ${complex}/${npar} runs HP-UX directly as host ${host} (expected an nPar with an empty host, found host "${host}")`,
      );
      continue;
    }
    vparList.push(vp);
  }

  // --- host names: one namespace over nPar hosts and vPar names (assumption A-33).
  const hostAt = new Map<string, { file: InventoryFileName; line: number }>();
  const claimHost = (file: InventoryFileName, s: Seen, column: string): void => {
    const host = str(s.fields, column);
    if (host === null) return;
    const first = hostAt.get(host);
    if (first === undefined) {
      hostAt.set(host, { file, line: s.row.line });
      return;
    }
    problems.cell(
      file,
      s.row,
      column,
      `host name "${host}" used twice (expected each host name once, found it also at ${first.file}:${first.line})`,
    );
  };
  for (const s of all.npars.seen) {
    // A repeated nPar row is reported once, as a duplicate nPar.
    if (!nparUnique.duplicates.has(s.row)) claimHost('npars.csv', s, 'host');
  }
  for (const s of all.vpars.seen) claimHost('vpars.csv', s, 'vpar');

  // --- per nPar: active cells, R1, installed, host or vPars, V4.
  /** nPars (C/N) and vPars (names) that broke a rule: their load is not checked again. */
  const inError = new Set<string>();
  const checkNPar = (n: Valid<NParRow>): void => {
    const { complex, npar, host, rights } = n.v;
    const key = nparKey(complex, npar);
    const vparRows = vparsOfNPar.get(key) ?? [];
    if (host === null && vparSure && vparRows.length === 0) {
      problems.cell(
        'npars.csv',
        n.row,
        'host',
        `no host and no vPar (expected a host name, or vPars of ${key} in vpars.csv; found neither)`,
      );
    }
    const f = figuresOf(complex, npar);
    if (f === null) return;
    if (f.activeCells === 0) {
      problems.cell(
        'npars.csv',
        n.row,
        'npar',
        `no active cell (expected at least one cells.csv row with complex ${complex}, npar ${npar}, active y; found ${f.cells === 0 ? 'none' : `${f.cells} inactive`})`,
      );
      return;
    }
    const active = activeOf(n.v);
    // [R1] one core right per active cell.
    if (rights < f.activeCells) {
      problems.cell(
        'npars.csv',
        n.row,
        'rights',
        `fewer rights than active cells [R1] (expected at least ${f.activeCells}, one core per active cell, found ${rights})`,
      );
    } else if (rights > f.installed) {
      problems.cell(
        'npars.csv',
        n.row,
        'rights',
        `more rights than installed cores (expected at most ${f.installed}, the cores of its active cells, found ${rights})`,
      );
    }
    if (n.v.active !== null) {
      // [R1] an nPar keeps at least one active core per active cell.
      if (active < f.activeCells) {
        problems.cell(
          'npars.csv',
          n.row,
          'active',
          `fewer active cores than active cells [R1] (expected at least ${f.activeCells}, one core per active cell, found ${active})`,
        );
      } else if (active > f.installed) {
        problems.cell(
          'npars.csv',
          n.row,
          'active',
          `more active cores than installed (expected at most ${f.installed}, the cores of its active cells, found ${active})`,
        );
      }
    }
    // [V4] the vPars of an nPar cannot use more cores than it has active.
    if (vparRows.length > 0 && vparRows.every((s) => s.ok)) {
      const used = vparList
        .filter((vp) => vp.v.complex === complex && vp.v.npar === npar)
        .reduce((sum, vp) => sum + vp.v.cores, 0);
      if (used > active) {
        problems.cell(
          'npars.csv',
          n.row,
          'active',
          `fewer active cores than its vPars use [V4] (expected at least ${used}, the cores of its vPars, found ${active})`,
        );
      }
    }
  };
  for (const n of nparList) {
    const before = problems.count;
    checkNPar(n);
    if (problems.count > before) inError.add(nparKey(n.v.complex, n.v.npar));
  }

  // --- vPar max default: the installed cores of its nPar.
  const vparValues: VPar[] = [];
  for (const vp of vparList) {
    const f = figuresOf(vp.v.complex, vp.v.npar);
    if (vp.v.max !== null) {
      vparValues.push({ ...vp.v, max: vp.v.max });
      continue;
    }
    if (f === null) continue;
    const max = f.installed;
    const where = `the installed cores of ${vp.v.complex}/${vp.v.npar}, max not given`;
    if (vp.v.min > max || vp.v.cores > max) inError.add(vp.v.vpar);
    if (vp.v.min > max) {
      problems.cell(
        'vpars.csv',
        vp.row,
        'min',
        `min above the vPar's max [V1] (expected at most ${max}, ${where}, found ${vp.v.min})`,
      );
    } else if (vp.v.cores > max) {
      problems.cell(
        'vpars.csv',
        vp.row,
        'cores',
        `more cores than the vPar's max [V1] (expected at most ${max}, ${where}, found ${vp.v.cores})`,
      );
    }
    vparValues.push({ ...vp.v, max });
  }

  /** Host name → complex of the nPar or vPar that runs it. */
  const partitionHost = new Map<string, string>();
  for (const s of [...all.npars.seen, ...all.vpars.seen]) {
    const c = str(s.fields, 'complex');
    const h = str(s.fields, 'host') ?? str(s.fields, 'vpar');
    if (c !== null && h !== null && !partitionHost.has(h)) partitionHost.set(h, c);
  }
  /**
   * Node name → active cores there now (nPar: active; vPar: cores), null when unsure: the packages
   * whose first node it is run there now, so their cores must fit (assumption A-16).
   */
  const nodeActive = new Map<string, number | null>();
  /** Node name → which row holds its cores, to say what to raise with a package's cores. */
  const nodeRow = new Map<string, NodeRow>();
  for (const n of nparList) {
    // The first row to name a host owns it (a later one is a reported duplicate).
    if (n.v.host === null || nodeActive.has(n.v.host)) continue;
    const f = figuresOf(n.v.complex, n.v.npar);
    const sure = f !== null && !inError.has(nparKey(n.v.complex, n.v.npar));
    nodeActive.set(n.v.host, sure ? activeOf(n.v) : null);
    nodeRow.set(n.v.host, {
      file: 'npars',
      key: nparKey(n.v.complex, n.v.npar),
      installed: f?.installed ?? null,
    });
  }
  for (const vp of vparList) {
    if (nodeActive.has(vp.v.vpar)) continue;
    nodeActive.set(vp.v.vpar, inError.has(vp.v.vpar) ? null : vp.v.cores);
    nodeRow.set(vp.v.vpar, {
      file: 'vpars',
      key: `${nparKey(vp.v.complex, vp.v.npar)}/${vp.v.vpar}`,
      installed: null,
    });
  }

  return {
    cells: cellList,
    npars: nparPartitions,
    vpars: vparValues,
    partitionHost,
    nodeActive,
    nodeRow,
  };
}
