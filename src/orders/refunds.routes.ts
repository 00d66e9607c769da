/** STUB (being written): POST /orders/{id}/refunds and POST /refunds/{id}/retry under /api/v1. */
import type { Deps } from '../deps.js';
import type { App } from '../platform/http/types.js';

export function refundRoutes(_deps: Deps) {
  return async (_app: App) => {};
}
