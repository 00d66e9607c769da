/**
 * The admin dashboard's figures (GET /api/v1/analytics/overview) over real HTTP on both dialects:
 * orders by status over all orders, open attention flags, open returns, low stock, and a series of
 * every UTC day of the period with its orders and revenue (cancelled and unpaid orders are no
 * revenue), and 422 for a period that is backwards or longer than 366 days.
 *
 * Orders are placed and cancelled over the API; the attention flags, the returns and one order
 * still waiting for its payment are written straight to the tables, since this test is about how
 * they are counted, not how they come to be (the returns and tracking tests cover that).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderStatuses } from '../../src/orders/index.js';
import { testDialects } from '../support/databases.js';
import { addStock, createProduct, createWarehouse, orderBody } from '../support/fixtures.js';
import { expectInvalid, expectProblem } from '../support/problems.js';
import { REFERENCE_TIME, startTestServer, type TestServer } from '../support/server.js';
import { registerCustomer } from '../support/sessions.js';

const OVERVIEW = '/api/v1/analytics/overview';

describe.each(testDialects())('analytics overview on %s', (dialect) => {
  let server: TestServer;
  const totals: Record<string, { id: string; total: number }> = {};

  async function place(name: string, sku: string, quantity: number, currency = 'USD') {
    const res = await server.operator.post('/api/v1/orders', orderBody([{ sku, quantity }], { currency }));
    expect(res.status, res.text).toBe(201);
    totals[name] = { id: res.body.id, total: res.body.total };
    return res.body;
  }

  function returnRow(id: string, orderId: string, status: string) {
    const at = server.clock.now().toISOString();
    return {
      id,
      order_id: orderId,
      status,
      requested_by: 'customer',
      comment: null,
      rejection_reason: null,
      warehouse_id: null,
      shipment_id: null,
      exchange_order_id: null,
      currency: 'USD',
      refund_amount: 0,
      refund_breakdown: JSON.stringify({ items: 0, tax: 0, shipping: 0, restocking_fee: 0, return_label: 0, total: 0 }),
      approved_at: null,
      received_at: null,
      closed_at: null,
      created_at: at,
      updated_at: at,
    };
  }

  beforeAll(async () => {
    server = await startTestServer(dialect);
    await createWarehouse(server.admin, 'DAL', 'Dallas', 'TX');
    await createProduct(server.admin, 'MUG', { unit_price: 1200 });
    await createProduct(server.admin, 'TEA', { unit_price: 800, currency: 'EUR' });
    // Low: 5 available against a reorder point of 10. Fine: 50 against 5. MUG and TEA are not managed (point 0).
    await createProduct(server.admin, 'LOW', { unit_price: 100, reorder_point: 10 });
    await createProduct(server.admin, 'FINE', { unit_price: 100, reorder_point: 5 });
    await addStock(server.admin, 'MUG', 'DAL', 100);
    await addStock(server.admin, 'TEA', 'DAL', 100);
    await addStock(server.admin, 'LOW', 'DAL', 5);
    await addStock(server.admin, 'FINE', 'DAL', 50);

    // Two days ago: two orders, one of them cancelled.
    server.clock.set('2026-11-20T09:00:00.000Z');
    await place('first', 'MUG', 2);
    const cancelled = await place('cancelled', 'MUG', 1);
    const cancel = await server.operator.post(`/api/v1/orders/${cancelled.id}/cancel`, { reason: 'customer changed their mind' });
    expect(cancel.status, cancel.text).toBe(200);
    // Today: a dollar order, a euro order, and one whose payment has not come through.
    server.clock.set('2026-11-22T08:00:00.000Z');
    await place('usd', 'MUG', 1);
    await place('eur', 'TEA', 3, 'EUR');
    const unpaid = await place('unpaid', 'MUG', 1);
    await server.deps.db.updateTable('orders').set({ status: 'pending_payment' }).where('id', '=', unpaid.id).execute();
    server.clock.set(REFERENCE_TIME);

    await server.deps.db.updateTable('orders').set({ attention: JSON.stringify({ reason: 'late', since: REFERENCE_TIME }) }).where('id', '=', totals.first!.id).execute();
    await server.deps.db
      .insertInto('returns')
      .values([
        returnRow('ret_open_1', totals.first!.id, 'requested'),
        returnRow('ret_open_2', totals.first!.id, 'in_transit'),
        returnRow('ret_done_1', totals.first!.id, 'closed'),
        returnRow('ret_done_2', totals.first!.id, 'rejected'),
      ])
      .execute();
  });
  afterAll(async () => server?.close());

  it('counts every order by status (all of them, every status named), attention, open returns and low stock', async () => {
    const res = await server.viewer.get(OVERVIEW);
    expect(res.status, res.text).toBe(200);
    const zero = Object.fromEntries(orderStatuses.map((s) => [s, 0]));
    expect(res.body.orders_by_status).toEqual({ ...zero, placed: 3, cancelled: 1, pending_payment: 1 });
    expect(res.body.attention).toEqual({ orders: 1, shipments: 0 });
    expect(res.body.open_returns).toBe(2);
    expect(res.body.low_stock).toBe(1);
    // The same rows the low-stock inventory view lists.
    const low = await server.viewer.get('/api/v1/inventory?below_reorder_point=true');
    expect(low.body.data.map((r: { sku: string }) => r.sku)).toEqual(['LOW']);
    // A period that holds none of the orders still counts them all by status.
    const past = await server.viewer.get(`${OVERVIEW}?from=2026-01-01T00:00:00Z&to=2026-01-31T00:00:00Z`);
    expect(past.body.orders_by_status).toEqual(res.body.orders_by_status);
    expect(past.body.days.every((d: { orders: number; revenue: unknown[] }) => d.orders === 0 && d.revenue.length === 0)).toBe(true);
  });

  it('gives every day of the last 30 by default, zeros included, revenue without cancelled or unpaid orders', async () => {
    const res = await server.viewer.get(OVERVIEW);
    expect(res.body.from).toBe('2026-10-24T00:00:00.000Z');
    expect(res.body.to).toBe(REFERENCE_TIME);
    const days = res.body.days as Array<{ date: string; orders: number; revenue: Array<{ currency: string; amount: number }> }>;
    expect(days).toHaveLength(30);
    expect(days[0]!.date).toBe('2026-10-24');
    expect(days.at(-1)!.date).toBe('2026-11-22');
    expect(days.map((d) => d.date)).toEqual([...days.map((d) => d.date)].sort());
    const byDate = new Map(days.map((d) => [d.date, d]));
    expect(byDate.get('2026-11-20')).toEqual({ date: '2026-11-20', orders: 2, revenue: [{ currency: 'USD', amount: totals.first!.total }] });
    expect(byDate.get('2026-11-21')).toEqual({ date: '2026-11-21', orders: 0, revenue: [] });
    expect(byDate.get('2026-11-22')).toEqual({
      date: '2026-11-22',
      orders: 3,
      revenue: [
        { currency: 'EUR', amount: totals.eur!.total },
        { currency: 'USD', amount: totals.usd!.total },
      ],
    });
    for (const day of days.filter((d) => !['2026-11-20', '2026-11-22'].includes(d.date))) expect(day).toEqual({ date: day.date, orders: 0, revenue: [] });
  });

  it('counts only the orders inside a given period, the edge days included', async () => {
    const res = await server.viewer.get(`${OVERVIEW}?from=2026-11-21T00:00:00Z&to=2026-11-22T23:59:59%2B00:00`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.from).toBe('2026-11-21T00:00:00.000Z');
    expect(res.body.to).toBe('2026-11-22T23:59:59.000Z');
    expect(res.body.days.map((d: { date: string; orders: number }) => [d.date, d.orders])).toEqual([
      ['2026-11-21', 0],
      ['2026-11-22', 3],
    ]);
    // Orders placed after `to` on its own day are left out.
    const early = await server.viewer.get(`${OVERVIEW}?from=2026-11-20T00:00:00Z&to=2026-11-22T07:00:00Z`);
    expect(early.body.days.map((d: { orders: number }) => d.orders)).toEqual([2, 0, 0]);
    // A 366-day period is the longest: 367 dates.
    const year = await server.viewer.get(`${OVERVIEW}?from=2025-11-22T10:00:00Z&to=2026-11-23T10:00:00Z`);
    expect(year.status, year.text).toBe(200);
    expect(year.body.days).toHaveLength(367);
  });

  it('refuses a backwards, too long or unreadable period with 422', async () => {
    expectInvalid(await server.viewer.get(`${OVERVIEW}?from=2026-11-22T00:00:00Z&to=2026-11-21T00:00:00Z`), 'query.from');
    // `from` alone, after now.
    expectInvalid(await server.viewer.get(`${OVERVIEW}?from=2026-12-01T00:00:00Z`), 'query.from');
    expectInvalid(await server.viewer.get(`${OVERVIEW}?from=2025-01-01T00:00:00Z&to=2026-11-22T00:00:00Z`), 'query.to');
    expectInvalid(await server.viewer.get(`${OVERVIEW}?from=yesterday`), 'query.from');
    expectInvalid(await server.viewer.get(`${OVERVIEW}?to=2026-02-30T00:00:00Z`), 'query.to');
    expectInvalid(await server.viewer.get(`${OVERVIEW}?to=2026-12-31T23:59:60Z`), 'query.to');
  });

  it('is for staff: viewer and operator read it, nobody else', async () => {
    expect((await server.operator.get(OVERVIEW)).status).toBe(200);
    expectProblem(await server.anonymous.get(OVERVIEW), 401, 'unauthorized');
    const customer = await registerCustomer(server, 'curious@example.com');
    expectProblem(await customer.request('GET', OVERVIEW), 403, 'forbidden');
  });
});
