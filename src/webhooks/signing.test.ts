import { describe, expect, it } from 'vitest';
import { fixedClock } from '../platform/clock.js';
import { createIds } from '../platform/ids.js';
import { newWebhookSecret, signWebhook, webhookHeaders } from './signing.js';

describe('Standard Webhooks signatures', () => {
  it('matches the test vector of the spec repository (libraries/javascript/src/webhook.test.ts, "sign function works")', () => {
    const signature = signWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}');
    expect(signature).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('makes whsec_ secrets of 32 random bytes in standard base64, never the same twice', () => {
    const ids = createIds(fixedClock('2026-11-22T10:00:00Z'));
    const a = newWebhookSecret(ids);
    const b = newWebhookSecret(ids);
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(a.slice('whsec_'.length), 'base64')).toHaveLength(32);
    expect(a).not.toBe(b);
  });

  it('puts the attempt time in unix seconds in the headers and signs with it', () => {
    const headers = webhookHeaders('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', new Date(1614265330_999), '{"test": 2432232314}');
    expect(headers).toEqual({
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
  });
});
