/**
 * The load proof: one server process holds 1,000 open event streams, and a change reaches
 * every one of them, complete and in order. How fast is measured by `npm run bench -- streams`,
 * never asserted here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventStream, type EventStreamClient } from '../../src/streams/sse-client.js';
import { testDialects } from '../support/databases.js';
import { addStock, createProduct, createWarehouse, orderBody } from '../support/fixtures.js';
import { drainJobs } from '../support/jobs.js';
import { startTestServer, type TestServer } from '../support/server.js';

const STREAMS = 1_000;

describe.each(testDialects())('1,000 open streams on one %s server', (dialect) => {
  let server: TestServer;
  const clients: EventStreamClient[] = [];

  beforeAll(async () => {
    server = await startTestServer(dialect);
    await createWarehouse(server.admin, 'DAL', 'Dallas', 'TX');
    await createProduct(server.admin, 'MUG');
    await addStock(server.admin, 'MUG', 'DAL', 100);
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await server?.close();
  });

  it('delivers an order’s every change to each of 1,000 streams', async () => {
    const headers = { authorization: `Bearer ${server.viewer.key}` };
    for (let i = 0; i < STREAMS; i += 100) {
      clients.push(...(await Promise.all(Array.from({ length: 100 }, () => openEventStream(`${server.url}/api/v1/stream`, { headers })))));
    }
    expect(clients.filter((c) => c.status !== 200)).toEqual([]);
    expect(server.deps.events.subscriberCount).toBe(STREAMS);

    const res = await server.operator.post('/api/v1/orders', orderBody([{ sku: 'MUG', quantity: 1 }]));
    expect(res.status, res.text).toBe(201);
    await drainJobs(server);
    const rows = await server.deps.db.selectFrom('order_events').select(['id', 'type']).where('order_id', '=', res.body.id).orderBy('id').execute();
    expect(rows.length).toBeGreaterThan(1);
    const last = rows[rows.length - 1]!.id;

    await Promise.all(clients.map((c) => c.waitFor((e) => e.id === last, 30_000)));
    for (const client of clients) expect(client.events.map((e) => [e.id, e.event])).toEqual(rows.map((r) => [r.id, r.type]));
  });
});
