/**
 * The Stripe provider through the real SDK, over real HTTP, against the fake Stripe server: what
 * the provider sends, how it reads every answer, and that retries cost exactly one effect.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeStripe, type FakeStripe } from '../../../test/support/fake-stripe.js';
import { PaymentProviderError, type AuthorizeResult, type PaymentProvider } from './provider.js';
import { createStripeProvider, stripeEndpoint } from './stripe-provider.js';

let fake: FakeStripe;
let stripe: PaymentProvider;

beforeAll(async () => {
  fake = await startFakeStripe();
  stripe = createStripeProvider({ secretKey: fake.secretKey, webhookSecret: 'whsec_test', apiBase: fake.url, maxNetworkRetries: 2 });
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

let keySeq = 0;
const key = (what: string) => `pay_${++keySeq}:${what}`;

async function authorized(amount = 5000, token = 'pm_card_visa'): Promise<string> {
  const result = await stripe.authorize({ amount, currency: 'USD', token, idempotencyKey: key('authorize') });
  if (result.outcome !== 'authorized') throw new Error(`expected an authorization, got ${JSON.stringify(result)}`);
  return result.reference;
}

async function rejection(promise: Promise<unknown>): Promise<PaymentProviderError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (!(error instanceof PaymentProviderError)) throw new Error(`expected a PaymentProviderError, got ${String(error)}`);
  return error;
}

describe('stripe provider: authorize', () => {
  it('creates a confirmed manual-capture PaymentIntent and returns its id', async () => {
    const idempotencyKey = key('authorize');
    const result = await stripe.authorize({ amount: 2599, currency: 'EUR', token: 'pm_card_visa', idempotencyKey, description: 'Order W-000001', metadata: { order_id: 'ord_1' } });
    expect(result).toEqual({ outcome: 'authorized', reference: expect.stringMatching(/^pi_/) });
    const [request] = fake.requests();
    expect(request).toMatchObject({ method: 'POST', path: '/v1/payment_intents', idempotencyKey, status: 200 });
    expect(request?.params).toMatchObject({
      amount: '2599', currency: 'eur', payment_method: 'pm_card_visa', capture_method: 'manual', confirm: 'true',
      allowed_payment_method_types: ['card'], description: 'Order W-000001', metadata: { order_id: 'ord_1' },
    });
    const reference = (result as { reference: string }).reference;
    expect(fake.paymentIntent(reference)).toMatchObject({ status: 'requires_capture', amount_capturable: 2599, amount_received: 0 });
    expect(fake.counts()).toMatchObject({ authorizations: 1, byPaymentIntent: { [reference]: { authorizations: 1 } } });
  });

  it('returns card declines with the code and the issuer reason', async () => {
    expect(await stripe.authorize({ amount: 5000, currency: 'USD', token: 'pm_card_visa_chargeDeclined', idempotencyKey: key('authorize') }))
      .toEqual({ outcome: 'declined', code: 'card_declined', declineCode: 'generic_decline', message: 'Your card was declined.' });
    expect(await stripe.authorize({ amount: 5000, currency: 'USD', token: 'pm_card_chargeDeclinedInsufficientFunds', idempotencyKey: key('authorize') }))
      .toMatchObject({ outcome: 'declined', code: 'card_declined', declineCode: 'insufficient_funds' });
    expect(await stripe.authorize({ amount: 5000, currency: 'USD', token: 'pm_card_chargeDeclinedExpiredCard', idempotencyKey: key('authorize') }))
      .toEqual({ outcome: 'declined', code: 'expired_card', message: 'Your card has expired.' });
    expect(fake.counts()).toMatchObject({ authorizations: 0, declines: 3 });
  });

  it('declines what Stripe refuses outright: unknown payment method, amount below the minimum, 3-D Secure', async () => {
    expect(await stripe.authorize({ amount: 5000, currency: 'USD', token: 'pm_nope', idempotencyKey: key('authorize') })).toMatchObject({ outcome: 'declined', code: 'resource_missing' });
    expect(await stripe.authorize({ amount: 20, currency: 'USD', token: 'pm_card_visa', idempotencyKey: key('authorize') })).toMatchObject({ outcome: 'declined', code: 'amount_too_small' });
    expect(await stripe.authorize({ amount: 5000, currency: 'USD', token: 'pm_card_authenticationRequired', idempotencyKey: key('authorize') })).toMatchObject({ outcome: 'declined', code: 'authentication_required' });
    expect(fake.counts().authorizations).toBe(0);
  });
});

describe('stripe provider: capture, void, refund', () => {
  it('captures in full or in part', async () => {
    const full = await authorized(5000);
    expect(await stripe.capture({ reference: full, amount: 5000, idempotencyKey: key('capture') })).toEqual({ outcome: 'captured' });
    expect(fake.paymentIntent(full)).toMatchObject({ status: 'succeeded', amount_received: 5000 });
    const part = await authorized(5000);
    expect(await stripe.capture({ reference: part, amount: 3000, idempotencyKey: key('capture') })).toEqual({ outcome: 'captured' });
    expect(fake.paymentIntent(part)).toMatchObject({ status: 'succeeded', amount_received: 3000, amount_capturable: 0 });
    expect(fake.requests().at(-1)?.params).toEqual({ amount_to_capture: '3000' });
    expect(fake.counts().captures).toBe(2);
  });

  it('returns capture failures with Stripe’s code', async () => {
    const reference = await authorized(5000);
    expect(await stripe.capture({ reference, amount: 6000, idempotencyKey: key('capture') })).toMatchObject({ outcome: 'failed', code: 'amount_too_large' });
    expect(await stripe.void({ reference, idempotencyKey: key('void') })).toEqual({ outcome: 'voided' });
    expect(await stripe.capture({ reference, amount: 5000, idempotencyKey: key('capture') })).toMatchObject({ outcome: 'failed', code: 'payment_intent_unexpected_state' });
    expect(await stripe.capture({ reference: 'pi_missing', amount: 5000, idempotencyKey: key('capture') })).toMatchObject({ outcome: 'failed', code: 'resource_missing' });
    expect(fake.counts().captures).toBe(0);
  });

  it('treats a capture or void that already happened (idempotency key long expired) as done, without a second effect', async () => {
    const captured = await authorized();
    await stripe.capture({ reference: captured, amount: 5000, idempotencyKey: key('capture') });
    expect(await stripe.capture({ reference: captured, amount: 5000, idempotencyKey: key('capture-again') })).toEqual({ outcome: 'captured' });
    expect(await stripe.void({ reference: captured, idempotencyKey: key('void') })).toMatchObject({ outcome: 'failed', code: 'payment_intent_unexpected_state' });
    const voided = await authorized();
    await stripe.void({ reference: voided, idempotencyKey: key('void') });
    expect(await stripe.void({ reference: voided, idempotencyKey: key('void-again') })).toEqual({ outcome: 'voided' });
    expect(fake.counts()).toMatchObject({ captures: 1, cancels: 1 });
  });

  it('refunds in parts and refuses to refund more than was captured', async () => {
    const reference = await authorized(5000);
    await stripe.capture({ reference, amount: 4000, idempotencyKey: key('capture') });
    const first = await stripe.refund({ reference, amount: 1500, idempotencyKey: 'rfd_1:refund' });
    expect(first).toEqual({ outcome: 'refunded', reference: expect.stringMatching(/^re_/) });
    expect(fake.requests().at(-1)).toMatchObject({ path: '/v1/refunds', idempotencyKey: 'rfd_1:refund', params: { payment_intent: reference, amount: '1500' } });
    expect(await stripe.refund({ reference, amount: 2501, idempotencyKey: 'rfd_2:refund' })).toMatchObject({ outcome: 'failed', code: 'amount_too_large' });
    expect(await stripe.refund({ reference, amount: 2500, idempotencyKey: 'rfd_3:refund' })).toMatchObject({ outcome: 'refunded' });
    expect(await stripe.refund({ reference, amount: 1, idempotencyKey: 'rfd_4:refund' })).toMatchObject({ outcome: 'failed', code: 'charge_already_refunded' });
    expect(fake.counts().refunds).toBe(2);
  });

  it('refuses to refund a payment that was never captured', async () => {
    const reference = await authorized();
    expect(await stripe.refund({ reference, amount: 100, idempotencyKey: key('refund') })).toMatchObject({ outcome: 'failed', code: 'payment_intent_unexpected_state' });
    expect(fake.counts().refunds).toBe(0);
  });
});

describe('stripe provider: retries and transport failures', () => {
  it('a retried authorize and capture with the same key cost one effect each', async () => {
    const idempotencyKey = key('authorize');
    const input = { amount: 5000, currency: 'USD', token: 'pm_card_visa', idempotencyKey };
    const first = await stripe.authorize(input);
    expect(await stripe.authorize(input)).toEqual(first);
    const reference = (first as Extract<AuthorizeResult, { outcome: 'authorized' }>).reference;
    const capture = { reference, amount: 5000, idempotencyKey: key('capture') };
    expect(await stripe.capture(capture)).toEqual({ outcome: 'captured' });
    expect(await stripe.capture(capture)).toEqual({ outcome: 'captured' });
    expect(fake.counts()).toMatchObject({ authorizations: 1, captures: 1, replays: 2, byPaymentIntent: { [reference]: { authorizations: 1, captures: 1 } } });
  });

  it('a declined authorize retried with its key is declined again, not charged', async () => {
    const input = { amount: 5000, currency: 'USD', token: 'pm_card_chargeDeclined', idempotencyKey: key('authorize') };
    expect(await stripe.authorize(input)).toMatchObject({ outcome: 'declined' });
    expect(await stripe.authorize(input)).toMatchObject({ outcome: 'declined' });
    expect(fake.counts()).toMatchObject({ declines: 1, replays: 1, authorizations: 0 });
  });

  it('an answer lost after Stripe acted is recovered by the SDK’s retry with the same key: one effect', async () => {
    fake.inject({ kind: 'drop_after', count: 1, match: 'POST /v1/payment_intents' });
    const reference = await authorized();
    fake.inject({ kind: 'drop_after', count: 1, match: '/capture' });
    expect(await stripe.capture({ reference, amount: 5000, idempotencyKey: key('capture') })).toEqual({ outcome: 'captured' });
    expect(fake.counts()).toMatchObject({ authorizations: 1, captures: 1, replays: 2 });
    const keys = fake.requests().map((r) => r.idempotencyKey);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).toBe(keys[3]);
  });

  it('the SDK retries 5xx answers with the same key; when they persist the provider throws a retryable error', async () => {
    fake.failNext(2, 503);
    await authorized();
    expect(new Set(fake.requests().map((r) => r.idempotencyKey)).size).toBe(1);
    expect(fake.requests().map((r) => r.status)).toEqual([503, 503, 200]);

    fake.reset();
    fake.failNext(3, 500);
    const input = { amount: 5000, currency: 'USD', token: 'pm_card_visa', idempotencyKey: key('authorize') };
    const error = await rejection(stripe.authorize(input));
    expect(error).toMatchObject({ provider: 'stripe', operation: 'authorize', retryable: true });
    expect(fake.counts().authorizations).toBe(0);
    // The job runner's later retry, same key, goes through once.
    expect(await stripe.authorize(input)).toMatchObject({ outcome: 'authorized' });
    expect(fake.counts().authorizations).toBe(1);
  });

  it('throws retryable errors for rate limits and unreachable servers', async () => {
    const reference = await authorized();
    fake.failNext(5, 429);
    expect(await rejection(stripe.capture({ reference, amount: 5000, idempotencyKey: key('capture') }))).toMatchObject({ operation: 'capture', retryable: true });
    const closed = await startFakeStripe();
    await closed.close();
    const unreachable = createStripeProvider({ secretKey: fake.secretKey, apiBase: closed.url, maxNetworkRetries: 0 });
    expect(await rejection(unreachable.void({ reference, idempotencyKey: key('void') }))).toMatchObject({ operation: 'void', retryable: true });
    expect(fake.counts().captures).toBe(0);
  });

  it('throws non-retryable errors for a wrong key and for a key reused with other parameters', async () => {
    const wrongKey = createStripeProvider({ secretKey: 'sk_test_wrong', apiBase: fake.url });
    expect(await rejection(wrongKey.authorize({ amount: 5000, currency: 'USD', token: 'pm_card_visa', idempotencyKey: key('authorize') }))).toMatchObject({ retryable: false });
    const reference = await authorized();
    const idempotencyKey = key('refund');
    await stripe.capture({ reference, amount: 5000, idempotencyKey: key('capture') });
    await stripe.refund({ reference, amount: 100, idempotencyKey });
    expect(await rejection(stripe.refund({ reference, amount: 200, idempotencyKey }))).toMatchObject({ operation: 'refund', retryable: false, providerCode: 'idempotency_error' });
    expect(fake.counts().refunds).toBe(1);
  });
});

describe('stripeEndpoint', () => {
  it('turns an API base URL into the SDK’s host, port and protocol', () => {
    expect(stripeEndpoint('http://127.0.0.1:12111')).toEqual({ host: '127.0.0.1', port: 12111, protocol: 'http' });
    expect(stripeEndpoint('https://api.stripe.com/')).toEqual({ host: 'api.stripe.com', port: 443, protocol: 'https' });
    expect(() => stripeEndpoint('ftp://x')).toThrow(/http/);
  });
});
