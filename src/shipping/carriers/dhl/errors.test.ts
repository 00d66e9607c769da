import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../platform/clock.js';
import { CarrierError, type RateRequest } from '../carrier.js';
import { expressShipment, scans, startFakeDhl, type FakeDhl } from '../../../../test/support/fake-dhl/index.js';
import { leipzigWarehouse, newYorkCustomer, smallBox } from '../../../../test/support/fake-dhl/fixtures.js';
import { createDhlCarrier } from './index.js';

let fake: FakeDhl;
const clock = fixedClock('2026-11-20T09:00:00Z');
const rateRequest: RateRequest = { origin: leipzigWarehouse, destination: newYorkCustomer, parcels: [smallBox], currency: 'EUR', shipDate: new Date('2026-11-23T10:00:00Z') };
const label = { ...rateRequest, service: 'express_worldwide', reference: 'shp_errors' };

beforeAll(async () => {
  fake = await startFakeDhl();
  fake.setTracking('1234567890', expressShipment('1234567890', [scans.pickedUp('2026-11-20T16:55:00')]));
});
afterAll(() => fake.close());

async function thrown(promise: Promise<unknown>): Promise<CarrierError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CarrierError);
  return error as CarrierError;
}

describe('DHL failures', () => {
  it('throws a retryable CarrierError on a 5xx from MyDHL Express', async () => {
    const dhl = createDhlCarrier(fake.settings(), { clock });
    fake.failNext({ status: 500, match: '/mydhlapi/rates' });
    const error = await thrown(dhl.rate(rateRequest));
    expect(error).toMatchObject({ carrier: 'dhl', operation: 'rate', retryable: true, status: 500 });
    fake.failNext({ status: 503, match: '/mydhlapi/shipments' });
    expect(await thrown(dhl.createLabel(label))).toMatchObject({ operation: 'label', retryable: true, status: 503 });
    expect((await dhl.rate(rateRequest)).ok).toBe(true);
  });

  it('throws a retryable CarrierError with DHL’s Retry-After on a 429 from tracking', async () => {
    const dhl = createDhlCarrier(fake.settings(), { clock });
    fake.failNext({ status: 429, match: '/track/shipments', retryAfter: 7 });
    expect(await thrown(dhl.track(['1234567890']))).toMatchObject({ operation: 'track', retryable: true, status: 429, retryAfterMs: 7000 });
    const [again] = await dhl.track(['1234567890']);
    expect(again?.found).toBe(true);
  });

  it('throws a retryable CarrierError when DHL cannot be reached', async () => {
    const gone = await startFakeDhl();
    const settings = gone.settings();
    await gone.close();
    const dhl = createDhlCarrier(settings, { clock });
    expect(await thrown(dhl.track(['1234567890']))).toMatchObject({ retryable: true, status: null });
    expect(await thrown(dhl.rate(rateRequest))).toMatchObject({ retryable: true, status: null });
  });

  it('does not retry a 401: DHL’s credentials are static (no token to refresh), so it is non-retryable', async () => {
    const dhl = createDhlCarrier(fake.settings(), { clock });
    fake.failNext({ status: 401, match: '/mydhlapi/rates' });
    const before = fake.requests.length;
    expect(await thrown(dhl.rate(rateRequest))).toMatchObject({ retryable: false, status: 401 });
    expect(fake.requests.length - before).toBe(1);
    // Nothing is left broken: the next call goes through as before.
    expect((await dhl.rate(rateRequest)).ok).toBe(true);
  });

  it('throws a non-retryable CarrierError for bad MyDHL credentials and a bad API key', async () => {
    const badPassword = createDhlCarrier(fake.settings({ express: { ...fake.settings().express!, password: 'wrong' } }), { clock });
    const rateError = await thrown(badPassword.rate(rateRequest));
    expect(rateError).toMatchObject({ retryable: false, status: 401 });
    expect(rateError.message).toContain('Invalid Credentials');
    expect(fake.requests.at(-1)!.status).toBe(401);

    const badKey = createDhlCarrier(fake.settings({ apiKey: 'wrong' }), { clock });
    expect(await thrown(badKey.track(['1234567890']))).toMatchObject({ operation: 'track', retryable: false, status: 401 });
    expect(await thrown(badKey.voidLabel({ trackingNumber: '1234567890', carrierReference: null, packageTrackingNumbers: [] }))).toMatchObject({ retryable: false, status: 401 });
  });

  it('throws a non-retryable CarrierError for a tracking answer it cannot use, with DHL’s words', async () => {
    const dhl = createDhlCarrier(fake.settings(), { clock });
    fake.failNext({ status: 422, match: '/track/shipments', body: { status: 422, title: 'Unprocessable Entity', detail: 'Unsupported service' } });
    const error = await thrown(dhl.track(['1234567890']));
    expect(error).toMatchObject({ retryable: false, status: 422 });
    expect(error.message).toContain('Unsupported service');
  });

  it('returns DHL’s “multiple problems” body as a value with the first coded problem', async () => {
    const dhl = createDhlCarrier(fake.settings(), { clock });
    fake.failNext({
      status: 400,
      match: '/mydhlapi/shipments',
      body: {
        instance: '/expressapi/shipments',
        detail: 'Multiple problems found, see Additional Details',
        additionalDetails: ['1001: The requested product(s) (P) not available based on your search criteria.', '410135: Requested product(s) not available at origin, P/P'],
        status: '400',
      },
    });
    expect(await dhl.createLabel(label)).toEqual({
      ok: false,
      code: '1001',
      message: 'Multiple problems found, see Additional Details; 1001: The requested product(s) (P) not available based on your search criteria.; 410135: Requested product(s) not available at origin, P/P',
    });
  });
});
