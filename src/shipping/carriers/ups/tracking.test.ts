import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../platform/clock.js';
import { scan, startFakeUps, trackPackage, type FakeUps } from '../../../../test/support/fake-ups/index.js';
import { upsSettingsFor } from '../../../../test/support/fake-ups/fixtures.js';
import { createUpsCarrier } from './index.js';

const clock = fixedClock('2026-11-24T20:00:00Z');
const signature = Buffer.from('GIF89a-signature').toString('base64');

describe('UPS tracking', () => {
  let fake: FakeUps;
  let documented404: FakeUps;
  beforeAll(async () => {
    fake = await startFakeUps();
    documented404 = await startFakeUps({ notFoundAs404: true });
    fake.setTracking(
      '1ZA1B2C30312345678',
      trackPackage({
        trackingNumber: '1ZA1B2C30312345678',
        receivedBy: 'ADA',
        signatureImage: signature,
        deliveryDate: [{ type: 'DEL', date: '20261124' }],
        activity: [
          scan({ type: 'D', code: 'KB', statusCode: '011', description: 'DELIVERED', at: '2026-11-24T19:42:10Z', form: 'gmt-colon', city: 'BROOKLYN', stateProvince: 'NY', postalCode: '11249' }),
          scan({ type: 'I', code: 'OT', statusCode: '021', description: 'Out For Delivery Today', at: '2026-11-24T13:05:00Z', form: 'gmt-compact', city: 'Maspeth', stateProvince: 'NY' }),
          scan({ type: 'I', code: 'AR', statusCode: '005', description: 'Arrived at Facility', at: '2026-11-24T07:47:00Z', form: 'gmt-dropped-zero', city: 'Maspeth', stateProvince: 'NY' }),
          scan({ type: 'I', code: 'DP', statusCode: '005', description: 'Departed from Facility', at: '2026-11-23T03:30:00Z', form: 'local-offset', offset: '-06:00', city: 'Dallas', stateProvince: 'TX' }),
          scan({ type: 'M', code: 'MP', statusCode: '003', description: 'Shipper created a label, UPS has not received the package yet.', at: '2026-11-20T16:00:00Z', form: 'local-offset', offset: '-06:00' }),
        ],
      }),
    );
    fake.setTracking(
      '1ZA1B2C30399999999',
      trackPackage({
        trackingNumber: '1ZA1B2C30399999999',
        deliveryDate: [{ type: 'SDD', date: '20261125' }, { type: 'RDD', date: '20261126' }],
        deliveryTime: { type: 'EDW', startTime: '090000', endTime: '130000' },
        activity: [scan({ type: 'I', code: 'OR', statusCode: '005', description: 'Origin Scan', at: '2026-11-24T01:00:00Z', offset: '-05:00' })],
      }),
    );
  });
  afterAll(async () => {
    await fake.close();
    await documented404.close();
  });

  it('reads every timestamp form to the exact instant, oldest first, with statuses and places', async () => {
    const [result] = await createUpsCarrier(upsSettingsFor(fake), { clock }).track(['1ZA1B2C30312345678']);
    expect(result!.found).toBe(true);
    if (!result!.found) return;
    expect(result!.events.map((e) => [e.occurredAt, e.code, e.status])).toEqual([
      ['2026-11-20T16:00:00.000Z', 'M:MP', 'label_created'],
      ['2026-11-23T03:30:00.000Z', 'I:DP', 'in_transit'],
      ['2026-11-24T07:47:00.000Z', 'I:AR', 'in_transit'],
      ['2026-11-24T13:05:00.000Z', 'I:OT', 'out_for_delivery'],
      ['2026-11-24T19:42:10.000Z', 'D:KB', 'delivered'],
    ]);
    expect(result!.events[1]!.location).toEqual({ city: 'Dallas', region: 'TX', postal_code: null, country: 'US' });
    expect(result!.events[1]!.description).toBe('Departed from Facility');
    expect(result!.events.every((e) => e.trackingNumber === '1ZA1B2C30312345678' && e.eventId === null)).toBe(true);
    expect(result!.estimatedDelivery).toBeNull();
  });

  it('carries who signed and the signature on the delivered event only', async () => {
    const [result] = await createUpsCarrier(upsSettingsFor(fake), { clock }).track(['1ZA1B2C30312345678']);
    if (!result!.found) throw new Error('not found');
    const delivered = result!.events.at(-1)!;
    expect(delivered.signedBy).toBe('ADA');
    expect(delivered.proofOfDelivery).toBe(`data:image/gif;base64,${signature}`);
    expect(delivered.location).toEqual({ city: 'BROOKLYN', region: 'NY', postal_code: '11249', country: 'US' });
    expect(result!.events.slice(0, -1).every((e) => e.signedBy === null && e.proofOfDelivery === null)).toBe(true);
  });

  it('takes the rescheduled date and the end of the delivery window at the scan offset as the ETA', async () => {
    const [result] = await createUpsCarrier(upsSettingsFor(fake), { clock }).track(['1ZA1B2C30399999999']);
    expect(result).toMatchObject({ found: true, estimatedDelivery: '2026-11-26T18:00:00.000Z' });
  });

  it('sends the Track API query and headers UPS requires', async () => {
    await createUpsCarrier(upsSettingsFor(fake), { clock }).track(['1ZA1B2C30399999999']);
    const sent = fake.requests.filter((r) => r.path.startsWith('/api/track/')).at(-1)!;
    expect(sent.path).toBe('/api/track/v1/details/1ZA1B2C30399999999');
    expect(sent.query).toEqual({ locale: 'en_US', returnSignature: 'true' });
    expect(sent.headers.transid).toMatch(/^[0-9a-f]{32}$/);
    expect(sent.headers.transactionsrc).toBe('waybill');
  });

  it('answers found:false for a number UPS does not know (200 + TW0001, and the documented 404)', async () => {
    const [warned] = await createUpsCarrier(upsSettingsFor(fake), { clock }).track(['1ZNOTKNOWN00000001']);
    expect(warned).toEqual({ found: false, trackingNumber: '1ZNOTKNOWN00000001', message: 'TW0001 Tracking Information Not Found' });
    const [missing] = await createUpsCarrier(upsSettingsFor(documented404), { clock }).track(['1ZNOTKNOWN00000001']);
    expect(missing).toEqual({ found: false, trackingNumber: '1ZNOTKNOWN00000001', message: 'TW0001 Tracking Information Not Found' });
  });

  it('answers found:false for a number UPS calls invalid', async () => {
    const [result] = await createUpsCarrier(upsSettingsFor(fake), { clock }).track(['1Z1']);
    expect(result).toEqual({ found: false, trackingNumber: '1Z1', message: 'TV1002 Invalid inquiry number' });
  });

  it('tracks one number a call', async () => {
    const ups = createUpsCarrier(upsSettingsFor(fake), { clock });
    expect(ups.trackBatchSize).toBe(1);
    await expect(ups.track(['1ZA1B2C30312345678', '1ZA1B2C30399999999'])).rejects.toMatchObject({ name: 'CarrierError', retryable: false });
  });

  it('links the public tracking page', () => {
    expect(createUpsCarrier(upsSettingsFor(fake), { clock }).trackingUrl('1ZA1B2C30312345678')).toBe('https://www.ups.com/track?tracknum=1ZA1B2C30312345678');
  });
});
