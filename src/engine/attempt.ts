/**
 * One start attempt of a package on one node (spec 3.2 steps 2–3): the cores it would activate and
 * the rights it would draw, source by source, recorded as takes and committed to the scenario's
 * ledger only if the start succeeds.
 *
 * Units: cores (and core usage rights, one per core), TiCAP in core-minutes.
 */
import type { LossReason, Sources } from '../domain/result.js';
import type { EPackage } from './estate.js';
import type { SeizedFrom } from './seizure.js';
import type { Slots } from './ledger.js';
import type { AttemptEval, AttemptFacts } from './scenario-eval.js';

/** No core from any source. */
export const ZERO_SOURCES: Sources = { own: 0, vpar: 0, complex: 0, pool: 0, seized: 0, ticap: 0 };

/** What an attempt needs of the scenario it belongs to (ScenarioRun). */
export interface AttemptHost {
  readonly slots: Slots;
  /** Amount consumed so far in the scenario in `slot`. */
  get(slot: number): number;
  /** Record a successful attempt's takes and the package's cores on the node. */
  commitTakes(takes: readonly Take[], nodeIdx: number, pkgCores: number, extra: number): void;
}

export interface GroupRun {
  readonly seizedFrom: readonly SeizedFrom[];
  readonly seizedTotal: number;
  readonly loaned: number;
}

export interface Take {
  readonly key: number;
  readonly amount: number;
}

type SourceName = keyof Sources;

/** A placement being tried on one node: what it would take; committed only if it succeeds. */
export class Attempt {
  private readonly takes: Take[] = [];
  private readonly sources: Record<SourceName, number> = { ...ZERO_SOURCES };
  private ticap = 0;
  private waitedFlag = false;
  private groupIdx = -1;
  private seizedN = 0;
  private seizedC = 0;
  eval!: AttemptEval;

  private readonly run: AttemptHost;
  private readonly pkg: EPackage;
  private readonly node: number;
  private readonly extra: number;

  constructor(run: AttemptHost, pkg: EPackage, node: number, extra: number) {
    this.run = run;
    this.pkg = pkg;
    this.node = node;
    this.extra = extra;
  }

  /** Take up to `want` from a finite source of `capacity`; returns what was taken. */
  take(key: number, capacity: number, want: number, source: SourceName): number {
    if (want <= 0) return 0;
    const left = capacity - this.run.get(key) - this.pending(key);
    const amount = Math.max(0, Math.min(left, want));
    if (amount > 0) {
      this.takes.push({ key, amount });
      this.sources[source] += amount;
    }
    return amount;
  }

  activate(npar: number, cores: number): void {
    if (cores > 0) this.takes.push({ key: this.run.slots.activated(npar), amount: cores });
  }

  takeTicap(key: number, minutes: number, cores: number, waited: boolean, group: number): void {
    this.takes.push({ key, amount: minutes });
    this.sources.ticap += cores;
    this.ticap = minutes;
    if (waited) this.waitedFlag = true;
    if (group >= 0) this.groupIdx = group;
  }

  usedGroup(group: number, takeover: boolean): void {
    this.groupIdx = group;
    if (takeover) this.waitedFlag = true;
  }

  ranSeizure(npars: number, cells: number): void {
    this.seizedN = npars;
    this.seizedC = cells;
  }

  sourcesSoFar(): Sources {
    return { ...this.sources };
  }

  succeed(facts: AttemptFacts): this {
    this.eval = {
      node: this.node,
      ok: true,
      reason: null,
      needed: this.extra,
      available: this.extra,
      facts,
    };
    return this;
  }

  fail(reason: LossReason, available: number, facts: AttemptFacts): this {
    this.eval = { node: this.node, ok: false, reason, needed: this.extra, available, facts };
    return this;
  }

  commit(): void {
    this.run.commitTakes(this.takes, this.node, this.pkg.cores, this.extra);
  }

  get ticapMinutes(): number {
    return this.ticap;
  }
  get waited(): boolean {
    return this.waitedFlag;
  }
  get group(): number {
    return this.groupIdx;
  }
  get seizedNpars(): number {
    return this.seizedN;
  }
  get seizedCells(): number {
    return this.seizedC;
  }
  get sourcesFinal(): Sources {
    return this.sources;
  }

  private pending(key: number): number {
    let s = 0;
    for (const t of this.takes) if (t.key === key) s += t.amount;
    return s;
  }
}
