/**
 * USPS through Waybill's HTTP API, against the local fake of USPS APIs 3.0 (OAuth, Prices, Service
 * Standards, Labels paid through a payment authorization, Tracking, signed Subscriptions - Tracking
 * notifications): a Washington DC warehouse shipping to St. Louis, rate shopping, labels bought by
 * the pipeline, notifications POSTed to /webhooks/carriers/usps, refreshes and scheduled polling.
 * On SQLite and PostgreSQL.
 *
 * The fake tracks every label it issues from the moment it is bought with a "label created" scan
 * stamped with the real time (not the test clock): every test that lets Waybill poll a number
 * first tells the fake what that number's scans are.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../support/databases.js';
import { FAKE_USPS, fakeUspsSettings, startFakeUsps, type FakeUsps, type ScanInput } from '../support/fake-usps/index.js';
import { uspsError } from '../support/fake-usps/shapes.js';
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

const stLouis = { name: 'Mary Jane Watson', line1: '1100 Wyoming St', city: 'St. Louis', region: 'MO', postal_code: '63118', country: 'US' };
const washington = { code: 'DCA', address: { line1: '45 L St SW', city: 'Washington', region: 'DC', postal_code: '20024', country: 'US' }, latitude: 38.88, longitude: -77.01 };
const uspsPage = (n: string) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${n}`;

function uspsEnv(fake: FakeUsps): Record<string, string> {
  const settings = fakeUspsSettings(fake);
  return {
    WAYBILL_SIM: 'off',
    WAYBILL_USPS_BASE_URL: fake.url,
    WAYBILL_USPS_CLIENT_ID: settings.clientId,
    WAYBILL_USPS_CLIENT_SECRET: settings.clientSecret,
    WAYBILL_USPS_CRID: FAKE_USPS.crid,
    WAYBILL_USPS_MID: FAKE_USPS.mid,
    WAYBILL_USPS_ACCOUNT_NUMBER: FAKE_USPS.accountNumber,
    WAYBILL_USPS_WEBHOOK_SECRET: FAKE_USPS.webhookSecret,
    WAYBILL_POLL_AFTER_MINUTES: '5',
    // Placed on Sunday 2026-11-22: promised by Tuesday 2026-11-24.
    WAYBILL_PROMISE_DAYS: '2',
  };
}

/** A scan in St. Louis (Central time unless said otherwise). */
const scan = (code: string, type: string, local: string, extra: Partial<ScanInput> = {}): ScanInput => ({ code, type, local, offset: '-06:00', city: 'SAINT LOUIS', state: 'MO', zip: '63118', ...extra });
const trackRequests = (fake: FakeUsps, n: string) => fake.requests.filter((r) => r.method === 'GET' && r.path === `/tracking/v3/tracking/${n}`);
const lastLabels = (fake: FakeUsps, count: number) => [...fake.labels.values()].slice(-count);

describe.each(testDialects())('USPS through the API on %s', (dialect) => {
  let usps: FakeUsps;
  let server: TestServer;

  beforeAll(async () => {
    usps = await startFakeUsps();
    server = await startTestServer(dialect, uspsEnv(usps));
    await createPostalShop(server, washington, 'USD');
  });
  afterAll(async () => {
    await server?.close();
    await usps?.close();
  });

  const pinned = (lines?: Array<{ sku: string; quantity: number }>, service: string | null = null) => postalOrder(stLouis, 'USD', { carrier: 'usps', service }, lines);

  it('lists the USPS mail classes DC → St. Louis at the prices USPS gave, picks per strategy, and the pipeline buys the best_value pick', async () => {
    const placed = await placeOrder(server, postalOrder(stLouis, 'USD', { strategy: 'best_value' }));
    const rates = await server.viewer.get(`/api/v1/orders/${placed.id}/rates`);
    expect(rates.status, rates.text).toBe(200);
    expect(rates.body.errors).toEqual([]);
    expect(rates.body.promised_date).toBe('2026-11-24');
    const priced = usps.requests.filter((r) => r.path === '/prices/v3/base-rates/search').slice(-3);
    expect(priced.map((r) => r.body!.mailClass).sort()).toEqual(['PRIORITY_MAIL', 'PRIORITY_MAIL_EXPRESS', 'USPS_GROUND_ADVANTAGE']);
    // One box of 1620 g is 3.6 lb: the fake's list price per started pound beyond the first is 3 steps.
    for (const r of priced) expect(r.body).toMatchObject({ originZIPCode: '20024', destinationZIPCode: '63118', weight: 3.6, priceType: 'COMMERCIAL', accountNumber: FAKE_USPS.accountNumber });
    const steps = Math.ceil(3.6) - 1;

    const byService = Object.fromEntries(rates.body.data.map((q: any) => [q.service, q]));
    expect(Object.keys(byService).sort()).toEqual(['ground_advantage', 'priority_mail', 'priority_mail_express']);
    const common = { warehouse: 'DCA', carrier: 'usps', currency: 'USD', eligible: true };
    expect(byService.ground_advantage).toMatchObject({ ...common, amount: 540 + 95 * steps, transit_days: 3, estimated_delivery_date: '2026-11-25' });
    expect(byService.priority_mail).toMatchObject({ ...common, amount: 905 + 160 * steps, transit_days: 2, estimated_delivery_date: '2026-11-24' });
    expect(byService.priority_mail_express).toMatchObject({ ...common, amount: 2880 + 310 * steps, transit_days: 1, estimated_delivery_date: '2026-11-23' });
    expect(rates.body.picks.cheapest).toEqual([expect.objectContaining({ warehouse: 'DCA', carrier: 'usps', service: 'ground_advantage', amount: 540 + 95 * steps, currency: 'USD' })]);
    expect(rates.body.picks.fastest).toEqual([expect.objectContaining({ carrier: 'usps', service: 'priority_mail_express', amount: 2880 + 310 * steps })]);
    // Ground Advantage arrives Wednesday, after the promised Tuesday: Priority Mail is the cheapest in time.
    expect(rates.body.picks.best_value).toEqual([expect.objectContaining({ carrier: 'usps', service: 'priority_mail', amount: 905 + 160 * steps })]);

    await drainJobs(server);
    const fulfillment = (await server.viewer.get(`/api/v1/orders/${placed.id}/fulfillment`)).body;
    expect(fulfillment.packages.map((p: { weight_grams: number }) => p.weight_grams)).toEqual([1620]);
    const order = await orderOf(server, placed.id);
    expect(order.status).toBe('ready_to_ship');
    const shipment = await shipmentOf(server, order.shipments[0].id);
    expect(shipment).toMatchObject({ carrier: 'usps', service: 'priority_mail', amount: 905 + 160 * steps, currency: 'USD', strategy: 'best_value' });
    expect(lastLabels(usps, 1)[0]).toMatchObject({ trackingNumber: shipment.tracking_number, mailClass: 'PRIORITY_MAIL', reference: shipment.id });
  });

  it('buys a pinned USPS label in the pipeline: its number, the USPS tracking page, a PDF; three boxes are three labels', async () => {
    const { shipment } = await readyToShip(server, pinned(undefined, 'priority_mail_express'));
    const [bought] = lastLabels(usps, 1);
    expect(bought!.mailClass).toBe('PRIORITY_MAIL_EXPRESS');
    expect(shipment).toMatchObject({ carrier: 'usps', service: 'priority_mail_express', label_state: 'purchased', status: 'label_created', tracking_number: bought!.trackingNumber, tracking_url: uspsPage(bought!.trackingNumber), amount: bought!.postageCents });
    expect(shipment.packages).toEqual([expect.objectContaining({ seq: 1, tracking_number: bought!.trackingNumber })]);
    const label = await labelOf(server, shipment.id);
    expect(label.status).toBe(200);
    expect(label.contentType).toBe('application/pdf');
    expect(label.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(label.pages).toBe(1);

    const before = usps.counts.labels;
    const heavy = await readyToShip(server, pinned([{ sku: 'HEAVY', quantity: 3 }]));
    expect(usps.counts.labels - before).toBe(3);
    const three = lastLabels(usps, 3);
    const numbers = heavy.shipment.packages.map((p: { tracking_number: string }) => p.tracking_number);
    expect(numbers).toEqual(three.map((l) => l.trackingNumber));
    expect(new Set(numbers).size).toBe(3);
    // After the labels, each number got its own tracking subscription, signed with Waybill's secret.
    const listenerURL = `${server.deps.config.publicUrl}/webhooks/carriers/usps`;
    expect(usps.subscriptions.filter((s) => numbers.includes(s.trackingNumber)).map((s) => [s.trackingNumber, s.listenerURL, s.secret])).toEqual(numbers.map((n: string) => [n, listenerURL, FAKE_USPS.webhookSecret]));
    expect(await timelineOf(server, heavy.order.id)).toContain('shipment.tracking_subscribed');
    // The first label's number is the shipment's; the cost is the three postages together.
    expect(heavy.shipment).toMatchObject({ service: 'ground_advantage', tracking_number: numbers[0], tracking_url: uspsPage(numbers[0]), amount: three.reduce((n, l) => n + l.postageCents, 0) });
    const labels = await labelOf(server, heavy.shipment.id);
    expect(labels.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(labels.pages).toBe(3);
  });

  it('moves the shipment and order on signed notifications, records the signer, answers a redelivery as duplicate and refuses a bad or missing signature', async () => {
    const { order, shipment } = await readyToShip(server, pinned());
    const n = shipment.tracking_number;
    const accepted = [scan('03', 'USPS picked up item', '2026-11-22T14:05:00', { offset: '-05:00', city: 'WASHINGTON', state: 'DC', zip: '20024' }), scan('10', 'Processed through USPS Facility', '2026-11-22T23:40:00')];
    const first = await postWebhook(server, 'usps', usps.signedWebhook(n, accepted));
    expect(first.status, first.text).toBe(200);
    expect(first.body).toEqual({ received: true, duplicate: false, stored: 2, unmatched: 0 });
    expect(await shipmentOf(server, shipment.id)).toMatchObject({ status: 'in_transit', shipped_at: '2026-11-22T19:05:00.000Z', last_event_at: '2026-11-23T05:40:00.000Z' });
    expect((await orderOf(server, order.id)).status).toBe('in_transit');

    // A Base64 X-HMAC is as good as hex.
    const delivered = usps.signedWebhook(n, [...accepted, scan('01', 'Delivered, In/At Mailbox', '2026-11-24T11:12:00', { name: 'M J WATSON' })], { encoding: 'base64' });
    const last = await postWebhook(server, 'usps', delivered);
    expect(last.body).toEqual({ received: true, duplicate: false, stored: 1, unmatched: 0 });
    const done = await shipmentOf(server, shipment.id);
    expect(done).toMatchObject({ status: 'delivered', delivered_at: '2026-11-24T17:12:00.000Z', signed_by: 'M J WATSON' });
    expect(done.events.map((e: any) => [e.code, e.status, e.source])).toEqual([['03', 'in_transit', 'webhook'], ['10', 'in_transit', 'webhook'], ['01', 'delivered', 'webhook']]);
    expect((await orderOf(server, order.id)).status).toBe('delivered');

    const before = await trackingWrites(server);
    const again = await postWebhook(server, 'usps', delivered);
    expect(again.status, again.text).toBe(200);
    expect(again.body).toEqual({ received: true, duplicate: true, stored: 0, unmatched: 0 });
    expect(await trackingWrites(server)).toEqual(before);

    // Forged notifications with news in them (a return) must not land.
    const news = [...accepted, scan('09', 'Return to Sender', '2026-11-25T09:00:00')];
    const unsigned = usps.signedWebhook(n, news);
    const { 'x-hmac': _dropped, ...withoutSignature } = unsigned.headers;
    for (const forged of [usps.forgedWebhook(n, news), usps.signedWebhook(n, news, { secret: 'not-the-subscription-secret' }), { body: unsigned.body, headers: withoutSignature }]) {
      expectProblem(await postWebhook(server, 'usps', forged), 401, 'unauthorized');
    }
    expect(await trackingWrites(server)).toEqual(before);
    expect((await shipmentOf(server, shipment.id)).events).toHaveLength(3);
  });

  it('reads every USPS timestamp form (GMT fields, local time with offset, Z) to the right instant, and never moves a shipment backwards on a late scan', async () => {
    const { shipment } = await readyToShip(server, pinned());
    const n = shipment.tracking_number;
    const forms = [
      scan('10', 'Processed through USPS Facility', '2026-11-23T07:15:00', { offset: '-05:00', form: 'full' }), // GMTTimestamp wins
      scan('EF', 'Departed USPS Regional Facility', '2026-11-23T09:40:00', { form: 'local-offset' }), // local − offset
      scan('PC', 'Sorting Complete', '2026-11-23T11:05:00', { offset: '-07:00', form: 'short-offset' }), // GMTOffset "-7:00"
      scan('07', 'Arrived at Post Office', '2026-11-23T14:00:00', { form: 'gmt-only' }), // GMTTimestamp alone
      scan('OF', 'Out for Delivery', '2026-11-23T21:30:00', { form: 'zulu' }), // eventTimestamp with a Z, taken as written
    ];
    expect((await postWebhook(server, 'usps', usps.signedWebhook(n, forms))).body.stored).toBe(5);
    const moving = await shipmentOf(server, shipment.id);
    expect(moving).toMatchObject({ status: 'out_for_delivery', last_event_at: '2026-11-23T21:30:00.000Z' });
    expect(moving.events.map((e: any) => [e.code, e.occurred_at])).toEqual([
      ['10', '2026-11-23T12:15:00.000Z'],
      ['EF', '2026-11-23T15:40:00.000Z'],
      ['PC', '2026-11-23T18:05:00.000Z'],
      ['07', '2026-11-23T20:00:00.000Z'],
      ['OF', '2026-11-23T21:30:00.000Z'],
    ]);

    const late = await postWebhook(server, 'usps', usps.signedWebhook(n, [scan('10', 'Processed through USPS Facility', '2026-11-23T06:00:00', { offset: '-05:00' })]));
    expect(late.body).toMatchObject({ duplicate: false, stored: 1 });
    const after = await shipmentOf(server, shipment.id);
    expect(after).toMatchObject({ status: 'out_for_delivery', last_event_at: '2026-11-23T21:30:00.000Z' });
    expect(after.events[0]).toMatchObject({ code: '10', occurred_at: '2026-11-23T11:00:00.000Z' });
    expect(after.events).toHaveLength(6);
  });

  it('refreshes from USPS Tracking on request; a number USPS answers not found for leaves the shipment as it was', async () => {
    const { shipment } = await readyToShip(server, pinned());
    const n = shipment.tracking_number;
    const notFound = uspsError('/tracking/v3', 404, 'Resource Not Found', [{ code: '1001', title: 'Tracking number not found', detail: `The tracking number ${n} cannot be found.`, parameter: 'trackingNumber' }]);
    usps.fail({ status: 404, match: `GET /tracking/v3/tracking/${n}`, body: notFound });
    const unknown = await server.operator.post(`/api/v1/shipments/${shipment.id}/refresh`);
    expect(unknown.status, unknown.text).toBe(200);
    expect(trackRequests(usps, n).map((r) => r.status)).toEqual([404]);
    expect(trackingState(unknown.body)).toEqual(trackingState(shipment));

    usps.setTracking(n, [scan('03', 'USPS picked up item', '2026-11-22T15:00:00', { offset: '-05:00', city: 'WASHINGTON', state: 'DC', zip: '20024' }), scan('10', 'Processed through USPS Facility', '2026-11-23T02:15:00')], {
      expectedDeliveryTimeStamp: '2026-11-24T20:00:00Z',
    });
    const refreshed = await server.operator.post(`/api/v1/shipments/${shipment.id}/refresh`);
    expect(refreshed.status, refreshed.text).toBe(200);
    expect(refreshed.body).toMatchObject({ status: 'in_transit', last_event_at: '2026-11-23T08:15:00.000Z', estimated_delivery: '2026-11-24T20:00:00.000Z', eta_source: 'carrier' });
    expect(refreshed.body.events.map((e: any) => [e.occurred_at, e.source])).toEqual([['2026-11-22T20:00:00.000Z', 'poll'], ['2026-11-23T08:15:00.000Z', 'poll']]);
    expect(trackRequests(usps, n).at(-1)).toMatchObject({ status: 200, query: { expand: 'DETAIL' } });
    expectProblem(await server.viewer.post(`/api/v1/shipments/${shipment.id}/refresh`), 403, 'forbidden');
  });

  it('raises attention on an exception and a failed delivery attempt, and a delivery clears it', async () => {
    const { order, shipment } = await readyToShip(server, pinned());
    const n = shipment.tracking_number;
    const notify = (scans: ScanInput[]) => postWebhook(server, 'usps', usps.signedWebhook(n, scans));
    await notify([scan('03', 'USPS picked up item', '2026-11-22T15:00:00'), scan('05', 'Undeliverable as Addressed', '2026-11-23T09:00:00')]);
    expect(await shipmentOf(server, shipment.id)).toMatchObject({ status: 'exception', incident_reason: 'address_problem', attention: { reason: 'exception', detail: 'address_problem' } });
    expect((await orderOf(server, order.id)).attention).toMatchObject({ reason: 'exception', shipment_id: shipment.id });

    await notify([scan('02', 'Notice Left (No Authorized Recipient Available)', '2026-11-24T10:00:00')]);
    expect(await shipmentOf(server, shipment.id)).toMatchObject({ status: 'failed_attempt', incident_reason: 'recipient_absent', attention: { reason: 'failed_attempt', detail: 'recipient_absent' } });
    const attempted = await orderOf(server, order.id);
    expect(attempted).toMatchObject({ status: 'in_transit', attention: { reason: 'failed_attempt', shipment_id: shipment.id } });

    await notify([scan('01', 'Delivered, Front Door/Porch', '2026-11-25T10:30:00', { name: 'MARY JANE' })]);
    expect(await shipmentOf(server, shipment.id)).toMatchObject({ status: 'delivered', attention: null, signed_by: 'MARY JANE' });
    expect(await orderOf(server, order.id)).toMatchObject({ status: 'delivered', attention: null });
    expect(await timelineOf(server, order.id)).toEqual(expect.arrayContaining(['order.attention_raised', 'order.attention_cleared']));
  });
});

describe.each(testDialects())('USPS tracking polled on schedule on %s', (dialect) => {
  let usps: FakeUsps;
  let server: TestServer;

  beforeAll(async () => {
    usps = await startFakeUsps();
    server = await startTestServer(dialect, uspsEnv(usps));
    await createPostalShop(server, washington, 'USD');
  });
  afterAll(async () => {
    await server?.close();
    await usps?.close();
  });

  it('polls a shipment WAYBILL_POLL_AFTER_MINUTES after its last news, ingests what USPS says, and stops once it is delivered', async () => {
    const { order, shipment } = await readyToShip(server, postalOrder(stLouis, 'USD', { carrier: 'usps' }));
    const n = shipment.tracking_number;
    const pickedUp = scan('03', 'USPS picked up item', '2026-11-22T05:02:00', { offset: '-05:00', city: 'WASHINGTON', state: 'DC', zip: '20024' });
    usps.setTracking(n, [pickedUp]);
    await advance(server, 4 * 60_000);
    expect(trackRequests(usps, n)).toHaveLength(0);
    await advance(server, 2 * 60_000);
    expect(trackRequests(usps, n)).toHaveLength(1);
    const moving = await shipmentOf(server, shipment.id);
    expect(moving).toMatchObject({ status: 'in_transit', shipped_at: '2026-11-22T10:02:00.000Z' });
    expect(moving.events).toEqual([expect.objectContaining({ source: 'poll', status: 'in_transit', code: '03' })]);
    expect((await orderOf(server, order.id)).status).toBe('in_transit');

    usps.setTracking(n, [pickedUp, scan('01', 'Delivered, In/At Mailbox', '2026-11-22T04:09:00', { name: 'M J WATSON' })]);
    await advance(server, 6 * 60_000);
    expect(await shipmentOf(server, shipment.id)).toMatchObject({ status: 'delivered', delivered_at: '2026-11-22T10:09:00.000Z', signed_by: 'M J WATSON' });
    expect((await orderOf(server, order.id)).status).toBe('delivered');
    const polls = trackRequests(usps, n).length;
    expect(polls).toBe(2);

    await advance(server, 6 * 3_600_000, 5 * 60_000);
    expect(trackRequests(usps, n)).toHaveLength(polls);
  });
});
