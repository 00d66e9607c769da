/**
 * The whole shipping loop on the built-in sim carrier, over real HTTP: rate shopping, the label the
 * pipeline buys, the sim's journey pushed to Waybill as signed webhooks (the sim's clock runs 1440×
 * faster), the order following its shipment to delivered with the payment captured on the way, the
 * public tracking JSON, carrier performance, and bad input on every shipping route.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerMismatches } from '../../src/inventory/index.js';
import { signSimPayload } from '../../src/shipping/carriers/sim/index.js';
import { testDialects } from '../support/databases.js';
import { addStock, createProduct, createWarehouse, orderBody } from '../support/fixtures.js';
import { drainJobs, travel } from '../support/jobs.js';
import { expectProblem } from '../support/problems.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { UNEVENTFUL_SIM } from '../support/sim-env.js';

const SECRET = 'whsec_test_sim_secret';

describe.each(testDialects())('shipping with the sim carrier on %s', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(dialect, { WAYBILL_SIM_WEBHOOK_SECRET: SECRET, ...UNEVENTFUL_SIM });
    const api = server.admin;
    await createWarehouse(api, 'DAL', 'Dallas', 'TX');
    await createProduct(api, 'MUG', { unit_price: 1999, length_mm: 120, width_mm: 90, height_mm: 100, weight_grams: 350 });
    await addStock(api, 'MUG', 'DAL', 500);
  });
  afterAll(async () => server?.close());

  // Seattle is far from Dallas: ground takes days, express two, overnight one.
  const seattle = { name: 'Ada Lovelace', line1: '400 Broad St', line2: null, city: 'Seattle', region: 'WA', postal_code: '98109', country: 'US' };
  async function placed(body: Record<string, unknown> = orderBody([{ sku: 'MUG', quantity: 2 }])) {
    const res = await server.operator.post('/api/v1/orders', { ...body, shipping_address: seattle });
    expect(res.status, res.text).toBe(201);
    return res.body;
  }
  const order = async (id: string) => (await server.viewer.get(`/api/v1/orders/${id}`)).body;
  const events = async (id: string) => ((await server.viewer.get(`/api/v1/orders/${id}/events`)).body.data as Array<{ type: string; data: any }>);

  it('quotes every sim service from the order warehouse and says what each strategy picks', async () => {
    const o = await placed();
    const res = await server.viewer.get(`/api/v1/orders/${o.id}/rates`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.data.map((q: any) => q.service).sort()).toEqual(['express', 'ground', 'overnight']);
    for (const q of res.body.data) expect(q).toMatchObject({ warehouse: 'DAL', carrier: 'sim', currency: 'USD', eligible: true, amount: expect.any(Number) });
    const byService = Object.fromEntries(res.body.data.map((q: any) => [q.service, q]));
    expect(byService.ground.amount).toBeLessThan(byService.express.amount);
    expect(byService.express.amount).toBeLessThan(byService.overnight.amount);
    expect(res.body.picks.cheapest).toEqual([expect.objectContaining({ warehouse: 'DAL', service: 'ground', amount: byService.ground.amount })]);
    expect(res.body.picks.fastest).toEqual([expect.objectContaining({ service: 'overnight' })]);
    expect(res.body.picks.best_value).toHaveLength(1);
    expect(res.body.promised_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expectProblem(await server.viewer.get('/api/v1/orders/ord_nope/rates'), 404, 'not_found');
  });

  it('buys the label in the pipeline, then follows the sim journey to delivered, capturing on the way', async () => {
    const o = await placed(orderBody([{ sku: 'MUG', quantity: 2 }], { payment: { provider: 'test', token: 'tok_visa' }, shipping: { strategy: 'fastest', carrier: null, service: null } }));
    await drainJobs(server);
    let current = await order(o.id);
    expect(current.status).toBe('ready_to_ship');
    expect(current.shipments).toHaveLength(1);
    const summary = current.shipments[0];
    expect(summary).toMatchObject({ carrier: 'sim', service: 'overnight', status: 'label_created', tracking_number: expect.stringMatching(/^SIM\d{15}$/) });
    expect(summary.tracking_url).toContain(`/sim/track/${summary.tracking_number}`);

    const label = await server.viewer.get(`/api/v1/shipments/${summary.id}/label.pdf`);
    expect(label.status).toBe(200);
    expect(label.headers.get('content-type')).toBe('application/pdf');
    expect(label.text.startsWith('%PDF-')).toBe(true);
    const audit = await server.viewer.get(`/api/v1/shipments/${summary.id}/rates`);
    expect(audit.status, audit.text).toBe(200);
    expect(audit.body.data.map((q: any) => [q.service, q.chosen])).toEqual([['overnight', true], ['ground', false], ['express', false]]);
    expect(audit.body.data[1].note).toMatch(/^arrives /);
    const chosen = (await events(o.id)).find((e) => e.type === 'shipment.rate_chosen')!;
    expect(chosen.data).toMatchObject({ carrier: 'sim', service: 'overnight', strategy: 'fastest', reason: expect.stringContaining('earliest') });

    await travel(server, 4 * 60_000);
    current = await order(o.id);
    expect(current.status).toBe('delivered');
    expect(current.payment_status).toBe('captured');
    const shipment = (await server.viewer.get(`/api/v1/shipments/${summary.id}`)).body;
    expect(shipment).toMatchObject({ status: 'delivered', signed_by: expect.any(String), delivered_at: expect.any(String), shipped_at: expect.any(String), attention: null });
    const codes = shipment.events.map((e: any) => e.code);
    expect(codes[0]).toBe('LC');
    expect(codes).toContain('PU');
    expect(codes.at(-1)).toBe('DL');
    const times = shipment.events.map((e: any) => e.occurred_at);
    expect([...times].sort()).toEqual(times);
    expect(shipment.events.every((e: any) => e.source === 'webhook' && typeof e.latitude === 'number')).toBe(true);
    const types = (await events(o.id)).map((e) => e.type);
    expect(types.filter((t) => t === 'order.status_changed').length).toBeGreaterThanOrEqual(4);
    expect(types).toContain('shipment.shipped');
    expect(types.filter((t) => t === 'tracking.event')).toHaveLength(shipment.events.length);
    expect(await ledgerMismatches(server.deps.db)).toEqual([]);

    const track = await server.anonymous.get(`/api/v1/track/${current.tracking_token}`);
    expect(track.status, track.text).toBe(200);
    expect(track.body).toMatchObject({ order_number: current.number, status: 'delivered', destination: { city: 'Seattle', region: 'WA', country: 'US' } });
    expect(track.body.shipments[0].events.length).toBe(shipment.events.length);
    expect(track.body.shipments[0].route.length).toBeGreaterThan(1);
    expect(track.body.shipments[0].current_position).toEqual(track.body.shipments[0].route.at(-1));
    // Nothing personal beyond city level.
    for (const secret of ['Ada', 'Lovelace', 'Broad St', '98109', 'example.com', '+1512', 'FRONT DOOR']) expect(track.text).not.toContain(secret);
    expectProblem(await server.anonymous.get('/api/v1/track/not-a-token-at-all-0000'), 404, 'not_found');

    const perf = await server.viewer.get('/api/v1/analytics/carriers');
    expect(perf.status, perf.text).toBe(200);
    expect(perf.body.carriers).toEqual([expect.objectContaining({ carrier: 'sim', exception_rate: 0 })]);
    const lane = perf.body.lanes.find((l: any) => l.service === 'overnight');
    expect(lane).toMatchObject({ lane: 'US-TX → US-WA', shipments: 1, delivered: 1, on_time_rate: 1, mean_transit_days: expect.any(Number) });
    expect(lane.p90_transit_days).toBeGreaterThanOrEqual(lane.mean_transit_days);
  });

  it('refuses a badly signed webhook with 401 and writes nothing; a redelivery changes nothing', async () => {
    const o = await placed();
    await drainJobs(server);
    const s = (await order(o.id)).shipments[0];
    const body = JSON.stringify({
      delivery_id: `manual-${s.id}`,
      tracking_number: s.tracking_number,
      estimated_delivery: '2026-11-30T19:00:00.000Z',
      events: [{ id: `${s.tracking_number}-x1`, code: 'PU', description: 'Picked up', occurred_at: server.clock.now().toISOString(), location: { city: 'Dallas', region: 'TX', postal_code: null, country: 'US' } }],
    });
    const post = (signature: string | null, raw = body) =>
      server.anonymous.request('POST', '/webhooks/carriers/sim', { raw, headers: { 'content-type': 'application/json', ...(signature ? { 'x-sim-signature': signature } : {}) } });
    expectProblem(await post(null), 401, 'unauthorized');
    expectProblem(await post(signSimPayload('whsec_wrong', body, server.clock.now())), 401, 'unauthorized');
    expectProblem(await post(signSimPayload(SECRET, body, new Date(server.clock.now().getTime() - 600_000))), 401, 'unauthorized');
    expectProblem(await post(signSimPayload(SECRET, body, server.clock.now()), body.replace('Picked up', 'Tampered')), 401, 'unauthorized');
    expect((await server.viewer.get(`/api/v1/shipments/${s.id}`)).body.events).toHaveLength(0);

    const first = await post(signSimPayload(SECRET, body, server.clock.now()));
    expect(first.status, first.text).toBe(200);
    expect(first.body).toEqual({ received: true, duplicate: false, stored: 1, unmatched: 0 });
    const again = await post(signSimPayload(SECRET, body, server.clock.now()));
    expect(again.body).toMatchObject({ duplicate: true, stored: 0 });
    const shipment = (await server.viewer.get(`/api/v1/shipments/${s.id}`)).body;
    expect(shipment).toMatchObject({ status: 'in_transit', estimated_delivery: '2026-11-30T19:00:00.000Z', eta_source: 'carrier' });
    expect(shipment.events).toHaveLength(1);
    expect((await order(o.id)).status).toBe('in_transit');
    expectProblem(await server.anonymous.request('POST', '/webhooks/carriers/nope', { raw: body, headers: { 'content-type': 'application/json' } }), 404, 'not_found');
  });

  it('a parcel scanned after its order was cancelled ships nothing twice and asks for a person', async () => {
    const o = await placed();
    await drainJobs(server);
    const s = (await order(o.id)).shipments[0];
    const cancelled = await server.operator.post(`/api/v1/orders/${o.id}/cancel`, { reason: 'customer changed their mind' });
    expect(cancelled.status, cancelled.text).toBe(200);
    const body = JSON.stringify({
      delivery_id: `late-${s.id}`,
      tracking_number: s.tracking_number,
      estimated_delivery: '2026-11-30T19:00:00.000Z',
      events: [{ id: `${s.tracking_number}-late`, code: 'PU', description: 'Picked up', occurred_at: server.clock.now().toISOString(), location: { city: 'Dallas', region: 'TX', postal_code: null, country: 'US' } }],
    });
    const res = await server.anonymous.request('POST', '/webhooks/carriers/sim', { raw: body, headers: { 'content-type': 'application/json', 'x-sim-signature': signSimPayload(SECRET, body, server.clock.now()) } });
    expect(res.status, res.text).toBe(200);
    const after = await order(o.id);
    expect(after.status).toBe('cancelled');
    expect(after.attention).toMatchObject({ reason: 'shipped_without_reservation', shipment_id: s.id });
    expect(after.lines[0].quantity_shipped).toBe(0);
    expect(await ledgerMismatches(server.deps.db)).toEqual([]);
  });

  it('buys a label by hand for some lines, and refuses what cannot ship', async () => {
    const o = await placed(orderBody([{ sku: 'MUG', quantity: 3 }], { shipping: { strategy: 'cheapest', carrier: null, service: null } }));
    const path = `/api/v1/orders/${o.id}/shipments`;
    expectProblem(await server.operator.post(path, {}), 409, 'invalid_transition');
    await server.operator.post(`/api/v1/orders/${o.id}/status`, { status: 'processing' });
    expectProblem(await server.operator.post(path, { carrier: 'nope' }), 422, 'validation_failed');
    expectProblem(await server.operator.post(path, { lines: [{ sku: 'MUG', quantity: 9 }] }), 422, 'validation_failed');
    expectProblem(await server.operator.post(path, { surprise: true }), 422, 'validation_failed');
    expectProblem(await server.viewer.post(path, {}), 403, 'forbidden');
    expectProblem(await server.operator.post('/api/v1/orders/ord_missing/shipments', {}), 404, 'not_found');

    const partial = await server.operator.post(path, { lines: [{ sku: 'MUG', quantity: 1 }], carrier: 'sim', service: 'express' }, { headers: { 'idempotency-key': `ship-${o.id}` } });
    expect(partial.status, partial.text).toBe(201);
    expect(partial.body).toMatchObject({ carrier: 'sim', service: 'express', lines: [{ sku: 'MUG', quantity: 1 }], label_state: 'purchased', also_created: [] });
    const replay = await server.operator.post(path, { lines: [{ sku: 'MUG', quantity: 1 }], carrier: 'sim', service: 'express' }, { headers: { 'idempotency-key': `ship-${o.id}` } });
    expect(replay.body.id).toBe(partial.body.id);
    expect((await order(o.id)).status).toBe('processing');
    // The same key and body for another order buys that order's label, not a replay of this one.
    const other = await placed(orderBody([{ sku: 'MUG', quantity: 1 }], { shipping: { strategy: 'cheapest', carrier: null, service: null } }));
    await server.operator.post(`/api/v1/orders/${other.id}/status`, { status: 'processing' });
    const elsewhere = await server.operator.post(`/api/v1/orders/${other.id}/shipments`, { lines: [{ sku: 'MUG', quantity: 1 }], carrier: 'sim', service: 'express' }, { headers: { 'idempotency-key': `ship-${o.id}` } });
    expect(elsewhere.status, elsewhere.text).toBe(201);
    expect(elsewhere.headers.get('idempotent-replayed')).toBeNull();
    expect(elsewhere.body).toMatchObject({ order_id: other.id });

    const rest = await server.operator.post(path, {});
    expect(rest.status, rest.text).toBe(201);
    expect(rest.body.lines).toEqual([{ sku: 'MUG', quantity: 2 }]);
    expect((await order(o.id)).status).toBe('ready_to_ship');
    expectProblem(await server.operator.post(path, {}), 409, 'conflict');

    // The hand-over at the dock is a manual scan: the parcel has left, the order is partly shipped.
    const handover = await server.operator.post(`/api/v1/shipments/${partial.body.id}/events`, { status: 'in_transit', location: { city: 'Dallas', region: 'TX', country: 'US' } });
    expect(handover.status, handover.text).toBe(201);
    expect(handover.body).toMatchObject({ status: 'in_transit', shipped_at: expect.any(String) });
    expect(handover.body.events[0]).toMatchObject({ code: 'MANUAL', source: 'manual', description: 'Handed over to the carrier', latitude: expect.any(Number) });
    const after = await order(o.id);
    expect(after.status).toBe('partially_shipped');
    expect(after.lines[0].quantity_shipped).toBe(1);
    expectProblem(await server.operator.post(`/api/v1/shipments/${partial.body.id}/events`, { status: 'teleported' }), 422, 'validation_failed');
    expectProblem(await server.operator.post(`/api/v1/shipments/${partial.body.id}/events`, { status: 'delivered', occurred_at: '2099-01-01T00:00:00Z' }), 422, 'validation_failed');
    expectProblem(await server.operator.post('/api/v1/shipments/shp_missing/events', { status: 'delivered' }), 404, 'not_found');
    expect(await ledgerMismatches(server.deps.db)).toEqual([]);
  });

  it('lists and filters shipments, and answers bad queries with problems', async () => {
    const list = await server.viewer.get('/api/v1/shipments?carrier=sim&limit=2');
    expect(list.status, list.text).toBe(200);
    expect(list.body.data).toHaveLength(2);
    expect(list.body.next_cursor).toEqual(expect.any(String));
    const next = await server.viewer.get(`/api/v1/shipments?carrier=sim&limit=2&cursor=${list.body.next_cursor}`);
    expect(next.body.data[0].id < list.body.data[1].id).toBe(true);
    const delivered = await server.viewer.get('/api/v1/shipments?status=delivered');
    expect(delivered.body.data.every((s: any) => s.status === 'delivered')).toBe(true);
    expectProblem(await server.viewer.get('/api/v1/shipments?status=lost_in_space'), 422, 'validation_failed');
    expectProblem(await server.viewer.get('/api/v1/shipments?limit=0'), 422, 'validation_failed');
    expectProblem(await server.viewer.get('/api/v1/shipments/shp_missing'), 404, 'not_found');
    expectProblem(await server.viewer.get('/api/v1/shipments/shp_missing/label.pdf'), 404, 'not_found');
    expectProblem(await server.anonymous.get('/api/v1/shipments'), 401, 'unauthorized');
    expectProblem(await server.viewer.get('/api/v1/analytics/carriers?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z'), 422, 'validation_failed');
    expectProblem(await server.viewer.get('/api/v1/analytics/carriers?from=yesterday'), 422, 'validation_failed');
  });
});
