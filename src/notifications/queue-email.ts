/**
 * Writes an email that belongs to no order (an account link, a purchase order to a supplier) and its
 * send job, inside the caller's transaction. The dedupe key makes a second write of the same message
 * a no-op (null), so a retried caller never emails twice.
 */
import type { Clock } from '../platform/clock.js';
import type { Trx } from '../platform/db/database.js';
import type { Ids } from '../platform/ids.js';
import type { Enqueue } from '../platform/jobs/types.js';
import { attachmentJson, type AttachmentRef } from './attachments.js';
import { insertNotification } from './notification.repository.js';
import { SEND_ATTEMPTS, SEND_NOTIFICATION_JOB } from './plan-notifications.js';
import type { EmailTransport } from './types.js';

export interface QueueEmailDeps {
  clock: Clock;
  ids: Ids;
  enqueue: Enqueue;
  publicUrl: string;
  transport: Pick<EmailTransport, 'kind'>;
}

export interface EmailToQueue {
  dedupeKey: string;
  type: string;
  to: string;
  customerId: string | null;
  rendered: { subject: string | null; text: string; html: string | null };
  attachment?: AttachmentRef | null;
}

export async function queueEmail(trx: Trx, deps: QueueEmailDeps, email: EmailToQueue): Promise<string | null> {
  const now = deps.clock.now().toISOString();
  const id = deps.ids.new('ntf');
  const inserted = await insertNotification(trx, {
    id,
    dedupe_key: email.dedupeKey,
    order_id: null,
    customer_id: email.customerId,
    shipment_id: null,
    event_id: null,
    message_type: email.type,
    channel: 'email',
    transport: deps.transport.kind === 'outbox' ? 'outbox' : 'smtp',
    to_address: email.to,
    subject: email.rendered.subject,
    body_text: email.rendered.text,
    body_html: email.rendered.html,
    message_id: `<${id}@${new URL(deps.publicUrl).hostname}>`,
    status: 'queued',
    attempts: 0,
    last_error: null,
    provider_id: null,
    send_after: now,
    sent_at: null,
    created_at: now,
    updated_at: now,
    attachment: email.attachment ? attachmentJson(email.attachment) : null,
  });
  if (!inserted) return null;
  await deps.enqueue(trx, { type: SEND_NOTIFICATION_JOB, payload: { notification_id: id }, dedupeKey: `notification:${id}:send`, maxAttempts: SEND_ATTEMPTS });
  return id;
}
