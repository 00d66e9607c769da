/** STUB (being written): suppliers, reorder policies and purchase orders under /api/v1. */
import type { App } from '../platform/http/types.js';
import type { ReplenishmentDeps } from './replenishment-deps.js';

export function replenishmentRoutes(_deps: ReplenishmentDeps) {
  return async (_app: App) => {};
}
