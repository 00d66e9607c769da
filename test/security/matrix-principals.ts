/**
 * The callers of the authorization matrix and what each must be told under each access rule.
 * Staff come as API keys (viewer, operator, admin) and as a signed-in operator's browser session
 * (cookie + CSRF token); customers as browser sessions: A, who asks for B's objects, and B.
 */
import type { Role } from '../../src/platform/http/api-keys.js';
import type { TestServer } from '../support/server.js';
import { cookieFrom, CUSTOMER_PASSWORD, STAFF_PASSWORD } from '../support/sessions.js';
import type { Access } from './access-matrix.js';

export type PrincipalKind = 'nobody' | 'key' | 'staff' | 'customer';

export interface Principal {
  name: string;
  kind: PrincipalKind;
  /** The staff role of a key or a staff session. */
  role?: Role;
  /** Authorization or Cookie, and for a session its CSRF token; refreshed by `signIn`. */
  credentials: { authorization?: string; cookie?: string; csrf?: string };
  /** Signs the session in again (after a route ended it); null for keys and nobody. */
  signIn: (() => Promise<void>) | null;
}

export interface Probe {
  status: number;
  code: string | null;
  contentType: string;
  text: string;
}

const rank: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isWrite(method: string): boolean {
  return WRITES.has(method);
}

/** What the server must answer: let in (anything but 401/403 and never 5xx), or refuse with this status and code. */
export type Expected = { allowed: true } | { allowed: false; status: 401 | 403 | 404; code: 'unauthorized' | 'forbidden' | 'not_found' };

const allowed: Expected = { allowed: true };
const unauthorized: Expected = { allowed: false, status: 401, code: 'unauthorized' };
const forbidden: Expected = { allowed: false, status: 403, code: 'forbidden' };
const notFound: Expected = { allowed: false, status: 404, code: 'not_found' };

/** `othersObject`: the path names an object of another customer than the caller. */
export function expectedFor(access: Access, principal: Principal, othersObject: boolean): Expected {
  switch (access) {
    case 'public':
      return allowed;
    case 'webhook':
      // No signature in the matrix's requests: whoever sends them, the route refuses.
      return unauthorized;
    case 'customer':
      if (principal.kind === 'nobody') return unauthorized;
      if (principal.kind !== 'customer') return forbidden;
      return othersObject ? notFound : allowed;
    case 'staff-session':
      if (principal.kind === 'nobody') return unauthorized;
      return principal.kind === 'staff' ? allowed : forbidden;
    default:
      if (principal.kind === 'nobody') return unauthorized;
      if (principal.kind === 'customer') return forbidden;
      return rank[principal.role!] >= rank[access] ? allowed : forbidden;
  }
}

/**
 * One request as a browser or an integration sends it: the principal's credentials, the CSRF header
 * on a session's writes (unless `withoutCsrf`), `{}` as the body of every write unless one is given. An event stream is
 * closed once its status and headers are in.
 */
export async function probe(server: Pick<TestServer, 'url'>, principal: Principal, method: string, path: string, options: { withoutCsrf?: boolean; body?: unknown } = {}): Promise<Probe> {
  const headers: Record<string, string> = {};
  const { authorization, cookie, csrf } = principal.credentials;
  if (authorization) headers.authorization = authorization;
  if (cookie) headers.cookie = cookie;
  if (csrf && isWrite(method) && !options.withoutCsrf) headers['x-csrf-token'] = csrf;
  const hasBody = method !== 'GET' && method !== 'DELETE';
  if (hasBody) headers['content-type'] = 'application/json';
  const controller = new AbortController();
  const response = await fetch(server.url + path, { method, headers, body: hasBody ? JSON.stringify(options.body ?? {}) : undefined, signal: controller.signal });
  const contentType = response.headers.get('content-type') ?? '';
  if (contentType.startsWith('text/event-stream')) {
    controller.abort();
    return { status: response.status, code: null, contentType, text: '' };
  }
  const text = await response.text();
  let code: string | null = null;
  if (contentType.includes('json') && text.length > 0) {
    const body = JSON.parse(text) as { code?: unknown };
    code = typeof body.code === 'string' ? body.code : null;
  }
  return { status: response.status, code, contentType, text };
}

export function keyPrincipal(name: string, role: Role, key: string): Principal {
  return { name, kind: 'key', role, credentials: { authorization: `Bearer ${key}` }, signIn: null };
}

export function nobody(): Principal {
  return { name: 'nobody', kind: 'nobody', credentials: {}, signIn: null };
}

async function sessionFrom(server: TestServer, path: string, cookieName: string, email: string, password: string): Promise<{ cookie: string; csrf: string }> {
  const login = await server.anonymous.post(path, { email, password });
  if (login.status !== 200) throw new Error(`sign-in of ${email}: ${login.status} ${login.text}`);
  const cookie = cookieFrom(login, cookieName);
  if (cookie === null) throw new Error(`sign-in of ${email}: no ${cookieName} cookie`);
  return { cookie, csrf: login.body.csrf_token };
}

/** A staff user's browser session (the user must exist), signed in with POST /auth/login. */
export async function staffSessionPrincipal(server: TestServer, name: string, role: Role, email: string): Promise<Principal> {
  const principal: Principal = { name, kind: 'staff', role, credentials: {}, signIn: null };
  principal.signIn = async () => {
    principal.credentials = await sessionFrom(server, '/auth/login', 'wb_staff_session', email, STAFF_PASSWORD);
  };
  await principal.signIn();
  return principal;
}

/** A customer's browser session (the account must exist), signed in with POST /portal/auth/login. */
export async function customerPrincipal(server: TestServer, name: string, email: string): Promise<Principal> {
  const principal: Principal = { name, kind: 'customer', credentials: {}, signIn: null };
  principal.signIn = async () => {
    principal.credentials = await sessionFrom(server, '/portal/auth/login', 'wb_session', email, CUSTOMER_PASSWORD);
  };
  await principal.signIn();
  return principal;
}
