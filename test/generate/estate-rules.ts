/**
 * An independent check of a generated inventory against the rules of spec section 2 and the loader's
 * decisions, written from the spec (not from the generator), so that the generator's tests do not
 * depend on the generator's own bookkeeping. The generator writes plain CSV (no quoting, LF), so a
 * split is enough to read it here.
 */
export type CsvRecord = Readonly<Record<string, string>>;

export function readCsv(text: string): CsvRecord[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const header = (lines.shift() ?? '').split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}

const ID = /^[A-Za-z0-9._-]+$/;

function num(s: string | undefined, fallback: number): number {
  return s === undefined || s === '' ? fallback : Number(s);
}

/** Every rule violation found, one line each; [] when the inventory is valid. */
export function checkEstateRules(files: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  const bad = (msg: string): void => {
    problems.push(msg);
  };
  const read = (name: string): CsvRecord[] => readCsv(files[name] ?? '');
  const complexes = read('complexes.csv');
  const cells = read('cells.csv');
  const npars = read('npars.csv');
  const vpars = read('vpars.csv');
  const groups = read('groups.csv');
  const managers = read('managers.csv');
  const packages = read('packages.csv');

  const idCols: [CsvRecord[], string[]][] = [
    [complexes, ['complex', 'group', 'site']],
    [cells, ['complex', 'cell', 'npar']],
    [npars, ['complex', 'npar', 'host']],
    [vpars, ['complex', 'npar', 'vpar']],
    [groups, ['group']],
    [managers, ['group', 'host', 'site']],
    [packages, ['package']],
  ];
  for (const [rows, cols] of idCols) {
    for (const r of rows) {
      for (const c of cols) {
        const v = r[c] ?? '';
        if (v !== '' && !ID.test(v)) bad(`bad id ${c}=${v}`);
      }
    }
  }
  const intCols: [CsvRecord[], string[], number][] = [
    [complexes, ['unassigned_rights', 'ticap_minutes'], 0],
    [cells, ['cores'], 1],
    [npars, ['rights', 'active'], 0],
    [vpars, ['cores', 'min'], 1],
    [groups, ['sharing_rights', 'held_rights'], 0],
    [packages, ['cores'], 1],
  ];
  for (const [rows, cols, lo] of intCols) {
    for (const r of rows) {
      for (const c of cols) {
        const v = r[c] ?? '';
        if (v !== '' && !(Number.isInteger(Number(v)) && Number(v) >= lo)) bad(`bad ${c}=${v}`);
      }
    }
  }

  const unique = (keys: string[], what: string): void => {
    const seen = new Set<string>();
    for (const k of keys) {
      if (seen.has(k)) bad(`duplicate ${what} ${k}`);
      seen.add(k);
    }
  };
  unique(
    complexes.map((c) => c.complex ?? ''),
    'complex',
  );
  unique(
    cells.map((c) => `${c.complex}/${c.cell}`),
    'cell',
  );
  unique(
    npars.map((n) => `${n.complex}/${n.npar}`),
    'npar',
  );
  unique(
    groups.map((g) => g.group ?? ''),
    'group',
  );
  unique(
    packages.map((p) => p.package ?? ''),
    'package',
  );

  const complexNames = new Set(complexes.map((c) => c.complex));
  const groupNames = new Set(groups.map((g) => g.group));
  for (const c of complexes) {
    if (!['cellular', 'sd2', ''].includes(c.platform ?? '')) bad(`platform ${c.platform}`);
    if ((c.group ?? '') !== '' && !groupNames.has(c.group)) bad(`unknown group ${c.group}`);
  }

  // Per nPar figures from cells.
  const nparKeys = new Set(npars.map((n) => `${n.complex}/${n.npar}`));
  const installed = new Map<string, number>();
  const activeCells = new Map<string, number>();
  for (const cell of cells) {
    if (!complexNames.has(cell.complex)) bad(`cell on unknown complex ${cell.complex}`);
    if ((cell.npar ?? '') === '') continue;
    const key = `${cell.complex}/${cell.npar}`;
    if (!nparKeys.has(key)) bad(`cell ${cell.cell} on unknown npar ${key}`);
    if ((cell.active ?? 'y') !== 'n') {
      installed.set(key, (installed.get(key) ?? 0) + num(cell.cores, 0));
      activeCells.set(key, (activeCells.get(key) ?? 0) + 1);
    }
  }

  // Hosts: one namespace.
  const hosts = new Map<string, number>(); // host → capacity (active cores it may run packages on)
  const addHost = (h: string, capacity: number): void => {
    if (hosts.has(h)) bad(`duplicate host ${h}`);
    hosts.set(h, capacity);
  };
  const vparsOf = new Map<string, CsvRecord[]>();
  for (const v of vpars) {
    const key = `${v.complex}/${v.npar}`;
    vparsOf.set(key, [...(vparsOf.get(key) ?? []), v]);
  }
  for (const n of npars) {
    const key = `${n.complex}/${n.npar}`;
    if (!complexNames.has(n.complex)) bad(`npar on unknown complex ${key}`);
    const inst = installed.get(key) ?? 0;
    const ac = activeCells.get(key) ?? 0;
    const rights = num(n.rights, NaN);
    const active = num(n.active, rights);
    if (ac < 1) bad(`${key}: no active cell`);
    if (rights < ac) bad(`${key}: rights ${rights} < active cells ${ac} (R1)`);
    if (active > inst) bad(`${key}: active ${active} > installed ${inst}`);
    if (rights > inst) bad(`${key}: rights ${rights} > installed ${inst}`);
    const vs = vparsOf.get(key) ?? [];
    const host = n.host ?? '';
    if (host === '' && vs.length === 0) bad(`${key}: no host and no vPar`);
    if (host !== '' && vs.length > 0) bad(`${key}: host and vPars`);
    if (host !== '') addHost(host, active);
    let sum = 0;
    for (const v of vs) {
      const cores = num(v.cores, NaN);
      const min = num(v.min, 1);
      const max = num(v.max, inst);
      if (!(min <= cores && cores <= max)) bad(`${v.vpar}: min ${min} cores ${cores} max ${max}`);
      if (!['y', 'n', ''].includes(v.static ?? '')) bad(`${v.vpar}: static ${v.static}`);
      sum += cores;
      addHost(v.vpar ?? '', cores);
    }
    if (sum > active) bad(`${key}: vPar cores ${sum} > active ${active} (V4)`);
  }
  for (const v of vpars) {
    if (!nparKeys.has(`${v.complex}/${v.npar}`)) bad(`${v.vpar}: unknown npar`);
  }

  // Managers: exactly one active per group; external hosts join the host namespace.
  const partitionHosts = new Set(hosts.keys());
  const activeCount = new Map<string, number>();
  const externalSeen = new Set<string>();
  for (const m of managers) {
    if (!groupNames.has(m.group)) bad(`manager of unknown group ${m.group}`);
    if (m.role === 'active')
      activeCount.set(m.group ?? '', (activeCount.get(m.group ?? '') ?? 0) + 1);
    else if (m.role !== 'standby') bad(`manager role ${m.role}`);
    if (!['serviceguard', 'manual', ''].includes(m.takeover ?? '')) bad(`takeover ${m.takeover}`);
    const host = m.host ?? '';
    if (!partitionHosts.has(host)) {
      if (externalSeen.has(`${m.group}|${host}`)) bad(`manager ${host} twice in ${m.group}`);
      externalSeen.add(`${m.group}|${host}`);
    }
  }
  const externalHosts = new Set([...externalSeen].map((k) => k.split('|')[1] ?? ''));
  for (const h of externalHosts) if (partitionHosts.has(h)) bad(`manager host clash ${h}`);
  for (const g of groupNames) {
    if ((activeCount.get(g ?? '') ?? 0) !== 1)
      bad(`group ${g}: ${activeCount.get(g ?? '') ?? 0} active managers`);
  }

  // Packages.
  const load = new Map<string, number>();
  for (const p of packages) {
    const nodes = (p.nodes ?? '').split(';');
    if (new Set(nodes).size !== nodes.length) bad(`${p.package}: repeated node`);
    for (const n of nodes) if (!partitionHosts.has(n)) bad(`${p.package}: unknown node ${n}`);
    const primary = nodes[0] ?? '';
    load.set(primary, (load.get(primary) ?? 0) + num(p.cores, NaN));
    if (!['app', 'vm', ''].includes(p.kind ?? '')) bad(`${p.package}: kind ${p.kind}`);
    if (p.kind === 'vm' && (p.vm_boot_s ?? '') === '') bad(`${p.package}: vm without vm_boot_s`);
    if (!['y', 'n', ''].includes(p.ticap ?? '')) bad(`${p.package}: ticap ${p.ticap}`);
    const start = num(p.start_s, 0);
    if (!(start >= 0)) bad(`${p.package}: start_s ${p.start_s}`);
    if ((p.priority ?? '') !== '' && !Number.isInteger(Number(p.priority))) {
      bad(`${p.package}: priority ${p.priority}`);
    }
  }
  for (const [host, cores] of load) {
    const cap = hosts.get(host) ?? 0;
    if (cores > cap) bad(`${host}: packages need ${cores} > ${cap} active cores`);
  }
  return problems;
}
