import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../platform/clock.js';
import { expressShipment, scans, startFakeDhl, type FakeDhl } from '../../../../test/support/fake-dhl/index.js';
import { createDhlCarrier } from './index.js';

let fake: FakeDhl;
const clock = fixedClock('2026-11-20T09:00:00Z');

beforeAll(async () => {
  fake = await startFakeDhl();
  fake.setTracking(
    '1234567890',
    expressShipment(
      '1234567890',
      [
        scans.informationReceived('2026-11-20T09:30:00+01:00', 'LEIPZIG - GERMANY'),
        scans.pickedUp('2026-11-20T16:55:00', 'LEIPZIG - GERMANY'),
        scans.processed('2026-11-20T22:09:00.000+01:00', 'LEIPZIG - GERMANY'),
        scans.departed('2026-11-21T02:15:00Z', 'LEIPZIG - GERMANY'),
        { ...scans.arrivedSort('2026-11-21T07:40:00-05:00', 'CINCINNATI HUB, OH - USA'), countryCode: 'US', postalCode: '41048' },
        scans.clearanceComplete('2026-11-21T09:45:00-0500', 'CINCINNATI HUB - USA'),
        scans.arrivedDelivery('2026-11-22T06:57:00-05:00', 'NEW YORK - USA'),
        scans.withCourier('2026-11-22T10:10:00-05:00', 'NEW YORK, NY - USA'),
      ],
      { window: { from: '2026-11-22T14:00:00-05:00', through: '2026-11-22T18:00:00-05:00' } },
    ),
  );
});
afterAll(() => fake.close());

describe('DHL tracking', () => {
  it('reads every timestamp form DHL sends to exact UTC instants, oldest first, mapped', async () => {
    const dhl = createDhlCarrier(fake.settings(), { clock });
    const [result] = await dhl.track(['1234567890']);
    expect(result?.found).toBe(true);
    if (!result?.found) return;
    expect(result.events.map((e) => [e.occurredAt, e.code, e.status])).toEqual([
      ['2026-11-20T08:30:00.000Z', 'pre-transit', 'label_created'],
      ['2026-11-20T16:55:00.000Z', 'express:PU', 'in_transit'],
      ['2026-11-20T21:09:00.000Z', 'express:PL', 'in_transit'],
      ['2026-11-21T02:15:00.000Z', 'express:DF', 'in_transit'],
      ['2026-11-21T12:40:00.000Z', 'express:AF', 'in_transit'],
      ['2026-11-21T14:45:00.000Z', 'express:CR', 'in_transit'],
      ['2026-11-22T11:57:00.000Z', 'express:AR', 'in_transit'],
      ['2026-11-22T15:10:00.000Z', 'express:WC', 'out_for_delivery'],
    ]);
    expect(result.events[4]).toMatchObject({
      trackingNumber: '1234567890',
      description: 'Arrived at Sort Facility CINCINNATI HUB, OH - USA',
      location: { city: 'CINCINNATI HUB, OH - USA', region: null, postal_code: '41048', country: 'US' },
      reason: null,
      signedBy: null,
      eventId: null,
    });
    // The end of DHL's delivery window.
    expect(result.estimatedDelivery).toBe('2026-11-22T23:00:00.000Z');
  });

  it('asks the Unified API for one Express number with the API key', async () => {
    const dhl = createDhlCarrier(fake.settings(), { clock });
    const before = fake.requests.length;
    await dhl.track(['1234567890']);
    const sent = fake.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'GET', path: '/track/shipments', query: { trackingNumber: '1234567890', service: 'express', language: 'en' } });
    expect(sent[0]!.headers['dhl-api-key']).toBe('dhl-unified-api-key-test');
    expect(dhl.trackBatchSize).toBe(1);
  });

  it('answers found: false for a number DHL does not know (its 404 problem)', async () => {
    const dhl = createDhlCarrier(fake.settings(), { clock });
    expect(await dhl.track(['9999999999'])).toEqual([{ found: false, trackingNumber: '9999999999', message: 'No shipment with given tracking number found.' }]);
  });

  it('gives a delivered event who signed and the proof of delivery', async () => {
    fake.setTracking(
      '2233445566',
      expressShipment('2233445566', [scans.withCourier('2026-11-23T08:58:00'), scans.notHome('2026-11-23T15:41:00'), scans.withCourier('2026-11-24T08:30:00'), scans.delivered('2026-11-24T13:22:00+04:00', 'SHARJAH')], {
        eta: '2026-11-24',
        proofOfDelivery: { timestamp: '2026-11-24T13:22:00+04:00', signedBy: 'J. DOE', documentUrl: 'https://webpod.dhl.com/webPOD/DHLePODRequest?hwb=abc' },
      }),
    );
    const dhl = createDhlCarrier(fake.settings(), { clock });
    const [result] = await dhl.track(['2233445566']);
    if (!result?.found) throw new Error('not found');
    expect(result.events.map((e) => [e.status, e.reason])).toEqual([
      ['out_for_delivery', null],
      ['failed_attempt', 'recipient_absent'],
      ['out_for_delivery', null],
      ['delivered', null],
    ]);
    expect(result.events[3]).toMatchObject({
      occurredAt: '2026-11-24T09:22:00.000Z',
      signedBy: 'J. DOE',
      proofOfDelivery: 'https://webpod.dhl.com/webPOD/DHLePODRequest?hwb=abc',
      location: { city: 'SHARJAH', country: null },
    });
    expect(result.events[1]!.signedBy).toBeNull();
    // A date without a time is met until that day's end.
    expect(result.estimatedDelivery).toBe('2026-11-24T23:59:59.999Z');
  });

  it('takes the signer from the text when the proof of delivery names nobody', async () => {
    const shipment = expressShipment('3344556677', [scans.delivered('2026-11-24T13:22:00', undefined, 'MOHAMED. HUZEF')], {
      proofOfDelivery: { timestamp: '2026-11-24T13:22:00', signedBy: 'Delivered', documentUrl: 'https://webpod.dhl.com/x' },
    });
    fake.setTracking('3344556677', shipment);
    const [result] = await createDhlCarrier(fake.settings(), { clock }).track(['3344556677']);
    expect(result?.found && result.events[0]!.signedBy).toBe('MOHAMED. HUZEF');
  });

  it('answers each number of a longer list in order, and nothing for none', async () => {
    const dhl = createDhlCarrier(fake.settings(), { clock });
    const results = await dhl.track(['9999999998', '1234567890']);
    expect(results.map((r) => [r.trackingNumber, r.found])).toEqual([
      ['9999999998', false],
      ['1234567890', true],
    ]);
    expect(await dhl.track([])).toEqual([]);
  });

  it('keeps DHL’s order for scans of the same minute', async () => {
    const accepted = { timestamp: '2026-11-20T16:55:00', description: 'Shipment Accepted', statusCode: 'transit' as const };
    fake.setTracking('4455667788', expressShipment('4455667788', [accepted, scans.pickedUp('2026-11-20T16:55:00')]));
    const [result] = await createDhlCarrier(fake.settings(), { clock }).track(['4455667788']);
    expect(result?.found && result.events.map((e) => e.code)).toEqual(['express:SA', 'express:PU']);
  });

  it('links the public DHL Express tracking page', () => {
    expect(createDhlCarrier(fake.settings(), { clock }).trackingUrl('1234567890')).toBe('https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id=1234567890');
  });
});
