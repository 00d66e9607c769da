/**
 * What the admin's shipments map reads, over real HTTP on both dialects: every shipment in
 * GET /api/v1/shipments and GET /api/v1/shipments/{id} carries `current_position` (its newest scan
 * with coordinates, null before one), `destination` (city level, with the gazetteer's
 * coordinates) and `order_number` (the order's W-… number, for the list's links), and
 * `?active=true` lists the shipments still under way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../support/databases.js';
import { addStock, createProduct, createWarehouse, orderBody } from '../support/fixtures.js';
import { drainJobs } from '../support/jobs.js';
import { expectInvalid } from '../support/problems.js';
import { startTestServer, type TestServer } from '../support/server.js';

const SHIPMENTS = '/api/v1/shipments';

describe.each(testDialects())('shipment positions on %s', (dialect) => {
  let server: TestServer;
  let toAustin: string;
  let toSeattle: string;
  /** Each shipment's order number, as placing the order answered it. */
  const orderNumberOf = new Map<string, string>();

  async function shipmentOf(shippingAddress: Record<string, unknown>): Promise<string> {
    const order = await server.operator.post('/api/v1/orders', orderBody([{ sku: 'MUG', quantity: 1 }], { shipping_address: shippingAddress }));
    expect(order.status, order.text).toBe(201);
    await drainJobs(server);
    const list = await server.viewer.get(`${SHIPMENTS}?order_id=${order.body.id}`);
    expect(list.body.data, list.text).toHaveLength(1);
    orderNumberOf.set(list.body.data[0].id, order.body.number);
    return list.body.data[0].id;
  }

  async function scan(id: string, status: string, minutesAgo: number, location?: Record<string, unknown>) {
    const occurred_at = new Date(server.clock.now().getTime() - minutesAgo * 60_000).toISOString();
    const res = await server.operator.post(`${SHIPMENTS}/${id}/events`, { status, occurred_at, description: `scan ${status}`, ...(location ? { location } : {}) });
    expect(res.status, res.text).toBeLessThan(300);
  }

  beforeAll(async () => {
    server = await startTestServer(dialect);
    await createWarehouse(server.admin, 'DAL', 'Dallas', 'TX');
    await createProduct(server.admin, 'MUG', { unit_price: 1500 });
    await addStock(server.admin, 'MUG', 'DAL', 20);
    toAustin = await shipmentOf({ name: 'Ada', line1: '1 Congress Ave', line2: null, city: 'Austin', region: 'TX', postal_code: '78701', country: 'US' });
    toSeattle = await shipmentOf({ name: 'Grace', line1: '400 Broad St', line2: null, city: 'Seattle', region: 'WA', postal_code: '98109', country: 'US' });
  });
  afterAll(async () => server?.close());

  it('places the destination at city level with coordinates, and no position before a scan with a place', async () => {
    const one = await server.viewer.get(`${SHIPMENTS}/${toAustin}`);
    expect(one.status, one.text).toBe(200);
    expect(one.body.destination).toEqual({ city: 'Austin', region: 'TX', country: 'US', latitude: expect.any(Number), longitude: expect.any(Number) });
    expect(one.body.destination.latitude).toBeCloseTo(30.27, 1);
    expect(one.body.destination.longitude).toBeCloseTo(-97.74, 1);
    // Nothing more personal than the city.
    expect(JSON.stringify(one.body.destination)).not.toMatch(/Congress|78701|Ada/);
    expect(one.body.events.filter((e: { latitude: number | null }) => e.latitude !== null)).toEqual([]);
    expect(one.body.current_position).toBeNull();
  });

  it("names each shipment's order by its number, in the list and the shipment alike", async () => {
    const numbers = [orderNumberOf.get(toAustin)!, orderNumberOf.get(toSeattle)!];
    expect(numbers[0]).toMatch(/^W-\d{6}$/);
    expect(numbers[0]).not.toBe(numbers[1]);
    for (const id of [toAustin, toSeattle]) {
      const one = await server.viewer.get(`${SHIPMENTS}/${id}`);
      expect(one.body.order_number, one.text).toBe(orderNumberOf.get(id));
    }
    // Paged one at a time too: each page looks up its own rows' orders.
    const list = await server.viewer.get(`${SHIPMENTS}?limit=200`);
    const byId = new Map((list.body.data as Array<{ id: string; order_number: string }>).map((s) => [s.id, s.order_number]));
    expect(byId).toEqual(new Map([[toAustin, orderNumberOf.get(toAustin)], [toSeattle, orderNumberOf.get(toSeattle)]]));
    const first = await server.viewer.get(`${SHIPMENTS}?limit=1`);
    const second = await server.viewer.get(`${SHIPMENTS}?limit=1&cursor=${first.body.next_cursor}`);
    for (const p of [first, second]) expect(p.body.data[0].order_number, p.text).toBe(orderNumberOf.get(p.body.data[0].id));
    expect(first.body.data[0].id).not.toBe(second.body.data[0].id);
  });

  it('shows the newest scan with coordinates as the position, in the list and the shipment alike', async () => {
    await scan(toAustin, 'in_transit', 120, { city: 'Dallas', region: 'TX', country: 'US' });
    await scan(toAustin, 'in_transit', 60, { city: 'Waco', region: 'TX', country: 'US' });
    // A late scan from earlier does not move it back; one without a place does not take it away.
    await scan(toAustin, 'in_transit', 180, { city: 'Fort Worth', region: 'TX', country: 'US' });
    await scan(toAustin, 'in_transit', 30);
    await scan(toSeattle, 'in_transit', 45, { city: 'Portland', region: 'OR', country: 'US' });

    const one = (await server.viewer.get(`${SHIPMENTS}/${toAustin}`)).body;
    expect(one.current_position).toEqual({
      latitude: expect.any(Number),
      longitude: expect.any(Number),
      city: 'Waco',
      country: 'US',
      at: new Date(server.clock.now().getTime() - 60 * 60_000).toISOString(),
    });
    expect(one.current_position.latitude).toBeCloseTo(31.55, 1);

    const list = await server.viewer.get(`${SHIPMENTS}?limit=200`);
    expect(list.status, list.text).toBe(200);
    const byId = new Map(list.body.data.map((s: { id: string }) => [s.id, s]));
    expect((byId.get(toAustin) as { current_position: unknown }).current_position).toEqual(one.current_position);
    expect((byId.get(toSeattle) as { current_position: { city: string } }).current_position.city).toBe('Portland');
    expect((byId.get(toSeattle) as { destination: { city: string } }).destination).toMatchObject({ city: 'Seattle', region: 'WA', country: 'US' });
  });

  it('lists the shipments still under way with ?active=true, and the finished ones with false', async () => {
    await scan(toSeattle, 'delivered', 5, { city: 'Seattle', region: 'WA', country: 'US' });
    const ids = async (query: string) => ((await server.viewer.get(`${SHIPMENTS}?${query}`)).body.data as Array<{ id: string }>).map((s) => s.id);
    expect(await ids('active=true')).toEqual([toAustin]);
    expect(await ids('active=false')).toEqual([toSeattle]);
    expect(await ids('active=true&status=in_transit')).toEqual([toAustin]);
    expect(await ids('active=true&status=delivered')).toEqual([]);
    expect((await ids('limit=200')).sort()).toEqual([toAustin, toSeattle].sort());
    // The delivered one sits at its door.
    expect((await server.viewer.get(`${SHIPMENTS}/${toSeattle}`)).body.current_position.city).toBe('Seattle');
    expectInvalid(await server.viewer.get(`${SHIPMENTS}?active=perhaps`), 'query.active');
  });
});
