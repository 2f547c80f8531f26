/**
 * Worker-thread entry of `gicap batch --jobs N` (N > 1): receives one BatchJob at a time (plain
 * data), runs it and posts back its RunOutcome. executeRun never throws, so one message in gives
 * exactly one message out; the pool terminates the thread when the batch is done.
 */
import { parentPort } from 'node:worker_threads';
import { executeRun, failedOutcome } from './execute-run.js';
import type { BatchJob, RunOutcome } from './types.js';

const port = parentPort;
if (port === null) throw new Error('batch/worker.js must run as a worker thread');

port.on('message', (job: BatchJob) => {
  void executeRun(job)
    .catch((err: unknown) => failedOutcome(job.index, err))
    .then((outcome: RunOutcome) => port.postMessage(outcome));
});
