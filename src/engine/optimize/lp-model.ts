/**
 * A small linear model (columns with bounds, integrality and costs; sparse rows) and its text in
 * the CPLEX LP format, which HiGHS reads. Pure.
 */

export type VarKind = 'integer' | 'binary' | 'continuous';
export type Sense = '>=' | '<=' | '=';

export interface LpVar {
  readonly name: string;
  readonly lb: number;
  /** Infinity when unbounded. */
  readonly ub: number;
  readonly kind: VarKind;
  readonly cost: number;
}

/** `coef · var` terms; a variable may appear once per row. */
export type Terms = ReadonlyMap<string, number>;

export interface LpRow {
  readonly name: string;
  readonly terms: Terms;
  readonly sense: Sense;
  readonly rhs: number;
}

/** A linear model being built: add columns, then rows over them. */
export class LpModel {
  readonly vars: LpVar[] = [];
  readonly rows: LpRow[] = [];
  private readonly names = new Map<string, LpVar>();
  /** Set when a row without variables can never hold: the model is infeasible as built. */
  infeasible: string | null = null;

  /** Add a column; its name must start with a letter other than e/E (LP exponent ambiguity). */
  addVar(name: string, opts: { lb?: number; ub?: number; kind: VarKind; cost?: number }): string {
    if (this.names.has(name)) throw new Error(`duplicate LP variable ${name}`);
    const v: LpVar = {
      name,
      lb: opts.lb ?? 0,
      ub: opts.kind === 'binary' ? 1 : (opts.ub ?? Infinity),
      kind: opts.kind,
      cost: opts.cost ?? 0,
    };
    this.names.set(name, v);
    this.vars.push(v);
    return name;
  }

  get(name: string): LpVar | undefined {
    return this.names.get(name);
  }

  /**
   * Add a row; terms with a zero coefficient are dropped. A row left without terms is checked here
   * instead (and marks the model infeasible when it fails).
   */
  addRow(prefix: string, terms: Terms, sense: Sense, rhs: number): boolean {
    const kept = new Map([...terms].filter(([, c]) => c !== 0));
    if (kept.size === 0) {
      const ok = sense === '>=' ? 0 >= rhs : sense === '<=' ? 0 <= rhs : rhs === 0;
      if (!ok) this.infeasible ??= `${prefix}: 0 ${sense} ${rhs}`;
      return false;
    }
    this.rows.push({ name: `${prefix}_${this.rows.length}`, terms: kept, sense, rhs });
    return true;
  }

  get integerCount(): number {
    return this.vars.filter((v) => v.kind !== 'continuous').length;
  }
}

/** `a + b·x`: an accumulator of terms. */
export class TermSum {
  private readonly map = new Map<string, number>();
  add(name: string, coef: number): this {
    this.map.set(name, (this.map.get(name) ?? 0) + coef);
    return this;
  }
  get terms(): Terms {
    return this.map;
  }
}

/** The model as CPLEX LP text (minimise). Long expressions are wrapped (the format allows it). */
export function toLpText(model: LpModel): string {
  const out: string[] = ['\\ gicap optimize: least-cost purchase', 'Minimize'];
  const objective = model.vars.filter((v) => v.cost !== 0).map((v) => term(v.cost, v.name));
  // An objective needs at least one term; a zero-cost one keeps the section well formed.
  const first = model.vars[0];
  if (objective.length === 0 && first !== undefined) objective.push(term(0, first.name));
  out.push(...wrap(' obj:', objective));
  out.push('Subject To');
  for (const row of model.rows) {
    const terms = [...row.terms].map(([name, coef]) => term(coef, name));
    const lines = wrap(` ${row.name}:`, terms);
    const last = lines.length - 1;
    lines[last] = `${lines[last] ?? ''} ${row.sense} ${num(row.rhs)}`;
    out.push(...lines);
  }
  out.push('Bounds');
  for (const v of model.vars) {
    if (v.kind === 'binary') continue;
    if (v.ub === Infinity) out.push(` ${v.name} >= ${num(v.lb)}`);
    else out.push(` ${num(v.lb)} <= ${v.name} <= ${num(v.ub)}`);
  }
  const generals = model.vars.filter((v) => v.kind === 'integer').map((v) => v.name);
  const binaries = model.vars.filter((v) => v.kind === 'binary').map((v) => v.name);
  if (generals.length > 0) out.push('Generals', ...wrap('', generals));
  if (binaries.length > 0) out.push('Binaries', ...wrap('', binaries));
  out.push('End', '');
  return out.join('\n');
}

function term(coef: number, name: string): string {
  return `${coef < 0 ? '-' : '+'} ${num(Math.abs(coef))} ${name}`;
}

/** A number as LP text: plain decimal, no exponent (exact for the integers and costs used). */
function num(x: number): string {
  if (Number.isInteger(x)) return String(x);
  return x.toFixed(9).replace(/0+$/, '').replace(/\.$/, '');
}

/** Lines of at most 8 terms after a head. */
function wrap(head: string, items: readonly string[]): string[] {
  const lines: string[] = [];
  for (let i = 0; i < items.length; i += 8) {
    const chunk = items.slice(i, i + 8).join(' ');
    lines.push(i === 0 ? `${head} ${chunk}`.trimEnd() : `   ${chunk}`);
  }
  if (lines.length === 0) lines.push(head);
  return lines;
}
