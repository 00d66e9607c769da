import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../platform/clock.js';
import { CarrierError } from '../carrier.js';
import { FAKE_USPS, fakeUspsSettings, startFakeUsps, type FakeUsps } from '../../../../test/support/fake-usps/index.js';
import { USPS_TEST_NOW } from '../../../../test/support/fake-usps/fixtures.js';
import { createUspsCarrier } from './index.js';

let fake: FakeUsps;
beforeEach(async () => {
  fake = await startFakeUsps();
});
afterEach(() => fake.close());

const clock = fixedClock(USPS_TEST_NOW);
const webhookUrl = 'https://shop.example/webhooks/carriers/usps';
const first = '9205590000000000000042';
const second = '9205590000000000000043';
const calls = () => fake.requests.filter((r) => r.path === '/subscriptions-tracking/v3/subscriptions');

describe('USPS tracking subscriptions', () => {
  it('makes one subscription per number, with the listener URL and the secret notifications are signed with', async () => {
    const usps = createUspsCarrier(fakeUspsSettings(fake), { clock });
    expect(await usps.subscribe!({ trackingNumbers: [first, second], webhookUrl })).toEqual({ ok: true });
    expect(calls().map((r) => [r.method, r.status, r.body])).toEqual([
      ['POST', 201, { listenerURL: webhookUrl, secret: FAKE_USPS.webhookSecret, filterProperties: { trackingNumber: first } }],
      ['POST', 201, { listenerURL: webhookUrl, secret: FAKE_USPS.webhookSecret, filterProperties: { trackingNumber: second } }],
    ]);
    expect(calls()[0]!.headers.authorization).toMatch(/^Bearer /);
    expect(fake.subscriptions.map((s) => [s.trackingNumber, s.listenerURL, s.secret])).toEqual([
      [first, webhookUrl, FAKE_USPS.webhookSecret],
      [second, webhookUrl, FAKE_USPS.webhookSecret],
    ]);
  });

  it('names who USPS writes to when given an address', async () => {
    const usps = createUspsCarrier(fakeUspsSettings(fake), { clock, adminEmail: 'support@shop.example' });
    expect(await usps.subscribe!({ trackingNumbers: [first], webhookUrl })).toEqual({ ok: true });
    expect(calls()[0]!.body).toMatchObject({ adminNotification: [{ email: 'support@shop.example' }] });
  });

  it('counts a number already subscribed (a retried job) as subscribed', async () => {
    const usps = createUspsCarrier(fakeUspsSettings(fake), { clock });
    await usps.subscribe!({ trackingNumbers: [first], webhookUrl });
    expect(await usps.subscribe!({ trackingNumbers: [first], webhookUrl })).toEqual({ ok: true });
    expect(calls().map((r) => r.status)).toEqual([201, 400]);
    expect(fake.subscriptions).toHaveLength(1);
  });

  it('subscribes the numbers USPS takes and refuses when it takes none', async () => {
    const usps = createUspsCarrier(fakeUspsSettings(fake), { clock });
    expect(await usps.subscribe!({ trackingNumbers: ['NOT-A-NUMBER', first], webhookUrl })).toEqual({ ok: true });
    expect(fake.subscriptions.map((s) => s.trackingNumber)).toEqual([first]);
    expect(await usps.subscribe!({ trackingNumbers: ['NOT-A-NUMBER', '123'], webhookUrl })).toEqual({
      ok: false,
      code: 'SUB-0005',
      message: 'NOT-A-NUMBER: NOT-A-NUMBER is not a valid tracking number; 123: 123 is not a valid tracking number',
    });
  });

  it('throws a retryable CarrierError while USPS answers 500', async () => {
    const usps = createUspsCarrier(fakeUspsSettings(fake), { clock });
    fake.fail({ status: 500, match: 'POST /subscriptions-tracking/' });
    const error = await usps.subscribe!({ trackingNumbers: [first], webhookUrl }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CarrierError);
    expect(error).toMatchObject({ carrier: 'usps', operation: 'subscribe', retryable: true, status: 500 });
    expect(fake.subscriptions).toEqual([]);
  });

  it('answers not_configured without a request when no webhook secret is set', async () => {
    const usps = createUspsCarrier(fakeUspsSettings(fake, { webhookSecret: null }), { clock });
    expect(await usps.subscribe!({ trackingNumbers: [first], webhookUrl })).toMatchObject({ ok: false, code: 'not_configured' });
    expect(fake.requests).toEqual([]);
  });
});
