/**
 * Proof that two real server processes sharing one database (one SQLite file, or one PostgreSQL
 * database) neither race at start (migrations, first admin key) nor oversell: the guarantees must
 * hold in the database, not in one process's memory.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerMismatches } from '../../src/inventory/index.js';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.js';
import { migrations } from '../../src/platform/db/migrations/index.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';
import { addStock, createProduct, createWarehouse, orderBody, stockOf } from '../support/fixtures.js';
import { Client } from '../support/http.js';
import { customerFor, tally } from './helpers.js';
import { migrateAtOnce, spawnServer, waitReady, type ServerProcess } from './processes.js';

const ADMIN_KEY = 'wb_multi_process_admin_key_0123456789';

describe.each(testDialects())('two server processes on one %s database', (dialect) => {
  let database: TestDatabase;
  let servers: ServerProcess[] = [];
  let handle: DatabaseHandle | undefined;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    // No worker: the proof is about taking orders; a worker would go on to ship them (stock leaving).
    const env = { DATABASE_URL: database.url, WAYBILL_ADMIN_KEY: ADMIN_KEY, LOG_LEVEL: 'warn', WAYBILL_RATE_LIMIT_PER_MINUTE: '0', WAYBILL_WORKER: 'off' };
    // Both start at the same moment on an empty database: each runs the migrations and ensures the
    // admin key, so a start-up race makes one of them exit (or never become ready).
    servers = await Promise.all([spawnServer(env), spawnServer(env)]);
    await Promise.all(servers.map((s) => waitReady(s)));
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await handle?.close();
    await database?.drop();
  });

  it('both come up ready and answer with the same admin key', async () => {
    for (const server of servers) {
      const ready = await new Client(server.url).get('/readyz');
      expect(ready.body, server.output()).toEqual({ status: 'ok', checks: { database: 'ok', migrations: 'ok' } });
      expect((await new Client(server.url, ADMIN_KEY).get('/api/v1/products')).status).toBe(200);
    }
  });

  it('sells 50 units exactly once to 200 concurrent buyers split across both processes', async () => {
    const [a, b] = servers.map((s) => new Client(s.url, ADMIN_KEY)) as [Client, Client];
    await createWarehouse(a, 'DAL', 'Dallas', 'TX');
    await createProduct(a, 'SHARED');
    await addStock(a, 'SHARED', 'DAL', 50);

    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? a : b).post('/api/v1/orders', orderBody([{ sku: 'SHARED', quantity: 1 }], { customer: customerFor(i) }))),
    );

    const output = servers.map((s) => s.output()).join('\n');
    expect(tally(answers), output).toEqual({ '201': 50, '409 insufficient_stock': 150 });
    const placed = answers.filter((x) => x.status === 201).map((x) => x.body);
    // The order number counter is shared through the database, not held per process.
    expect(new Set(placed.map((o) => o.number)).size).toBe(50);
    // Each process saw the other's orders: the stock is read back through the other one.
    expect(await stockOf(b, 'SHARED')).toMatchObject([{ sku: 'SHARED', warehouse: 'DAL', on_hand: 50, reserved: 50, available: 0 }]);

    handle = openDatabase(database.target);
    expect(await ledgerMismatches(handle.db)).toEqual([]);
  });

  it('migrates a fresh database from four processes released at once: one applies it, the others find it done', async () => {
    // The servers above start at once too, but whether their migrations overlap is down to start-up
    // timing; these processes load everything first and are then released within a millisecond.
    const fresh = await createTestDatabase(dialect);
    try {
      const runs = await migrateAtOnce(fresh.url, 4);
      const outputs = runs.map((r) => r.output).join('\n');
      expect(runs.map((r) => r.code), outputs).toEqual([0, 0, 0, 0]);
      // One process applies every migration there is; the other three find nothing left to do.
      expect(runs.map((r) => r.output).sort(), outputs).toEqual(['applied 0', 'applied 0', 'applied 0', `applied ${Object.keys(migrations).length}`]);
    } finally {
      await fresh.drop();
    }
  });
});
