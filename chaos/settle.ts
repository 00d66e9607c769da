/**
 * After the chaos: the run is settled when every order is delivered or cancelled, every refund has
 * its answer, every job has run (the recurring schedules' next slots aside), every timeline event is
 * relayed and every notification sent — or it is not, and the report says what was still open.
 */
import { sql } from 'kysely';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '../src/platform/db/database.js';

async function openWork(db: Db): Promise<string[]> {
  const n = async (query: ReturnType<typeof sql<{ n: number }>>) => Number((await query.execute(db)).rows[0]!.n);
  const open: string[] = [];
  const orders = await n(sql`select count(*) as n from orders where status not in ('delivered', 'cancelled')`);
  if (orders > 0) open.push(`${orders} orders neither delivered nor cancelled`);
  const refunds = await n(sql`select count(*) as n from refunds where status = 'pending'`);
  if (refunds > 0) open.push(`${refunds} refunds pending`);
  const jobs = await n(sql`select count(*) as n from jobs where state in ('queued', 'running') and (dedupe_key is null or dedupe_key not like 'schedule:%')`);
  if (jobs > 0) open.push(`${jobs} jobs to run`);
  const events = await n(sql`select count(*) as n from order_events where relayed = 0`);
  if (events > 0) open.push(`${events} events to relay`);
  const notes = await n(sql`select count(*) as n from notifications where status in ('queued', 'sending')`);
  if (notes > 0) open.push(`${notes} notifications to send`);
  return open;
}

/** Waits until nothing is open; returns what was still open at the deadline (empty: settled). */
export async function settle(db: Db, timeoutMs: number, onProgress: (open: string[]) => void): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  let open: string[] = [];
  // Twice in a row: a job that is about to enqueue the next one must not pass for "all done".
  let quiet = 0;
  while (Date.now() < deadline) {
    open = await openWork(db).catch((e: unknown) => [`database: ${String(e)}`]);
    if (open.length === 0 && ++quiet >= 2) return [];
    if (open.length > 0) quiet = 0;
    if (open.join() !== last) onProgress(open);
    last = open.join();
    await sleep(1_000);
  }
  return open;
}
