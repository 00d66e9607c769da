/**
 * After the PostgreSQL restart: how long until each API answers /readyz again (its pool made new
 * connections) and until a worker finished a job again (the workers' pools did too).
 */
import { sql } from 'kysely';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '../src/platform/db/database.js';

export interface Recovery {
  /** Per API URL: ms from the server's return to its first 200 on /readyz, null if never. */
  apis: Record<string, number | null>;
  /** Per API URL: what /readyz said before it was ready again (the last answer, and how many). */
  apiFailures: Record<string, { last: string; count: number }>;
  /** Ms from the restart's start to the first job a worker finished after it, null if never. */
  workers: number | null;
}

async function readyAgain(url: string, since: number, deadline: number, failures: { last: string; count: number }): Promise<number | null> {
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return Date.now() - since;
      failures.last = `${res.status} ${await res.text()}`;
    } catch (error) {
      // Down, restarting, or killed by the chaos a moment ago.
      failures.last = String((error as { cause?: unknown }).cause ?? error);
    }
    failures.count++;
    await sleep(100);
  }
  return null;
}

async function jobDoneAgain(db: Db, since: number, deadline: number): Promise<number | null> {
  const after = new Date(since).toISOString();
  while (Date.now() < deadline) {
    try {
      const { rows } = await sql<{ at: string | null }>`select min(updated_at) as at from jobs where state = 'done' and updated_at > ${after}`.execute(db);
      const at = rows[0]?.at;
      if (at) return Date.parse(at) - since;
    } catch {
      // The runner's own pool reconnects too.
    }
    await sleep(250);
  }
  return null;
}

export async function measureRecovery(db: Db, apiUrls: readonly string[], restartStarted: number, timeoutMs = 120_000): Promise<Recovery> {
  const deadline = Date.now() + timeoutMs;
  const failures = apiUrls.map(() => ({ last: '', count: 0 }));
  const [workers, ...apis] = await Promise.all([jobDoneAgain(db, restartStarted, deadline), ...apiUrls.map((u, i) => readyAgain(u, restartStarted, deadline, failures[i]!))]);
  return { apis: Object.fromEntries(apiUrls.map((u, i) => [u, apis[i] ?? null])), apiFailures: Object.fromEntries(apiUrls.map((u, i) => [u, failures[i]!])), workers };
}
