/**
 * Stripe end to end: Waybill's server talks through the official SDK over real HTTP to a local
 * server that answers in Stripe's documented shapes (test/support/fake-stripe.ts), and receives
 * signed webhooks at POST /webhooks/payments/stripe. SQLite and PostgreSQL.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../support/databases.js';
import { stripeEvent, sendWebhook, type FakeStripe } from '../support/fake-stripe.js';
import { addStock, createProduct, createWarehouse, orderBody, stockOf } from '../support/fixtures.js';
import { drainJobs } from '../support/jobs.js';
import { expectProblem } from '../support/problems.js';
import type { TestServer } from '../support/server.js';
import { startStripeServer, type StripeServer } from '../support/stripe-server.js';

const WEBHOOK_SECRET = 'whsec_waybill_test_secret';
const stripePayment = (token: string) => ({ payment: { provider: 'stripe', token } });

describe.each(testDialects())('Stripe payments on %s', (dialect) => {
  let running: StripeServer;
  let stripe: FakeStripe;
  let server: TestServer;

  beforeAll(async () => {
    running = await startStripeServer(dialect, {
      WAYBILL_STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    });
    ({ server, stripe } = running);
    await createWarehouse(server.admin, 'DAL', 'Dallas', 'TX');
    await createProduct(server.admin, 'MUG', { unit_price: 1500 });
    await addStock(server.admin, 'MUG', 'DAL', 50);
  });
  afterAll(async () => {
    await running?.close();
  });

  async function webhookEventCount(): Promise<number> {
    const { rows } = await sql<{ n: number }>`select count(*) as n from payment_webhook_events`.execute(server.deps.db);
    return Number(rows[0]!.n);
  }

  it('authorizes with manual capture, then captures exactly once when the order ships', async () => {
    const before = stripe.counts();
    const res = await server.operator.post('/api/v1/orders', orderBody([{ sku: 'MUG', quantity: 2 }], stripePayment('pm_card_visa')));
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ status: 'placed', payment_status: 'authorized' });
    const intentId = res.body.payments[0].reference as string;
    expect(intentId).toMatch(/^pi_/);
    expect(stripe.paymentIntent(intentId)).toMatchObject({ status: 'requires_capture', capture_method: 'manual', amount: res.body.total, currency: 'usd' });

    await drainJobs(server);
    await server.operator.post(`/api/v1/orders/${res.body.id}/status`, { status: 'shipped' });
    await drainJobs(server);
    const order = (await server.viewer.get(`/api/v1/orders/${res.body.id}`)).body;
    expect(order.payments[0]).toMatchObject({ status: 'captured', amount_captured: res.body.total });
    const after = stripe.counts();
    expect(after.authorizations - before.authorizations).toBe(1);
    expect(after.captures - before.captures).toBe(1);
    expect(stripe.paymentIntent(intentId)).toMatchObject({ status: 'succeeded', amount_received: res.body.total });
  });

  it('answers 402 for a declined card and releases the stock', async () => {
    const before = await stockOf(server.viewer, 'MUG');
    const res = await server.operator.post('/api/v1/orders', orderBody([{ sku: 'MUG', quantity: 1 }], stripePayment('pm_card_chargeDeclined')));
    expectProblem(res, 402, 'payment_declined');
    expect(await stockOf(server.viewer, 'MUG')).toEqual(before);
  });

  it('settles through the recovery job, with one authorization, when Stripe fails during the request', async () => {
    // The SDK makes three attempts (maxNetworkRetries 2): all three answer 500.
    stripe.failNext(3, 500, 'POST /v1/payment_intents');
    const res = await server.operator.post('/api/v1/orders', orderBody([{ sku: 'MUG', quantity: 1 }], stripePayment('pm_card_visa')));
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ status: 'pending_payment', payment_status: 'pending' });
    server.clock.advance(61_000);
    await drainJobs(server);
    const order = (await server.viewer.get(`/api/v1/orders/${res.body.id}`)).body;
    expect(order).toMatchObject({ status: 'ready_to_ship', payment_status: 'authorized' });
    expect(stripe.counts().byPaymentIntent[order.payments[0].reference]?.authorizations).toBe(1);
  });

  it('refuses a webhook with a bad signature with 401 and writes nothing', async () => {
    const before = await webhookEventCount();
    const event = stripeEvent('payment_intent.canceled', { id: 'pi_unknown', object: 'payment_intent', status: 'canceled' });
    const bad = await sendWebhook(`${server.url}/webhooks/payments/stripe`, event, 'whsec_someone_else');
    expect(bad.status).toBe(401);
    expect(JSON.parse(bad.body).code).toBe('unauthorized');
    const unsigned = await fetch(`${server.url}/webhooks/payments/stripe`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });
    expect(unsigned.status).toBe(401);
    expect(await webhookEventCount()).toBe(before);
  });

  it('applies a signed webhook once: a replayed event id has no second effect', async () => {
    const placed = await server.operator.post('/api/v1/orders', orderBody([{ sku: 'MUG', quantity: 1 }], stripePayment('pm_card_visa')));
    expect(placed.status, placed.text).toBe(201);
    const intentId = placed.body.payments[0].reference as string;
    // Cancelled in Stripe's dashboard, say: the event tells Waybill.
    const event = stripeEvent('payment_intent.canceled', { ...stripe.paymentIntent(intentId), status: 'canceled' });
    const first = await sendWebhook(`${server.url}/webhooks/payments/stripe`, event, WEBHOOK_SECRET);
    expect(first.status, first.body).toBe(200);
    expect(JSON.parse(first.body)).toEqual({ received: true, duplicate: false });
    const replay = await sendWebhook(`${server.url}/webhooks/payments/stripe`, event, WEBHOOK_SECRET);
    expect(JSON.parse(replay.body)).toEqual({ received: true, duplicate: true });

    const order = (await server.viewer.get(`/api/v1/orders/${placed.body.id}`)).body;
    expect(order.payments[0].status).toBe('voided');
    const timeline = (await server.viewer.get(`/api/v1/orders/${placed.body.id}/events`)).body.data as Array<{ type: string }>;
    expect(timeline.filter((e) => e.type === 'payment.webhook')).toHaveLength(1);
  });

  it('answers 404 for a payment provider that is not enabled', async () => {
    const res = await fetch(`${server.url}/webhooks/payments/paypal`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(404);
  });
});
