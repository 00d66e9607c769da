/**
 * The worker: claims due jobs in batches, runs each with its handler while a heartbeat keeps its
 * lease, completes it under the lease (fencing), and on failure schedules a retry with backoff or
 * sends it to the dead letters. Any number of workers, in any number of processes, share the table.
 */
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Db, Dialect } from '../db/database.js';
import { retryDelayMs, type BackoffPolicy, defaultBackoff } from './backoff.js';
import { claimJobs, completeJob, extendLease, failJob, releaseJob, type Claimed } from './queue.js';
import { enqueueDueSchedules } from './schedules.js';
import { LeaseLostError, RetryLaterError, type JobContext, type JobHandlers, type Schedule } from './types.js';
import { onEnqueued } from './wakeup.js';

export interface WorkerOptions {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  ids: import('../ids.js').Ids;
  logger: Logger;
  handlers: JobHandlers;
  schedules?: readonly Schedule[];
  /** Jobs run at once by this worker. */
  concurrency?: number;
  /** How often to look for due jobs when nothing woke the worker. */
  pollMs?: number;
  leaseMs?: number;
  backoff?: BackoffPolicy;
  /** How long stop() waits for running jobs before handing them back. */
  shutdownMs?: number;
}

export interface Worker {
  /** Stops claiming, waits for running jobs (up to shutdownMs), hands back the rest. */
  stop(): Promise<void>;
  /** Runs every due job until none is left (tests and `drain`); the loop keeps running too. */
  runUntilIdle(): Promise<number>;
}

export function startWorker(options: WorkerOptions): Worker {
  const { db, dialect, clock, logger, handlers } = options;
  const concurrency = options.concurrency ?? 4;
  const pollMs = options.pollMs ?? 200;
  const leaseMs = options.leaseMs ?? 30_000;
  const backoff = options.backoff ?? defaultBackoff;
  const shutdownMs = options.shutdownMs ?? 10_000;
  const running = new Map<string, { claimed: Claimed; abort: AbortController; done: Promise<void> }>();
  let stopping = false;
  let wake: (() => void) | null = null;
  const unsubscribe = onEnqueued(() => setTimeout(() => wake?.(), 2));

  async function run(claimed: Claimed, abort: AbortController): Promise<void> {
    const { job, leaseToken } = claimed;
    const heartbeat = setInterval(() => {
      extendLease(db, job.id, leaseToken, clock.now(), leaseMs)
        .then((kept) => {
          if (!kept) abort.abort(new LeaseLostError(job.id));
        })
        .catch(() => undefined);
    }, Math.max(50, Math.floor(leaseMs / 3)));
    let completed = false;
    const ctx: JobContext = {
      job,
      signal: abort.signal,
      complete: async (work) => {
        const result = await db.transaction().execute(async (trx) => {
          const value = await work(trx);
          await completeJob(trx, job.id, leaseToken, clock.now());
          return value;
        });
        completed = true;
        return result;
      },
    };
    try {
      const handler = handlers[job.type];
      if (handler === undefined) {
        await failJob(db, claimed, `no handler for job type ${job.type}`, null, clock.now());
        logger.error({ job: job.id, type: job.type }, 'job has no handler: dead letter');
        return;
      }
      await handler(ctx);
      if (!completed) await ctx.complete(async () => undefined);
    } catch (error) {
      if (error instanceof LeaseLostError) {
        logger.warn({ job: job.id, type: job.type }, 'lease lost: another worker owns the job; outcome discarded');
      } else if (error instanceof RetryLaterError) {
        await releaseJob(db, claimed, error.runAt, clock.now(), error.message).catch(() => undefined);
      } else {
        const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        const dead = job.attempt >= job.maxAttempts;
        const retryAt = dead ? null : new Date(clock.now().getTime() + retryDelayMs(job.attempt, Math.random(), backoff));
        await failJob(db, claimed, message, retryAt, clock.now()).catch(() => undefined);
        logger[dead ? 'error' : 'warn']({ job: job.id, type: job.type, attempt: job.attempt, err: error }, dead ? 'job failed for the last time: dead letter' : 'job failed; will retry');
      }
    } finally {
      clearInterval(heartbeat);
    }
  }

  /**
   * Claims run one at a time: a claim in flight has taken jobs in the database that `running` does
   * not list yet, and runUntilIdle must not take that moment for "idle" (it did: a drained queue
   * still had the next pipeline step claimed but not started).
   */
  let claiming: Promise<unknown> = Promise.resolve();
  function tick(): Promise<number> {
    const next = claiming.then(claimAndStart);
    claiming = next.catch(() => undefined);
    return next;
  }

  /** Claims what fits and starts it; the number of jobs started. */
  async function claimAndStart(): Promise<number> {
    const free = concurrency - running.size;
    if (free <= 0 || stopping) return 0;
    if (options.schedules?.length) await enqueueDueSchedules(db, { ids: options.ids, clock }, options.schedules);
    const claimed = await claimJobs(db, dialect, clock.now(), leaseMs, free);
    for (const c of claimed) {
      const abort = new AbortController();
      const done = run(c, abort).finally(() => {
        running.delete(c.job.id);
        wake?.();
      });
      running.set(c.job.id, { claimed: c, abort, done });
    }
    return claimed.length;
  }

  const loop = (async () => {
    while (!stopping) {
      let started = 0;
      try {
        started = await tick();
      } catch (error) {
        logger.warn({ err: error }, 'claiming jobs failed; retrying');
      }
      if (started > 0 && running.size < concurrency) continue;
      // Checked again here: stop() may have come while this loop was claiming, when there was no
      // sleep to wake yet.
      if (stopping) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wake = () => {
          clearTimeout(timer);
          wake = null;
          resolve();
        };
      });
    }
  })();

  return {
    async runUntilIdle() {
      let total = 0;
      for (;;) {
        const started = await tick();
        total += started;
        if (running.size === 0 && started === 0) return total;
        await Promise.race([...running.values()].map((r) => r.done));
      }
    },
    async stop() {
      stopping = true;
      unsubscribe();
      wake?.();
      await loop;
      const inFlight = [...running.values()];
      const finished = Promise.all(inFlight.map((r) => r.done));
      const timedOut = await Promise.race([finished.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), shutdownMs).unref())]);
      if (timedOut) {
        // Hand back what is still running: another worker takes it at once, this attempt uncounted.
        for (const r of running.values()) {
          r.abort.abort();
          await releaseJob(db, r.claimed, clock.now(), clock.now(), 'handed back at shutdown').catch(() => undefined);
        }
      }
    },
  };
}
