/**
 * The replenishment run as background work: every minute on a schedule, and soon after stock
 * availability falls (the event relay nudges it, see nudgeReplenishmentRun). Both are off when
 * WAYBILL_AUTO_REORDER=off.
 */
import type { Executor } from '../platform/db/database.js';
import type { Enqueue, JobHandlers, Schedule } from '../platform/jobs/types.js';
import { raisePurchaseOrders } from './raise-purchase-orders.js';
import type { ReplenishmentDeps } from './replenishment-deps.js';

export const REPLENISHMENT_RUN_JOB = 'replenishment.run';

/** Nudged runs are at most one per this many milliseconds: a storm of orders makes a handful of runs, not one each. */
export const NUDGE_SLOT_MS = 5_000;

export function replenishmentJobHandlers(deps: ReplenishmentDeps): JobHandlers {
  return {
    [REPLENISHMENT_RUN_JOB]: async () => {
      if (!deps.settings.autoReorder) return;
      await raisePurchaseOrders(deps);
    },
  };
}

export function replenishmentSchedules(deps: Pick<ReplenishmentDeps, 'settings'>): Schedule[] {
  if (!deps.settings.autoReorder) return [];
  // The safety net: a pair whose nudge was lost (or whose supplier was set later) is seen within a minute.
  return [{ name: 'replenishment-run', everyMs: 60_000, job: { type: REPLENISHMENT_RUN_JOB, maxAttempts: 1 } }];
}

/**
 * Asks for a run soon, inside the caller's transaction (the relay's, which saw availability fall).
 * The dedupe key is the 5-second slot: the first fall in a slot runs at once; a later fall in the
 * same slot, which that run may have missed, gets the next slot's run at its start. So every fall is
 * looked at within about 5 s, and never more than one run per slot is queued.
 */
export async function nudgeReplenishmentRun(db: Executor, enqueue: Enqueue, now: Date): Promise<void> {
  const slot = Math.floor(now.getTime() / NUDGE_SLOT_MS) * NUDGE_SLOT_MS;
  const spec = (start: number, runAt: Date) => ({ type: REPLENISHMENT_RUN_JOB, runAt, maxAttempts: 1, dedupeKey: `replenishment:run:${new Date(start).toISOString()}` });
  if ((await enqueue(db, spec(slot, now))) !== null) return;
  const next = slot + NUDGE_SLOT_MS;
  await enqueue(db, spec(next, new Date(next)));
}
