/**
 * DHL Express through Waybill's HTTP API, against the local fake of DHL's two APIs (MyDHL Express
 * for rates and labels, Unified Shipment Tracking for tracking and push): a Leipzig warehouse
 * shipping to Paris, rate shopping, labels bought by the pipeline, pushes POSTed to
 * /webhooks/carriers/dhl, refreshes and scheduled polling. On SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../support/databases.js';
import { expressShipment, FAKE_DHL, scans, startFakeDhl, type FakeDhl } from '../support/fake-dhl/index.js';
import { drainJobs } from '../support/jobs.js';
import { expectProblem } from '../support/problems.js';
import { startTestServer, type TestServer } from '../support/server.js';
import {
  advance,
  createPostalShop,
  labelOf,
  orderOf,
  placeOrder,
  postalOrder,
  postWebhook,
  readyToShip,
  shipmentOf,
  timelineOf,
  trackingState,
  trackingWrites,
} from '../support/carrier-scenario-postal.js';

const paris = { name: 'Jeanne Dupont', line1: '8 Rue de Rivoli', city: 'Paris', region: null, postal_code: '75004', country: 'FR' };
const leipzig = { code: 'LEJ', address: { line1: 'Radefelder Allee 1', city: 'Leipzig', region: null, postal_code: '04435', country: 'DE' }, latitude: 51.42, longitude: 12.22 };
const dhlPage = (awb: string) => `https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id=${awb}`;

function dhlEnv(fake: FakeDhl): Record<string, string> {
  return {
    WAYBILL_SIM: 'off',
    WAYBILL_DHL_BASE_URL: fake.url,
    WAYBILL_DHL_API_KEY: FAKE_DHL.apiKey,
    WAYBILL_DHL_WEBHOOK_SECRET: FAKE_DHL.webhookSecret,
    WAYBILL_DHL_EXPRESS_BASE_URL: `${fake.url}/mydhlapi`,
    WAYBILL_DHL_EXPRESS_USERNAME: FAKE_DHL.username,
    WAYBILL_DHL_EXPRESS_PASSWORD: FAKE_DHL.password,
    WAYBILL_DHL_ACCOUNT_NUMBER: FAKE_DHL.accountNumber,
    WAYBILL_POLL_AFTER_MINUTES: '5',
    // Placed on Sunday 2026-11-22: promised by Wednesday 2026-11-25.
    WAYBILL_PROMISE_DAYS: '3',
  };
}

const trackRequests = (fake: FakeDhl, awb: string) => fake.requests.filter((r) => r.path === '/track/shipments' && r.query.trackingNumber === awb);

describe.each(testDialects())('DHL Express through the API on %s', (dialect) => {
  let dhl: FakeDhl;
  let server: TestServer;

  beforeAll(async () => {
    dhl = await startFakeDhl();
    server = await startTestServer(dialect, dhlEnv(dhl));
    await createPostalShop(server, leipzig, 'EUR');
  });
  afterAll(async () => {
    await server?.close();
    await dhl?.close();
  });

  const pinned = (lines?: Array<{ sku: string; quantity: number }>, service: string | null = null) => postalOrder(paris, 'EUR', { carrier: 'dhl', service }, lines);

  it('lists DHL quotes for Leipzig → Paris as MyDHL priced them, picks per strategy, and the pipeline buys the best_value pick', async () => {
    const placed = await placeOrder(server, postalOrder(paris, 'EUR', { strategy: 'best_value' }));
    const rates = await server.viewer.get(`/api/v1/orders/${placed.id}/rates`);
    expect(rates.status, rates.text).toBe(200);
    expect(rates.body.errors).toEqual([]);
    expect(rates.body.promised_date).toBe('2026-11-25');
    const asked = dhl.requests.filter((r) => r.method === 'GET' && r.path === '/mydhlapi/rates').at(-1)!;
    expect(asked.query).toMatchObject({ accountNumber: FAKE_DHL.accountNumber, originCountryCode: 'DE', originCityName: 'Leipzig', destinationCountryCode: 'FR', destinationCityName: 'Paris', plannedShippingDate: '2026-11-22' });

    await drainJobs(server);
    // The fake prices per started kilogram of what was packed (one box, LIGHT and its tare).
    const fulfillment = (await server.viewer.get(`/api/v1/orders/${placed.id}/fulfillment`)).body;
    const kilos = Math.ceil(fulfillment.packages.reduce((n: number, p: { weight_grams: number }) => n + p.weight_grams, 0) / 1000);
    expect(kilos).toBe(2);
    const price = (base: number, perKg: number) => base + perKg * kilos;
    const byService = Object.fromEntries(rates.body.data.map((q: any) => [q.service, q]));
    // EXPRESS EASY ("8") has no Waybill service and is left out.
    expect(Object.keys(byService).sort()).toEqual(['economy_select', 'express_0900', 'express_1200', 'express_worldwide']);
    const common = { warehouse: 'LEJ', carrier: 'dhl', currency: 'EUR', eligible: true };
    expect(byService.express_worldwide).toMatchObject({ ...common, amount: price(4599, 712), transit_days: 3, estimated_delivery_date: '2026-11-25' });
    expect(byService.express_0900).toMatchObject({ ...common, amount: price(8950, 905), transit_days: 1, estimated_delivery_date: '2026-11-23' });
    expect(byService.express_1200).toMatchObject({ ...common, amount: price(6433, 801), transit_days: 1, estimated_delivery_date: '2026-11-23' });
    expect(byService.economy_select).toMatchObject({ ...common, amount: price(2890, 410), transit_days: 5, estimated_delivery_date: '2026-11-27' });
    expect(rates.body.picks.cheapest).toEqual([expect.objectContaining({ warehouse: 'LEJ', carrier: 'dhl', service: 'economy_select', amount: price(2890, 410), currency: 'EUR' })]);
    // 9:00 and 12:00 arrive the same day: the cheaper of the two.
    expect(rates.body.picks.fastest).toEqual([expect.objectContaining({ carrier: 'dhl', service: 'express_1200', amount: price(6433, 801) })]);
    // Economy arrives after the promised Wednesday; Worldwide is the cheapest that does not.
    expect(rates.body.picks.best_value).toEqual([expect.objectContaining({ carrier: 'dhl', service: 'express_worldwide', amount: price(4599, 712) })]);

    const order = await orderOf(server, placed.id);
    expect(order.status).toBe('ready_to_ship');
    expect(order.shipments).toEqual([expect.objectContaining({ carrier: 'dhl', service: 'express_worldwide' })]);
    const shipment = await shipmentOf(server, order.shipments[0].id);
    expect(shipment).toMatchObject({ amount: price(4599, 712), currency: 'EUR', strategy: 'best_value' });
    expect(dhl.created.at(-1)).toMatchObject({ trackingNumber: shipment.tracking_number, productCode: 'P', reference: shipment.id });
  });

  it('buys a pinned DHL label in the pipeline: the AWB, DHL tracking page, a PDF label; three boxes get three piece numbers', async () => {
    const { shipment } = await readyToShip(server, pinned(undefined, 'express_0900'));
    const created = dhl.created.at(-1)!;
    expect(created.productCode).toBe('K');
    expect(shipment).toMatchObject({ carrier: 'dhl', service: 'express_0900', label_state: 'purchased', status: 'label_created', tracking_number: created.trackingNumber, tracking_url: dhlPage(created.trackingNumber) });
    expect(shipment.packages).toEqual([expect.objectContaining({ seq: 1, tracking_number: created.trackingNumber })]);
    const label = await labelOf(server, shipment.id);
    expect(label.status).toBe(200);
    expect(label.contentType).toBe('application/pdf');
    expect(label.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(label.pages).toBe(1);

    const heavy = await readyToShip(server, pinned([{ sku: 'HEAVY', quantity: 3 }]));
    const three = dhl.created.at(-1)!;
    expect(three.request.content.packages).toHaveLength(3);
    expect(heavy.shipment.tracking_number).toBe(three.trackingNumber);
    expect(heavy.shipment.tracking_url).toBe(dhlPage(three.trackingNumber));
    const pieces = heavy.shipment.packages.map((p: { tracking_number: string }) => p.tracking_number);
    expect(pieces).toEqual(three.pieces);
    expect(new Set(pieces).size).toBe(3);
    // After the label, the AWB and its pieces were subscribed to push, with the token pushes carry.
    expect(dhl.subscriptions.filter((s) => s.shipmentIDs.includes(three.trackingNumber))).toEqual([
      expect.objectContaining({ shipmentIDs: [three.trackingNumber, ...pieces], hook: { uri: `${server.deps.config.publicUrl}/webhooks/carriers/dhl`, authentication: expect.objectContaining({ token: FAKE_DHL.webhookSecret }) } }),
    ]);
    expect(await timelineOf(server, heavy.order.id)).toContain('shipment.tracking_subscribed');
    const labels = await labelOf(server, heavy.shipment.id);
    expect(labels.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(labels.pages).toBe(3);
  });

  it('moves the shipment and order on DHL pushes, records the signer, answers a redelivery as duplicate and refuses a wrong or missing secret', async () => {
    const { order, shipment } = await readyToShip(server, pinned());
    const awb = shipment.tracking_number;
    const travelled = [scans.pickedUp('2026-11-22T14:05:00+01:00', 'LEIPZIG - GERMANY'), scans.departed('2026-11-22T20:40:00+01:00', 'LEIPZIG - GERMANY')];
    const first = await postWebhook(server, 'dhl', dhl.push([expressShipment(awb, travelled)]));
    expect(first.status, first.text).toBe(200);
    expect(first.body).toEqual({ received: true, duplicate: false, stored: 2, unmatched: 0 });
    expect(await shipmentOf(server, shipment.id)).toMatchObject({ status: 'in_transit', shipped_at: '2026-11-22T13:05:00.000Z', last_event_at: '2026-11-22T19:40:00.000Z' });
    expect((await orderOf(server, order.id)).status).toBe('in_transit');

    const delivered = dhl.push([
      expressShipment(awb, [...travelled, scans.delivered('2026-11-24T11:12:00+01:00', 'PARIS - FRANCE')], {
        proofOfDelivery: { timestamp: '2026-11-24T11:12:00+01:00', signedBy: 'J. Dupont', documentUrl: `https://proview.dhl.com/pod?awb=${awb}` },
      }),
    ]);
    const last = await postWebhook(server, 'dhl', delivered);
    expect(last.body).toEqual({ received: true, duplicate: false, stored: 1, unmatched: 0 });
    const done = await shipmentOf(server, shipment.id);
    expect(done).toMatchObject({ status: 'delivered', delivered_at: '2026-11-24T10:12:00.000Z', signed_by: 'J. Dupont', proof_of_delivery: `https://proview.dhl.com/pod?awb=${awb}` });
    expect(done.events.map((e: any) => [e.status, e.source])).toEqual([['in_transit', 'webhook'], ['in_transit', 'webhook'], ['delivered', 'webhook']]);
    expect((await orderOf(server, order.id)).status).toBe('delivered');

    const before = await trackingWrites(server);
    const again = await postWebhook(server, 'dhl', delivered);
    expect(again.status, again.text).toBe(200);
    expect(again.body).toEqual({ received: true, duplicate: true, stored: 0, unmatched: 0 });
    expect(await trackingWrites(server)).toEqual(before);

    // A forged push with news in it (a return) must not land, with a wrong token or none.
    const news = [expressShipment(awb, [...travelled, scans.returned('2026-11-25T09:00:00+01:00', 'PARIS - FRANCE')])];
    for (const forged of [dhl.forgedPush(news), dhl.forgedPush(news, null), dhl.forgedPush(news, FAKE_DHL.webhookSecret.toUpperCase())]) {
      expectProblem(await postWebhook(server, 'dhl', forged), 401, 'unauthorized');
    }
    expect(await trackingWrites(server)).toEqual(before);
    expect((await shipmentOf(server, shipment.id)).events).toHaveLength(3);
  });

  it('reads every DHL timestamp form to the right UTC instant and never moves a shipment backwards on a late scan', async () => {
    const { shipment } = await readyToShip(server, pinned());
    const awb = shipment.tracking_number;
    const forms = [
      scans.processed('2026-11-23T01:30:00Z', 'LEIPZIG - GERMANY'), // Z
      scans.arrivedDelivery('2026-11-23T05:10:00', 'PARIS - FRANCE'), // scan-local, no offset: read as UTC
      scans.withCourier('2026-11-23T08:30:00+01:00', 'PARIS - FRANCE'), // with offset
    ];
    expect((await postWebhook(server, 'dhl', dhl.push([expressShipment(awb, forms)]))).body.stored).toBe(3);
    const moving = await shipmentOf(server, shipment.id);
    expect(moving).toMatchObject({ status: 'out_for_delivery', last_event_at: '2026-11-23T07:30:00.000Z' });
    expect(moving.events.map((e: any) => e.occurred_at)).toEqual(['2026-11-23T01:30:00.000Z', '2026-11-23T05:10:00.000Z', '2026-11-23T07:30:00.000Z']);

    // Arrived at a sort facility at 04:00 UTC (23:00 in New York the day before), told late.
    const late = await postWebhook(server, 'dhl', dhl.push([expressShipment(awb, [scans.arrivedSort('2026-11-22T23:00:00-05:00', 'PARIS - FRANCE')])]));
    expect(late.body).toMatchObject({ duplicate: false, stored: 1 });
    const after = await shipmentOf(server, shipment.id);
    expect(after).toMatchObject({ status: 'out_for_delivery', last_event_at: '2026-11-23T07:30:00.000Z' });
    expect(after.events.map((e: any) => e.occurred_at)).toEqual(['2026-11-23T01:30:00.000Z', '2026-11-23T04:00:00.000Z', '2026-11-23T05:10:00.000Z', '2026-11-23T07:30:00.000Z']);
  });

  it('refreshes from DHL tracking on request; a number DHL does not know yet leaves the shipment as it was', async () => {
    const { shipment } = await readyToShip(server, pinned());
    const awb = shipment.tracking_number;
    const unknown = await server.operator.post(`/api/v1/shipments/${shipment.id}/refresh`);
    expect(unknown.status, unknown.text).toBe(200);
    expect(trackRequests(dhl, awb).map((r) => r.status)).toEqual([404]);
    expect(trackingState(unknown.body)).toEqual(trackingState(shipment));

    dhl.setTracking(awb, expressShipment(awb, [scans.pickedUp('2026-11-22T15:00:00+01:00', 'LEIPZIG - GERMANY'), scans.arrivedSort('2026-11-23T02:15:00+01:00', 'PARIS - FRANCE')], { eta: '2026-11-25T18:00:00+01:00' }));
    const refreshed = await server.operator.post(`/api/v1/shipments/${shipment.id}/refresh`);
    expect(refreshed.status, refreshed.text).toBe(200);
    expect(refreshed.body).toMatchObject({ status: 'in_transit', last_event_at: '2026-11-23T01:15:00.000Z', estimated_delivery: '2026-11-25T17:00:00.000Z', eta_source: 'carrier' });
    expect(refreshed.body.events.map((e: any) => [e.occurred_at, e.source])).toEqual([['2026-11-22T14:00:00.000Z', 'poll'], ['2026-11-23T01:15:00.000Z', 'poll']]);
    const asked = trackRequests(dhl, awb).at(-1)!;
    expect(asked.headers['dhl-api-key']).toBe(FAKE_DHL.apiKey);
    expect(asked.status).toBe(200);
    expectProblem(await server.viewer.post(`/api/v1/shipments/${shipment.id}/refresh`), 403, 'forbidden');
  });

  it('raises attention on an exception and a failed delivery attempt, and a delivery clears it', async () => {
    const { order, shipment } = await readyToShip(server, pinned());
    const awb = shipment.tracking_number;
    const push = (list: ReturnType<typeof scans.pickedUp>[]) => postWebhook(server, 'dhl', dhl.push([expressShipment(awb, list)]));
    await push([scans.pickedUp('2026-11-22T15:00:00+01:00', 'LEIPZIG - GERMANY'), scans.badAddress('2026-11-23T09:00:00+01:00', 'PARIS - FRANCE')]);
    expect(await shipmentOf(server, shipment.id)).toMatchObject({ status: 'exception', incident_reason: 'address_problem', attention: { reason: 'exception', detail: 'address_problem' } });
    expect((await orderOf(server, order.id)).attention).toMatchObject({ reason: 'exception', shipment_id: shipment.id });

    await push([scans.notHome('2026-11-24T10:00:00+01:00', 'PARIS - FRANCE')]);
    expect(await shipmentOf(server, shipment.id)).toMatchObject({ status: 'failed_attempt', incident_reason: 'recipient_absent', attention: { reason: 'failed_attempt', detail: 'recipient_absent' } });
    const attempted = await orderOf(server, order.id);
    expect(attempted.attention).toMatchObject({ reason: 'failed_attempt', shipment_id: shipment.id });
    expect(attempted.status).toBe('in_transit');

    await push([scans.delivered('2026-11-25T10:30:00+01:00', 'PARIS - FRANCE', 'JEANNE')]);
    expect(await shipmentOf(server, shipment.id)).toMatchObject({ status: 'delivered', attention: null, signed_by: 'JEANNE' });
    const delivered = await orderOf(server, order.id);
    expect(delivered).toMatchObject({ status: 'delivered', attention: null });
    expect(await timelineOf(server, order.id)).toEqual(expect.arrayContaining(['order.attention_raised', 'order.attention_cleared']));
  });
});

describe.each(testDialects())('DHL tracking polled on schedule on %s', (dialect) => {
  let dhl: FakeDhl;
  let server: TestServer;

  beforeAll(async () => {
    dhl = await startFakeDhl();
    server = await startTestServer(dialect, dhlEnv(dhl));
    await createPostalShop(server, leipzig, 'EUR');
  });
  afterAll(async () => {
    await server?.close();
    await dhl?.close();
  });

  it('polls a shipment WAYBILL_POLL_AFTER_MINUTES after its last news, ingests what DHL says, and stops once it is delivered', async () => {
    const { order, shipment } = await readyToShip(server, postalOrder(paris, 'EUR', { carrier: 'dhl' }));
    const awb = shipment.tracking_number;
    dhl.setTracking(awb, expressShipment(awb, [scans.pickedUp('2026-11-22T11:02:00+01:00', 'LEIPZIG - GERMANY')]));
    await advance(server, 4 * 60_000);
    expect(trackRequests(dhl, awb)).toHaveLength(0);
    await advance(server, 2 * 60_000);
    expect(trackRequests(dhl, awb)).toHaveLength(1);
    const moving = await shipmentOf(server, shipment.id);
    expect(moving).toMatchObject({ status: 'in_transit', shipped_at: '2026-11-22T10:02:00.000Z' });
    expect(moving.events).toEqual([expect.objectContaining({ source: 'poll', status: 'in_transit' })]);
    expect((await orderOf(server, order.id)).status).toBe('in_transit');

    dhl.setTracking(awb, expressShipment(awb, [scans.pickedUp('2026-11-22T11:02:00+01:00', 'LEIPZIG - GERMANY'), scans.delivered('2026-11-22T11:09:00+01:00', 'PARIS - FRANCE', 'J. DUPONT')]));
    await advance(server, 6 * 60_000);
    expect(await shipmentOf(server, shipment.id)).toMatchObject({ status: 'delivered', delivered_at: '2026-11-22T10:09:00.000Z', signed_by: 'J. DUPONT' });
    expect((await orderOf(server, order.id)).status).toBe('delivered');
    const polls = trackRequests(dhl, awb).length;
    expect(polls).toBe(2);

    await advance(server, 6 * 3_600_000, 5 * 60_000);
    expect(trackRequests(dhl, awb)).toHaveLength(polls);
  });
});
