/**
 * Sending one notification. The row is marked `sending` (committed) before the channel is called and
 * `sent` after, so a crash between the two resends it on the next attempt — with the same Message-ID,
 * which tells the one possible duplicate apart. A channel outage retries the job with backoff; after
 * the last attempt, or at once for a permanent refusal, the message is a dead letter (status `dead`,
 * its job in the jobs' dead letters), replayed by POST /api/v1/notifications/{id}/retry.
 *
 * A message with an attachment (a purchase order's PDF) has its document made here, just before the
 * channel is called: the row holds only the reference (attachments.ts).
 */
import type { JobContext } from '../platform/jobs/types.js';
import { makeAttachment, parseAttachment, type AttachmentRef } from './attachments.js';
import type { NotificationDeps } from './notification-deps.js';
import { findNotification, updateNotification } from './notification.repository.js';
import { isSupplierMessage } from './supplier-message-types.js';
import { ChannelError, type EmailAttachment, type SendResult } from './types.js';

/** A refusal no retry can change: the job gives up at once (the notification is dead). */
class PermanentSendError extends Error {}

/** A reference no writer of ours produces cannot become valid by waiting: refused at once. */
function attachmentOf(stored: string | null | undefined): AttachmentRef | null {
  try {
    return parseAttachment(stored);
  } catch (error) {
    throw new ChannelError('email', false, (error as Error).message, 'attachment_invalid', { cause: error });
  }
}

async function deliver(deps: NotificationDeps, n: NonNullable<Awaited<ReturnType<typeof findNotification>>>): Promise<SendResult> {
  if (n.channel === 'email') {
    const ref = attachmentOf(n.attachment);
    const attachments: EmailAttachment[] = ref === null ? [] : [await makeAttachment(deps.db, deps.attachments, ref)];
    return deps.transports.email.send({
      from: deps.settings.mailFrom,
      to: n.to_address,
      subject: n.subject ?? '',
      text: n.body_text,
      html: n.body_html ?? n.body_text,
      messageId: n.message_id,
      // A supplier answers the shop's people, not whatever address the mail is sent from.
      ...(isSupplierMessage(n.message_type) ? { replyTo: deps.branding.supportEmail } : {}),
      ...(attachments.length > 0 ? { attachments } : {}),
    });
  }
  const from = deps.settings.twilio?.from ?? '+10000000000';
  return deps.transports.sms.send({ from, to: n.to_address, body: n.body_text });
}

export async function sendNotification(ctx: JobContext, deps: NotificationDeps): Promise<void> {
  const id = ctx.job.payload.notification_id;
  if (typeof id !== 'string') throw new Error(`job ${ctx.job.id} has no notification_id`);
  const n = await findNotification(deps.db, id);
  if (n === null || n.status === 'sent' || n.status === 'outbox') return;
  const at = () => deps.clock.now().toISOString();
  await updateNotification(deps.db, id, { status: 'sending', attempts: Number(n.attempts) + 1, updated_at: at() });
  let result: SendResult;
  try {
    result = await deliver(deps, n);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const permanent = error instanceof ChannelError && !error.retryable;
    const last = permanent || ctx.job.attempt >= ctx.job.maxAttempts;
    await updateNotification(deps.db, id, { status: last ? 'dead' : 'failed', last_error: message.slice(0, 1000), updated_at: at() });
    if (permanent) throw new PermanentSendError(message);
    throw error;
  }
  const outbox = (n.channel === 'email' ? deps.transports.email.kind : deps.transports.sms.kind) === 'outbox';
  await ctx.complete(async (trx) => {
    await updateNotification(trx, id, { status: outbox ? 'outbox' : 'sent', provider_id: result.providerId.slice(0, 500), last_error: null, sent_at: at(), updated_at: at() });
  });
}

export function isPermanentSendError(error: unknown): boolean {
  return error instanceof PermanentSendError;
}
