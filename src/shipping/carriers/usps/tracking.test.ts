import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../platform/clock.js';
import type { Carrier } from '../carrier.js';
import { fakeUspsSettings, startFakeUsps, type FakeUsps, type ScanInput } from '../../../../test/support/fake-usps/index.js';
import { parcel, USPS_TEST_NOW, uspsDestination, uspsOrigin } from '../../../../test/support/fake-usps/fixtures.js';
import { createUspsCarrier } from './index.js';

let fake: FakeUsps;
let usps: Carrier;

beforeEach(async () => {
  fake = await startFakeUsps();
  usps = createUspsCarrier(fakeUspsSettings(fake), { clock: fixedClock(USPS_TEST_NOW) });
});
afterEach(() => fake.close());

const NUMBER = '9405511899223197428490';

/** One scan in each timestamp form Tracking 3.0 uses (see the fake's ScanForm). */
const journey: ScanInput[] = [
  { code: 'GX', type: 'Shipping Label Created, USPS Awaiting Item', local: '2026-11-20T09:05:00', offset: '-05:00', city: 'WASHINGTON', state: 'DC', zip: '20024', form: 'gmt-only' },
  { code: '03', type: 'USPS picked up item', local: '2026-11-20T17:42:00', offset: '-05:00', city: 'WASHINGTON', state: 'DC', zip: '20024', form: 'local-offset' },
  { code: '10', type: 'Processed through Facility', local: '2026-11-21T03:10:00', offset: '-06:00', city: 'SAINT LOUIS', state: 'MO', zip: '63155', form: 'short-offset' },
  { code: '07', type: 'Arrived at Post Office', local: '2026-11-22T06:30:00', offset: '-06:00', city: 'SAINT LOUIS', state: 'MO', zip: '63118', form: 'zulu' },
  { code: 'OF', type: 'Out for Delivery', local: '2026-11-23T07:55:00', offset: '-06:00', city: 'SAINT LOUIS', state: 'MO', zip: '63118', form: 'full' },
  { code: '01', type: 'Delivered, In/At Mailbox', local: '2026-11-23T10:15:00', offset: '-06:00', city: 'SAINT LOUIS', state: 'MO', zip: '63118', name: 'M WATSON', form: 'full' },
];

describe('USPS tracking', () => {
  it('reads every timestamp form to the exact UTC instant, oldest first', async () => {
    fake.setTracking(NUMBER, journey, { expectedDeliveryTimeStamp: '2026-11-23T20:00:00-06:00' });
    const [result] = await usps.track([NUMBER]);
    expect(fake.requests.at(-1)).toMatchObject({ method: 'GET', path: `/tracking/v3/tracking/${NUMBER}`, query: { expand: 'DETAIL' } });
    expect(result!.found).toBe(true);
    if (!result!.found) return;
    expect(result!.events.map((e) => [e.code, e.occurredAt, e.status])).toEqual([
      ['GX', '2026-11-20T14:05:00.000Z', 'label_created'], // GMTTimestamp alone
      ['03', '2026-11-20T22:42:00.000Z', 'in_transit'], // local 17:42 at -05:00
      ['10', '2026-11-21T09:10:00.000Z', 'in_transit'], // local 03:10 at "-6:00"
      ['07', '2026-11-22T06:30:00.000Z', 'in_transit'], // "…Z" alone, taken as written
      ['OF', '2026-11-23T13:55:00.000Z', 'out_for_delivery'], // GMTTimestamp preferred over local
      ['01', '2026-11-23T16:15:00.000Z', 'delivered'],
    ]);
    expect(result!.estimatedDelivery).toBe('2026-11-24T02:00:00.000Z');
    expect(result!.trackingNumber).toBe(NUMBER);
  });

  it('keeps location, text, the signer on delivery and the raw event', async () => {
    fake.setTracking(NUMBER, journey);
    const [result] = await usps.track([NUMBER]);
    if (!result!.found) throw new Error('not found');
    const delivered = result!.events.at(-1)!;
    expect(delivered).toMatchObject({
      eventId: null,
      trackingNumber: NUMBER,
      code: '01',
      description: 'Delivered, In/At Mailbox',
      location: { city: 'SAINT LOUIS', region: 'MO', postal_code: '63118', country: 'US' },
      status: 'delivered',
      reason: null,
      signedBy: 'M WATSON',
      proofOfDelivery: null,
    });
    expect((delivered.raw as Record<string, unknown>).GMTOffset).toBe('-06:00');
    expect(result!.events.filter((e) => e.signedBy !== null)).toHaveLength(1);
  });

  it('maps incidents with their reason and an unknown code to unknown, keeping its text', async () => {
    fake.setTracking(NUMBER, [
      { code: '02', type: 'Notice Left (No Authorized Recipient Available)', local: '2026-11-23T11:00:00', offset: '-06:00' },
      { code: 'ZZ', type: 'Mystery scan', local: '2026-11-23T12:00:00', offset: '-06:00' },
    ]);
    const [result] = await usps.track([NUMBER]);
    if (!result!.found) throw new Error('not found');
    expect(result!.events.map((e) => [e.code, e.status, e.reason, e.description])).toEqual([
      ['02', 'failed_attempt', 'recipient_absent', 'Notice Left (No Authorized Recipient Available)'],
      ['ZZ', 'unknown', null, 'Mystery scan'],
    ]);
    expect(result!.events[0]!.location).toBeNull();
  });

  it('answers found:false with USPS’s message for a number it does not know', async () => {
    const [result] = await usps.track(['9400000000000000000000']);
    expect(result).toEqual({ found: false, trackingNumber: '9400000000000000000000', message: expect.stringContaining('cannot be found') });
  });

  it('tracks a fresh label as label created, and answers each number in order', async () => {
    const bought = await usps.createLabel({ origin: uspsOrigin, destination: uspsDestination, parcels: [parcel(800)], service: 'priority_mail', currency: 'USD', shipDate: new Date(USPS_TEST_NOW), reference: 'shp_1' });
    if (!bought.ok) throw new Error('label failed');
    const results = await usps.track([bought.trackingNumber, '9400000000000000000000']);
    expect(results.map((r) => [r.trackingNumber, r.found])).toEqual([
      [bought.trackingNumber, true],
      ['9400000000000000000000', false],
    ]);
    expect(results[0]!.found && results[0]!.events.map((e) => e.status)).toEqual(['label_created']);
    expect(results[0]!.found && results[0]!.estimatedDelivery).toBeNull();
  });

  it('gives the public tracking page and one number per request', () => {
    expect(usps.trackingUrl(NUMBER)).toBe(`https://tools.usps.com/go/TrackConfirmAction?tLabels=${NUMBER}`);
    expect(usps.trackBatchSize).toBe(1);
    expect(usps.name).toBe('usps');
    expect(usps.displayName).toBe('USPS');
  });
});
