import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../platform/clock.js';
import { CarrierError } from '../carrier.js';
import { startFakeUps, type FakeUps } from '../../../../test/support/fake-ups/index.js';
import { upsSettingsFor } from '../../../../test/support/fake-ups/fixtures.js';
import { createUpsCarrier } from './index.js';

const clock = fixedClock('2026-11-20T15:00:00Z');
const webhookUrl = 'https://shop.example/webhooks/carriers/ups';
const first = '1ZA1B2C30312345678';
const second = '1ZA1B2C30312345679';

describe('UPS Track Alert subscriptions', () => {
  let fake: FakeUps;
  beforeAll(async () => {
    fake = await startFakeUps();
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.requests.length = 0;
    fake.subscriptions.length = 0;
  });
  const subscriptionCalls = () => fake.requests.filter((r) => r.path === '/api/track/v1/subscription/standard/package');

  it('subscribes every number with the webhook URL and the credential UPS is to send back', async () => {
    const ups = createUpsCarrier(upsSettingsFor(fake), { clock });
    expect(await ups.subscribe!({ trackingNumbers: [first, second], webhookUrl })).toEqual({ ok: true });
    const [call] = subscriptionCalls();
    expect(call).toMatchObject({ method: 'POST', status: 200 });
    expect(call!.headers.authorization).toMatch(/^Bearer /);
    expect(call!.headers.transid).toMatch(/^[0-9a-f]{32}$/);
    expect(call!.headers.transactionsrc).toBe('waybill');
    expect(call!.body).toEqual({
      locale: 'en_US',
      countryCode: 'US',
      trackingNumberList: [first, second],
      destination: { url: webhookUrl, credentialType: 'Bearer', credential: fake.webhookCredential },
    });
    expect(fake.subscriptions.map((s) => [s.trackingNumber, s.url, s.credential])).toEqual([
      [first, webhookUrl, fake.webhookCredential],
      [second, webhookUrl, fake.webhookCredential],
    ]);
  });

  it('counts a partial subscription as made, and refuses when UPS takes none of the numbers', async () => {
    const ups = createUpsCarrier(upsSettingsFor(fake), { clock });
    expect(await ups.subscribe!({ trackingNumbers: [first, '1Z1234567$8'], webhookUrl })).toEqual({ ok: true });
    expect(fake.subscriptions.map((s) => s.trackingNumber)).toEqual([first]);

    const none = await ups.subscribe!({ trackingNumbers: ['1Z1234567$8', '794622220001'], webhookUrl });
    expect(none).toEqual({ ok: false, code: 'VSS210', message: expect.stringContaining('at least one valid tracking number') });
    expect(subscriptionCalls().map((r) => r.status)).toEqual([200, 400]);
    expect(fake.subscriptions).toHaveLength(1);
  });

  it('sends at most 100 numbers a request', async () => {
    const ups = createUpsCarrier(upsSettingsFor(fake), { clock });
    const many = Array.from({ length: 101 }, (_, i) => `1ZA1B2C303${String(i).padStart(8, '0')}`);
    expect(await ups.subscribe!({ trackingNumbers: many, webhookUrl })).toEqual({ ok: true });
    expect(subscriptionCalls().map((r) => (r.body as { trackingNumberList: string[] }).trackingNumberList.length)).toEqual([100, 1]);
    expect(fake.subscriptions).toHaveLength(101);
  });

  it('throws a retryable CarrierError while UPS answers 500', async () => {
    const ups = createUpsCarrier(upsSettingsFor(fake), { clock });
    fake.fail({ status: 500, match: 'POST /api/track/v1/subscription/' });
    const error = await ups.subscribe!({ trackingNumbers: [first], webhookUrl }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CarrierError);
    expect(error).toMatchObject({ carrier: 'ups', operation: 'subscribe', retryable: true, status: 500 });
    expect(fake.subscriptions).toEqual([]);
  });

  it('answers not_configured without a request when no webhook credential is set', async () => {
    const ups = createUpsCarrier(upsSettingsFor(fake, { webhookCredential: null }), { clock });
    expect(await ups.subscribe!({ trackingNumbers: [first], webhookUrl })).toMatchObject({ ok: false, code: 'not_configured' });
    expect(fake.requests).toEqual([]);
  });
});
