import { describe, expect, it } from 'vitest';
import { createTestProvider, testTokens } from './test-provider.js';

const base = { amount: 2599, currency: 'USD' };

describe('test payment provider', () => {
  it('approves tok_visa with a reference derived from the idempotency key', async () => {
    const provider = createTestProvider();
    const first = await provider.authorize({ ...base, token: testTokens.approve, idempotencyKey: 'pay_1:authorize' });
    expect(first).toEqual({ outcome: 'authorized', reference: expect.stringMatching(/^tpi_[0-9a-f]{24}$/) });
    // A retry with the same key (after a crash) gets the same reference; another payment does not.
    expect(await provider.authorize({ ...base, token: testTokens.approve, idempotencyKey: 'pay_1:authorize' })).toEqual(first);
    const other = await provider.authorize({ ...base, token: testTokens.approve, idempotencyKey: 'pay_2:authorize' });
    expect(other.outcome === 'authorized' && first.outcome === 'authorized' && other.reference !== first.reference).toBe(true);
  });

  it('declines tok_decline as card_declined and any other token as invalid_token', async () => {
    const provider = createTestProvider();
    expect(await provider.authorize({ ...base, token: testTokens.decline, idempotencyKey: 'k1' })).toMatchObject({ outcome: 'declined', code: 'card_declined' });
    expect(await provider.authorize({ ...base, token: 'pm_card_visa', idempotencyKey: 'k2' })).toMatchObject({ outcome: 'declined', code: 'invalid_token' });
    expect(await provider.authorize({ ...base, token: '', idempotencyKey: 'k3' })).toMatchObject({ outcome: 'declined', code: 'invalid_token' });
  });

  it('declines amounts and currencies that cannot be charged', async () => {
    const provider = createTestProvider();
    expect(await provider.authorize({ amount: 0, currency: 'USD', token: testTokens.approve, idempotencyKey: 'k' })).toMatchObject({ outcome: 'declined', code: 'invalid_amount' });
    expect(await provider.authorize({ amount: 10.5, currency: 'USD', token: testTokens.approve, idempotencyKey: 'k' })).toMatchObject({ outcome: 'declined', code: 'invalid_amount' });
    expect(await provider.authorize({ amount: 100, currency: 'usd', token: testTokens.approve, idempotencyKey: 'k' })).toMatchObject({ outcome: 'declined', code: 'invalid_currency' });
  });

  it('captures, voids and refunds an approved payment, deciding from the reference alone', async () => {
    const authorized = await createTestProvider().authorize({ ...base, token: testTokens.approve, idempotencyKey: 'pay_3:authorize' });
    if (authorized.outcome !== 'authorized') throw new Error('expected an authorization');
    // A fresh instance (a restarted process) knows nothing but the reference, and answers the same.
    const fresh = createTestProvider();
    expect(await fresh.capture({ reference: authorized.reference, amount: 2599, idempotencyKey: 'pay_3:capture' })).toEqual({ outcome: 'captured' });
    expect(await fresh.void({ reference: authorized.reference, idempotencyKey: 'pay_3:void' })).toEqual({ outcome: 'voided' });
    const refund = await fresh.refund({ reference: authorized.reference, amount: 1000, idempotencyKey: 'rfd_1:refund' });
    expect(refund).toEqual({ outcome: 'refunded', reference: expect.stringMatching(/^tre_[0-9a-f]{24}$/) });
    expect(await createTestProvider().refund({ reference: authorized.reference, amount: 1000, idempotencyKey: 'rfd_1:refund' })).toEqual(refund);
    expect(await fresh.refund({ reference: authorized.reference, amount: 1000, idempotencyKey: 'rfd_2:refund' })).not.toEqual(refund);
  });

  it('authorizes tok_capture_fails but fails every capture, on any instance', async () => {
    const authorized = await createTestProvider().authorize({ ...base, token: testTokens.captureFails, idempotencyKey: 'pay_4:authorize' });
    expect(authorized).toEqual({ outcome: 'authorized', reference: expect.stringMatching(/^tpi_capfail_[0-9a-f]{24}$/) });
    if (authorized.outcome !== 'authorized') return;
    for (const provider of [createTestProvider(), createTestProvider()]) {
      expect(await provider.capture({ reference: authorized.reference, amount: 2599, idempotencyKey: 'pay_4:capture' })).toMatchObject({ outcome: 'failed', code: 'capture_failed' });
    }
    // The authorization can still be released, and nothing captured can be refunded.
    expect(await createTestProvider().void({ reference: authorized.reference, idempotencyKey: 'pay_4:void' })).toEqual({ outcome: 'voided' });
    expect(await createTestProvider().refund({ reference: authorized.reference, amount: 1, idempotencyKey: 'r' })).toMatchObject({ outcome: 'failed', code: 'charge_not_captured' });
  });

  it('refuses references it never issued and bad amounts', async () => {
    const provider = createTestProvider();
    for (const reference of ['pi_123', 'tpi_', 'tpi_capfail_xyz', 'tpi_0123456789abcdef01234567x']) {
      expect(await provider.capture({ reference, amount: 100, idempotencyKey: 'k' })).toMatchObject({ outcome: 'failed', code: 'resource_missing' });
      expect(await provider.void({ reference, idempotencyKey: 'k' })).toMatchObject({ outcome: 'failed', code: 'resource_missing' });
      expect(await provider.refund({ reference, amount: 100, idempotencyKey: 'k' })).toMatchObject({ outcome: 'failed', code: 'resource_missing' });
    }
    const authorized = await provider.authorize({ ...base, token: testTokens.approve, idempotencyKey: 'pay_5:authorize' });
    if (authorized.outcome !== 'authorized') throw new Error('expected an authorization');
    expect(await provider.capture({ reference: authorized.reference, amount: -1, idempotencyKey: 'k' })).toMatchObject({ outcome: 'failed', code: 'invalid_amount' });
    expect(await provider.refund({ reference: authorized.reference, amount: 0, idempotencyKey: 'k' })).toMatchObject({ outcome: 'failed', code: 'invalid_amount' });
  });

  it('has no webhooks: every delivery is unauthenticated', () => {
    expect(createTestProvider().parseWebhook('{"id":"evt_1"}', { 'stripe-signature': 't=1,v1=abc' })).toEqual({ valid: false });
  });
});
