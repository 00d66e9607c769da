/**
 * The composition of background work: every capability's job handlers and recurring schedules,
 * gathered here so that platform/jobs knows no capability (DESIGN.md). The worker inside
 * `waybill serve` and every `waybill worker` process run exactly this map.
 */
import type { Deps } from './deps.js';
import { fulfillmentJobHandlers } from './fulfillment/index.js';
import { orderDepsOf, paymentJobHandlers } from './orders/index.js';
import type { JobHandlers, Schedule } from './platform/jobs/types.js';

export function jobHandlers(deps: Deps): JobHandlers {
  return {
    ...paymentJobHandlers(orderDepsOf(deps)),
    ...fulfillmentJobHandlers({
      db: deps.db,
      clock: deps.clock,
      ids: deps.ids,
      enqueue: deps.enqueue,
      boxes: deps.config.boxes,
      manualPacking: deps.config.manualSteps.has('pack'),
    }),
  };
}

export function jobSchedules(_deps: Deps): Schedule[] {
  return [];
}
