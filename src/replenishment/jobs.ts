/** STUB (being written): the replenishment run (raise purchase orders at the reorder point). */
import type { JobHandlers, Schedule } from '../platform/jobs/types.js';
import type { ReplenishmentDeps } from './replenishment-deps.js';

export const REPLENISHMENT_RUN_JOB = 'replenishment.run';

export function replenishmentJobHandlers(_deps: ReplenishmentDeps): JobHandlers {
  return {};
}

export function replenishmentSchedules(_deps: ReplenishmentDeps): Schedule[] {
  return [];
}
