/** Idempotency-Key on creating POSTs (API.md) and on cancels: replays, reuse with another body, scope per caller and object. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../support/databases.js';
import { addStock, createProduct, createWarehouse, orderBody } from '../support/fixtures.js';
import { countRows, expectBooksBalance, expectProblem } from '../support/problems.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe.each(testDialects())('idempotency keys on %s', (dialect) => {
  let server: TestServer;
  const withKey = (key: string) => ({ headers: { 'idempotency-key': key } });

  beforeAll(async () => {
    server = await startTestServer(dialect);
    await createWarehouse(server.admin, 'DAL', 'Dallas', 'TX');
    await createProduct(server.admin, 'MUG');
    await addStock(server.admin, 'MUG', 'DAL', 10);
  });
  afterAll(async () => server?.close());

  it('replays the stored answer for the same key and body, creating one order', async () => {
    const before = await countRows(server.deps.db, 'orders');
    const body = orderBody([{ sku: 'MUG', quantity: 1 }]);
    const first = await server.operator.post('/api/v1/orders', body, withKey('order-1'));
    expect(first.status, first.text).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    // The same body with its keys in another order is the same request.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const replay = await server.operator.post('/api/v1/orders', reordered, withKey('order-1'));
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(await countRows(server.deps.db, 'orders')).toBe(before + 1);
  });

  it('answers 422 idempotency_key_reused for the same key with another body', async () => {
    await server.operator.post('/api/v1/orders', orderBody([{ sku: 'MUG', quantity: 1 }]), withKey('order-2'));
    expectProblem(await server.operator.post('/api/v1/orders', orderBody([{ sku: 'MUG', quantity: 2 }]), withKey('order-2')), 422, 'idempotency_key_reused');
  });

  it('replays a final failure as it was, even after the cause went away', async () => {
    const body = orderBody([{ sku: 'MUG', quantity: 50 }]);
    expectProblem(await server.operator.post('/api/v1/orders', body, withKey('order-3')), 409, 'insufficient_stock');
    await addStock(server.admin, 'MUG', 'DAL', 100);
    const replay = await server.operator.post('/api/v1/orders', body, withKey('order-3'));
    expectProblem(replay, 409, 'insufficient_stock');
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((await server.operator.post('/api/v1/orders', body, withKey('order-3b'))).status).toBe(201);
  });

  it('does not store validation the schema did, so a corrected body may use the key', async () => {
    expectProblem(await server.operator.post('/api/v1/orders', orderBody([{ sku: 'MUG', quantity: 0 }]), withKey('order-4')), 422, 'validation_failed');
    const fixed = await server.operator.post('/api/v1/orders', orderBody([{ sku: 'MUG', quantity: 1 }]), withKey('order-4'));
    expect(fixed.status, fixed.text).toBe(201);
  });

  it('scopes keys to the caller and the route', async () => {
    const body = orderBody([{ sku: 'MUG', quantity: 1 }]);
    const byOperator = await server.operator.post('/api/v1/orders', body, withKey('shared'));
    const byAdmin = await server.admin.post('/api/v1/orders', body, withKey('shared'));
    expect(byOperator.status).toBe(201);
    expect(byAdmin.status).toBe(201);
    expect(byAdmin.body.id).not.toBe(byOperator.body.id);
    const product = await server.operator.post('/api/v1/products', { sku: 'KEYED', name: 'k', unit_price: 1, currency: 'USD' }, withKey('shared'));
    expect(product.status, product.text).toBe(201);
  });

  it('replays a cancel retried with its key, by id or number, so a partial cancel takes its units once', async () => {
    const place = async () => (await server.operator.post('/api/v1/orders', orderBody([{ sku: 'MUG', quantity: 3 }]))).body;
    const [order, other] = [await place(), await place()];
    const cancelOne = { lines: [{ sku: 'MUG', quantity: 1 }], reason: 'one too many' };
    const first = await server.operator.post(`/api/v1/orders/${order.id}/cancel`, cancelOne, withKey('cancel-1'));
    expect(first.status, first.text).toBe(200);
    expect(first.body.lines[0].quantity_cancelled).toBe(1);
    for (const named of [order.id, order.number]) {
      const replay = await server.operator.post(`/api/v1/orders/${named}/cancel`, cancelOne, withKey('cancel-1'));
      expect(replay.status).toBe(200);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(replay.body).toEqual(first.body);
    }
    expect((await server.viewer.get(`/api/v1/orders/${order.id}`)).body.lines[0].quantity_cancelled).toBe(1);

    // The same key and body for another order is that order's own cancel.
    const elsewhere = await server.operator.post(`/api/v1/orders/${other.id}/cancel`, cancelOne, withKey('cancel-1'));
    expect(elsewhere.status, elsewhere.text).toBe(200);
    expect(elsewhere.headers.get('idempotent-replayed')).toBeNull();
    expect(elsewhere.body).toMatchObject({ id: other.id, lines: [{ quantity_cancelled: 1 }] });

    // A whole cancel replayed after it succeeded is its 200, not 409 "already cancelled".
    const whole = await server.operator.post(`/api/v1/orders/${order.id}/cancel`, { reason: 'changed my mind' }, withKey('cancel-2'));
    expect(whole.body.status).toBe('cancelled');
    expect((await server.operator.post(`/api/v1/orders/${order.id}/cancel`, { reason: 'changed my mind' }, withKey('cancel-2'))).status).toBe(200);
    expectProblem(await server.operator.post(`/api/v1/orders/${order.id}/cancel`, { reason: 'changed my mind' }), 409, 'invalid_transition');
    expectProblem(await server.operator.post('/api/v1/orders/ord_missing/cancel', { reason: 'x' }, withKey('cancel-3')), 404, 'not_found');
  });

  it('keeps the books balanced', async () => {
    await expectBooksBalance(server.deps.db);
  });
});
