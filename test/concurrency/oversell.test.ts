/**
 * Proof that concurrent orders never oversell: many clients race for the same units over real HTTP,
 * and the stock, the orders and the movement ledger must all agree afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerMismatches } from '../../src/inventory/index.js';
import { testDialects } from '../support/databases.js';
import { addStock, createProduct, createWarehouse, orderBody } from '../support/fixtures.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { allStock, customerFor, expectNeverNegative, seededRandom, shuffled, tally, watchStock } from './helpers.js';

const AUSTIN = { name: 'Buyer', line1: '1 Congress Ave', line2: null, city: 'Austin', region: 'TX', postal_code: '78701', country: 'US' };
const NEW_YORK = { name: 'Buyer', line1: '1 Broadway', line2: null, city: 'New York', region: 'NY', postal_code: '10004', country: 'US' };

describe.each(testDialects())('overselling on %s', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    await createWarehouse(server.admin, 'DAL', 'Dallas', 'TX');
    await createWarehouse(server.admin, 'EWR', 'Newark', 'NJ');
  });
  afterAll(async () => server?.close());

  it('sells 50 units exactly once to 200 concurrent buyers of one unit', async () => {
    await createProduct(server.admin, 'SOLO');
    await addStock(server.admin, 'SOLO', 'DAL', 50);

    const { result: answers, samples } = await watchStock(
      server.viewer,
      Promise.all(
        Array.from({ length: 200 }, (_, i) => server.operator.post('/api/v1/orders', orderBody([{ sku: 'SOLO', quantity: 1 }], { customer: customerFor(i) }))),
      ),
    );

    expect(tally(answers)).toEqual({ '201': 50, '409 insufficient_stock': 150 });
    for (const refused of answers.filter((a) => a.status === 409)) {
      expect(refused.body.lines).toEqual([{ sku: 'SOLO', requested: 1, available: 0 }]);
    }
    // Every winner is a distinct order with a distinct human number (the counter did not race either).
    const placed = answers.filter((a) => a.status === 201).map((a) => a.body);
    expect(new Set(placed.map((o) => o.id)).size).toBe(50);
    expect(new Set(placed.map((o) => o.number)).size).toBe(50);
    // A refused order left no row behind: the transaction that would have created it rolled back.
    const listed = await server.viewer.get('/api/v1/orders?limit=200');
    expect(listed.body.data.map((o: { id: string }) => o.id).sort()).toEqual(placed.map((o) => o.id).sort());

    expectNeverNegative(samples);
    const stock = (await allStock(server.viewer)).filter((r) => r.sku === 'SOLO');
    expect(stock).toMatchObject([{ sku: 'SOLO', warehouse: 'DAL', on_hand: 50, reserved: 50, available: 0 }]);
    expect(await ledgerMismatches(server.deps.db)).toEqual([]);
  });

  it('keeps racing multi-line orders over several SKUs and two warehouses consistent, with no 500 from lock-order deadlocks', async () => {
    const skus = ['MIX-A', 'MIX-B', 'MIX-C', 'MIX-D', 'MIX-E'];
    // Scarce stock on purpose: orders keep losing races and re-planning onto the other warehouse,
    // or splitting across both, which is when lock order goes wrong if anything does.
    for (const sku of skus) {
      await createProduct(server.admin, sku);
      await addStock(server.admin, sku, 'DAL', 6);
      await addStock(server.admin, sku, 'EWR', 6);
    }
    const seed = Date.now() % 1_000_000;
    const random = seededRandom(seed);
    // Lines in random order, buyers near one warehouse or the other: concurrent transactions then
    // reach the same stock rows in different orders, which is what deadlocks on PostgreSQL.
    const bodies = Array.from({ length: 200 }, (_, i) => {
      const lines = shuffled(skus, random)
        .slice(0, 2 + Math.floor(random() * 2))
        .map((sku) => ({ sku, quantity: 1 + Math.floor(random() * 3) }));
      return orderBody(lines, { customer: customerFor(1000 + i), shipping_address: random() < 0.5 ? AUSTIN : NEW_YORK });
    });

    const { result: answers, samples } = await watchStock(server.viewer, Promise.all(bodies.map((body) => server.operator.post('/api/v1/orders', body))));

    const counts = tally(answers);
    expect(Object.keys(counts).filter((k) => k !== '201' && k !== '409 insufficient_stock'), `seed ${seed}: ${JSON.stringify(counts)}`).toEqual([]);
    expect(counts['201'], `seed ${seed}`).toBeGreaterThan(0);
    expectNeverNegative(samples);

    // What is reserved at each (sku, warehouse) is exactly what the accepted orders were allocated.
    const placed = answers.filter((a) => a.status === 201).map((a) => a.body);
    const allocated = new Map<string, number>();
    for (const order of placed) {
      const ordered = new Map<string, number>();
      for (const line of order.lines) ordered.set(line.sku, (ordered.get(line.sku) ?? 0) + line.quantity);
      for (const a of order.allocations) {
        allocated.set(`${a.sku}@${a.warehouse}`, (allocated.get(`${a.sku}@${a.warehouse}`) ?? 0) + a.quantity);
        ordered.set(a.sku, ordered.get(a.sku)! - a.quantity);
      }
      // Every line fully allocated: all or nothing, never part of an order.
      expect([...ordered.values()].every((n) => n === 0), JSON.stringify(order.allocations)).toBe(true);
    }
    const stock = (await allStock(server.viewer)).filter((r) => r.sku.startsWith('MIX-'));
    expect(stock).toHaveLength(10);
    for (const row of stock) {
      expect(row.on_hand).toBe(6);
      expect(row.reserved, `${row.sku}@${row.warehouse}, seed ${seed}`).toBe(allocated.get(`${row.sku}@${row.warehouse}`) ?? 0);
      expect(row.available).toBeGreaterThanOrEqual(0);
    }
    const orderedUnits = placed.flatMap((o) => o.lines).reduce((n: number, l: { quantity: number }) => n + l.quantity, 0);
    expect(stock.reduce((n, r) => n + r.reserved, 0)).toBe(orderedUnits);
    expect(await ledgerMismatches(server.deps.db)).toEqual([]);
  });
});
