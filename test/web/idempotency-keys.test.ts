/** The web app's Idempotency-Keys (web/src/shared/idempotency.ts): one per attempt, kept only while its answer is unknown. */
import { describe, expect, it } from 'vitest';
import { FormKey, idempotencyKeyFrom, keepsKey } from '../../web/src/shared/idempotency.js';

describe("the web app's idempotency keys", () => {
  it('are visible ASCII with a prefix naming the sender', () => {
    expect(idempotencyKeyFrom(new Uint8Array([0, 15, 255]), 'ret')).toBe('ret-000fff');
    expect(idempotencyKeyFrom(new Uint8Array([1]))).toBe('web-01');
  });

  it('are kept after an unknown outcome and dropped after a definite answer', () => {
    for (const [status, code] of [[0, 'network_error'], [500, 'internal'], [503, 'service_unavailable'], [429, 'rate_limited'], [409, 'idempotency_key_in_use']] as const) {
      expect(keepsKey(status, code), `${status} ${code}`).toBe(true);
    }
    for (const [status, code] of [[422, 'validation_failed'], [409, 'insufficient_stock'], [409, 'conflict'], [409, 'invalid_transition'], [404, 'not_found'], [402, 'payment_declined']] as const) {
      expect(keepsKey(status, code), `${status} ${code}`).toBe(false);
    }
  });

  it('stay while an outcome is unknown, even for a changed form, and change once it was answered', () => {
    let drawn = 0;
    const form = new FormKey(() => `k${++drawn}`);
    const first = form.current();
    form.answered({ status: 0, code: 'network_error' });
    // Sent again after a lost answer: the same key, so the server replays what it did.
    expect(form.current()).toBe(first);
    form.answered({ status: 503, code: 'service_unavailable' });
    // Changed before the answer came (a reworded refund): still the same key, so the server refuses
    // it (422 idempotency_key_reused) rather than refunding a second time.
    expect(form.current()).toBe(first);
    form.answered({ status: 409, code: 'insufficient_stock' });
    // Refused for good: sent again (the stock may have come), it is a new attempt.
    const second = form.current();
    expect(second).not.toBe(first);
    form.answered(null);
    expect(form.current()).not.toBe(second);
  });
});
