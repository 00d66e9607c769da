import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../platform/clock.js';
import { CarrierError, type Carrier, type RateRequest } from '../carrier.js';
import { FAKE_USPS, fakeUspsSettings, startFakeUsps, type FakeUsps } from '../../../../test/support/fake-usps/index.js';
import { parcel, USPS_TEST_NOW, uspsDestination, uspsOrigin } from '../../../../test/support/fake-usps/fixtures.js';
import { readUspsError } from './errors.js';
import { createUspsCarrier } from './index.js';

let fake: FakeUsps;
let clock: ReturnType<typeof fixedClock>;
let usps: Carrier;

beforeEach(async () => {
  fake = await startFakeUsps({ tokenLifetimeSeconds: 3600 });
  clock = fixedClock(USPS_TEST_NOW);
  usps = createUspsCarrier(fakeUspsSettings(fake), { clock });
});
afterEach(() => fake.close());

const rateRequest: RateRequest = { origin: uspsOrigin, destination: uspsDestination, parcels: [parcel(1000)], currency: 'USD', shipDate: new Date(USPS_TEST_NOW), services: ['priority_mail'] };
const label = () => usps.createLabel({ origin: uspsOrigin, destination: uspsDestination, parcels: [parcel(1000)], service: 'priority_mail', currency: 'USD', shipDate: new Date(USPS_TEST_NOW), reference: 'shp_e' });

async function thrown(promise: Promise<unknown>): Promise<CarrierError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CarrierError);
  return error as CarrierError;
}

describe('USPS authentication', () => {
  it('asks for a client-credentials token once and reuses it until it expires', async () => {
    await usps.rate(rateRequest);
    await usps.track(['9400000000000000000000']);
    expect(fake.counts.tokens).toBe(1);
    const tokenCall = fake.requests.find((r) => r.path === '/oauth2/v3/token');
    expect(tokenCall!.body).toEqual({ grant_type: 'client_credentials', client_id: FAKE_USPS.clientId, client_secret: FAKE_USPS.clientSecret });
    expect(tokenCall!.headers['content-type']).toContain('application/json');
    clock.advance(3600_000);
    await usps.track(['9400000000000000000000']);
    expect(fake.counts.tokens).toBe(2);
  });

  it('refreshes the token after one 401 and the call succeeds', async () => {
    await usps.rate(rateRequest);
    fake.fail({ status: 401, match: 'POST /prices' });
    const result = await usps.rate(rateRequest);
    expect(result.ok).toBe(true);
    expect(fake.counts.tokens).toBe(2);
  });

  it('refreshes both tokens when USPS no longer accepts them, then buys the label', async () => {
    expect((await label()).ok).toBe(true);
    fake.revokeTokens();
    const again = await label();
    expect(again.ok).toBe(true);
    expect(fake.counts.tokens).toBe(2);
    expect(fake.counts.paymentAuthorizations).toBe(2);
  });

  it('throws a non-retryable error when the second try is refused too', async () => {
    fake.fail({ status: 401, match: 'GET /tracking', count: 2 });
    const error = await thrown(usps.track(['9400000000000000000000']));
    expect(error).toMatchObject({ carrier: 'usps', operation: 'track', retryable: false, status: 401 });
  });

  it('throws a non-retryable auth error for wrong credentials', async () => {
    const wrong = createUspsCarrier(fakeUspsSettings(fake, { clientSecret: 'nope' }), { clock });
    const error = await thrown(wrong.rate(rateRequest));
    expect(error).toMatchObject({ operation: 'auth', retryable: false, status: 401 });
    expect(error.message).toContain('invalid_client');
  });

  it('throws a non-retryable error when USPS refuses the payment account', async () => {
    const wrongAccount = createUspsCarrier(fakeUspsSettings(fake, { payment: { crid: '1', mid: '2', manifestMid: '2', accountNumber: '3', accountType: 'EPS' } }), { clock });
    const error = await thrown(wrongAccount.createLabel({ origin: uspsOrigin, destination: uspsDestination, parcels: [parcel(1000)], service: 'priority_mail', currency: 'USD', shipDate: new Date(USPS_TEST_NOW), reference: 'x' }));
    expect(error).toMatchObject({ operation: 'label', retryable: false, status: 400 });
    expect(error.message).toContain('do not match an enrolled payment account');
    expect(fake.counts.labels).toBe(0);
  });
});

describe('USPS failures', () => {
  it('throws a retryable error on a 5xx', async () => {
    fake.fail({ status: 500, match: 'POST /prices' });
    const error = await thrown(usps.rate(rateRequest));
    expect(error).toMatchObject({ operation: 'rate', retryable: true, status: 500 });
  });

  it("throws a retryable error on a 429 with USPS's Retry-After", async () => {
    fake.fail({ status: 429, match: 'GET /tracking' });
    const error = await thrown(usps.track(['9400000000000000000000']));
    expect(error).toMatchObject({ operation: 'track', retryable: true, status: 429, retryAfterMs: 30_000 });
  });

  it('throws a retryable error when the token endpoint is down', async () => {
    fake.fail({ status: 503, match: '/oauth2/' });
    const error = await thrown(usps.rate(rateRequest));
    expect(error).toMatchObject({ operation: 'auth', retryable: true, status: 503 });
  });

  it('gives back the labels bought before a 5xx on a later parcel, then throws', async () => {
    fake.fail({ status: 503, match: 'POST /labels', skip: 1 });
    const error = await thrown(usps.createLabel({ origin: uspsOrigin, destination: uspsDestination, parcels: [parcel(1000), parcel(1000)], service: 'priority_mail', currency: 'USD', shipDate: new Date(USPS_TEST_NOW), reference: 'x' }));
    expect(error).toMatchObject({ operation: 'label', retryable: true, status: 503 });
    const issued = [...fake.labels.values()];
    expect(issued).toHaveLength(1);
    expect(issued[0]!.canceled).toBe(true);
  });
});

describe('reading USPS error bodies', () => {
  const res = (status: number, body: unknown, text = JSON.stringify(body)) => ({ status, body, text });

  it('prefers the first item of error.errors', () => {
    const body = { apiVersion: '/labels/v3', error: { code: '400', message: 'Bad Request', errors: [{ status: '400', code: '00000XX', title: 'Bad Request', detail: 'Order not found', source: { parameter: 'trackingNumber' } }] } };
    expect(readUspsError(res(400, body))).toEqual({ code: '00000XX', message: 'Order not found' });
  });

  it('joins several details and falls back to the top-level code and message', () => {
    const several = { error: { code: '400', message: 'Bad Request', errors: [{ title: 'A', detail: 'first' }, { title: 'B only' }] } };
    expect(readUspsError(res(400, several))).toEqual({ code: '400', message: 'first; B only' });
    expect(readUspsError(res(404, { error: { code: '404', message: 'Resource Not Found' } }))).toEqual({ code: '404', message: 'Resource Not Found' });
  });

  it('reads the OAuth error shape and plain text', () => {
    expect(readUspsError(res(400, { error: 'invalid_request', error_description: 'grant_type is required' }))).toEqual({ code: 'invalid_request', message: 'grant_type is required' });
    expect(readUspsError(res(502, 'Bad Gateway', 'Bad Gateway'))).toEqual({ code: '502', message: 'Bad Gateway' });
  });
});
