/** The batch scheduler: bounded concurrency, outcomes in job order, worker threads that fail. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapWithLimit, runJobs, workerPoolRunner } from '../../src/cli/batch/scheduler.js';
import type { BatchJob } from '../../src/cli/batch/types.js';

describe('mapWithLimit', () => {
  it('returns results in item order whatever the completion order, never exceeding the limit (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 0, maxLength: 12 }),
        fc.integer({ min: 1, max: 5 }),
        async (delays, limit) => {
          let pending = 0;
          let most = 0;
          const completed: number[] = [];
          const results = await mapWithLimit(
            delays.map((d, i) => ({ d, i })),
            limit,
            async ({ d, i }) => {
              pending += 1;
              most = Math.max(most, pending);
              for (let k = 0; k < d; k += 1) await Promise.resolve();
              pending -= 1;
              return i * 10;
            },
            (r) => completed.push(r),
          );
          expect(results).toEqual(delays.map((_, i) => i * 10));
          expect(most).toBeLessThanOrEqual(Math.min(limit, Math.max(1, delays.length)));
          expect([...completed].sort((a, b) => a - b)).toEqual(results);
        },
      ),
    );
  });

  it('starts items in order with limit 1 (the in-process --jobs 1)', async () => {
    const started: number[] = [];
    await mapWithLimit([3, 1, 2], 1, (n) => {
      started.push(n);
      return Promise.resolve(n);
    });
    expect(started).toEqual([3, 1, 2]);
  });
});

/** A throwaway worker script: answers each job with `body` (JS using `job` and `port`). */
function workerScript(body: string): URL {
  const dir = mkdtempSync(join(tmpdir(), 'gicap-worker-'));
  const file = join(dir, 'worker.mjs');
  writeFileSync(
    file,
    `import { parentPort as port } from 'node:worker_threads';\nport.on('message', (job) => { ${body} });\n`,
  );
  return pathToFileURL(file);
}

const jobs = (n: number): BatchJob[] =>
  Array.from({ length: n }, (_, index) => ({
    index,
    run: {
      name: `r${index}`,
      inventory: `r${index}`,
      inventoryDir: `/nowhere/r${index}`,
      maxFailures: 1,
      outageHours: 24,
      modelPath: null,
    },
    settings: { outDir: '/nowhere/out', formats: ['json'], maxListed: 200, now: null },
  }));

describe('workerPoolRunner', () => {
  it('runs jobs on threads and returns outcomes in job order', async () => {
    // Later jobs answer sooner: completion order is the reverse of job order.
    const url = workerScript(
      `setTimeout(() => port.postMessage({ index: job.index, status: 'ok', exitCode: 0, figures: null, error: null, details: [job.run.name] }), (6 - job.index) * 15);`,
    );
    const done: number[] = [];
    const outcomes = await runJobs(jobs(6), workerPoolRunner(3, url), (o) => done.push(o.index));
    expect(outcomes.map((o) => o.details[0])).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5']);
    expect([...done].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('a thread that throws or exits gives its job an internal error, and the other jobs still run', async () => {
    const url = workerScript(
      `if (job.index === 1) throw new Error('boom in ' + job.run.name);
       if (job.index === 3) process.exit(7);
       port.postMessage({ index: job.index, status: 'ok', exitCode: 0, figures: null, error: null, details: [] });`,
    );
    const outcomes = await runJobs(jobs(5), workerPoolRunner(2, url));
    expect(outcomes.map((o) => [o.index, o.status, o.exitCode])).toEqual([
      [0, 'ok', 0],
      [1, 'error', 3],
      [2, 'ok', 0],
      [3, 'error', 3],
      [4, 'ok', 0],
    ]);
    expect(outcomes[1]?.error).toBe('internal error: boom in r1');
    expect(outcomes[3]?.error).toBe('internal error: worker thread exited with code 7');
  });
});
