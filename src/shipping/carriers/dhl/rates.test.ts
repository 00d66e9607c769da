import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../platform/clock.js';
import type { RateRequest } from '../carrier.js';
import { startFakeDhl, type FakeDhl } from '../../../../test/support/fake-dhl/index.js';
import { berlinCustomer, flatPack, leipzigWarehouse, mediumBox, newYorkCustomer, smallBox } from '../../../../test/support/fake-dhl/fixtures.js';
import { createDhlCarrier } from './index.js';

let fake: FakeDhl;
const clock = fixedClock('2026-11-20T09:00:00Z');

beforeAll(async () => {
  fake = await startFakeDhl();
});
afterAll(() => fake.close());

const toNewYork = (overrides: Partial<RateRequest> = {}): RateRequest => ({
  origin: leipzigWarehouse,
  destination: newYorkCustomer,
  parcels: [smallBox],
  currency: 'EUR',
  shipDate: new Date('2026-11-23T10:00:00Z'),
  ...overrides,
});

describe('DHL rates', () => {
  it('quotes one piece with GET /rates, per Waybill service, in exact minor units', async () => {
    const dhl = createDhlCarrier(fake.settings(), { clock });
    const before = fake.requests.length;
    const result = await dhl.rate(toNewYork());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // 2.5 kg → 3 started kg; EXPRESS EASY ("8") has no Waybill service and is left out.
    expect(result.quotes).toEqual([
      { carrier: 'dhl', service: 'express_worldwide', serviceName: 'DHL Express Worldwide', amount: 6735, currency: 'EUR', transitDays: 3, estimatedDeliveryDate: '2026-11-26' },
      { carrier: 'dhl', service: 'express_0900', serviceName: 'DHL Express 9:00', amount: 11665, currency: 'EUR', transitDays: 1, estimatedDeliveryDate: '2026-11-24' },
      { carrier: 'dhl', service: 'express_1200', serviceName: 'DHL Express 12:00', amount: 8836, currency: 'EUR', transitDays: 1, estimatedDeliveryDate: '2026-11-24' },
      { carrier: 'dhl', service: 'economy_select', serviceName: 'DHL Economy Select', amount: 4120, currency: 'EUR', transitDays: 5, estimatedDeliveryDate: '2026-11-28' },
    ]);
    const sent = fake.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.method).toBe('GET');
    expect(sent[0]!.path).toBe('/mydhlapi/rates');
    expect(sent[0]!.query).toMatchObject({
      accountNumber: '123456789',
      originCountryCode: 'DE',
      originCityName: 'Leipzig',
      originPostalCode: '04435',
      destinationCountryCode: 'US',
      destinationPostalCode: '10118',
      weight: '2.5',
      length: '30',
      width: '21',
      height: '11',
      plannedShippingDate: '2026-11-23',
      isCustomsDeclarable: 'true',
      unitOfMeasurement: 'metric',
    });
    expect(sent[0]!.headers.authorization).toBe(`Basic ${Buffer.from('mydhl-test-user:mydhl-test-password').toString('base64')}`);
  });

  it('quotes several pieces with POST /rates in DHL’s body shape', async () => {
    const dhl = createDhlCarrier(fake.settings(), { clock });
    const before = fake.requests.length;
    const result = await dhl.rate(toNewYork({ parcels: [smallBox, mediumBox, flatPack], services: ['express_worldwide'] }));
    expect(result).toEqual({
      ok: true,
      // 2.5 + 4.2 + 0.8 = 7.5 kg → 8 started kg.
      quotes: [{ carrier: 'dhl', service: 'express_worldwide', serviceName: 'DHL Express Worldwide', amount: 4599 + 712 * 8, currency: 'EUR', transitDays: 3, estimatedDeliveryDate: '2026-11-26' }],
    });
    const sent = fake.requests.slice(before)[0]!;
    expect(sent.method).toBe('POST');
    expect(sent.body).toEqual({
      customerDetails: {
        shipperDetails: { postalCode: '04435', cityName: 'Leipzig', countryCode: 'DE', addressLine1: 'Radefelder Allee 1' },
        receiverDetails: { postalCode: '10118', cityName: 'New York', countryCode: 'US', provinceCode: 'NY', addressLine1: '350 5th Ave' },
      },
      accounts: [{ typeCode: 'shipper', number: '123456789' }],
      plannedShippingDateAndTime: '2026-11-23T10:00:00 GMT+00:00',
      unitOfMeasurement: 'metric',
      isCustomsDeclarable: true,
      packages: [
        { weight: 2.5, dimensions: { length: 30, width: 21, height: 11 } },
        { weight: 4.2, dimensions: { length: 40, width: 30, height: 20 } },
        { weight: 0.8, dimensions: { length: 35, width: 25, height: 3 } },
      ],
    });
  });

  it('prefers the price in the shop’s currency over the billing currency', async () => {
    const dhl = createDhlCarrier(fake.settings(), { clock });
    const result = await dhl.rate(toNewYork({ currency: 'USD', services: ['express_worldwide'] }));
    expect(result.ok && result.quotes.map((q) => [q.amount, q.currency])).toEqual([[Math.round(6735 * 1.08), 'USD']]);
  });

  it('sends a ship date in the past as now, and domestic parcels undeclared', async () => {
    const dhl = createDhlCarrier(fake.settings(), { clock });
    const before = fake.requests.length;
    const result = await dhl.rate(toNewYork({ destination: berlinCustomer, shipDate: new Date('2026-11-01T08:00:00Z') }));
    expect(result.ok && result.quotes.map((q) => q.service)).toEqual(['domestic_express']);
    expect(fake.requests.slice(before)[0]!.query).toMatchObject({ plannedShippingDate: '2026-11-20', isCustomsDeclarable: 'false' });
  });

  it('returns DHL’s own error code and message for a lane it cannot serve', async () => {
    const dhl = createDhlCarrier(fake.settings(), { clock });
    const result = await dhl.rate(toNewYork({ destination: { ...newYorkCustomer, city: 'Nowhere' } }));
    expect(result).toEqual({ ok: false, code: '1001', message: '1001: The requested product(s) not available based on your search criteria.' });
  });

  it('answers not_configured without MyDHL Express credentials, and calls nothing', async () => {
    const dhl = createDhlCarrier(fake.settings({ express: null }), { clock });
    const before = fake.requests.length;
    const result = await dhl.rate(toNewYork());
    expect(result).toMatchObject({ ok: false, code: 'not_configured' });
    expect(fake.requests.length).toBe(before);
    expect(dhl.services.map((s) => s.code)).toContain('express_worldwide');
  });
});
