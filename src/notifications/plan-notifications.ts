/**
 * Turning a timeline event into messages, inside the relay's transaction: the message the event
 * means (message-rules.ts), for each channel the customer wants and can be reached on, rendered now
 * and written once — the row's unique key (order, message, shipment or refund, channel) makes a
 * second attempt a no-op — with the job that sends it, at once or after the SMS quiet hours.
 */
import type { Trx } from '../platform/db/database.js';
import { messageContext } from './message-context.js';
import { messageFor, type TimelineEvent } from './message-rules.js';
import type { NotificationDeps } from './notification-deps.js';
import { insertNotification } from './notification.repository.js';
import { isE164 } from './phone.js';
import { preferencesOf } from './preference.repository.js';
import { nextSendTime, parseQuietHours } from './quiet-hours.js';
import { timeZoneOf } from './time-zone.js';
import type { Channel } from './types.js';

export const SEND_NOTIFICATION_JOB = 'notifications.send';
/** Attempts before a message is a dead letter (backoff grows to about an hour between the last ones). */
export const SEND_ATTEMPTS = 8;

export async function planNotifications(trx: Trx, deps: NotificationDeps, event: TimelineEvent): Promise<number> {
  const planned = messageFor(event);
  if (planned === null) return 0;
  const context = await messageContext(trx, deps, event.order_id, planned, event.data);
  if (context === null) return 0;
  const order = await trx.selectFrom('orders').select(['customer_id']).where('id', '=', event.order_id).executeTakeFirst();
  const prefs = order === undefined ? null : await preferencesOf(trx, order.customer_id);
  const rendered = deps.render(planned.messageType, context);
  const now = deps.clock.now();
  let written = 0;
  const targets: Array<{ channel: Channel; to: string | null }> = [
    { channel: 'email', to: context.customer.email },
    { channel: 'sms', to: context.customer.phone },
  ];
  for (const { channel, to } of targets) {
    if (to === null || prefs === null || !prefs[channel][planned.messageType]) continue;
    if (channel === 'sms' && !isE164(to)) continue;
    const sendAfter = channel === 'sms' ? nextSendTime(now, timeZoneOf(context.order.shipping_address), parseQuietHours(deps.settings.smsQuietHours)) : now;
    const id = deps.ids.new('ntf');
    const transport = channel === 'email' ? deps.transports.email.kind : deps.transports.sms.kind;
    const inserted = await insertNotification(trx, {
      id,
      dedupe_key: `${event.order_id}:${planned.messageType}:${planned.qualifier}:${channel}`,
      order_id: event.order_id,
      customer_id: order!.customer_id,
      shipment_id: planned.shipmentId,
      event_id: event.id,
      message_type: planned.messageType,
      channel,
      transport: transport === 'outbox' ? 'outbox' : channel === 'email' ? 'smtp' : 'twilio',
      to_address: to,
      subject: channel === 'email' ? rendered.subject : null,
      body_text: channel === 'email' ? rendered.text : rendered.sms,
      body_html: channel === 'email' ? rendered.html : null,
      message_id: `<${id}@${new URL(deps.publicUrl).hostname}>`,
      status: sendAfter.getTime() > now.getTime() ? 'waiting' : 'queued',
      attempts: 0,
      last_error: null,
      provider_id: null,
      send_after: sendAfter.toISOString(),
      sent_at: null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    if (!inserted) continue;
    await deps.enqueue(trx, { type: SEND_NOTIFICATION_JOB, payload: { notification_id: id }, runAt: sendAfter, dedupeKey: `notification:${id}:send`, maxAttempts: SEND_ATTEMPTS });
    written++;
  }
  return written;
}
