import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { DatabaseTarget } from '../../config.js';
import type { Database } from './schema.js';
import { useNamedStatements } from './pg-named-statements.js';
import { CHECKPOINT_PAGES, startCheckpointer } from './sqlite-checkpointer.js';
import { BetterSqliteDialect } from './sqlite-driver.js';

export type Dialect = 'sqlite' | 'postgres';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Either the database or an open transaction: repositories take this so that callers choose. */
export type Executor = Db | Trx;

export interface DatabaseHandle {
  readonly db: Db;
  readonly dialect: Dialect;
  close(): Promise<void>;
}

// PostgreSQL bigint (int8) arrives as a string by default; our amounts and counts fit in 2^53.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));

export function openDatabase(target: DatabaseTarget): DatabaseHandle {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize, application_name: 'waybill' });
    // An idle client losing its connection (a database restart) must not crash the process.
    pool.on('error', () => {});
    pool.on('connect', (client) => {
      // A checked-out client has no error listener (pg-pool removes its idle one until release): a
      // database restart while a transaction holds it between statements emitted an unhandled
      // 'error' and killed the process (found by the chaos run: both API processes died at the
      // PostgreSQL restart). With this one the client only becomes unusable: its next query
      // fails, and pg-pool drops it on release, as it does any broken client.
      client.on('error', () => {});
      // Hot-path statements run as named prepared statements (measured reason: pg-named-statements.ts).
      useNamedStatements(client);
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  if (target.file !== ':memory:') mkdirSync(dirname(target.file), { recursive: true });
  const sqlite = new BetterSqlite3(target.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${target.synchronous}`);
  sqlite.pragma('foreign_keys = ON');
  // SQLite's default page cache is 2 MiB: once the file outgrows it, the random-keyed indexes an
  // order writes (tracking token, email) are re-read through system calls for every order. 64 MiB
  // (the default of WAYBILL_SQLITE_CACHE_MIB; an upper bound, allocated as pages are used) raised
  // orders/s by ~40% DB-only (interleaved A/B runs, medians; commit message of that change).
  sqlite.pragma(`cache_size = -${target.cacheMib * 1024}`);
  // Several processes may share the file: wait for the write lock instead of failing at once.
  sqlite.pragma('busy_timeout = 10000');
  // WAL checkpoints run on a worker thread, off the event loop (measured reason: sqlite-checkpointer.ts).
  const checkpointer = target.file === ':memory:' ? null : startCheckpointer(target.file, target.synchronous);
  if (checkpointer) sqlite.pragma(`wal_autocheckpoint = ${CHECKPOINT_PAGES}`);
  const db = new Kysely<Database>({ dialect: new BetterSqliteDialect(sqlite) });
  return {
    db,
    dialect: 'sqlite',
    close: async () => {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

/** True when a thrown database error is a unique-constraint violation, on either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** True for errors worth retrying the whole transaction for (deadlock, serialization, busy). */
export function isTransientConflict(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === '40P01' || code === '40001' || code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT';
}

/** Attempts of one transaction that lost to a deadlock or a busy database before giving up. */
const TRANSACTION_ATTEMPTS = 5;

/**
 * Runs `work` in a transaction, again from the start if it lost a deadlock or serialization race
 * (nothing of a rolled-back attempt remains). Retry transactions, never whole requests: a request
 * may have committed an earlier transaction or called a payment provider in between.
 */
export async function transactionWithRetry<T>(db: Db, work: (trx: Trx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      if (attempt >= TRANSACTION_ATTEMPTS || !isTransientConflict(error)) throw error;
    }
  }
}

/** True when the database could not be reached at all (down, restarting, connection refused). */
export function isConnectionFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return (
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code === '57P01' ||
    code === '57P03' ||
    code === '08006' ||
    code === '08001' ||
    (error instanceof Error && /Connection terminated/.test(error.message))
  );
}
