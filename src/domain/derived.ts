/**
 * Derived figures of an inventory, computed in one place (spec section 2, "Derived per nPar", and
 * section 4). The loader uses them to check rules, the engine to plan, the renderers to show them.
 * Units: cores.
 */
import type { Inventory, NPartition } from './types.js';

/** `C/N`: the key of an nPar, as in unit names (`npar:C/N`) and `--set npars.C/N.rights=4`. */
export function nparKey(complex: string, npar: string): string {
  return `${complex}/${npar}`;
}

/** `C/N/V`: the key of a vPar, as in `vpar:C/N/V`. */
export function vparKey(complex: string, npar: string, vpar: string): string {
  return `${complex}/${npar}/${vpar}`;
}

/** A partition's key: `C/N` for an nPar, `C/N/V` for a vPar. */
export function partitionKey(p: {
  readonly complex: string;
  readonly npar: string;
  readonly vpar: string | null;
}): string {
  return p.vpar === null ? nparKey(p.complex, p.npar) : vparKey(p.complex, p.npar, p.vpar);
}

export interface NParFigures {
  /** Σ cores of the nPar's active cells. */
  readonly installed: number;
  /** installed − active: cores that can be activated with a right. */
  readonly inactive: number;
  /** installed − rights: the contractual count that sharing rights are sized on [G1]. */
  readonly withoutRights: number;
  /** Number of the nPar's cells configured active (UONB = y): seizure leaves one right each [X2]. */
  readonly activeCells: number;
  /** Number of all the nPar's cells, active or not (a timing driver for seizure). */
  readonly cells: number;
}

export interface ComplexFigures {
  /** Cores on every cell of the complex, active or not, assigned or not. */
  readonly cores: number;
  /** Σ rights of its nPars. */
  readonly nparRights: number;
  /**
   * Cores without usage rights: cores on every cell − nPar rights − unassigned rights, at least 0.
   * Cells and memory themselves do not count [G1, Q5].
   */
  readonly withoutRights: number;
}

export interface GroupFigures {
  /** Σ over member complexes of their cores without usage rights [G1]. */
  readonly sharingRightsRequired: number;
  /** Member complexes, sorted. */
  readonly members: readonly string[];
}

export interface DerivedFigures {
  readonly npars: ReadonlyMap<string, NParFigures>;
  readonly complexes: ReadonlyMap<string, ComplexFigures>;
  readonly groups: ReadonlyMap<string, GroupFigures>;
}

/** Compute every derived figure of an inventory once. */
export function deriveFigures(inv: Inventory): DerivedFigures {
  const nparCells = new Map<string, { installed: number; activeCells: number; cells: number }>();
  const complexCores = new Map<string, number>();
  for (const cell of inv.cells) {
    complexCores.set(cell.complex, (complexCores.get(cell.complex) ?? 0) + cell.cores);
    if (cell.npar === null) continue;
    const key = nparKey(cell.complex, cell.npar);
    const acc = nparCells.get(key) ?? { installed: 0, activeCells: 0, cells: 0 };
    acc.cells += 1;
    if (cell.active) {
      acc.installed += cell.cores;
      acc.activeCells += 1;
    }
    nparCells.set(key, acc);
  }

  const npars = new Map<string, NParFigures>();
  const nparRights = new Map<string, number>();
  for (const n of inv.npars) {
    npars.set(
      nparKey(n.complex, n.npar),
      nparFigures(n, nparCells.get(nparKey(n.complex, n.npar))),
    );
    nparRights.set(n.complex, (nparRights.get(n.complex) ?? 0) + n.rights);
  }

  const complexes = new Map<string, ComplexFigures>();
  for (const c of inv.complexes) {
    const cores = complexCores.get(c.complex) ?? 0;
    const rights = nparRights.get(c.complex) ?? 0;
    complexes.set(c.complex, {
      cores,
      nparRights: rights,
      withoutRights: Math.max(0, cores - rights - c.unassignedRights),
    });
  }

  const groups = new Map<string, GroupFigures>();
  for (const g of inv.groups) {
    const members = inv.complexes.filter((c) => c.group === g.group).map((c) => c.complex);
    const required = members.reduce((s, m) => s + (complexes.get(m)?.withoutRights ?? 0), 0);
    groups.set(g.group, { sharingRightsRequired: required, members });
  }
  return { npars, complexes, groups };
}

function nparFigures(
  n: NPartition,
  cells: { installed: number; activeCells: number; cells: number } | undefined,
): NParFigures {
  const installed = cells?.installed ?? 0;
  return {
    installed,
    inactive: installed - n.active,
    withoutRights: installed - n.rights,
    activeCells: cells?.activeCells ?? 0,
    cells: cells?.cells ?? 0,
  };
}
