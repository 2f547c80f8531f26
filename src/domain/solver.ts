/**
 * The solver the optimizer needs, as a type: the engine builds the model and calls it; io/highs.ts
 * provides it (HiGHS, WebAssembly). Units are those of the model's columns.
 */

/** What a solver returns for an LP-format model: primal values by column name. */
export interface LpSolution {
  readonly status: 'optimal' | 'infeasible' | 'failed';
  /** The solver's own status text. */
  readonly detail: string;
  readonly values: ReadonlyMap<string, number>;
}

/** Solves a CPLEX LP-format model (minimise) to proven optimality (zero gap). */
export type LpSolver = (lp: string) => LpSolution;
