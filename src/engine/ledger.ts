/**
 * The scenario's mutable state, reused across scenarios of one estate: the ledger of what has been
 * consumed (cores, rights, TiCAP, package counts and weights per node), its slot layout, and where each
 * package runs. One workspace per estate (evaluation is not re-entrant); reset at the start of each
 * scenario through the slots and packages it touched, so no scenario allocates it again.
 */
import type { Estate } from './estate.js';

/**
 * What a scenario has consumed of each finite resource, by slot: one Float64Array per estate, reused
 * across scenarios and reset through the list of slots touched (no allocation per scenario: a plan
 * may evaluate hundreds of thousands). Slots are laid out by kind, see `Slots`.
 */
export class Ledger {
  readonly values: Float64Array;
  private readonly touched: number[] = [];

  constructor(size: number) {
    this.values = new Float64Array(size);
  }

  get(slot: number): number {
    return this.values[slot] ?? 0;
  }

  add(slot: number, amount: number): void {
    if (this.values[slot] === 0) this.touched.push(slot);
    this.values[slot] = (this.values[slot] ?? 0) + amount;
  }

  reset(): void {
    for (const s of this.touched) this.values[s] = 0;
    this.touched.length = 0;
  }
}

/** Slot of each resource in the ledger. */
export class Slots {
  readonly size: number;
  private readonly n: number;
  private readonly c: number;
  private readonly g: number;
  private readonly m: number;
  private readonly k: number;

  constructor(estate: Estate) {
    this.n = estate.npars.length;
    this.c = estate.complexes.length;
    this.g = estate.groups.length;
    this.m = estate.nodes.length;
    this.k = estate.capacityNames.length;
    this.size = 4 * this.n + 2 * this.c + 3 * this.g + 3 * this.m + this.m * this.k;
  }
  /** Packages started on (+1) or gone from (−1) the node in this scenario (min_package_node [P1]). */
  count(node: number): number {
    return 4 * this.n + 2 * this.c + 3 * this.g + 2 * this.m + node;
  }
  /** Weight of capacity `k` started on (+) or gone from (−) the node in this scenario [P5, P6]. */
  load(node: number, k: number): number {
    return 4 * this.n + 2 * this.c + 3 * this.g + 3 * this.m + node * this.k + k;
  }
  /** Cores activated from the nPar's inactive cores. */
  activated(npar: number): number {
    return npar;
  }
  own(npar: number): number {
    return this.n + npar;
  }
  idle(npar: number): number {
    return 2 * this.n + npar;
  }
  released(npar: number): number {
    return 3 * this.n + npar;
  }
  unassigned(complex: number): number {
    return 4 * this.n + complex;
  }
  ticapComplex(complex: number): number {
    return 4 * this.n + this.c + complex;
  }
  seized(group: number): number {
    return 4 * this.n + 2 * this.c + group;
  }
  held(group: number): number {
    return 4 * this.n + 2 * this.c + this.g + group;
  }
  ticapGroup(group: number): number {
    return 4 * this.n + 2 * this.c + 2 * this.g + group;
  }
  /** Cores of packages placed on the node in this scenario. */
  placed(node: number): number {
    return 4 * this.n + 2 * this.c + 3 * this.g + node;
  }
  /** Cores added to the node's active count. */
  added(node: number): number {
    return 4 * this.n + 2 * this.c + 3 * this.g + this.m + node;
  }
}

export interface Workspace {
  readonly slots: Slots;
  readonly ledger: Ledger;
  /** Scratch for step 0: down nodes per cluster. */
  readonly downCount: Int32Array;
  /** Node each package runs on in the scenario (primary before it starts; -1: down), see `touched`. */
  readonly where: Int32Array;
  /** The primaries, to restore `where` of the packages a scenario touched. */
  readonly home: Int32Array;
  readonly touched: number[];
  /** Per package: 1 while it waits to be placed (see `ScenarioRun.pending`). */
  readonly isPending: Uint8Array;
}

/**
 * A workspace for scenarios of `estate`: created once with the context that evaluates them (the plan
 * context, the optimizer's scenario input) and reused by each (evaluation is not re-entrant).
 */
export function createWorkspace(estate: Estate): Workspace {
  const slots = new Slots(estate);
  const home = Int32Array.from(estate.packages.map((p) => p.nodes[0] ?? -1));
  return {
    slots,
    ledger: new Ledger(slots.size),
    downCount: new Int32Array(estate.clusters.length),
    where: Int32Array.from(home),
    home,
    touched: [],
    isPending: new Uint8Array(estate.packages.length),
  };
}

/** Clear what the previous scenario left: the slots it touched, the packages it moved. */
export function resetWorkspace(ws: Workspace): Workspace {
  ws.ledger.reset();
  ws.isPending.fill(0);
  for (const p of ws.touched) ws.where[p] = ws.home[p] ?? -1;
  ws.touched.length = 0;
  return ws;
}
