/**
 * Kysely driver for better-sqlite3, written for this project instead of Kysely's own because:
 * - write transactions start with BEGIN IMMEDIATE: with several processes on one file, a deferred
 *   transaction that reads and then writes can fail with SQLITE_BUSY at once instead of waiting;
 * - prepared statements are cached by SQL text (preparing costs more than running a small query);
 * - waiters for the single connection queue in order instead of all waking at every release;
 * - migrations run in one write transaction, so that several processes can migrate one file at once.
 */
import type BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';

const STATEMENT_CACHE_LIMIT = 2000;

class SqliteConnection implements DatabaseConnection {
  readonly #db: BetterSqlite3.Database;
  readonly #statements = new Map<string, BetterSqlite3.Statement>();

  constructor(db: BetterSqlite3.Database) {
    this.#db = db;
  }

  #prepare(sql: string): BetterSqlite3.Statement {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#db.prepare(sql);
      if (this.#statements.size >= STATEMENT_CACHE_LIMIT) this.#statements.clear();
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    try {
      return Promise.resolve(this.runSync<R>(compiledQuery.sql, compiledQuery.parameters));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  runSync<R>(sql: string, parameters: readonly unknown[]): QueryResult<R> {
    const statement = this.#prepare(sql);
    if (statement.reader) return { rows: statement.all(parameters) as R[] };
    const { changes } = statement.run(parameters);
    return { numAffectedRows: BigInt(changes), rows: [] };
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const statement = this.#prepare(compiledQuery.sql);
    for (const row of statement.iterate(compiledQuery.parameters)) yield { rows: [row as R] };
  }
}

/** A FIFO lock for the one connection: each release wakes exactly the next waiter. */
class ConnectionLock {
  #held = false;
  readonly #waiters: Array<() => void> = [];

  acquire(): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  release(): void {
    const next = this.#waiters.shift();
    if (next) next();
    else this.#held = false;
  }
}

class SqliteDriver implements Driver {
  readonly #lock = new ConnectionLock();
  readonly #connection: SqliteConnection;
  readonly #db: BetterSqlite3.Database;

  constructor(db: BetterSqlite3.Database) {
    this.#db = db;
    this.#connection = new SqliteConnection(db);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#lock.acquire();
    return this.#connection;
  }

  async beginTransaction(): Promise<void> {
    this.#connection.runSync('BEGIN IMMEDIATE', []);
  }

  async commitTransaction(): Promise<void> {
    this.#connection.runSync('COMMIT', []);
  }

  async rollbackTransaction(): Promise<void> {
    // A failed COMMIT or a busy error may already have ended the transaction.
    if (this.#db.inTransaction) this.#connection.runSync('ROLLBACK', []);
  }

  async savepoint(_connection: DatabaseConnection, name: string): Promise<void> {
    this.#connection.runSync(`SAVEPOINT "${name}"`, []);
  }

  async rollbackToSavepoint(_connection: DatabaseConnection, name: string): Promise<void> {
    this.#connection.runSync(`ROLLBACK TO "${name}"`, []);
  }

  async releaseSavepoint(_connection: DatabaseConnection, name: string): Promise<void> {
    this.#connection.runSync(`RELEASE "${name}"`, []);
  }

  async releaseConnection(): Promise<void> {
    this.#lock.release();
  }

  async destroy(): Promise<void> {
    this.#db.close();
  }
}

/**
 * Kysely's SQLite adapter takes no migration lock (it assumes one process) and runs migrations
 * outside any transaction, so two servers starting at once on an empty file both ran the first
 * migration and one died with `table "…" already exists`. SQLite DDL is transactional, so we let
 * the migrator wrap the whole run in one transaction: BEGIN IMMEDIATE takes the file's write lock
 * before the migrator reads which migrations are applied, the second process waits for it
 * (busy_timeout) and then finds nothing left to do, and a failed migration leaves nothing behind.
 * The price: SQLite ignores `PRAGMA foreign_keys` inside a transaction, so a future migration that
 * rebuilds a table with foreign keys switched off needs its own plan rather than that pragma.
 */
class MigratingSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

export class BetterSqliteDialect implements Dialect {
  constructor(private readonly db: BetterSqlite3.Database) {}
  createAdapter() {
    return new MigratingSqliteAdapter();
  }
  createDriver(): Driver {
    return new SqliteDriver(this.db);
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  createIntrospector(db: Kysely<any>) {
    return new SqliteIntrospector(db);
  }
}
