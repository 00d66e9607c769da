/**
 * The live streams over real HTTP: GET /api/v1/stream (staff) and GET /portal/stream (a customer's
 * own orders), as Server-Sent Events that resume after Last-Event-ID, on both dialects.
 */
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { relayEvents } from '../../src/event-relay.js';
import { notificationDepsOf } from '../../src/notifications/notification-deps-of.js';
import { customerData, customerEventTypes } from '../../src/streams/customer-view.js';
import { openEventStream, type EventStreamClient, type ReceivedEvent } from '../../src/streams/sse-client.js';
import { webhookDepsOf } from '../../src/webhooks/index.js';
import { testDialects } from '../support/databases.js';
import { addStock, createProduct, createWarehouse, orderBody } from '../support/fixtures.js';
import { drainJobs } from '../support/jobs.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { registerCustomer } from '../support/sessions.js';

interface Change {
  id: string;
  type: string;
  at: string;
  order_id: string;
  order_number: string | null;
  actor?: string;
  data: Record<string, unknown>;
}

const changeOf = (event: ReceivedEvent) => JSON.parse(event.data) as Change;
const ofOrder = (orderId: string) => (event: ReceivedEvent) => event.event !== 'stream.truncated' && changeOf(event).order_id === orderId;

describe.each(testDialects())('live streams on %s', (dialect) => {
  let server: TestServer;
  const open: EventStreamClient[] = [];

  async function stream(path: string, headers: Record<string, string> = {}): Promise<EventStreamClient> {
    const client = await openEventStream(server.url + path, { headers });
    open.push(client);
    return client;
  }
  const staffStream = (headers: Record<string, string> = {}, query = '') => stream(`/api/v1/stream${query}`, { authorization: `Bearer ${server.viewer.key}`, ...headers });

  async function placeOrder(email = 'ada@example.com'): Promise<{ id: string; number: string }> {
    const res = await server.operator.post('/api/v1/orders', orderBody([{ sku: 'MUG', quantity: 1 }], { customer: { email, name: email.split('@')[0], phone: '+15125550101' } }));
    expect(res.status, res.text).toBe(201);
    return res.body;
  }

  /** The order's timeline ids, oldest first (what a stream must have carried once relayed). */
  async function timelineIds(orderId: string): Promise<string[]> {
    const rows = await server.deps.db.selectFrom('order_events').select('id').where('order_id', '=', orderId).where('relayed', '=', 1).orderBy('id').execute();
    return rows.map((r) => r.id);
  }

  /** Waits until `client` has every relayed event of the order; returns them in arrival order. */
  async function allOf(client: EventStreamClient, orderId: string): Promise<ReceivedEvent[]> {
    const ids = await timelineIds(orderId);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) await client.waitFor((e) => e.id === id);
    return client.events.filter(ofOrder(orderId));
  }

  beforeAll(async () => {
    server = await startTestServer(dialect);
    await createWarehouse(server.admin, 'DAL', 'Dallas', 'TX');
    await createProduct(server.admin, 'MUG');
    await addStock(server.admin, 'MUG', 'DAL', 1_000);
  });
  afterEach(() => {
    for (const client of open.splice(0)) client.close();
  });
  afterAll(async () => server?.close());

  it('answers the staff stream only with a key: 401 without, 200 text/event-stream for a viewer', async () => {
    const anonymous = await stream('/api/v1/stream');
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.body)).toMatchObject({ status: 401, code: 'unauthorized' });

    const viewer = await staffStream();
    expect(viewer.status).toBe(200);
    expect(viewer.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(viewer.headers['cache-control']).toBe('no-store');
    expect(viewer.headers['x-accel-buffering']).toBe('no');
  });

  it("carries an order's changes once the relay has run: each as id, event type and a JSON change", async () => {
    const client = await staffStream();
    const order = await placeOrder();
    await drainJobs(server);
    const events = await allOf(client, order.id);

    // Every relayed event of the order, each once, in id order.
    const ids = await timelineIds(order.id);
    expect(events.map((e) => e.id)).toEqual(ids);
    const placed = events[0]!;
    expect(placed.event).toBe('order.placed');
    expect(changeOf(placed)).toMatchObject({ id: placed.id, type: 'order.placed', order_id: order.id, order_number: order.number, data: expect.any(Object) });
    expect(changeOf(placed).at).toMatch(/^\d{4}-\d\d-\d\dT/);
    for (const event of events) expect(changeOf(event).type).toBe(event.event);
    // What the stream says is what the timeline says.
    const timeline = await server.viewer.get(`/api/v1/orders/${order.id}/events?limit=200`);
    expect(timeline.status).toBe(200);
    expect(events.map((e) => e.event)).toEqual((timeline.body.data as Array<{ type: string }>).map((t) => t.type));
  });

  it('resumes after Last-Event-ID (header or ?last_event_id=) with only the later events, then follows live', async () => {
    const first = await staffStream();
    const order = await placeOrder();
    await drainJobs(server);
    const seen = await allOf(first, order.id);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    const resumeAfter = seen[0]!.id!;
    const expected = first.events.filter((e) => e.id !== null && e.id > resumeAfter).map((e) => e.id);
    first.close();

    for (const resumed of [await staffStream({ 'last-event-id': resumeAfter }), await staffStream({}, `?last_event_id=${resumeAfter}`)]) {
      expect(resumed.status).toBe(200);
      await resumed.waitFor((e) => e.id === expected[expected.length - 1]);
      expect(resumed.events.map((e) => e.id)).toEqual(expected);
    }

    // …and the resumed streams then carry new changes live, each once.
    const resumed = open[open.length - 1]!;
    const next = await placeOrder('grace@example.com');
    await drainJobs(server);
    await allOf(resumed, next.id);
    const ids = resumed.events.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(0, expected.length)).toEqual(expected);
  });

  it('refuses a Last-Event-ID that is not an event id with 422', async () => {
    const header = await staffStream({ 'last-event-id': 'not-an-id' });
    expect(header.status).toBe(422);
    expect(JSON.parse(header.body)).toMatchObject({ code: 'validation_failed' });
    const query = await staffStream({}, '?last_event_id=ord_123');
    expect(query.status).toBe(422);
  });

  it('fans one change out to many streams at once, and a closed stream is forgotten', async () => {
    const clients = await Promise.all(Array.from({ length: 20 }, () => staffStream()));
    const quitter = await staffStream();
    quitter.close();
    await quitter.ended;
    const order = await placeOrder();
    await drainJobs(server);
    const ids = await timelineIds(order.id);
    for (const client of clients) {
      await client.waitFor((e) => e.id === ids[ids.length - 1]);
      expect(client.events.filter(ofOrder(order.id)).map((e) => e.id)).toEqual(ids);
    }
    await expect.poll(() => server.deps.events.subscriberCount).toBe(20);
  });

  it('answers the portal stream only for a signed-in customer: 401 without a session, 403 for staff', async () => {
    const anonymous = await stream('/portal/stream');
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.body)).toMatchObject({ code: 'unauthorized' });
    const staff = await stream('/portal/stream', { authorization: `Bearer ${server.viewer.key}` });
    expect(staff.status).toBe(403);
  });

  it("shows a customer only their own orders' customer-facing changes, without the shop's internals", async () => {
    const ownOrder = await placeOrder('lin@example.com');
    const lin = await registerCustomer(server, 'lin@example.com');
    expect(lin.customerId).not.toBeNull();
    const portal = await stream('/portal/stream', { cookie: lin.cookie });
    expect(portal.status).toBe(200);
    expect(portal.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    const staff = await staffStream();

    const second = await placeOrder('lin@example.com');
    const someoneElse = await placeOrder('mo@example.com');
    await drainJobs(server);
    await allOf(staff, someoneElse.id);
    for (const order of [ownOrder, second]) {
      const rows = await server.deps.db
        .selectFrom('order_events')
        .select(['id', 'type', 'data'])
        .where('order_id', '=', order.id)
        .where('relayed', '=', 1)
        .where('type', 'in', customerEventTypes)
        .orderBy('id')
        .execute();
      expect(rows.map((r) => r.type)).toContain('order.placed');
      await portal.waitFor((e) => e.id === rows[rows.length - 1]!.id);
      const got = portal.events.filter(ofOrder(order.id));
      expect(got.map((e) => e.id)).toEqual(rows.map((r) => r.id));
      for (const [k, event] of got.entries()) {
        const change = changeOf(event);
        expect(change).not.toHaveProperty('actor');
        expect(change).toMatchObject({ order_id: order.id, order_number: order.number });
        expect(change.data).toEqual(customerData(rows[k]!.type, JSON.parse(rows[k]!.data)));
      }
    }
    // Staff saw internal steps (payment, fulfillment) that the customer's stream left out.
    const staffTypes = new Set(staff.events.filter(ofOrder(second.id)).map((e) => e.event));
    const portalTypes = new Set(portal.events.map((e) => e.event));
    expect([...staffTypes].some((t) => !portalTypes.has(t))).toBe(true);
    expect(portal.events.filter((e) => changeOf(e).order_id === someoneElse.id)).toEqual([]);

    // Resuming replays the customer's own changes after the id, and nobody else's.
    const resumed = await stream('/portal/stream', { cookie: lin.cookie, 'last-event-id': portal.events[0]!.id! });
    const expected = portal.events.slice(1).map((e) => e.id);
    await resumed.waitFor((e) => e.id === expected[expected.length - 1]);
    expect(resumed.events.map((e) => e.id)).toEqual(expected);
  });

  if (dialect === 'sqlite') {
    it('also finds changes another process relayed (polling the shared file)', async () => {
      const client = await staffStream();
      const order = await placeOrder();
      // Relayed as a `waybill worker` beside this server would: its commit is not announced in this process.
      await relayEvents({ deps: { db: server.deps.db, dialect: server.deps.dialect }, notifications: notificationDepsOf(server.deps), webhooks: webhookDepsOf(server.deps) });
      const ids = await timelineIds(order.id);
      await client.waitFor((e) => e.id === ids[ids.length - 1], 5_000);
      expect(client.events.filter(ofOrder(order.id)).map((e) => e.id)).toEqual(ids);
    });
  }

  if (dialect === 'postgres') {
    it('reconnects its LISTEN connection after the database drops it, and catches up on what it missed', async () => {
      const client = await staffStream();
      const order = await placeOrder();
      const url = server.database.url;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        const name = new URL(url).pathname.slice(1);
        const killed = await admin.query("select pg_terminate_backend(pid) as ok from pg_stat_activity where application_name = 'waybill-events' and datname = $1", [name]);
        expect(killed.rows).toEqual([{ ok: true }]);
      } finally {
        await admin.end();
      }
      // Relayed at once, while the hub is still reconnecting: its NOTIFY reaches no one here.
      await relayEvents({ deps: server.deps, notifications: notificationDepsOf(server.deps), webhooks: webhookDepsOf(server.deps) });
      await drainJobs(server);
      const ids = await timelineIds(order.id);
      await client.waitFor((e) => e.id === ids[ids.length - 1], 15_000);
      expect(client.events.filter(ofOrder(order.id)).map((e) => e.id)).toEqual(ids);

      // …and live again afterwards.
      const next = await placeOrder();
      await drainJobs(server);
      await allOf(client, next.id);
    });
  }

  it('ends open streams when the server closes, without making close wait', async () => {
    const other = await startTestServer(dialect);
    try {
      const clients = await Promise.all(Array.from({ length: 3 }, () => openEventStream(`${other.url}/api/v1/stream`, { headers: { authorization: `Bearer ${other.viewer.key}` } })));
      expect(clients.map((c) => c.status)).toEqual([200, 200, 200]);
      const started = Date.now();
      await other.app.close();
      await Promise.all(clients.map((c) => c.ended));
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await other.close();
    }
  });

  it('replays only what the relay announced; what it announces later arrives live, once', async () => {
    const before = await placeOrder();
    await drainJobs(server);
    const resumeAfter = (await timelineIds(before.id)).pop()!;
    const order = await placeOrder();
    const unrelayed = await sql<{ n: number }>`select count(*) as n from order_events where order_id = ${order.id} and relayed = 0`.execute(server.deps.db);
    expect(Number(unrelayed.rows[0]!.n)).toBeGreaterThan(0);

    const client = await staffStream({ 'last-event-id': resumeAfter });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(client.events.filter(ofOrder(order.id))).toEqual([]);
    await drainJobs(server);
    const events = await allOf(client, order.id);
    expect(events.map((e) => e.id)).toEqual(await timelineIds(order.id));
  });
});
