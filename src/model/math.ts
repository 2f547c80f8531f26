/**
 * The project's only mathjs import (style.md practice 8): one configured instance and a narrow API,
 * so numeric choices live in one file. Numbers are plain IEEE doubles (`number: 'number'`), never
 * BigNumber or Fraction: the timing model works in seconds with three decimals.
 *
 * What the rest of the code may do with mathjs:
 * - parse a timing formula and list what it uses (`inspectExpression`), compile it once
 *   (`compileExpression`) and evaluate it many times over a scope of numbers;
 * - convert a coefficient's unit to seconds (`timeUnitToSeconds`);
 * - accumulate the normal equations of a least-squares problem row by row (`NormalEquations`), test
 *   columns for collinearity and solve it (`columnIndependence`, `leastSquares`), for `gicap calibrate`.
 */
import { all, create } from 'mathjs';
import type { MathNode } from 'mathjs';

// `all` is typed as possibly undefined by mathjs' typings; the package always exports it.
const math = create(all as NonNullable<typeof all>, { number: 'number', matrix: 'Array' });

/**
 * The functions a timing formula may call: all non-decreasing in their arguments, so a formula
 * built from them and + * over non-negative coefficients stays monotone (spec 3.4).
 */
export const FORMULA_FUNCTIONS = ['ceil', 'floor', 'max', 'min', 'round'] as const;
const ALLOWED_FUNCTIONS: ReadonlySet<string> = new Set(FORMULA_FUNCTIONS);

/** Operators a formula may use: arithmetic, comparison and logic (for conditions on drivers). */
const ALLOWED_OPERATORS: ReadonlySet<string> = new Set([
  'add',
  'subtract',
  'multiply',
  'divide',
  'unaryMinus',
  'unaryPlus',
  'pow',
  'larger',
  'largerEq',
  'smaller',
  'smallerEq',
  'equal',
  'unequal',
  'and',
  'or',
  'not',
]);

/** What a parsed formula refers to, or why it cannot be used. */
export type ExpressionInspection =
  | {
      readonly ok: true;
      /** Names read as values (coefficients, drivers, other formulas), first use first. */
      readonly symbols: readonly string[];
    }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Parse `text` and list its symbols. Problems: it does not parse (mathjs message), or it uses
 * something other than numbers, names, the allowed operators, `?:` and FORMULA_FUNCTIONS (an
 * assignment, a string, a matrix, a property access...).
 */
export function inspectExpression(text: string): ExpressionInspection {
  const tooBig = formulaLimitProblem(text);
  if (tooBig !== null) return { ok: false, problems: [tooBig] };
  let root: MathNode;
  try {
    root = math.parse(text);
  } catch (err) {
    if (err instanceof RangeError) {
      return { ok: false, problems: [`too deeply nested to parse (${errorMessage(err)})`] };
    }
    return { ok: false, problems: [`does not parse (${errorMessage(err)})`] };
  }
  const terms = countNodes(root);
  if (terms > FORMULA_LIMITS.nodes) {
    return {
      ok: false,
      problems: [
        `too long: more than ${FORMULA_LIMITS.nodes} terms (at most ${FORMULA_LIMITS.nodes}: parsing and evaluating go as deep as the formula; split it into formulas that use each other)`,
      ],
    };
  }
  const symbols: string[] = [];
  const problems: string[] = [];
  root.traverse((node, path, parent) => {
    switch (node.type) {
      case 'SymbolNode': {
        // The name of a called function is a SymbolNode too; it is checked at its FunctionNode.
        if (parent?.type === 'FunctionNode' && path === 'fn') return;
        const name = (node as unknown as { name: string }).name;
        if (!symbols.includes(name)) symbols.push(name);
        return;
      }
      case 'FunctionNode': {
        const fn = (node as unknown as { fn: MathNode }).fn;
        const name = fn.type === 'SymbolNode' ? (fn as unknown as { name: string }).name : '';
        if (!ALLOWED_FUNCTIONS.has(name)) {
          problems.push(
            `unknown function "${name || fn.toString()}" (allowed: ${FORMULA_FUNCTIONS.join(', ')})`,
          );
        }
        return;
      }
      case 'OperatorNode': {
        const op = node as unknown as { fn: string; op: string };
        if (!ALLOWED_OPERATORS.has(op.fn)) {
          problems.push(`operator "${op.op}" is not allowed (${ALLOWED_SUMMARY})`);
        }
        return;
      }
      case 'ConstantNode': {
        const value = (node as unknown as { value: unknown }).value;
        if (typeof value !== 'number') {
          problems.push(`${JSON.stringify(value)} is not allowed (${ALLOWED_SUMMARY})`);
        }
        return;
      }
      case 'ParenthesisNode':
      case 'ConditionalNode':
        return;
      default:
        problems.push(`"${node.toString()}" is not allowed (${ALLOWED_SUMMARY})`);
    }
  });
  return problems.length > 0 ? { ok: false, problems: dedupe(problems) } : { ok: true, symbols };
}

/**
 * Limits on one formula (issue 14): parsing, checking and evaluating a formula recurse once per level
 * of its tree, and a chain of 3,000 terms overflowed the stack (exit 3). The bundled formulas are
 * under 300 characters, 60 terms and 3 levels of parentheses; these limits leave ample room.
 */
export const FORMULA_LIMITS = { characters: 4_000, nodes: 1_000, parentheses: 32 } as const;

/** Why `text` is too big to parse safely, or null. Checked on the text, before mathjs sees it. */
function formulaLimitProblem(text: string): string | null {
  if (text.length > FORMULA_LIMITS.characters) {
    return `too long: ${text.length} characters (at most ${FORMULA_LIMITS.characters}; split it into formulas that use each other)`;
  }
  let depth = 0;
  let deepest = 0;
  for (const ch of text) {
    if (ch === '(' || ch === '[') depth += 1;
    else if (ch === ')' || ch === ']') depth -= 1;
    if (depth > deepest) deepest = depth;
  }
  if (deepest > FORMULA_LIMITS.parentheses) {
    return `too deeply nested: ${deepest} levels of parentheses (at most ${FORMULA_LIMITS.parentheses})`;
  }
  return null;
}

/** Nodes of a parsed tree, counted without recursion (a deep tree must not overflow the stack here). */
function countNodes(root: MathNode): number {
  let count = 0;
  const stack: MathNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as MathNode;
    count += 1;
    if (count > FORMULA_LIMITS.nodes) return count;
    node.forEach((child) => stack.push(child));
  }
  return count;
}

const ALLOWED_SUMMARY = `a formula uses numbers, names, + - * / ^, comparisons, and/or/not, ?: and ${FORMULA_FUNCTIONS.join(', ')}`;

/** A formula compiled once, evaluated many times over a scope of numbers. */
export interface CompiledExpression {
  evaluate(scope: Readonly<Record<string, number>>): number;
}

/**
 * Compile a formula that `inspectExpression` accepted into plain JavaScript closures over the scope.
 * The formula language is small on purpose (numbers, names, arithmetic, comparisons, and/or/not,
 * `?:`, FORMULA_FUNCTIONS), so the parsed tree maps one to one onto closures, and evaluating it —
 * millions of times on a large plan — costs no mathjs call and allocates nothing.
 */
export function compileExpression(text: string): CompiledExpression {
  const fn = toClosure(math.parse(text));
  return { evaluate: fn };
}

type Eval = (scope: Readonly<Record<string, number>>) => number;

const BINARY: Readonly<Record<string, (a: number, b: number) => number>> = {
  add: (a, b) => a + b,
  subtract: (a, b) => a - b,
  multiply: (a, b) => a * b,
  divide: (a, b) => a / b,
  pow: (a, b) => a ** b,
  larger: (a, b) => (a > b ? 1 : 0),
  largerEq: (a, b) => (a >= b ? 1 : 0),
  smaller: (a, b) => (a < b ? 1 : 0),
  smallerEq: (a, b) => (a <= b ? 1 : 0),
  equal: (a, b) => (a === b ? 1 : 0),
  unequal: (a, b) => (a !== b ? 1 : 0),
  and: (a, b) => (a !== 0 && b !== 0 ? 1 : 0),
  or: (a, b) => (a !== 0 || b !== 0 ? 1 : 0),
};

/** mathjs rounds halves away from zero; so do we (times are never negative anyway). */
const FUNCTIONS: Readonly<Record<string, (args: number[]) => number>> = {
  ceil: ([x = 0]) => Math.ceil(x),
  floor: ([x = 0]) => Math.floor(x),
  round: ([x = 0]) => Math.sign(x) * Math.round(Math.abs(x)),
  max: (args) => Math.max(...args),
  min: (args) => Math.min(...args),
};

function toClosure(node: MathNode): Eval {
  const n = node as unknown as {
    type: string;
    value?: unknown;
    name?: string;
    fn?: string | { name?: string };
    args?: MathNode[];
    content?: MathNode;
    condition?: MathNode;
    trueExpr?: MathNode;
    falseExpr?: MathNode;
  };
  switch (n.type) {
    case 'ConstantNode': {
      const value = Number(n.value);
      return () => value;
    }
    case 'SymbolNode': {
      const name = n.name ?? '';
      return (scope) => scope[name] ?? 0;
    }
    case 'ParenthesisNode':
      return toClosure(n.content as MathNode);
    case 'ConditionalNode': {
      const cond = toClosure(n.condition as MathNode);
      const yes = toClosure(n.trueExpr as MathNode);
      const no = toClosure(n.falseExpr as MathNode);
      return (scope) => (cond(scope) !== 0 ? yes(scope) : no(scope));
    }
    case 'OperatorNode': {
      const args = (n.args ?? []).map(toClosure);
      const name = typeof n.fn === 'string' ? n.fn : '';
      const [a, b] = args;
      if (a === undefined) throw new Error(`operator ${name} without operands`);
      if (name === 'unaryMinus') return (scope) => -a(scope);
      if (name === 'unaryPlus') return a;
      if (name === 'not') return (scope) => (a(scope) === 0 ? 1 : 0);
      const op = BINARY[name];
      if (op === undefined || b === undefined) throw new Error(`operator ${name} is not allowed`);
      return (scope) => op(a(scope), b(scope));
    }
    case 'FunctionNode': {
      const name = typeof n.fn === 'object' ? (n.fn.name ?? '') : '';
      const f = FUNCTIONS[name];
      if (f === undefined) throw new Error(`function ${name} is not allowed`);
      const args = (n.args ?? []).map(toClosure);
      return (scope) => f(args.map((arg) => arg(scope)));
    }
    default:
      throw new Error(`${n.type} is not allowed in a formula`);
  }
}

/**
 * Seconds in one `unit` (`s` → 1, `min` → 60, `h` → 3600), or null when `unit` is not a bare
 * mathjs time unit: a non-time unit such as `kg`, an unknown name, or anything with a number in it.
 */
export function timeUnitToSeconds(unit: string): number | null {
  if (!/^[A-Za-z]+$/.test(unit)) return null;
  try {
    const u = math.unit(1, unit);
    if (!u.equalBase(math.unit(1, 's'))) return null;
    return u.toNumber('s');
  } catch {
    return null;
  }
}

/** Whether `name` is a mathjs function or constant (`min`, `pi`, `e`...), so unusable as a name. */
export function isMathBuiltin(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(math, name) || name in math;
}

/**
 * For each column j of a design matrix A, given only its Gram matrix G = AᵀA (columns × columns):
 * the distance of column j from the span of the columns before it, divided by its own length — what
 * |R_jj| / ‖a_j‖ of a QR decomposition gives, without A. Computed by a Cholesky factorisation of G
 * scaled to unit diagonal; a column whose share is below `tolerance` is left out of the basis of the
 * later ones (it adds nothing to their span). 0 means a linear combination of earlier columns; a zero
 * column gives 0. Work and memory depend on the columns only, not on the rows behind G.
 */
export function columnIndependence(
  gram: readonly (readonly number[])[],
  tolerance = 1e-7,
): number[] {
  const k = gram.length;
  const norms = Array.from({ length: k }, (_, j) => Math.sqrt(Math.max(0, gram[j]?.[j] ?? 0)));
  const scaled = (p: number, q: number): number => {
    const d = (norms[p] ?? 0) * (norms[q] ?? 0);
    return d === 0 ? 0 : (gram[p]?.[q] ?? 0) / d;
  };
  /** Basis columns so far and, for each, its row of the Cholesky factor (by basis position). */
  const basis: { readonly column: number; readonly l: number[]; readonly diagonal: number }[] = [];
  const out: number[] = [];
  for (let j = 0; j < k; j += 1) {
    if ((norms[j] ?? 0) === 0) {
      out.push(0);
      continue;
    }
    const l: number[] = [];
    let rest = 1;
    for (let b = 0; b < basis.length; b += 1) {
      const row = basis[b] as (typeof basis)[number];
      let v = scaled(j, row.column);
      for (let c = 0; c < b; c += 1) v -= (l[c] ?? 0) * (row.l[c] ?? 0);
      v /= row.diagonal;
      l.push(v);
      rest -= v * v;
    }
    const share = Math.sqrt(Math.max(0, rest));
    out.push(share);
    if (share >= tolerance) basis.push({ column: j, l, diagonal: share });
  }
  return out;
}

/**
 * The normal equations of a least-squares problem, accumulated one row at a time: G = AᵀA and
 * h = Aᵀb. Memory is columns², whatever the number of rows (issue 14: calibration linear in rows).
 */
export class NormalEquations {
  readonly columns: number;
  readonly gram: number[][];
  readonly rhs: number[];

  constructor(columns: number) {
    this.columns = columns;
    this.gram = Array.from({ length: columns }, () => new Array<number>(columns).fill(0));
    this.rhs = new Array<number>(columns).fill(0);
  }

  /** Add the row `a` (length `columns`) with right-hand side `b`. */
  add(a: readonly number[], b: number): void {
    for (let p = 0; p < this.columns; p += 1) {
      const ap = a[p] ?? 0;
      if (ap === 0) continue;
      this.rhs[p] = (this.rhs[p] ?? 0) + ap * b;
      const row = this.gram[p] as number[];
      for (let q = 0; q < this.columns; q += 1) row[q] = (row[q] ?? 0) + ap * (a[q] ?? 0);
    }
  }
}

/**
 * x minimising ‖A·x − b‖² from its normal equations G·x = h (G = AᵀA, h = Aᵀb), solved by mathjs
 * (LU with partial pivoting) after scaling G to unit diagonal so the solve sees comparable
 * magnitudes. The columns must be independent (check with `columnIndependence`).
 */
export function leastSquares(
  gram: readonly (readonly number[])[],
  rhs: readonly number[],
): number[] {
  const k = gram.length;
  if (k === 0) return [];
  const norms = Array.from({ length: k }, (_, j) => Math.sqrt(gram[j]?.[j] ?? 0) || 1);
  const scaled = gram.map((row, p) => row.map((v, q) => v / ((norms[p] ?? 1) * (norms[q] ?? 1))));
  const z = solveSquare(
    scaled,
    rhs.map((v, p) => v / (norms[p] ?? 1)),
  );
  return z.map((v, j) => v / (norms[j] ?? 1));
}

/** Solve the square system a·x = b (LU with partial pivoting); used for small collinearity reports. */
export function solveSquare(a: readonly (readonly number[])[], b: readonly number[]): number[] {
  const x = math.lusolve(
    a.map((r) => [...r]),
    [...b],
  ) as unknown as number[][];
  return x.map((row) => row[0] ?? 0);
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function dedupe(lines: readonly string[]): string[] {
  return [...new Set(lines)];
}
