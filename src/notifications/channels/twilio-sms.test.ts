import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTwilio, type FakeTwilio } from '../../../test/support/fake-twilio.js';
import { ChannelError, type SmsToSend } from '../types.js';
import { createTwilioTransport } from './twilio-sms.js';

const sms = (overrides: Partial<SmsToSend> = {}): SmsToSend => ({
  from: '+15125550100',
  to: '+12065550123',
  body: 'Acme: order A-1001 is out for delivery today. Track: https://track.acme.example/t/tok_abc',
  ...overrides,
});

async function rejection(promise: Promise<unknown>): Promise<ChannelError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ChannelError);
    return error as ChannelError;
  }
  throw new Error('expected the send to fail');
}

describe('Twilio SMS against a local Messages API', () => {
  let fake: FakeTwilio;
  const transport = () => createTwilioTransport({ accountSid: fake.accountSid, authToken: fake.authToken, from: '+15125550100', baseUrl: fake.url });
  beforeAll(async () => {
    fake = await startFakeTwilio();
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  it('posts the form fields with Basic auth and returns the message SID', async () => {
    const result = await transport().send(sms());
    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request).toMatchObject({
      method: 'POST',
      path: `/2010-04-01/Accounts/${fake.accountSid}/Messages.json`,
      auth: { user: fake.accountSid, pass: fake.authToken },
      contentType: 'application/x-www-form-urlencoded',
      params: { To: '+12065550123', From: '+15125550100', Body: sms().body },
      status: 201,
    });
    expect(result.providerId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(fake.messages.map((m) => m.sid)).toEqual([result.providerId]);
    expect(fake.messages[0]).toMatchObject({ status: 'queued', to: '+12065550123', from: '+15125550100', account_sid: fake.accountSid });
  });

  it('uses the configured sender when the message has none, and a Messaging Service SID as such', async () => {
    await transport().send(sms({ from: '' }));
    const service = 'MG' + '0123456789abcdef'.repeat(2);
    await transport().send(sms({ from: service }));
    expect(fake.requests.map((r) => r.params)).toMatchObject([{ From: '+15125550100' }, { MessagingServiceSid: service }]);
    expect(fake.requests[1]!.params.From).toBeUndefined();
  });

  it('tidies typed separators but sends only E.164', async () => {
    await transport().send(sms({ to: '+1 (206) 555-0123' }));
    expect(fake.requests[0]!.params.To).toBe('+12065550123');
  });

  it.each(['2065550123', '+0123456789', '+1206555012345678', 'call me', ''])('never sends to %j (invalid_phone, not retryable)', async (to) => {
    const error = await rejection(transport().send(sms({ to })));
    expect(error).toMatchObject({ channel: 'sms', retryable: false, code: 'invalid_phone' });
    expect(fake.requests).toHaveLength(0);
  });

  it("Twilio's 21211 (invalid 'To') is permanent", async () => {
    const error = await rejection(transport().send(sms({ to: '+15005550001' })));
    expect(error).toMatchObject({ retryable: false, code: 'twilio_21211' });
    expect(error.message).toContain("The 'To' number +15005550001 is not a valid phone number.");
    expect(fake.messages).toHaveLength(0);
  });

  it('an unsubscribed recipient (21610) is permanent', async () => {
    const error = await rejection(transport().send(sms({ to: '+15005550004' })));
    expect(error).toMatchObject({ retryable: false, code: 'twilio_21610' });
  });

  it('bad credentials (20003, 401) are permanent', async () => {
    const wrong = createTwilioTransport({ accountSid: fake.accountSid, authToken: 'wrong', from: '+15125550100', baseUrl: fake.url });
    const error = await rejection(wrong.send(sms()));
    expect(error).toMatchObject({ retryable: false, code: 'twilio_20003' });
    expect(fake.requests[0]!.status).toBe(401);
  });

  it.each([
    [500, 'twilio_20500'],
    [503, 'twilio_20500'],
    [429, 'twilio_20429'],
  ])('%i is retryable, and the next try goes through', async (status, code) => {
    fake.failNext(1, status);
    const error = await rejection(transport().send(sms()));
    expect(error).toMatchObject({ retryable: true, code });
    expect(fake.messages).toHaveLength(0);
    const result = await transport().send(sms());
    expect(fake.messages.map((m) => m.sid)).toEqual([result.providerId]);
  });

  it('an answer lost after Twilio created the message is retryable (the one case that can send twice)', async () => {
    fake.inject({ kind: 'drop_after', count: 1 });
    const error = await rejection(transport().send(sms()));
    expect(error).toMatchObject({ retryable: true, code: 'network' });
    expect(fake.messages).toHaveLength(1);
  });

  it('Twilio unreachable is retryable', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const down = createTwilioTransport({ accountSid: fake.accountSid, authToken: fake.authToken, from: '+15125550100', baseUrl: `http://127.0.0.1:${port}` });
    const error = await rejection(down.send(sms()));
    expect(error).toMatchObject({ retryable: true, code: 'network' });
  });

  it('a Twilio that does not answer in time is retryable', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    try {
      const slow = createTwilioTransport({ accountSid: fake.accountSid, authToken: fake.authToken, from: '+15125550100', baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 200 });
      const error = await rejection(slow.send(sms()));
      expect(error).toMatchObject({ retryable: true, code: 'timeout' });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
