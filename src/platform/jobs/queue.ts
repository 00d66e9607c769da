/**
 * The job rows: enqueue (inside the caller's transaction), claim with a lease, complete under the
 * lease (fencing), fail into a retry or the dead letters, hand back. Every state change after the
 * claim is conditional on the lease token, so a worker whose lease another worker took over can
 * change nothing.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { isoTime, type Clock } from '../clock.js';
import type { Db, Dialect, Executor } from '../db/database.js';
import type { JobTable } from '../db/schema.js';
import type { Ids } from '../ids.js';
import { LeaseLostError, type Job, type JobSpec, type JobState } from './types.js';
import { notifyEnqueued } from './wakeup.js';

export const DEFAULT_MAX_ATTEMPTS = 10;

export function toJob(row: JobTable): Job {
  return {
    id: row.id,
    type: row.type,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    state: row.state as JobState,
    attempt: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    runAt: row.run_at,
    dedupeKey: row.dedupe_key,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Inserts a job in the caller's transaction; null when its dedupe key exists already. */
export async function enqueueJob(db: Executor, deps: { ids: Ids; clock: Clock }, spec: JobSpec): Promise<string | null> {
  const now = isoTime(deps.clock.now());
  const id = deps.ids.new('job');
  const result = await db
    .insertInto('jobs')
    .values({
      id,
      type: spec.type,
      payload: JSON.stringify(spec.payload ?? {}),
      state: 'queued',
      attempts: 0,
      max_attempts: spec.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      run_at: spec.runAt ? isoTime(spec.runAt) : now,
      dedupe_key: spec.dedupeKey ?? null,
      last_error: null,
      lease_token: null,
      lease_expires_at: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  const inserted = Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  if (inserted) notifyEnqueued();
  return inserted ? id : null;
}

export interface Claimed {
  job: Job;
  leaseToken: string;
}

/**
 * Claims up to `limit` due jobs — queued ones whose time has come, and running ones whose lease
 * expired (their worker died) — in one statement. On PostgreSQL the candidate rows are locked with
 * SKIP LOCKED, so concurrent workers take different jobs instead of waiting on each other; SQLite
 * has one writer at a time, so the statement alone is atomic there.
 */
export async function claimJobs(db: Db, dialect: Dialect, now: Date, leaseMs: number, limit: number): Promise<Claimed[]> {
  const at = isoTime(now);
  const expires = isoTime(new Date(now.getTime() + leaseMs));
  const leaseToken = randomUUID();
  const lock = dialect === 'postgres' ? sql`for update skip locked` : sql``;
  const { rows } = await sql<JobTable>`
    update jobs set state = 'running', lease_token = ${leaseToken}, lease_expires_at = ${expires}, attempts = attempts + 1, updated_at = ${at}
    where id in (
      select id from jobs
      where (state = 'queued' and run_at <= ${at}) or (state = 'running' and lease_expires_at < ${at})
      order by run_at, id
      limit ${limit}
      ${lock}
    )
    returning *`.execute(db);
  return rows.map((row) => ({ job: toJob(row), leaseToken }));
}

function leased(db: Executor, jobId: string, leaseToken: string) {
  return db.updateTable('jobs').where('id', '=', jobId).where('lease_token', '=', leaseToken).where('state', '=', 'running');
}

/** Marks the job done under its lease, in the caller's transaction; throws LeaseLostError if lost. */
export async function completeJob(trx: Executor, jobId: string, leaseToken: string, now: Date): Promise<void> {
  const result = await leased(trx, jobId, leaseToken)
    .set({ state: 'done', lease_token: null, lease_expires_at: null, updated_at: isoTime(now) })
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw new LeaseLostError(jobId);
}

/** Pushes the lease out while a handler runs; false when it was lost (another worker owns the job). */
export async function extendLease(db: Db, jobId: string, leaseToken: string, now: Date, leaseMs: number): Promise<boolean> {
  const result = await leased(db, jobId, leaseToken)
    .set({ lease_expires_at: isoTime(new Date(now.getTime() + leaseMs)) })
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** A failed attempt: back to the queue at `retryAt`, or to the dead letters (retryAt null). */
export async function failJob(db: Db, claimed: Claimed, error: string, retryAt: Date | null, now: Date): Promise<void> {
  await leased(db, claimed.job.id, claimed.leaseToken)
    .set({
      state: retryAt === null ? 'dead' : 'queued',
      run_at: retryAt === null ? claimed.job.runAt : isoTime(retryAt),
      last_error: error.slice(0, 4_000),
      lease_token: null,
      lease_expires_at: null,
      updated_at: isoTime(now),
    })
    .execute();
}

/** Back to the queue without counting the attempt: shutdown, or a handler's RetryLaterError. */
export async function releaseJob(db: Db, claimed: Claimed, runAt: Date, now: Date, note: string | null = null): Promise<void> {
  await leased(db, claimed.job.id, claimed.leaseToken)
    .set({
      state: 'queued',
      run_at: isoTime(runAt),
      attempts: sql`attempts - 1`,
      lease_token: null,
      lease_expires_at: null,
      updated_at: isoTime(now),
      ...(note === null ? {} : { last_error: note }),
    })
    .execute();
}

/** A dead job back to the queue, now, with a fresh set of attempts; false if it is not dead. */
export async function retryDeadJob(db: Db, jobId: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ state: 'queued', attempts: 0, run_at: isoTime(now), updated_at: isoTime(now) })
    .where('id', '=', jobId)
    .where('state', '=', 'dead')
    .executeTakeFirst();
  if (result.numUpdatedRows > 0n) notifyEnqueued();
  return result.numUpdatedRows > 0n;
}
