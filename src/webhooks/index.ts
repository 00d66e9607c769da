/**
 * Outbound webhooks (issue item 7): endpoints with event filters, signed deliveries per the
 * Standard Webhooks spec, retries over more than three days, a delivery log with replay.
 * STUB: being filled in.
 */
import type { Logger } from 'pino';
import type { Deps } from '../deps.js';
import type { Clock } from '../platform/clock.js';
import type { Db, Trx } from '../platform/db/database.js';
import type { Ids } from '../platform/ids.js';
import type { Enqueue, JobHandlers } from '../platform/jobs/types.js';
import type { App } from '../platform/http/types.js';
import type { RelayedEvent } from './types.js';

export interface WebhookDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly ids: Ids;
  readonly enqueue: Enqueue;
  readonly logger: Logger;
  /** WAYBILL_WEBHOOKS_ALLOW_PRIVATE=1: targets on loopback/private addresses are allowed (tests, dev). */
  readonly allowPrivate: boolean;
}

export function webhookDepsOf(deps: Deps): WebhookDeps {
  return { db: deps.db, clock: deps.clock, ids: deps.ids, enqueue: deps.enqueue, logger: deps.logger, allowPrivate: deps.config.webhooks.allowPrivate };
}

export function webhookRoutes(_deps: WebhookDeps) {
  return async (_app: App) => {};
}

export function webhookJobHandlers(_deps: WebhookDeps): JobHandlers {
  return {};
}

export async function enqueueWebhookDeliveries(_trx: Trx, _deps: WebhookDeps, _events: readonly RelayedEvent[]): Promise<number> {
  return 0;
}
