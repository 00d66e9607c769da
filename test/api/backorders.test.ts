/**
 * Backorders (issue 8, item 5) over real HTTP: a backorderable product takes orders beyond its
 * stock, reserving what there is and backordering the rest with the date an open purchase order
 * promises; the order waits unprocessed until a receipt reserves its missing units, oldest order
 * first, and then moves on and tells the customer once. A product that is not backorderable keeps
 * the all-or-nothing 409. Cancelling takes backordered units first. The ledger stays equal to stock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerMismatches } from '../../src/inventory/index.js';
import { testDialects } from '../support/databases.js';
import { addStock, createProduct, createWarehouse, orderBody, stockOf } from '../support/fixtures.js';
import { drainJobs } from '../support/jobs.js';
import { expectProblem } from '../support/problems.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { customerFor, tally } from '../concurrency/helpers.js';

const SKU = 'BACK-1';

describe.each(testDialects())('backorders on %s', (dialect) => {
  let server: TestServer;
  let supplierId: string;

  beforeAll(async () => {
    // No automatic purchase orders: this suite raises its own.
    server = await startTestServer(dialect, { WAYBILL_AUTO_REORDER: 'off' });
    const api = server.admin;
    await createWarehouse(api, 'DAL', 'Dallas', 'TX');
    await createProduct(api, SKU, { backorderable: true, length_mm: 100, width_mm: 100, height_mm: 100, weight_grams: 300 });
    await createProduct(api, 'PLAIN-1', { length_mm: 100, width_mm: 100, height_mm: 100 });
    await addStock(api, SKU, 'DAL', 2);
    await addStock(api, 'PLAIN-1', 'DAL', 1);
    const supplier = await api.post('/api/v1/suppliers', { name: 'Acme Mugs', email: 'orders@acme.example', lead_time_days: 5 });
    expect(supplier.status, supplier.text).toBe(201);
    supplierId = supplier.body.id;
  });
  afterAll(async () => server?.close());

  const orderOf = async (id: string) => (await server.viewer.get(`/api/v1/orders/${id}`)).body;
  const eventsOf = async (id: string) => (await server.viewer.get(`/api/v1/orders/${id}/events?limit=200`)).body.data as Array<{ type: string; data: any }>;
  const messagesOf = async (id: string) => (await server.viewer.get(`/api/v1/notifications?order_id=${id}&limit=200`)).body.data as Array<{ template: string; channel: string }>;
  const stock = async () => (await stockOf(server.viewer, SKU))[0]!;
  const place = async (quantity: number) => {
    const res = await server.operator.post('/api/v1/orders', orderBody([{ sku: SKU, quantity }]));
    expect(res.status, res.text).toBe(201);
    // A second apart: "oldest first" is by created_at.
    server.clock.advance(1_000);
    return res.body;
  };
  const cancel = (id: string, body: Record<string, unknown>) => server.operator.post(`/api/v1/orders/${id}/cancel`, body);

  let first: any;
  let second: any;

  it('accepts an order beyond stock: what there is is reserved, the rest backordered, and nothing is processed', async () => {
    first = await place(5);
    expect(first.status).toBe('placed');
    expect(first.lines[0]).toMatchObject({ sku: SKU, quantity: 5, quantity_backordered: 3, backorder_expected_at: null });
    expect(first.allocations).toEqual([{ sku: SKU, warehouse: 'DAL', quantity: 2 }]);
    expect(await stock()).toMatchObject({ on_hand: 2, reserved: 2, available: 0 });

    second = await place(2);
    expect(second.lines[0]).toMatchObject({ quantity_backordered: 2 });
    expect(second.allocations).toEqual([]);

    await drainJobs(server);
    for (const order of [first, second]) {
      expect((await orderOf(order.id)).status).toBe('placed');
      const timeline = await eventsOf(order.id);
      expect(timeline.find((e) => e.type === 'order.placed')!.data.backordered).toEqual([{ sku: SKU, quantity: order.id === first.id ? 3 : 2 }]);
      expect(timeline.map((e) => e.type)).toContain('fulfillment.awaiting_backorder');
      expect(timeline.map((e) => e.type)).not.toContain('fulfillment.pick_lists');
    }
    // The customer is told the order was placed, not yet that it is complete.
    expect((await messagesOf(first.id)).map((m) => m.template)).toEqual(['order_confirmation']);
  });

  it('keeps the 409 for a product that is not backorderable, reserving nothing of the order', async () => {
    const plain = await server.operator.post('/api/v1/orders', orderBody([{ sku: 'PLAIN-1', quantity: 2 }]));
    expect(expectProblem(plain, 409, 'insufficient_stock').lines).toEqual([{ sku: 'PLAIN-1', requested: 2, available: 1 }]);
    // A backorderable line does not carry a short one that is not.
    const mixed = await server.operator.post('/api/v1/orders', orderBody([{ sku: SKU, quantity: 1 }, { sku: 'PLAIN-1', quantity: 2 }]));
    expect(expectProblem(mixed, 409, 'insufficient_stock').lines).toEqual([{ sku: 'PLAIN-1', requested: 2, available: 1 }]);
    expect(await stock()).toMatchObject({ reserved: 2 });
    expect((await stockOf(server.viewer, 'PLAIN-1'))[0]).toMatchObject({ reserved: 0 });
  });

  it('shows the date an open purchase order promises, and a receipt serves the oldest backorder first', async () => {
    const created = await server.operator.post('/api/v1/purchase-orders', { supplier_id: supplierId, warehouse: 'DAL', lines: [{ sku: SKU, quantity: 4 }], send: true });
    expect(created.status, created.text).toBe(201);
    const po = created.body;
    expect(po).toMatchObject({ status: 'sent', expected_at: expect.any(String) });
    expect((await orderOf(first.id)).lines[0].backorder_expected_at).toBe(po.expected_at);
    const listed = (await server.viewer.get(`/api/v1/orders?email=ada@example.com&limit=200`)).body.data.find((o: any) => o.id === second.id);
    expect(listed.lines[0].backorder_expected_at).toBe(po.expected_at);

    const received = await server.operator.post(`/api/v1/purchase-orders/${po.id}/receive`, { lines: [{ sku: SKU, quantity: 4 }] });
    expect(received.status, received.text).toBe(200);
    // 4 units: the 3 the first order waits for, then 1 of the second's 2.
    const a = await orderOf(first.id);
    expect(a.lines[0]).toMatchObject({ quantity_backordered: 0, backorder_expected_at: null });
    expect(a.allocations).toEqual([{ sku: SKU, warehouse: 'DAL', quantity: 5 }]);
    const b = await orderOf(second.id);
    expect(b.lines[0]).toMatchObject({ quantity_backordered: 1 });
    expect(b.allocations).toEqual([{ sku: SKU, warehouse: 'DAL', quantity: 1 }]);
    expect(await stock()).toMatchObject({ on_hand: 6, reserved: 6, available: 0 });
    const reserves = (await server.viewer.get(`/api/v1/inventory/movements?sku=${SKU}&order_id=${first.id}`)).body.data;
    expect(reserves.map((m: any) => [m.kind, m.reserved_delta])).toEqual([
      ['reserve', 3],
      ['reserve', 2],
    ]);

    const allocatedA = (await eventsOf(first.id)).filter((e) => e.type === 'order.backorder_allocated');
    expect(allocatedA.map((e) => e.data)).toEqual([expect.objectContaining({ lines: [{ sku: SKU, quantity: 3, warehouse: 'DAL' }], complete: true })]);
    const allocatedB = (await eventsOf(second.id)).filter((e) => e.type === 'order.backorder_allocated');
    expect(allocatedB.map((e) => e.data)).toEqual([expect.objectContaining({ lines: [{ sku: SKU, quantity: 1, warehouse: 'DAL' }], complete: false })]);

    await drainJobs(server);
    // The complete order moves on; the other still waits.
    expect((await orderOf(first.id)).status).not.toBe('placed');
    expect((await eventsOf(first.id)).some((e) => e.type === 'order.status_changed' && e.data.from === 'placed' && e.data.to === 'processing')).toBe(true);
    expect((await orderOf(second.id)).status).toBe('placed');
    // Told once, and only the customer whose order is complete.
    server.clock.advance(60_000);
    await drainJobs(server);
    expect((await messagesOf(first.id)).filter((m) => m.template === 'backorder_allocated')).toEqual([expect.objectContaining({ channel: 'email' })]);
    expect((await messagesOf(second.id)).filter((m) => m.template === 'backorder_allocated')).toEqual([]);
    const detail = (await server.viewer.get(`/api/v1/notifications?order_id=${first.id}&limit=200`)).body.data.find((m: any) => m.template === 'backorder_allocated');
    const full = (await server.viewer.get(`/api/v1/notifications/${detail.id}`)).body;
    expect(full.subject).toContain(first.number);
    expect(full.text).toContain(`Product ${SKU} (${SKU}) x 3`);
    // The confirmation, sent when the order was placed, said which units were on backorder.
    const confirmation = (await messagesOf(first.id)).find((m) => m.template === 'order_confirmation') as { id: string } | undefined;
    expect(confirmation).toBeDefined();
    expect((await server.viewer.get(`/api/v1/notifications/${confirmation!.id}`)).body.text).toMatch(/\d+ on backorder/);
    expect(await ledgerMismatches(server.deps.db)).toEqual([]);
  });

  it('cancels backordered units first, and an order left with only reserved units moves on', async () => {
    // The second order: 1 reserved, 1 backordered. Cancelling 1 takes the backordered one.
    const res = await cancel(second.id, { lines: [{ sku: SKU, quantity: 1 }], reason: 'only need one' });
    expect(res.status, res.text).toBe(200);
    const b = await orderOf(second.id);
    expect(b.lines[0]).toMatchObject({ quantity: 2, quantity_cancelled: 1, quantity_backordered: 0 });
    expect(b.allocations).toEqual([{ sku: SKU, warehouse: 'DAL', quantity: 1 }]);
    expect(await stock()).toMatchObject({ reserved: 6 });
    expect((await eventsOf(second.id)).find((e) => e.type === 'order.lines_cancelled')!.data).toMatchObject({ lines: [{ sku: SKU, quantity: 1 }], backordered: [{ sku: SKU, quantity: 1 }] });
    await drainJobs(server);
    expect((await orderOf(second.id)).status).not.toBe('placed');
    expect(await ledgerMismatches(server.deps.db)).toEqual([]);
  });

  it('cancels the rest of a backordered order from its reservation, keeping the ledger equal to stock', async () => {
    await addStock(server.admin, SKU, 'DAL', 1);
    const third = await place(3);
    expect(third.lines[0]).toMatchObject({ quantity_backordered: 2 });
    const reservedBefore = (await stock()).reserved;

    const one = await cancel(third.id, { lines: [{ sku: SKU, quantity: 1 }], reason: 'fewer' });
    expect(one.status, one.text).toBe(200);
    expect((await orderOf(third.id)).lines[0]).toMatchObject({ quantity_cancelled: 1, quantity_backordered: 1 });
    expect((await stock()).reserved).toBe(reservedBefore);

    // 2 more: the last backordered unit, then the reserved one goes back to stock.
    const rest = await cancel(third.id, { lines: [{ sku: SKU, quantity: 2 }], reason: 'none after all' });
    expect(rest.status, rest.text).toBe(200);
    const c = await orderOf(third.id);
    expect(c.status).toBe('cancelled');
    expect(c.lines[0]).toMatchObject({ quantity_cancelled: 3, quantity_backordered: 0 });
    expect((await stock()).reserved).toBe(reservedBefore - 1);

    // The unit released is free stock again (no older order waits for it): a new order takes it
    // and backorders the rest; cancelled whole, both parts go.
    const fourth = await place(2);
    expect(fourth.allocations).toEqual([{ sku: SKU, warehouse: 'DAL', quantity: 1 }]);
    expect(fourth.lines[0]).toMatchObject({ quantity_backordered: 1 });
    const whole = await cancel(fourth.id, { reason: 'changed my mind' });
    expect(whole.status, whole.text).toBe(200);
    expect((await orderOf(fourth.id)).lines[0]).toMatchObject({ quantity_cancelled: 2, quantity_backordered: 0 });
    await drainJobs(server);
    expect((await stock()).reserved).toBe(reservedBefore - 1);
    expect(await ledgerMismatches(server.deps.db)).toEqual([]);
  });

  it('lets staff make a product backorderable and back', async () => {
    const on = await server.operator.patch('/api/v1/products/PLAIN-1', { backorderable: true });
    expect(on.status, on.text).toBe(200);
    expect(on.body).toMatchObject({ backorderable: true, reorder_policy: 'fixed', safety_stock: 0 });
    const order = await server.operator.post('/api/v1/orders', orderBody([{ sku: 'PLAIN-1', quantity: 2 }]));
    expect(order.status, order.text).toBe(201);
    expect(order.body.lines[0]).toMatchObject({ quantity_backordered: 1 });
    const off = await server.operator.patch('/api/v1/products/PLAIN-1', { backorderable: false });
    expect(off.body.backorderable).toBe(false);
    expect((await server.viewer.get('/api/v1/products/PLAIN-1')).body.backorderable).toBe(false);
    expectProblem(await server.operator.post('/api/v1/orders', orderBody([{ sku: 'PLAIN-1', quantity: 1 }])), 409, 'insufficient_stock');
    expect(await ledgerMismatches(server.deps.db)).toEqual([]);
  });

  it('holds a paid order too, whose authorization started processing before its units arrived', async () => {
    await createProduct(server.admin, 'PAID-1', { backorderable: true });
    const res = await server.operator.post('/api/v1/orders', orderBody([{ sku: 'PAID-1', quantity: 2 }], { payment: { provider: 'test', token: 'tok_visa' } }));
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ status: 'placed', payment_status: 'authorized' });
    expect(res.body.lines[0]).toMatchObject({ quantity_backordered: 2 });
    await drainJobs(server);
    expect((await orderOf(res.body.id)).status).toBe('placed');
    expect((await eventsOf(res.body.id)).map((e) => e.type)).toContain('fulfillment.awaiting_backorder');

    const po = await server.operator.post('/api/v1/purchase-orders', { supplier_id: supplierId, warehouse: 'DAL', lines: [{ sku: 'PAID-1', quantity: 2 }], send: true });
    expect(po.status, po.text).toBe(201);
    expect((await server.operator.post(`/api/v1/purchase-orders/${po.body.id}/receive`, { lines: [{ sku: 'PAID-1', quantity: 2 }] })).status).toBe(200);
    await drainJobs(server);
    expect((await orderOf(res.body.id)).status).not.toBe('placed');
    expect((await messagesOf(res.body.id)).filter((m) => m.template === 'backorder_allocated')).toHaveLength(1);
    expect(await ledgerMismatches(server.deps.db)).toEqual([]);
  });

  it('keeps stock, orders and the ledger equal while orders race each other and receipts', async () => {
    await createWarehouse(server.admin, 'EWR', 'Newark', 'NJ');
    await createProduct(server.admin, 'RACE-1', { backorderable: true });
    await addStock(server.admin, 'RACE-1', 'DAL', 30);
    await addStock(server.admin, 'RACE-1', 'EWR', 10);
    const pos = [];
    for (const [warehouse, quantity] of [['DAL', 25], ['EWR', 15]] as const) {
      const po = await server.operator.post('/api/v1/purchase-orders', { supplier_id: supplierId, warehouse, lines: [{ sku: 'RACE-1', quantity }], send: true });
      expect(po.status, po.text).toBe(201);
      pos.push({ id: po.body.id as string, quantity });
    }
    const newYork = { name: 'Buyer', line1: '1 Broadway', line2: null, city: 'New York', region: 'NY', postal_code: '10004', country: 'US' };
    const orders = Array.from({ length: 60 }, (_, i) =>
      server.operator.post('/api/v1/orders', orderBody([{ sku: 'RACE-1', quantity: 1 + (i % 3) }], { customer: customerFor(i), ...(i % 2 ? { shipping_address: newYork } : {}) })),
    );
    const receipts = pos.map((po) => server.operator.post(`/api/v1/purchase-orders/${po.id}/receive`, { lines: [{ sku: 'RACE-1', quantity: po.quantity }] }));
    const answers = await Promise.all([...orders, ...receipts]);
    expect(tally(answers)).toEqual({ '201': 60, '200': 2 });

    const placed = await Promise.all(answers.slice(0, 60).map((a) => orderOf(a.body.id)));
    let ordered = 0;
    let backordered = 0;
    let allocated = 0;
    for (const o of placed) {
      const line = o.lines[0];
      const reserved = o.allocations.reduce((n: number, a: any) => n + a.quantity, 0);
      // Every unit is either reserved somewhere or waiting, never both, never neither.
      expect(reserved + line.quantity_backordered, o.id).toBe(line.quantity);
      ordered += line.quantity;
      backordered += line.quantity_backordered;
      allocated += reserved;
    }
    const rows = await stockOf(server.viewer, 'RACE-1');
    const onHand = rows.reduce((n, r) => n + r.on_hand, 0);
    const reserved = rows.reduce((n, r) => n + r.reserved, 0);
    expect(onHand).toBe(80);
    expect(reserved).toBe(allocated);
    for (const r of rows) expect(r.available, r.warehouse).toBeGreaterThanOrEqual(0);
    expect(ordered).toBe(120);
    // 80 units for 120 ordered: all of it is reserved, the rest waits.
    expect(backordered).toBe(ordered - reserved);
    expect(reserved).toBe(80);
    expect(await ledgerMismatches(server.deps.db)).toEqual([]);
  });
});
