/**
 * Outbound webhooks over real HTTP: endpoints made through the API, deliveries sent by the real
 * worker to a local receiver that verifies each Standard Webhooks signature with the endpoint's
 * secret, the retry schedule walked on the test clock, 410 Gone, dead letters and replay, and the
 * SSRF guard (one server without WAYBILL_WEBHOOKS_ALLOW_PRIVATE, one with it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoTime } from '../../src/platform/clock.js';
import { enqueueWebhookDeliveries, retrySchedule, webhookDepsOf, type RelayedEvent } from '../../src/webhooks/index.js';
import { testDialects } from '../support/databases.js';
import { addStock, createProduct, createWarehouse, orderBody } from '../support/fixtures.js';
import { drainJobs } from '../support/jobs.js';
import { expectInvalid, expectProblem } from '../support/problems.js';
import { REFERENCE_TIME, startTestServer, type TestServer } from '../support/server.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const DAY_S = 24 * 60 * 60;

describe.each(testDialects())('outbound webhooks on %s', (dialect) => {
  let guarded: TestServer;
  let server: TestServer;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    [guarded, server] = await Promise.all([startTestServer(dialect), startTestServer(dialect, { WAYBILL_WEBHOOKS_ALLOW_PRIVATE: '1' })]);
    receiver = await startWebhookReceiver(() => server.clock.now());
  });
  afterAll(async () => {
    await receiver?.close();
    await Promise.all([guarded?.close(), server?.close()]);
  });

  function event(on: TestServer, type: string, data: Record<string, unknown> = {}, orderId: string | null = null): RelayedEvent {
    return { id: on.deps.ids.new('evt'), type, occurred_at: isoTime(on.clock.now()), order_id: orderId, data };
  }

  /** What the lead's relay does with timeline events: called here directly, in a transaction. */
  async function relay(on: TestServer, ...events: RelayedEvent[]): Promise<number> {
    return on.deps.db.transaction().execute((trx) => enqueueWebhookDeliveries(trx, webhookDepsOf(on.deps), events));
  }

  /** An endpoint on the receiver at `path`, whose secret the receiver will verify. */
  async function endpoint(path: string, events: string[]): Promise<{ id: string; secret: string }> {
    const res = await server.admin.post('/api/v1/webhook-endpoints', { url: `${receiver.url}${path}`, events });
    expect(res.status, res.text).toBe(201);
    receiver.expectSecret(path, res.body.secret);
    return res.body;
  }

  async function deliveries(endpointId: string, on: TestServer = server): Promise<any[]> {
    const res = await on.viewer.get(`/api/v1/webhook-endpoints/${endpointId}/deliveries`);
    expect(res.status, res.text).toBe(200);
    return res.body.data;
  }

  async function deliveryOf(endpointId: string, eventId: string): Promise<any> {
    const found = (await deliveries(endpointId)).find((d) => d.event_id === eventId);
    expect(found, `a delivery of ${eventId}`).toBeDefined();
    return found;
  }

  it('refuses bad URLs, unknown events and (without the setting) private targets with 422; admin only', async () => {
    const post = (body: unknown) => guarded.admin.post('/api/v1/webhook-endpoints', body);
    expectInvalid(await post({ url: 'ftp://hooks.example.com/in', events: ['*'] }), 'url');
    expectInvalid(await post({ url: 'not a url', events: ['*'] }), 'url');
    expectInvalid(await post({ url: 'https://user:secret@93.184.215.14/in', events: ['*'] }), 'url');
    expectInvalid(await post({ url: 'https://93.184.215.14/in', events: ['order.nonsense', 'order.*', 'fulfillment.*'] }), 'events[0]', 'events[2]');
    expectInvalid(await post({ url: 'https://93.184.215.14/in', events: [] }), 'events');
    expectInvalid(await post({ url: 'https://93.184.215.14/in' }), 'events');
    for (const url of [
      `${receiver.url}/hook`,
      'http://localhost:8080/hook',
      'http://[::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://10.0.0.1/hook',
      'http://172.16.5.4/hook',
      'http://192.168.1.1/hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://100.64.0.1/hook',
      'http://[fd00::1]/hook',
      'http://0.0.0.0/hook',
      'http://224.0.0.1/hook',
    ]) {
      const errors = expectInvalid(await post({ url, events: ['*'] }), 'url');
      expect(errors[0]!.message, url).toMatch(/loopback|private|link-local|metadata|carrier-grade|unique-local|unspecified|multicast/);
    }
    expect((await guarded.operator.post('/api/v1/webhook-endpoints', { url: 'https://93.184.215.14/in', events: ['*'] })).status).toBe(403);
    expect((await guarded.viewer.post('/api/v1/webhook-endpoints', { url: 'https://93.184.215.14/in', events: ['*'] })).status).toBe(403);

    // A public address passes; the secret is shown on creation and to admins only.
    const created = await post({ url: 'https://93.184.215.14/in', events: ['order.*', 'tracking.event'], description: 'ERP' });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ id: expect.stringMatching(/^whe_/), url: 'https://93.184.215.14/in', events: ['order.*', 'tracking.event'], status: 'active', description: 'ERP' });
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const read = await guarded.viewer.get(`/api/v1/webhook-endpoints/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.secret).toBeUndefined();
    expect((await guarded.viewer.get(`/api/v1/webhook-endpoints/${created.body.id}/secret`)).status).toBe(403);
    expect((await guarded.admin.get(`/api/v1/webhook-endpoints/${created.body.id}/secret`)).body).toEqual({ secret: created.body.secret });
    expectInvalid(await guarded.admin.patch(`/api/v1/webhook-endpoints/${created.body.id}`, { url: 'http://127.0.0.1:9/' }), 'url');
  });

  it('checks the target again at delivery time: a private target that got in is refused, nothing is sent', async () => {
    // Rows written past the API, as if the URL had been checked when it still resolved elsewhere.
    const now = isoTime(guarded.clock.now());
    for (const [id, url] of [
      ['whe_guard_literal', `${receiver.url}/guarded-literal`],
      ['whe_guard_name', `http://localhost:${receiver.port}/guarded-name`],
    ]) {
      await guarded.deps.db
        .insertInto('webhook_endpoints')
        .values({ id: id!, url: url!, events: '["*"]', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', description: null, status: 'active', disabled_reason: null, created_at: now, updated_at: now })
        .execute();
    }
    const e = event(guarded, 'order.placed');
    expect(await relay(guarded, e)).toBeGreaterThanOrEqual(2);
    await drainJobs(guarded);
    expect(receiver.at('/guarded-literal')).toHaveLength(0);
    expect(receiver.at('/guarded-name')).toHaveLength(0);
    const literal = (await deliveries('whe_guard_literal', guarded)).find((d) => d.event_id === e.id);
    expect(literal).toMatchObject({ status: 'failed', attempts: 1, last_status_code: null, last_error: 'refused: 127.0.0.1 is a loopback address' });
    const named = (await deliveries('whe_guard_name', guarded)).find((d) => d.event_id === e.id);
    expect(named).toMatchObject({ status: 'failed', attempts: 1, last_error: expect.stringMatching(/^refused: localhost/) });
  });

  it('delivers a signed event the receiver verifies with the secret, once per endpoint and event', async () => {
    const ep = await endpoint('/signed', ['order.*']);
    const e = event(server, 'order.placed', { number: 'W-000042' }, 'ord_TEST');
    expect(await relay(server, e)).toBeGreaterThanOrEqual(1);
    await drainJobs(server);

    const got = receiver.at('/signed');
    expect(got).toHaveLength(1);
    expect(got[0]!.problem).toBeNull();
    expect(got[0]).toMatchObject({ verified: true, id: e.id, timestamp: String(Date.parse(REFERENCE_TIME) / 1000), contentType: 'application/json' });
    expect(got[0]!.signature).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(got[0]!.json).toEqual({ type: 'order.placed', timestamp: e.occurred_at, data: { order_id: 'ord_TEST', number: 'W-000042' } });

    const log = await deliveryOf(ep.id, e.id);
    expect(log).toMatchObject({ status: 'delivered', attempts: 1, last_status_code: 200, last_error: null, last_response: 'thanks', delivered_at: expect.any(String), event_type: 'order.placed' });
    expect(log.payload).toEqual(got[0]!.json);
    expect((await server.viewer.get(`/api/v1/webhook-endpoints/${ep.id}/deliveries/${log.id}`)).body).toEqual(log);

    // The same event again (a relay retried after a crash) makes no second delivery.
    expect(await relay(server, e)).toBe(0);
    await drainJobs(server);
    expect(receiver.at('/signed')).toHaveLength(1);
  });

  it('honours Idempotency-Key on creation', async () => {
    const body = { url: `${receiver.url}/idem`, events: ['refund.*'] };
    const first = await server.admin.post('/api/v1/webhook-endpoints', body, { headers: { 'idempotency-key': 'webhook-create-1' } });
    const again = await server.admin.post('/api/v1/webhook-endpoints', body, { headers: { 'idempotency-key': 'webhook-create-1' } });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  it('sends each endpoint only the events its filter names', async () => {
    const orders = await endpoint('/f-orders', ['order.*']);
    const some = await endpoint('/f-some', ['stock.reserve', 'tracking.event']);
    const all = await endpoint('/f-all', ['*']);
    const placed = event(server, 'order.cancelled');
    const reserve = event(server, 'stock.reserve', { sku: 'MUG', quantity: 2 });
    const captured = event(server, 'payment.captured');
    const tracked = event(server, 'tracking.event', { status: 'in_transit' });
    await relay(server, placed, reserve, captured, tracked);
    await drainJobs(server);
    const ids = (path: string) => receiver.at(path).map((r) => r.id).sort();
    expect(ids('/f-orders')).toEqual([placed.id]);
    expect(ids('/f-some')).toEqual([reserve.id, tracked.id].sort());
    expect(ids('/f-all')).toEqual([placed.id, reserve.id, captured.id, tracked.id].sort());
    for (const r of [...receiver.at('/f-orders'), ...receiver.at('/f-some'), ...receiver.at('/f-all')]) expect(r.problem).toBeNull();
    expect((await deliveries(orders.id)).map((d) => d.event_id)).toEqual([placed.id]);
    expect(await deliveries(some.id)).toHaveLength(2);
    expect((await deliveries(all.id)).every((d) => d.status === 'delivered')).toBe(true);
  });

  it('retries a 500 after the schedule delay on the clock, and delivers when the receiver recovers', async () => {
    const ep = await endpoint('/flaky', ['payment.*']);
    receiver.script('/flaky', [500, 503]);
    const e = event(server, 'payment.declined');
    await relay(server, e);
    await drainJobs(server);
    let log = await deliveryOf(ep.id, e.id);
    expect(log).toMatchObject({ status: 'failed', attempts: 1, last_status_code: 500, last_error: 'HTTP 500', last_response: 'answer 500' });
    const waited = Date.parse(log.next_attempt_at) - server.clock.now().getTime();
    expect(waited).toBeGreaterThanOrEqual(retrySchedule[1]!);
    expect(waited).toBeLessThanOrEqual(retrySchedule[1]! * 1.1);

    // Not due yet: nothing happens.
    await drainJobs(server);
    expect(receiver.at('/flaky')).toHaveLength(1);

    server.clock.set(log.next_attempt_at);
    await drainJobs(server);
    log = await deliveryOf(ep.id, e.id);
    expect(log).toMatchObject({ status: 'failed', attempts: 2, last_status_code: 503 });
    expect(Date.parse(log.next_attempt_at) - server.clock.now().getTime()).toBeGreaterThanOrEqual(retrySchedule[2]!);

    server.clock.set(log.next_attempt_at);
    await drainJobs(server);
    log = await deliveryOf(ep.id, e.id);
    expect(log).toMatchObject({ status: 'delivered', attempts: 3, last_status_code: 200, last_error: null, next_attempt_at: null });
    const got = receiver.at('/flaky');
    expect(got).toHaveLength(3);
    // Every attempt carries the same webhook-id (receivers deduplicate on it) and its own timestamp, signed anew.
    expect(new Set(got.map((r) => r.id))).toEqual(new Set([e.id]));
    expect(new Set(got.map((r) => r.timestamp)).size).toBe(3);
    expect(got.every((r) => r.verified)).toBe(true);
  });

  it('disables the endpoint on 410 Gone and cancels what was waiting for it', async () => {
    const ep = await endpoint('/gone', ['refund.*']);
    receiver.script('/gone', [500, 410]);
    const first = event(server, 'refund.requested');
    await relay(server, first);
    await drainJobs(server);
    expect(await deliveryOf(ep.id, first.id)).toMatchObject({ status: 'failed', attempts: 1 });

    const second = event(server, 'refund.succeeded');
    await relay(server, second);
    await drainJobs(server);
    expect(await deliveryOf(ep.id, second.id)).toMatchObject({ status: 'cancelled', attempts: 1, last_status_code: 410 });
    expect(await deliveryOf(ep.id, first.id)).toMatchObject({ status: 'cancelled', attempts: 1, next_attempt_at: null });
    const disabled = await server.viewer.get(`/api/v1/webhook-endpoints/${ep.id}`);
    expect(disabled.body).toMatchObject({ status: 'disabled', disabled_reason: expect.stringContaining('410') });

    // The pending retry of the first does not go out, and new events skip the endpoint.
    server.clock.advance(60 * 60 * 1000);
    await relay(server, event(server, 'refund.failed'));
    await drainJobs(server);
    expect(receiver.at('/gone')).toHaveLength(2);
    expect(await deliveries(ep.id)).toHaveLength(2);
    expectProblem(await server.admin.post(`/api/v1/webhook-endpoints/${ep.id}/deliveries/${(await deliveryOf(ep.id, first.id)).id}/replay`), 409, 'conflict');
  });

  it('goes dead after the last attempt of a schedule spanning more than 3 days, and replays from the log', async () => {
    const types = await server.viewer.get('/api/v1/webhook-event-types');
    expect(types.status).toBe(200);
    expect(types.body.retry_schedule_seconds.reduce((a: number, b: number) => a + b, 0)).toBeGreaterThan(3 * DAY_S);
    expect(types.body.patterns).toContain('order.*');
    expect(types.body.types).toContain('order.placed');

    const ep = await endpoint('/down', ['return.*']);
    receiver.script('/down', [], 500);
    const e = event(server, 'return.approved', { return_id: 'ret_1' });
    await relay(server, e);
    let log: any;
    for (let i = 0; i < retrySchedule.length + 2; i++) {
      await drainJobs(server);
      log = await deliveryOf(ep.id, e.id);
      if (log.status === 'dead') break;
      expect(log.status).toBe('failed');
      server.clock.set(log.next_attempt_at);
    }
    expect(log).toMatchObject({ status: 'dead', attempts: retrySchedule.length, next_attempt_at: null, last_status_code: 500 });
    const got = receiver.at('/down');
    expect(got).toHaveLength(retrySchedule.length);
    expect(got.every((r) => r.verified && r.id === e.id)).toBe(true);
    expect(Number(got.at(-1)!.timestamp) - Number(got[0]!.timestamp)).toBeGreaterThan(3 * DAY_S);
    const dead = await server.viewer.get(`/api/v1/webhook-endpoints/${ep.id}/deliveries?status=dead`);
    expect(dead.body.data.map((d: any) => d.id)).toEqual([log.id]);

    // The receiver is back: replay from the log.
    expect((await server.viewer.post(`/api/v1/webhook-endpoints/${ep.id}/deliveries/${log.id}/replay`)).status).toBe(403);
    receiver.script('/down', []);
    const replay = await server.admin.post(`/api/v1/webhook-endpoints/${ep.id}/deliveries/${log.id}/replay`);
    expect(replay.status, replay.text).toBe(202);
    expect(replay.body).toMatchObject({ id: log.id, status: 'pending' });
    await drainJobs(server);
    expect(await deliveryOf(ep.id, e.id)).toMatchObject({ status: 'delivered', attempts: retrySchedule.length + 1, last_status_code: 200 });
    expect(receiver.at('/down')).toHaveLength(retrySchedule.length + 1);
    expect(receiver.at('/down').at(-1)).toMatchObject({ id: e.id, verified: true });
  });

  it('lists, changes, disables, enables and removes endpoints', async () => {
    const ep = await endpoint('/manage', ['shipment.*']);
    receiver.script('/manage', [500]);
    const e = event(server, 'shipment.shipped');
    await relay(server, e);
    await drainJobs(server);
    expect(await deliveryOf(ep.id, e.id)).toMatchObject({ status: 'failed' });

    const list = await server.viewer.get('/api/v1/webhook-endpoints?limit=2');
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(2);
    expect(list.body.data[0].id).toBe(ep.id);
    expect(list.body.next_cursor).toEqual(expect.any(String));
    const next = await server.viewer.get(`/api/v1/webhook-endpoints?limit=2&cursor=${list.body.next_cursor}`);
    expect(next.body.data[0].id < list.body.data[1].id).toBe(true);

    expectInvalid(await server.admin.patch(`/api/v1/webhook-endpoints/${ep.id}`, { events: ['shipment.nope'] }), 'events[0]');
    expectInvalid(await server.admin.patch(`/api/v1/webhook-endpoints/${ep.id}`, {}), '(body)');
    expect((await server.operator.patch(`/api/v1/webhook-endpoints/${ep.id}`, { status: 'disabled' })).status).toBe(403);
    const changed = await server.admin.patch(`/api/v1/webhook-endpoints/${ep.id}`, { events: ['shipment.*', 'tracking.event', 'shipment.*'], description: 'carrier feed' });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body).toMatchObject({ events: ['shipment.*', 'tracking.event'], description: 'carrier feed', status: 'active' });

    const off = await server.admin.patch(`/api/v1/webhook-endpoints/${ep.id}`, { status: 'disabled' });
    expect(off.body).toMatchObject({ status: 'disabled', disabled_reason: 'disabled by hand' });
    expect(await deliveryOf(ep.id, e.id)).toMatchObject({ status: 'cancelled' });
    const on = await server.admin.patch(`/api/v1/webhook-endpoints/${ep.id}`, { status: 'active' });
    expect(on.body).toMatchObject({ status: 'active', disabled_reason: null });
    expect((await server.viewer.get('/api/v1/webhook-endpoints?status=disabled')).body.data.map((x: any) => x.id)).not.toContain(ep.id);

    // A cancelled delivery can be replayed once the endpoint is active again.
    const cancelled = await deliveryOf(ep.id, e.id);
    expect((await server.admin.post(`/api/v1/webhook-endpoints/${ep.id}/deliveries/${cancelled.id}/replay`)).status).toBe(202);
    await drainJobs(server);
    expect(await deliveryOf(ep.id, e.id)).toMatchObject({ status: 'delivered' });

    expect((await server.operator.request('DELETE', `/api/v1/webhook-endpoints/${ep.id}`)).status).toBe(403);
    expect((await server.admin.request('DELETE', `/api/v1/webhook-endpoints/${ep.id}`)).status).toBe(204);
    expectProblem(await server.viewer.get(`/api/v1/webhook-endpoints/${ep.id}`), 404, 'not_found');
    expectProblem(await server.viewer.get(`/api/v1/webhook-endpoints/${ep.id}/deliveries`), 404, 'not_found');
    expectProblem(await server.admin.request('DELETE', `/api/v1/webhook-endpoints/${ep.id}`), 404, 'not_found');
  });

  it('describes its routes in the OpenAPI document', async () => {
    const doc = (await server.anonymous.get('/openapi.json')).body;
    const expected: Record<string, string[]> = {
      '/api/v1/webhook-event-types': ['get'],
      '/api/v1/webhook-endpoints': ['get', 'post'],
      '/api/v1/webhook-endpoints/{id}': ['delete', 'get', 'patch'],
      '/api/v1/webhook-endpoints/{id}/secret': ['get'],
      '/api/v1/webhook-endpoints/{id}/deliveries': ['get'],
      '/api/v1/webhook-endpoints/{id}/deliveries/{delivery_id}': ['get'],
      '/api/v1/webhook-endpoints/{id}/deliveries/{delivery_id}/replay': ['post'],
    };
    for (const [path, methods] of Object.entries(expected)) expect(Object.keys(doc.paths[path] ?? {}).sort(), path).toEqual(methods);
  });

  // Needs the lead's event relay (timeline events → RelayedEvents → enqueueWebhookDeliveries) to be
  // wired: until then no delivery is made for an order placed through the API, and this test fails.
  it('announces an order placed through the API as order.placed', async () => {
    await createWarehouse(server.admin, 'AUS', 'Austin', 'TX');
    await createProduct(server.admin, 'HOOK-MUG');
    await addStock(server.admin, 'HOOK-MUG', 'AUS', 10);
    const ep = await endpoint('/placed', ['order.placed']);
    const placed = await server.operator.post('/api/v1/orders', orderBody([{ sku: 'HOOK-MUG', quantity: 1 }], { payment: { provider: 'test', token: 'tok_visa' } }));
    expect(placed.status, placed.text).toBe(201);
    // The relay runs once a second (a schedule slot): on the test clock, a second has to pass.
    server.clock.advance(1_000);
    await drainJobs(server);
    const got = receiver.at('/placed').filter((r) => r.json?.data?.order_id === placed.body.id);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ verified: true, json: { type: 'order.placed' } });
    expect((await deliveries(ep.id)).map((d) => d.event_type)).toEqual(['order.placed']);
  });
});
