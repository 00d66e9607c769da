import type { JobHandlers } from '../platform/jobs/types.js';
import type { NotificationDeps } from './notification-deps.js';
import { SEND_NOTIFICATION_JOB } from './plan-notifications.js';
import { sendNotification } from './send-notification.js';

export function notificationJobHandlers(deps: NotificationDeps): JobHandlers {
  return { [SEND_NOTIFICATION_JOB]: (ctx) => sendNotification(ctx, deps) };
}
