/**
 * Runs the server's background jobs now, with the real worker and the real handler map, until none
 * is due (on the test clock): tests then see what the worker inside `waybill serve` would have done.
 */
import { jobHandlers, jobSchedules } from '../../src/job-handlers.js';
import { startWorker } from '../../src/platform/jobs/index.js';
import type { TestServer } from './server.js';

export async function drainJobs(server: Pick<TestServer, 'deps'>): Promise<number> {
  const { deps } = server;
  const worker = startWorker({
    db: deps.db,
    dialect: deps.dialect,
    clock: deps.clock,
    ids: deps.ids,
    logger: deps.logger,
    handlers: jobHandlers(deps),
    schedules: jobSchedules(deps),
    pollMs: 60_000,
    backoff: { baseMs: 10, maxMs: 100 },
  });
  try {
    return await worker.runUntilIdle();
  } finally {
    await worker.stop();
  }
}
