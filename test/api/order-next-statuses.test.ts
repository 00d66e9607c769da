/**
 * The staff order's `next_statuses` over real HTTP on both dialects: for orders in several states
 * (one with backordered units among them) every listed status is one POST /orders/{id}/status
 * accepts, and every other status is refused with 409 invalid_transition listing the same moves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderStatuses } from '../../src/orders/index.js';
import { testDialects } from '../support/databases.js';
import { addStock, createProduct, createWarehouse, orderBody } from '../support/fixtures.js';
import { expectProblem } from '../support/problems.js';
import { startTestServer, type TestServer } from '../support/server.js';

const ORDERS = '/api/v1/orders';

/** How to reach a state by hand from a fresh order, and what may follow it. */
interface Scenario {
  name: string;
  sku: 'MUG' | 'BACK';
  path: string[];
  expected: string[];
}

const scenarios: Scenario[] = [
  { name: 'placed', sku: 'MUG', path: [], expected: ['processing', 'cancelled'] },
  { name: 'processing', sku: 'MUG', path: ['processing'], expected: ['ready_to_ship', 'shipped', 'cancelled'] },
  { name: 'ready_to_ship', sku: 'MUG', path: ['processing', 'ready_to_ship'], expected: ['shipped', 'cancelled'] },
  { name: 'shipped', sku: 'MUG', path: ['processing', 'shipped'], expected: ['in_transit', 'out_for_delivery', 'delivered', 'returned'] },
  { name: 'delivered', sku: 'MUG', path: ['processing', 'shipped', 'delivered'], expected: ['returned'] },
  { name: 'cancelled', sku: 'MUG', path: ['cancelled'], expected: [] },
  // Backordered units are in no warehouse yet: shipping by hand is ruled out until they arrive.
  { name: 'processing with backordered units', sku: 'BACK', path: ['processing'], expected: ['ready_to_ship', 'cancelled'] },
];

describe.each(testDialects())('next statuses on %s', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(dialect, { WAYBILL_AUTO_REORDER: 'off' });
    await createWarehouse(server.admin, 'DAL', 'Dallas', 'TX');
    await createProduct(server.admin, 'MUG', { unit_price: 1500 });
    await createProduct(server.admin, 'BACK', { unit_price: 900, backorderable: true });
    await addStock(server.admin, 'MUG', 'DAL', 500);
    await addStock(server.admin, 'BACK', 'DAL', 1);
  });
  afterAll(async () => server?.close());

  const move = (id: string, status: string) => server.operator.post(`${ORDERS}/${id}/status`, { status });

  async function orderIn(scenario: Scenario) {
    // BACK: 1 in stock, 3 ordered, so 2 are backordered (the stock goes to the first such order only).
    const placed = await server.operator.post(ORDERS, orderBody([{ sku: scenario.sku, quantity: scenario.sku === 'BACK' ? 3 : 1 }]));
    expect(placed.status, placed.text).toBe(201);
    for (const status of scenario.path) {
      const res = await move(placed.body.id, status);
      expect(res.status, res.text).toBe(200);
    }
    const order = await server.viewer.get(`${ORDERS}/${placed.body.id}`);
    expect(order.status, order.text).toBe(200);
    return order.body;
  }

  describe.each(scenarios)('an order that is $name', (scenario) => {
    it('lists the moves the lifecycle and its lines allow, in the order and the list alike', async () => {
      const order = await orderIn(scenario);
      if (scenario.sku === 'BACK') expect(order.lines[0].quantity_backordered).toBeGreaterThan(0);
      expect(order.next_statuses).toEqual(scenario.expected);
      const listed = await server.viewer.get(`${ORDERS}?q=${order.number}`);
      expect(listed.body.data.map((o: { id: string; next_statuses: string[] }) => [o.id, o.next_statuses])).toEqual([[order.id, scenario.expected]]);
    });

    it('refuses every status it does not list with 409 invalid_transition, changing nothing', async () => {
      const order = await orderIn(scenario);
      for (const status of orderStatuses.filter((s) => !order.next_statuses.includes(s))) {
        const body = expectProblem(await move(order.id, status), 409, 'invalid_transition');
        expect(body, status).toMatchObject({ from: order.status, to: status, allowed: order.next_statuses });
      }
      const after = (await server.viewer.get(`${ORDERS}/${order.id}`)).body;
      expect({ status: after.status, lines: after.lines }).toEqual({ status: order.status, lines: order.lines });
    });

    it.each(scenario.expected)('accepts the move to %s', async (status) => {
      const order = await orderIn(scenario);
      expect(order.next_statuses).toContain(status);
      const res = await move(order.id, status);
      expect(res.status, res.text).toBe(200);
      expect(res.body.status).toBe(status);
      expect(res.body.next_statuses).toEqual((await server.viewer.get(`${ORDERS}/${order.id}`)).body.next_statuses);
    });
  });

  it('says why an order with backordered units cannot ship', async () => {
    const order = await orderIn(scenarios.at(-1)!);
    const body = expectProblem(await move(order.id, 'shipped'), 409, 'invalid_transition');
    expect(body.detail).toMatch(/backordered units \(\d+ × BACK\)/);
    expect(body.backordered).toEqual([{ sku: 'BACK', quantity: order.lines[0].quantity_backordered }]);
  });
});
