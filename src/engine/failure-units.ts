/**
 * Failure units, their expansion, and scenario enumeration (spec 3.1).
 *
 * A unit is a vPar, nPar, complex, site (only when the inventory names two or more sites) or external
 * manager host. Failing a unit takes down what it contains: site → complexes and external managers;
 * complex → nPars; nPar → vPars. A container is also down when everything it contains is down
 * (assumption A-01: all vPars of an nPar down makes the nPar ping-dead [X1, V8]; all nPars of a
 * complex down is a complete outage [X6]; every complex and manager of a site down is the site down).
 *
 * Two unit sets with the same expansion are one scenario. The canonical set of an expansion is its
 * *maximal* down units (down, with no down container): it generates the expansion, it is the unique
 * smallest such set, and it is computed from the expansion alone. So enumeration keeps a unit set
 * exactly when it equals its canonical set — no memory of earlier scenarios is needed (streaming).
 * A non-canonical set stays non-canonical when units are added (a unit with a down container keeps
 * it), so the enumeration prunes whole subtrees and counts them combinatorially.
 */
import type { Estate } from './estate.js';
import { compareText } from './estate.js';

export type UnitKind = 'site' | 'complex' | 'npar' | 'vpar' | 'host';

export interface FailureUnit {
  /** `site:S`, `complex:C`, `npar:C/N`, `vpar:C/N/V`, `host:H`. */
  readonly id: string;
  readonly kind: UnitKind;
  /** Index into the estate's sites, complexes, npars, vpars or externalHosts. */
  readonly idx: number;
}

const KIND_RANK: Readonly<Record<UnitKind, number>> = {
  vpar: 0,
  npar: 1,
  host: 2,
  complex: 3,
  site: 4,
};

/** The failure units of an estate, finest kind first then by id, with reverse lookups. */
export interface UnitIndex {
  readonly units: readonly FailureUnit[];
  /** Whether site units exist (two or more sites named). */
  readonly siteUnits: boolean;
  readonly siteUnit: readonly number[];
  readonly complexUnit: readonly number[];
  readonly nparUnit: readonly number[];
  readonly vparUnit: readonly number[];
  readonly externalUnit: readonly number[];
  readonly complexesOfSite: readonly (readonly number[])[];
  readonly externalsOfSite: readonly (readonly number[])[];
}

export function buildUnitIndex(estate: Estate): UnitIndex {
  const siteUnits = estate.sites.length >= 2;
  const raw: FailureUnit[] = [];
  if (siteUnits)
    estate.sites.forEach((s, i) => raw.push({ id: `site:${s}`, kind: 'site', idx: i }));
  estate.complexes.forEach((c) =>
    raw.push({ id: `complex:${c.name}`, kind: 'complex', idx: c.idx }),
  );
  estate.npars.forEach((n) => raw.push({ id: `npar:${n.key}`, kind: 'npar', idx: n.idx }));
  estate.vpars.forEach((v) => raw.push({ id: `vpar:${v.key}`, kind: 'vpar', idx: v.idx }));
  estate.externalHosts.forEach((h) => raw.push({ id: `host:${h.host}`, kind: 'host', idx: h.idx }));
  // Finest units first, so that among scenarios of one size the least severe comes first and binds
  // a partition's sizing when several need the same cores (assumption A-03).
  const units = raw.sort(
    (a, b) => KIND_RANK[a.kind] - KIND_RANK[b.kind] || compareText(a.id, b.id),
  );

  const siteUnit = estate.sites.map(() => -1);
  const complexUnit = estate.complexes.map(() => -1);
  const nparUnit = estate.npars.map(() => -1);
  const vparUnit = estate.vpars.map(() => -1);
  const externalUnit = estate.externalHosts.map(() => -1);
  const table: Record<UnitKind, number[]> = {
    site: siteUnit,
    complex: complexUnit,
    npar: nparUnit,
    vpar: vparUnit,
    host: externalUnit,
  };
  units.forEach((u, i) => {
    table[u.kind][u.idx] = i;
  });
  return {
    units,
    siteUnits,
    siteUnit,
    complexUnit,
    nparUnit,
    vparUnit,
    externalUnit,
    complexesOfSite: estate.sites.map((_, s) =>
      estate.complexes.filter((c) => c.site === s).map((c) => c.idx),
    ),
    externalsOfSite: estate.sites.map((_, s) =>
      estate.externalHosts.filter((h) => h.site === s).map((h) => h.idx),
    ),
  };
}

/**
 * What is down in a scenario. Reused across scenarios (reset clears only what was set), so that
 * enumerating hundreds of thousands of scenarios allocates almost nothing.
 */
export class DownState {
  readonly npar: Uint8Array;
  readonly vpar: Uint8Array;
  readonly complex: Uint8Array;
  readonly external: Uint8Array;
  readonly site: Uint8Array;
  /** Down items, in the order they were marked; sorted by `finish()`. */
  readonly downNpars: number[] = [];
  readonly downVpars: number[] = [];
  readonly downComplexes: number[] = [];
  readonly downExternals: number[] = [];
  readonly downSites: number[] = [];
  /**
   * Manager hosts whose Group Manager role is down while the host itself may be up (`gm:GROUP` in
   * a what-if on a manager co-located on a partition).
   */
  readonly managerDown = new Set<string>();

  private readonly estate: Estate;
  private readonly index: UnitIndex;

  constructor(estate: Estate, index: UnitIndex) {
    this.estate = estate;
    this.index = index;
    this.npar = new Uint8Array(estate.npars.length);
    this.vpar = new Uint8Array(estate.vpars.length);
    this.complex = new Uint8Array(estate.complexes.length);
    this.external = new Uint8Array(estate.externalHosts.length);
    this.site = new Uint8Array(estate.sites.length);
  }

  reset(): void {
    for (const i of this.downNpars) this.npar[i] = 0;
    for (const i of this.downVpars) this.vpar[i] = 0;
    for (const i of this.downComplexes) this.complex[i] = 0;
    for (const i of this.downExternals) this.external[i] = 0;
    for (const i of this.downSites) this.site[i] = 0;
    this.downNpars.length = 0;
    this.downVpars.length = 0;
    this.downComplexes.length = 0;
    this.downExternals.length = 0;
    this.downSites.length = 0;
    this.managerDown.clear();
  }

  /** Reset, then fail the given units (indices into the unit index) and expand. */
  apply(unitIdxs: readonly number[]): void {
    this.reset();
    for (const u of unitIdxs) {
      const unit = this.index.units[u];
      if (unit === undefined) continue;
      switch (unit.kind) {
        case 'site':
          this.failSite(unit.idx);
          break;
        case 'complex':
          this.failComplex(unit.idx);
          break;
        case 'npar':
          this.failNpar(unit.idx);
          break;
        case 'vpar':
          this.failVpar(unit.idx);
          break;
        case 'host':
          this.failExternal(unit.idx);
          break;
      }
    }
    this.closeUpward();
  }

  /** Whether an OS instance (nPar host or vPar) is down. */
  isNodeDown(node: number): boolean {
    const n = this.estate.nodes[node];
    if (n === undefined) return true;
    return n.vpar >= 0 ? this.vpar[n.vpar] === 1 : this.npar[n.npar] === 1;
  }

  /** Whether a Group Manager host is down (its partition, its external host, or its role). */
  isManagerDown(m: { host: string; node: number; external: number }): boolean {
    if (this.managerDown.has(m.host)) return true;
    if (m.node >= 0) return this.isNodeDown(m.node);
    return m.external >= 0 && this.external[m.external] === 1;
  }

  /** Canonical unit set of the expansion: its maximal down units, as sorted unit indices. */
  canonical(): number[] {
    const ix = this.index;
    const out: number[] = [];
    const siteDown = (s: number): boolean => ix.siteUnits && s >= 0 && this.site[s] === 1;
    if (ix.siteUnits) for (const s of this.downSites) out.push(ix.siteUnit[s] ?? -1);
    for (const c of this.downComplexes) {
      if (!siteDown(this.estate.complexes[c]?.site ?? -1)) out.push(ix.complexUnit[c] ?? -1);
    }
    for (const n of this.downNpars) {
      if (this.complex[this.estate.npars[n]?.complex ?? -1] !== 1) out.push(ix.nparUnit[n] ?? -1);
    }
    for (const v of this.downVpars) {
      if (this.npar[this.estate.vpars[v]?.npar ?? -1] !== 1) out.push(ix.vparUnit[v] ?? -1);
    }
    for (const e of this.downExternals) {
      if (!siteDown(this.estate.externalHosts[e]?.site ?? -1)) out.push(ix.externalUnit[e] ?? -1);
    }
    return out.sort((a, b) => a - b);
  }

  private failSite(s: number): void {
    if (this.site[s] === 1) return;
    this.site[s] = 1;
    this.downSites.push(s);
    for (const c of this.index.complexesOfSite[s] ?? []) this.failComplex(c);
    for (const e of this.index.externalsOfSite[s] ?? []) this.failExternal(e);
  }

  private failComplex(c: number): void {
    if (this.complex[c] === 1) return;
    this.complex[c] = 1;
    this.downComplexes.push(c);
    for (const n of this.estate.complexes[c]?.npars ?? []) this.failNpar(n);
  }

  private failNpar(n: number): void {
    if (this.npar[n] === 1) return;
    this.npar[n] = 1;
    this.downNpars.push(n);
    for (const v of this.estate.npars[n]?.vpars ?? []) this.failVpar(v);
  }

  private failVpar(v: number): void {
    if (this.vpar[v] === 1) return;
    this.vpar[v] = 1;
    this.downVpars.push(v);
  }

  private failExternal(e: number): void {
    if (this.external[e] === 1) return;
    this.external[e] = 1;
    this.downExternals.push(e);
  }

  /** A container whose contents are all down is down (assumption A-01). */
  private closeUpward(): void {
    // Iterate by index: the lists grow while we close them upward (no copies: this runs per scenario).
    for (let i = 0, len = this.downVpars.length; i < len; i++) {
      const v = this.downVpars[i] ?? -1;
      const n = this.estate.vpars[v]?.npar ?? -1;
      const np = this.estate.npars[n];
      if (np !== undefined && this.npar[n] !== 1 && np.vpars.every((x) => this.vpar[x] === 1)) {
        this.npar[n] = 1;
        this.downNpars.push(n);
      }
    }
    for (let i = 0, len = this.downNpars.length; i < len; i++) {
      const n = this.downNpars[i] ?? -1;
      const c = this.estate.npars[n]?.complex ?? -1;
      const cx = this.estate.complexes[c];
      if (cx !== undefined && this.complex[c] !== 1 && cx.npars.every((x) => this.npar[x] === 1)) {
        this.complex[c] = 1;
        this.downComplexes.push(c);
      }
    }
    if (this.index.siteUnits) {
      const candidates = new Set<number>();
      for (const c of this.downComplexes) candidates.add(this.estate.complexes[c]?.site ?? -1);
      for (const e of this.downExternals) candidates.add(this.estate.externalHosts[e]?.site ?? -1);
      for (const s of [...candidates].sort((a, b) => a - b)) {
        if (s < 0 || this.site[s] === 1) continue;
        const complexes = this.index.complexesOfSite[s] ?? [];
        const externals = this.index.externalsOfSite[s] ?? [];
        if (
          complexes.every((c) => this.complex[c] === 1) &&
          externals.every((e) => this.external[e] === 1)
        ) {
          this.site[s] = 1;
          this.downSites.push(s);
        }
      }
    }
    const asc = (a: number, b: number): number => a - b;
    this.downNpars.sort(asc);
    this.downVpars.sort(asc);
    this.downComplexes.sort(asc);
    this.downExternals.sort(asc);
    this.downSites.sort(asc);
  }
}

/** Number of unit sets of size 1..k over `n` units: what exhaustive enumeration would visit. */
export function countUnitSets(n: number, k: number): number {
  let total = 0;
  for (let j = 1; j <= k; j++) total += binomial(n, j);
  return total;
}

export function binomial(n: number, r: number): number {
  if (r < 0 || r > n) return 0;
  let acc = 1;
  for (let i = 1; i <= r; i++) acc = (acc * (n - r + i)) / i;
  return Math.round(acc);
}

/**
 * Visit every canonical scenario of 1..k units, smallest first, then in unit-id order. `visit`
 * receives the sorted unit indices and the expanded DownState (valid only during the call).
 * Returns how many scenarios were visited; the rest of `countUnitSets` were equivalent to one.
 */
export function forEachScenario(
  estate: Estate,
  index: UnitIndex,
  maxFailures: number,
  visit: (units: readonly number[], down: DownState) => void,
): number {
  const down = new DownState(estate, index);
  const n = index.units.length;
  const combo: number[] = [];
  let visited = 0;
  const isCanonical = (): boolean => {
    down.apply(combo);
    const canon = down.canonical();
    return canon.length === combo.length && canon.every((u, i) => u === combo[i]);
  };
  for (let size = 1; size <= maxFailures && size <= n; size++) {
    const extend = (start: number): void => {
      for (let u = start; u <= n - (size - combo.length); u++) {
        combo.push(u);
        if (isCanonical()) {
          if (combo.length === size) {
            visited++;
            visit(combo, down);
          } else {
            extend(u + 1);
          }
        }
        combo.pop();
      }
    };
    extend(0);
  }
  return visited;
}
