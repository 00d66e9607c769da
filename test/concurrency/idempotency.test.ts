/**
 * Proof that an Idempotency-Key makes a retried or duplicated order safe under concurrency: one
 * order however many identical requests race, replays answer what the first answer was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerMismatches } from '../../src/inventory/index.js';
import { testDialects } from '../support/databases.js';
import { addStock, createProduct, createWarehouse, orderBody, stockOf } from '../support/fixtures.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { tally } from './helpers.js';

describe.each(testDialects())('idempotent order placement on %s', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    await createWarehouse(server.admin, 'DAL', 'Dallas', 'TX');
    await createProduct(server.admin, 'KEYED');
    await createProduct(server.admin, 'SCARCE');
    await addStock(server.admin, 'KEYED', 'DAL', 100);
    await addStock(server.admin, 'SCARCE', 'DAL', 1);
  });
  afterAll(async () => server?.close());

  const keyed = (key: string) => ({ headers: { 'idempotency-key': key } });

  it('creates one order from 50 concurrent identical requests, and replays it afterwards', async () => {
    const email = 'once@example.com';
    const body = orderBody([{ sku: 'KEYED', quantity: 2 }], { customer: { email, name: 'Once Only' } });
    const answers = await Promise.all(Array.from({ length: 50 }, () => server.operator.post('/api/v1/orders', body, keyed('race-1'))));

    const counts = tally(answers);
    // The one that ran answers 201; the others either saw it in flight (409) or already done (a 201 replay).
    expect(Object.keys(counts).filter((k) => k !== '201' && k !== '409 idempotency_key_in_use'), JSON.stringify(counts)).toEqual([]);
    const created = answers.filter((a) => a.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(created.filter((a) => a.headers.get('idempotent-replayed') !== 'true')).toHaveLength(1);
    const orderId = created[0]!.body.id;
    for (const a of created) expect(a.body.id).toBe(orderId);

    const listed = await server.viewer.get(`/api/v1/orders?email=${encodeURIComponent(email)}`);
    expect(listed.body.data.map((o: { id: string }) => o.id)).toEqual([orderId]);
    expect((await stockOf(server.admin, 'KEYED'))[0]!.reserved).toBe(2);

    const original = created.find((a) => a.headers.get('idempotent-replayed') !== 'true')!;
    const replay = await server.operator.post('/api/v1/orders', body, keyed('race-1'));
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(original.body);
  });

  it('refuses the same key with a different body, and scopes keys to the caller', async () => {
    const body = orderBody([{ sku: 'KEYED', quantity: 1 }], { customer: { email: 'scoped@example.com', name: 'Scoped' } });
    const first = await server.operator.post('/api/v1/orders', body, keyed('scoped-1'));
    expect(first.status, first.text).toBe(201);

    const changed = await server.operator.post('/api/v1/orders', { ...body, lines: [{ sku: 'KEYED', quantity: 3 }] }, keyed('scoped-1'));
    expect(changed.status).toBe(422);
    expect(changed.body.code).toBe('idempotency_key_reused');

    // The same key from another API key is another principal's key: a new order, not a replay.
    const other = await server.admin.post('/api/v1/orders', body, keyed('scoped-1'));
    expect(other.status, other.text).toBe(201);
    expect(other.headers.get('idempotent-replayed')).toBeNull();
    expect(other.body.id).not.toBe(first.body.id);

    const listed = await server.viewer.get('/api/v1/orders?email=scoped@example.com');
    expect(listed.body.data.map((o: { id: string }) => o.id).sort()).toEqual([first.body.id, other.body.id].sort());
  });

  it('replays a refusal for lack of stock as the same 409, even once stock has arrived', async () => {
    const body = orderBody([{ sku: 'SCARCE', quantity: 2 }], { customer: { email: 'short@example.com', name: 'Short' } });
    const refused = await server.operator.post('/api/v1/orders', body, keyed('short-1'));
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('insufficient_stock');
    expect(refused.body.lines).toEqual([{ sku: 'SCARCE', requested: 2, available: 1 }]);

    // The answer for this key is final: new stock does not turn a replay into an order.
    await addStock(server.admin, 'SCARCE', 'DAL', 5);
    const replay = await server.operator.post('/api/v1/orders', body, keyed('short-1'));
    expect(replay.status).toBe(409);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.headers.get('content-type')).toContain('application/problem+json');
    expect(replay.body).toEqual(refused.body);
    expect((await stockOf(server.admin, 'SCARCE'))[0]!.reserved).toBe(0);
    expect(await ledgerMismatches(server.deps.db)).toEqual([]);
  });
});
