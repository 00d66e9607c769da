/**
 * The SQLite driver's group commit (sqlite-driver.ts): transactions that overlap share one COMMIT,
 * yet each one commits, rolls back and fails as if it were alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BetterSqliteDialect } from './sqlite-driver.js';

interface TestDb {
  parents: { id: number };
  children: { id: number; parent_id: number };
}

let dir: string;
let file: string;
let db: Kysely<TestDb>;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'waybill-driver-'));
  file = join(dir, 'test.db');
  const connection = new BetterSqlite3(file);
  connection.pragma('journal_mode = WAL');
  connection.pragma('foreign_keys = ON');
  db = new Kysely<TestDb>({ dialect: new BetterSqliteDialect(connection) });
  await sql`create table parents (id integer primary key)`.execute(db);
  // Deferred: SQLite checks it only at COMMIT, which lets a test make a batch's COMMIT fail.
  await sql`create table children (id integer primary key, parent_id integer not null references parents(id) deferrable initially deferred)`.execute(db);
});

afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

/** What another connection (another process, in effect) sees on disk. */
function committedParents(): number[] {
  const reader = new BetterSqlite3(file, { readonly: true });
  try {
    return (reader.prepare('select id from parents order by id').all() as Array<{ id: number }>).map((r) => r.id);
  } finally {
    reader.close();
  }
}

describe('SQLite group commit', () => {
  it('makes every transaction visible to other connections by the time its commit resolves', async () => {
    const seenAtCommit = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        await db.transaction().execute((trx) => trx.insertInto('parents').values({ id: i + 1 }).execute());
        return committedParents().includes(i + 1);
      }),
    );
    expect(seenAtCommit).toEqual(Array.from({ length: 20 }, () => true));
  });

  it('batches overlapping transactions and rolls back only the one that failed', async () => {
    const outcomes = await Promise.allSettled(
      [1, 2, 3, 4, 5].map((id) =>
        db.transaction().execute(async (trx) => {
          await trx.insertInto('parents').values({ id }).execute();
          if (id === 3) throw new Error('transaction 3 gives up');
        }),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(committedParents()).toEqual([1, 2, 4, 5]);
  });

  it('rejects every transaction of a batch whose COMMIT fails, and keeps none of them', async () => {
    await db.insertInto('parents').values({ id: 1 }).execute();
    const outcomes = await Promise.allSettled([
      db.transaction().execute((trx) => trx.insertInto('children').values({ id: 1, parent_id: 1 }).execute()),
      // An orphan: the deferred foreign key fails the shared COMMIT.
      db.transaction().execute((trx) => trx.insertInto('children').values({ id: 2, parent_id: 99 }).execute()),
      db.transaction().execute((trx) => trx.insertInto('parents').values({ id: 2 }).execute()),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(committedParents()).toEqual([1]);
    // The connection is usable afterwards, and the next batch commits normally.
    await db.transaction().execute((trx) => trx.insertInto('children').values({ id: 3, parent_id: 1 }).execute());
    expect(await db.selectFrom('children').select('id').execute()).toEqual([{ id: 3 }]);
  });

  it('commits the open batch before a statement outside any transaction runs', async () => {
    const inserting = db.transaction().execute((trx) => trx.insertInto('parents').values({ id: 7 }).execute());
    // Queued behind the transaction on the one connection; it must read committed data only.
    const read = db.selectFrom('parents').select('id').execute();
    const rows = await read;
    expect(rows).toEqual([{ id: 7 }]);
    expect(committedParents()).toEqual([7]);
    await inserting;
  });

  it('keeps nested savepoints working inside a batched transaction', async () => {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('parents').values({ id: 1 }).execute();
      await sql`savepoint inner_work`.execute(trx);
      await trx.insertInto('parents').values({ id: 2 }).execute();
      await sql`rollback to savepoint inner_work`.execute(trx);
      await sql`release savepoint inner_work`.execute(trx);
    });
    expect(committedParents()).toEqual([1]);
  });
});
