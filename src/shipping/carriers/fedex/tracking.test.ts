import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../platform/clock.js';
import { austinHome, box, memphisWarehouse } from '../../../../test/support/fake-fedex/fixtures.js';
import { fedexScan, startFakeFedex, trackResultFor, type FakeFedex } from '../../../../test/support/fake-fedex/index.js';
import { createFedexCarrier } from './index.js';

let fake: FakeFedex;
beforeAll(async () => {
  fake = await startFakeFedex();
});
afterAll(() => fake.close());

const carrier = () => createFedexCarrier(fake.settings(), { clock: fixedClock('2026-11-20T15:00:00Z') });
const austin = { city: 'AUSTIN', stateOrProvinceCode: 'TX', postalCode: '78701', countryCode: 'US' };

/** A delivered parcel, with each timestamp form FedEx writes. */
const delivered = trackResultFor(
  [
    fedexScan('OC', '2026-11-20T09:12:00-06:00'),
    fedexScan('PU', '2026-11-20T17:02:00-06:00'),
    fedexScan('AR', '2026-11-21T03:15:00-05:00', { scanLocation: { city: 'INDIANAPOLIS', stateOrProvinceCode: 'IN', postalCode: '46241', countryCode: 'US' } }),
    fedexScan('DP', '2026-11-22T06:05:00+00:00'),
    // FedEx sometimes drops the offset: the local time of an unknown zone, read as UTC.
    fedexScan('OD', '2026-11-23T08:10:00', { scanLocation: austin }),
    fedexScan('DE', '2026-11-23T14:30:00-06:00', { exceptionCode: '08', exceptionDescription: 'Customer not available or business closed', scanLocation: austin }),
    fedexScan('DL', '2026-11-24T10:15:00-06:00', { scanLocation: austin }),
  ],
  {
    deliveryDetails: { receivedByName: 'D.REYES', signedByName: 'DREYES', deliveryAttempts: '1', locationDescription: 'Front desk' },
    availableImages: [{ type: 'SIGNATURE_PROOF_OF_DELIVERY', size: 'SMALL' }],
    dateAndTimes: [{ type: 'ACTUAL_DELIVERY', dateTime: '2026-11-24T10:15:00-06:00' }],
  },
);

describe('FedEx tracking', () => {
  it('reads every scan, in every timestamp form, as an exact UTC instant, oldest first', async () => {
    fake.setTracking('794611110001', delivered);
    const [result] = await carrier().track(['794611110001']);
    if (!result?.found) throw new Error('not found');
    expect(result.events.map((e) => [e.code, e.occurredAt, e.status, e.reason])).toEqual([
      ['OC', '2026-11-20T15:12:00.000Z', 'label_created', null],
      ['PU', '2026-11-20T23:02:00.000Z', 'in_transit', null],
      ['AR', '2026-11-21T08:15:00.000Z', 'in_transit', null],
      ['DP', '2026-11-22T06:05:00.000Z', 'in_transit', null],
      ['OD', '2026-11-23T08:10:00.000Z', 'out_for_delivery', null],
      ['DE:08', '2026-11-23T20:30:00.000Z', 'failed_attempt', 'recipient_absent'],
      ['DL', '2026-11-24T16:15:00.000Z', 'delivered', null],
    ]);
  });

  it('keeps the scan text and place, and who signed on delivery', async () => {
    fake.setTracking('794611110001', delivered);
    const [result] = await carrier().track(['794611110001']);
    if (!result?.found) throw new Error('not found');
    const attempt = result.events.find((e) => e.code === 'DE:08')!;
    expect(attempt.description).toBe('Customer not available or business closed');
    expect(attempt.location).toEqual({ city: 'AUSTIN', region: 'TX', postal_code: '78701', country: 'US' });
    expect(attempt.signedBy).toBeNull();
    expect(attempt.trackingNumber).toBe('794611110001');
    expect(attempt.raw).toMatchObject({ eventType: 'DE', exceptionCode: '08' });
    const done = result.events.at(-1)!;
    expect(done).toMatchObject({ status: 'delivered', signedBy: 'DREYES', proofOfDelivery: 'SIGNATURE_PROOF_OF_DELIVERY', description: 'Delivered' });
  });

  it('falls back to who received it when FedEx has no signature name', async () => {
    fake.setTracking('794611110002', { ...delivered, deliveryDetails: { receivedByName: 'D.REYES' }, availableImages: [] });
    const [result] = await carrier().track(['794611110002']);
    if (!result?.found) throw new Error('not found');
    expect(result.events.at(-1)).toMatchObject({ signedBy: 'D.REYES', proofOfDelivery: null });
  });

  it("takes the ETA from the end of FedEx's estimated window, else its estimated date", async () => {
    const moving = [fedexScan('PU', '2026-11-20T17:02:00-06:00')];
    fake.setTracking('794611110003', trackResultFor(moving, { estimatedDeliveryTimeWindow: { window: { begins: '2026-11-24T08:00:00-06:00', ends: '2026-11-24T20:00:00-06:00' } } }));
    fake.setTracking('794611110004', trackResultFor(moving, { estimatedDeliveryTimeWindow: { window: {} }, dateAndTimes: [{ type: 'ESTIMATED_DELIVERY', dateTime: '2026-11-26T00:00:00-06:00' }] }));
    fake.setTracking('794611110005', trackResultFor(moving));
    const results = await carrier().track(['794611110003', '794611110004', '794611110005']);
    expect(results.map((r) => (r.found ? r.estimatedDelivery : 'missing'))).toEqual(['2026-11-25T02:00:00.000Z', '2026-11-26T23:59:59.999Z', null]);
  });

  it("answers FedEx's not-found error as found: false, in the order asked", async () => {
    fake.setTracking('794611110001', delivered);
    const results = await carrier().track(['123456789012', '794611110001']);
    expect(results[0]).toEqual({ found: false, trackingNumber: '123456789012', message: 'Tracking number cannot be found. Please correct the tracking number and try again.' });
    expect(results[1]).toMatchObject({ found: true, trackingNumber: '794611110001' });
    const sent = fake.requests.at(-1)!;
    expect(sent.body).toEqual({
      includeDetailedScans: true,
      trackingInfo: [{ trackingNumberInfo: { trackingNumber: '123456789012' } }, { trackingNumberInfo: { trackingNumber: '794611110001' } }],
    });
  });

  it('keeps an unknown code and its text, with the status unknown', async () => {
    fake.setTracking('794611110006', trackResultFor([fedexScan('QQ', '2026-11-21T10:00:00-06:00', { eventDescription: 'Something new at FedEx' })]));
    const [result] = await carrier().track(['794611110006']);
    if (!result?.found) throw new Error('not found');
    expect(result.events[0]).toMatchObject({ code: 'QQ', description: 'Something new at FedEx', status: 'unknown', reason: null });
  });

  it('reads a delay FedEx blames on weather as an exception for weather', async () => {
    fake.setTracking('794611110007', trackResultFor([fedexScan('DY', '2026-11-21T10:00:00-06:00', { delayDetail: { type: 'WEATHER', subType: 'SNOW', status: 'DELAYED' } })]));
    const [result] = await carrier().track(['794611110007']);
    if (!result?.found) throw new Error('not found');
    expect(result.events[0]).toMatchObject({ code: 'DY', status: 'exception', reason: 'weather' });
  });

  it('tracks a label it bought: FedEx has its shipment information', async () => {
    const label = await carrier().createLabel({ origin: memphisWarehouse, destination: austinHome, parcels: [box], service: 'ground', currency: 'USD', shipDate: new Date('2026-11-20T15:00:00Z'), reference: 'shp_1' });
    if (!label.ok) throw new Error(label.message);
    const [result] = await carrier().track([label.trackingNumber]);
    expect(result).toMatchObject({ found: true, events: [{ code: 'OC', status: 'label_created' }] });
  });

  it('splits more than 30 numbers into requests of 30, as FedEx allows', async () => {
    const numbers = Array.from({ length: 31 }, (_, i) => String(100000000000 + i));
    const before = fake.requests.length;
    const results = await carrier().track(numbers);
    expect(results.map((r) => r.trackingNumber)).toEqual(numbers);
    const sent = fake.requests.slice(before).filter((r) => r.path === '/track/v1/trackingnumbers');
    expect(sent.map((r) => r.body.trackingInfo.length)).toEqual([30, 1]);
    expect(carrier().trackBatchSize).toBe(30);
  });

  it("links FedEx's public tracking page", () => {
    expect(carrier().trackingUrl('794611110001')).toBe('https://www.fedex.com/fedextrack/?trknbr=794611110001');
  });
});
