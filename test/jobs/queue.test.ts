/**
 * The durable job queue on both databases: transactional enqueue, dedupe, retries into the dead
 * letters and back (through the HTTP API), fencing of a worker whose lease was taken over, several
 * workers never running one job twice, schedules once per slot, and graceful stop.
 */
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import type { Db } from '../../src/platform/db/database.js';
import { claimJobs, completeJob, enqueueJob } from '../../src/platform/jobs/queue.js';
import { LeaseLostError, startWorker, type JobHandlers, type Schedule } from '../../src/platform/jobs/index.js';
import { testDialects } from '../support/databases.js';
import { expectProblem } from '../support/problems.js';
import { startTestServer, type TestServer } from '../support/server.js';

const silent = pino({ level: 'silent' });

describe.each(testDialects())('job queue on %s', (dialect) => {
  let server: TestServer;
  let db: Db;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    db = server.deps.db;
    await sql`create table job_effects (key text primary key, worker text not null)`.execute(db);
  });
  afterAll(async () => server?.close());
  beforeEach(async () => {
    await sql`delete from jobs`.execute(db);
    await sql`delete from job_effects`.execute(db);
  });

  const deps = () => ({ ids: server.deps.ids, clock: server.deps.clock });
  const worker = (handlers: JobHandlers, extra: { schedules?: Schedule[]; leaseMs?: number; clock?: ReturnType<typeof fixedClock> } = {}) =>
    startWorker({
      db,
      dialect: server.deps.dialect,
      clock: extra.clock ?? server.deps.clock,
      ids: server.deps.ids,
      logger: silent,
      handlers,
      schedules: extra.schedules,
      pollMs: 20,
      leaseMs: extra.leaseMs ?? 30_000,
      backoff: { baseMs: 1, maxMs: 2 },
    });
  const states = async () => (await db.selectFrom('jobs').select(['type', 'state', 'attempts']).orderBy('id').execute()).map((j) => ({ ...j, attempts: Number(j.attempts) }));

  it('enqueues inside the transaction: a rolled-back change leaves no job', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await enqueueJob(trx, deps(), { type: 'test.effect', payload: { key: 'a' } });
        throw new Error('the change fails');
      }),
    ).rejects.toThrow('the change fails');
    expect(await states()).toEqual([]);
    await db.transaction().execute((trx) => enqueueJob(trx, deps(), { type: 'test.effect', payload: { key: 'b' } }));
    expect(await states()).toEqual([{ type: 'test.effect', state: 'queued', attempts: 0 }]);
  });

  it('keeps one job per dedupe key', async () => {
    const first = await enqueueJob(db, deps(), { type: 'test.effect', dedupeKey: 'order:1:pack' });
    const second = await enqueueJob(db, deps(), { type: 'test.effect', dedupeKey: 'order:1:pack' });
    expect(first).toMatch(/^job_/);
    expect(second).toBeNull();
    expect(await states()).toHaveLength(1);
  });

  it('retries a failing job with backoff, then dead-letters it with its last error; the API revives it', async () => {
    let calls = 0;
    let fail = true;
    const handlers: JobHandlers = {
      'test.flaky': async () => {
        calls++;
        if (fail) throw new Error(`boom ${calls}`);
      },
    };
    const id = (await enqueueJob(db, deps(), { type: 'test.flaky', maxAttempts: 3 }))!;
    const w = worker(handlers);
    // The test clock stands still: move it past each backoff.
    for (let i = 0; i < 3; i++) {
      await w.runUntilIdle();
      server.clock.advance(10);
    }
    await w.stop();
    expect(calls).toBe(3);

    const dead = await server.viewer.get('/api/v1/jobs?status=dead');
    expect(dead.status, dead.text).toBe(200);
    expect(dead.body.data).toEqual([expect.objectContaining({ id, type: 'test.flaky', status: 'dead', attempts: 3, last_error: 'Error: boom 3' })]);

    expectProblem(await server.viewer.post(`/api/v1/jobs/${id}/retry`), 403, 'forbidden');
    expectProblem(await server.operator.post('/api/v1/jobs/job_00000000000000000000000000/retry'), 404, 'not_found');
    const retried = await server.operator.post(`/api/v1/jobs/${id}/retry`);
    expect(retried.status, retried.text).toBe(200);
    expect(retried.body).toMatchObject({ status: 'queued', attempts: 0 });
    expectProblem(await server.operator.post(`/api/v1/jobs/${id}/retry`), 409, 'conflict');

    fail = false;
    const again = worker(handlers);
    await again.runUntilIdle();
    await again.stop();
    expect(await states()).toEqual([{ type: 'test.flaky', state: 'done', attempts: 1 }]);
  });

  it('fences a worker whose lease expired and was taken over: its outcome never commits', async () => {
    const clock = fixedClock('2026-11-22T10:00:00.000Z');
    await enqueueJob(db, { ids: server.deps.ids, clock }, { type: 'test.effect', payload: { key: 'fenced' } });
    const [slow] = await claimJobs(db, server.deps.dialect, clock.now(), 1_000, 1);
    clock.advance(5_000);
    const [fast] = await claimJobs(db, server.deps.dialect, clock.now(), 1_000, 1);
    expect(fast?.job.id).toBe(slow?.job.id);
    expect(fast?.job.attempt).toBe(2);

    await expect(
      db.transaction().execute(async (trx) => {
        await sql`insert into job_effects (key, worker) values ('fenced', 'slow')`.execute(trx);
        await completeJob(trx, slow!.job.id, slow!.leaseToken, clock.now());
      }),
    ).rejects.toBeInstanceOf(LeaseLostError);
    await db.transaction().execute(async (trx) => {
      await sql`insert into job_effects (key, worker) values ('fenced', 'fast')`.execute(trx);
      await completeJob(trx, fast!.job.id, fast!.leaseToken, clock.now());
    });
    const { rows } = await sql<{ worker: string }>`select worker from job_effects`.execute(db);
    expect(rows).toEqual([{ worker: 'fast' }]);
  });

  it('never runs one job twice with three workers sharing the queue', async () => {
    const jobs = 300;
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < jobs; i++) await enqueueJob(trx, deps(), { type: 'test.effect', payload: { key: `k${i}` } });
    });
    const handlersFor = (name: string): JobHandlers => ({
      'test.effect': async (ctx) => {
        await ctx.complete(async (trx) => {
          await sql`insert into job_effects (key, worker) values (${String(ctx.job.payload.key)}, ${name})`.execute(trx);
        });
      },
    });
    const workers = ['w1', 'w2', 'w3'].map((name) => worker(handlersFor(name)));
    await Promise.all(workers.map((w) => w.runUntilIdle()));
    await Promise.all(workers.map((w) => w.stop()));
    const { rows } = await sql<{ n: number; workers: number }>`select count(*) as n, count(distinct worker) as workers from job_effects`.execute(db);
    expect(Number(rows[0]!.n)).toBe(jobs);
    expect((await states()).every((j) => j.state === 'done' && j.attempts === 1)).toBe(true);
  });

  it('enqueues a schedule once per slot however many workers run', async () => {
    const schedules: Schedule[] = [{ name: 'tick', everyMs: 60_000, job: { type: 'test.tick' } }];
    let ticks = 0;
    const handlers: JobHandlers = { 'test.tick': async () => void ticks++ };
    const workers = [worker(handlers, { schedules }), worker(handlers, { schedules })];
    await Promise.all(workers.map((w) => w.runUntilIdle()));
    server.clock.advance(60_000);
    await Promise.all(workers.map((w) => w.runUntilIdle()));
    await Promise.all(workers.map((w) => w.stop()));
    expect(ticks).toBe(2);
    expect((await states()).map((j) => j.type)).toEqual(['test.tick', 'test.tick']);
  });

  it('hands back a job still running at shutdown, without counting the attempt', async () => {
    await enqueueJob(db, deps(), { type: 'test.slow' });
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const w = startWorker({
      db,
      dialect: server.deps.dialect,
      clock: server.deps.clock,
      ids: server.deps.ids,
      logger: silent,
      handlers: { 'test.slow': () => (started(), new Promise(() => undefined)) },
      pollMs: 20,
      shutdownMs: 50,
    });
    await running;
    await w.stop();
    expect(await states()).toEqual([{ type: 'test.slow', state: 'queued', attempts: 0 }]);
  });
});
