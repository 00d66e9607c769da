import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../platform/clock.js';
import { CarrierError, type RateRequest } from '../carrier.js';
import { startFakeUps, type FakeUps } from '../../../../test/support/fake-ups/index.js';
import { austinWarehouse, brooklynCustomer, parcel, upsSettingsFor } from '../../../../test/support/fake-ups/fixtures.js';
import { createUpsCarrier } from './index.js';

const shipDate = new Date('2026-11-20T15:00:00Z');
const request: RateRequest = { origin: austinWarehouse, destination: brooklynCustomer, parcels: [parcel], currency: 'USD', shipDate };

async function thrown(promise: Promise<unknown>): Promise<CarrierError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CarrierError) return error;
    throw error;
  }
  throw new Error('expected a CarrierError');
}

describe('UPS errors and tokens', () => {
  let fake: FakeUps;
  beforeAll(async () => {
    fake = await startFakeUps({ tokenLifetimeSeconds: 3600 });
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => {
    fake.requests.length = 0;
  });

  it('fetches one token with HTTP Basic and reuses it until it is about to expire', async () => {
    const clock = fixedClock(shipDate);
    const ups = createUpsCarrier(upsSettingsFor(fake), { clock });
    const before = fake.tokensIssued();
    await ups.rate(request);
    await ups.rate(request);
    expect(fake.tokensIssued() - before).toBe(1);
    const auth = fake.requests.find((r) => r.path === '/security/v1/oauth/token')!;
    expect(auth.headers.authorization).toBe(`Basic ${Buffer.from(`${fake.clientId}:${fake.clientSecret}`).toString('base64')}`);
    expect(auth.body).toEqual({ grant_type: 'client_credentials' });
    clock.advance(3600_000 - 59_000);
    await ups.rate(request);
    expect(fake.tokensIssued() - before).toBe(2);
  });

  it('gets a new token after a 401 and the call succeeds', async () => {
    const ups = createUpsCarrier(upsSettingsFor(fake), { clock: fixedClock(shipDate) });
    await ups.rate(request);
    const before = fake.tokensIssued();
    fake.revokeTokens();
    const result = await ups.rate(request);
    expect(result.ok).toBe(true);
    expect(fake.tokensIssued() - before).toBe(1);
    expect(fake.requests.filter((r) => r.path.startsWith('/api/rating/')).map((r) => r.status)).toEqual([200, 401, 200]);
  });

  it('retries an injected 401 once and no more', async () => {
    const ups = createUpsCarrier(upsSettingsFor(fake), { clock: fixedClock(shipDate) });
    fake.fail({ status: 401, count: 1, match: '/api/track/' });
    expect((await ups.track(['1ZNOTKNOWN00000001']))[0]!.found).toBe(false);
    fake.fail({ status: 401, count: 2, match: '/api/track/' });
    const error = await thrown(ups.track(['1ZNOTKNOWN00000001']));
    expect(error).toMatchObject({ carrier: 'ups', operation: 'track', retryable: false, status: 401 });
  });

  it('throws a non-retryable auth error for credentials UPS refuses', async () => {
    const ups = createUpsCarrier(upsSettingsFor(fake, { clientSecret: 'wrong' }), { clock: fixedClock(shipDate) });
    const error = await thrown(ups.rate(request));
    expect(error).toMatchObject({ carrier: 'ups', operation: 'auth', retryable: false, status: 401 });
    expect(error.message).toContain('ClientId is Invalid');
  });

  it('throws retryable errors for 5xx and 429, with UPS Retry-After', async () => {
    const ups = createUpsCarrier(upsSettingsFor(fake), { clock: fixedClock(shipDate) });
    fake.fail({ status: 503, match: '/api/rating/' });
    expect(await thrown(ups.rate(request))).toMatchObject({ operation: 'rate', retryable: true, status: 503 });
    fake.fail({ status: 429, match: '/api/shipments/', retryAfter: '7' });
    const error = await thrown(ups.createLabel({ ...request, service: 'ground', reference: 'shp_1' }));
    expect(error).toMatchObject({ operation: 'label', retryable: true, status: 429, retryAfterMs: 7000 });
    fake.fail({ status: 500, match: '/security/' });
    expect(await thrown(createUpsCarrier(upsSettingsFor(fake), { clock: fixedClock(shipDate) }).rate(request))).toMatchObject({ operation: 'auth', retryable: true, status: 500 });
  });

  it('returns other 4xx UPS error bodies as values with UPS code and message', async () => {
    const ups = createUpsCarrier(upsSettingsFor(fake, { accountNumber: 'ZZZZZZ' }), { clock: fixedClock(shipDate) });
    expect(await ups.rate(request)).toEqual({ ok: false, code: '120100', message: 'Missing or invalid shipper number' });
    expect(await ups.voidLabel({ trackingNumber: '1ZNEVERSHIPPED0001', carrierReference: null, packageTrackingNumbers: [] })).toEqual({
      ok: false,
      code: '190102',
      message: 'No shipment found within the allowed void period',
    });
  });

  it('throws a retryable error when UPS cannot be reached', async () => {
    const closed = await startFakeUps();
    const url = closed.url;
    await closed.close();
    const ups = createUpsCarrier(upsSettingsFor(fake, { baseUrl: url }), { clock: fixedClock(shipDate) });
    expect(await thrown(ups.rate(request))).toMatchObject({ retryable: true, status: null });
  });
});
