/** Notifications, jobs and webhook deliveries in words. Pure. */
import type { JobStatus, NotificationStatus, WebhookDelivery } from '../../api/index.js';
import { statusVocabulary } from '../ui/status-words.js';

const notifications = statusVocabulary<NotificationStatus>({
  queued: { label: 'Queued', tone: 'warning' },
  waiting: { label: 'Waiting (quiet hours)', tone: 'neutral' },
  sending: { label: 'Sending', tone: 'info' },
  sent: { label: 'Sent', tone: 'success' },
  outbox: { label: 'In the dev outbox', tone: 'info' },
  failed: { label: 'Failed, will retry', tone: 'warning' },
  dead: { label: 'Failed for good', tone: 'danger' },
});
export const notificationStatuses = notifications.statuses;
export const notificationStatusWords = notifications.words;

/** A dead or failed message may be sent again (POST /notifications/{id}/retry). */
export function canResend(status: NotificationStatus): boolean {
  return status === 'dead' || status === 'failed';
}

const jobs = statusVocabulary<JobStatus>({
  queued: { label: 'Queued', tone: 'warning' },
  running: { label: 'Running', tone: 'info' },
  done: { label: 'Done', tone: 'success' },
  dead: { label: 'Dead letter', tone: 'danger' },
});
export const jobStatuses = jobs.statuses;
export const jobStatusWords = jobs.words;

const deliveries = statusVocabulary<WebhookDelivery['status']>({
  pending: { label: 'Pending', tone: 'warning' },
  failed: { label: 'Failed, will retry', tone: 'warning' },
  delivered: { label: 'Delivered', tone: 'success' },
  dead: { label: 'Gave up', tone: 'danger' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
});
export const deliveryStatuses = deliveries.statuses;
export const deliveryStatusWords = deliveries.words;

/** `order_confirmation` → "Order confirmation", `purchase_order.sent` → "Purchase order sent". */
export function identifierWords(id: string): string {
  const spaced = id.replace(/[_.]+/g, ' ').trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

export function channelLabel(channel: string): string {
  return channel === 'sms' ? 'SMS' : channel === 'email' ? 'Email' : channel;
}

/** A JSON value laid out for reading. */
export function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
