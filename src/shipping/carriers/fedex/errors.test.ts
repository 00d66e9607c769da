import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../platform/clock.js';
import { austinHome, box, memphisWarehouse } from '../../../../test/support/fake-fedex/fixtures.js';
import { startFakeFedex, type FakeFedex } from '../../../../test/support/fake-fedex/index.js';
import { CarrierError, type RateRequest } from '../carrier.js';
import type { FedexSettings } from '../../../config-shipping.js';
import { createFedexCarrier } from './index.js';

let fake: FakeFedex;
beforeAll(async () => {
  fake = await startFakeFedex();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
});

const request: RateRequest = { origin: memphisWarehouse, destination: austinHome, parcels: [box], currency: 'USD', shipDate: new Date('2026-11-20T15:00:00Z') };
const carrier = (overrides: Partial<FedexSettings> = {}, clock = fixedClock('2026-11-20T15:00:00Z')) => createFedexCarrier(fake.settings(overrides), { clock });
const tokenRequests = () => fake.requests.filter((r) => r.path === '/oauth/token');

async function failure(promise: Promise<unknown>): Promise<CarrierError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof CarrierError)) throw new Error(`expected a CarrierError, got ${String(error)}`);
  return error;
}

describe('FedEx errors and tokens', () => {
  it('asks for a token with the client credentials as a form, once for many calls', async () => {
    const fedex = carrier();
    await fedex.rate(request);
    await fedex.rate(request);
    expect(tokenRequests()).toHaveLength(1);
    expect(tokenRequests()[0]!.body).toEqual({ grant_type: 'client_credentials', client_id: 'l7fake0fedex0client0id', client_secret: 'fake-fedex-client-secret' });
    expect(tokenRequests()[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('fetches a new token once the old one is about to expire', async () => {
    const clock = fixedClock('2026-11-20T15:00:00Z');
    const fedex = carrier({}, clock);
    await fedex.rate(request);
    clock.advance(3599_000 - 30_000);
    await fedex.rate(request);
    expect(tokenRequests()).toHaveLength(2);
  });

  it('refreshes the token and succeeds when FedEx answers 401 once', async () => {
    const fedex = carrier();
    await fedex.rate(request);
    fake.revokeTokens();
    const result = await fedex.rate(request);
    expect(result.ok).toBe(true);
    expect(tokenRequests()).toHaveLength(2);
    const rates = fake.requests.filter((r) => r.path === '/rate/v1/rates/quotes');
    expect(rates.map((r) => r.status)).toEqual([200, 401, 200]);
  });

  it('gives up after one refresh when FedEx keeps answering 401', async () => {
    fake.fail({ status: 401, count: 2, match: '/ship/v1/shipments/cancel' });
    const error = await failure(carrier().voidLabel({ trackingNumber: '794600000001', carrierReference: null, packageTrackingNumbers: [] }));
    expect(error).toMatchObject({ carrier: 'fedex', operation: 'void', retryable: false, status: 401 });
    expect(tokenRequests()).toHaveLength(2);
  });

  it('throws a non-retryable error for bad credentials, with FedEx’s reason', async () => {
    const error = await failure(carrier({ clientSecret: 'wrong' }).rate(request));
    expect(error).toMatchObject({ carrier: 'fedex', operation: 'auth', retryable: false, status: 401 });
    expect(error.message).toContain('NOT.AUTHORIZED.ERROR');
    expect(fake.requests.filter((r) => r.path !== '/oauth/token')).toHaveLength(0);
  });

  it('throws retryable errors for 5xx answers', async () => {
    fake.fail({ status: 500, match: '/rate/' });
    expect(await failure(carrier().rate(request))).toMatchObject({ operation: 'rate', retryable: true, status: 500 });
    fake.fail({ status: 503, match: '/track/' });
    expect(await failure(carrier().track(['794600000001']))).toMatchObject({ operation: 'track', retryable: true, status: 503 });
  });

  it('throws a retryable error for 429, with how long FedEx asked to wait', async () => {
    fake.fail({ status: 429, match: '/ship/v1/shipments', headers: { 'retry-after': '7' } });
    const label = carrier().createLabel({ ...request, service: 'ground', reference: 'shp_429' });
    expect(await failure(label)).toMatchObject({ operation: 'label', retryable: true, status: 429, retryAfterMs: 7000 });
  });

  it('throws a retryable error when the token endpoint itself is down', async () => {
    fake.fail({ status: 503, match: '/oauth/token' });
    expect(await failure(carrier().rate(request))).toMatchObject({ operation: 'auth', retryable: true, status: 503 });
  });

  it('throws a retryable error when FedEx cannot be reached', async () => {
    const error = await failure(carrier({ baseUrl: 'http://127.0.0.1:9' }).rate(request));
    expect(error).toMatchObject({ operation: 'auth', retryable: true, status: null });
  });

  it('throws a non-retryable error when FedEx refuses a whole track request as malformed', async () => {
    fake.fail({ status: 400, match: '/track/', error: { code: 'TRACKING.TRACKINGNUMBER.INVALID', message: 'Please provide a valid tracking number.' } });
    const error = await failure(carrier().track(['794600000001']));
    expect(error).toMatchObject({ operation: 'track', retryable: false, status: 400 });
    expect(error.message).toContain('TRACKING.TRACKINGNUMBER.INVALID');
  });

  it('answers a whole request FedEx refuses as not found with found: false for each number', async () => {
    fake.fail({ status: 404, match: '/track/', error: { code: 'TRACKING.TRACKINGNUMBER.NOTFOUND', message: 'Tracking number cannot be found.' } });
    expect(await carrier().track(['794600000001', '794600000002'])).toEqual([
      { found: false, trackingNumber: '794600000001', message: 'Tracking number cannot be found.' },
      { found: false, trackingNumber: '794600000002', message: 'Tracking number cannot be found.' },
    ]);
  });

  it('tracks nothing without asking FedEx', async () => {
    expect(await carrier().track([])).toEqual([]);
    expect(fake.requests).toHaveLength(0);
  });
});
