/**
 * The API as the pages use it: one set of clients for the page's own origin. Tests build their own
 * with createApiClients (client.ts).
 */
import { createApiClients } from './client.js';

export const api = createApiClients();
export { call, CSRF_HEADER, createApiClients, type ApiClient, type ApiClients, type Realm } from './client.js';
export { ApiError } from './problem.js';
export type * from './types.js';
