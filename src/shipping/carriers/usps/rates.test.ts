import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../platform/clock.js';
import type { Carrier, RateRequest } from '../carrier.js';
import { fakeUspsSettings, startFakeUsps, type FakeUsps } from '../../../../test/support/fake-usps/index.js';
import { parcel, USPS_TEST_NOW, uspsDestination, uspsOrigin } from '../../../../test/support/fake-usps/fixtures.js';
import { createUspsCarrier } from './index.js';

let fake: FakeUsps;
let usps: Carrier;

beforeEach(async () => {
  fake = await startFakeUsps();
  usps = createUspsCarrier(fakeUspsSettings(fake), { clock: fixedClock(USPS_TEST_NOW) });
});
afterEach(() => fake.close());

const request = (over: Partial<RateRequest> = {}): RateRequest => ({
  origin: uspsOrigin,
  destination: uspsDestination,
  parcels: [parcel(2000)],
  currency: 'USD',
  shipDate: new Date(USPS_TEST_NOW),
  ...over,
});

const priceCalls = () => fake.requests.filter((r) => r.path === '/prices/v3/base-rates/search');

describe('USPS rates', () => {
  it('quotes each service with exact cents, USPS service-standard days and delivery dates', async () => {
    const result = await usps.rate(request());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // 2000 g = 4.41 lb → 4.5 lb; the fake lists base + a step for each started pound after the first.
    expect(result.quotes).toEqual([
      { carrier: 'usps', service: 'ground_advantage', serviceName: 'USPS Ground Advantage', amount: 920, currency: 'USD', transitDays: 3, estimatedDeliveryDate: '2026-11-23' },
      { carrier: 'usps', service: 'priority_mail', serviceName: 'Priority Mail', amount: 1545, currency: 'USD', transitDays: 2, estimatedDeliveryDate: '2026-11-22' },
      { carrier: 'usps', service: 'priority_mail_express', serviceName: 'Priority Mail Express', amount: 4120, currency: 'USD', transitDays: 1, estimatedDeliveryDate: '2026-11-21' },
    ]);
  });

  it('sends USPS rate ingredients in pounds and inches, commercial with the payment account', async () => {
    await usps.rate(request({ services: ['priority_mail'], parcels: [parcel(2000, [300, 200, 150])] }));
    const [call] = priceCalls();
    expect(call!.body).toEqual({
      originZIPCode: '20024',
      destinationZIPCode: '63118',
      weight: 4.5,
      length: 11.9,
      width: 7.9,
      height: 6,
      mailClass: 'PRIORITY_MAIL',
      processingCategory: 'MACHINABLE',
      rateIndicator: 'SP',
      destinationEntryFacilityType: 'NONE',
      priceType: 'COMMERCIAL',
      mailingDate: '2026-11-20',
      accountType: 'EPS',
      accountNumber: '1000405525',
    });
    const estimate = fake.requests.find((r) => r.path === '/service-standards/v3/estimates');
    expect(estimate!.query).toEqual({ originZIPCode: '20024', destinationZIPCode: '63118', mailClass: 'PRIORITY_MAIL', acceptanceDate: '2026-11-20' });
    expect(estimate!.headers.authorization).toMatch(/^Bearer .+/);
  });

  it('prices every parcel on its own and adds the decimals exactly', async () => {
    fake.setPrice('PRIORITY_MAIL', 8.02);
    const result = await usps.rate(request({ services: ['priority_mail'], parcels: [parcel(500), parcel(900), parcel(1200)] }));
    // 8.02 + 8.02 + 8.02 in floating point is 24.060000000000002; in cents it is 2406.
    expect(result).toMatchObject({ ok: true, quotes: [{ service: 'priority_mail', amount: 2406 }] });
    expect(priceCalls().map((c) => c.body!.weight)).toEqual([1.2, 2, 2.7]);
  });

  it('asks only for the services requested', async () => {
    const result = await usps.rate(request({ services: ['priority_mail_express'] }));
    expect(result.ok && result.quotes.map((q) => q.service)).toEqual(['priority_mail_express']);
    expect(priceCalls().map((c) => c.body!.mailClass)).toEqual(['PRIORITY_MAIL_EXPRESS']);
  });

  it('falls back to the nominal days when Service Standards fails', async () => {
    fake.fail({ status: 503, match: 'GET /service-standards' });
    const result = await usps.rate(request({ services: ['ground_advantage'] }));
    // Nominal 5 business days from Friday 2026-11-20 skip the weekend.
    expect(result).toMatchObject({ ok: true, quotes: [{ amount: 920, transitDays: 5, estimatedDeliveryDate: '2026-11-27' }] });
  });

  it('quotes retail prices without a payment account', async () => {
    const retail = createUspsCarrier(fakeUspsSettings(fake, { payment: null }), { clock: fixedClock(USPS_TEST_NOW) });
    const result = await retail.rate(request({ services: ['ground_advantage'] }));
    expect(result.ok).toBe(true);
    expect(priceCalls()[0]!.body!.priceType).toBe('RETAIL');
    expect(priceCalls()[0]!.body).not.toHaveProperty('accountNumber');
  });

  it('refuses a destination abroad without asking USPS', async () => {
    const result = await usps.rate(request({ destination: { ...uspsDestination, country: 'CA', postal_code: 'K1A 0B1' } }));
    expect(result).toEqual({ ok: false, code: 'unsupported_destination', message: expect.any(String) });
    expect(fake.requests).toHaveLength(0);
  });

  it("returns USPS's own code and message when every mail class refuses", async () => {
    const result = await usps.rate(request({ parcels: [parcel(40_000)] }));
    expect(result).toEqual({ ok: false, code: '010660002', message: expect.stringContaining('exceeds the maximum of 70 lb') });
  });

  it("returns USPS's error for a ZIP Code it does not know", async () => {
    const result = await usps.rate(request({ destination: { ...uspsDestination, postal_code: '00000' } }));
    expect(result).toEqual({ ok: false, code: '010660004', message: '00000 is not a valid destination ZIP Code.' });
  });
});
