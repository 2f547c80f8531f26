/**
 * The hardware half of a generated estate: sites, complexes (cellular or Superdome 2), their cells or
 * blades, nPartitions and vPars, with the active cores and usage rights of each nPar. Pure: every
 * draw comes from the seeded `Rng`. Units: cores.
 *
 * Every figure is built to pass the loader's rules (spec section 2): each nPar has ≥ 1 active cell,
 * active cells ≤ active ≤ rights ≤ installed (R1 [S8 ch04s05]; installed = Σ cores of active cells),
 * an nPar with vPars has no host and ≥ 1 vPar, min ≤ cores ≤ max for each vPar and Σ vPar cores ≤
 * the nPar's active cores (V4 [S14 Handbook p.18]).
 */
import type { Platform } from '../domain/types.js';
import type { Rng } from './prng.js';
import type { EstateSizeSpec } from './sizes.js';

export interface CellDraft {
  readonly cell: string;
  readonly cores: number;
  /** UONB: an inactive cell's cores are installed but not counted in the nPar's installed cores. */
  readonly active: boolean;
}

export interface VParDraft {
  vpar: string;
  cores: number;
  min: number;
  /** Explicit configured maximum, or null to leave the column empty (default: nPar installed). */
  max: number | null;
  static: boolean;
}

export interface NParDraft {
  readonly complex: string;
  readonly npar: string;
  /** OS host name; null when the nPar runs vPars. */
  host: string | null;
  readonly cells: CellDraft[];
  /** Σ cores of its active cells. */
  installed: number;
  activeCells: number;
  active: number;
  rights: number;
  readonly vpars: VParDraft[];
  /** A standby nPar: few active cores and many inactive ones, kept as adoptive capacity (seed db2). */
  standby: boolean;
}

export interface ComplexDraft {
  readonly complex: string;
  readonly platform: Platform;
  readonly group: string | null;
  readonly site: string;
  unassignedRights: number;
  ticapMinutes: number;
  readonly npars: NParDraft[];
  /** Cells installed in the complex but assigned to no nPar. */
  readonly unassignedCells: CellDraft[];
}

export interface EstateHardware {
  readonly sites: readonly string[];
  readonly groups: readonly string[];
  readonly complexes: readonly ComplexDraft[];
}

/** Role prefixes of host names (the number after it is global, so names never collide). */
const HOST_PREFIXES = ['db', 'app', 'erp', 'ci', 'bi', 'web', 'mq', 'sap'] as const;

/** A vPar nPar gets at least this many installed cores, so it can hold its vPars with headroom. */
const VPAR_NPAR_MIN_INSTALLED = 8;
/** Most cells (blades) per nPar, and per complex (a Superdome holds 16 cells; an SD2-16s 8 blades). */
export const MAX_CELLS_PER_NPAR = 4;
export const MAX_CELLS_PER_COMPLEX: Readonly<Record<Platform, number>> = { cellular: 16, sd2: 8 };
/** Most vPars on one nPar (a typical vPars v5/v6 layout runs 2–6). */
const MAX_VPARS_PER_NPAR = 6;

export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Sites in pairs: a group's members alternate between the two sites of its pair (metro layout). */
function sitePairs(sites: readonly string[]): (readonly [string, string])[] {
  const pairs: (readonly [string, string])[] = [];
  for (let i = 0; i < sites.length; i += 2) {
    pairs.push([sites[i] as string, sites[(i + 1) % sites.length] as string]);
  }
  return pairs;
}

export function buildHardware(spec: EstateSizeSpec, rng: Rng): EstateHardware {
  const sites = Array.from({ length: spec.sites }, (_, i) => `dc${i + 1}`);
  const groups = Array.from({ length: spec.groups }, (_, i) => `g${pad(i + 1, 2)}`);
  const indexes = Array.from({ length: spec.complexes }, (_, i) => i);

  const sd2 = new Set(rng.shuffle(indexes).slice(0, spec.sd2Complexes));
  const groupOrder = rng.shuffle(indexes);
  const groupOf = new Map<number, number | null>();
  groupOrder.forEach((ci, j) => {
    groupOf.set(
      ci,
      j < spec.standaloneComplexes ? null : (j - spec.standaloneComplexes) % spec.groups,
    );
  });

  const totalNpars = spec.complexes * spec.nparsPerComplex;
  const vparNpars = new Set(
    rng.shuffle(Array.from({ length: totalNpars }, (_, i) => i)).slice(0, spec.vparNpars),
  );

  const pairs = sitePairs(sites);
  const membersSeen = new Map<number, number>();
  const width = Math.max(2, String(spec.complexes).length);
  const complexes: ComplexDraft[] = [];
  for (const ci of indexes) {
    const platform: Platform = sd2.has(ci) ? 'sd2' : 'cellular';
    const gi = groupOf.get(ci) ?? null;
    let site: string;
    if (gi === null) {
      site = rng.pick(sites);
    } else {
      const pair = pairs[gi % pairs.length] as readonly [string, string];
      const m = membersSeen.get(gi) ?? 0;
      membersSeen.set(gi, m + 1);
      // Now and then a member sits on a third site (a spread-out group).
      site =
        sites.length > 2 && rng.chance(0.1) ? rng.pick(sites) : m % 2 === 0 ? pair[0] : pair[1];
    }
    const name = `${platform === 'sd2' ? 'sd' : 'sx'}${pad(ci + 1, width)}`;
    complexes.push(
      buildComplex(name, platform, gi === null ? null : (groups[gi] as string), site, ci, spec, {
        rng,
        vparNpars,
      }),
    );
  }

  distributeVpars(complexes, spec, rng);
  for (const c of complexes) for (const n of c.npars) setActiveAndRights(n, rng);
  nameHosts(complexes, rng);
  return { sites, groups, complexes };
}

function buildComplex(
  complex: string,
  platform: Platform,
  group: string | null,
  site: string,
  ci: number,
  spec: EstateSizeSpec,
  ctx: { rng: Rng; vparNpars: ReadonlySet<number> },
): ComplexDraft {
  const { rng } = ctx;
  // Cellular: one cell type per complex, 4 or 8 cores typical (2 on older boards); SD2 blades: 8.
  const cellCores =
    platform === 'sd2'
      ? 8
      : rng.weighted([
          [4, 0.55],
          [8, 0.35],
          [2, 0.1],
        ] as const);
  const cellPrefix = platform === 'sd2' ? 'blade' : 'cell';
  let cellSeq = 0;
  const newCell = (active: boolean): CellDraft => ({
    cell: `${cellPrefix}${cellSeq++}`,
    cores: cellCores,
    active,
  });

  const npars: NParDraft[] = [];
  for (let k = 0; k < spec.nparsPerComplex; k++) {
    const hasVpars = ctx.vparNpars.has(ci * spec.nparsPerComplex + k);
    let count: number;
    if (platform === 'sd2') count = hasVpars ? 2 : rng.int(1, 2);
    else count = hasVpars ? rng.int(3, 4) : rng.int(2, 4);
    const cells: CellDraft[] = [];
    // Now and then one cell is installed but not active (UONB = n): an iCAP cell.
    const inactiveLast = count >= 2 && rng.chance(0.1);
    for (let i = 0; i < count; i++) cells.push(newCell(!(inactiveLast && i === count - 1)));
    const installedOf = (): number =>
      cells.filter((c) => c.active).reduce((s, c) => s + c.cores, 0);
    if (hasVpars && installedOf() < VPAR_NPAR_MIN_INSTALLED) {
      // A vPar nPar keeps every cell active, and takes one more cell if still short.
      cells.forEach((c, i) => {
        if (!c.active) cells[i] = { ...c, active: true };
      });
      while (installedOf() < VPAR_NPAR_MIN_INSTALLED) cells.push(newCell(true));
    }
    npars.push({
      complex,
      npar: `np${k + 1}`,
      host: null,
      cells,
      installed: installedOf(),
      activeCells: cells.filter((c) => c.active).length,
      active: 0,
      rights: 0,
      vpars: hasVpars ? [{ vpar: '', cores: 0, min: 1, max: null, static: false }] : [],
      standby: false,
    });
  }
  const unassignedCells: CellDraft[] = [];
  if (cellSeq < MAX_CELLS_PER_COMPLEX[platform] && rng.chance(platform === 'sd2' ? 0.1 : 0.15)) {
    unassignedCells.push(newCell(false));
  }
  return {
    complex,
    platform,
    group,
    site,
    unassignedRights: 0,
    ticapMinutes: 0,
    npars,
    unassignedCells,
  };
}

/**
 * Spread exactly `spec.vpars` vPars over the nPars that run vPars: 2 each to start, the rest one at a
 * time on a random nPar that has room (at most 6, and at most half its installed cores, so every vPar
 * has a core and the nPar keeps inactive cores for failover).
 */
function distributeVpars(complexes: ComplexDraft[], spec: EstateSizeSpec, rng: Rng): void {
  const hosts = complexes.flatMap((c) => c.npars.filter((n) => n.vpars.length > 0));
  const counts = hosts.map(() => 2);
  const cap = hosts.map((n) =>
    Math.min(MAX_VPARS_PER_NPAR, Math.max(2, Math.floor(n.installed / 2))),
  );
  let left = spec.vpars - 2 * hosts.length;
  if (left < 0)
    throw new Error(`size table: ${spec.vpars} vPars cannot fill ${hosts.length} nPars`);
  while (left > 0) {
    const open = counts.flatMap((k, i) => (k < (cap[i] as number) ? [i] : []));
    if (open.length === 0) throw new Error('size table: no nPar has room for another vPar');
    const i = rng.pick(open);
    counts[i] = (counts[i] as number) + 1;
    left--;
  }
  hosts.forEach((n, i) => {
    n.vpars.length = 0;
    for (let v = 0; v < (counts[i] as number); v++) {
      n.vpars.push({ vpar: '', cores: 1, min: 1, max: null, static: false });
    }
  });
}

/**
 * Active cores and rights of one nPar, and the cores of its vPars. Most nPars run at 40–75 % of their
 * installed cores and keep the rest inactive as adoptive capacity; some are fully active; a few are
 * standbys at one core per active cell (the seed's db2: 2 active of 8). Rights usually equal active;
 * now and then an nPar holds a right or two it has not activated (Intended Active > Actual Active).
 */
function setActiveAndRights(n: NParDraft, rng: Rng): void {
  const k = n.vpars.length;
  const floor = Math.max(n.activeCells, k, 1);
  const role =
    k > 0
      ? rng.weighted([
          ['normal', 0.9],
          ['full', 0.1],
        ] as const)
      : rng.weighted([
          ['normal', 0.75],
          ['full', 0.15],
          ['standby', 0.1],
        ] as const);
  let active: number;
  if (role === 'full') active = n.installed;
  else if (role === 'standby') active = Math.max(floor, Math.min(n.installed, 2));
  else active = Math.round(n.installed * rng.float(0.4, 0.75));
  n.active = Math.min(n.installed, Math.max(floor, active));
  n.standby = role === 'standby';
  n.rights = rng.chance(0.1) ? Math.min(n.installed, n.active + rng.int(1, 2)) : n.active;

  if (k === 0) return;
  // Σ vPar cores = active, or one core short of it (a core active but assigned to no vPar).
  const total = n.active - 1 >= k && rng.chance(0.15) ? n.active - 1 : n.active;
  const cores = n.vpars.map(() => 1);
  for (let c = k; c < total; c++) {
    const i = rng.int(0, k - 1);
    cores[i] = (cores[i] as number) + 1;
  }
  n.vpars.forEach((v, i) => {
    v.cores = cores[i] as number;
    v.min = v.cores >= 3 && rng.chance(0.15) ? 2 : 1;
    // About 1 vPar in 10 is static: its resources are fixed, iCAP cannot change it [V6].
    v.static = rng.chance(0.1);
    if (v.static) {
      v.max = v.cores;
      return;
    }
    v.max = rng.weighted([
      [null, 0.55],
      [n.installed, 0.25],
      [Math.min(n.installed, v.cores + rng.int(1, 3)), 0.2],
    ] as const);
  });
}

/** Host names share one namespace (spec section 2): a role prefix and a global sequence number. */
function nameHosts(complexes: ComplexDraft[], rng: Rng): void {
  let seq = 1;
  const width = 3;
  const next = (): string => `${rng.pick(HOST_PREFIXES)}${pad(seq++, width)}`;
  for (const c of complexes) {
    for (const n of c.npars) {
      if (n.vpars.length === 0) n.host = next();
      else for (const v of n.vpars) v.vpar = next();
    }
  }
}
