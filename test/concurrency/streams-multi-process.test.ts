/**
 * Live streams across real `waybill serve` processes sharing one database (each with its worker):
 * a change made through one process reaches the stream clients of the other. On PostgreSQL through
 * LISTEN/NOTIFY (the relay notifies inside its transaction, every process hears it at commit); on
 * SQLite through the hub's poll of the shared file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventStream, type EventStreamClient } from '../../src/streams/sse-client.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';
import { addStock, createProduct, createWarehouse, orderBody } from '../support/fixtures.js';
import { Client } from '../support/http.js';
import { spawnServer, waitReady, type ServerProcess } from './processes.js';

const ADMIN_KEY = 'wb_streams_multi_process_admin_key_0123';

describe.each(testDialects())('live streams across two server processes on one %s database', (dialect) => {
  let database: TestDatabase;
  const servers: ServerProcess[] = [];
  const clients: EventStreamClient[] = [];

  const stream = async (server: ServerProcess, headers: Record<string, string> = {}) => {
    const client = await openEventStream(`${server.url}/api/v1/stream`, { headers: { authorization: `Bearer ${ADMIN_KEY}`, ...headers } });
    clients.push(client);
    expect(client.status, server.output()).toBe(200);
    return client;
  };

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const env = { DATABASE_URL: database.url, WAYBILL_ADMIN_KEY: ADMIN_KEY, LOG_LEVEL: 'warn', WAYBILL_RATE_LIMIT_PER_MINUTE: '0' };
    // One first, so that the other finds the database migrated (start-up races are multi-process.test.ts's subject).
    servers.push(await spawnServer(env));
    await waitReady(servers[0]!);
    servers.push(await spawnServer(env));
    await waitReady(servers[1]!);
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await Promise.all(servers.map((s) => s.stop()));
    await database?.drop();
  });

  it('a client streaming from process B sees an order placed through process A, as do A’s clients, each change once', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const api = new Client(a.url, ADMIN_KEY);
    await createWarehouse(api, 'DAL', 'Dallas', 'TX');
    await createProduct(api, 'MUG');
    await addStock(api, 'MUG', 'DAL', 10);

    const onB = await stream(b);
    const onA = await stream(a);
    const placed = await api.post('/api/v1/orders', orderBody([{ sku: 'MUG', quantity: 1 }]));
    expect(placed.status, placed.text).toBe(201);
    const order = placed.body as { id: string; number: string };
    const isPlaced = (e: { event: string; data: string }) => e.event === 'order.placed' && JSON.parse(e.data).order_id === order.id;

    const fromB = await onB.waitFor(isPlaced, 20_000).catch((error: Error) => {
      throw new Error(`${error.message}\nA:\n${a.output()}\nB:\n${b.output()}`);
    });
    expect(JSON.parse(fromB.data)).toMatchObject({ id: fromB.id, type: 'order.placed', order_id: order.id, order_number: order.number });
    const fromA = await onA.waitFor(isPlaced, 20_000);
    expect(fromA.id).toBe(fromB.id);
    // One of the two workers relayed it, so at least one of these clients got it from the other process.

    // Both workers relay (each claims different rows); every change still arrives once at each client.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    for (const client of [onA, onB]) {
      const ids = client.events.map((e) => e.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
    // A client moving from B to A resumes where it was, without repeats.
    const last = onB.lastEventId!;
    onB.close();
    const resumed = await stream(a, { 'last-event-id': last });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(resumed.events.filter((e) => e.id !== null && e.id <= last)).toEqual([]);
  });
});
