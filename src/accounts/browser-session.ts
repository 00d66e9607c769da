/**
 * Starting and ending a browser session over HTTP: the session cookie (a new id at every sign-in,
 * the one the browser brought ended: no fixation), and the long-lived device cookie that lets a
 * device that signed in to an account before past the account-wide throttle (throttle-rules.ts).
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Executor } from '../platform/db/database.js';
import {
  clearSessionCookie,
  createSession,
  endSession,
  hashSessionToken,
  pruneSessionsOf,
  sessionTokenOf,
  setSessionCookie,
  type SessionKind,
} from '../platform/http/sessions.js';
import type { AccountDeps } from './account-deps.js';

const DEVICE_COOKIE = 'wb_device';
const DEVICE_COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;

export interface Client {
  ip: string;
  userAgent: string | null;
  /** The device cookie's value, when the browser has one. */
  deviceToken: string | null;
}

function deviceCookieName(secure: boolean): string {
  return secure ? `__Host-${DEVICE_COOKIE}` : DEVICE_COOKIE;
}

export function clientOf(request: FastifyRequest, deps: Pick<AccountDeps, 'sessions'>): Client {
  const device = request.cookies?.[deviceCookieName(deps.sessions.secure)];
  const userAgent = request.headers['user-agent'];
  return {
    ip: request.ip,
    userAgent: typeof userAgent === 'string' ? userAgent : null,
    deviceToken: typeof device === 'string' && /^[A-Za-z0-9_-]{20,128}$/.test(device) ? device : null,
  };
}

/** The known-clients key of a device cookie (only its hash is stored). */
export function deviceKey(token: string): string {
  return `dev:${createHash('sha256').update(token).digest('hex')}`;
}

export function ipKey(ip: string): string {
  return `ip:${ip}`;
}

/** Keeps (or gives) the browser its device cookie; returns its value. */
export function keepDeviceCookie(reply: FastifyReply, deps: Pick<AccountDeps, 'sessions' | 'ids'>, client: Client): string {
  const token = client.deviceToken ?? deps.ids.token(160);
  reply.setCookie(deviceCookieName(deps.sessions.secure), token, { httpOnly: true, sameSite: 'lax', secure: deps.sessions.secure, path: '/', maxAge: DEVICE_COOKIE_MAX_AGE_S });
  return token;
}

/** Ends the session the browser's cookie of this kind names, if any (at sign-in and sign-out). */
export async function endBrowserSession(db: Executor, request: FastifyRequest, reply: FastifyReply, deps: Pick<AccountDeps, 'sessions'>, kind: SessionKind): Promise<void> {
  const token = sessionTokenOf(request, kind, deps.sessions);
  if (token !== null) await endSession(db, hashSessionToken(token));
  clearSessionCookie(reply, kind, deps.sessions);
}

/** A new session for the subject, its cookie set; returns the CSRF token for the answer. */
export async function startBrowserSession(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: Pick<AccountDeps, 'db' | 'sessions' | 'ids' | 'clock'>,
  kind: SessionKind,
  subjectId: string,
): Promise<string> {
  const now = deps.clock.now();
  const existing = sessionTokenOf(request, kind, deps.sessions);
  if (existing !== null) await endSession(deps.db, hashSessionToken(existing));
  await pruneSessionsOf(deps.db, kind, subjectId, now, deps.sessions);
  const client = clientOf(request, deps);
  const { token, session } = await createSession(deps.db, { ids: deps.ids, now, settings: deps.sessions }, { kind, subjectId, ip: client.ip, userAgent: client.userAgent });
  setSessionCookie(reply, kind, token, deps.sessions);
  return session.csrfToken;
}

/** The CSRF token of a live session (for GET …/auth/session). */
export async function csrfOf(db: Executor, sessionId: string): Promise<string | null> {
  const row = await db.selectFrom('sessions').select('csrf_token').where('id_hash', '=', sessionId).executeTakeFirst();
  return row?.csrf_token ?? null;
}
