import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../platform/clock.js';
import { expressShipment, scans, startFakeDhl, type FakeDhl } from '../../../../test/support/fake-dhl/index.js';
import { createDhlCarrier } from './index.js';

let fake: FakeDhl;
const clock = fixedClock('2026-11-20T09:00:00Z');
const shipment = () =>
  expressShipment('1234567890', [scans.pickedUp('2026-11-20T16:55:00', 'LEIPZIG - GERMANY'), scans.withCourier('2026-11-22T10:10:00-05:00', 'NEW YORK, NY - USA')], {
    eta: '2026-11-22T18:00:00-05:00',
  });

beforeAll(async () => {
  fake = await startFakeDhl();
});
afterAll(() => fake.close());

describe('DHL push webhooks', () => {
  it('accepts a push carrying the subscription’s token and reads its shipments', () => {
    const dhl = createDhlCarrier(fake.settings(), { clock });
    const { body, headers } = fake.push([shipment()]);
    const result = dhl.parseWebhook(body, headers);
    expect(result.valid).toBe(true);
    if (!result.valid) return;
    expect(result.delivery.deliveryId).toMatch(/^dhl-push-[0-9a-f]{64}$/);
    expect(result.delivery.updates).toHaveLength(1);
    expect(result.delivery.updates[0]).toMatchObject({ trackingNumber: '1234567890', estimatedDelivery: '2026-11-22T23:00:00.000Z' });
    expect(result.delivery.updates[0]!.events.map((e) => [e.occurredAt, e.status])).toEqual([
      ['2026-11-20T16:55:00.000Z', 'in_transit'],
      ['2026-11-22T15:10:00.000Z', 'out_for_delivery'],
    ]);
    // The same bytes again are recognisably the same delivery; other bytes are not.
    expect(dhl.parseWebhook(body, headers)).toEqual(result);
    const other = dhl.parseWebhook(fake.push([shipment(), shipment()]).body, headers);
    expect(other.valid && other.delivery.deliveryId).not.toBe(result.delivery.deliveryId);
  });

  it('reads the header whatever its case, and a bare shipment object', () => {
    const dhl = createDhlCarrier(fake.settings(), { clock });
    const result = dhl.parseWebhook(Buffer.from(JSON.stringify(shipment())), { 'DHL-API-Key': 'dhl-push-token-test' });
    expect(result.valid && result.delivery.updates.map((u) => u.trackingNumber)).toEqual(['1234567890']);
  });

  it('refuses a wrong or missing token', () => {
    const dhl = createDhlCarrier(fake.settings(), { clock });
    const forged = fake.forgedPush([shipment()]);
    expect(dhl.parseWebhook(forged.body, forged.headers)).toEqual({ valid: false });
    const bare = fake.forgedPush([shipment()], null);
    expect(dhl.parseWebhook(bare.body, bare.headers)).toEqual({ valid: false });
    const longer = fake.forgedPush([shipment()], 'dhl-push-token-test-and-more');
    expect(dhl.parseWebhook(longer.body, longer.headers)).toEqual({ valid: false });
  });

  it('refuses every push when no secret is configured', () => {
    const dhl = createDhlCarrier(fake.settings({ webhookSecret: null }), { clock });
    const { body, headers } = fake.push([shipment()]);
    expect(dhl.parseWebhook(body, headers)).toEqual({ valid: false });
  });

  it('refuses a body it cannot read, even with the right token', () => {
    const dhl = createDhlCarrier(fake.settings(), { clock });
    const { headers } = fake.push([]);
    expect(dhl.parseWebhook(Buffer.from('{"shipments": [ {"id": '), headers)).toEqual({ valid: false });
    expect(dhl.parseWebhook(Buffer.from('"just text"'), headers)).toEqual({ valid: false });
    expect(dhl.parseWebhook(Buffer.from('{"shipments": []}'), headers)).toEqual({ valid: false });
    expect(dhl.parseWebhook(Buffer.from('{"hello": "world"}'), headers)).toEqual({ valid: false });
  });
});
