/**
 * Stripe webhooks: the signature check (Stripe-Signature, HMAC over `timestamp.body`, tolerance)
 * and the normalization of the events a real payment's life produces at the fake server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook, startFakeStripe, stripeEvent, type FakeStripe } from '../../../test/support/fake-stripe.js';
import { fixedClock } from '../../platform/clock.js';
import type { PaymentProvider, WebhookEvent } from './provider.js';
import { createStripeProvider } from './stripe-provider.js';

const secret = 'whsec_waybill_test_secret';
let fake: FakeStripe;
let stripe: PaymentProvider;

beforeAll(async () => {
  fake = await startFakeStripe();
  stripe = createStripeProvider({ secretKey: fake.secretKey, webhookSecret: secret, apiBase: fake.url });
});
afterAll(() => fake.close());

function signed(event: object, options: { secret?: string; timestamp?: number } = {}): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify(event);
  return { body, headers: { 'stripe-signature': signWebhook(body, options.secret ?? secret, options.timestamp) } };
}

function parsed(event: object): WebhookEvent {
  const { body, headers } = signed(event);
  const result = stripe.parseWebhook(Buffer.from(body), headers);
  if (!result.valid) throw new Error('expected a valid webhook');
  return result.event;
}

describe('stripe webhooks: authentication', () => {
  const event = stripeEvent('payment_intent.succeeded', { id: 'pi_1', object: 'payment_intent', status: 'succeeded' }, 'evt_1');

  it('accepts a correctly signed event, as a string or as the raw bytes, whatever the header case', () => {
    const { body, headers } = signed(event);
    expect(stripe.parseWebhook(body, headers)).toMatchObject({ valid: true, event: { id: 'evt_1', type: 'payment_intent.succeeded', reference: 'pi_1', status: 'captured' } });
    expect(stripe.parseWebhook(Buffer.from(body), { 'Stripe-Signature': headers['stripe-signature'] })).toMatchObject({ valid: true });
  });

  it('rejects a wrong secret, a tampered body, a missing or repeated header, and a body that is not JSON', () => {
    const { body, headers } = signed(event);
    expect(stripe.parseWebhook(body, signed(event, { secret: 'whsec_other' }).headers)).toEqual({ valid: false });
    expect(stripe.parseWebhook(body.replace('pi_1', 'pi_2'), headers)).toEqual({ valid: false });
    expect(stripe.parseWebhook(body, {})).toEqual({ valid: false });
    expect(stripe.parseWebhook(body, { 'stripe-signature': [headers['stripe-signature']!, headers['stripe-signature']!] })).toEqual({ valid: false });
    expect(stripe.parseWebhook(body, { 'stripe-signature': 'garbage' })).toEqual({ valid: false });
    const notJson = 'not json';
    expect(stripe.parseWebhook(notJson, { 'stripe-signature': signWebhook(notJson, secret) })).toEqual({ valid: false });
  });

  it('rejects a signature older than the tolerance (a replayed delivery)', () => {
    const now = Math.floor(Date.now() / 1000);
    const { body, headers } = signed(event, { timestamp: now - 301 });
    expect(stripe.parseWebhook(body, headers)).toEqual({ valid: false });
    expect(stripe.parseWebhook(body, signed(event, { timestamp: now - 200 }).headers)).toMatchObject({ valid: true });
  });

  it('measures the age against the injected clock', () => {
    const clock = fixedClock('2026-11-22T10:00:00.000Z');
    const pinned = createStripeProvider({ secretKey: fake.secretKey, webhookSecret: secret, apiBase: fake.url, clock, webhookToleranceSeconds: 60 });
    const at = Math.floor(clock.now().getTime() / 1000);
    const fresh = signed(event, { timestamp: at - 59 });
    const stale = signed(event, { timestamp: at - 61 });
    expect(pinned.parseWebhook(fresh.body, fresh.headers)).toMatchObject({ valid: true });
    expect(pinned.parseWebhook(stale.body, stale.headers)).toEqual({ valid: false });
  });

  it('rejects every webhook when no webhook secret is configured', () => {
    const noSecret = createStripeProvider({ secretKey: fake.secretKey, apiBase: fake.url });
    const { body, headers } = signed(event);
    expect(noSecret.parseWebhook(body, headers)).toEqual({ valid: false });
  });
});

describe('stripe webhooks: normalization', () => {
  it('maps the events of a payment’s life to statuses and references', async () => {
    const authorized = await stripe.authorize({ amount: 5000, currency: 'USD', token: 'pm_card_visa', idempotencyKey: 'pay_w1:authorize' });
    if (authorized.outcome !== 'authorized') throw new Error('expected an authorization');
    const reference = authorized.reference;
    await stripe.capture({ reference, amount: 5000, idempotencyKey: 'pay_w1:capture' });
    const refund = await stripe.refund({ reference, amount: 2000, idempotencyKey: 'rfd_w1:refund' });
    if (refund.outcome !== 'refunded') throw new Error('expected a refund');
    const voided = await stripe.authorize({ amount: 5000, currency: 'USD', token: 'pm_card_visa', idempotencyKey: 'pay_w2:authorize' });
    if (voided.outcome !== 'authorized') throw new Error('expected an authorization');
    await stripe.void({ reference: voided.reference, idempotencyKey: 'pay_w2:void' });
    await stripe.authorize({ amount: 5000, currency: 'USD', token: 'pm_card_chargeDeclined', idempotencyKey: 'pay_w3:authorize' });

    const events = fake.events().map((event) => parsed(event));
    const summary = events.map(({ type, reference: ref, refundReference, status }) => ({ type, ref, refundReference, status }));
    expect(summary).toEqual([
      { type: 'payment_intent.amount_capturable_updated', ref: reference, refundReference: undefined, status: 'authorized' },
      { type: 'payment_intent.succeeded', ref: reference, refundReference: undefined, status: 'captured' },
      { type: 'refund.created', ref: reference, refundReference: refund.reference, status: 'refunded' },
      { type: 'charge.refunded', ref: reference, refundReference: undefined, status: 'refunded' },
      { type: 'payment_intent.amount_capturable_updated', ref: voided.reference, refundReference: undefined, status: 'authorized' },
      { type: 'payment_intent.canceled', ref: voided.reference, refundReference: undefined, status: 'voided' },
      { type: 'payment_intent.payment_failed', ref: expect.stringMatching(/^pi_/), refundReference: undefined, status: 'failed' },
    ]);
    expect(events[0]?.id).toMatch(/^evt_/);
    expect(events[0]?.raw).toMatchObject({ object: 'event', data: { object: { id: reference } } });
  });

  it('tells a failed refund from a failed payment, and leaves unrelated events as other', () => {
    expect(parsed(stripeEvent('refund.updated', { id: 're_1', object: 'refund', status: 'failed', payment_intent: 'pi_9' })))
      .toMatchObject({ reference: 'pi_9', refundReference: 're_1', status: 'failed' });
    expect(parsed(stripeEvent('refund.updated', { id: 're_2', object: 'refund', status: 'pending', payment_intent: { id: 'pi_8', object: 'payment_intent' } })))
      .toMatchObject({ reference: 'pi_8', refundReference: 're_2', status: 'other' });
    expect(parsed(stripeEvent('charge.captured', { id: 'ch_1', object: 'charge', payment_intent: 'pi_7' }))).toMatchObject({ reference: 'pi_7', status: 'captured' });
    expect(parsed(stripeEvent('payment_intent.created', { id: 'pi_6', object: 'payment_intent' }))).toMatchObject({ reference: 'pi_6', status: 'other' });
    expect(parsed(stripeEvent('customer.created', { id: 'cus_1', object: 'customer' }))).toMatchObject({ reference: null, status: 'other' });
  });
});
