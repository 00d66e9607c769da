/**
 * Server-side browser sessions (staff and customers): the cookie holds 256 random bits, the table
 * holds only their SHA-256, so neither a copy of the database nor a log line signs anybody in. A
 * session ends at sign-out, after the idle or the absolute timeout (sessions-rules.ts), and for
 * every device at once when the password changes. Sign-in always makes a new one (no fixation:
 * an id the browser brings is never adopted).
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import '@fastify/cookie';
import type { Executor } from '../db/database.js';
import type { Ids } from '../ids.js';
import { needsTouch, sessionExpiry, sessionState, type SessionTimeouts } from './sessions-rules.js';

export type SessionKind = 'customer' | 'staff';

export interface SessionSettings extends SessionTimeouts {
  /** Cookies carry `Secure` and the `__Host-` prefix (served over https). */
  secure: boolean;
}

export interface LiveSession {
  /** SHA-256 of the cookie value: the session's id for code and logs (`principal.sessionId`). */
  idHash: string;
  kind: SessionKind;
  subjectId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

const baseNames: Record<SessionKind, string> = { customer: 'wb_session', staff: 'wb_staff_session' };

/**
 * The cookie's name. Two names, so that one browser can be signed in to the admin and the portal
 * at once. `__Host-` (with Secure, Path=/, no Domain) stops a sibling subdomain from planting one.
 */
export function sessionCookieName(kind: SessionKind, secure: boolean): string {
  return secure ? `__Host-${baseNames[kind]}` : baseNames[kind];
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: Executor,
  deps: { ids: Ids; now: Date; settings: SessionSettings },
  input: { kind: SessionKind; subjectId: string; ip: string | null; userAgent: string | null },
): Promise<{ token: string; session: LiveSession }> {
  const token = deps.ids.token(256);
  const now = deps.now.toISOString();
  const session: LiveSession = {
    idHash: hashSessionToken(token),
    kind: input.kind,
    subjectId: input.subjectId,
    csrfToken: deps.ids.token(160),
    createdAt: now,
    expiresAt: sessionExpiry(deps.now, deps.settings).toISOString(),
  };
  await db
    .insertInto('sessions')
    .values({
      id_hash: session.idHash,
      kind: session.kind,
      subject_id: session.subjectId,
      csrf_token: session.csrfToken,
      created_at: now,
      last_seen_at: now,
      expires_at: session.expiresAt,
      ip: input.ip,
      user_agent: input.userAgent === null ? null : input.userAgent.slice(0, 300),
    })
    .execute();
  return { token, session };
}

/** The live session with this id hash, or null; an idle or expired one is deleted on the way. */
export async function findLiveSession(db: Executor, idHash: string, kind: SessionKind, now: Date, timeouts: SessionTimeouts): Promise<LiveSession | null> {
  const row = await db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).where('kind', '=', kind).executeTakeFirst();
  if (row === undefined) return null;
  if (sessionState(row, now, timeouts) !== 'live') {
    await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    return null;
  }
  if (needsTouch(row, now)) await db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id_hash', '=', idHash).execute();
  return { idHash: row.id_hash, kind, subjectId: row.subject_id, csrfToken: row.csrf_token, createdAt: row.created_at, expiresAt: row.expires_at };
}

/** The session a cookie value names, when it is live. */
export function findSessionByToken(db: Executor, token: string, kind: SessionKind, now: Date, timeouts: SessionTimeouts): Promise<LiveSession | null> {
  return findLiveSession(db, hashSessionToken(token), kind, now, timeouts);
}

export async function endSession(db: Executor, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

/** Ends every session of a user or account (password changed or reset); returns how many. */
export async function endSessionsOf(db: Executor, kind: SessionKind, subjectId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('kind', '=', kind).where('subject_id', '=', subjectId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Drops the sessions of a subject that are over (idle or past their absolute end): kept tidy at each sign-in. */
export async function pruneSessionsOf(db: Executor, kind: SessionKind, subjectId: string, now: Date, timeouts: SessionTimeouts): Promise<void> {
  const idleSince = new Date(now.getTime() - timeouts.idleMs).toISOString();
  await db
    .deleteFrom('sessions')
    .where('kind', '=', kind)
    .where('subject_id', '=', subjectId)
    .where((eb) => eb.or([eb('expires_at', '<=', now.toISOString()), eb('last_seen_at', '<=', idleSince)]))
    .execute();
}

/** The session cookie's value as the browser sent it. */
export function sessionTokenOf(request: FastifyRequest, kind: SessionKind, settings: Pick<SessionSettings, 'secure'>): string | null {
  const value = request.cookies?.[sessionCookieName(kind, settings.secure)];
  return typeof value === 'string' && value.length > 0 && value.length <= 128 ? value : null;
}

/** HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site POSTs), Secure behind https. */
export function setSessionCookie(reply: FastifyReply, kind: SessionKind, token: string, settings: SessionSettings): void {
  reply.setCookie(sessionCookieName(kind, settings.secure), token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: settings.secure,
    path: '/',
    maxAge: Math.floor(settings.absoluteMs / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply, kind: SessionKind, settings: Pick<SessionSettings, 'secure'>): void {
  reply.clearCookie(sessionCookieName(kind, settings.secure), { httpOnly: true, sameSite: 'lax', secure: settings.secure, path: '/' });
}
