/**
 * Kysely driver for better-sqlite3, written for this project instead of Kysely's own because:
 * - write transactions start with BEGIN IMMEDIATE: with several processes on one file, a deferred
 *   transaction that reads and then writes can fail with SQLITE_BUSY at once instead of waiting;
 * - transactions are group-committed (see below);
 * - prepared statements are cached by SQL text (preparing costs more than running a small query);
 * - waiters for the single connection queue in order instead of all waking at every release;
 * - migrations run in one write transaction, so that several processes can migrate one file at once.
 *
 * Group commit. SQLite has one writer at a time, and each COMMIT writes every page the transaction
 * touched to the WAL: an order touches ~15 pages (stock, orders, lines, ledger, their indexes) and
 * its COMMIT was the costliest statement of the order transaction (~200 µs of ~700 µs, measured
 * per statement at the DB-only limit). Concurrent orders touch mostly the same pages, so the driver
 * runs each Kysely transaction as a SAVEPOINT inside one shared BEGIN IMMEDIATE … COMMIT and commits
 * that once per turn of the event loop (setImmediate), after every transaction that was ready in
 * that turn. The guarantees do not change:
 * - a transaction's commit() resolves only after the COMMIT that contains it succeeded, so no
 *   caller answers a client (or enqueues anything) on the strength of unwritten data; if that COMMIT
 *   fails, every transaction in it is told so (rejected), as if each had failed to commit;
 * - a transaction that rolls back rolls back to its own savepoint and takes nothing else with it;
 *   if SQLite itself aborted the shared transaction (a disk I/O error), every transaction batched in
 *   it is rejected;
 * - a statement outside any transaction first commits the batch, so it never reads data that is
 *   not yet durable, and an autocommit write never rides in a batch;
 * - isolation is as before: transactions still run one at a time on the one connection.
 * With one transaction at a time (no concurrency) this is one extra turn of the event loop per
 * commit. Figures: bench/results/orders.json and the commit that introduced this.
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
/** The savepoint that stands for one Kysely transaction inside the shared one. */
const TRANSACTION_SAVEPOINT = 'wb_tx';

/** The one better-sqlite3 connection, with its statements cached by SQL text. */
class SqliteStatements {
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

  run<R>(sql: string, parameters: readonly unknown[]): QueryResult<R> {
    const statement = this.#prepare(sql);
    if (statement.reader) return { rows: statement.all(parameters) as R[] };
    const { changes } = statement.run(parameters);
    return { numAffectedRows: BigInt(changes), rows: [] };
  }

  *iterate<R>(sql: string, parameters: readonly unknown[]): IterableIterator<QueryResult<R>> {
    for (const row of this.#prepare(sql).iterate(parameters)) yield { rows: [row as R] };
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

  /** Like acquire, but ahead of every waiter: a batch's COMMIT must not wait behind the next batch. */
  acquireFirst(): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiters.unshift(resolve));
  }

  release(): void {
    const next = this.#waiters.shift();
    if (next) next();
    else this.#held = false;
  }
}

/**
 * One use of the connection, from Kysely's acquireConnection to its releaseConnection. A committed
 * transaction hands the connection on before its commit() resolves (that is what lets the next
 * transaction join the batch), so each use needs its own handle to know whether it still holds it.
 */
class Lease implements DatabaseConnection {
  released = false;
  inTransaction = false;

  constructor(private readonly driver: SqliteDriver) {}

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    try {
      return Promise.resolve(this.driver.run<R>(this, compiledQuery.sql, compiledQuery.parameters));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    return this.driver.stream<R>(this, compiledQuery.sql, compiledQuery.parameters);
  }
}

interface PendingCommit {
  resolve(): void;
  reject(error: unknown): void;
}

class SqliteDriver implements Driver {
  readonly #lock = new ConnectionLock();
  readonly #statements: SqliteStatements;
  readonly #db: BetterSqlite3.Database;
  /** The shared BEGIN IMMEDIATE is open. */
  #batchOpen = false;
  /** Transactions released into the open batch, waiting for its COMMIT. */
  #pending: PendingCommit[] = [];
  #flushScheduled = false;

  constructor(db: BetterSqlite3.Database) {
    this.#db = db;
    this.#statements = new SqliteStatements(db);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#lock.acquire();
    return new Lease(this);
  }

  run<R>(lease: Lease, sql: string, parameters: readonly unknown[]): QueryResult<R> {
    if (!lease.inTransaction) this.#commitBatch();
    return this.#statements.run<R>(sql, parameters);
  }

  async *stream<R>(lease: Lease, sql: string, parameters: readonly unknown[]): AsyncIterableIterator<QueryResult<R>> {
    if (!lease.inTransaction) this.#commitBatch();
    yield* this.#statements.iterate<R>(sql, parameters);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    // SQLite aborts a whole transaction on some errors (I/O, full disk): the batch is gone.
    if (this.#batchOpen && !this.#db.inTransaction) this.#abandonBatch(new Error('SQLite rolled back the shared transaction'));
    if (!this.#batchOpen) {
      this.#statements.run('BEGIN IMMEDIATE', []);
      this.#batchOpen = true;
    }
    this.#statements.run(`SAVEPOINT ${TRANSACTION_SAVEPOINT}`, []);
    lease.inTransaction = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    this.#statements.run(`RELEASE ${TRANSACTION_SAVEPOINT}`, []);
    lease.inTransaction = false;
    const committed = new Promise<void>((resolve, reject) => this.#pending.push({ resolve, reject }));
    this.#scheduleFlush();
    // Hand the connection to the next transaction now, so that it can join this batch.
    await this.releaseConnection(lease);
    return committed;
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    // Already over: its batch's COMMIT failed (and rejected it), or it never began.
    if (!lease.inTransaction) return;
    lease.inTransaction = false;
    if (this.#db.inTransaction) {
      this.#statements.run(`ROLLBACK TO ${TRANSACTION_SAVEPOINT}`, []);
      this.#statements.run(`RELEASE ${TRANSACTION_SAVEPOINT}`, []);
      // The batch may now hold nothing, but it still holds the write lock: end it soon.
      this.#scheduleFlush();
    } else {
      this.#abandonBatch(new Error('SQLite rolled back the shared transaction'));
    }
  }

  async savepoint(_connection: DatabaseConnection, name: string): Promise<void> {
    this.#statements.run(`SAVEPOINT "${name}"`, []);
  }

  async rollbackToSavepoint(_connection: DatabaseConnection, name: string): Promise<void> {
    this.#statements.run(`ROLLBACK TO "${name}"`, []);
  }

  async releaseSavepoint(_connection: DatabaseConnection, name: string): Promise<void> {
    this.#statements.run(`RELEASE "${name}"`, []);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    if (lease.released) return;
    lease.released = true;
    this.#lock.release();
  }

  async destroy(): Promise<void> {
    await this.#lock.acquireFirst();
    this.#commitBatch();
    this.#db.close();
  }

  #scheduleFlush(): void {
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    setImmediate(() => void this.#flush());
  }

  /** Commits the batch between two transactions, never in the middle of one. */
  async #flush(): Promise<void> {
    await this.#lock.acquireFirst();
    this.#flushScheduled = false;
    try {
      this.#commitBatch();
    } finally {
      this.#lock.release();
    }
  }

  /** Commits the open batch (the caller holds the connection, outside any transaction). */
  #commitBatch(): void {
    if (!this.#batchOpen) return;
    const batch = this.#pending;
    this.#pending = [];
    this.#batchOpen = false;
    try {
      if (!this.#db.inTransaction) throw new Error('SQLite rolled back the shared transaction');
      this.#statements.run('COMMIT', []);
    } catch (error) {
      if (this.#db.inTransaction) this.#statements.run('ROLLBACK', []);
      for (const waiter of batch) waiter.reject(error);
      return;
    }
    for (const waiter of batch) waiter.resolve();
  }

  #abandonBatch(error: Error): void {
    const batch = this.#pending;
    this.#pending = [];
    this.#batchOpen = false;
    for (const waiter of batch) waiter.reject(error);
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
