import type { Migration } from 'kysely';
import * as core from './20261122090000_core.js';
import * as jobs from './20261123000100_jobs.js';
import * as paymentsFulfillment from './20261123000200_payments_fulfillment.js';
import * as shippingTracking from './20261201000100_shipping_tracking.js';
import * as notificationsWebhooks from './20261201000200_notifications_webhooks.js';
import * as accountsSessions from './20261201000300_accounts_sessions.js';
import * as returns from './20261201000400_returns.js';
import * as replenishment from './20261201000500_replenishment.js';
import * as adminWeb from './20261201000600_admin_web.js';

/** Every migration in order. Names are timestamps; a landed migration is never edited. */
export const migrations: Record<string, Migration> = {
  '20261122090000_core': core,
  '20261123000100_jobs': jobs,
  '20261123000200_payments_fulfillment': paymentsFulfillment,
  '20261201000100_shipping_tracking': shippingTracking,
  '20261201000200_notifications_webhooks': notificationsWebhooks,
  '20261201000300_accounts_sessions': accountsSessions,
  '20261201000400_returns': returns,
  '20261201000500_replenishment': replenishment,
  '20261201000600_admin_web': adminWeb,
};
