/** STUB (being written): the customer's return routes under /portal. */
import type { App } from '../platform/http/types.js';
import type { ReturnDeps } from './return-deps.js';

export function portalReturnRoutes(_deps: ReturnDeps) {
  return async (_app: App) => {};
}
