/** STUB (being written): POST /returns/{id}/receive, /refund, /close under /api/v1. */
import type { App } from '../platform/http/types.js';
import type { ReturnDeps } from './return-deps.js';

export function returnReceiptRoutes(_deps: ReturnDeps) {
  return async (_app: App) => {};
}
