/**
 * Browser-style sessions for tests: a customer who registered (and, by default, verified their
 * email through the link the server mailed), or a staff user created the way `waybill users create`
 * does and signed in with POST /auth/login. A session sends its cookie on every request and the
 * CSRF header on writes, as the portal and the admin dashboard do.
 */
import { request as httpRequest } from 'node:http';
import { createStaffUser } from '../../src/accounts/index.js';
import type { Role } from '../../src/platform/http/api-keys.js';
import type { Answer } from './http.js';
import type { TestServer } from './server.js';

export interface BrowserSession {
  /** The Cookie header value (`name=value`). */
  cookie: string;
  /** The session's CSRF token, sent as `x-csrf-token` on POST/PUT/PATCH/DELETE. */
  csrf: string;
  /** A request with the cookie (and, for writes, the CSRF header). `headers` are added (and may override). */
  request<T = any>(method: string, path: string, json?: unknown, headers?: Record<string, string>): Promise<Answer<T>>;
}

export interface CustomerSession extends BrowserSession {
  accountId: string;
  email: string;
  /** The customers row the account is linked to once its email is verified (null before). */
  customerId: string | null;
}

export interface StaffSession extends BrowserSession {
  userId: string;
  email: string;
  role: Role;
  password: string;
}

export const CUSTOMER_PASSWORD = 'a quiet harbour at dawn';
export const STAFF_PASSWORD = 'staff ledger lantern 42';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** `name=value` of the named cookie in an answer's Set-Cookie headers, or null. */
export function cookieFrom(answer: Answer, name: string): string | null {
  for (const line of answer.headers.getSetCookie()) {
    const pair = line.split(';')[0]!;
    const eq = pair.indexOf('=');
    if (pair.slice(0, eq).trim().replace(/^__Host-/, '') === name && pair.slice(eq + 1) !== '') return pair.trim();
  }
  return null;
}

/** The full Set-Cookie line for a cookie (its attributes included), or null. */
export function setCookieLine(answer: Answer, name: string): string | null {
  return answer.headers.getSetCookie().find((line) => line.split('=')[0]!.trim().replace(/^__Host-/, '') === name) ?? null;
}

export function browserSession(server: Pick<TestServer, 'anonymous'>, cookie: string, csrf: string): BrowserSession {
  return {
    cookie,
    csrf,
    request: (method, path, json, headers = {}) => {
      const upper = method.toUpperCase();
      const sent: Record<string, string> = { cookie, ...(WRITES.has(upper) ? { 'x-csrf-token': csrf } : {}), ...headers };
      return server.anonymous.request(upper, path, { json, headers: sent });
    },
  };
}

/**
 * Requests from another source address on the loopback network (127.0.0.2, 127.0.0.3…): the server
 * sees another client IP, as it would for another machine (it trusts no X-Forwarded-For).
 */
export function fromAddress(server: Pick<TestServer, 'url'>, localAddress: string) {
  return (method: string, path: string, json?: unknown, headers: Record<string, string> = {}): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const url = new URL(path, server.url);
      const body = json === undefined ? undefined : JSON.stringify(json);
      const sent: Record<string, string> = { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers };
      const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers: sent, localAddress }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const out = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (Array.isArray(value)) for (const v of value) out.append(name, v);
            else if (value !== undefined) out.set(name, value);
          }
          const parsed = (res.headers['content-type'] ?? '').includes('json') && text.length > 0 ? JSON.parse(text) : text;
          resolve({ status: res.statusCode ?? 0, headers: out, body: parsed, text });
        });
      });
      req.on('error', reject);
      req.end(body);
    });
}

/** The newest message of this template to this address, with its text (from the notifications API). */
export async function latestMessage(server: Pick<TestServer, 'admin'>, to: string, template: string): Promise<{ id: string; text: string; html: string | null; subject: string | null } | null> {
  const list = await server.admin.get('/api/v1/notifications?channel=email&limit=200');
  if (list.status !== 200) throw new Error(`listing notifications: ${list.status} ${list.text}`);
  const found = (list.body.data as Array<{ id: string; to: string; template: string }>).find((n) => n.to === to.toLowerCase() && n.template === template);
  if (found === undefined) return null;
  const detail = await server.admin.get(`/api/v1/notifications/${found.id}`);
  return { id: found.id, text: detail.body.text, html: detail.body.html, subject: detail.body.subject };
}

/** The `token` of the first link in a message's text. */
export function tokenInText(text: string): string {
  const match = /[?&#]token=([A-Za-z0-9_-]+)/.exec(text);
  if (!match) throw new Error(`no token link in:\n${text}`);
  return match[1]!;
}

/** The token the server last mailed to `to` in a message of `template` (account_verify_email, account_magic_link, account_password_reset). */
export async function mailedToken(server: Pick<TestServer, 'admin'>, to: string, template: string): Promise<string> {
  const message = await latestMessage(server, to, template);
  if (message === null) throw new Error(`no ${template} message to ${to}`);
  return tokenInText(message.text);
}

/**
 * Registers a customer over HTTP (POST /portal/auth/register) and, unless `verify: false`, follows
 * the verification link (POST /portal/auth/verify-email), which links the account to the customer
 * with that email and so to their orders.
 */
export async function registerCustomer(
  server: TestServer,
  email: string,
  options: { verify?: boolean; name?: string; password?: string } = {},
): Promise<CustomerSession> {
  const password = options.password ?? CUSTOMER_PASSWORD;
  const registered = await server.anonymous.post('/portal/auth/register', { email, password, name: options.name ?? email.split('@')[0] });
  if (registered.status !== 201) throw new Error(`registering ${email}: ${registered.status} ${registered.text}`);
  const cookie = cookieFrom(registered, 'wb_session');
  if (cookie === null) throw new Error(`registering ${email}: no session cookie`);
  const session = browserSession(server, cookie, registered.body.csrf_token);
  if (options.verify ?? true) {
    const token = await mailedToken(server, email, 'account_verify_email');
    const verified = await server.anonymous.post('/portal/auth/verify-email', { token });
    if (verified.status !== 200) throw new Error(`verifying ${email}: ${verified.status} ${verified.text}`);
  }
  const current = await session.request('GET', '/portal/auth/session');
  if (current.status !== 200) throw new Error(`session of ${email}: ${current.status} ${current.text}`);
  return { ...session, accountId: current.body.account.id, email: current.body.account.email, customerId: current.body.account.customer_id };
}

/** Creates a staff user (as `waybill users create` does) and signs in with POST /auth/login. */
export async function signInStaff(server: TestServer, email: string, role: Role, options: { password?: string } = {}): Promise<StaffSession> {
  const password = options.password ?? STAFF_PASSWORD;
  const user = await createStaffUser(server.deps.db, server.deps, { email, role, password });
  const login = await server.anonymous.post('/auth/login', { email, password });
  if (login.status !== 200) throw new Error(`staff login ${email}: ${login.status} ${login.text}`);
  const cookie = cookieFrom(login, 'wb_staff_session');
  if (cookie === null) throw new Error(`staff login ${email}: no session cookie`);
  return { ...browserSession(server, cookie, login.body.csrf_token), userId: user.id, email: user.email, role, password };
}

/** Signs an existing customer in again (POST /portal/auth/login): a test that moves the clock by days outlives a session. */
export async function signInCustomer(server: TestServer, email: string, password = CUSTOMER_PASSWORD): Promise<CustomerSession> {
  const login = await server.anonymous.post('/portal/auth/login', { email, password });
  if (login.status !== 200) throw new Error(`customer login ${email}: ${login.status} ${login.text}`);
  const cookie = cookieFrom(login, 'wb_session');
  if (cookie === null) throw new Error(`customer login ${email}: no session cookie`);
  const session = browserSession(server, cookie, login.body.csrf_token);
  const current = await session.request('GET', '/portal/auth/session');
  return { ...session, accountId: current.body.account.id, email: current.body.account.email, customerId: current.body.account.customer_id };
}
