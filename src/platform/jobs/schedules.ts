/**
 * Recurring schedules: each one is enqueued once per time slot, whatever the number of workers —
 * the slot is part of the dedupe key, so the second worker's enqueue of the same slot is a no-op.
 */
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { Ids } from '../ids.js';
import { enqueueJob } from './queue.js';
import type { Schedule } from './types.js';

/** The start of the slot `at` falls in. */
export function slotStart(at: Date, everyMs: number): Date {
  return new Date(Math.floor(at.getTime() / everyMs) * everyMs);
}

const lastSlots = new WeakMap<readonly Schedule[], Map<string, number>>();

export async function enqueueDueSchedules(db: Db, deps: { ids: Ids; clock: Clock }, schedules: readonly Schedule[]): Promise<void> {
  let seen = lastSlots.get(schedules);
  if (seen === undefined) {
    seen = new Map();
    lastSlots.set(schedules, seen);
  }
  for (const schedule of schedules) {
    const slot = slotStart(deps.clock.now(), schedule.everyMs);
    // Once per slot per process is enough to ask; the dedupe key makes it once overall.
    if (seen.get(schedule.name) === slot.getTime()) continue;
    await enqueueJob(db, deps, { ...schedule.job, runAt: slot, dedupeKey: `schedule:${schedule.name}:${slot.toISOString()}` });
    seen.set(schedule.name, slot.getTime());
  }
}
