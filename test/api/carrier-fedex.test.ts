/**
 * FedEx through Waybill's HTTP API, with FedEx played by the fake FedEx server (its Rate, Ship,
 * Track and signed Advanced Integrated Visibility push shapes): quotes and strategy picks, labels
 * bought by the pipeline (multi-piece with a master number), pushes (signature checked,
 * redeliveries ignored, late scans kept in their place), polling on demand, attention from
 * exceptions, and a FedEx outage during label purchase.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../support/databases.js';
import { signedPush } from '../support/fake-fedex/documents.js';
import { FAKE_FEDEX, fedexScan, startFakeFedex, trackResultFor, type FakeFedex } from '../support/fake-fedex/index.js';
import { accountCents, fakeServices, kilograms, listCents } from '../support/fake-fedex/replies.js';
import { drainJobs } from '../support/jobs.js';
import { expectProblem } from '../support/problems.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { at, buyLabelJobs, getOrder, getShipment, HEAVY, HOUR, labelOf, LIGHT, pdfPageImages, placeOrder, postWebhook, shippedOrder, snapshot, startCarrierServer } from '../support/carrier-scenario.js';

const fedexEnv = (fake: FakeFedex): Record<string, string> => {
  const s = fake.settings();
  return {
    WAYBILL_FEDEX_BASE_URL: s.baseUrl,
    WAYBILL_FEDEX_CLIENT_ID: s.clientId,
    WAYBILL_FEDEX_CLIENT_SECRET: s.clientSecret,
    WAYBILL_FEDEX_ACCOUNT_NUMBER: s.accountNumber,
    WAYBILL_FEDEX_WEBHOOK_SECRET: s.webhookSecret!,
    // Promised in two business days: best_value must pass over the cheaper, slower services.
    WAYBILL_PROMISE_DAYS: '2',
  };
};

const memphis = { line1: '3875 Airways Blvd', city: 'Memphis', region: 'TN', postal_code: '38118' };

/** How FedEx writes a scan's time: local to the scan's place (Central time, -06:00) with its offset. */
function local(server: TestServer, hours: number): string {
  const instant = new Date(server.clock.now().getTime() + hours * HOUR - 6 * HOUR);
  return `${instant.toISOString().slice(0, 19)}-06:00`;
}
const utc = (server: TestServer, hours: number) => at(server, hours).replace('Z', '.000Z');
const austin = { scanLocation: { city: 'AUSTIN', stateOrProvinceCode: 'TX', postalCode: '78701', countryCode: 'US' } };

describe.each(testDialects())('FedEx through the API on %s', (dialect) => {
  let fake: FakeFedex;
  let server: TestServer;

  beforeAll(async () => {
    fake = await startFakeFedex();
    server = await startCarrierServer(dialect, fedexEnv(fake), memphis);
  });
  afterAll(async () => {
    await server?.close();
    await fake?.close();
  });

  const shipRequests = () => fake.requests.filter((r) => r.method === 'POST' && r.path === '/ship/v1/shipments');
  const scans = (n: string, ...events: Record<string, unknown>[]) => fake.webhook(n, trackResultFor(events));

  it('lists the quotes FedEx priced and what each strategy picks', async () => {
    const id = await placeOrder(server, [{ sku: LIGHT, quantity: 1 }], {});
    const seen = fake.requests.length;
    const res = await server.viewer.get(`/api/v1/orders/${id}/rates`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.errors).toEqual([]);
    const rating = fake.requests.slice(seen).filter((r) => r.path === '/rate/v1/rates/quotes');
    expect(rating).toHaveLength(1);
    const items = rating[0]!.body.requestedShipment.requestedPackageLineItems;
    // The account rate FedEx quoted (20% off list) for what Waybill sent: 1 package of at most 1 kg.
    expect(items).toHaveLength(1);
    expect(kilograms(items)).toBeLessThanOrEqual(1);
    const priced = (serviceType: string) => accountCents(listCents(fakeServices.find((s) => s.serviceType === serviceType)!, kilograms(items), 1));
    const quotes = res.body.data.map((q: any) => [q.carrier, q.service, q.amount, q.currency, q.transit_days]);
    // Austin's address has no company: a home, so Home Delivery rather than Ground.
    expect(quotes.sort()).toEqual(
      [
        ['fedex', 'home_delivery', priced('GROUND_HOME_DELIVERY'), 'USD', 5],
        ['fedex', 'express_saver', priced('FEDEX_EXPRESS_SAVER'), 'USD', 3],
        ['fedex', '2_day', priced('FEDEX_2_DAY'), 'USD', 2],
        ['fedex', 'standard_overnight', priced('STANDARD_OVERNIGHT'), 'USD', 1],
        ['fedex', 'priority_overnight', priced('PRIORITY_OVERNIGHT'), 'USD', 1],
        ['fedex', 'first_overnight', priced('FIRST_OVERNIGHT'), 'USD', 1],
      ].sort(),
    );
    expect(priced('GROUND_HOME_DELIVERY')).toBe(Math.round((1335 + 110) * 0.8));
    const pick = (strategy: string) => res.body.picks[strategy].map((p: any) => [p.warehouse, p.carrier, p.service, p.amount]);
    expect(pick('cheapest')).toEqual([['WH1', 'fedex', 'home_delivery', priced('GROUND_HOME_DELIVERY')]]);
    expect(pick('fastest')).toEqual([['WH1', 'fedex', 'standard_overnight', priced('STANDARD_OVERNIGHT')]]);
    expect(pick('best_value')).toEqual([['WH1', 'fedex', '2_day', priced('FEDEX_2_DAY')]]);

    // The pipeline buys what the order's strategy (cheapest) picked.
    await drainJobs(server);
    const order = await getOrder(server, id);
    expect(order.status).toBe('ready_to_ship');
    expect(order.shipments[0]).toMatchObject({ carrier: 'fedex', service: 'home_delivery' });
    expect(shipRequests().at(-1)!.body.requestedShipment.serviceType).toBe('GROUND_HOME_DELIVERY');
  });

  it('buys the label in the pipeline: FedEx tracking number, FedEx tracking page, the PDF FedEx sent', async () => {
    const before = shipRequests().length;
    const { order, shipment } = await shippedOrder(server, 'fedex', '2_day');
    expect(shipRequests()).toHaveLength(before + 1);
    const sent = shipRequests().at(-1)!.body;
    expect(sent).toMatchObject({ accountNumber: { value: FAKE_FEDEX.accountNumber }, requestedShipment: { serviceType: 'FEDEX_2_DAY' } });
    const kg = kilograms(sent.requestedShipment.requestedPackageLineItems);
    expect(shipment).toMatchObject({ order_id: order.id, carrier: 'fedex', service: '2_day', label_state: 'purchased', status: 'label_created', currency: 'USD' });
    expect(shipment.amount).toBe(accountCents(listCents(fakeServices.find((s) => s.serviceType === 'FEDEX_2_DAY')!, kg, 1)));
    const n = shipment.tracking_number;
    expect(fake.shipments.get(n)).toMatchObject({ masterTrackingNumber: n, pieces: [n], serviceType: 'FEDEX_2_DAY' });
    expect(shipment.tracking_url).toBe(`https://www.fedex.com/fedextrack/?trknbr=${n}`);
    expect(shipment.packages.map((p: any) => p.tracking_number)).toEqual([n]);
    const label = await labelOf(server, shipment.id);
    expect(label.status).toBe(200);
    expect(label.contentType).toBe('application/pdf');
    expect(await pdfPageImages(label.bytes)).toHaveLength(1);
    expect(label.bytes.includes(`(FedEx ${n})`)).toBe(true);
  });

  it('ships three heavy items as one multi-piece FedEx shipment: a master number and three piece labels', async () => {
    const { shipment } = await shippedOrder(server, 'fedex', 'home_delivery', [{ sku: HEAVY, quantity: 3 }]);
    expect(shipRequests().at(-1)!.body.requestedShipment.requestedPackageLineItems).toHaveLength(3);
    const numbers = shipment.packages.map((p: any) => p.tracking_number);
    expect(numbers).toHaveLength(3);
    expect(new Set(numbers).size).toBe(3);
    expect(fake.shipments.get(shipment.tracking_number)).toMatchObject({ masterTrackingNumber: shipment.tracking_number, pieces: numbers });
    const label = await labelOf(server, shipment.id);
    expect(label.contentType).toBe('application/pdf');
    expect(await pdfPageImages(label.bytes)).toHaveLength(3);
    for (const n of numbers) expect(label.bytes.includes(`(FedEx ${n})`), n).toBe(true);
    // A push about the last piece is the shipment's news.
    const res = await postWebhook(server, 'fedex', scans(numbers[2], fedexScan('PU', local(server, 2))));
    expect(res.body, res.text).toMatchObject({ duplicate: false, stored: 1, unmatched: 0 });
    expect((await getShipment(server, shipment.id)).status).toBe('in_transit');
  });

  it('moves the shipment on signed pushes, ignores a redelivery and refuses a forged or missing signature', async () => {
    const { order, shipment } = await shippedOrder(server, 'fedex', '2_day');
    const n = shipment.tracking_number;
    const pickedUp = fedexScan('PU', local(server, 3));

    const moving = await postWebhook(server, 'fedex', scans(n, pickedUp));
    expect(moving.status, moving.text).toBe(200);
    expect(moving.body).toEqual({ received: true, duplicate: false, stored: 1, unmatched: 0 });
    expect(await snapshot(server, shipment.id)).toMatchObject({ status: 'in_transit', events: 1, order: 'in_transit' });
    expect((await getShipment(server, shipment.id)).shipped_at).toBe(utc(server, 3));

    // FedEx pushes the whole history again with the delivery: only the delivery is new.
    const delivery = fake.webhook(n, trackResultFor([pickedUp, fedexScan('DL', local(server, 30), austin)], { deliveryDetails: { signedByName: 'D.REYES' } }));
    const delivered = await postWebhook(server, 'fedex', delivery);
    expect(delivered.body, delivered.text).toEqual({ received: true, duplicate: false, stored: 1, unmatched: 0 });
    const done = await getShipment(server, shipment.id);
    expect(done).toMatchObject({ status: 'delivered', delivered_at: utc(server, 30), signed_by: 'D.REYES' });
    expect(done.events.map((e: any) => [e.status, e.source, e.signed_by])).toEqual([['in_transit', 'webhook', null], ['delivered', 'webhook', 'D.REYES']]);
    expect((await getOrder(server, order.id)).status).toBe('delivered');

    const again = await postWebhook(server, 'fedex', delivery);
    expect(again.status, again.text).toBe(200);
    expect(again.body).toEqual({ received: true, duplicate: true, stored: 0, unmatched: 0 });
    expect((await snapshot(server, shipment.id)).events).toBe(2);

    const before = await snapshot(server, shipment.id);
    const late = trackResultFor([fedexScan('OD', local(server, 40), austin)]);
    const forged = fake.forgedWebhook(n, late);
    expectProblem(await postWebhook(server, 'fedex', forged), 401, 'unauthorized');
    const { 'fdx-signature': _dropped, ...unsigned } = forged.headers;
    expectProblem(await postWebhook(server, 'fedex', { body: forged.body, headers: unsigned }), 401, 'unauthorized');
    expectProblem(await postWebhook(server, 'fedex', { body: forged.body, headers: { ...unsigned, 'fdx-signature': '' } }), 401, 'unauthorized');
    expect(await snapshot(server, shipment.id)).toEqual(before);
    // Nothing of the refused pushes was remembered: the same bytes, rightly signed, are taken.
    const genuine = await postWebhook(server, 'fedex', signedPush(JSON.parse(forged.body.toString('utf8')), FAKE_FEDEX.webhookSecret));
    expect(genuine.body, genuine.text).toMatchObject({ duplicate: false, stored: 1 });
  });

  it('keeps a late scan in the history without moving the shipment backwards', async () => {
    const { order, shipment } = await shippedOrder(server, 'fedex', '2_day');
    const n = shipment.tracking_number;
    await postWebhook(server, 'fedex', scans(n, fedexScan('OD', local(server, 20), austin)));
    expect(await snapshot(server, shipment.id)).toMatchObject({ status: 'out_for_delivery', order: 'out_for_delivery', events: 1 });
    const late = await postWebhook(server, 'fedex', scans(n, fedexScan('AR', local(server, 5))));
    expect(late.body, late.text).toMatchObject({ duplicate: false, stored: 1 });
    const s = await getShipment(server, shipment.id);
    expect(s.status).toBe('out_for_delivery');
    expect(s.last_event_at).toBe(utc(server, 20));
    expect(s.events.map((e: any) => e.status)).toEqual(['in_transit', 'out_for_delivery']);
    expect((await getOrder(server, order.id)).status).toBe('out_for_delivery');
  });

  it('polls the Track API on refresh and takes its scans and signer; a number FedEx does not know changes nothing', async () => {
    const { order, shipment } = await shippedOrder(server, 'fedex', '2_day');
    const n = shipment.tracking_number;
    fake.setTracking(
      n,
      trackResultFor([fedexScan('PU', local(server, 4)), fedexScan('OD', local(server, 22), austin), fedexScan('DL', local(server, 28), austin)], { deliveryDetails: { receivedByName: 'REYES' } }),
    );
    const seen = fake.requests.length;
    const res = await server.operator.post(`/api/v1/shipments/${shipment.id}/refresh`);
    expect(res.status, res.text).toBe(200);
    const polls = fake.requests.slice(seen).filter((r) => r.path === '/track/v1/trackingnumbers');
    expect(polls.map((r) => r.body.trackingInfo.map((i: any) => i.trackingNumberInfo.trackingNumber))).toEqual([[n]]);
    expect(res.body).toMatchObject({ status: 'delivered', signed_by: 'REYES', delivered_at: utc(server, 28), shipped_at: utc(server, 4) });
    expect(res.body.events.map((e: any) => [e.status, e.source])).toEqual([
      ['in_transit', 'poll'],
      ['out_for_delivery', 'poll'],
      ['delivered', 'poll'],
    ]);
    expect((await getOrder(server, order.id)).status).toBe('delivered');

    // The same shop, served with a FedEx that never issued this label's number.
    const { shipment: other } = await shippedOrder(server, 'fedex', '2_day');
    const before = await getShipment(server, other.id);
    const amnesiac = await startFakeFedex();
    const second = await startTestServer(dialect, { WAYBILL_SIM: 'off', ...fedexEnv(amnesiac) }, server.database);
    try {
      second.clock.set(server.clock.now());
      const unknown = await second.operator.post(`/api/v1/shipments/${other.id}/refresh`);
      expect(unknown.status, unknown.text).toBe(200);
      expect(amnesiac.requests.filter((r) => r.path === '/track/v1/trackingnumbers').map((r) => r.status)).toEqual([200]);
      const after = await getShipment(server, other.id);
      for (const field of ['status', 'events', 'last_event_at', 'shipped_at', 'signed_by', 'tracking_number', 'estimated_delivery'] as const) expect(after[field]).toEqual(before[field]);
      expect((await getOrder(server, other.order_id)).status).toBe('ready_to_ship');
    } finally {
      await second.close();
      await amnesiac.close();
    }
  });

  it('raises attention on an exception and a failed attempt, and clears it on delivery', async () => {
    const { order, shipment } = await shippedOrder(server, 'fedex', '2_day');
    const n = shipment.tracking_number;
    await postWebhook(server, 'fedex', scans(n, fedexScan('PU', local(server, 2))));
    expect((await getOrder(server, order.id)).attention).toBeNull();

    await postWebhook(server, 'fedex', scans(n, fedexScan('DE', local(server, 20), { ...austin, exceptionCode: '03', exceptionDescription: 'Incorrect address' })));
    expect(await snapshot(server, shipment.id)).toMatchObject({ status: 'exception', attention: 'exception' });
    expect((await getShipment(server, shipment.id)).incident_reason).toBe('address_problem');

    await postWebhook(server, 'fedex', scans(n, fedexScan('DE', local(server, 26), { ...austin, exceptionCode: '08', exceptionDescription: 'Customer not available or business closed' })));
    const attempted = await getOrder(server, order.id);
    expect(attempted.attention).toMatchObject({ reason: 'failed_attempt', since: utc(server, 26) });
    const flagged = await server.viewer.get('/api/v1/orders?attention=true&limit=200');
    expect(flagged.body.data.map((o: any) => o.id)).toContain(order.id);

    await postWebhook(server, 'fedex', scans(n, fedexScan('DL', local(server, 50), austin)));
    expect(await snapshot(server, shipment.id)).toMatchObject({ status: 'delivered', order: 'delivered', attention: null });
    expect((await getShipment(server, shipment.id)).attention).toBeNull();
  });

  it('retries the label purchase while FedEx answers 500 and buys exactly one label once it recovers', async () => {
    fake.fail({ status: 500, match: 'POST /ship/v1/shipments' });
    const before = shipRequests().length;
    const pieces = fake.shipments.size;
    const id = await placeOrder(server, [{ sku: LIGHT, quantity: 2 }], { carrier: 'fedex', service: '2_day' });
    await drainJobs(server);

    expect(shipRequests().slice(before).map((r) => r.status)).toEqual([500]);
    expect((await getOrder(server, id)).status).toBe('processing');
    const [waiting] = await buyLabelJobs(server, id);
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1 });
    expect(waiting.last_error).toMatch(/500/);

    server.clock.advance(60_000);
    await drainJobs(server);
    expect(shipRequests().slice(before).map((r) => r.status)).toEqual([500, 200]);
    expect(fake.shipments.size).toBe(pieces + 1);
    const order = await getOrder(server, id);
    expect(order.status).toBe('ready_to_ship');
    expect(order.shipments).toHaveLength(1);
    expect(await buyLabelJobs(server, id)).toEqual([expect.objectContaining({ status: 'done', attempts: 2 })]);
    const shipment = await getShipment(server, order.shipments[0].id);
    expect(shipment).toMatchObject({ label_state: 'purchased', carrier: 'fedex' });
    expect(fake.shipments.get(shipment.tracking_number)).toBeDefined();
  });
});
