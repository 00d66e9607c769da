import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { fixedClock } from '../../../platform/clock.js';
import { fedexScan, startFakeFedex, trackResultFor, type FakeFedex } from '../../../../test/support/fake-fedex/index.js';
import type { FedexSettings } from '../../../config-shipping.js';
import { createFedexCarrier } from './index.js';

let fake: FakeFedex;
beforeAll(async () => {
  fake = await startFakeFedex();
});
afterAll(() => fake.close());

const carrier = (overrides: Partial<FedexSettings> = {}) => createFedexCarrier(fake.settings(overrides), { clock: fixedClock('2026-11-20T15:00:00Z') });
const outForDelivery = trackResultFor(
  [fedexScan('AR', '2026-11-23T05:40:00-06:00'), fedexScan('OD', '2026-11-23T08:10:00-06:00')],
  { estimatedDeliveryTimeWindow: { window: { begins: '2026-11-23T12:00:00-06:00', ends: '2026-11-23T16:00:00-06:00' } } },
);

describe('FedEx webhooks', () => {
  it('parses a correctly signed push into the events of its tracking number', () => {
    const push = fake.webhook('794622220001', outForDelivery);
    const result = carrier().parseWebhook(push.body, push.headers);
    if (!result.valid) throw new Error('rejected');
    const payload = JSON.parse(push.body.toString('utf8'));
    expect(result.delivery.deliveryId).toBe(payload.transactionId);
    expect(result.delivery.updates).toHaveLength(1);
    const update = result.delivery.updates[0]!;
    expect(update.trackingNumber).toBe('794622220001');
    expect(update.estimatedDelivery).toBe('2026-11-23T22:00:00.000Z');
    expect(update.events.map((e) => [e.code, e.occurredAt, e.status])).toEqual([
      ['AR', '2026-11-23T11:40:00.000Z', 'in_transit'],
      ['OD', '2026-11-23T14:10:00.000Z', 'out_for_delivery'],
    ]);
  });

  it('checks the signature as FedEx documents it: base64 HMAC-SHA256 of the raw body', () => {
    const body = Buffer.from(JSON.stringify({ transactionId: 't-1', output: { completeTrackResults: [{ trackingNumber: '794622220002', trackResults: [outForDelivery] }] } }));
    const base64 = createHmac('sha256', 'fake-fedex-security-token').update(body).digest('base64');
    const hex = createHmac('sha256', 'fake-fedex-security-token').update(body).digest('hex');
    expect(carrier().parseWebhook(body, { 'FDX-Signature': base64 })).toMatchObject({ valid: true, delivery: { deliveryId: 't-1' } });
    expect(carrier().parseWebhook(body, { 'fdx-signature': hex })).toEqual({ valid: false });
  });

  it('rejects a push signed with another key, a tampered body and a missing signature', () => {
    const forged = fake.forgedWebhook('794622220001', outForDelivery);
    expect(carrier().parseWebhook(forged.body, forged.headers)).toEqual({ valid: false });
    const push = fake.webhook('794622220001', outForDelivery);
    const tampered = Buffer.from(push.body.toString('utf8').replace('794622220001', '794622220009'));
    expect(carrier().parseWebhook(tampered, push.headers)).toEqual({ valid: false });
    expect(carrier().parseWebhook(push.body, { 'content-type': 'application/json' })).toEqual({ valid: false });
  });

  it('rejects every push when no security token is configured', () => {
    const push = fake.webhook('794622220001', outForDelivery);
    expect(carrier({ webhookSecret: null }).parseWebhook(push.body, push.headers)).toEqual({ valid: false });
  });

  it('rejects a correctly signed body that is not a FedEx push', () => {
    const sign = (text: string) => {
      const body = Buffer.from(text);
      return { body, headers: { 'fdx-signature': createHmac('sha256', 'fake-fedex-security-token').update(body).digest('base64') } };
    };
    for (const text of ['not json', '[]', '{"hello":"world"}', '{"output":{"completeTrackResults":"x"}}']) {
      const push = sign(text);
      expect(carrier().parseWebhook(push.body, push.headers)).toEqual({ valid: false });
    }
  });

  it('names a push without a transaction id by the hash of its bytes, the same on redelivery', () => {
    const body = Buffer.from(JSON.stringify({ output: { completeTrackResults: [{ trackingNumber: '794622220003', trackResults: [outForDelivery] }] } }));
    const headers = { 'fdx-signature': createHmac('sha256', 'fake-fedex-security-token').update(body).digest('base64') };
    const first = carrier().parseWebhook(body, headers);
    const again = carrier().parseWebhook(Buffer.from(body), headers);
    if (!first.valid || !again.valid) throw new Error('rejected');
    expect(first.delivery.deliveryId).toMatch(/^[0-9a-f]{64}$/);
    expect(again.delivery.deliveryId).toBe(first.delivery.deliveryId);
  });
});
