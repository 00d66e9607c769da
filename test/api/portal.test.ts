/**
 * The customer portal's data over real HTTP on both dialects: GET /portal/orders, GET
 * /portal/orders/{id} (shipments, tracking with coordinates, the customer-facing timeline), GET/PUT
 * /portal/preferences. A customer reaches only their own orders (another's answers 404, never 403):
 * every portal route listed in /openapi.json is tried with customer A's session on customer B's
 * objects for what it shows or changes, so a portal route added later without a row here fails this
 * test. Who may call which route (the 401s and 403s) is test/security/authorization-matrix.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerEventTypes } from '../../src/streams/customer-view.js';
import { testDialects } from '../support/databases.js';
import { addStock, createProduct, createWarehouse, orderBody } from '../support/fixtures.js';
import { drainJobs } from '../support/jobs.js';
import { expectInvalid, expectProblem } from '../support/problems.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { registerCustomer, type CustomerSession } from '../support/sessions.js';
import { UNEVENTFUL_SIM } from '../support/sim-env.js';

const SECRET = 'whsec_test_sim_secret';
const A_EMAIL = 'ada@example.com';
const B_EMAIL = 'grace@example.com';
const C_EMAIL = 'unverified@example.com';

interface PlacedOrder {
  id: string;
  number: string;
}

/** Every key anywhere in a JSON value. */
function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) keysOf(item, into);
  else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      into.add(key);
      keysOf(inner, into);
    }
  }
  return into;
}

describe.each(testDialects())('customer portal on %s', (dialect) => {
  let server: TestServer;
  let a: CustomerSession;
  let b: CustomerSession;
  let unverified: CustomerSession;
  const aOrders: PlacedOrder[] = [];
  const bOrders: PlacedOrder[] = [];
  let cOrder: PlacedOrder;

  const seattle = { name: 'Ada Lovelace', line1: '400 Broad St', line2: null, city: 'Seattle', region: 'WA', postal_code: '98109', country: 'US' };
  async function place(email: string, overrides: Record<string, unknown> = {}): Promise<PlacedOrder> {
    const body = orderBody([{ sku: 'MUG', quantity: 1 }], { customer: { email, name: email.split('@')[0], phone: '+15125550101' }, shipping_address: seattle, ...overrides });
    const res = await server.operator.post('/api/v1/orders', body);
    expect(res.status, res.text).toBe(201);
    return { id: res.body.id, number: res.body.number };
  }

  /** Moves the test clock on in steps, running the worker (and so the sim's pushes) at each. */
  async function travel(ms: number, step = 20_000) {
    for (let t = 0; t < ms; t += step) {
      server.clock.advance(step);
      await drainJobs(server);
    }
  }

  beforeAll(async () => {
    server = await startTestServer(dialect, {
      WAYBILL_SIM_WEBHOOK_SECRET: SECRET,
      ...UNEVENTFUL_SIM,
    });
    await createWarehouse(server.admin, 'DAL', 'Dallas', 'TX');
    await createProduct(server.admin, 'MUG', { unit_price: 1999, length_mm: 120, width_mm: 90, height_mm: 100, weight_grams: 350 });
    await addStock(server.admin, 'MUG', 'DAL', 500);
    // Orders first (placed by staff with the customers' emails), then the customers register and verify.
    aOrders.push(await place(A_EMAIL, { payment: { provider: 'test', token: 'tok_visa' }, shipping: { strategy: 'fastest', carrier: null, service: null } }));
    aOrders.push(await place(A_EMAIL));
    bOrders.push(await place(B_EMAIL));
    cOrder = await place(C_EMAIL);
    a = await registerCustomer(server, A_EMAIL);
    b = await registerCustomer(server, B_EMAIL);
    unverified = await registerCustomer(server, C_EMAIL, { verify: false });
    expect(a.customerId).not.toBeNull();
    expect(b.customerId).not.toBeNull();
    expect(unverified.customerId).toBeNull();
  });
  afterAll(async () => server?.close());

  it("lists only the customer's own orders, newest first, a page at a time", async () => {
    const res = await a.request('GET', '/portal/orders');
    expect(res.status, res.text).toBe(200);
    expect(res.body.data.map((o: any) => o.id)).toEqual([aOrders[1]!.id, aOrders[0]!.id]);
    expect(res.body.next_cursor).toBeNull();
    expect(res.body.data[0]).toMatchObject({ number: aOrders[1]!.number, currency: 'USD', total: expect.any(Number), lines: [expect.objectContaining({ sku: 'MUG', quantity: 1 })] });

    const first = await a.request('GET', '/portal/orders?limit=1');
    expect(first.body.data.map((o: any) => o.id)).toEqual([aOrders[1]!.id]);
    expect(first.body.next_cursor).toEqual(expect.any(String));
    const second = await a.request('GET', `/portal/orders?limit=1&cursor=${first.body.next_cursor}`);
    expect(second.body.data.map((o: any) => o.id)).toEqual([aOrders[0]!.id]);
    expect(second.body.next_cursor).toBeNull();

    const ofB = await b.request('GET', '/portal/orders');
    expect(ofB.body.data.map((o: any) => o.id)).toEqual(bOrders.map((o) => o.id));
  });

  it("answers 404 (never 403) for another customer's order, by id and by number, and for one that does not exist", async () => {
    const mine = await b.request('GET', `/portal/orders/${bOrders[0]!.id}`);
    expect(mine.status, mine.text).toBe(200);
    expect((await b.request('GET', `/portal/orders/${bOrders[0]!.number.toLowerCase()}`)).status).toBe(200);
    expectProblem(await a.request('GET', `/portal/orders/${bOrders[0]!.id}`), 404, 'not_found');
    expectProblem(await a.request('GET', `/portal/orders/${bOrders[0]!.number}`), 404, 'not_found');
    expectProblem(await a.request('GET', `/portal/orders/${bOrders[0]!.number.toLowerCase()}`), 404, 'not_found');
    expectProblem(await a.request('GET', '/portal/orders/ord_nope'), 404, 'not_found');
    expectProblem(await a.request('GET', '/portal/orders/W-999999'), 404, 'not_found');
  });

  it('shows an unverified customer no orders: an empty list, 404 on their own email’s order, default preferences, 409 on a change', async () => {
    const list = await unverified.request('GET', '/portal/orders');
    expect(list.status, list.text).toBe(200);
    expect(list.body).toEqual({ data: [], next_cursor: null });
    expectProblem(await unverified.request('GET', `/portal/orders/${cOrder.id}`), 404, 'not_found');
    expectProblem(await unverified.request('GET', `/portal/orders/${cOrder.number}`), 404, 'not_found');
    const prefs = await unverified.request('GET', '/portal/preferences');
    expect(prefs.status, prefs.text).toBe(200);
    expect(prefs.body.email.shipped).toBe(true);
    expect(prefs.body.sms.shipped).toBe(false);
    expectProblem(await unverified.request('PUT', '/portal/preferences', { sms: { shipped: true } }), 409, 'conflict');
  });

  it("changes only the signed-in customer's preferences; staff see the same", async () => {
    const before = await b.request('GET', '/portal/preferences');
    expect(before.status, before.text).toBe(200);
    const put = await a.request('PUT', '/portal/preferences', { email: { delivered: false }, sms: { shipped: true } });
    expect(put.status, put.text).toBe(200);
    expect(put.body.email).toMatchObject({ delivered: false, shipped: true, order_confirmation: true });
    expect(put.body.sms).toMatchObject({ shipped: true, delivered: false });
    expect((await a.request('GET', '/portal/preferences')).body).toEqual(put.body);
    expect((await server.viewer.get(`/api/v1/customers/${a.customerId}/preferences`)).body).toEqual(put.body);
    expect((await b.request('GET', '/portal/preferences')).body).toEqual(before.body);
    expect((await server.viewer.get(`/api/v1/customers/${b.customerId}/preferences`)).body).toEqual(before.body);
    // The staff answer and the portal answer have one shape.
    expect(Object.keys(put.body).sort()).toEqual(Object.keys((await server.viewer.get(`/api/v1/customers/${b.customerId}/preferences`)).body).sort());
  });

  it("tries every portal route with customer A's session on customer B's objects", async () => {
    await server.operator.put(`/api/v1/customers/${b.customerId}/preferences`, { sms: { delivered: true } });
    const bPrefs = (await server.viewer.get(`/api/v1/customers/${b.customerId}/preferences`)).body;
    // A return of B's (written directly: this test is about who may see it, not how it came to be).
    const bReturnId = 'ret_portal_test_b';
    await server.deps.db
      .insertInto('returns')
      .values({ id: bReturnId, order_id: bOrders[0]!.id, status: 'requested', requested_by: 'customer', comment: null, rejection_reason: null, warehouse_id: null, shipment_id: null, exchange_order_id: null, currency: 'USD', refund_amount: 0, refund_breakdown: JSON.stringify({ items: 0, tax: 0, shipping: 0, restocking_fee: 0, return_label: 0, total: 0 }), approved_at: null, received_at: null, closed_at: null, created_at: new Date().toISOString(), updated_at: new Date().toISOString() })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    const rows: Record<string, () => Promise<void>> = {
      'POST /portal/orders/{id}/returns': async () => {
        for (const key of [bOrders[0]!.id, bOrders[0]!.number, cOrder.id]) {
          expectProblem(await a.request('POST', `/portal/orders/${key}/returns`, { lines: [{ sku: 'MUG', quantity: 1, reason: 'damaged' }] }), 404, 'not_found');
        }
      },
      'GET /portal/returns': async () => {
        const res = await a.request('GET', '/portal/returns?limit=200');
        expect(res.status, res.text).toBe(200);
        expect(res.body.data.map((r: any) => r.id)).not.toContain(bReturnId);
        expect((await b.request('GET', '/portal/returns')).body.data.map((r: any) => r.id)).toContain(bReturnId);
      },
      'GET /portal/returns/policy': async () => {
        const res = await a.request('GET', '/portal/returns/policy');
        expect(res.status, res.text).toBe(200);
        expect(res.body.window_days).toEqual(expect.any(Number));
      },
      'GET /portal/returns/{id}': async () => {
        expectProblem(await a.request('GET', `/portal/returns/${bReturnId}`), 404, 'not_found');
        expect((await b.request('GET', `/portal/returns/${bReturnId}`)).status).toBe(200);
      },
      'GET /portal/returns/{id}/label.pdf': async () => {
        expectProblem(await a.request('GET', `/portal/returns/${bReturnId}/label.pdf`), 404, 'not_found');
      },
      'GET /portal/orders': async () => {
        const res = await a.request('GET', '/portal/orders?limit=200');
        expect(res.status, res.text).toBe(200);
        const ids = res.body.data.map((o: any) => o.id);
        for (const o of [...bOrders, cOrder]) expect(ids).not.toContain(o.id);
      },
      'GET /portal/orders/{id}': async () => {
        for (const key of [bOrders[0]!.id, bOrders[0]!.number, cOrder.id, cOrder.number]) expectProblem(await a.request('GET', `/portal/orders/${key}`), 404, 'not_found');
      },
      'PUT /portal/orders/{id}/feedback': async () => {
        for (const key of [bOrders[0]!.id, bOrders[0]!.number, cOrder.id]) {
          expectProblem(await a.request('PUT', `/portal/orders/${key}/feedback`, { rating: 5 }), 404, 'not_found');
        }
      },
      'GET /portal/orders/{id}/returnable': async () => {
        for (const key of [bOrders[0]!.id, bOrders[0]!.number, cOrder.id]) expectProblem(await a.request('GET', `/portal/orders/${key}/returnable`), 404, 'not_found');
        expect((await b.request('GET', `/portal/orders/${bOrders[0]!.id}/returnable`)).status).toBe(200);
      },
      'GET /portal/orders/{id}/invoice.pdf': async () => {
        for (const key of [bOrders[0]!.id, bOrders[0]!.number, cOrder.id]) expectProblem(await a.request('GET', `/portal/orders/${key}/invoice.pdf`), 404, 'not_found');
      },
      'GET /portal/preferences': async () => {
        const res = await a.request('GET', '/portal/preferences');
        expect(res.status, res.text).toBe(200);
        expect(res.body.sms.delivered).toBe(false);
        expect(res.body).not.toEqual(bPrefs);
      },
      'PUT /portal/preferences': async () => {
        const res = await a.request('PUT', '/portal/preferences', { sms: { delivered: false, refund_issued: true } });
        expect(res.status, res.text).toBe(200);
        expect((await server.viewer.get(`/api/v1/customers/${b.customerId}/preferences`)).body).toEqual(bPrefs);
      },
    };

    // Every portal route (sign-in routes and the stream aside) has a row here: what customer A can
    // learn of B's objects through it. Who may call each route at all (401 without a session, 403
    // for staff keys and sessions) is the authorization matrix's (test/security/).
    const spec = await server.anonymous.get('/openapi.json');
    expect(spec.status, spec.text).toBe(200);
    const routes: string[] = [];
    for (const [path, item] of Object.entries(spec.body.paths as Record<string, Record<string, unknown>>)) {
      if (!path.startsWith('/portal/') || path.startsWith('/portal/auth/') || path === '/portal/stream') continue;
      for (const method of Object.keys(item)) if (['get', 'put', 'post', 'patch', 'delete'].includes(method)) routes.push(`${method.toUpperCase()} ${path}`);
    }
    expect(routes.sort()).toEqual(Object.keys(rows).sort());
    for (const route of routes) await rows[route]!();
  });

  it('refuses bad input with 422, and a cookie write without the CSRF header with 403', async () => {
    expectInvalid(await a.request('GET', '/portal/orders?cursor=!!!'), 'query.cursor');
    expectInvalid(await a.request('GET', '/portal/orders?cursor=not%20a%20cursor'));
    expectInvalid(await a.request('GET', '/portal/orders?limit=0'));
    expectInvalid(await a.request('GET', '/portal/orders?limit=201'));
    expectInvalid(await a.request('GET', '/portal/orders?limit=abc'));
    expectInvalid(await a.request('GET', `/portal/orders/${'x'.repeat(65)}`));
    const before = (await a.request('GET', '/portal/preferences')).body;
    expectInvalid(await a.request('PUT', '/portal/preferences', { email: { shipped: 'no' } }));
    expectInvalid(await a.request('PUT', '/portal/preferences', { email: { shipped: 1 } }));
    expectInvalid(await a.request('PUT', '/portal/preferences', { email: { not_a_message: true } }));
    expectInvalid(await a.request('PUT', '/portal/preferences', { pigeon: { shipped: true } }));
    expectInvalid(await a.request('PUT', '/portal/preferences', {}));
    expectInvalid(await a.request('PUT', '/portal/preferences', []));
    const noCsrf = await server.anonymous.request('PUT', '/portal/preferences', { json: { sms: { shipped: false } }, headers: { cookie: a.cookie } });
    expectProblem(noCsrf, 403, 'forbidden');
    const wrongCsrf = await a.request('PUT', '/portal/preferences', { sms: { shipped: false } }, { 'x-csrf-token': 'not-the-token' });
    expectProblem(wrongCsrf, 403, 'forbidden');
    expect((await a.request('GET', '/portal/preferences')).body).toEqual(before);
  });

  it('shows the order after the sim carrier moved it: tracking with coordinates, a customer-facing timeline, nothing internal', async () => {
    await drainJobs(server);
    await travel(4 * 60_000);
    const staffView = (await server.viewer.get(`/api/v1/orders/${aOrders[0]!.id}`)).body;
    expect(staffView.status).toBe('delivered');

    const res = await a.request('GET', `/portal/orders/${aOrders[0]!.number}`);
    expect(res.status, res.text).toBe(200);
    const order = res.body;
    expect(order).toMatchObject({ id: aOrders[0]!.id, number: aOrders[0]!.number, status: 'delivered', payment_status: 'captured', total: staffView.total, currency: 'USD' });
    expect(order.lines).toEqual(staffView.lines);
    expect(order.shipments).toHaveLength(1);
    const shipment = order.shipments[0];
    const staffShipment = staffView.shipments[0];
    expect(shipment).toMatchObject({
      carrier: 'sim',
      service: 'overnight',
      status: 'delivered',
      tracking_number: staffShipment.tracking_number,
      tracking_url: staffShipment.tracking_url,
      estimated_delivery: staffShipment.estimated_delivery,
      delivered_at: expect.any(String),
    });
    expect(shipment.tracking_url).toContain(`/sim/track/${shipment.tracking_number}`);
    expect(shipment.events.length).toBeGreaterThan(2);
    expect(shipment.events.every((e: any) => typeof e.latitude === 'number' && typeof e.longitude === 'number')).toBe(true);
    expect(shipment.events.at(-1).status).toBe('delivered');
    const times = shipment.events.map((e: any) => e.occurred_at);
    expect([...times].sort()).toEqual(times);

    const types = order.timeline.map((e: any) => e.type);
    expect(types).toContain('order.placed');
    expect(types).toContain('shipment.shipped');
    expect(types).toContain('tracking.event');
    for (const type of types) expect(customerEventTypes).toContain(type);
    const staffTypes = ((await server.viewer.get(`/api/v1/orders/${aOrders[0]!.id}/events?limit=200`)).body.data as Array<{ type: string }>).map((e) => e.type);
    expect(staffTypes).toContain('shipment.rate_chosen');
    expect(types).not.toContain('shipment.rate_chosen');

    // Nothing the shop keeps for itself: payments (provider references), allocations, warehouses, actors, costs, flags.
    const keys = keysOf(order);
    for (const internal of ['payments', 'refunds', 'allocations', 'actor', 'reference', 'warehouse', 'amount_captured', 'label_url', 'strategy', 'attention', 'metadata', 'customer', 'customer_id', 'rates', 'note', 'source', 'received_at']) {
      expect(keys.has(internal), internal).toBe(false);
    }
    expect(res.text).not.toContain('"DAL"');
    expect(res.text).not.toContain(`"id":"${staffShipment.id}"`);
    for (const payment of staffView.payments) {
      expect(res.text).not.toContain(payment.id);
      if (payment.reference) expect(res.text).not.toContain(payment.reference);
    }
    // Another customer's session still cannot read it, now that it has shipments.
    expectProblem(await b.request('GET', `/portal/orders/${aOrders[0]!.id}`), 404, 'not_found');
  });
});
