/**
 * The dev outbox: without SMTP or Twilio, a message is "sent" by being kept. The notification row
 * itself is the store (listed by GET /api/v1/notifications, shown in the admin); these transports only
 * give it an id, without touching the network. An attachment is not kept either: the row's
 * reference names the record it is made from (attachments.ts).
 */
import { createHash } from 'node:crypto';
import type { EmailToSend, EmailTransport, SendResult, SmsToSend, SmsTransport } from '../types.js';

export function createOutboxEmail(): EmailTransport {
  return {
    kind: 'outbox',
    async send(message: EmailToSend): Promise<SendResult> {
      return { providerId: `outbox:${message.messageId}` };
    },
    async close(): Promise<void> {},
  };
}

export function createOutboxSms(): SmsTransport {
  return {
    kind: 'outbox',
    async send(message: SmsToSend): Promise<SendResult> {
      // An SMS has no Message-ID; the same text to the same number gets the same id.
      const digest = createHash('sha256').update(`${message.from}\n${message.to}\n${message.body}`).digest('hex').slice(0, 24);
      return { providerId: `outbox:${digest}` };
    },
  };
}
