/**
 * Delivery feedback over real HTTP on both dialects: a customer rates a delivery once it arrived
 * (PUT /portal/orders/{id}/feedback; 409 before), one feedback per order that a later PUT changes,
 * one `order.feedback_received` event per change (none for a repeat), another customer's order 404,
 * bad ratings and comments 422; the portal and staff order views show it, and staff list it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../support/databases.js';
import { addStock, createProduct, createWarehouse, orderBody } from '../support/fixtures.js';
import { drainJobs } from '../support/jobs.js';
import { expectInvalid, expectProblem } from '../support/problems.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { registerCustomer, type CustomerSession } from '../support/sessions.js';
import { UNEVENTFUL_SIM } from '../support/sim-env.js';

const A_EMAIL = 'rater@example.com';
const B_EMAIL = 'other@example.com';

describe.each(testDialects())('delivery feedback on %s', (dialect) => {
  let server: TestServer;
  let a: CustomerSession;
  let b: CustomerSession;
  let delivered: { id: string; number: string };
  let bDelivered: { id: string; number: string };
  let pending: { id: string; number: string };

  async function place(email: string) {
    const body = orderBody([{ sku: 'MUG', quantity: 1 }], {
      customer: { email, name: email.split('@')[0], phone: '+15125550101' },
      payment: { provider: 'test', token: 'tok_visa' },
      shipping: { strategy: 'fastest', carrier: null, service: null },
    });
    const res = await server.operator.post('/api/v1/orders', body);
    expect(res.status, res.text).toBe(201);
    return { id: res.body.id as string, number: res.body.number as string };
  }

  async function feedbackEvents(orderId: string) {
    const res = await server.viewer.get(`/api/v1/orders/${orderId}/events?limit=200`);
    return (res.body.data as Array<{ type: string; data: Record<string, unknown>; actor: string }>).filter((e) => e.type === 'order.feedback_received');
  }

  beforeAll(async () => {
    server = await startTestServer(dialect, { WAYBILL_SIM_WEBHOOK_SECRET: 'whsec_test_sim_secret', ...UNEVENTFUL_SIM });
    await createWarehouse(server.admin, 'DAL', 'Dallas', 'TX');
    await createProduct(server.admin, 'MUG', { unit_price: 1999, length_mm: 120, width_mm: 90, height_mm: 100, weight_grams: 350 });
    await addStock(server.admin, 'MUG', 'DAL', 100);
    delivered = await place(A_EMAIL);
    bDelivered = await place(B_EMAIL);
    a = await registerCustomer(server, A_EMAIL);
    b = await registerCustomer(server, B_EMAIL);
  });
  afterAll(async () => server?.close());

  it('refuses a rating before anything arrived with 409, and says so on the order', async () => {
    const before = await a.request('GET', `/portal/orders/${delivered.id}`);
    expect(before.status, before.text).toBe(200);
    expect(before.body).toMatchObject({ feedback: null, can_leave_feedback: false });
    const refused = expectProblem(await a.request('PUT', `/portal/orders/${delivered.id}/feedback`, { rating: 5 }), 409, 'conflict');
    expect(refused.detail).toBe('You can rate the delivery once it has arrived');
    expect(await feedbackEvents(delivered.id)).toEqual([]);
  });

  it('takes a rating once delivered and shows it on the portal and staff order views', async () => {
    // The worker processes and ships; the sim carrier delivers overnight parcels within minutes.
    await drainJobs(server);
    for (let t = 0; t < 4 * 60_000; t += 20_000) {
      server.clock.advance(20_000);
      await drainJobs(server);
    }
    expect((await server.viewer.get(`/api/v1/orders/${delivered.id}`)).body.status).toBe('delivered');
    // An order placed now has not arrived.
    pending = await place(A_EMAIL);
    expectProblem(await a.request('PUT', `/portal/orders/${pending.id}/feedback`, { rating: 3 }), 409, 'conflict');

    const view = await a.request('GET', `/portal/orders/${delivered.number}`);
    expect(view.body).toMatchObject({ feedback: null, can_leave_feedback: true });

    const put = await a.request('PUT', `/portal/orders/${delivered.number}/feedback`, { rating: 4, comment: '  Quick, but the box was dented.  ' });
    expect(put.status, put.text).toBe(200);
    const at = server.clock.now().toISOString();
    expect(put.body).toEqual({ rating: 4, comment: 'Quick, but the box was dented.', created_at: at, updated_at: at });

    const portal = await a.request('GET', `/portal/orders/${delivered.id}`);
    expect(portal.body.feedback).toEqual(put.body);
    expect(portal.body.can_leave_feedback).toBe(true);
    const timeline = portal.body.timeline.filter((e: { type: string }) => e.type === 'order.feedback_received');
    expect(timeline).toEqual([{ type: 'order.feedback_received', at, data: { rating: 4, comment: 'Quick, but the box was dented.' } }]);

    const staff = await server.viewer.get(`/api/v1/orders/${delivered.id}`);
    expect(staff.body.feedback).toEqual(put.body);
    // Lists show it too; an order without one says null.
    const list = await server.viewer.get('/api/v1/orders?limit=200');
    const byId = new Map(list.body.data.map((o: { id: string; feedback: unknown }) => [o.id, o.feedback]));
    expect(byId.get(delivered.id)).toEqual(put.body);
    expect(byId.get(pending.id)).toBeNull();
    const events = await feedbackEvents(delivered.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toEqual({ rating: 4, comment: 'Quick, but the box was dented.' });
    expect(events[0]!.actor).toBe(`customer:${a.accountId}`);
  });

  it('changes the one feedback with a later PUT, adding one event per change and none for a repeat', async () => {
    const first = (await a.request('GET', `/portal/orders/${delivered.id}`)).body.feedback;
    server.clock.advance(60_000);
    const repeat = await a.request('PUT', `/portal/orders/${delivered.id}/feedback`, { rating: 4, comment: 'Quick, but the box was dented.' });
    expect(repeat.status, repeat.text).toBe(200);
    expect(repeat.body).toEqual(first);
    expect(await feedbackEvents(delivered.id)).toHaveLength(1);

    const changed = await a.request('PUT', `/portal/orders/${delivered.id}/feedback`, { rating: 2 });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body).toEqual({ rating: 2, comment: null, created_at: first.created_at, updated_at: server.clock.now().toISOString() });
    const events = await feedbackEvents(delivered.id);
    expect(events.map((e) => e.data)).toEqual([
      { rating: 4, comment: 'Quick, but the box was dented.' },
      { rating: 2, comment: null },
    ]);
    expect((await server.viewer.get(`/api/v1/orders/${delivered.id}`)).body.feedback).toEqual(changed.body);
    const rows = await server.deps.db.selectFrom('delivery_feedback').selectAll().where('order_id', '=', delivered.id).execute();
    expect(rows).toHaveLength(1);
  });

  it("answers 404 for another customer's order, by id and by number, and for none", async () => {
    for (const key of [bDelivered.id, bDelivered.number, 'ord_nope', 'W-999999']) {
      expectProblem(await a.request('PUT', `/portal/orders/${key}/feedback`, { rating: 1, comment: 'not mine' }), 404, 'not_found');
    }
    expect((await server.viewer.get(`/api/v1/orders/${bDelivered.id}`)).body.feedback).toBeNull();
    // B rates their own.
    const own = await b.request('PUT', `/portal/orders/${bDelivered.id}/feedback`, { rating: 5, comment: 'Perfect' });
    expect(own.status, own.text).toBe(200);
    // Staff credentials cannot use the customer's route.
    expectProblem(await server.admin.request('PUT', `/portal/orders/${bDelivered.id}/feedback`, { json: { rating: 1 } }), 403, 'forbidden');
  });

  it('refuses ratings outside 1–5, fractions, strings and long comments with 422, changing nothing', async () => {
    const before = (await a.request('GET', `/portal/orders/${delivered.id}`)).body.feedback;
    const eventsBefore = (await feedbackEvents(delivered.id)).length;
    const path = `/portal/orders/${delivered.id}/feedback`;
    for (const rating of [0, 6, 2.5, -1, '5', null, true]) expectInvalid(await a.request('PUT', path, { rating }), 'rating');
    expectInvalid(await a.request('PUT', path, {}), 'rating');
    expectInvalid(await a.request('PUT', path, { rating: 3, comment: 'x'.repeat(2001) }), 'comment');
    expectInvalid(await a.request('PUT', path, { rating: 3, comment: 42 }), 'comment');
    expectInvalid(await a.request('PUT', path, { rating: 3, stars: 3 }));
    expectInvalid(await a.request('PUT', path, []));
    expectInvalid(await a.request('PUT', path, { rating: 3, comment: 'nul \u0000 inside' }), 'comment');
    expect((await a.request('GET', `/portal/orders/${delivered.id}`)).body.feedback).toEqual(before);
    expect(await feedbackEvents(delivered.id)).toHaveLength(eventsBefore);
    // 2,000 characters are fine.
    const longest = await a.request('PUT', path, { rating: 3, comment: 'y'.repeat(2000) });
    expect(longest.status, longest.text).toBe(200);
    expect(longest.body.comment).toHaveLength(2000);
    // A cookie write without the CSRF header is refused.
    expectProblem(await server.anonymous.request('PUT', path, { json: { rating: 1 }, headers: { cookie: a.cookie } }), 403, 'forbidden');
  });

  it('lists feedback for staff newest first, a page at a time, optionally only the low ratings', async () => {
    const all = await server.viewer.get('/api/v1/feedback');
    expect(all.status, all.text).toBe(200);
    expect(all.body.data).toEqual([
      { order_id: bDelivered.id, order_number: bDelivered.number, rating: 5, comment: 'Perfect', created_at: expect.any(String), updated_at: expect.any(String) },
      expect.objectContaining({ order_id: delivered.id, order_number: delivered.number, rating: 3 }),
    ]);
    expect(all.body.next_cursor).toBeNull();
    // Newest first by when the feedback was first given: B rated after A.
    expect(all.body.data[0].created_at >= all.body.data[1].created_at).toBe(true);

    const first = await server.viewer.get('/api/v1/feedback?limit=1');
    expect(first.body.data.map((f: { order_id: string }) => f.order_id)).toEqual([bDelivered.id]);
    expect(first.body.next_cursor).toEqual(expect.any(String));
    const second = await server.viewer.get(`/api/v1/feedback?limit=1&cursor=${first.body.next_cursor}`);
    expect(second.body.data.map((f: { order_id: string }) => f.order_id)).toEqual([delivered.id]);
    expect(second.body.next_cursor).toBeNull();

    const low = await server.operator.get('/api/v1/feedback?max_rating=3');
    expect(low.body.data.map((f: { order_id: string }) => f.order_id)).toEqual([delivered.id]);
    expect((await server.viewer.get('/api/v1/feedback?max_rating=1')).body.data).toEqual([]);

    expectInvalid(await server.viewer.get('/api/v1/feedback?max_rating=0'), 'query.max_rating');
    expectInvalid(await server.viewer.get('/api/v1/feedback?max_rating=six'), 'query.max_rating');
    expectInvalid(await server.viewer.get('/api/v1/feedback?limit=0'), 'query.limit');
    expectInvalid(await server.viewer.get('/api/v1/feedback?cursor=!!!'), 'query.cursor');
    expectInvalid(await server.viewer.get(`/api/v1/feedback?cursor=${Buffer.from('nounderscore').toString('base64url')}`), 'query.cursor');
    expectProblem(await server.anonymous.get('/api/v1/feedback'), 401, 'unauthorized');
    expectProblem(await a.request('GET', '/api/v1/feedback'), 403, 'forbidden');
  });
});
