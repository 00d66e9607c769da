/**
 * Who sends the fuzzer's requests to a route: someone allowed to call it, so that requests get past
 * authentication to the validation and the handler behind it. Routes documented with `security: []`
 * and the health checks and inbound webhooks go without credentials (a webhook proves itself with
 * its signature, which the fuzzer forges); other /portal routes with a customer's session cookie
 * and CSRF token; other /auth routes with a staff session's; everything else with the admin key.
 * Routes that end a session get a session of their own, so that signing out does not sign out the
 * fuzzing of every other route.
 */
import type { Operation } from './openapi-document.js';
import { ADMIN_KEY } from '../support/server.js';
import type { BrowserSession } from '../support/sessions.js';

export interface Sessions {
  customer: BrowserSession;
  /** Signed out by POST /portal/auth/logout. */
  customerToSignOut: BrowserSession;
  staff: BrowserSession;
  /** Signed out by POST /auth/logout. */
  staffToSignOut: BrowserSession;
}

export type PrincipalName = 'nobody' | 'customer session' | 'staff session' | 'admin key';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const UNAUTHENTICATED = [/^\/healthz$/, /^\/readyz$/, /^\/webhooks\//];

export function principalFor(operation: Operation): PrincipalName {
  if (operation.public || UNAUTHENTICATED.some((re) => re.test(operation.path))) return 'nobody';
  if (operation.path.startsWith('/portal/')) return 'customer session';
  if (operation.path.startsWith('/auth/')) return 'staff session';
  return 'admin key';
}

function sessionHeaders(session: BrowserSession, method: string): Record<string, string> {
  return { cookie: session.cookie, ...(WRITES.has(method) ? { 'x-csrf-token': session.csrf } : {}) };
}

/** The credential headers for a request to this operation. */
export function credentialsFor(operation: Operation, sessions: Sessions): Record<string, string> {
  switch (principalFor(operation)) {
    case 'nobody':
      return {};
    case 'customer session':
      return sessionHeaders(operation.key === 'POST /portal/auth/logout' ? sessions.customerToSignOut : sessions.customer, operation.method);
    case 'staff session':
      return sessionHeaders(operation.key === 'POST /auth/logout' ? sessions.staffToSignOut : sessions.staff, operation.method);
    case 'admin key':
      return { authorization: `Bearer ${ADMIN_KEY}` };
  }
}
