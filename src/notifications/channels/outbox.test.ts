import { describe, expect, it } from 'vitest';
import { startSmtpCapture } from '../../../test/support/smtp-capture.js';
import { startFakeTwilio } from '../../../test/support/fake-twilio.js';
import { createOutboxEmail, createOutboxSms } from './outbox.js';
import { createTransports } from './index.js';

const email = { from: 'orders@acme.example', to: 'ada@example.com', subject: 'Shipped', text: 't', html: '<p>h</p>', messageId: '<ntf_01@waybill.test>' };
const sms = { from: '+15125550100', to: '+12065550123', body: 'Shipped' };

describe('dev outbox', () => {
  it('"sends" email without a network, the id derived from the Message-ID', async () => {
    const outbox = createOutboxEmail();
    expect(outbox.kind).toBe('outbox');
    expect(await outbox.send(email)).toEqual({ providerId: 'outbox:<ntf_01@waybill.test>' });
    await outbox.close();
  });

  it('"sends" SMS with a stable id per text and number', async () => {
    const outbox = createOutboxSms();
    const first = await outbox.send(sms);
    expect(first.providerId).toMatch(/^outbox:[0-9a-f]{24}$/);
    expect(await outbox.send(sms)).toEqual(first);
    expect((await outbox.send({ ...sms, body: 'Delivered' })).providerId).not.toBe(first.providerId);
  });
});

describe('createTransports', () => {
  it('falls back to the outbox when SMTP and Twilio are not configured', () => {
    const transports = createTransports({ smtpUrl: null, mailFrom: 'orders@acme.example', twilio: null });
    expect(transports.email.kind).toBe('outbox');
    expect(transports.sms.kind).toBe('outbox');
  });

  it('uses SMTP and Twilio when configured, with WAYBILL_MAIL_FROM as the default sender', async () => {
    const capture = await startSmtpCapture();
    const fake = await startFakeTwilio();
    const transports = createTransports({
      smtpUrl: capture.url,
      mailFrom: 'Acme <orders@acme.example>',
      twilio: { accountSid: fake.accountSid, authToken: fake.authToken, from: '+15125550100', baseUrl: fake.url },
    });
    try {
      expect(transports.email.kind).toBe('smtp');
      expect(transports.sms.kind).toBe('twilio');
      await transports.email.send({ ...email, from: '' });
      expect((await capture.waitFor(1))[0]!.envelope.from).toBe('orders@acme.example');
      const { providerId } = await transports.sms.send({ ...sms, from: '' });
      expect(fake.messages).toMatchObject([{ sid: providerId, from: '+15125550100' }]);
    } finally {
      await transports.email.close();
      await capture.close();
      await fake.close();
    }
  });
});
