/** Notifications, jobs and webhook deliveries in words. Pure. */
import type { JobStatus, NotificationStatus, WebhookDelivery } from '../../api/index.js';
import type { Tone } from '../ui/StatusPill.js';

interface Words {
  label: string;
  tone: Tone;
}

export const notificationStatuses: readonly NotificationStatus[] = ['queued', 'waiting', 'sending', 'sent', 'outbox', 'failed', 'dead'];

const notificationWords: Record<NotificationStatus, Words> = {
  queued: { label: 'Queued', tone: 'warning' },
  waiting: { label: 'Waiting (quiet hours)', tone: 'neutral' },
  sending: { label: 'Sending', tone: 'info' },
  sent: { label: 'Sent', tone: 'success' },
  outbox: { label: 'In the dev outbox', tone: 'info' },
  failed: { label: 'Failed, will retry', tone: 'warning' },
  dead: { label: 'Failed for good', tone: 'danger' },
};

export function notificationStatusWords(status: NotificationStatus): Words {
  return notificationWords[status];
}

/** A dead or failed message may be sent again (POST /notifications/{id}/retry). */
export function canResend(status: NotificationStatus): boolean {
  return status === 'dead' || status === 'failed';
}

export const jobStatuses: readonly JobStatus[] = ['queued', 'running', 'done', 'dead'];

const jobWords: Record<JobStatus, Words> = {
  queued: { label: 'Queued', tone: 'warning' },
  running: { label: 'Running', tone: 'info' },
  done: { label: 'Done', tone: 'success' },
  dead: { label: 'Dead letter', tone: 'danger' },
};

export function jobStatusWords(status: JobStatus): Words {
  return jobWords[status];
}

export const deliveryStatuses: readonly WebhookDelivery['status'][] = ['pending', 'failed', 'delivered', 'dead', 'cancelled'];

const deliveryWords: Record<WebhookDelivery['status'], Words> = {
  pending: { label: 'Pending', tone: 'warning' },
  failed: { label: 'Failed, will retry', tone: 'warning' },
  delivered: { label: 'Delivered', tone: 'success' },
  dead: { label: 'Gave up', tone: 'danger' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
};

export function deliveryStatusWords(status: WebhookDelivery['status']): Words {
  return deliveryWords[status];
}

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
