import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../platform/clock.js';
import type { Carrier } from '../carrier.js';
import { FAKE_USPS, fakeUspsSettings, startFakeUsps, type FakeUsps, type ScanInput } from '../../../../test/support/fake-usps/index.js';
import { USPS_TEST_NOW } from '../../../../test/support/fake-usps/fixtures.js';
import { createUspsCarrier } from './index.js';

let fake: FakeUsps;
let usps: Carrier;

beforeEach(async () => {
  fake = await startFakeUsps();
  usps = createUspsCarrier(fakeUspsSettings(fake), { clock: fixedClock(USPS_TEST_NOW) });
});
afterEach(() => fake.close());

const NUMBER = '9205590000000000000042';
const scans: ScanInput[] = [
  { code: 'OF', type: 'Out for Delivery', local: '2026-11-23T07:55:00', offset: '-06:00', city: 'SAINT LOUIS', state: 'MO', zip: '63118' },
  { code: '01', type: 'Delivered, Front Door/Porch', local: '2026-11-23T10:15:00', offset: '-06:00', city: 'SAINT LOUIS', state: 'MO', zip: '63118', name: 'MARY WATSON' },
];

describe('USPS tracking notifications', () => {
  it('accepts a correctly signed notification and reads its scans', () => {
    const { body, headers } = fake.signedWebhook(NUMBER, scans, { notificationId: 'ntf-123' });
    const result = usps.parseWebhook(body, headers);
    expect(result.valid).toBe(true);
    if (!result.valid) return;
    expect(result.delivery.deliveryId).toBe('ntf-123');
    expect(result.delivery.updates).toHaveLength(1);
    const [update] = result.delivery.updates;
    expect(update!.trackingNumber).toBe(NUMBER);
    expect(update!.events.map((e) => [e.code, e.status, e.occurredAt, e.signedBy])).toEqual([
      ['OF', 'out_for_delivery', '2026-11-23T13:55:00.000Z', null],
      ['01', 'delivered', '2026-11-23T16:15:00.000Z', 'MARY WATSON'],
    ]);
  });

  it('accepts the digest in Base64 too, and headers in any case', () => {
    const { body, headers } = fake.signedWebhook(NUMBER, scans, { encoding: 'base64' });
    expect(usps.parseWebhook(body, { 'X-HMAC': headers['x-hmac'] }).valid).toBe(true);
  });

  it('rejects a signature made with another key', () => {
    const { body, headers } = fake.forgedWebhook(NUMBER, scans);
    expect(usps.parseWebhook(body, headers)).toEqual({ valid: false });
  });

  it('rejects a missing signature, a tampered body and a malformed digest', () => {
    const { body, headers } = fake.signedWebhook(NUMBER, scans);
    expect(usps.parseWebhook(body, { 'content-type': 'application/json' })).toEqual({ valid: false });
    const tampered = Buffer.from(body.toString('utf8').replace('MARY WATSON', 'SOMEONE ELSE'));
    expect(usps.parseWebhook(tampered, headers)).toEqual({ valid: false });
    expect(usps.parseWebhook(body, { 'x-hmac': 'not-a-digest' })).toEqual({ valid: false });
    expect(usps.parseWebhook(body, { 'x-hmac': headers['x-hmac']!.slice(0, 62) })).toEqual({ valid: false });
  });

  it('rejects everything when no subscription secret is configured', () => {
    const unsecured = createUspsCarrier(fakeUspsSettings(fake, { webhookSecret: null }), { clock: fixedClock(USPS_TEST_NOW) });
    const { body, headers } = fake.signedWebhook(NUMBER, scans);
    expect(unsecured.parseWebhook(body, headers)).toEqual({ valid: false });
  });

  it('rejects a signed body that is not JSON or carries no tracking', () => {
    const sign = (raw: string) => ({ body: Buffer.from(raw), headers: { 'x-hmac': createHmac('sha256', FAKE_USPS.webhookSecret).update(raw).digest('hex') } });
    const garbage = sign('{"trackingNumber": ');
    expect(usps.parseWebhook(garbage.body, garbage.headers)).toEqual({ valid: false });
    const empty = sign('{"subscriptionId":"sub-1"}');
    expect(usps.parseWebhook(empty.body, empty.headers)).toEqual({ valid: false });
  });

  it('identifies a notification without an id by a hash of its body', () => {
    const raw = JSON.stringify({ trackingNumber: NUMBER, trackingEvent: { eventType: 'Out for Delivery', eventCode: 'OF', GMTTimestamp: '2026-11-23T13:55:00Z' } });
    const headers = { 'x-hmac': createHmac('sha256', FAKE_USPS.webhookSecret).update(raw).digest('hex') };
    const first = usps.parseWebhook(Buffer.from(raw), headers);
    const again = usps.parseWebhook(Buffer.from(raw), headers);
    expect(first.valid && first.delivery.deliveryId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(again.valid && again.delivery.deliveryId).toBe(first.valid && first.delivery.deliveryId);
    expect(first.valid && first.delivery.updates[0]!.events.map((e) => e.status)).toEqual(['out_for_delivery']);
  });
});
