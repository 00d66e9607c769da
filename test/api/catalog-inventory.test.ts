import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerMismatches } from '../../src/inventory/index.js';
import { testDialects } from '../support/databases.js';
import { addStock, createProduct, createWarehouse, orderBody, stockOf } from '../support/fixtures.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe.each(testDialects())('catalog, warehouses, inventory and customers on %s', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => server?.close());

  it('creates, reads, lists and changes products', async () => {
    const created = await createProduct(server.operator, 'SKU-A', { unit_price: 1250, reorder_point: 3, reorder_quantity: 20, returnable: false });
    expect(created).toMatchObject({ sku: 'SKU-A', unit_price: 1250, currency: 'USD', returnable: false, reorder_point: 3, supplier_id: null, lead_time_days: 0 });
    await createProduct(server.operator, 'SKU-B');
    await createProduct(server.operator, 'SKU-C');

    const one = await server.viewer.get('/api/v1/products/SKU-A');
    expect(one.body).toEqual(created);
    const first = await server.viewer.get('/api/v1/products?limit=2');
    expect(first.body.data.map((p: { sku: string }) => p.sku)).toEqual(['SKU-A', 'SKU-B']);
    const second = await server.viewer.get(`/api/v1/products?limit=2&cursor=${first.body.next_cursor}`);
    expect(second.body).toMatchObject({ data: [{ sku: 'SKU-C' }], next_cursor: null });

    server.clock.advance(60_000);
    const patched = await server.operator.patch('/api/v1/products/SKU-A', { unit_price: 1300, name: 'Renamed' });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body).toMatchObject({ sku: 'SKU-A', unit_price: 1300, name: 'Renamed', returnable: false });
    expect(patched.body.updated_at > created.updated_at).toBe(true);
    expect((await server.viewer.get('/api/v1/products/SKU-A')).body.unit_price).toBe(1300);
    expect((await server.operator.patch('/api/v1/products/NOPE', { unit_price: 1 })).status).toBe(404);
    expect((await server.operator.patch('/api/v1/products/SKU-A', {})).status).toBe(422);
  });

  it('creates warehouses, locating them from the gazetteer when no coordinates are given', async () => {
    const austin = await createWarehouse(server.admin, 'AUS', 'Austin', 'TX');
    expect(austin.latitude).toBeCloseTo(30.27, 1);
    expect(austin.longitude).toBeCloseTo(-97.74, 1);
    const given = await createWarehouse(server.admin, 'X1', 'Nowhere Special', null, 'US', { latitude: 10, longitude: 20 });
    expect(given).toMatchObject({ latitude: 10, longitude: 20 });
    const unknown = await server.admin.post('/api/v1/warehouses', { code: 'ZZ', name: 'z', address: { line1: 'x', city: 'Qwxyzville', country: 'US' } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].path).toBe('address.city');
    const list = await server.viewer.get('/api/v1/warehouses');
    expect(list.body.data.map((w: { code: string }) => w.code)).toEqual(['AUS', 'X1']);
  });

  it('counts and adjusts stock, every change a ledger row', async () => {
    const counted = await server.operator.put('/api/v1/inventory/SKU-A/AUS', { on_hand: 10, reason: 'stock take' });
    expect(counted.status, counted.text).toBe(200);
    expect(counted.body).toMatchObject({ sku: 'SKU-A', warehouse: 'AUS', on_hand: 10, reserved: 0, available: 10 });
    const adjusted = await addStock(server.operator, 'SKU-A', 'AUS', -4);
    expect(adjusted).toMatchObject({ on_hand: 6, available: 6 });
    await addStock(server.operator, 'SKU-B', 'X1', 7);
    const recount = await server.operator.put('/api/v1/inventory/SKU-A/AUS', { on_hand: 9 });
    expect(recount.body.on_hand).toBe(9);

    const movements = await server.viewer.get('/api/v1/inventory/movements?sku=SKU-A');
    expect(movements.body.data.map((m: { kind: string; on_hand_delta: number }) => [m.kind, m.on_hand_delta])).toEqual([
      ['count', 3],
      ['adjust', -4],
      ['count', 10],
    ]);
    expect(movements.body.data[1]).toMatchObject({ warehouse: 'AUS', reason: 'test stock', reserved_delta: 0, order_id: null, actor: expect.stringMatching(/^api_key:/) });
    expect((await server.viewer.get('/api/v1/inventory/movements?warehouse=X1')).body.data).toHaveLength(1);
    expect((await server.operator.put('/api/v1/inventory/SKU-A/NOPE', { on_hand: 1 })).status).toBe(404);
    expect((await server.operator.put('/api/v1/inventory/NOPE/AUS', { on_hand: 1 })).status).toBe(404);
  });

  it('lists stock below its reorder point', async () => {
    // SKU-A: reorder point 3, 9 on hand; SKU-B: reorder point 0, 7 on hand.
    expect((await server.viewer.get('/api/v1/inventory?below_reorder_point=true')).body.data).toEqual([]);
    await addStock(server.operator, 'SKU-A', 'AUS', -6);
    const low = await server.viewer.get('/api/v1/inventory?below_reorder_point=true');
    expect(low.body.data).toMatchObject([{ sku: 'SKU-A', warehouse: 'AUS', available: 3, reorder_point: 3 }]);
    const all = await server.viewer.get('/api/v1/inventory?limit=1');
    expect(all.body.data).toHaveLength(1);
    const rest = await server.viewer.get(`/api/v1/inventory?limit=1&cursor=${all.body.next_cursor}`);
    expect(rest.body.data[0].sku).toBe('SKU-B');
    expect(await stockOf(server.viewer, 'SKU-B')).toMatchObject([{ warehouse: 'X1', on_hand: 7 }]);
  });

  it('refuses to count or adjust below what orders have reserved', async () => {
    const order = await server.operator.post('/api/v1/orders', orderBody([{ sku: 'SKU-A', quantity: 2 }]));
    expect(order.status, order.text).toBe(201);
    const count = await server.operator.put('/api/v1/inventory/SKU-A/AUS', { on_hand: 1 });
    expect(count.status).toBe(409);
    expect(count.body).toMatchObject({ code: 'conflict', reserved: 2 });
    const adjust = await server.operator.post('/api/v1/inventory/adjustments', { sku: 'SKU-A', warehouse: 'AUS', delta: -2, reason: 'broken' });
    expect(adjust.status).toBe(409);
    expect(await stockOf(server.viewer, 'SKU-A')).toMatchObject([{ on_hand: 3, reserved: 2, available: 1 }]);
  });

  it('finds customers with their order count and lifetime value', async () => {
    const list = await server.viewer.get('/api/v1/customers?email=ADA@example.com');
    expect(list.body.data).toHaveLength(1);
    const customer = list.body.data[0];
    expect(customer).toMatchObject({ email: 'ada@example.com', name: 'Ada Lovelace', order_count: 1, lifetime_value: 2 * 1300 });
    const one = await server.viewer.get(`/api/v1/customers/${customer.id}`);
    expect(one.body).toEqual(customer);
    expect((await server.viewer.get('/api/v1/customers/cus_nope')).status).toBe(404);
  });

  it('keeps keyed adjustments idempotent and honours the 24-hour life of a key', async () => {
    const body = { sku: 'SKU-B', warehouse: 'X1', delta: 1, reason: 'found one' };
    const headers = { 'idempotency-key': 'adjust-1' };
    const first = await server.operator.post('/api/v1/inventory/adjustments', body, { headers });
    const replay = await server.operator.post('/api/v1/inventory/adjustments', body, { headers });
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect((await stockOf(server.viewer, 'SKU-B'))[0]!.on_hand).toBe(8);

    server.clock.advance(24 * 60 * 60 * 1000 + 1000);
    const afterExpiry = await server.operator.post('/api/v1/inventory/adjustments', body, { headers });
    expect(afterExpiry.status).toBe(201);
    expect(afterExpiry.headers.get('idempotent-replayed')).toBeNull();
    expect((await stockOf(server.viewer, 'SKU-B'))[0]!.on_hand).toBe(9);
  });

  it('keeps the stock table equal to the sum of its ledger', async () => {
    expect(await ledgerMismatches(server.deps.db)).toEqual([]);
  });
});
