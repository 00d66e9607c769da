/**
 * Runs the server's background jobs now, with the real worker and the real handler map, until none
 * is due (on the test clock): tests then see what the worker inside `waybill serve` would have done.
 */
import { startAppWorker } from '../../src/job-handlers.js';
import type { TestServer } from './server.js';

export async function drainJobs(server: Pick<TestServer, 'deps'>): Promise<number> {
  // Short backoffs: a retried job comes due as soon as a test moves its clock a little.
  const worker = startAppWorker(server.deps, { pollMs: 60_000, backoff: { baseMs: 10, maxMs: 100 } });
  try {
    return await worker.runUntilIdle();
  } finally {
    await worker.stop();
  }
}
