/**
 * Replenishment over real HTTP on both databases: suppliers, a warehouse's own reorder point, the
 * automatic run (an order, an adjustment or a count that reaches the point raises ONE purchase
 * order per supplier and warehouse, sent at once, never a second while one is open), receiving
 * (partial, whole, within and beyond the tolerance, through the ledger), cancelling, and purchase
 * orders raised by hand under an Idempotency-Key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerMismatches } from '../../src/inventory/index.js';
import { raisePurchaseOrders, replenishmentDepsOf } from '../../src/replenishment/index.js';
import { testDialects } from '../support/databases.js';
import { addStock, createProduct, createWarehouse, orderBody, stockOf } from '../support/fixtures.js';
import { drainJobs } from '../support/jobs.js';
import { expectInvalid, expectProblem } from '../support/problems.js';
import { startTestServer, type TestServer } from '../support/server.js';

const DAY_MS = 24 * 60 * 60 * 1000;

describe.each(testDialects())('replenishment on %s', (dialect) => {
  let server: TestServer;
  let buyer = 0;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    await createWarehouse(server.admin, 'DAL', 'Dallas', 'TX');
    await createWarehouse(server.admin, 'EWR', 'Newark', 'NJ');
  });
  afterAll(async () => server?.close());

  async function createSupplier(overrides: Record<string, unknown> = {}) {
    const res = await server.operator.post('/api/v1/suppliers', { name: 'Acme Supply', email: 'orders@acme.example', lead_time_days: 7, min_order_quantity: 1, ...overrides });
    expect(res.status, res.text).toBe(201);
    return res.body as { id: string; lead_time_days: number };
  }
  async function purchaseOrdersOf(supplierId: string): Promise<any[]> {
    const res = await server.viewer.get(`/api/v1/purchase-orders?supplier_id=${supplierId}&limit=200`);
    expect(res.status, res.text).toBe(200);
    return res.body.data;
  }
  /** A run now, as the minute schedule would: for pairs brought to their point by adding stock (which nudges nothing). */
  const runNow = () => raisePurchaseOrders(replenishmentDepsOf(server.deps));
  /** What the worker does within the next few seconds: the relay, and the run it nudges (one per 5 s slot). */
  async function runWorker() {
    server.clock.advance(5_000);
    await drainJobs(server);
  }
  async function order(sku: string, quantity: number) {
    const res = await server.operator.post('/api/v1/orders', orderBody([{ sku, quantity }], { customer: { email: `buyer-${buyer++}@example.com`, name: 'Buyer', phone: null } }));
    expect(res.status, res.text).toBe(201);
    return res.body;
  }
  const available = async (sku: string, warehouse = 'DAL') => (await stockOf(server.viewer, sku)).find((r) => r.warehouse === warehouse)!;

  it('creates, lists, reads and changes suppliers, and refuses bad input with 422', async () => {
    const created = await createSupplier({ name: 'Bolt & Co', email: 'buy@bolt.example', lead_time_days: 3, min_order_quantity: 12 });
    expect(created).toMatchObject({ id: expect.stringMatching(/^sup_/), name: 'Bolt & Co', email: 'buy@bolt.example', lead_time_days: 3, min_order_quantity: 12 });
    const defaults = await server.operator.post('/api/v1/suppliers', { name: 'No minimum', email: 'a@b.example', lead_time_days: 0 });
    expect(defaults.status, defaults.text).toBe(201);
    expect(defaults.body.min_order_quantity).toBe(1);

    expect((await server.viewer.get(`/api/v1/suppliers/${created.id}`)).body).toEqual(created);
    const listed = await server.viewer.get('/api/v1/suppliers?limit=1');
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((s: any) => s.id)).toEqual([defaults.body.id]);
    const next = await server.viewer.get(`/api/v1/suppliers?limit=1&cursor=${listed.body.next_cursor}`);
    expect(next.body.data.map((s: any) => s.id)).toEqual([created.id]);

    const patched = await server.operator.patch(`/api/v1/suppliers/${created.id}`, { lead_time_days: 5, email: 'po@bolt.example' });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body).toMatchObject({ id: created.id, name: 'Bolt & Co', lead_time_days: 5, email: 'po@bolt.example', min_order_quantity: 12 });

    expectInvalid(await server.operator.post('/api/v1/suppliers', { name: 'X', email: 'not an email', lead_time_days: 1 }), 'email');
    expectInvalid(await server.operator.post('/api/v1/suppliers', { name: 'X', email: 'x@y.example' }), 'lead_time_days');
    expectInvalid(await server.operator.post('/api/v1/suppliers', { name: '', email: 'x@y.example', lead_time_days: -1, min_order_quantity: 0 }), 'name');
    expectProblem(await server.operator.post('/api/v1/suppliers', { name: 'X', email: 'x@y.example', lead_time_days: 1, min_order_quantity: 0 }), 422, 'validation_failed');
    expectProblem(await server.operator.post('/api/v1/suppliers', { name: 'X', email: 'x@y.example', lead_time_days: 1, colour: 'red' }), 422, 'validation_failed');
    expectProblem(await server.operator.patch(`/api/v1/suppliers/${created.id}`, {}), 422, 'validation_failed');
    expectProblem(await server.operator.patch(`/api/v1/suppliers/${created.id}`, { lead_time_days: 'soon' }), 422, 'validation_failed');
    expectProblem(await server.operator.patch('/api/v1/suppliers/sup_nope', { lead_time_days: 1 }), 404, 'not_found');
    expectProblem(await server.viewer.get('/api/v1/suppliers/sup_nope'), 404, 'not_found');
    expectProblem(await server.viewer.post('/api/v1/suppliers', { name: 'X', email: 'x@y.example', lead_time_days: 1 }), 403, 'forbidden');
    expectProblem(await server.viewer.get('/api/v1/suppliers?cursor=%%%'), 422, 'validation_failed');
  });

  it('lets a warehouse override the product’s reorder point, and DELETE gives the product’s back', async () => {
    const supplier = await createSupplier();
    await createProduct(server.admin, 'OVR-1', { reorder_point: 5, reorder_quantity: 40, supplier_id: supplier.id });
    await addStock(server.admin, 'OVR-1', 'DAL', 15);
    await addStock(server.admin, 'OVR-1', 'EWR', 15);

    const base = await server.viewer.get('/api/v1/inventory/OVR-1/DAL/reorder-policy');
    expect(base.status, base.text).toBe(200);
    expect(base.body).toMatchObject({ sku: 'OVR-1', warehouse: 'DAL', reorder_point: 5, reorder_quantity: 40, source: 'product', managed: true, override: null, open_purchase_order_id: null });

    const put = await server.operator.put('/api/v1/inventory/OVR-1/DAL/reorder-policy', { reorder_point: 20, reorder_quantity: 60 });
    expect(put.status, put.text).toBe(200);
    expect(put.body).toMatchObject({ reorder_point: 20, reorder_quantity: 60, source: 'warehouse', product: { reorder_point: 5, reorder_quantity: 40 }, override: { reorder_point: 20, reorder_quantity: 60 } });
    expect((await server.viewer.get('/api/v1/inventory/OVR-1/DAL/reorder-policy')).body).toEqual(put.body);

    // 15 available at both: at or below DAL's own point (20), above the product's (5) at EWR.
    await runNow();
    const pos = await purchaseOrdersOf(supplier.id);
    expect(pos).toHaveLength(1);
    expect(pos[0]).toMatchObject({ warehouse: 'DAL', source: 'auto', status: 'sent', lines: [{ sku: 'OVR-1', quantity: 60, quantity_received: 0 }] });
    expect((await server.viewer.get('/api/v1/inventory/OVR-1/DAL/reorder-policy')).body.open_purchase_order_id).toBe(pos[0].id);

    const cleared = await server.operator.request('DELETE', '/api/v1/inventory/OVR-1/DAL/reorder-policy');
    expect(cleared.status, cleared.text).toBe(200);
    expect(cleared.body).toMatchObject({ reorder_point: 5, reorder_quantity: 40, source: 'product', override: null });
    // Without quantity the override keeps the product's.
    const pointOnly = await server.operator.put('/api/v1/inventory/OVR-1/EWR/reorder-policy', { reorder_point: 2 });
    expect(pointOnly.body).toMatchObject({ reorder_point: 2, reorder_quantity: 40, source: 'warehouse', override: { reorder_point: 2, reorder_quantity: null } });

    expectProblem(await server.operator.put('/api/v1/inventory/OVR-1/DAL/reorder-policy', { reorder_point: -1 }), 422, 'validation_failed');
    expectProblem(await server.operator.put('/api/v1/inventory/OVR-1/DAL/reorder-policy', {}), 422, 'validation_failed');
    expectProblem(await server.operator.put('/api/v1/inventory/OVR-1/DAL/reorder-policy', { reorder_point: 1, extra: true }), 422, 'validation_failed');
    expectProblem(await server.operator.put('/api/v1/inventory/NOPE-1/DAL/reorder-policy', { reorder_point: 1 }), 404, 'not_found');
    expectProblem(await server.operator.put('/api/v1/inventory/OVR-1/XXX/reorder-policy', { reorder_point: 1 }), 404, 'not_found');
    expectProblem(await server.viewer.put('/api/v1/inventory/OVR-1/DAL/reorder-policy', { reorder_point: 1 }), 403, 'forbidden');
  });

  it('raises one purchase order when an order crosses the point, sent to the supplier and due after the lead time, and no second while it is open', async () => {
    const supplier = await createSupplier({ lead_time_days: 9 });
    await createProduct(server.admin, 'CROSS-1', { reorder_point: 10, reorder_quantity: 50, supplier_id: supplier.id });
    await addStock(server.admin, 'CROSS-1', 'DAL', 14);
    await runNow();
    expect(await purchaseOrdersOf(supplier.id)).toEqual([]);

    await order('CROSS-1', 4);
    expect((await available('CROSS-1')).available).toBe(10);
    await runWorker();
    const pos = await purchaseOrdersOf(supplier.id);
    expect(pos).toHaveLength(1);
    const po = pos[0];
    expect(po).toMatchObject({
      id: expect.stringMatching(/^po_/),
      number: expect.stringMatching(/^PO-\d{6}$/),
      status: 'sent',
      source: 'auto',
      supplier_id: supplier.id,
      supplier: { id: supplier.id, email: 'orders@acme.example' },
      warehouse: 'DAL',
      lines: [{ sku: 'CROSS-1', quantity: 50, quantity_received: 0 }],
      created_by: 'system:replenishment',
    });
    expect(po.sent_at).toBe(server.clock.now().toISOString());
    expect(Date.parse(po.expected_at) - Date.parse(po.sent_at)).toBe(9 * DAY_MS);
    expect((await server.viewer.get(`/api/v1/purchase-orders/${po.number}`)).body.id).toBe(po.id);
    // Sending wrote the supplier's email in the same transaction, once.
    const emails = await server.deps.db.selectFrom('notifications').select(['to_address', 'dedupe_key']).where('dedupe_key', 'like', `purchase_order:${po.id}:%`).execute();
    expect(emails).toEqual([{ to_address: 'orders@acme.example', dedupe_key: `purchase_order:${po.id}:email` }]);
    const pdf = await server.viewer.get(po.pdf_url);
    expect(pdf.status, pdf.text.slice(0, 200)).toBe(200);
    expect(pdf.headers.get('content-type')).toMatch(/^application\/pdf/);
    expect(pdf.text.startsWith('%PDF-')).toBe(true);

    // Further below the point, in this slot and the next ones: still the one purchase order.
    await order('CROSS-1', 3);
    await drainJobs(server);
    await runWorker();
    await order('CROSS-1', 2);
    await runWorker();
    expect((await purchaseOrdersOf(supplier.id)).map((p) => p.id)).toEqual([po.id]);
  });

  it('uses the product’s own lead time over the supplier’s', async () => {
    const supplier = await createSupplier({ lead_time_days: 20 });
    await createProduct(server.admin, 'QUICK-1', { reorder_point: 3, reorder_quantity: 10, supplier_id: supplier.id, lead_time_days: 2 });
    await addStock(server.admin, 'QUICK-1', 'DAL', 3);
    await runNow();
    const [po] = await purchaseOrdersOf(supplier.id);
    expect(Date.parse(po.expected_at) - Date.parse(po.sent_at)).toBe(2 * DAY_MS);
  });

  it('groups two SKUs of one supplier crossing in one run into ONE purchase order with two lines', async () => {
    const supplier = await createSupplier({ min_order_quantity: 30 });
    await createProduct(server.admin, 'PAIR-A', { reorder_point: 5, reorder_quantity: 20, supplier_id: supplier.id });
    await createProduct(server.admin, 'PAIR-B', { reorder_point: 5, reorder_quantity: 80, supplier_id: supplier.id });
    await addStock(server.admin, 'PAIR-A', 'DAL', 6);
    await addStock(server.admin, 'PAIR-B', 'DAL', 6);
    await runNow();
    expect(await purchaseOrdersOf(supplier.id)).toEqual([]);

    await order('PAIR-A', 1);
    await order('PAIR-B', 2);
    await runWorker();
    const pos = await purchaseOrdersOf(supplier.id);
    expect(pos).toHaveLength(1);
    // 20 is below the supplier's minimum of 30.
    expect(pos[0].lines).toEqual([
      { sku: 'PAIR-A', name: 'Product PAIR-A', quantity: 30, quantity_received: 0 },
      { sku: 'PAIR-B', name: 'Product PAIR-B', quantity: 80, quantity_received: 0 },
    ]);
  });

  it('raises when an adjustment or a stock count crosses the point', async () => {
    const supplier = await createSupplier();
    await createProduct(server.admin, 'ADJ-1', { reorder_point: 10, reorder_quantity: 25, supplier_id: supplier.id });
    await createProduct(server.admin, 'CNT-1', { reorder_point: 10, reorder_quantity: 35, supplier_id: supplier.id, lead_time_days: 1 });
    await addStock(server.admin, 'ADJ-1', 'EWR', 30);
    await addStock(server.admin, 'CNT-1', 'EWR', 30);
    await runNow();
    expect(await purchaseOrdersOf(supplier.id)).toEqual([]);

    await addStock(server.operator, 'ADJ-1', 'EWR', -20);
    await runWorker();
    let pos = await purchaseOrdersOf(supplier.id);
    expect(pos.map((p) => p.lines.map((l: any) => `${l.sku}:${l.quantity}`))).toEqual([['ADJ-1:25']]);

    const counted = await server.operator.put('/api/v1/inventory/CNT-1/EWR', { on_hand: 4, reason: 'stock take' });
    expect(counted.status, counted.text).toBe(200);
    await runWorker();
    pos = await purchaseOrdersOf(supplier.id);
    expect(pos.map((p) => p.lines.map((l: any) => `${l.sku}:${l.quantity}`))).toEqual([['CNT-1:35'], ['ADJ-1:25']]);
    expect(pos.every((p) => p.warehouse === 'EWR' && p.status === 'sent')).toBe(true);
  });

  it('skips (and reports) a managed SKU without a supplier or with one that does not exist, and never reorders an unmanaged one', async () => {
    await createProduct(server.admin, 'NOSUP-1', { reorder_point: 5, reorder_quantity: 10 });
    await createProduct(server.admin, 'BADSUP-1', { reorder_point: 5, reorder_quantity: 10, supplier_id: 'sup_gone' });
    const supplier = await createSupplier();
    await createProduct(server.admin, 'UNMANAGED-1', { reorder_point: 0, reorder_quantity: 10, supplier_id: supplier.id });
    for (const sku of ['NOSUP-1', 'BADSUP-1', 'UNMANAGED-1']) await addStock(server.admin, sku, 'DAL', 1);
    await addStock(server.admin, 'UNMANAGED-1', 'DAL', -1);

    const result = await runNow();
    const skipped = result.skipped.filter((s) => ['NOSUP-1', 'BADSUP-1', 'UNMANAGED-1'].includes(s.sku)).map((s) => `${s.sku}:${s.reason}`);
    expect(skipped.sort()).toEqual(['BADSUP-1:unknown_supplier', 'NOSUP-1:no_supplier']);
    expect(result.raised.flatMap((r) => r.lines.map((l) => l.sku))).not.toContain('UNMANAGED-1');
    await runWorker();
    expect(await purchaseOrdersOf(supplier.id)).toEqual([]);
  });

  it('receives in parts through the ledger, completes, and lets the pair be reordered after', async () => {
    const supplier = await createSupplier();
    await createProduct(server.admin, 'RCV-1', { reorder_point: 10, reorder_quantity: 20, supplier_id: supplier.id });
    await createProduct(server.admin, 'RCV-2', { reorder_point: 10, reorder_quantity: 10, supplier_id: supplier.id });
    await addStock(server.admin, 'RCV-1', 'DAL', 8);
    await addStock(server.admin, 'RCV-2', 'DAL', 8);
    await runNow();
    const [po] = await purchaseOrdersOf(supplier.id);
    expect(po.lines.map((l: any) => l.sku)).toEqual(['RCV-1', 'RCV-2']);

    const part = await server.operator.post(`/api/v1/purchase-orders/${po.id}/receive`, { lines: [{ sku: 'RCV-1', quantity: 12 }] });
    expect(part.status, part.text).toBe(200);
    expect(part.body).toMatchObject({ status: 'partially_received', received_at: null, lines: [{ sku: 'RCV-1', quantity_received: 12 }, { sku: 'RCV-2', quantity_received: 0 }] });
    expect(await available('RCV-1')).toMatchObject({ on_hand: 20, available: 20 });
    const moves = await server.viewer.get('/api/v1/inventory/movements?sku=RCV-1&limit=1');
    expect(moves.body.data[0]).toMatchObject({ kind: 'receive', warehouse: 'DAL', on_hand_delta: 12, reserved_delta: 0, reason: `purchase order ${po.number}` });

    // Still open: RCV-1 is above its point again, RCV-2 is not, and neither is reordered.
    await order('RCV-2', 1);
    await runWorker();
    expect(await purchaseOrdersOf(supplier.id)).toHaveLength(1);

    const rest = await server.operator.post(`/api/v1/purchase-orders/${po.id}/receive`, { lines: [{ sku: 'RCV-2', quantity: 10 }, { sku: 'RCV-1', quantity: 8 }] });
    expect(rest.status, rest.text).toBe(200);
    expect(rest.body).toMatchObject({ status: 'received', received_at: expect.any(String), lines: [{ sku: 'RCV-1', quantity_received: 20 }, { sku: 'RCV-2', quantity_received: 10 }] });
    expect(await available('RCV-1')).toMatchObject({ on_hand: 28 });
    // 8 + 10 received − 1 ordered (reserved, or shipped by now).
    expect((await available('RCV-2')).available).toBe(17);
    expect(await ledgerMismatches(server.deps.db)).toEqual([]);
    expectProblem(await server.operator.post(`/api/v1/purchase-orders/${po.id}/receive`, { lines: [{ sku: 'RCV-1', quantity: 1 }] }), 409, 'invalid_transition');

    // Received: the pair is free, and falling to the point again raises a new purchase order.
    await addStock(server.operator, 'RCV-2', 'DAL', -8);
    await runWorker();
    const after = await purchaseOrdersOf(supplier.id);
    expect(after).toHaveLength(2);
    expect(after[0]).toMatchObject({ status: 'sent', lines: [{ sku: 'RCV-2', quantity: 10 }] });
    expect(after[0].number > po.number).toBe(true);
  });

  it('accepts an over-receipt within the tolerance and refuses one beyond it with nothing changed', async () => {
    const supplier = await createSupplier();
    await createProduct(server.admin, 'OVER-1', { reorder_point: 1, reorder_quantity: 15, supplier_id: supplier.id });
    await createProduct(server.admin, 'OVER-2', { reorder_point: 1, reorder_quantity: 10, supplier_id: supplier.id });
    await addStock(server.admin, 'OVER-1', 'DAL', 1);
    await addStock(server.admin, 'OVER-2', 'DAL', 1);
    await runNow();
    const [po] = await purchaseOrdersOf(supplier.id);
    const ledgerBefore = (await server.viewer.get('/api/v1/inventory/movements?sku=OVER-1')).body.data.length;

    // 10 % of 15 is 1.5: one unit over is allowed, two are not; the valid line is not received either.
    const beyond = await server.operator.post(`/api/v1/purchase-orders/${po.id}/receive`, { lines: [{ sku: 'OVER-2', quantity: 5 }, { sku: 'OVER-1', quantity: 17 }] });
    expectInvalid(beyond, 'lines[1].quantity');
    const notOnIt = await server.operator.post(`/api/v1/purchase-orders/${po.id}/receive`, { lines: [{ sku: 'RCV-1', quantity: 1 }] });
    expectInvalid(notOnIt, 'lines[0].sku');
    expectProblem(await server.operator.post(`/api/v1/purchase-orders/${po.id}/receive`, { lines: [{ sku: 'OVER-1', quantity: 0 }] }), 422, 'validation_failed');
    expectProblem(await server.operator.post(`/api/v1/purchase-orders/${po.id}/receive`, { lines: [] }), 422, 'validation_failed');
    expectProblem(await server.operator.post('/api/v1/purchase-orders/po_nope/receive', { lines: [{ sku: 'OVER-1', quantity: 1 }] }), 404, 'not_found');
    expect((await server.viewer.get(`/api/v1/purchase-orders/${po.id}`)).body).toMatchObject({ status: 'sent', lines: [{ quantity_received: 0 }, { quantity_received: 0 }] });
    expect(await available('OVER-1')).toMatchObject({ on_hand: 1 });
    expect((await server.viewer.get('/api/v1/inventory/movements?sku=OVER-1')).body.data.length).toBe(ledgerBefore);

    const within = await server.operator.post(`/api/v1/purchase-orders/${po.id}/receive`, { lines: [{ sku: 'OVER-1', quantity: 16 }, { sku: 'OVER-2', quantity: 11 }] });
    expect(within.status, within.text).toBe(200);
    expect(within.body).toMatchObject({ status: 'received', lines: [{ sku: 'OVER-1', quantity: 15, quantity_received: 16 }, { sku: 'OVER-2', quantity: 10, quantity_received: 11 }] });
    expect(await available('OVER-1')).toMatchObject({ on_hand: 17 });
    expect(await ledgerMismatches(server.deps.db)).toEqual([]);
  });

  it('counts a receipt once when it is retried with the same Idempotency-Key, by id or number', async () => {
    const supplier = await createSupplier();
    await createProduct(server.admin, 'RETRY-1', { reorder_point: 2, reorder_quantity: 10, supplier_id: supplier.id });
    await addStock(server.admin, 'RETRY-1', 'DAL', 2);
    await runNow();
    const [po] = await purchaseOrdersOf(supplier.id);
    const headers = { 'idempotency-key': `receive-${dialect}` };
    const first = await server.operator.post(`/api/v1/purchase-orders/${po.id}/receive`, { lines: [{ sku: 'RETRY-1', quantity: 4 }] }, { headers });
    // Retried by number: the same purchase order, so the same request.
    const again = await server.operator.post(`/api/v1/purchase-orders/${po.number}/receive`, { lines: [{ sku: 'RETRY-1', quantity: 4 }] }, { headers });
    expect(first.status, first.text).toBe(200);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await available('RETRY-1')).toMatchObject({ on_hand: 6 });
  });

  it('cancels a purchase order that has received nothing and frees its SKUs for the run', async () => {
    const supplier = await createSupplier();
    await createProduct(server.admin, 'CXL-1', { reorder_point: 4, reorder_quantity: 12, supplier_id: supplier.id });
    await addStock(server.admin, 'CXL-1', 'DAL', 4);
    await runNow();
    const [po] = await purchaseOrdersOf(supplier.id);

    const cancelled = await server.operator.post(`/api/v1/purchase-orders/${po.id}/cancel`, { reason: 'supplier out of stock' });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelled_at: expect.any(String), note: 'Cancelled: supplier out of stock' });
    const again = expectProblem(await server.operator.post(`/api/v1/purchase-orders/${po.id}/cancel`, {}), 409, 'invalid_transition');
    expect(again).toMatchObject({ from: 'cancelled', to: 'cancelled', allowed: [] });
    expectProblem(await server.operator.post(`/api/v1/purchase-orders/${po.id}/receive`, { lines: [{ sku: 'CXL-1', quantity: 1 }] }), 409, 'invalid_transition');
    expect((await server.viewer.get(`/api/v1/purchase-orders?status=cancelled&supplier_id=${supplier.id}`)).body.data.map((p: any) => p.id)).toEqual([po.id]);

    // The pair is still at its point and free again: the next run (the minute schedule) orders it.
    server.clock.advance(60_000);
    await drainJobs(server);
    const pos = await purchaseOrdersOf(supplier.id);
    expect(pos.map((p) => p.status)).toEqual(['sent', 'cancelled']);

    // Once a receipt came, it can only be completed.
    await server.operator.post(`/api/v1/purchase-orders/${pos[0].id}/receive`, { lines: [{ sku: 'CXL-1', quantity: 2 }] });
    expect(expectProblem(await server.operator.post(`/api/v1/purchase-orders/${pos[0].id}/cancel`), 409, 'invalid_transition')).toMatchObject({ from: 'partially_received', to: 'cancelled' });
  });

  it('raises a manual purchase order under an Idempotency-Key, sends it, and keeps the run off its pairs', async () => {
    const supplier = await createSupplier({ lead_time_days: 4 });
    await createProduct(server.admin, 'MAN-1', { reorder_point: 5, reorder_quantity: 10, supplier_id: supplier.id });
    await createProduct(server.admin, 'MAN-2');
    const body = { supplier_id: supplier.id, warehouse: 'EWR', lines: [{ sku: 'MAN-1', quantity: 40 }, { sku: 'MAN-2', quantity: 5 }], note: 'season start' };
    const headers = { 'idempotency-key': `manual-po-${dialect}` };

    const created = await server.operator.post('/api/v1/purchase-orders', body, { headers });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', source: 'manual', warehouse: 'EWR', note: 'season start', sent_at: null, lines: [{ sku: 'MAN-1', quantity: 40 }, { sku: 'MAN-2', quantity: 5 }] });
    expect(Date.parse(created.body.expected_at) - Date.parse(created.body.created_at)).toBe(4 * DAY_MS);
    const replay = await server.operator.post('/api/v1/purchase-orders', body, { headers });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(created.body);
    expectProblem(await server.operator.post('/api/v1/purchase-orders', { ...body, note: 'other' }, { headers }), 422, 'idempotency_key_reused');
    expect(await purchaseOrdersOf(supplier.id)).toHaveLength(1);
    // A draft is not emailed.
    expect(await server.deps.db.selectFrom('notifications').select('id').where('dedupe_key', 'like', `purchase_order:${created.body.id}:%`).execute()).toEqual([]);

    expectProblem(await server.operator.post(`/api/v1/purchase-orders/${created.body.id}/receive`, { lines: [{ sku: 'MAN-1', quantity: 1 }] }), 409, 'invalid_transition');
    server.clock.advance(DAY_MS);
    const sent = await server.operator.post(`/api/v1/purchase-orders/${created.body.id}/send`);
    expect(sent.status, sent.text).toBe(200);
    expect(sent.body).toMatchObject({ status: 'sent', sent_at: server.clock.now().toISOString() });
    expect(Date.parse(sent.body.expected_at) - Date.parse(sent.body.sent_at)).toBe(4 * DAY_MS);
    expect(expectProblem(await server.operator.post(`/api/v1/purchase-orders/${created.body.id}/send`), 409, 'invalid_transition')).toMatchObject({ from: 'sent', to: 'sent' });

    // MAN-1 falls to its point at EWR: the manual order holds the pair, so the run raises nothing.
    await addStock(server.admin, 'MAN-1', 'EWR', 3);
    await runNow();
    expect(await purchaseOrdersOf(supplier.id)).toHaveLength(1);
    expect((await server.viewer.get('/api/v1/inventory/MAN-1/EWR/reorder-policy')).body.open_purchase_order_id).toBe(created.body.id);

    // A second manual order for the same pair is staff's call: it is made, the marker stays with the first.
    const sendNow = await server.operator.post('/api/v1/purchase-orders', { supplier_id: supplier.id, warehouse: 'EWR', lines: [{ sku: 'MAN-1', quantity: 7 }], send: true });
    expect(sendNow.status, sendNow.text).toBe(201);
    expect(sendNow.body).toMatchObject({ status: 'sent', source: 'manual' });
    expect((await server.viewer.get('/api/v1/inventory/MAN-1/EWR/reorder-policy')).body.open_purchase_order_id).toBe(created.body.id);

    expectInvalid(await server.operator.post('/api/v1/purchase-orders', { ...body, supplier_id: 'sup_nope' }), 'supplier_id');
    expectInvalid(await server.operator.post('/api/v1/purchase-orders', { ...body, warehouse: 'NOPE' }), 'warehouse');
    expectInvalid(await server.operator.post('/api/v1/purchase-orders', { ...body, lines: [{ sku: 'MAN-1', quantity: 1 }, { sku: 'NOPE-9', quantity: 1 }] }), 'lines[1].sku');
    expectInvalid(await server.operator.post('/api/v1/purchase-orders', { ...body, lines: [{ sku: 'MAN-1', quantity: 1 }, { sku: 'MAN-1', quantity: 2 }] }), 'lines[1].sku');
    expectProblem(await server.operator.post('/api/v1/purchase-orders', { ...body, lines: [] }), 422, 'validation_failed');
    expectProblem(await server.operator.post('/api/v1/purchase-orders', { ...body, lines: [{ sku: 'MAN-1', quantity: -3 }] }), 422, 'validation_failed');
    expectProblem(await server.operator.post('/api/v1/purchase-orders', { ...body, send: 'yes' }), 422, 'validation_failed');
    expectProblem(await server.viewer.post('/api/v1/purchase-orders', body), 403, 'forbidden');
    expectProblem(await server.operator.post('/api/v1/purchase-orders/po_nope/send'), 404, 'not_found');
    expectProblem(await server.operator.post('/api/v1/purchase-orders/po_nope/cancel'), 404, 'not_found');
    expectProblem(await server.viewer.get('/api/v1/purchase-orders/po_nope'), 404, 'not_found');
    expectProblem(await server.viewer.get('/api/v1/purchase-orders/po_nope/pdf'), 404, 'not_found');
    expect(await purchaseOrdersOf(supplier.id)).toHaveLength(2);
  });

  it('lists purchase orders newest first with filters and pages', async () => {
    const all = (await server.viewer.get('/api/v1/purchase-orders?limit=200')).body.data.map((p: any) => p.id);
    expect(all.length).toBeGreaterThanOrEqual(5);
    expect([...all].sort().reverse()).toEqual(all);
    const one = await server.viewer.get('/api/v1/purchase-orders?limit=2');
    const next = await server.viewer.get(`/api/v1/purchase-orders?limit=2&cursor=${one.body.next_cursor}`);
    expect([...one.body.data, ...next.body.data].map((p: any) => p.id)).toEqual(all.slice(0, 4));
    const ewr = (await server.viewer.get('/api/v1/purchase-orders?warehouse=EWR&limit=200')).body.data;
    expect(ewr.length).toBeGreaterThan(0);
    expect(ewr.every((p: any) => p.warehouse === 'EWR')).toBe(true);
    const received = (await server.viewer.get('/api/v1/purchase-orders?status=received&limit=200')).body.data;
    expect(received.length).toBeGreaterThan(0);
    expect(received.every((p: any) => p.status === 'received')).toBe(true);
    expect((await server.viewer.get('/api/v1/purchase-orders?warehouse=NOPE')).body).toEqual({ data: [], next_cursor: null });
    expectProblem(await server.viewer.get('/api/v1/purchase-orders?status=lost'), 422, 'validation_failed');
    expectProblem(await server.viewer.get('/api/v1/purchase-orders?limit=0'), 422, 'validation_failed');
  });

  it('describes the replenishment routes in the OpenAPI document', async () => {
    const doc = (await server.anonymous.get('/openapi.json')).body;
    const expected: Record<string, string[]> = {
      '/api/v1/suppliers': ['get', 'post'],
      '/api/v1/suppliers/{id}': ['get', 'patch'],
      '/api/v1/inventory/{sku}/{warehouse}/reorder-policy': ['get', 'put', 'delete'],
      '/api/v1/purchase-orders': ['get', 'post'],
      '/api/v1/purchase-orders/{id}': ['get'],
      '/api/v1/purchase-orders/{id}/pdf': ['get'],
      '/api/v1/purchase-orders/{id}/send': ['post'],
      '/api/v1/purchase-orders/{id}/cancel': ['post'],
      '/api/v1/purchase-orders/{id}/receive': ['post'],
    };
    for (const [path, methods] of Object.entries(expected)) for (const method of methods) expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
  });
});
