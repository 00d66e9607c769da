import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../platform/clock.js';
import { austinHome, box, memphisWarehouse } from '../../../../test/support/fake-fedex/fixtures.js';
import { startFakeFedex, type FakeFedex } from '../../../../test/support/fake-fedex/index.js';
import type { RateRequest } from '../carrier.js';
import { createFedexCarrier } from './index.js';

let fake: FakeFedex;
beforeAll(async () => {
  fake = await startFakeFedex();
});
afterAll(() => fake.close());

const shipDate = new Date('2026-11-20T15:00:00Z'); // a Friday
const request: RateRequest = { origin: memphisWarehouse, destination: austinHome, parcels: [box], currency: 'USD', shipDate };
const carrier = () => createFedexCarrier(fake.settings(), { clock: fixedClock('2026-11-20T15:00:00Z') });

describe('FedEx rates', () => {
  it('quotes every service FedEx offers, at the account rate, in exact cents', async () => {
    const result = await carrier().rate(request);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // 2.5 kg is 5.6 lb, which FedEx bills as 3 started kilograms; the account rate is 80% of list.
    expect(result.quotes.map((q) => [q.service, q.amount, q.currency])).toEqual([
      ['first_overnight', Math.round((9875 + 455 * 3) * 0.8), 'USD'],
      ['priority_overnight', Math.round((6435 + 390 * 3) * 0.8), 'USD'],
      ['standard_overnight', Math.round((5510 + 335 * 3) * 0.8), 'USD'],
      ['2_day', Math.round((2899 + 215 * 3) * 0.8), 'USD'],
      ['express_saver', Math.round((2245 + 180 * 3) * 0.8), 'USD'],
      // The recipient is a home, so FedEx answers Home Delivery rather than Ground.
      ['home_delivery', Math.round((1335 + 110 * 3) * 0.8), 'USD'],
    ]);
    expect(result.quotes.every((q) => q.carrier === 'fedex' && Number.isInteger(q.amount))).toBe(true);
  });

  it("takes transit days and delivery dates from FedEx's commitment, else from its transit time", async () => {
    const result = await carrier().rate(request);
    if (!result.ok) throw new Error(result.message);
    const byService = Object.fromEntries(result.quotes.map((q) => [q.service, q]));
    expect(byService.priority_overnight).toMatchObject({ transitDays: 1, estimatedDeliveryDate: '2026-11-23', serviceName: 'FedEx Priority Overnight®' });
    expect(byService['2_day']).toMatchObject({ transitDays: 2, estimatedDeliveryDate: '2026-11-24' });
    // Ground commits to no date: five business days after Friday the 20th.
    expect(byService.home_delivery).toMatchObject({ transitDays: 5, estimatedDeliveryDate: '2026-11-27' });
  });

  it("sends FedEx's rate request shape: account, both rate types, pounds and inches from the US", async () => {
    await carrier().rate(request);
    const sent = fake.requests.filter((r) => r.path === '/rate/v1/rates/quotes').at(-1)!;
    expect(sent.method).toBe('POST');
    expect(sent.headers.authorization).toMatch(/^Bearer .+/);
    expect(sent.body.accountNumber).toEqual({ value: '740561073' });
    expect(sent.body.rateRequestControlParameters).toEqual({ returnTransitTimes: true });
    const shipment = sent.body.requestedShipment;
    expect(shipment.rateRequestType).toEqual(['ACCOUNT', 'LIST']);
    expect(shipment.shipDateStamp).toBe('2026-11-20');
    expect(shipment.pickupType).toBe('DROPOFF_AT_FEDEX_LOCATION');
    expect(shipment.shipper.address).toEqual({ streetLines: ['3875 Airways Blvd'], city: 'Memphis', stateOrProvinceCode: 'TN', postalCode: '38118', countryCode: 'US' });
    expect(shipment.recipient.address).toMatchObject({ streetLines: ['1100 Congress Ave', 'Apt 4'], postalCode: '78701', residential: true });
    expect(shipment.requestedPackageLineItems).toEqual([{ weight: { units: 'LB', value: 5.6 }, dimensions: { length: 12, width: 8, height: 6, units: 'IN' } }]);
  });

  it('weighs in kilograms and centimetres outside the US, and reads FedEx currency codes', async () => {
    const london = { ...memphisWarehouse, city: 'London', region: null, postal_code: 'EC1A 1BB', country: 'GB' };
    const leeds = { ...austinHome, city: 'Leeds', region: null, postal_code: 'LS1 4AP', country: 'GB' };
    const result = await carrier().rate({ ...request, origin: london, destination: leeds, currency: 'GBP' });
    if (!result.ok) throw new Error(result.message);
    // FedEx writes the pound as UKL.
    expect(new Set(result.quotes.map((q) => q.currency))).toEqual(new Set(['GBP']));
    const sent = fake.requests.filter((r) => r.path === '/rate/v1/rates/quotes').at(-1)!;
    expect(sent.body.requestedShipment.requestedPackageLineItems[0]).toEqual({ weight: { units: 'KG', value: 2.5 }, dimensions: { length: 30, width: 20, height: 15, units: 'CM' } });
  });

  it('keeps only the services asked for, and names a single one to FedEx', async () => {
    const result = await carrier().rate({ ...request, services: ['2_day'] });
    if (!result.ok) throw new Error(result.message);
    expect(result.quotes.map((q) => q.service)).toEqual(['2_day']);
    expect(fake.requests.at(-1)!.body.requestedShipment.serviceType).toBe('FEDEX_2_DAY');
  });

  it('quotes international services across borders', async () => {
    const toronto = { ...austinHome, city: 'Toronto', region: 'ON', postal_code: 'M5H 2N2', country: 'CA' };
    const result = await carrier().rate({ ...request, destination: toronto });
    if (!result.ok) throw new Error(result.message);
    expect(result.quotes.map((q) => q.service)).toEqual(['international_priority', 'international_economy']);
  });

  it("returns FedEx's own error code and message when it refuses the request", async () => {
    const result = await carrier().rate({ ...request, destination: { ...austinHome, postal_code: '00000' } });
    expect(result).toEqual({ ok: false, code: 'COUNTRY.POSTALCODEORZIP.INVALID', message: 'Invalid postal code/ZIP for the country selected. Please correct and try again.' });
  });
});
