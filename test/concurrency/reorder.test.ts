/**
 * Proof that crossing the reorder point under load raises exactly one purchase order: 100 buyers race
 * over real HTTP for a SKU whose stock falls through its point, then several replenishment runs
 * (workers draining the queue, and direct runs) race to order it. The open_reorders primary key
 * lets one of them win; nobody oversells meanwhile, and concurrent receipts never count twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerMismatches } from '../../src/inventory/index.js';
import { raisePurchaseOrders, replenishmentDepsOf } from '../../src/replenishment/index.js';
import { testDialects } from '../support/databases.js';
import { addStock, createProduct, createWarehouse, orderBody } from '../support/fixtures.js';
import { drainJobs } from '../support/jobs.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { allStock, customerFor, expectNeverNegative, tally, watchStock } from './helpers.js';

describe.each(testDialects())('reordering under concurrency on %s', (dialect) => {
  let server: TestServer;
  let supplierId: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    await createWarehouse(server.admin, 'DAL', 'Dallas', 'TX');
    const supplier = await server.operator.post('/api/v1/suppliers', { name: 'Racing Supply', email: 'po@racing.example', lead_time_days: 5, min_order_quantity: 1 });
    expect(supplier.status, supplier.text).toBe(201);
    supplierId = supplier.body.id;
  });
  afterAll(async () => server?.close());

  const purchaseOrders = async (): Promise<any[]> => (await server.viewer.get(`/api/v1/purchase-orders?supplier_id=${supplierId}&limit=200`)).body.data;
  /** Several runs at once: workers (the relay's nudge and the schedule) and direct runs, all racing. */
  const racingRuns = () =>
    Promise.all([
      drainJobs(server),
      drainJobs(server),
      drainJobs(server),
      ...Array.from({ length: 5 }, () => raisePurchaseOrders(replenishmentDepsOf(server.deps))),
    ]);

  it('raises exactly ONE purchase order when 100 concurrent orders cross the reorder point, and oversells nothing', async () => {
    await createProduct(server.admin, 'HOT', { reorder_point: 50, reorder_quantity: 200, supplier_id: supplierId });
    await addStock(server.admin, 'HOT', 'DAL', 80);

    const { result: answers, samples } = await watchStock(
      server.viewer,
      Promise.all(Array.from({ length: 100 }, (_, i) => server.operator.post('/api/v1/orders', orderBody([{ sku: 'HOT', quantity: 1 }], { customer: customerFor(i) })))),
    );
    expect(tally(answers)).toEqual({ '201': 80, '409 insufficient_stock': 20 });
    expectNeverNegative(samples);

    const runs = await racingRuns();
    const direct = runs.slice(3) as Awaited<ReturnType<typeof raisePurchaseOrders>>[];
    // Whoever won, the others found the pair taken (or already held) and wrote nothing.
    expect(direct.flatMap((r) => r.raised).length).toBeLessThanOrEqual(1);

    const pos = await purchaseOrders();
    expect(pos).toHaveLength(1);
    expect(pos[0]).toMatchObject({ status: 'sent', source: 'auto', warehouse: 'DAL', lines: [{ sku: 'HOT', quantity: 200, quantity_received: 0 }] });
    const markers = await server.deps.db.selectFrom('open_reorders').selectAll().where('sku', '=', 'HOT').execute();
    expect(markers).toMatchObject([{ purchase_order_id: pos[0].id }]);

    // Later runs, racing again while it is open: still the one.
    server.clock.advance(60_000);
    await racingRuns();
    expect((await purchaseOrders()).map((p) => p.id)).toEqual([pos[0].id]);

    const stock = (await allStock(server.viewer)).filter((r) => r.sku === 'HOT');
    expect(stock).toHaveLength(1);
    expect(stock[0]!.available).toBe(0);
    expect(stock[0]!.on_hand).toBeGreaterThanOrEqual(0);
    expect(await ledgerMismatches(server.deps.db)).toEqual([]);
  });

  it('counts concurrent receipts once each: the order ends received with exactly what was ordered', async () => {
    const [po] = await purchaseOrders();
    const before = (await allStock(server.viewer)).find((r) => r.sku === 'HOT')!;

    const { result: answers, samples } = await watchStock(
      server.viewer,
      Promise.all(Array.from({ length: 12 }, () => server.operator.post(`/api/v1/purchase-orders/${po.id}/receive`, { lines: [{ sku: 'HOT', quantity: 20 }] }))),
    );
    // 10 × 20 = the 200 ordered; the order is received then, and the last two are refused.
    expect(tally(answers)).toEqual({ '200': 10, '409 invalid_transition': 2 });
    expectNeverNegative(samples);

    const after = (await server.viewer.get(`/api/v1/purchase-orders/${po.id}`)).body;
    expect(after).toMatchObject({ status: 'received', lines: [{ sku: 'HOT', quantity: 200, quantity_received: 200 }] });
    const stock = (await allStock(server.viewer)).find((r) => r.sku === 'HOT')!;
    expect(stock.on_hand).toBe(before.on_hand + 200);
    const receipts = await server.viewer.get('/api/v1/inventory/movements?sku=HOT&limit=200');
    expect(receipts.body.data.filter((m: any) => m.kind === 'receive').map((m: any) => m.on_hand_delta)).toEqual(Array(10).fill(20));
    expect(await server.deps.db.selectFrom('open_reorders').selectAll().where('sku', '=', 'HOT').execute()).toEqual([]);
    expect(await ledgerMismatches(server.deps.db)).toEqual([]);
  });
});
