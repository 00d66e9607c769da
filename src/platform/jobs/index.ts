/** The durable job queue: enqueue in a transaction, workers with leases, retries, dead letters, schedules. */
export { enqueueJob, retryDeadJob, toJob, DEFAULT_MAX_ATTEMPTS } from './queue.js';
export { startWorker, type Worker, type WorkerOptions } from './worker.js';
export { retryDelayMs, defaultBackoff, type BackoffPolicy } from './backoff.js';
export { jobRoutes } from './jobs.routes.js';
export * from './types.js';
