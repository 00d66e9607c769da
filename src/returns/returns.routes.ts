/** STUB (being written): staff return routes under /api/v1. */
import type { App } from '../platform/http/types.js';
import type { ReturnDeps } from './return-deps.js';

export function returnRoutes(_deps: ReturnDeps) {
  return async (_app: App) => {};
}
