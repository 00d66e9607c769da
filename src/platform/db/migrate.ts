import { Migrator, type MigrationProvider } from 'kysely';
import { setTimeout as sleep } from 'node:timers/promises';
import { isConnectionFailure, type Db } from './database.js';
import { migrations } from './migrations/index.js';

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Applies every pending migration; safe to run from several processes at once (Kysely locks). */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** How long a starting process waits for its database (a deploy, a restart, a failover) before it gives up. */
export const DATABASE_WAIT_MS = 60_000;

/**
 * migrateToLatest at start-up, waiting while the database cannot be reached (it may be restarting:
 * the chaos run saw a worker that started during a PostgreSQL restart exit at once with "the database
 * system is starting up"). Any other failure, or a database still away after `waitMs`, is thrown.
 */
export async function migrateWhenReachable(db: Db, options: { waitMs?: number; retryMs?: number; onWait?: (error: unknown) => void } = {}): Promise<string[]> {
  const deadline = Date.now() + (options.waitMs ?? DATABASE_WAIT_MS);
  for (;;) {
    try {
      return await migrateToLatest(db);
    } catch (error) {
      if (!isConnectionFailure(error) || Date.now() >= deadline) throw error;
      options.onWait?.(error);
      await sleep(options.retryMs ?? 1_000);
    }
  }
}

/** True when every known migration has been applied (used by /readyz). */
export async function isMigrated(db: Db): Promise<boolean> {
  const migrator = new Migrator({ db, provider });
  const known = await migrator.getMigrations();
  return known.every((m) => m.executedAt !== undefined);
}
