/**
 * The typed API client: openapi-fetch over the generated `paths` (schema.d.ts, from the server's
 * /openapi.json), so a call whose path, parameters or body no longer match the server fails the
 * typecheck. Three clients share one fetch:
 * - `publicApi` sends no cookies (the tracking page);
 * - `portalApi` is the customer's browser session (cookie `wb_session_customer`…);
 * - `staffApi` is the staff user's (the admin).
 * A signed-in browser must send its session's CSRF token in `x-csrf-token` on every write
 * (src/platform/http/csrf.ts); the token comes from the sign-in answer or GET …/auth/session
 * (`csrf_token`) and is kept here per realm, in memory only.
 *
 * Nothing here touches `window` or `document`, so tests run it in Node against a real server.
 */
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { ApiError, apiErrorOf, networkError } from './problem.js';
import type { paths } from './schema.js';

export const CSRF_HEADER = 'x-csrf-token';

/** Whose browser session a call rides on. */
export type Realm = 'customer' | 'staff';

export type ApiClient = Client<paths>;

export interface ApiClients {
  publicApi: ApiClient;
  portalApi: ApiClient;
  staffApi: ApiClient;
  /** The CSRF token of each realm's session (null: not signed in, or not known yet). */
  csrf: Record<Realm, string | null>;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface ClientOptions {
  /** '' (the default): the page's own origin. */
  baseUrl?: string;
  /** A fetch of your own (tests: one that keeps cookies). */
  fetch?: typeof globalThis.fetch;
}

export function createApiClients(options: ClientOptions = {}): ApiClients {
  const csrf: Record<Realm, string | null> = { customer: null, staff: null };
  const base = { baseUrl: options.baseUrl ?? '', ...(options.fetch ? { fetch: options.fetch } : {}) };
  const withCsrf = (realm: Realm): Middleware => ({
    onRequest({ request }) {
      const token = csrf[realm];
      if (token !== null && !SAFE_METHODS.has(request.method.toUpperCase())) request.headers.set(CSRF_HEADER, token);
      return request;
    },
  });
  const portalApi = createClient<paths>({ ...base, credentials: 'include' });
  portalApi.use(withCsrf('customer'));
  const staffApi = createClient<paths>({ ...base, credentials: 'include' });
  staffApi.use(withCsrf('staff'));
  const publicApi = createClient<paths>({ ...base, credentials: 'omit' });
  return { publicApi, portalApi, staffApi, csrf };
}

/** What every openapi-fetch call resolves to, as far as `call` cares. */
interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * The answer's data, or an ApiError (the problem+json of a failed answer; status 0 when the server
 * could not be reached). `await call(portalApi.POST('/portal/auth/login', { body }))`.
 */
export async function call<T>(request: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await request;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw networkError();
  }
  if (!answer.response.ok) throw apiErrorOf(answer.response.status, answer.error);
  return answer.data as T;
}
