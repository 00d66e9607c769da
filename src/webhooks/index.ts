/**
 * Outbound webhooks (issue item 7): endpoints with event filters, deliveries signed per the
 * Standard Webhooks spec, retried over more than three days, 410 Gone disabling the endpoint, a
 * delivery log with replay, and an SSRF guard on targets (private and loopback addresses only when
 * WAYBILL_WEBHOOKS_ALLOW_PRIVATE=1).
 */
import type { Deps } from '../deps.js';
import type { JobHandlers } from '../platform/jobs/types.js';
import { DELIVER_JOB, deliverWebhookHandler } from './deliver-webhook.js';
import type { WebhookDeps } from './webhook-deps.js';

export type { WebhookDeps } from './webhook-deps.js';
export type { RelayedEvent } from './types.js';
export { webhookRoutes } from './webhooks.routes.js';
/** Called by the event relay inside its transaction: deliveries and their first attempts for `events`. */
export { enqueueWebhookDeliveries, webhookBody } from './enqueue-deliveries.js';
export { webhookEventCatalogue, webhookEventFamilies, webhookEventTypes, filterMatches } from './event-catalogue.js';
export { retrySchedule, scheduleSpanMs } from './retry-schedule.js';
export { signWebhook, webhookHeaders } from './signing.js';
export { DELIVER_JOB } from './deliver-webhook.js';

/** WebhookDeps from the composition root. */
export function webhookDepsOf(deps: Deps): WebhookDeps {
  return { db: deps.db, clock: deps.clock, ids: deps.ids, enqueue: deps.enqueue, logger: deps.logger, allowPrivate: deps.config.webhooks.allowPrivate };
}

/** The worker's handlers: one attempt at one delivery per job. */
export function webhookJobHandlers(deps: WebhookDeps): JobHandlers {
  return { [DELIVER_JOB]: deliverWebhookHandler(deps) };
}
