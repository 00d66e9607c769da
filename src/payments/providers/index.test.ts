import { describe, expect, it } from 'vitest';
import { createProviders } from './index.js';

describe('createProviders', () => {
  it('always offers the test provider, and Stripe only when configured', () => {
    expect(createProviders(null).map((p) => p.name)).toEqual(['test']);
    const stripe = { secretKey: 'sk_test_x', webhookSecret: null, apiBase: 'http://127.0.0.1:12111' };
    expect(createProviders(stripe, { maxNetworkRetries: 0 }).map((p) => p.name)).toEqual(['test', 'stripe']);
  });
});
