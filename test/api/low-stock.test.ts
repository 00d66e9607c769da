/**
 * The low-stock view (issue 8, items 4 and 6): GET /api/v1/inventory?below_reorder_point=true lists
 * the pairs at or below their effective reorder point (a warehouse's own policy over the product's;
 * a product point of 0 without one is not managed), each with what is on order, the quantity the
 * demand suggests and how many days the stock covers. Demand is the ledger's net units reserved for
 * orders over WAYBILL_DEMAND_WINDOW_DAYS, the same number the purchase orders' quantity reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerMismatches } from '../../src/inventory/index.js';
import { reorderQuantityFor } from '../../src/replenishment/index.js';
import { testDialects } from '../support/databases.js';
import { addStock, createProduct, createWarehouse, orderBody } from '../support/fixtures.js';
import { startTestServer, type TestServer } from '../support/server.js';

const DAY_MS = 24 * 60 * 60 * 1000;

describe.each(testDialects())('the low-stock view on %s', (dialect) => {
  let server: TestServer;
  let dallasId: string;

  beforeAll(async () => {
    server = await startTestServer(dialect, { WAYBILL_AUTO_REORDER: 'off', WAYBILL_DEMAND_WINDOW_DAYS: '10' });
    const api = server.admin;
    dallasId = (await createWarehouse(api, 'DAL', 'Dallas', 'TX')).id;
    const newark = await createWarehouse(api, 'EWR', 'Newark', 'NJ');
    await createProduct(api, 'LOW-1', { reorder_point: 5, reorder_quantity: 40, lead_time_days: 4, safety_stock: 3 });
    await createProduct(api, 'IDLE-1');
    await createProduct(api, 'OVR-1', { reorder_quantity: 12 });
    await addStock(api, 'LOW-1', 'DAL', 20);
    await addStock(api, 'LOW-1', 'EWR', 4);
    await addStock(api, 'IDLE-1', 'DAL', 1);
    await addStock(api, 'OVR-1', 'DAL', 3);
    await addStock(api, 'OVR-1', 'EWR', 3);
    const now = server.clock.now().toISOString();
    // Warehouse policies (the replenishment routes write these rows): OVR-1 is managed at Dallas
    // only, and Newark reorders LOW-1 later than the product says.
    await server.deps.db
      .insertInto('reorder_policies')
      .values([
        { sku: 'OVR-1', warehouse_id: dallasId, reorder_point: 5, reorder_quantity: null, updated_at: now },
        { sku: 'LOW-1', warehouse_id: newark.id, reorder_point: 2, reorder_quantity: 25, updated_at: now },
      ])
      .execute();
  });
  afterAll(async () => server?.close());

  const low = async (query = '') => {
    const res = await server.viewer.get(`/api/v1/inventory?below_reorder_point=true${query}`);
    expect(res.status, res.text).toBe(200);
    return res.body.data as any[];
  };
  const order = async (sku: string, quantity: number) => {
    const res = await server.operator.post('/api/v1/orders', orderBody([{ sku, quantity }]));
    expect(res.status, res.text).toBe(201);
    return res.body;
  };

  it('lists the pairs at or below their effective point; a warehouse policy overrides, an unmanaged 0 never lists', async () => {
    const rows = await low();
    // OVR-1 at Dallas (3 ≤ its policy's 5); not at Newark (product point 0, no policy). LOW-1 at
    // Newark has 4, under the product's 5 but above its warehouse's 2. IDLE-1's point is 0.
    expect(rows.map((r) => `${r.sku}@${r.warehouse}`)).toEqual(['OVR-1@DAL']);
    expect(rows[0]).toMatchObject({ available: 3, reorder_point: 5, reorder_quantity: 12, reorder_policy: 'fixed', reorder_managed: true, on_order: 0, days_of_cover: null, average_daily_demand: 0 });

    const all = (await server.viewer.get('/api/v1/inventory?limit=200')).body.data as any[];
    expect(all.find((r) => r.sku === 'LOW-1' && r.warehouse === 'EWR')).toMatchObject({ reorder_point: 2, reorder_quantity: 25, reorder_managed: true });
    expect(all.find((r) => r.sku === 'OVR-1' && r.warehouse === 'EWR')).toMatchObject({ reorder_point: 0, reorder_managed: false });
    expect(all.find((r) => r.sku === 'IDLE-1')).toMatchObject({ reorder_managed: false, suggested_reorder_quantity: 0 });
  });

  it('reads demand from the ledger over the window: days of cover and the suggested quantity', async () => {
    // Reserved, then out of the 10-day window.
    await order('LOW-1', 4);
    server.clock.advance(11 * DAY_MS);
    // In the window: 11 units reserved, and 3 reserved and released again (a cancellation).
    await order('LOW-1', 11);
    const cancelled = await order('LOW-1', 3);
    expect((await server.operator.post(`/api/v1/orders/${cancelled.id}/cancel`, { reason: 'duplicate' })).status).toBe(200);

    const [row] = await low('&warehouse=DAL&sku=LOW-1');
    // 20 on hand, 15 reserved: 5 available, at the point.
    expect(row).toMatchObject({ sku: 'LOW-1', warehouse: 'DAL', available: 5, reorder_point: 5, reorder_quantity: 40, safety_stock: 3, lead_time_days: 4 });
    // 11 net units over 10 days: 1.1 a day; 5 / 1.1 = 4.5 days; ceil(1.1 × 4) + 3 = 8.
    expect(row.average_daily_demand).toBeCloseTo(1.1, 10);
    expect(row.days_of_cover).toBe(4.5);
    expect(row.suggested_reorder_quantity).toBe(8);

    // What the purchase orders would order reads the same demand.
    const input = { sku: 'LOW-1', warehouseId: dallasId, now: server.clock.now(), windowDays: 10, leadTimeDays: 4, safetyStock: 3, configured: 40, minOrderQuantity: 0 };
    expect(await reorderQuantityFor(server.deps.db, { ...input, policy: 'fixed' })).toEqual({ configured: 40, suggested: 8, chosen: 40, averageDailyDemand: row.average_daily_demand });
    expect((await reorderQuantityFor(server.deps.db, { ...input, policy: 'auto' })).chosen).toBe(8);
    expect((await reorderQuantityFor(server.deps.db, { ...input, policy: 'auto', minOrderQuantity: 24 })).chosen).toBe(24);
  });

  it('shows the auto policy and what is on order', async () => {
    const patched = await server.operator.patch('/api/v1/products/LOW-1', { reorder_policy: 'auto', safety_stock: 5 });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body).toMatchObject({ reorder_policy: 'auto', safety_stock: 5 });

    const supplier = await server.operator.post('/api/v1/suppliers', { name: 'Acme', email: 'po@acme.example', lead_time_days: 9 });
    expect(supplier.status, supplier.text).toBe(201);
    const po = await server.operator.post('/api/v1/purchase-orders', { supplier_id: supplier.body.id, warehouse: 'DAL', lines: [{ sku: 'LOW-1', quantity: 30 }], send: true });
    expect(po.status, po.text).toBe(201);

    const [row] = await low('&warehouse=DAL&sku=LOW-1');
    expect(row).toMatchObject({ reorder_policy: 'auto', on_order: 30, safety_stock: 5, suggested_reorder_quantity: 10 });

    // Part received: the rest is still on order, and the pair is no longer low.
    const received = await server.operator.post(`/api/v1/purchase-orders/${po.body.id}/receive`, { lines: [{ sku: 'LOW-1', quantity: 10 }] });
    expect(received.status, received.text).toBe(200);
    expect(await low('&sku=LOW-1')).toEqual([]);
    const plain = (await server.viewer.get('/api/v1/inventory?sku=LOW-1&warehouse=DAL')).body.data;
    expect(plain).toEqual([expect.objectContaining({ available: 15, on_order: 20, days_of_cover: 13.6 })]);
    expect(await ledgerMismatches(server.deps.db)).toEqual([]);
  });

  it('refuses a below_reorder_point that is not a boolean', async () => {
    const res = await server.viewer.get('/api/v1/inventory?below_reorder_point=maybe');
    expect(res.status).toBe(422);
  });
});
