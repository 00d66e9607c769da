/** Chooses the channels from configuration: SMTP and Twilio when set, the dev outbox otherwise. */
import type { EmailTransport, SmsTransport } from '../types.js';
import { createOutboxEmail, createOutboxSms } from './outbox.js';
import { createSmtpTransport } from './smtp-email.js';
import { createTwilioTransport } from './twilio-sms.js';

export { createOutboxEmail, createOutboxSms } from './outbox.js';
export { classifySmtpError, createSmtpTransport, type SmtpOptions } from './smtp-email.js';
export { createTwilioTransport, TWILIO_BASE_URL, type TwilioOptions } from './twilio-sms.js';

export interface TransportSettings {
  smtpUrl: string | null;
  mailFrom: string;
  twilio: { accountSid: string; authToken: string; from: string; baseUrl: string } | null;
}

export interface Transports {
  email: EmailTransport;
  sms: SmsTransport;
}

export function createTransports(settings: TransportSettings): Transports {
  return {
    email: settings.smtpUrl ? createSmtpTransport({ url: settings.smtpUrl, from: settings.mailFrom }) : createOutboxEmail(),
    sms: settings.twilio ? createTwilioTransport(settings.twilio) : createOutboxSms(),
  };
}
