/**
 * Exceptions and polling with the sim carrier, over real HTTP: a failed delivery attempt raises
 * attention on the order and delivery clears it; a parcel that is never scanned raises `no_scan`
 * after the threshold, then `shipment_late` past its ETA, and a scan clears it; shipments no
 * webhook updates are polled, with backoff, until delivered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../support/databases.js';
import { addStock, createProduct, createWarehouse, orderBody } from '../support/fixtures.js';
import { drainJobs, travel } from '../support/jobs.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { UNEVENTFUL_SIM } from '../support/sim-env.js';

/** Nothing listens there: the sim's pushes fail, so only polling brings news. */
const DEAD_WEBHOOK = { WAYBILL_SIM_WEBHOOK_URL: 'http://127.0.0.1:9/webhooks/carriers/sim' };
const seattle = { name: 'Ada Lovelace', line1: '400 Broad St', line2: null, city: 'Seattle', region: 'WA', postal_code: '98109', country: 'US' };

async function shop(server: TestServer) {
  await createWarehouse(server.admin, 'DAL', 'Dallas', 'TX');
  await createProduct(server.admin, 'MUG', { length_mm: 120, width_mm: 90, height_mm: 100, weight_grams: 350 });
  await addStock(server.admin, 'MUG', 'DAL', 100);
}

async function shippedOrder(server: TestServer) {
  const res = await server.operator.post('/api/v1/orders', { ...orderBody([{ sku: 'MUG', quantity: 1 }]), shipping_address: seattle });
  expect(res.status, res.text).toBe(201);
  await drainJobs(server);
  const order = (await server.viewer.get(`/api/v1/orders/${res.body.id}`)).body;
  expect(order.shipments).toHaveLength(1);
  return order;
}

const eventTypes = async (server: TestServer, id: string) => ((await server.viewer.get(`/api/v1/orders/${id}/events`)).body.data as Array<{ type: string; data: any }>);

describe.each(testDialects())('tracking exceptions and polling on %s', (dialect) => {
  describe('a failed delivery attempt', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(dialect, { ...UNEVENTFUL_SIM, WAYBILL_SIM_FAILED_ATTEMPT_SHARE: '1' });
      await shop(server);
    });
    afterAll(async () => server?.close());

    it('raises attention with the reason, and delivery clears it', async () => {
      const order = await shippedOrder(server);
      let raised: any = null;
      for (let i = 0; i < 60 && raised === null; i++) {
        await travel(server, 10_000, 10_000);
        raised = (await server.viewer.get(`/api/v1/orders/${order.id}`)).body.attention;
      }
      expect(raised).toMatchObject({ reason: 'failed_attempt', shipment_id: order.shipments[0].id, detail: expect.any(String) });
      const flagged = await server.viewer.get('/api/v1/orders?attention=true');
      expect(flagged.body.data.map((o: any) => o.id)).toContain(order.id);
      expect((await server.viewer.get('/api/v1/shipments?attention=true')).body.data.map((s: any) => s.id)).toContain(order.shipments[0].id);

      await travel(server, 8 * 60_000, 20_000);
      const done = (await server.viewer.get(`/api/v1/orders/${order.id}`)).body;
      expect(done.status).toBe('delivered');
      expect(done.attention).toBeNull();
      const types = (await eventTypes(server, order.id)).map((e) => e.type);
      // Raised by the failed attempt (and, when the retry came after the ETA, again as late); cleared by delivery.
      const attention = (await eventTypes(server, order.id)).filter((e) => e.type.startsWith('order.attention'));
      expect(attention[0]).toMatchObject({ type: 'order.attention_raised', data: { reason: 'failed_attempt' } });
      expect(attention.at(-1)!.type).toBe('order.attention_cleared');
      expect(types.filter((t) => t === 'order.attention_cleared').length).toBeGreaterThanOrEqual(1);
      const shipment = (await server.viewer.get(`/api/v1/shipments/${order.shipments[0].id}`)).body;
      expect(shipment.events.some((e: any) => e.status === 'failed_attempt')).toBe(true);
      const perf = (await server.viewer.get('/api/v1/analytics/carriers')).body;
      expect(perf.carriers[0]).toMatchObject({ carrier: 'sim', exception_rate: 1 });
    });
  });

  describe('a parcel that is never scanned', () => {
    let server: TestServer;
    beforeAll(async () => {
      // Real-time sim speed: the ETA is days away, like a real carrier's.
      server = await startTestServer(dialect, { ...UNEVENTFUL_SIM, ...DEAD_WEBHOOK, WAYBILL_SIM_SPEED: '1', WAYBILL_POLL_AFTER_MINUTES: '100000', WAYBILL_NO_SCAN_HOURS: '48' });
      await shop(server);
    });
    afterAll(async () => server?.close());

    it('raises no_scan after the threshold, shipment_late past the ETA, and a scan clears it', async () => {
      const order = await shippedOrder(server);
      const shipmentId = order.shipments[0].id;
      server.clock.advance(47 * 3_600_000);
      await drainJobs(server);
      expect((await server.viewer.get(`/api/v1/orders/${order.id}`)).body.attention).toBeNull();

      server.clock.advance(2 * 3_600_000);
      await drainJobs(server);
      expect((await server.viewer.get(`/api/v1/orders/${order.id}`)).body.attention).toMatchObject({ reason: 'no_scan', shipment_id: shipmentId });

      const eta = (await server.viewer.get(`/api/v1/shipments/${shipmentId}`)).body.estimated_delivery;
      server.clock.set(new Date(Date.parse(eta) + 3_600_000));
      await drainJobs(server);
      expect((await server.viewer.get(`/api/v1/orders/${order.id}`)).body.attention).toMatchObject({ reason: 'shipment_late', since: eta });

      const delivered = await server.operator.post(`/api/v1/shipments/${shipmentId}/events`, { status: 'delivered', signed_by: 'A. LOVELACE', location: { city: 'Seattle', region: 'WA', country: 'US' } });
      expect(delivered.status, delivered.text).toBe(201);
      expect(delivered.body).toMatchObject({ status: 'delivered', signed_by: 'A. LOVELACE', attention: null, next_poll_at: null });
      const after = (await server.viewer.get(`/api/v1/orders/${order.id}`)).body;
      expect(after).toMatchObject({ status: 'delivered', attention: null });
      const perf = (await server.viewer.get('/api/v1/analytics/carriers')).body;
      expect(perf.carriers[0]).toMatchObject({ delivered: 1, on_time_rate: 0 });
    });

    it('records a hand scan once when it is sent again under its Idempotency-Key', async () => {
      const order = await shippedOrder(server);
      const path = `/api/v1/shipments/${order.shipments[0].id}/events`;
      const scan = { status: 'in_transit', location: { city: 'Dallas', region: 'TX', country: 'US' } };
      const key = { headers: { 'idempotency-key': `scan-${order.id}` } };
      const first = await server.operator.post(path, scan, key);
      expect(first.status, first.text).toBe(201);
      // A minute later (its occurred_at would be another), the answer lost: the same scan, not a second.
      server.clock.advance(60_000);
      const again = await server.operator.post(path, scan, key);
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body).toEqual(first.body);
      const manual = (body: any) => body.events.filter((e: any) => e.code === 'MANUAL');
      expect(manual((await server.viewer.get(path.replace('/events', ''))).body)).toHaveLength(1);
      // Without a key, each request is a scan of its own.
      await server.operator.post(path, scan);
      expect(manual((await server.viewer.get(path.replace('/events', ''))).body)).toHaveLength(2);
    });
  });

  describe('polling', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(dialect, { ...UNEVENTFUL_SIM, ...DEAD_WEBHOOK, WAYBILL_POLL_AFTER_MINUTES: '1' });
      await shop(server);
    });
    afterAll(async () => server?.close());

    it('polls shipments no webhook updates, until they are delivered, then stops', async () => {
      const order = await shippedOrder(server);
      const id = order.shipments[0].id;
      await travel(server, 10 * 60_000, 30_000);
      const shipment = (await server.viewer.get(`/api/v1/shipments/${id}`)).body;
      expect(shipment.status).toBe('delivered');
      expect(shipment.next_poll_at).toBeNull();
      expect(shipment.events.length).toBeGreaterThan(3);
      expect(shipment.events.every((e: any) => e.source === 'poll')).toBe(true);
      expect((await server.viewer.get(`/api/v1/orders/${order.id}`)).body.status).toBe('delivered');
    });

    it('stops polling a shipment WAYBILL_TRACKING_DAYS (30) after its label, delivered or not', async () => {
      const order = await shippedOrder(server);
      const id = order.shipments[0].id;
      expect((await server.viewer.get(`/api/v1/shipments/${id}`)).body.next_poll_at).not.toBeNull();
      server.clock.advance(31 * 86_400_000);
      await drainJobs(server);
      const shipment = (await server.viewer.get(`/api/v1/shipments/${id}`)).body;
      expect(shipment.next_poll_at).toBeNull();
      expect(shipment.events).toHaveLength(0);
    });

    it('backs off when a poll brings nothing new, and refresh asks at once', async () => {
      const order = await shippedOrder(server);
      const id = order.shipments[0].id;
      const first = (await server.viewer.get(`/api/v1/shipments/${id}`)).body;
      const refreshed = await server.operator.post(`/api/v1/shipments/${id}/refresh`);
      expect(refreshed.status, refreshed.text).toBe(200);
      // The label scan is due at once: the refresh stored it; a second refresh has nothing new and waits longer.
      expect(refreshed.body.events.map((e: any) => e.code)).toEqual(['LC']);
      const again = (await server.operator.post(`/api/v1/shipments/${id}/refresh`)).body;
      expect(again.events).toHaveLength(1);
      const wait = (s: any) => Date.parse(s.next_poll_at) - Date.parse(server.clock.now().toISOString());
      expect(wait(again)).toBeGreaterThan(wait(refreshed.body));
      expect(wait(refreshed.body)).toBeGreaterThanOrEqual(60_000);
      expect(first.next_poll_at).not.toBeNull();
    });
  });
});
