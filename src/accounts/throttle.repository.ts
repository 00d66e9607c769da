/**
 * The throttle's counters (fixed windows, one row per key) and the clients known to each account.
 * One upsert per hit, safe when several processes count the same key at once.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../platform/db/database.js';
import { THROTTLE_WINDOW_MS, type Counter } from './throttle-rules.js';

/** A key part for an email (hashed: the table says how often, not who). */
export function emailKey(scope: string, email: string): string {
  return createHash('sha256').update(`${scope}:${email}`).digest('base64url').slice(0, 27);
}

export async function readCounters(db: Executor, keys: string[]): Promise<Map<string, Counter>> {
  if (keys.length === 0) return new Map();
  const rows = await db.selectFrom('auth_throttle').select(['key', 'hits', 'window_started_at']).where('key', 'in', keys).execute();
  return new Map(rows.map((r) => [r.key, { hits: Number(r.hits), window_started_at: r.window_started_at }]));
}

/** Counts one more in the key's window, starting a new window when the last one is over. */
export async function hit(db: Executor, key: string, now: Date, windowMs = THROTTLE_WINDOW_MS): Promise<void> {
  const at = now.toISOString();
  const cutoff = new Date(now.getTime() - windowMs).toISOString();
  await db
    .insertInto('auth_throttle')
    .values({ key, window_started_at: at, hits: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql`case when auth_throttle.window_started_at <= ${cutoff} then 1 else auth_throttle.hits + 1 end`,
        window_started_at: sql`case when auth_throttle.window_started_at <= ${cutoff} then ${at} else auth_throttle.window_started_at end`,
      }),
    )
    .execute();
}

export async function clearCounter(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('auth_throttle').where('key', '=', key).execute();
}

/** Drops counters whose window ended long ago (called at sign-in; the index keeps it cheap). */
export async function pruneCounters(db: Executor, now: Date): Promise<void> {
  await db
    .deleteFrom('auth_throttle')
    .where('window_started_at', '<', new Date(now.getTime() - 2 * THROTTLE_WINDOW_MS).toISOString())
    .execute();
}

/** Which of these client keys signed in to the subject since `since`. */
export async function knownClients(db: Executor, subjectId: string, clientKeys: string[], since: Date): Promise<Set<string>> {
  if (clientKeys.length === 0) return new Set();
  const rows = await db
    .selectFrom('auth_known_clients')
    .select('client_key')
    .where('subject_id', '=', subjectId)
    .where('client_key', 'in', clientKeys)
    .where('last_success_at', '>=', since.toISOString())
    .execute();
  return new Set(rows.map((r) => r.client_key));
}

export async function rememberClient(db: Executor, subjectId: string, clientKey: string, now: Date): Promise<void> {
  await db
    .insertInto('auth_known_clients')
    .values({ subject_id: subjectId, client_key: clientKey, last_success_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['subject_id', 'client_key']).doUpdateSet({ last_success_at: (eb) => eb.ref('excluded.last_success_at') }))
    .execute();
}
