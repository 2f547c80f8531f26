/**
 * HiGHS, the mixed-integer solver (the `highs` package: HiGHS compiled to WebAssembly). Loaded once
 * per process; `solve` reads a CPLEX LP-format model and solves it to proven optimality (zero
 * relative and absolute gap), single-threaded. The solve time is measured here, outside the engine.
 */
import highsModule from 'highs';
import type { LpSolution, LpSolver } from '../domain/solver.js';

// The package's types describe a CommonJS module whose `default` is the loader, while Node's ESM
// import resolves to its ES build, whose default export is the loader itself.
type HighsLoader = (typeof highsModule)['default'];
type Highs = Awaited<ReturnType<HighsLoader>>;
const loaded: unknown = highsModule;
const highsLoader: HighsLoader =
  typeof loaded === 'function' ? (loaded as HighsLoader) : highsModule.default;

let loading: Promise<Highs> | null = null;

/** The solver instance, loaded on first use. */
function loadHighs(): Promise<Highs> {
  loading ??= highsLoader();
  return loading;
}

/** A solver that also counts its solves and the seconds they took. */
export interface TimedSolver {
  readonly solve: LpSolver;
  readonly stats: { solves: number; seconds: number };
}

export async function createHighsSolver(): Promise<TimedSolver> {
  const highs = await loadHighs();
  const stats = { solves: 0, seconds: 0 };
  const solve: LpSolver = (lp: string): LpSolution => {
    const start = performance.now();
    const result = highs.solve(lp, {
      output_flag: false,
      mip_rel_gap: 0,
      mip_abs_gap: 0,
      random_seed: 0,
    });
    stats.solves += 1;
    stats.seconds += (performance.now() - start) / 1000;
    const status =
      result.Status === 'Optimal'
        ? 'optimal'
        : result.Status === 'Infeasible'
          ? 'infeasible'
          : 'failed';
    const values = new Map<string, number>();
    if (status === 'optimal') {
      for (const [name, col] of Object.entries(result.Columns) as [string, { Primal?: number }][]) {
        values.set(name, col.Primal ?? 0);
      }
    }
    return { status, detail: result.Status, values };
  };
  return { solve, stats };
}
