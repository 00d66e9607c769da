/**
 * The durable job queue's contract (DESIGN.md: platform/jobs). Capabilities enqueue jobs inside the
 * transaction of the state change that causes them and export handlers keyed by job type; the
 * composition root hands the handler map and the schedules to the worker. Nothing here knows any
 * capability.
 */
import type { Executor, Trx } from '../db/database.js';

export type JobState = 'queued' | 'running' | 'done' | 'dead';

export interface JobSpec {
  /** Handler key, `<capability>.<step>` (e.g. `fulfillment.pack`). */
  type: string;
  /** JSON-serialisable input. Keep it small: ids, not copies of rows. */
  payload?: Record<string, unknown>;
  /** Not before this time (default: now). */
  runAt?: Date;
  /**
   * At most one job ever exists with this key: a second enqueue with the same key is a no-op
   * (returns null). Use it for "this step of this order" (`order:ord_…:pack`) and schedule slots.
   */
  dedupeKey?: string;
  /** Attempts before the job goes to the dead letters (default 10). */
  maxAttempts?: number;
}

export interface Job {
  id: string;
  type: string;
  payload: Record<string, unknown>;
  state: JobState;
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
  runAt: string;
  dedupeKey: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Thrown inside a handler's transaction when the worker's lease ran out: the outcome is discarded. */
export class LeaseLostError extends Error {
  constructor(jobId: string) {
    super(`lease on job ${jobId} expired; another worker owns it now`);
    this.name = 'LeaseLostError';
  }
}

/** A handler's way to say "not yet, try again at this time" without counting a failure. */
export class RetryLaterError extends Error {
  constructor(
    readonly runAt: Date,
    reason: string,
  ) {
    super(reason);
    this.name = 'RetryLaterError';
  }
}

export interface JobContext {
  readonly job: Job;
  /**
   * Runs `work` in one transaction together with marking this job done, fenced by the lease: if
   * another worker took the job over meanwhile, it throws LeaseLostError and nothing of `work`
   * commits. A handler's state change, its timeline event and the next job (enqueued with `trx`)
   * therefore commit together or not at all. Call it once, last. A handler that never calls it is
   * completed (fenced) by the worker when it returns.
   */
  complete<T>(work: (trx: Trx) => Promise<T>): Promise<T>;
  /** Aborted when the worker shuts down or loses the lease: long external calls should honour it. */
  readonly signal: AbortSignal;
}

export type JobHandler = (ctx: JobContext) => Promise<void>;
export type JobHandlers = Readonly<Record<string, JobHandler>>;

export interface Schedule {
  /** Unique name; with the time slot it makes the dedupe key, so N workers enqueue it once per slot. */
  name: string;
  everyMs: number;
  job: Omit<JobSpec, 'runAt' | 'dedupeKey'>;
}

/** `enqueue(trx, spec)`: inside the caller's transaction; the job id, or null if the dedupe key exists. */
export type Enqueue = (db: Executor, spec: JobSpec) => Promise<string | null>;
