/**
 * UPS through Waybill's HTTP API, with UPS played by the fake UPS server (its Rating, Shipping,
 * Track and Track Alert shapes): quotes and strategy picks, labels bought by the pipeline, Track
 * Alert webhooks (credential checked, redeliveries ignored, late scans kept in their place),
 * polling on demand, attention from exceptions, and a UPS outage during label purchase.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../support/databases.js';
import { scan, startFakeUps, trackPackage, type AlertSpec, type FakeUps } from '../support/fake-ups/index.js';
import { labelGif } from '../support/fake-ups/gif.js';
import { defaultPrices, toCents } from '../support/fake-ups/state.js';
import { drainJobs } from '../support/jobs.js';
import { expectProblem } from '../support/problems.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { at, buyLabelJobs, getOrder, getShipment, HEAVY, labelOf, LIGHT, pdfPageImages, placeOrder, postWebhook, shippedOrder, snapshot, startCarrierServer, timelineOf } from '../support/carrier-scenario.js';

const upsEnv = (fake: FakeUps): Record<string, string> => ({
  WAYBILL_UPS_BASE_URL: fake.url,
  WAYBILL_UPS_CLIENT_ID: fake.clientId,
  WAYBILL_UPS_CLIENT_SECRET: fake.clientSecret,
  WAYBILL_UPS_ACCOUNT_NUMBER: fake.accountNumber,
  WAYBILL_UPS_WEBHOOK_CREDENTIAL: fake.webhookCredential,
  // Promised in two business days: best_value must pass over the cheaper, slower services.
  WAYBILL_PROMISE_DAYS: '2',
});

const dallas = { line1: '2100 Ross Ave', city: 'Dallas', region: 'TX', postal_code: '75201' };
const price = (upsCode: string, packages = 1) => toCents(defaultPrices[upsCode]!) * packages;

/** Track Alert scans, as UPS sends them (the simplified status in `descriptionCode`). */
const alert = {
  inTransit: (n: string, when: string): AlertSpec => ({ trackingNumber: n, type: 'I', code: 'AR', descriptionCode: '005', description: 'Arrived at Facility', at: when, offset: '-06:00', city: 'Dallas', stateProvince: 'TX', country: 'US' }),
  outForDelivery: (n: string, when: string): AlertSpec => ({ trackingNumber: n, type: 'I', code: 'OT', descriptionCode: '021', description: 'Out For Delivery Today', at: when, offset: '-06:00', city: 'Austin', stateProvince: 'TX', country: 'US' }),
  exception: (n: string, when: string): AlertSpec => ({ trackingNumber: n, type: 'X', code: 'AD', descriptionCode: '013', description: 'The street number is incorrect. This may delay delivery.', at: when, offset: '-06:00', city: 'Austin', stateProvince: 'TX', country: 'US' }),
  failedAttempt: (n: string, when: string): AlertSpec => ({ trackingNumber: n, type: 'X', code: '48', descriptionCode: '022', description: 'The receiver was not available at the time of the first delivery attempt.', at: when, offset: '-06:00', city: 'Austin', stateProvince: 'TX', country: 'US' }),
  delivered: (n: string, when: string): AlertSpec => ({ trackingNumber: n, type: 'D', code: 'FS', descriptionCode: '011', description: 'DELIVERED', at: when, offset: '-06:00', city: 'Austin', stateProvince: 'TX', country: 'US', delivered: true }),
};

describe.each(testDialects())('UPS through the API on %s', (dialect) => {
  let fake: FakeUps;
  let server: TestServer;

  beforeAll(async () => {
    fake = await startFakeUps();
    server = await startCarrierServer(dialect, upsEnv(fake), dallas);
  });
  afterAll(async () => {
    await server?.close();
    await fake?.close();
  });

  const shipRequests = () => fake.requests.filter((r) => r.method === 'POST' && /^\/api\/shipments\/v\w+\/ship$/.test(r.path));

  it('lists the quotes UPS priced and what each strategy picks', async () => {
    const id = await placeOrder(server, [{ sku: LIGHT, quantity: 1 }], {});
    const res = await server.viewer.get(`/api/v1/orders/${id}/rates`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.errors).toEqual([]);
    const quotes = res.body.data.map((q: any) => [q.carrier, q.service, q.amount, q.currency, q.transit_days]);
    expect(quotes.sort()).toEqual(
      [
        ['ups', 'ground', price('03'), 'USD', 4],
        ['ups', '3_day_select', price('12'), 'USD', 3],
        ['ups', '2nd_day_air', price('02'), 'USD', 2],
        ['ups', 'next_day_air_saver', price('13'), 'USD', 1],
        ['ups', 'next_day_air', price('01'), 'USD', 1],
        ['ups', 'next_day_air_early', price('14'), 'USD', 1],
      ].sort(),
    );
    const pick = (strategy: string) => res.body.picks[strategy].map((p: any) => [p.warehouse, p.carrier, p.service, p.amount]);
    expect(pick('cheapest')).toEqual([['WH1', 'ups', 'ground', 829]]);
    // The three overnight services arrive the same day: the cheapest of them.
    expect(pick('fastest')).toEqual([['WH1', 'ups', 'next_day_air_saver', 4110]]);
    // Ground (4 days) and 3 Day Select miss the promise of two business days.
    expect(pick('best_value')).toEqual([['WH1', 'ups', '2nd_day_air', 2457]]);
    const rating = fake.requests.filter((r) => r.path.startsWith('/api/rating/'));
    expect(rating.length).toBeGreaterThan(0);
    expect(rating.at(-1)!.body).toMatchObject({ RateRequest: { Shipment: { Shipper: { ShipperNumber: fake.accountNumber }, ShipTo: { Address: { PostalCode: '78701' } } } } });

    // The pipeline buys what the order's strategy (cheapest) picked.
    await drainJobs(server);
    const order = await getOrder(server, id);
    expect(order.status).toBe('ready_to_ship');
    expect(order.shipments[0]).toMatchObject({ carrier: 'ups', service: 'ground' });
  });

  it('buys the label in the pipeline: UPS tracking number, UPS tracking page, the GIF as UPS sent it', async () => {
    const before = shipRequests().length;
    const { order, shipment } = await shippedOrder(server, 'ups', 'ground');
    expect(shipRequests()).toHaveLength(before + 1);
    expect(shipRequests().at(-1)!.body).toMatchObject({ ShipmentRequest: { Shipment: { Service: { Code: '03' } } } });
    expect(shipment).toMatchObject({ order_id: order.id, carrier: 'ups', service: 'ground', label_state: 'purchased', status: 'label_created', amount: price('03'), currency: 'USD' });
    expect(shipment.tracking_number).toMatch(new RegExp(`^1Z${fake.accountNumber}03\\d{8}$`));
    expect(shipment.tracking_url).toBe(`https://www.ups.com/track?tracknum=${shipment.tracking_number}`);
    expect(shipment.packages.map((p: any) => p.tracking_number)).toEqual([shipment.tracking_number]);
    const label = await labelOf(server, shipment.id);
    expect(label.status).toBe(200);
    // UPS sends a 4×6 px GIF (the fake's): kept as sent, or drawn on one PDF page.
    if (label.contentType === 'image/gif') expect(label.bytes.equals(labelGif(shipment.tracking_number))).toBe(true);
    else {
      expect(label.contentType).toBe('application/pdf');
      expect(await pdfPageImages(label.bytes)).toEqual([[[4, 6]]]);
    }
  });

  it('ships three heavy items as three UPS packages, each with its own tracking number and label', async () => {
    const id = await placeOrder(server, [{ sku: HEAVY, quantity: 3 }], { carrier: 'ups', service: 'ground' });
    const rates = await server.viewer.get(`/api/v1/orders/${id}/rates`);
    expect(rates.body.data.find((q: any) => q.service === 'ground')?.amount).toBe(price('03', 3));
    await drainJobs(server);
    const order = await getOrder(server, id);
    expect(order.status, JSON.stringify({ attention: order.attention, shipments: order.shipments })).toBe('ready_to_ship');
    const shipment = await getShipment(server, order.shipments[0].id);
    expect((shipRequests().at(-1)!.body as any).ShipmentRequest.Shipment.Package).toHaveLength(3);
    const numbers = shipment.packages.map((p: any) => p.tracking_number);
    expect(numbers).toHaveLength(3);
    expect(new Set(numbers).size).toBe(3);
    for (const n of numbers) expect(n).toMatch(/^1Z/);
    expect(numbers[0]).toBe(shipment.tracking_number);
    // After the label, every package's number was subscribed to Track Alert, pushing to Waybill.
    const webhookUrl = `${server.deps.config.publicUrl}/webhooks/carriers/ups`;
    expect(fake.subscriptions.filter((s) => numbers.includes(s.trackingNumber)).map((s) => [s.trackingNumber, s.url, s.credential])).toEqual(numbers.map((n: string) => [n, webhookUrl, fake.webhookCredential]));
    expect(await timelineOf(server, order.id)).toContain('shipment.tracking_subscribed');
    expect(shipment.amount).toBe(price('03', 3));
    const label = await labelOf(server, shipment.id);
    expect(label.status).toBe(200);
    // Three labels make one printable PDF, a page per package.
    expect(label.contentType).toBe('application/pdf');
    expect(await pdfPageImages(label.bytes)).toEqual([[[4, 6]], [[4, 6]], [[4, 6]]]);
    // A scan of the last package is the shipment's scan.
    const res = await postWebhook(server, 'ups', fake.trackAlert(alert.inTransit(numbers[2], at(server, 2))));
    expect(res.body, res.text).toMatchObject({ duplicate: false, stored: 1, unmatched: 0 });
    expect((await getShipment(server, shipment.id)).status).toBe('in_transit');
  });

  it('moves the shipment on Track Alert webhooks, ignores a redelivery and refuses a wrong or missing credential', async () => {
    const { order, shipment } = await shippedOrder(server, 'ups', 'ground');
    const n = shipment.tracking_number;

    const moving = await postWebhook(server, 'ups', fake.trackAlert(alert.inTransit(n, at(server, 3))));
    expect(moving.status, moving.text).toBe(200);
    expect(moving.body).toEqual({ received: true, duplicate: false, stored: 1, unmatched: 0 });
    expect(await snapshot(server, shipment.id)).toMatchObject({ status: 'in_transit', events: 1, order: 'in_transit' });
    expect((await getShipment(server, shipment.id)).shipped_at).toBe(at(server, 3).replace('Z', '.000Z'));

    const delivery = fake.trackAlert(alert.delivered(n, at(server, 30)));
    const delivered = await postWebhook(server, 'ups', delivery);
    expect(delivered.body, delivered.text).toEqual({ received: true, duplicate: false, stored: 1, unmatched: 0 });
    const done = await getShipment(server, shipment.id);
    expect(done).toMatchObject({ status: 'delivered', delivered_at: at(server, 30).replace('Z', '.000Z') });
    expect(done.events.map((e: any) => [e.status, e.source])).toEqual([['in_transit', 'webhook'], ['delivered', 'webhook']]);
    expect((await getOrder(server, order.id)).status).toBe('delivered');

    const again = await postWebhook(server, 'ups', delivery);
    expect(again.status, again.text).toBe(200);
    expect(again.body).toEqual({ received: true, duplicate: true, stored: 0, unmatched: 0 });
    expect((await snapshot(server, shipment.id)).events).toBe(2);

    const before = await snapshot(server, shipment.id);
    const forged = fake.forgedTrackAlert(alert.outForDelivery(n, at(server, 40)));
    expectProblem(await postWebhook(server, 'ups', forged), 401, 'unauthorized');
    const { credential: _dropped, ...withoutCredential } = fake.trackAlert(alert.outForDelivery(n, at(server, 41))).headers;
    expectProblem(await postWebhook(server, 'ups', { body: forged.body, headers: withoutCredential }), 401, 'unauthorized');
    expect(await snapshot(server, shipment.id)).toEqual(before);
    // Nothing of the refused deliveries was remembered: the genuine one is taken afterwards.
    const genuine = await postWebhook(server, 'ups', { body: forged.body, headers: fake.trackAlert(alert.outForDelivery(n, at(server, 40))).headers });
    expect(genuine.body, genuine.text).toMatchObject({ duplicate: false, stored: 1 });
  });

  it('keeps a late scan in the history without moving the shipment backwards', async () => {
    const { order, shipment } = await shippedOrder(server, 'ups', 'ground');
    const n = shipment.tracking_number;
    await postWebhook(server, 'ups', fake.trackAlert(alert.outForDelivery(n, at(server, 20))));
    expect(await snapshot(server, shipment.id)).toMatchObject({ status: 'out_for_delivery', order: 'out_for_delivery', events: 1 });
    const late = await postWebhook(server, 'ups', fake.trackAlert(alert.inTransit(n, at(server, 5))));
    expect(late.body, late.text).toMatchObject({ duplicate: false, stored: 1 });
    const s = await getShipment(server, shipment.id);
    expect(s.status).toBe('out_for_delivery');
    expect(s.last_event_at).toBe(at(server, 20).replace('Z', '.000Z'));
    expect(s.events.map((e: any) => e.status)).toEqual(['in_transit', 'out_for_delivery']);
    expect((await getOrder(server, order.id)).status).toBe('out_for_delivery');
  });

  it('polls the Track API on refresh and takes its scans and signer; a number UPS does not know changes nothing', async () => {
    const { order, shipment } = await shippedOrder(server, 'ups', 'ground');
    const n = shipment.tracking_number;
    fake.setTracking(
      n,
      trackPackage({
        trackingNumber: n,
        activity: [
          scan({ type: 'D', code: 'FS', statusCode: '011', description: 'DELIVERED', at: at(server, 28), offset: '-06:00', city: 'Austin', stateProvince: 'TX' }),
          scan({ type: 'I', code: 'OT', statusCode: '021', description: 'Out For Delivery Today', at: at(server, 22), offset: '-06:00', city: 'Austin', stateProvince: 'TX', form: 'gmt-compact' }),
          scan({ type: 'P', code: 'PU', statusCode: '038', description: 'Pickup Scan', at: at(server, 4), offset: '-06:00', city: 'Dallas', stateProvince: 'TX', form: 'local-offset' }),
        ],
        deliveryDate: [{ type: 'DEL', date: at(server, 28).slice(0, 10).replace(/-/g, '') }],
        receivedBy: 'LOVELACE',
      }),
    );
    const tracked = fake.requests.length;
    const res = await server.operator.post(`/api/v1/shipments/${shipment.id}/refresh`);
    expect(res.status, res.text).toBe(200);
    expect(fake.requests.slice(tracked).some((r) => r.method === 'GET' && r.path === `/api/track/v1/details/${n}`)).toBe(true);
    expect(res.body).toMatchObject({ status: 'delivered', signed_by: 'LOVELACE', delivered_at: at(server, 28).replace('Z', '.000Z'), shipped_at: at(server, 4).replace('Z', '.000Z') });
    expect(res.body.events.map((e: any) => [e.status, e.source])).toEqual([
      ['in_transit', 'poll'],
      ['out_for_delivery', 'poll'],
      ['delivered', 'poll'],
    ]);
    expect((await getOrder(server, order.id)).status).toBe('delivered');

    // The same shop, served with a UPS that never issued this label's number.
    const { shipment: other } = await shippedOrder(server, 'ups', 'ground');
    const before = await getShipment(server, other.id);
    const amnesiac = await startFakeUps();
    const second = await startTestServer(dialect, { WAYBILL_SIM: 'off', ...upsEnv(amnesiac) }, server.database);
    try {
      second.clock.set(server.clock.now());
      const unknown = await second.operator.post(`/api/v1/shipments/${other.id}/refresh`);
      expect(unknown.status, unknown.text).toBe(200);
      expect(amnesiac.requests.some((r) => r.path === `/api/track/v1/details/${other.tracking_number}`)).toBe(true);
      const after = await getShipment(server, other.id);
      for (const field of ['status', 'events', 'last_event_at', 'shipped_at', 'signed_by', 'tracking_number', 'estimated_delivery'] as const) expect(after[field]).toEqual(before[field]);
      expect((await getOrder(server, other.order_id)).status).toBe('ready_to_ship');
    } finally {
      await second.close();
      await amnesiac.close();
    }
  });

  it('raises attention on an exception and a failed attempt, and clears it on delivery', async () => {
    const { order, shipment } = await shippedOrder(server, 'ups', 'ground');
    const n = shipment.tracking_number;
    await postWebhook(server, 'ups', fake.trackAlert(alert.inTransit(n, at(server, 2))));
    expect((await getOrder(server, order.id)).attention).toBeNull();

    await postWebhook(server, 'ups', fake.trackAlert(alert.exception(n, at(server, 20))));
    expect(await snapshot(server, shipment.id)).toMatchObject({ status: 'exception', attention: 'exception' });
    expect((await getShipment(server, shipment.id)).incident_reason).toBe('address_problem');

    await postWebhook(server, 'ups', fake.trackAlert(alert.failedAttempt(n, at(server, 26))));
    const attempted = await getOrder(server, order.id);
    expect(attempted.attention).toMatchObject({ reason: 'failed_attempt', since: at(server, 26).replace('Z', '.000Z') });
    const flagged = await server.viewer.get('/api/v1/orders?attention=true&limit=200');
    expect(flagged.body.data.map((o: any) => o.id)).toContain(order.id);

    await postWebhook(server, 'ups', fake.trackAlert(alert.delivered(n, at(server, 50))));
    expect(await snapshot(server, shipment.id)).toMatchObject({ status: 'delivered', order: 'delivered', attention: null });
    expect((await getShipment(server, shipment.id)).attention).toBeNull();
  });

  it('retries the label purchase while UPS answers 500 and buys exactly one label once it recovers', async () => {
    fake.fail({ status: 500, match: 'POST /api/shipments/' });
    const before = shipRequests().length;
    const id = await placeOrder(server, [{ sku: LIGHT, quantity: 2 }], { carrier: 'ups', service: 'ground' });
    await drainJobs(server);

    expect(shipRequests().slice(before).map((r) => r.status)).toEqual([500]);
    expect((await getOrder(server, id)).status).toBe('processing');
    const [waiting] = await buyLabelJobs(server, id);
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1 });
    expect(waiting.last_error).toMatch(/500/);

    server.clock.advance(60_000);
    await drainJobs(server);
    expect(shipRequests().slice(before).map((r) => r.status)).toEqual([500, 200]);
    const order = await getOrder(server, id);
    expect(order.status).toBe('ready_to_ship');
    expect(order.shipments).toHaveLength(1);
    expect(await buyLabelJobs(server, id)).toEqual([expect.objectContaining({ status: 'done', attempts: 2 })]);
    const shipment = await getShipment(server, order.shipments[0].id);
    expect(shipment).toMatchObject({ label_state: 'purchased', carrier: 'ups' });
    expect(shipment.tracking_number).toMatch(/^1Z/);
  });
});
