import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../platform/clock.js';
import { startFakeUps, type FakeUps } from '../../../../test/support/fake-ups/index.js';
import { austinWarehouse, brooklynCustomer, parcel, torontoCustomer, upsSettingsFor } from '../../../../test/support/fake-ups/fixtures.js';
import { createUpsCarrier } from './index.js';

// 2026-11-20 is a Friday: transit days skip the weekend.
const shipDate = new Date('2026-11-20T15:00:00Z');

describe('UPS rates', () => {
  let fake: FakeUps;
  let negotiated: FakeUps;
  beforeAll(async () => {
    fake = await startFakeUps();
    negotiated = await startFakeUps({ negotiatedRates: true });
  });
  afterAll(async () => {
    await fake.close();
    await negotiated.close();
  });

  it('quotes every domestic service with exact amounts, UPS transit days and arrival dates', async () => {
    const ups = createUpsCarrier(upsSettingsFor(fake), { clock: fixedClock(shipDate) });
    const result = await ups.rate({ origin: austinWarehouse, destination: brooklynCustomer, parcels: [parcel], currency: 'USD', shipDate });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const byService = Object.fromEntries(result.quotes.map((q) => [q.service, q]));
    expect(Object.keys(byService).sort()).toEqual(['2nd_day_air', '3_day_select', 'ground', 'next_day_air', 'next_day_air_early', 'next_day_air_saver']);
    // "8.29" and "19.99" are the decimals a float × 100 gets wrong.
    expect(byService.ground).toEqual({ carrier: 'ups', service: 'ground', serviceName: 'UPS Ground', amount: 829, currency: 'USD', transitDays: 4, estimatedDeliveryDate: '2026-11-26' });
    expect(byService['3_day_select']!.amount).toBe(1999);
    expect(byService.next_day_air).toMatchObject({ amount: 5501, transitDays: 1, estimatedDeliveryDate: '2026-11-23' });

    const sent = fake.requests.find((r) => r.path.startsWith('/api/rating/'))!;
    expect(sent.path).toBe('/api/rating/v2409/Shoptimeintransit');
    const shipment = (sent.body as any).RateRequest.Shipment;
    expect(shipment.Shipper.ShipperNumber).toBe(fake.accountNumber);
    expect(shipment.DeliveryTimeInformation).toEqual({ PackageBillType: '03', Pickup: { Date: '20261120' } });
    // 1.5 kg is 3.31 lb (up to 3.4), 30 cm is 11.81 in (up to 11.9).
    expect(shipment.Package[0]).toMatchObject({ PackagingType: { Code: '02' }, PackageWeight: { UnitOfMeasurement: { Code: 'LBS' }, Weight: '3.4' }, Dimensions: { UnitOfMeasurement: { Code: 'IN' }, Length: '11.9', Width: '7.9', Height: '4.0' } });
    expect(sent.headers.authorization).toMatch(/^Bearer /);
  });

  it('sums parcels, keeps only the services asked for, and prefers negotiated charges', async () => {
    const ups = createUpsCarrier(upsSettingsFor(negotiated), { clock: fixedClock(shipDate) });
    const result = await ups.rate({ origin: austinWarehouse, destination: brooklynCustomer, parcels: [parcel, parcel, parcel], currency: 'USD', shipDate, services: ['ground', '2nd_day_air'] });
    expect(result.ok && result.quotes.map((q) => [q.service, q.amount]).sort()).toEqual([
      ['2nd_day_air', Math.floor((2457 * 3 * 9) / 10)],
      ['ground', Math.floor((829 * 3 * 9) / 10)],
    ]);
  });

  it('shops across borders without time in transit, in the origin units and UPS guarantees', async () => {
    const ups = createUpsCarrier(upsSettingsFor(fake), { clock: fixedClock(shipDate) });
    const result = await ups.rate({ origin: torontoCustomer, destination: brooklynCustomer, parcels: [parcel], currency: 'CAD', shipDate });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const sent = fake.requests.filter((r) => r.path.startsWith('/api/rating/')).at(-1)!;
    expect(sent.path).toBe('/api/rating/v2409/Shop');
    expect((sent.body as any).RateRequest.Shipment.Package[0].PackageWeight).toEqual({ UnitOfMeasurement: { Code: 'KGS' }, Weight: '1.5' });
    const byService = Object.fromEntries(result.quotes.map((q) => [q.service, q]));
    // Standard has no guarantee and no time in transit: Waybill's nominal five days.
    expect(byService.standard).toMatchObject({ amount: 3115, currency: 'CAD', transitDays: 5, estimatedDeliveryDate: '2026-11-27' });
    expect(byService.worldwide_saver).toMatchObject({ amount: 8815, transitDays: 2, estimatedDeliveryDate: '2026-11-24' });
  });

  it('returns a destination UPS cannot serve as UPS said it', async () => {
    const ups = createUpsCarrier(upsSettingsFor(fake), { clock: fixedClock(shipDate) });
    const result = await ups.rate({ origin: austinWarehouse, destination: { ...brooklynCustomer, postal_code: '00000' }, parcels: [parcel], currency: 'USD', shipDate });
    expect(result).toEqual({ ok: false, code: '111210', message: 'The requested service is unavailable between the selected locations.' });
  });
});
