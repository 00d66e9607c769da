/**
 * The fake Stripe server itself, over raw HTTP: Stripe's wire shapes (form bodies, Bearer auth,
 * error objects), its idempotency rules, fault injection, webhook delivery, and the child-process
 * mode that crash tests use.
 */
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createStripeProvider } from '../../src/payments/providers/stripe-provider.js';
import { connectFakeStripe, decodeForm, startFakeStripe, type FakeStripe } from './fake-stripe.js';

let fake: FakeStripe;
beforeAll(async () => {
  fake = await startFakeStripe();
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

async function post(path: string, form: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(fake.url + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${fake.secretKey}`, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: form,
  });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

const intentForm = 'amount=2000&currency=usd&payment_method=pm_card_visa&capture_method=manual&confirm=true&metadata[order]=ord_1&allowed_payment_method_types[0]=card';

describe('fake stripe: wire format', () => {
  it('decodes Stripe’s nested form encoding', () => {
    expect(decodeForm('a=1&metadata[order]=ord_1&metadata[note]=x%20y&list[0]=card&list[1]=link&deep[a][b]=c')).toEqual({
      a: '1', metadata: { order: 'ord_1', note: 'x y' }, list: ['card', 'link'], deep: { a: { b: 'c' } },
    });
  });

  it('answers 401 in Stripe’s shape without a key or with a wrong one', async () => {
    const none = await post('/v1/payment_intents', intentForm, { authorization: '' });
    expect(none.status).toBe(401);
    expect(none.body.error).toMatchObject({ type: 'invalid_request_error', message: expect.stringContaining('did not provide an API key') });
    const wrong = await post('/v1/payment_intents', intentForm, { authorization: 'Bearer sk_test_wrongwrongwrong1234' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toBe('Invalid API Key provided: sk_test_****1234');
    expect(fake.counts().authorizations).toBe(0);
  });

  it('creates a manual-capture PaymentIntent with Stripe’s fields', async () => {
    const { status, body } = await post('/v1/payment_intents', intentForm);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: expect.stringMatching(/^pi_/), object: 'payment_intent', amount: 2000, amount_capturable: 2000, amount_received: 0, currency: 'usd',
      status: 'requires_capture', capture_method: 'manual', latest_charge: expect.stringMatching(/^ch_/), livemode: false, metadata: { order: 'ord_1' },
      created: expect.any(Number),
    });
    const fetched = await fetch(`${fake.url}/v1/payment_intents/${body.id}`, { headers: { authorization: `Bearer ${fake.secretKey}` } });
    expect(await fetched.json()).toEqual(body);
  });

  it('answers a decline with 402 card_error carrying the intent, and unknown objects with 404 resource_missing', async () => {
    const declined = await post('/v1/payment_intents', intentForm.replace('pm_card_visa', 'pm_card_visa_chargeDeclined'));
    expect(declined.status).toBe(402);
    expect(declined.body.error).toMatchObject({ type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', payment_intent: { status: 'requires_payment_method' } });
    const missing = await post('/v1/payment_intents/pi_nope/capture', '');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ type: 'invalid_request_error', code: 'resource_missing', param: 'intent' });
  });
});

describe('fake stripe: idempotency', () => {
  it('replays the stored answer for the same key and request, without a second effect', async () => {
    const first = await post('/v1/payment_intents', intentForm, { 'idempotency-key': 'k1' });
    const again = await post('/v1/payment_intents', intentForm, { 'idempotency-key': 'k1' });
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(fake.counts()).toMatchObject({ authorizations: 1, replays: 1 });
  });

  it('refuses the same key with other parameters or on another endpoint', async () => {
    await post('/v1/payment_intents', intentForm, { 'idempotency-key': 'k2' });
    const other = await post('/v1/payment_intents', intentForm.replace('2000', '2001'), { 'idempotency-key': 'k2' });
    expect(other.status).toBe(400);
    expect(other.body.error).toMatchObject({ type: 'idempotency_error', message: expect.stringContaining('same parameters') });
    const elsewhere = await post('/v1/refunds', 'payment_intent=pi_x', { 'idempotency-key': 'k2' });
    expect(elsewhere.body.error).toMatchObject({ type: 'idempotency_error', message: expect.stringContaining('same endpoint') });
    expect(fake.counts().authorizations).toBe(1);
  });

  it('does not store an answer to a request that failed validation', async () => {
    const invalid = await post('/v1/payment_intents', 'currency=usd', { 'idempotency-key': 'k3' });
    expect(invalid.body.error).toMatchObject({ code: 'parameter_missing', param: 'amount' });
    expect((await post('/v1/payment_intents', intentForm, { 'idempotency-key': 'k3' })).status).toBe(200);
  });

  it('answers 409 to a second request while the first with its key is in flight', async () => {
    fake.setLatency(300);
    const [a, b] = await Promise.all([
      post('/v1/payment_intents', intentForm, { 'idempotency-key': 'k4' }),
      new Promise((resolve) => setTimeout(resolve, 50)).then(() => post('/v1/payment_intents', intentForm, { 'idempotency-key': 'k4' })),
    ]);
    expect([a.status, b.status]).toEqual([200, 409]);
    expect(fake.counts().authorizations).toBe(1);
  });
});

describe('fake stripe: faults', () => {
  it('answers injected statuses before any effect, only to matching requests', async () => {
    fake.failNext(1, 503, '/capture');
    const created = await post('/v1/payment_intents', intentForm);
    expect(created.status).toBe(200);
    const failed = await post(`/v1/payment_intents/${created.body.id}/capture`, '');
    expect(failed.status).toBe(503);
    expect(fake.counts().captures).toBe(0);
    expect((await post(`/v1/payment_intents/${created.body.id}/capture`, '')).status).toBe(200);
    expect(fake.requests().map((r) => r.fault)).toEqual([null, 'status', null]);
  });

  it('drops the connection before or after the effect', async () => {
    fake.inject({ kind: 'drop_before', count: 1 });
    await expect(post('/v1/payment_intents', intentForm)).rejects.toThrow();
    expect(fake.counts().authorizations).toBe(0);
    fake.inject({ kind: 'drop_after', count: 1 });
    await expect(post('/v1/payment_intents', intentForm, { 'idempotency-key': 'k5' })).rejects.toThrow();
    expect(fake.counts().authorizations).toBe(1);
    // The caller's retry with the same key learns what happened.
    const retried = await post('/v1/payment_intents', intentForm, { 'idempotency-key': 'k5' });
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(fake.counts().authorizations).toBe(1);
  });
});

describe('fake stripe: webhooks', () => {
  it('delivers a signed event for every effect, which the Stripe provider accepts', async () => {
    const received: { body: string; signature: string | undefined }[] = [];
    const receiver = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ body: Buffer.concat(chunks).toString('utf8'), signature: req.headers['stripe-signature'] as string | undefined });
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const secret = 'whsec_deliveries';
      fake.setWebhook({ url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/payments/stripe`, secret });
      const stripe = createStripeProvider({ secretKey: fake.secretKey, webhookSecret: secret, apiBase: fake.url });
      const authorized = await stripe.authorize({ amount: 1500, currency: 'USD', token: 'pm_card_visa', idempotencyKey: 'pay_d:authorize' });
      await fake.flushWebhooks();
      expect(received).toHaveLength(1);
      const result = stripe.parseWebhook(received[0]!.body, { 'stripe-signature': received[0]!.signature });
      expect(result).toMatchObject({ valid: true, event: { type: 'payment_intent.amount_capturable_updated', status: 'authorized', reference: (authorized as { reference: string }).reference } });
    } finally {
      fake.setWebhook(null);
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});

describe('fake stripe: in another process', () => {
  it('serves from a child process and is driven through its control endpoints', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/fake-stripe.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`fake-stripe exited with ${code}`)));
      });
      const { url, secretKey } = JSON.parse(line) as { url: string; secretKey: string };
      const remote = connectFakeStripe(url);
      await remote.inject({ kind: 'drop_after', count: 1, match: 'POST /v1/payment_intents' });
      const stripe = createStripeProvider({ secretKey, apiBase: url });
      expect(await stripe.authorize({ amount: 1500, currency: 'USD', token: 'pm_card_visa', idempotencyKey: 'pay_c:authorize' })).toMatchObject({ outcome: 'authorized' });
      expect(await remote.counts()).toMatchObject({ authorizations: 1, replays: 1 });
      expect((await remote.requests()).map((r) => r.fault)).toEqual(['drop_after', null]);
      await remote.reset();
      expect((await remote.counts()).requests).toBe(0);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
