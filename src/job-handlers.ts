/**
 * The composition of background work: every capability's job handlers and recurring schedules,
 * gathered here so that platform/jobs knows no capability (DESIGN.md). The worker inside
 * `waybill serve` and every `waybill worker` process run exactly this map.
 */
import { simWebhookUrl, type Deps } from './deps.js';
import { fulfillmentJobHandlers } from './fulfillment/index.js';
import { orderDepsOf, paymentJobHandlers } from './orders/index.js';
import { purgeExpiredIdempotencyKeys } from './platform/http/idempotency.js';
import { startWorker, type Worker, type WorkerOptions } from './platform/jobs/index.js';
import type { JobHandlers, Schedule } from './platform/jobs/types.js';
import { shippingJobHandlers } from './shipping/index.js';
import { replenishmentDepsOf, replenishmentJobHandlers, replenishmentSchedules } from './replenishment/index.js';
import { returnDepsOf, returnJobHandlers } from './returns/index.js';
import { shippingDepsOf } from './shipping/shipping-deps-of.js';
import { trackingJobHandlers, trackingSchedules } from './tracking/index.js';
import { relayEvents } from './event-relay.js';
import { notificationJobHandlers } from './notifications/index.js';
import { notificationDepsOf } from './notifications/notification-deps-of.js';
import { webhookDepsOf, webhookJobHandlers } from './webhooks/index.js';

const PURGE_IDEMPOTENCY_KEYS = 'maintenance.purge-idempotency-keys';
/** The event relay (event-relay.ts): timeline events and stock movements to notifications and webhooks. */
const RELAY_EVENTS = 'events.relay';
/** A job that does nothing, for `npm run bench -- jobs` (registered only when WAYBILL_BENCH_JOBS=1). */
export const BENCH_NOOP_JOB = 'bench.noop';

export function jobHandlers(deps: Deps): JobHandlers {
  return {
    ...(process.env.WAYBILL_BENCH_JOBS === '1' ? { [BENCH_NOOP_JOB]: async () => undefined } : {}),
    [PURGE_IDEMPOTENCY_KEYS]: async () => {
      const purged = await purgeExpiredIdempotencyKeys(deps.db, deps.clock.now());
      if (purged > 0) deps.logger.info({ purged }, 'expired idempotency keys purged');
    },
    ...paymentJobHandlers(orderDepsOf(deps)),
    ...fulfillmentJobHandlers({
      db: deps.db,
      clock: deps.clock,
      ids: deps.ids,
      enqueue: deps.enqueue,
      boxes: deps.config.boxes,
      manualPacking: deps.config.manualSteps.has('pack'),
    }),
    ...shippingJobHandlers(shippingDepsOf(deps)),
    ...trackingJobHandlers(shippingDepsOf(deps), { settings: deps.config.shipping.sim, webhookUrl: simWebhookUrl(deps.config) }),
    ...returnJobHandlers(returnDepsOf(deps)),
    ...replenishmentJobHandlers(replenishmentDepsOf(deps)),
    ...notificationJobHandlers(notificationDepsOf(deps)),
    ...webhookJobHandlers(webhookDepsOf(deps)),
    [RELAY_EVENTS]: async () => {
      await relayEvents({ deps, notifications: notificationDepsOf(deps), webhooks: webhookDepsOf(deps) });
    },
  };
}

export function jobSchedules(deps: Deps): Schedule[] {
  return [
    { name: 'purge-idempotency-keys', everyMs: 60 * 60 * 1000, job: { type: PURGE_IDEMPOTENCY_KEYS, maxAttempts: 3 } },
    // Every second: a customer hears of a change (and a webhook endpoint of an event) within about one.
    { name: 'events-relay', everyMs: 1_000, job: { type: RELAY_EVENTS, maxAttempts: 1 } },
    ...trackingSchedules(deps.config.shipping.sim.enabled && deps.carriers.get('sim') !== undefined),
    ...replenishmentSchedules(replenishmentDepsOf(deps)),
  ];
}

/** A worker over `deps` running exactly this map and these schedules (serve, `waybill worker`, tests). */
export function startAppWorker(deps: Deps, overrides: Partial<Pick<WorkerOptions, 'concurrency' | 'pollMs' | 'leaseMs' | 'backoff'>> = {}): Worker {
  return startWorker({
    db: deps.db,
    dialect: deps.dialect,
    clock: deps.clock,
    ids: deps.ids,
    logger: deps.logger,
    handlers: jobHandlers(deps),
    schedules: jobSchedules(deps),
    concurrency: deps.config.workerConcurrency,
    leaseMs: deps.config.jobLeaseMs,
    ...overrides,
  });
}
