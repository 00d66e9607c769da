import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../platform/clock.js';
import { CarrierError } from '../carrier.js';
import { FAKE_DHL, startFakeDhl, type FakeDhl } from '../../../../test/support/fake-dhl/index.js';
import { createDhlCarrier } from './index.js';

const clock = fixedClock('2026-11-20T09:00:00Z');
const webhookUrl = 'https://shop.example/webhooks/carriers/dhl';
const awb = '1234567890';
const piece = `JD014600${awb}01`;

describe('DHL push subscriptions', () => {
  let fake: FakeDhl;
  beforeAll(async () => {
    fake = await startFakeDhl();
  });
  afterAll(() => fake.close());
  const calls = () => fake.requests.filter((r) => r.path === '/tracking/push/v1/subscription');

  it('subscribes the shipment’s numbers with the hook DHL is to push to and the token it is to send', async () => {
    const dhl = createDhlCarrier(fake.settings(), { clock });
    expect(await dhl.subscribe!({ trackingNumbers: [awb, piece, awb], webhookUrl })).toEqual({ ok: true });
    const call = calls().at(-1)!;
    expect(call).toMatchObject({ method: 'POST', status: 201 });
    expect(call.headers['dhl-api-key']).toBe(FAKE_DHL.apiKey);
    expect(call.body).toEqual({
      hook: { uri: webhookUrl, authentication: { type: 'ApiKeyAuthentication', header: 'DHL-API-Key', token: FAKE_DHL.webhookSecret } },
      format: 'Default',
      type: 'Shipment',
      service: 'express',
      events: ['Pre-Transit', 'Transit', 'Delivered', 'Failure', 'Unknown'],
      shipmentIDs: [awb, piece],
    });
    expect(fake.subscriptions.at(-1)).toMatchObject({ shipmentIDs: [awb, piece], hook: { uri: webhookUrl, authentication: { header: 'DHL-API-Key', token: FAKE_DHL.webhookSecret } } });
    // What DHL then sends is what the webhook accepts.
    expect(dhl.parseWebhook(fake.push([{ id: awb, events: [] }]).body, { 'DHL-API-Key': FAKE_DHL.webhookSecret }).valid).toBe(true);
  });

  it('returns DHL’s refusal of invalid numbers as a value', async () => {
    const dhl = createDhlCarrier(fake.settings(), { clock });
    const before = fake.subscriptions.length;
    const result = await dhl.subscribe!({ trackingNumbers: [awb, 'not a number!'], webhookUrl });
    expect(result).toEqual({ ok: false, code: 'Bad Request', message: 'Invalid shipment IDs: not a number!' });
    expect(calls().at(-1)!.status).toBe(400);
    expect(fake.subscriptions).toHaveLength(before);
  });

  it('throws a retryable CarrierError while DHL answers 500, and a non-retryable one for a key DHL refuses', async () => {
    fake.failNext({ status: 500, match: 'POST /tracking/push/' });
    const error = await createDhlCarrier(fake.settings(), { clock }).subscribe!({ trackingNumbers: [awb], webhookUrl }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CarrierError);
    expect(error).toMatchObject({ carrier: 'dhl', operation: 'subscribe', retryable: true, status: 500 });
    const refused = await createDhlCarrier(fake.settings({ apiKey: 'wrong' }), { clock }).subscribe!({ trackingNumbers: [awb], webhookUrl }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ operation: 'subscribe', retryable: false, status: 401 });
  });

  it('answers not_configured without a request when no push secret is set', async () => {
    const dhl = createDhlCarrier(fake.settings({ webhookSecret: null }), { clock });
    const before = fake.requests.length;
    expect(await dhl.subscribe!({ trackingNumbers: [awb], webhookUrl })).toMatchObject({ ok: false, code: 'not_configured' });
    expect(fake.requests).toHaveLength(before);
  });
});
