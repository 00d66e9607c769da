/**
 * Placed orders are processed in the background (issue: background processing): payment with the
 * `test` provider, then pick lists, packing, invoice; capture at shipment, void on cancel, refunds.
 * Over real HTTP, with the real job worker, on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerMismatches } from '../../src/inventory/index.js';
import { testDialects } from '../support/databases.js';
import { addStock, createProduct, createWarehouse, orderBody, stockOf } from '../support/fixtures.js';
import { drainJobs } from '../support/jobs.js';
import { expectProblem } from '../support/problems.js';
import { startTestServer, type TestServer } from '../support/server.js';

const paid = (token: string) => ({ payment: { provider: 'test', token } });

describe.each(testDialects())('order processing on %s', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(dialect, { WAYBILL_SHIPPING_FEE: '500', WAYBILL_TAX_RATE_BPS: '825' });
    const api = server.admin;
    await createWarehouse(api, 'DAL', 'Dallas', 'TX');
    await createWarehouse(api, 'EWR', 'Newark', 'NJ');
    await createProduct(api, 'MUG', { unit_price: 1999, length_mm: 120, width_mm: 90, height_mm: 100, weight_grams: 350 });
    await createProduct(api, 'TEE', { unit_price: 2500, length_mm: 300, width_mm: 250, height_mm: 20, weight_grams: 200 });
    await addStock(api, 'MUG', 'DAL', 100);
    await addStock(api, 'MUG', 'EWR', 100);
    await addStock(api, 'TEE', 'EWR', 100);
  });
  afterAll(async () => server?.close());

  async function events(orderId: string): Promise<string[]> {
    const res = await server.viewer.get(`/api/v1/orders/${orderId}/events`);
    expect(res.status, res.text).toBe(200);
    return (res.body.data as Array<{ type: string }>).map((e) => e.type);
  }

  it('processes an order without payment: processing, pick lists, packages, a gapless invoice, documents', async () => {
    const placed = await server.operator.post('/api/v1/orders', orderBody([{ sku: 'MUG', quantity: 2 }, { sku: 'TEE', quantity: 1 }]));
    expect(placed.status, placed.text).toBe(201);
    expect(placed.body.status).toBe('placed');
    expect(placed.body.payment_status).toBe('not_required');
    await drainJobs(server);

    const order = (await server.viewer.get(`/api/v1/orders/${placed.body.id}`)).body;
    // The pipeline's last step (shipping) bought the label: the sim carrier is on by default.
    expect(order.status).toBe('ready_to_ship');
    expect(await events(order.id)).toEqual([
      'order.placed',
      'order.status_changed',
      'fulfillment.pick_lists',
      'fulfillment.packed',
      'invoice.issued',
      'fulfillment.ready_for_shipping',
      'shipment.rate_chosen',
      'shipment.label_created',
      'order.status_changed',
    ]);
    expect(order.shipments).toHaveLength(1);
    expect(order.shipments[0]).toMatchObject({ carrier: 'sim', status: 'label_created' });

    const fulfillment = await server.viewer.get(`/api/v1/orders/${order.id}/fulfillment`);
    expect(fulfillment.status, fulfillment.text).toBe(200);
    expect(fulfillment.body.pick_lists.map((l: { warehouse: string }) => l.warehouse)).toEqual(['EWR']);
    const packedUnits = fulfillment.body.packages.flatMap((p: { items: Array<{ sku: string; quantity: number }> }) => p.items).reduce((n: number, i: { quantity: number }) => n + i.quantity, 0);
    expect(packedUnits).toBe(3);
    expect(fulfillment.body.packages.every((p: { status: string; weight_grams: number }) => p.status === 'packed' && p.weight_grams >= 350 * 2 + 200)).toBe(true);
    expect(fulfillment.body.invoice.number).toMatch(/^INV-2026-\d{6}$/);

    const invoice = await server.viewer.get(`/api/v1/orders/${order.number}/invoice.pdf`);
    expect(invoice.status).toBe(200);
    expect(invoice.headers.get('content-type')).toBe('application/pdf');
    expect(invoice.text.startsWith('%PDF-')).toBe(true);
    const slip = await server.viewer.get(`/api/v1/orders/${order.id}/packing-slip.pdf`);
    expect(slip.status).toBe(200);
    expect(slip.text.startsWith('%PDF-')).toBe(true);
  });

  it('numbers invoices per year without gaps or duplicates across many orders', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await server.operator.post('/api/v1/orders', orderBody([{ sku: 'MUG', quantity: 1 }]));
      expect(res.status, res.text).toBe(201);
      ids.push(res.body.id);
    }
    await drainJobs(server);
    const numbers: number[] = [];
    for (const id of ids) {
      const res = await server.viewer.get(`/api/v1/orders/${id}/fulfillment`);
      numbers.push(Number(/^INV-2026-(\d{6})$/.exec(res.body.invoice.number)![1]));
    }
    const all = [...numbers].sort((a, b) => a - b);
    expect(new Set(all).size).toBe(all.length);
    // Gapless: whatever ran before, these continue the sequence one by one.
    expect(all.at(-1)! - all[0]!).toBe(all.length - 1);
  });

  it('authorizes with tok_visa, places the order, and captures what is owed when it ships', async () => {
    const res = await server.operator.post('/api/v1/orders', orderBody([{ sku: 'MUG', quantity: 1 }], paid('tok_visa')));
    expect(res.status, res.text).toBe(201);
    expect(res.body.status).toBe('placed');
    expect(res.body.payment_status).toBe('authorized');
    expect(res.body.payments).toHaveLength(1);
    expect(res.body.payments[0]).toMatchObject({ provider: 'test', status: 'authorized', amount: res.body.total, amount_captured: 0 });
    expect(res.body.payments[0].reference).toEqual(expect.any(String));
    await drainJobs(server);

    const shipped = await server.operator.post(`/api/v1/orders/${res.body.id}/status`, { status: 'shipped' });
    expect(shipped.status, shipped.text).toBe(200);
    await drainJobs(server);
    const order = (await server.viewer.get(`/api/v1/orders/${res.body.id}`)).body;
    expect(order.payment_status).toBe('captured');
    expect(order.payments[0]).toMatchObject({ status: 'captured', amount_captured: order.total });
    expect(await events(order.id)).toEqual(expect.arrayContaining(['payment.authorized', 'payment.captured']));
  });

  it('answers 402 payment_declined for tok_decline, cancels the order and releases its stock', async () => {
    const before = await stockOf(server.viewer, 'TEE');
    const res = await server.operator.post('/api/v1/orders', orderBody([{ sku: 'TEE', quantity: 3 }], paid('tok_decline')));
    const problem = expectProblem(res, 402, 'payment_declined');
    expect(problem.order_id).toMatch(/^ord_/);
    expect(problem.decline_code).toBe('card_declined');
    expect(await stockOf(server.viewer, 'TEE')).toEqual(before);
    const order = (await server.viewer.get(`/api/v1/orders/${problem.order_id}`)).body;
    expect(order.status).toBe('cancelled');
    expect(order.payment_status).toBe('declined');
    await drainJobs(server);
    // Nothing was processed for a declined order.
    expect((await server.viewer.get(`/api/v1/orders/${order.id}/fulfillment`)).body.pick_lists).toEqual([]);
  });

  it('replays a paid order under its Idempotency-Key without a second order or payment', async () => {
    const body = orderBody([{ sku: 'MUG', quantity: 1 }], paid('tok_visa'));
    const headers = { 'idempotency-key': `paid-${dialect}` };
    const first = await server.operator.post('/api/v1/orders', body, { headers });
    const second = await server.operator.post('/api/v1/orders', body, { headers });
    expect(first.status, first.text).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body.id).toBe(first.body.id);
    expect(second.body.payments).toHaveLength(1);
  });

  it('marks a failed capture on the payment and flags the order for attention (tok_capture_fails)', async () => {
    const res = await server.operator.post('/api/v1/orders', orderBody([{ sku: 'MUG', quantity: 1 }], paid('tok_capture_fails')));
    expect(res.status, res.text).toBe(201);
    await drainJobs(server);
    await server.operator.post(`/api/v1/orders/${res.body.id}/status`, { status: 'shipped' });
    await drainJobs(server);
    const order = (await server.viewer.get(`/api/v1/orders/${res.body.id}`)).body;
    expect(order.payment_status).toBe('capture_failed');
    expect(order.payments[0].failure_code).toEqual(expect.any(String));
    expect(order.attention).toMatchObject({ reason: 'payment_capture_failed' });
  });

  it('voids the authorization when the whole order is cancelled before capture', async () => {
    const res = await server.operator.post('/api/v1/orders', orderBody([{ sku: 'MUG', quantity: 2 }], paid('tok_visa')));
    expect(res.status, res.text).toBe(201);
    const cancelled = await server.operator.post(`/api/v1/orders/${res.body.id}/cancel`, { reason: 'customer changed their mind' });
    expect(cancelled.status, cancelled.text).toBe(200);
    await drainJobs(server);
    const order = (await server.viewer.get(`/api/v1/orders/${res.body.id}`)).body;
    expect(order.status).toBe('cancelled');
    expect(order.payment_status).toBe('voided');
    expect(await events(order.id)).toContain('payment.voided');
  });

  it('captures only what is still owed after a partial cancellation', async () => {
    const res = await server.operator.post('/api/v1/orders', orderBody([{ sku: 'MUG', quantity: 2 }, { sku: 'TEE', quantity: 1 }], paid('tok_visa')));
    expect(res.status, res.text).toBe(201);
    await drainJobs(server);
    const partial = await server.operator.post(`/api/v1/orders/${res.body.id}/cancel`, { lines: [{ sku: 'TEE', quantity: 1 }], reason: 'out of season' });
    expect(partial.status, partial.text).toBe(200);
    await server.operator.post(`/api/v1/orders/${res.body.id}/status`, { status: 'shipped' });
    await drainJobs(server);
    const order = (await server.viewer.get(`/api/v1/orders/${res.body.id}`)).body;
    // 2 × 1999 = 3998 left of 6498; shipping 500; tax 536 × 3998/6498 = 329.8 → 330.
    expect(order.payments[0]).toMatchObject({ status: 'captured', amount_captured: 3998 + 500 + 330 });
  });

  it('refuses an unknown payment provider with 422 and writes nothing', async () => {
    const before = await stockOf(server.viewer, 'MUG');
    const res = await server.operator.post('/api/v1/orders', orderBody([{ sku: 'MUG', quantity: 1 }], { payment: { provider: 'paypal', token: 'x' } }));
    const problem = expectProblem(res, 422, 'validation_failed');
    expect(problem.errors).toEqual([expect.objectContaining({ path: 'payment.provider' })]);
    expect(await stockOf(server.viewer, 'MUG')).toEqual(before);
  });

  it('keeps the stock table equal to its ledger after all of it', async () => {
    await drainJobs(server);
    expect(await ledgerMismatches(server.deps.db)).toEqual([]);
  });

  it('answers 404 for the documents of an order not yet invoiced or packed, and of no order', async () => {
    expectProblem(await server.viewer.get('/api/v1/orders/ord_00000000000000000000000000/invoice.pdf'), 404, 'not_found');
    const res = await server.operator.post('/api/v1/orders', orderBody([{ sku: 'MUG', quantity: 1 }]));
    expectProblem(await server.viewer.get(`/api/v1/orders/${res.body.id}/invoice.pdf`), 404, 'not_found');
    expectProblem(await server.viewer.get(`/api/v1/orders/${res.body.id}/packing-slip.pdf`), 404, 'not_found');
    await drainJobs(server);
  });
});

describe.each(testDialects())('manual packing on %s', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(dialect, { WAYBILL_MANUAL_STEPS: 'pack' });
    await createWarehouse(server.admin, 'DAL', 'Dallas', 'TX');
    await createProduct(server.admin, 'MUG');
    await addStock(server.admin, 'MUG', 'DAL', 10);
  });
  afterAll(async () => server?.close());

  it('waits for an operator to confirm the proposed packages, then invoices', async () => {
    const placed = await server.operator.post('/api/v1/orders', orderBody([{ sku: 'MUG', quantity: 2 }]));
    await drainJobs(server);
    const waiting = (await server.viewer.get(`/api/v1/orders/${placed.body.id}/fulfillment`)).body;
    expect(waiting.packages.length).toBeGreaterThan(0);
    expect(waiting.packages.every((p: { status: string }) => p.status === 'proposed')).toBe(true);
    expect(waiting.invoice).toBeNull();

    expectProblem(await server.viewer.post(`/api/v1/orders/${placed.body.id}/packing/confirm`), 403, 'forbidden');
    const confirmed = await server.operator.post(`/api/v1/orders/${placed.body.id}/packing/confirm`);
    expect(confirmed.status, confirmed.text).toBe(200);
    expectProblem(await server.operator.post(`/api/v1/orders/${placed.body.id}/packing/confirm`), 409, 'conflict');
    await drainJobs(server);
    const done = (await server.viewer.get(`/api/v1/orders/${placed.body.id}/fulfillment`)).body;
    expect(done.packages.every((p: { status: string }) => p.status === 'packed')).toBe(true);
    expect(done.invoice.number).toMatch(/^INV-2026-/);
  });
});
