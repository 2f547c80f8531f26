/**
 * Loading an inventory (spec section 2): read the folder, parse each CSV, map headers, apply `--set`
 * changes, check every row with its zod schema (schemas.ts), then every rule across rows and files.
 * Every problem is collected and reported as `FILE:LINE:COLUMN: what is wrong (expected, found)`, with
 * LINE as a spreadsheet shows it (header = 1); the engine only ever sees a valid `Inventory`.
 *
 * Cascade guard (assumption A-30): a row that failed its schema still registers the names it
 * carries (its key, its references), and figures that depend on a failed or duplicate row (an nPar's
 * installed cores, a node's package load, …) are not checked, so one mistake is reported once.
 */
import { createHash } from 'node:crypto';
import { basename, join, resolve } from 'node:path';
import { deriveFigures, nparKey, type NParFigures } from '../domain/derived.js';
import type {
  Cell,
  Cluster,
  Complex,
  Dependency,
  GicapGroup,
  GroupManager,
  Inventory,
  NodeCapacity,
  NPartition,
  Package,
  PackageWeight,
  VPar,
} from '../domain/types.js';
import { inputError } from '../errors.js';
import { applyChanges, type RawRow, type RawTable, type RawTables } from './apply-changes.js';
import { parseCsv } from './csv.js';
import { echo, echoName } from './echo.js';
import { Problems } from './problems.js';
import { listEntries, notAFile, pathKind, readText } from './read-text.js';
import {
  checkRows,
  checkUnique,
  str,
  type Checked,
  type Seen,
  type TableState,
  type Valid,
} from './rows.js';
import { ROW_SCHEMAS, listNames, type NParRow, type VParRow } from './schemas.js';
import { closestName, editDistance } from '../text/names.js';
import { checkClusters } from './rules/clusters.js';
import { checkPolicies, type PolicyRows } from './rules/policies.js';
import {
  COLUMNS,
  INVENTORY_FILES,
  REQUIRED_COLUMNS,
  REQUIRED_FILES,
  type InventoryFileName,
} from '../domain/inventory-files.js';
import { byKeys } from '../text/order.js';

export type ParseInventoryResult =
  | { ok: true; inventory: Inventory; errors?: never }
  | { ok: false; errors: string[]; inventory?: never };

// ---------------------------------------------------------------------------------------------
// Step 1: CSV text → raw tables (header mapped to known columns)

function readTable(
  file: InventoryFileName,
  text: string | undefined,
  name: string,
  problems: Problems,
): TableState {
  const empty: RawTable = { file, present: false, columns: [], rows: [] };
  if (text === undefined) {
    if (REQUIRED_FILES.includes(file)) {
      problems.line(file, 0, `required file missing (expected ${file} in ${name})`);
      return { table: empty, usable: false };
    }
    return { table: empty, usable: true };
  }
  const csv = parseCsv(text, file);
  for (const p of csv.problems) problems.line(file, p.line, p.message);
  if (csv.problems.some((p) => p.line === 1)) {
    // A quote left open in the header swallows the rest of the file into one "column name": the
    // quote problem is the one thing to say about this file.
    return { table: empty, usable: false };
  }
  let usable = csv.problems.length === 0;

  const known = COLUMNS[file];
  /** header index → known column (undefined: ignored or in error). */
  const mapping: (string | undefined)[] = [];
  const firstAt = new Map<string, number>();
  csv.columns.forEach((column, i) => {
    const written = echoName(csv.header[i] ?? column);
    if (column === '') {
      // Spreadsheets often write trailing empty columns: harmless unless values sit under them.
      if (csv.rows.some((r) => (r.fields[i] ?? '') !== '')) {
        problems.header(
          file,
          i,
          `column ${i + 1}`,
          `column without a name (expected a header name above its values, found an empty cell)`,
        );
      }
      mapping.push(undefined);
    } else if (!known.includes(column)) {
      problems.header(
        file,
        i,
        written,
        `unknown column (expected one of ${known.join(', ')}; closest: ${closestName(column, known) ?? ''})`,
      );
      mapping.push(undefined);
    } else if (firstAt.has(column)) {
      problems.header(
        file,
        i,
        written,
        `duplicate column (expected each column once, found it also in column ${(firstAt.get(column) ?? 0) + 1})`,
      );
      mapping.push(undefined);
      usable = false;
    } else {
      firstAt.set(column, i);
      mapping.push(column);
    }
  });
  const noHeader = csv.columns.every((c) => c === '');
  for (const column of REQUIRED_COLUMNS[file]) {
    // An empty file is one problem (no header row), not one per required column.
    if (!firstAt.has(column) && noHeader) {
      usable = false;
    } else if (!firstAt.has(column)) {
      problems.header(
        file,
        csv.columns.length + known.indexOf(column),
        column,
        'required column missing',
      );
      usable = false;
    }
  }

  const rows: RawRow[] = [];
  for (const r of csv.rows) {
    const values: Record<string, string | undefined> = {};
    r.fields.forEach((field, i) => {
      const column = mapping[i];
      if (column !== undefined) values[column] = field === '' ? undefined : field;
    });
    // Values beyond the header's last column: one problem for the row, however many there are.
    const beyond = r.fields.slice(csv.columns.length).filter((f) => f !== '');
    if (beyond.length > 0) {
      // Usually a delimiter inside an unquoted value: every later field is shifted, so the row's
      // cell checks would only repeat this one problem in other words.
      problems.mute(file, r.line);
      problems.line(
        file,
        r.line,
        `${beyond.length === 1 ? 'value' : `${beyond.length} values`} beyond the last column (expected at most ${csv.columns.length} fields as in the header, found ${r.fields.length}: ${echo(beyond[0])}${beyond.length > 1 ? ', …' : ''})`,
      );
    }
    rows.push({ line: r.line, values, changes: [] });
  }
  const columns = [...firstAt.entries()].sort((a, b) => a[1] - b[1]).map(([c]) => c);
  return { table: { file, present: true, columns, rows }, usable };
}

export function inventorySha256(
  files: Readonly<Partial<Record<InventoryFileName, string>>>,
): string {
  const hash = createHash('sha256');
  for (const file of INVENTORY_FILES) {
    const text = files[file];
    if (text === undefined) continue;
    hash.update(`${file}\n`, 'utf8');
    hash.update(text, 'utf8');
    hash.update('\n', 'utf8');
  }
  return hash.digest('hex');
}

/** Pure: validate file texts (undefined = file absent) into an Inventory, or every problem as lines. */
export function parseInventory(
  name: string,
  files: Readonly<Partial<Record<InventoryFileName, string>>>,
  changes: readonly string[] = [],
): ParseInventoryResult {
  const problems = new Problems();

  // Step 1: CSV and headers.
  const states = {} as Record<InventoryFileName, TableState>;
  for (const file of INVENTORY_FILES) states[file] = readTable(file, files[file], name, problems);

  // `--set` edits the raw rows before any row is checked.
  const changed = applyChanges(
    Object.fromEntries(INVENTORY_FILES.map((f) => [f, states[f].table])) as RawTables,
    changes,
  );
  for (const e of changed.errors) problems.line(null, 0, e);
  problems.useColumnsOf(changed.tables);
  for (const file of INVENTORY_FILES) {
    states[file] = { table: changed.tables[file], usable: states[file].usable };
  }

  // Step 2: every row against its schema.
  const complexes = checkRows<Complex>(
    'complexes.csv',
    states['complexes.csv'],
    ROW_SCHEMAS['complexes.csv'],
    problems,
  );
  const cells = checkRows<Cell>(
    'cells.csv',
    states['cells.csv'],
    ROW_SCHEMAS['cells.csv'],
    problems,
  );
  const npars = checkRows<NParRow>(
    'npars.csv',
    states['npars.csv'],
    ROW_SCHEMAS['npars.csv'],
    problems,
  );
  const vpars = checkRows<VParRow>(
    'vpars.csv',
    states['vpars.csv'],
    ROW_SCHEMAS['vpars.csv'],
    problems,
  );
  const groups = checkRows<GicapGroup>(
    'groups.csv',
    states['groups.csv'],
    ROW_SCHEMAS['groups.csv'],
    problems,
  );
  const managers = checkRows<GroupManager>(
    'managers.csv',
    states['managers.csv'],
    ROW_SCHEMAS['managers.csv'],
    problems,
  );
  const packages = checkRows<Package>(
    'packages.csv',
    states['packages.csv'],
    ROW_SCHEMAS['packages.csv'],
    problems,
  );

  const clusters = checkRows<Cluster>(
    'clusters.csv',
    states['clusters.csv'],
    ROW_SCHEMAS['clusters.csv'],
    problems,
  );

  const dependencies = checkRows<Dependency>(
    'dependencies.csv',
    states['dependencies.csv'],
    ROW_SCHEMAS['dependencies.csv'],
    problems,
  );
  const capacities = checkRows<NodeCapacity>(
    'capacities.csv',
    states['capacities.csv'],
    ROW_SCHEMAS['capacities.csv'],
    problems,
  );
  const weights = checkRows<PackageWeight>(
    'weights.csv',
    states['weights.csv'],
    ROW_SCHEMAS['weights.csv'],
    problems,
  );

  // Step 3: across rows and files.
  const result = checkAcross(
    {
      complexes,
      cells,
      npars,
      vpars,
      groups,
      managers,
      packages,
      clusters,
      clustersPresent: files['clusters.csv'] !== undefined,
      policies: { dependencies, capacities, weights },
    },
    problems,
  );
  if (problems.count > 0 || result === null) return { ok: false, errors: problems.lines() };
  return {
    ok: true,
    inventory: { name, sha256: inventorySha256(files), ...result },
  };
}

interface AllRows {
  readonly complexes: Checked<Complex>;
  readonly cells: Checked<Cell>;
  readonly npars: Checked<NParRow>;
  readonly vpars: Checked<VParRow>;
  readonly groups: Checked<GicapGroup>;
  readonly managers: Checked<GroupManager>;
  readonly packages: Checked<Package>;
  readonly clusters: Checked<Cluster>;
  /** clusters.csv was given (absent: clusters are not modelled, spec 8.1). */
  readonly clustersPresent: boolean;
  /** dependencies.csv, capacities.csv, weights.csv (spec 9.1). */
  readonly policies: PolicyRows;
}

type InventoryContent = Omit<Inventory, 'name' | 'sha256'>;

/**
 * Whether every row of a file named its `columns` (parsed, possibly empty): only then can a name
 * missing from the file be called unknown (assumption A-30).
 */
function namesSure(checked: Checked<unknown>, columns: readonly string[]): boolean {
  return checked.usable && checked.seen.every((s) => columns.every((c) => c in s.fields));
}

function checkAcross(all: AllRows, problems: Problems): InventoryContent | null {
  const complexSure = namesSure(all.complexes, ['complex']);
  const groupSure = namesSure(all.groups, ['group']);
  const nparSure = namesSure(all.npars, ['complex', 'npar']);
  const vparSure = namesSure(all.vpars, ['complex', 'npar']);
  const hostSure = namesSure(all.npars, ['host']) && namesSure(all.vpars, ['vpar']);
  // --- complexes: unique; group exists.
  const complexUnique = checkUnique(
    'complexes.csv',
    all.complexes.seen,
    (s) => str(s.fields, 'complex'),
    'complex',
    (k) => `complex "${k}"`,
    problems,
  );
  const complexNames = new Set(complexUnique.firstLine.keys());
  const complexList = all.complexes.valid.filter((c) => !complexUnique.duplicates.has(c.row));
  const complexByName = new Map(complexList.map((c) => [c.v.complex, c.v]));

  // --- groups: unique.
  const groupUnique = checkUnique(
    'groups.csv',
    all.groups.seen,
    (s) => str(s.fields, 'group'),
    'group',
    (k) => `group "${k}"`,
    problems,
  );
  const groupNames = new Set(groupUnique.firstLine.keys());
  const groupList = all.groups.valid.filter((g) => !groupUnique.duplicates.has(g.row));
  const knownGroups = (): string =>
    all.groups.seen.length === 0 && groupSure
      ? 'none: groups.csv has no rows or is absent'
      : listNames(groupNames);

  if (groupSure) {
    for (const c of complexList) {
      if (c.v.group !== null && !groupNames.has(c.v.group)) {
        problems.cell(
          'complexes.csv',
          c.row,
          'group',
          `unknown group "${c.v.group}" (known groups: ${knownGroups()})`,
        );
      }
    }
  }

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

  checkComplexRights(all, complexList, problems);

  const managers = checkManagers(all, problems, {
    groupSure,
    groupNames,
    knownGroups,
    groupList,
    partitionHost,
    complexByName,
  });

  /** Manager hosts that are no partition: they cannot be package nodes. */
  const externalHosts = new Set<string>();
  for (const s of all.managers.seen) {
    const h = str(s.fields, 'host');
    if (h !== null && !partitionHost.has(h)) externalHosts.add(h);
  }
  const packageList = checkPackages(all, problems, {
    hostSure,
    partitionHost,
    externalHosts,
    nodeActive,
    nodeRow,
  });
  const externalManagerSite = new Map<string, string | null>();
  for (const m of managers) {
    if (!partitionHost.has(m.host)) externalManagerSite.set(m.host, m.site);
  }
  for (const h of externalHosts) if (!externalManagerSite.has(h)) externalManagerSite.set(h, null);
  const clusterList = checkClusters(all.clustersPresent, all.clusters, problems, {
    hostSure,
    partitionHost,
    complexSite: new Map(complexList.map((c) => [c.v.complex, c.v.site])),
    externalManagerSite,
    packages: all.packages.valid.filter((p) => packageList.includes(p.v)),
    packagesSure: all.packages.usable && all.packages.seen.every((s) => s.ok),
  });
  const policies = checkPolicies(all.policies, problems, {
    packages: all.packages.valid.filter((p) => packageList.includes(p.v)),
    packagesSure: all.packages.usable && all.packages.seen.every((s) => s.ok),
    clusters: clusterList,
    clustersSure: all.clusters.seen.every((s) => s.ok),
  });

  if (problems.count > 0) return null;

  return {
    complexes: complexList.map((c) => c.v).sort(byKeys((c) => c.complex)),
    cells: [...cellList].sort(
      byKeys(
        (c) => c.complex,
        (c) => c.cell,
      ),
    ),
    npars: nparPartitions.sort(
      byKeys(
        (n) => n.complex,
        (n) => n.npar,
      ),
    ),
    vpars: vparValues.sort(
      byKeys(
        (v) => v.complex,
        (v) => v.npar,
        (v) => v.vpar,
      ),
    ),
    groups: groupList.map((g) => g.v).sort(byKeys((g) => g.group)),
    managers: managers.sort(
      byKeys(
        (m) => m.group,
        (m) => m.host,
      ),
    ),
    packages: packageList.sort(byKeys((p) => p.package)),
    clusters: clusterList === null ? null : clusterList.sort(byKeys((c) => c.cluster)),
    dependencies: policies.dependencies.sort(
      byKeys(
        (d) => d.package,
        (d) => d.dependsOn,
      ),
    ),
    capacities: policies.capacities.sort(
      byKeys(
        (c) => c.node,
        (c) => c.capacity,
      ),
    ),
    weights: policies.weights.sort(
      byKeys(
        (w) => w.package ?? '*',
        (w) => w.cluster ?? '',
        (w) => w.capacity,
      ),
    ),
  };
}

/**
 * A complex cannot own more core usage rights than it has cores [G1, Q5]: its unassigned rights are
 * at most the cores on every cell (active or not) less the rights of its nPars, so that its "cores
 * without usage rights" (spec 4) are never negative. Judged only for a complex whose every cell and
 * nPar row checked out (assumption A-30).
 */
function checkComplexRights(
  all: AllRows,
  complexList: readonly Valid<Complex>[],
  problems: Problems,
): void {
  if (!all.cells.usable || !all.npars.usable) return;
  const unsure = new Set<string | null>();
  /** Σ `value` of the valid rows by complex; a complex with a failed row is unsure. */
  const sumByComplex = <T>(checked: Checked<T>, value: (v: T) => number): Map<string, number> => {
    const total = new Map<string, number>();
    for (const s of checked.seen) {
      const complex = str(s.fields, 'complex');
      const v = checked.byRow.get(s.row);
      if (v === undefined) unsure.add(complex);
      else if (complex !== null) total.set(complex, (total.get(complex) ?? 0) + value(v));
    }
    return total;
  };
  const cores = sumByComplex(all.cells, (c) => c.cores);
  const rights = sumByComplex(all.npars, (n) => n.rights);
  if (unsure.has(null)) return;
  for (const c of complexList) {
    const name = c.v.complex;
    if (c.v.unassignedRights === 0 || unsure.has(name)) continue;
    const installed = cores.get(name) ?? 0;
    const assigned = rights.get(name) ?? 0;
    const room = Math.max(0, installed - assigned);
    if (c.v.unassignedRights > room) {
      problems.cell(
        'complexes.csv',
        c.row,
        'unassigned_rights',
        `more rights than the complex has cores (expected at most ${room}: its ${installed} cores on every cell less the ${assigned} rights of its nPars; found ${c.v.unassignedRights})`,
      );
    }
  }
}

/** Managers: group exists; (group, host) unique; one active per group; site resolved. */
function checkManagers(
  all: AllRows,
  problems: Problems,
  known: {
    readonly groupSure: boolean;
    readonly groupNames: ReadonlySet<string>;
    readonly knownGroups: () => string;
    readonly groupList: readonly Valid<GicapGroup>[];
    readonly partitionHost: ReadonlyMap<string, string>;
    readonly complexByName: ReadonlyMap<string, Complex>;
  },
): GroupManager[] {
  const { groupSure, groupNames, knownGroups, groupList, partitionHost, complexByName } = known;
  const managerUnique = checkUnique(
    'managers.csv',
    all.managers.seen,
    (s) => {
      const g = str(s.fields, 'group');
      const h = str(s.fields, 'host');
      return g === null || h === null ? null : `${g}/${h}`;
    },
    'host',
    (k) => `manager "${k.slice(k.indexOf('/') + 1)}" for group ${k.slice(0, k.indexOf('/'))}`,
    problems,
  );
  /** Groups whose active manager count is unsure (a failed managers row with no readable role). */
  const unsureGroups = new Set<string | null>();
  if (!all.managers.usable) unsureGroups.add(null);
  const activeAt = new Map<string, number>();
  const externalSite = new Map<string, { site: string; line: number }>();
  const managerValues: GroupManager[] = [];
  for (const s of all.managers.seen) {
    const group = str(s.fields, 'group');
    const role = s.fields['role'];
    if (!s.ok) {
      if (role === undefined || role === 'active') unsureGroups.add(group);
      continue;
    }
    const m = all.managers.byRow.get(s.row);
    if (m === undefined || managerUnique.duplicates.has(s.row)) continue;
    if (groupSure && !groupNames.has(m.group)) {
      problems.cell(
        'managers.csv',
        s.row,
        'group',
        `unknown group "${m.group}" (known groups: ${knownGroups()})`,
      );
      continue;
    }
    if (m.role === 'active') {
      const first = activeAt.get(m.group);
      if (first !== undefined) {
        problems.cell(
          'managers.csv',
          s.row,
          'role',
          `second active Group Manager for group ${m.group} (expected exactly one role=active row per group, found also on line ${first})`,
        );
        continue;
      }
      activeAt.set(m.group, s.row.line);
    }
    let site = m.site;
    const complex = partitionHost.get(m.host);
    if (complex !== undefined) {
      // Co-located manager: it runs on a partition and shares its complex's site [G7].
      if (!complexByName.has(complex)) continue;
      const complexSite = complexByName.get(complex)?.site ?? null;
      if (m.site !== null && m.site !== complexSite) {
        problems.cell(
          'managers.csv',
          s.row,
          'site',
          `site differs from complex ${complex} that runs host ${m.host} (expected ${complexSite === null ? 'an empty cell, the complex has no site' : `${complexSite} or an empty cell`}, found "${m.site}")`,
        );
        continue;
      }
      site = complexSite;
    } else if (m.site !== null) {
      // Assumption A-35: an external host is in one site; rows of it that leave site empty take it.
      const first = externalSite.get(m.host);
      if (first !== undefined && first.site !== m.site) {
        problems.cell(
          'managers.csv',
          s.row,
          'site',
          `site differs for external host ${m.host} (expected "${first.site}" as on line ${first.line}, found "${m.site}")`,
        );
        continue;
      }
      if (first === undefined) externalSite.set(m.host, { site: m.site, line: s.row.line });
    }
    managerValues.push({ ...m, site });
  }
  const managersResolved = managerValues.map((m) =>
    m.site === null && !partitionHost.has(m.host)
      ? { ...m, site: externalSite.get(m.host)?.site ?? null }
      : m,
  );
  if (!unsureGroups.has(null)) {
    for (const g of groupList) {
      if (activeAt.has(g.v.group) || unsureGroups.has(g.v.group)) continue;
      problems.cell(
        'groups.csv',
        g.row,
        'group',
        'no active Group Manager (expected exactly one role=active row in managers.csv)',
      );
    }
  }

  return managersResolved;
}

/** The row that holds a node's active cores: an nPar (`npars.csv`) or a vPar (`vpars.csv`). */
interface NodeRow {
  readonly file: 'npars' | 'vpars';
  /** The `--set` key of the row (C/N or C/N/V). */
  readonly key: string;
  /** An nPar's installed cores (its active cells), null when unknown or for a vPar. */
  readonly installed: number | null;
}

/**
 * What to change with a package's cores so that its primary can run it (issue 12): the node's
 * active cores, and for an nPar its rights (active defaults to them) and, beyond its installed
 * cores, its cells' cores.
 */
function raiseHint(row: NodeRow | undefined, needed: number): string {
  if (row === undefined) return '';
  if (row.file === 'vpars') {
    return `; to run them there, raise vpars.csv cores of ${row.key} to ${needed} (and its max, and its nPar's active cores, when below)`;
  }
  const cells =
    row.installed !== null && row.installed < needed
      ? `, and the cores of its active cells in cells.csv to ${needed} in all (${row.installed} installed)`
      : '';
  return `; to run them there, raise npars.csv rights and active of ${row.key} to ${needed}${cells}`;
}

/** Packages: unique; nodes are partition hosts; the load on each primary fits its active cores. */
function checkPackages(
  all: AllRows,
  problems: Problems,
  known: {
    readonly hostSure: boolean;
    readonly partitionHost: ReadonlyMap<string, string>;
    readonly externalHosts: ReadonlySet<string>;
    readonly nodeActive: ReadonlyMap<string, number | null>;
    readonly nodeRow: ReadonlyMap<string, NodeRow>;
  },
): Package[] {
  const { hostSure, partitionHost, externalHosts, nodeActive, nodeRow } = known;
  const packageUnique = checkUnique(
    'packages.csv',
    all.packages.seen,
    (s) => str(s.fields, 'package'),
    'package',
    (k) => `package "${k}"`,
    problems,
  );
  /** Primaries whose load is unsure (a failed or duplicate package row); null = every node. */
  const unsureNodes = new Set<string | null>();
  for (const s of all.packages.seen) {
    if (s.ok && !packageUnique.duplicates.has(s.row)) continue;
    const nodes = s.fields['nodes'];
    unsureNodes.add(Array.isArray(nodes) ? (nodes[0] as string) : null);
  }
  const load = new Map<string, number>();
  const packageList: Package[] = [];
  for (const p of all.packages.valid) {
    if (packageUnique.duplicates.has(p.row)) continue;
    let nodesOk = true;
    if (hostSure) {
      for (const node of p.v.nodes) {
        if (partitionHost.has(node)) continue;
        nodesOk = false;
        const knownHosts = `known hosts: ${listNames(partitionHost.keys())}`;
        problems.cell(
          'packages.csv',
          p.row,
          'nodes',
          externalHosts.has(node)
            ? `"${node}" is an external Group Manager host, not a package node (expected an nPar host or vPar; ${knownHosts})`
            : `unknown host "${node}" (${knownHosts})`,
        );
      }
    }
    packageList.push(p.v);
    const primary = p.v.nodes[0];
    if (!nodesOk || primary === undefined || unsureNodes.has(null) || unsureNodes.has(primary)) {
      continue;
    }
    const capacity = nodeActive.get(primary);
    if (capacity === null || capacity === undefined) continue;
    const before = load.get(primary) ?? 0;
    const after = before + p.v.cores;
    load.set(primary, after);
    // Packages run on their primary now: their cores count against its active cores [spec 2].
    if (before <= capacity && after > capacity) {
      problems.cell(
        'packages.csv',
        p.row,
        'cores',
        `packages running on ${primary} need ${after} cores, more than its ${capacity} active cores (expected at most ${capacity} cores for the packages with ${primary} first in nodes, found ${after})${raiseHint(nodeRow.get(primary), after)}`,
      );
    }
  }

  return packageList;
}

// ---------------------------------------------------------------------------------------------
// Reading a folder

/**
 * Read the folder and call parseInventory. Throws inputError (exit 2) with every problem, including a
 * missing folder or a missing required file. File names are matched case-insensitively (assumption
 * A-32: `Complexes.csv` saved on Windows); an unknown `.csv` close to an absent inventory file
 * is reported as a likely typo rather than silently ignored.
 */
export async function loadInventory(
  dir: string,
  opts: { changes?: readonly string[] } = {},
): Promise<Inventory> {
  return checkFolder(await readFolder(dir), opts.changes ?? []);
}

/**
 * With `--set`: the estate as changed and as it is, from one reading of the folder (the changed one
 * is checked first, so its problems are the ones reported).
 */
export async function loadInventoryWithBaseline(
  dir: string,
  changes: readonly string[],
): Promise<{ readonly changed: Inventory; readonly base: Inventory }> {
  const folder = await readFolder(dir);
  const changed = checkFolder(folder, changes);
  return { changed, base: changes.length === 0 ? changed : checkFolder(folder, []) };
}

/** An inventory folder as read: its name, the text of each inventory file, likely misnamed files. */
interface InventoryFolder {
  readonly name: string;
  readonly files: Readonly<Partial<Record<InventoryFileName, string>>>;
  readonly typos: readonly string[];
}

async function readFolder(dir: string): Promise<InventoryFolder> {
  const path = resolve(dir);
  const name = basename(path);
  const kind = await pathKind(path);
  if (kind !== 'folder') {
    const line = `${dir}: inventory folder not found (expected a folder holding ${REQUIRED_FILES.join(', ')}, found ${kind === 'file' ? 'a file' : 'nothing'})`;
    throw inputError(`${name}: 1 problem found; nothing written`, [line]);
  }
  const entries = await listEntries(path);
  const files: Partial<Record<InventoryFileName, string>> = {};
  const typos: string[] = [];
  /** Inventory file names that are there but cannot be read as a file: nothing else is judged. */
  const unreadable: string[] = [];
  for (const file of INVENTORY_FILES) {
    const entry =
      entries.find((e) => e.name === file) ?? entries.find((e) => e.name.toLowerCase() === file);
    if (entry === undefined) continue;
    const what = notAFile(entry.kind);
    if (what !== null) {
      unreadable.push(
        `${echoName(entry.name)}: not a file (expected the CSV file ${file}, found ${what})`,
      );
      continue;
    }
    try {
      files[file] = await readText(join(path, entry.name));
    } catch (err) {
      const code = (err as { code?: string }).code ?? String(err);
      unreadable.push(
        `${echoName(entry.name)}: cannot read the file (${code === 'EACCES' ? 'permission denied' : code})`,
      );
    }
  }
  if (unreadable.length > 0) {
    // Judging the other files without this one would only report its absence in other words.
    throw inputError(
      `${name}: ${unreadable.length} problem${unreadable.length === 1 ? '' : 's'} found; nothing written`,
      unreadable,
    );
  }
  for (const { name: entry, kind } of entries) {
    const lower = entry.toLowerCase();
    if (kind !== 'file' || !lower.endsWith('.csv')) continue;
    if ((INVENTORY_FILES as readonly string[]).includes(lower)) continue;
    const absent = INVENTORY_FILES.filter((f) => files[f] === undefined);
    const closest = closestName(lower, absent);
    if (closest !== null && editDistance(lower, closest) <= 2) {
      typos.push(
        `${echoName(entry)}: unknown file (expected one of ${INVENTORY_FILES.join(', ')}; closest: ${closest})`,
      );
    }
  }
  return { name, files, typos };
}

function checkFolder(folder: InventoryFolder, changes: readonly string[]): Inventory {
  const { name, files, typos } = folder;
  const result = parseInventory(name, files, changes);
  const lines = [...typos, ...(result.ok ? [] : result.errors)];
  if (lines.length > 0) {
    throw inputError(
      `${name}: ${lines.length} problem${lines.length === 1 ? '' : 's'} found; nothing written`,
      lines,
    );
  }
  if (!result.ok) throw new Error('unreachable: invalid inventory without problems');
  return result.inventory;
}
