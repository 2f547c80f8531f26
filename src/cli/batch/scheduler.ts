/**
 * Running the jobs of a batch: at most `limit` at a time, outcomes returned in job order whatever
 * the order of completion (so `--jobs 2` writes the same summary as `--jobs 1`). A runner is either
 * in-process (`--jobs 1`) or a pool of worker threads, one job per thread at a time.
 */
import { Worker } from 'node:worker_threads';
import { executeRun, failedOutcome } from './execute-run.js';
import type { BatchJob, RunOutcome } from './types.js';

export interface JobRunner {
  /** How many jobs may run at once. */
  readonly concurrency: number;
  run(job: BatchJob): Promise<RunOutcome>;
  /** Release threads; the process can then exit. */
  close(): Promise<void>;
}

/**
 * Map `items` through `fn` with at most `limit` calls pending, in item order of starting; results in
 * item order. `onDone` sees each result as it completes (for progress).
 */
export async function mapWithLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
  onDone: (result: R, item: T) => void = () => undefined,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const i = next;
      next += 1;
      const item = items[i] as T;
      const result = await fn(item);
      results[i] = result;
      onDone(result, item);
    }
  };
  const lanes = Math.max(1, Math.min(limit, items.length));
  await Promise.all(Array.from({ length: lanes }, lane));
  return results;
}

/** Run every job through `runner`; outcomes in job order. The runner is closed in every case. */
export async function runJobs(
  jobs: readonly BatchJob[],
  runner: JobRunner,
  onDone: (outcome: RunOutcome, job: BatchJob) => void = () => undefined,
): Promise<RunOutcome[]> {
  try {
    return await mapWithLimit(jobs, runner.concurrency, (job) => runner.run(job), onDone);
  } finally {
    await runner.close();
  }
}

/** `--jobs 1`: one run after the other in this thread. */
export function inProcessRunner(): JobRunner {
  return { concurrency: 1, run: executeRun, close: () => Promise.resolve() };
}

/** The compiled worker entry next to this module (dist/cli/batch/worker.js). */
const WORKER_URL = new URL('./worker.js', import.meta.url);

/**
 * `--jobs N`: N worker threads, started on first use. A thread that dies (an uncaught error, out of
 * memory) gives its job an internal-error outcome and is replaced for the next job.
 */
export function workerPoolRunner(size: number, workerUrl: URL = WORKER_URL): JobRunner {
  const idle: Worker[] = [];
  const all = new Set<Worker>();
  const spawn = (): Worker => {
    const w = new Worker(workerUrl);
    all.add(w);
    // A thread that dies while idle leaves the pool (its 'error' is followed by 'exit'); without
    // these listeners an idle thread's error would be unhandled and a dead thread could get a job.
    w.on('error', () => undefined);
    w.on('exit', () => {
      all.delete(w);
      const at = idle.indexOf(w);
      if (at >= 0) idle.splice(at, 1);
    });
    return w;
  };
  const take = (): Worker => idle.pop() ?? spawn();
  const run = (job: BatchJob): Promise<RunOutcome> =>
    new Promise<RunOutcome>((resolve) => {
      const worker = take();
      const settle = (outcome: RunOutcome, healthy: boolean): void => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (healthy) idle.push(worker);
        else void worker.terminate();
        resolve(outcome);
      };
      const onMessage = (outcome: RunOutcome): void => settle(outcome, true);
      const onError = (err: unknown): void => settle(failedOutcome(job.index, err), false);
      const onExit = (code: number): void =>
        settle(
          failedOutcome(job.index, new Error(`worker thread exited with code ${code}`)),
          false,
        );
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(job);
    });
  return {
    concurrency: size,
    run,
    close: async () => {
      const workers = [...all];
      all.clear();
      idle.length = 0;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
