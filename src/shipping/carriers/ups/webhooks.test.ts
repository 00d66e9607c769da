import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../platform/clock.js';
import { startFakeUps, type AlertSpec, type FakeUps } from '../../../../test/support/fake-ups/index.js';
import { upsSettingsFor } from '../../../../test/support/fake-ups/fixtures.js';
import { createUpsCarrier } from './index.js';

const clock = fixedClock('2024-04-23T14:00:00Z');

const outForDelivery: AlertSpec = {
  // Track Alert sometimes pads the number with a space (UPSTrackAlert.yaml example 1).
  trackingNumber: ' 1Z204W4R0308071865',
  type: 'I',
  code: 'OT',
  descriptionCode: '021',
  description: 'Out for Delivery',
  at: '2024-04-23T13:15:19Z',
  offset: '-04:00',
  city: 'Charlotte',
  stateProvince: 'NC',
  scheduledDeliveryDate: '20240423',
  deliveryEndTime: '170000',
  deliveryTimeDescription: 'end of day',
};

describe('UPS Track Alert webhooks', () => {
  let fake: FakeUps;
  beforeAll(async () => {
    fake = await startFakeUps();
  });
  afterAll(async () => {
    await fake.close();
  });
  const ups = (credential: string | null = fake.webhookCredential) => createUpsCarrier(upsSettingsFor(fake, { webhookCredential: credential }), { clock });

  it('accepts a delivery with the subscription credential and reads its event and ETA', () => {
    const { body, headers } = fake.trackAlert(outForDelivery);
    const result = ups().parseWebhook(body, headers);
    expect(result.valid).toBe(true);
    if (!result.valid) return;
    expect(result.delivery.deliveryId).toBe(createHash('sha256').update(body).digest('hex'));
    expect(result.delivery.updates).toHaveLength(1);
    const update = result.delivery.updates[0]!;
    expect(update.trackingNumber).toBe('1Z204W4R0308071865');
    // 17:00 at the scan's -04:00.
    expect(update.estimatedDelivery).toBe('2024-04-23T21:00:00.000Z');
    expect(update.events).toEqual([
      expect.objectContaining({
        eventId: null,
        trackingNumber: '1Z204W4R0308071865',
        code: 'I:OT',
        description: 'Out for Delivery',
        occurredAt: '2024-04-23T13:15:19.000Z',
        location: { city: 'Charlotte', region: 'NC', postal_code: null, country: 'US' },
        status: 'out_for_delivery',
        reason: null,
      }),
    ]);
  });

  it('reads a delivery event, and several events of one POST grouped by number', () => {
    const delivered: AlertSpec = { ...outForDelivery, type: 'D', code: 'FS', descriptionCode: '011', description: 'Delivered', at: '2024-04-23T13:50:04Z', postalCode: '28209', scheduledDeliveryDate: '', deliveryEndTime: '', delivered: true };
    const other: AlertSpec = { ...outForDelivery, trackingNumber: '1ZABCXYZ0112346789', type: 'M', code: 'MP', descriptionCode: '003', description: 'Shipment Ready for UPS', at: '2024-04-22T04:12:30Z' };
    const result = ups().parseWebhook(fake.trackAlert([delivered, other]).body, fake.trackAlert([delivered, other]).headers);
    if (!result.valid) throw new Error('invalid');
    expect(result.delivery.updates.map((u) => [u.trackingNumber, u.events.map((e) => [e.status, e.occurredAt]), u.estimatedDelivery])).toEqual([
      ['1Z204W4R0308071865', [['delivered', '2024-04-23T13:50:04.000Z']], null],
      ['1ZABCXYZ0112346789', [['label_created', '2024-04-22T04:12:30.000Z']], '2024-04-23T21:00:00.000Z'],
    ]);
  });

  it('reads the local time as UTC when UPS leaves the GMT fields empty', () => {
    const { body, headers } = fake.trackAlert({ ...outForDelivery, withoutGmt: true });
    const result = ups().parseWebhook(body, headers);
    expect(result.valid && result.delivery.updates[0]!.events[0]!.occurredAt).toBe('2024-04-23T09:15:19.000Z');
  });

  it('gives a redelivery the same id and another event another id', () => {
    const first = fake.trackAlert(outForDelivery);
    const again = fake.trackAlert(outForDelivery);
    const other = fake.trackAlert({ ...outForDelivery, at: '2024-04-23T13:16:00Z' });
    const id = (d: { body: Buffer; headers: Record<string, string> }) => {
      const r = ups().parseWebhook(d.body, d.headers);
      return r.valid ? r.delivery.deliveryId : null;
    };
    expect(id(first)).toBe(id(again));
    expect(id(first)).not.toBe(id(other));
  });

  it('refuses a wrong or missing credential, and every delivery when none is configured', () => {
    const forged = fake.forgedTrackAlert(outForDelivery);
    expect(ups().parseWebhook(forged.body, forged.headers)).toEqual({ valid: false });
    const { body, headers } = fake.trackAlert(outForDelivery);
    const { credential: _credential, ...without } = headers;
    expect(ups().parseWebhook(body, without)).toEqual({ valid: false });
    expect(ups().parseWebhook(body, { ...headers, credential: `${fake.webhookCredential}x` })).toEqual({ valid: false });
    expect(ups(null).parseWebhook(body, headers)).toEqual({ valid: false });
    expect(ups('').parseWebhook(body, { ...headers, credential: '' })).toEqual({ valid: false });
  });

  it('refuses bodies it cannot read', () => {
    const headers = fake.trackAlert(outForDelivery).headers;
    expect(ups().parseWebhook(Buffer.from('{"trackingNumber": '), headers)).toEqual({ valid: false });
    expect(ups().parseWebhook(Buffer.from('"text"'), headers)).toEqual({ valid: false });
    expect(ups().parseWebhook(Buffer.from(JSON.stringify({ activityStatus: { type: 'I' } })), headers)).toEqual({ valid: false });
    expect(ups().parseWebhook(Buffer.from(JSON.stringify({ trackingNumber: '1Z204W4R0308071865' })), headers)).toEqual({ valid: false });
  });
});
