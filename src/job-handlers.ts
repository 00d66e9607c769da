/**
 * The composition of background work: every capability's job handlers and recurring schedules,
 * gathered here so that platform/jobs knows no capability (DESIGN.md). The worker inside
 * `waybill serve` and every `waybill worker` process run exactly this map.
 */
import type { Deps } from './deps.js';
import type { JobHandlers, Schedule } from './platform/jobs/types.js';

export function jobHandlers(_deps: Deps): JobHandlers {
  return {};
}

export function jobSchedules(_deps: Deps): Schedule[] {
  return [];
}
