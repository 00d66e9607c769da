import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerMismatches } from '../../src/inventory/index.js';
import { testDialects } from '../support/databases.js';
import { addStock, createProduct, createWarehouse, orderBody, stockOf } from '../support/fixtures.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe.each(testDialects())('orders on %s', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(dialect, { WAYBILL_SHIPPING_FEE: '500', WAYBILL_TAX_RATE_BPS: '825' });
    const api = server.admin;
    // Austin TX is far nearer Dallas than Newark.
    await createWarehouse(api, 'DAL', 'Dallas', 'TX');
    await createWarehouse(api, 'EWR', 'Newark', 'NJ');
    await createProduct(api, 'MUG', { unit_price: 1999 });
    await createProduct(api, 'TEE', { unit_price: 2500 });
    await createProduct(api, 'EUR-ONLY', { currency: 'EUR' });
    await addStock(api, 'MUG', 'DAL', 5);
    await addStock(api, 'MUG', 'EWR', 20);
    await addStock(api, 'TEE', 'EWR', 10);
  });
  afterAll(async () => server?.close());

  it('places an order from the nearest warehouse that can fill all of it, with totals in minor units', async () => {
    const res = await server.operator.post('/api/v1/orders', orderBody([{ sku: 'MUG', quantity: 2 }, { sku: 'TEE', quantity: 1 }]));
    expect(res.status, res.text).toBe(201);
    const order = res.body;
    expect(order.id).toMatch(/^ord_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(order.number).toMatch(/^W-\d{6}$/);
    expect(order.status).toBe('placed');
    expect(order.subtotal).toBe(2 * 1999 + 2500);
    expect(order.shipping_total).toBe(500);
    // 8.25% of 6498 = 536.085 → 536
    expect(order.tax_total).toBe(536);
    expect(order.total).toBe(6498 + 500 + 536);
    // DAL cannot fill TEE, so the whole order goes to EWR rather than being split.
    expect(order.allocations).toEqual([
      { sku: 'MUG', warehouse: 'EWR', quantity: 2 },
      { sku: 'TEE', warehouse: 'EWR', quantity: 1 },
    ]);
    expect(order.tracking_token.length).toBeGreaterThanOrEqual(22);
    expect(order.tracking_url).toContain(`/track/${order.tracking_token}`);
    expect(order.lines[0]).toMatchObject({ sku: 'MUG', name: 'Product MUG', quantity: 2, unit_price: 1999, quantity_shipped: 0, quantity_cancelled: 0, quantity_returned: 0 });

    const byNumber = await server.viewer.get(`/api/v1/orders/${order.number}`);
    expect(byNumber.status).toBe(200);
    expect(byNumber.body.id).toBe(order.id);
    const ewr = (await stockOf(server.admin, 'MUG')).find((s) => s.warehouse === 'EWR')!;
    expect(ewr.reserved).toBe(2);
  });

  it('prefers the nearest warehouse when it can fill the whole order', async () => {
    const res = await server.operator.post('/api/v1/orders', orderBody([{ sku: 'MUG', quantity: 1 }]));
    expect(res.status, res.text).toBe(201);
    expect(res.body.allocations).toEqual([{ sku: 'MUG', warehouse: 'DAL', quantity: 1 }]);
  });

  it('splits across warehouses only when no single one can fill the order, nearest first', async () => {
    // DAL has 4 MUG left, EWR 18: neither holds 22.
    const res = await server.operator.post('/api/v1/orders', orderBody([{ sku: 'MUG', quantity: 12 }, { sku: 'MUG', quantity: 10 }]));
    expect(res.status, res.text).toBe(201);
    expect(res.body.allocations).toEqual([
      { sku: 'MUG', warehouse: 'DAL', quantity: 4 },
      { sku: 'MUG', warehouse: 'EWR', quantity: 18 },
    ]);
    const cancelled = await server.operator.post(`/api/v1/orders/${res.body.id}/cancel`, { lines: [{ sku: 'MUG', quantity: 10 }], reason: 'too many' });
    expect(cancelled.status, cancelled.text).toBe(200);
    // The farthest warehouse's reservation is released first.
    expect(cancelled.body.allocations).toEqual([
      { sku: 'MUG', warehouse: 'DAL', quantity: 4 },
      { sku: 'MUG', warehouse: 'EWR', quantity: 8 },
    ]);
  });

  it('sums lines of the same SKU before reserving and answers 409 listing every short line, reserving nothing', async () => {
    const before = await stockOf(server.admin, 'MUG');
    const res = await server.operator.post(
      '/api/v1/orders',
      orderBody([
        { sku: 'MUG', quantity: 7 },
        { sku: 'MUG', quantity: 7 },
        { sku: 'TEE', quantity: 50 },
      ]),
    );
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('insufficient_stock');
    expect(res.body.lines).toEqual([
      { sku: 'MUG', requested: 14, available: 10 },
      { sku: 'TEE', requested: 50, available: 9 },
    ]);
    expect(await stockOf(server.admin, 'MUG')).toEqual(before);
  });

  it('refuses unknown SKUs and currency mismatches with 422 naming the line', async () => {
    const res = await server.operator.post('/api/v1/orders', orderBody([{ sku: 'NOPE', quantity: 1 }, { sku: 'EUR-ONLY', quantity: 1 }]));
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['lines[0].sku', 'lines[1].sku']);
  });

  it('lists orders newest first with filters and cursor pagination', async () => {
    await server.operator.post('/api/v1/orders', orderBody([{ sku: 'TEE', quantity: 1 }], { customer: { email: 'Grace@Example.com', name: 'Grace Hopper' } }));
    const all = await server.viewer.get('/api/v1/orders?limit=2');
    expect(all.status).toBe(200);
    expect(all.body.data).toHaveLength(2);
    expect(all.body.next_cursor).toEqual(expect.any(String));
    const next = await server.viewer.get(`/api/v1/orders?limit=2&cursor=${all.body.next_cursor}`);
    expect(next.body.data).toHaveLength(2);
    const ids = [...all.body.data, ...next.body.data].map((o: { id: string }) => o.id);
    expect(new Set(ids).size).toBe(4);
    expect([...ids].sort().reverse()).toEqual(ids);

    const grace = await server.viewer.get('/api/v1/orders?email=grace@example.com');
    expect(grace.body.data).toHaveLength(1);
    expect(grace.body.data[0].customer.name).toBe('Grace Hopper');
    const search = await server.viewer.get('/api/v1/orders?q=hopper');
    expect(search.body.data.map((o: { id: string }) => o.id)).toEqual([grace.body.data[0].id]);
    const byNumber = await server.viewer.get(`/api/v1/orders?q=${grace.body.data[0].number}`);
    expect(byNumber.body.data).toHaveLength(1);
    const placed = await server.viewer.get('/api/v1/orders?status=placed&limit=200');
    expect(placed.body.data.length).toBe(4);
    const future = await server.viewer.get('/api/v1/orders?created_from=2027-01-01T00:00:00Z');
    expect(future.body.data).toEqual([]);
    const attention = await server.viewer.get('/api/v1/orders?attention=true');
    expect(attention.body.data).toEqual([]);
  });

  it('moves an order along its lifecycle and refuses moves the table does not allow', async () => {
    const placed = (await server.operator.post('/api/v1/orders', orderBody([{ sku: 'TEE', quantity: 2 }]))).body;
    const bad = await server.operator.post(`/api/v1/orders/${placed.id}/status`, { status: 'delivered' });
    expect(bad.status).toBe(409);
    expect(bad.body).toMatchObject({ code: 'invalid_transition', from: 'placed', to: 'delivered', allowed: ['processing', 'cancelled'] });

    const processing = await server.operator.post(`/api/v1/orders/${placed.id}/status`, { status: 'processing', note: 'picked by hand' });
    expect(processing.status, processing.text).toBe(200);
    expect(processing.body.status).toBe('processing');
    const teeBefore = (await stockOf(server.admin, 'TEE'))[0]!;
    const shipped = await server.operator.post(`/api/v1/orders/${placed.id}/status`, { status: 'shipped' });
    expect(shipped.status, shipped.text).toBe(200);
    expect(shipped.body.lines[0].quantity_shipped).toBe(2);
    const teeAfter = (await stockOf(server.admin, 'TEE'))[0]!;
    expect(teeAfter.on_hand).toBe(teeBefore.on_hand - 2);
    expect(teeAfter.reserved).toBe(teeBefore.reserved - 2);

    const cancel = await server.operator.post(`/api/v1/orders/${placed.id}/cancel`, { reason: 'changed mind' });
    expect(cancel.status).toBe(409);
    expect(cancel.body.code).toBe('invalid_transition');
    expect(cancel.body.hint).toContain('return');

    const events = await server.viewer.get(`/api/v1/orders/${placed.id}/events`);
    expect(events.body.data.map((e: { type: string }) => e.type)).toEqual(['order.placed', 'order.status_changed', 'order.status_changed']);
    expect(events.body.data[1]).toMatchObject({ actor: expect.stringMatching(/^api_key:key_/), data: { from: 'placed', to: 'processing', note: 'picked by hand' } });
  });

  it('cancels some lines, then the rest, releasing the reservation through the ledger', async () => {
    const order = (await server.operator.post('/api/v1/orders', orderBody([{ sku: 'MUG', quantity: 3 }, { sku: 'TEE', quantity: 1 }]))).body;
    const reservedBefore = (await stockOf(server.admin, 'MUG')).reduce((n, s) => n + s.reserved, 0);
    const tooMany = await server.operator.post(`/api/v1/orders/${order.id}/cancel`, { lines: [{ sku: 'MUG', quantity: 4 }], reason: 'x' });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.errors[0].path).toBe('lines[0].quantity');

    const partial = await server.operator.post(`/api/v1/orders/${order.id}/cancel`, { lines: [{ sku: 'MUG', quantity: 2 }], reason: 'customer asked' });
    expect(partial.status, partial.text).toBe(200);
    expect(partial.body.status).toBe('placed');
    expect(partial.body.lines[0].quantity_cancelled).toBe(2);
    expect((await stockOf(server.admin, 'MUG')).reduce((n, s) => n + s.reserved, 0)).toBe(reservedBefore - 2);

    const rest = await server.operator.post(`/api/v1/orders/${order.id}/cancel`, { reason: 'customer asked again' });
    expect(rest.status, rest.text).toBe(200);
    expect(rest.body.status).toBe('cancelled');
    expect(rest.body.allocations).toEqual([]);
    expect((await stockOf(server.admin, 'MUG')).reduce((n, s) => n + s.reserved, 0)).toBe(reservedBefore - 3);
    const again = await server.operator.post(`/api/v1/orders/${order.id}/cancel`, { reason: 'again' });
    expect(again.status).toBe(409);

    const movements = await server.viewer.get(`/api/v1/inventory/movements?order_id=${order.id}`);
    const kinds = movements.body.data.map((m: { kind: string }) => m.kind).sort();
    expect(kinds).toEqual(['release', 'release', 'release', 'reserve', 'reserve'].sort());
  });

  it('keeps the stock table equal to the sum of its ledger', async () => {
    expect(await ledgerMismatches(server.deps.db)).toEqual([]);
  });

  it('answers 404 problem+json for an unknown order', async () => {
    const res = await server.viewer.get('/api/v1/orders/ord_nope');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'not_found', status: 404, title: 'Not found' });
  });
});
