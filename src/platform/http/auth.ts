/**
 * Who is calling, and may they call this route. Every route declares `config.access`: `public`,
 * `customer` (a signed-in customer's browser session), or the least staff role it needs (an API key
 * or a signed-in staff user's session). A route under /api/v1 that forgets to declare it is treated
 * as admin-only, so a new route is never open by accident.
 *
 * Credentials: `Authorization: Bearer <api key>` wins when present (and needs no CSRF token: a
 * header is never sent by the browser on its own). Otherwise the session cookie of the kind the
 * route wants (staff for role routes, customer for customer routes), else the other kind's, so that
 * a customer on a staff route (or staff on a customer route) is told 403 rather than 401. Public
 * routes read no cookie. A cookie-authenticated write needs `x-csrf-token` (csrf.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import { findActiveKeyByHash, hashApiKey, type Role } from './api-keys.js';
import { CSRF_HEADER, csrfMatches, isWrite } from './csrf.js';
import { clearSessionCookie, findSessionByToken, sessionTokenOf, type SessionKind, type SessionSettings } from './sessions.js';

export type Access = 'public' | 'customer' | Role;

export type Principal =
  | { kind: 'api_key'; id: string; role: Role }
  | { kind: 'staff'; /** staff user id */ id: string; role: Role; sessionId: string }
  | { kind: 'customer'; /** account id */ id: string; customerId: string | null; email: string; sessionId: string };

/** Who a live session belongs to, as the capability that owns users and accounts says now. */
export type SessionSubject = { kind: 'staff'; role: Role } | { kind: 'customer'; customerId: string | null; email: string };

/** Browser sessions, handed in by the composition root (the accounts capability knows the subjects). */
export interface SessionAuth {
  settings: SessionSettings;
  clock: Clock;
  /** The subject of a session now (role changes and deletions apply at once), or null when gone. */
  loadSubject(kind: SessionKind, subjectId: string): Promise<SessionSubject | null>;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

const rank: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** Revocation reaches every process within this time; lookups inside it cost no query. */
const KEY_CACHE_MS = 5_000;
const KEY_CACHE_LIMIT = 10_000;

/** `api_key:<id>`, `staff:<user id>`, `customer:<account id>`, or `anonymous`: actors, idempotency scopes, rate-limit keys. */
export function principalLabel(principal: Principal | null): string {
  return principal ? `${principal.kind}:${principal.id}` : 'anonymous';
}

function staffRole(principal: Principal): Role | null {
  return principal.kind === 'customer' ? null : principal.role;
}

/**
 * What the auth hook remembers of API keys for KEY_CACHE_MS. Revoking a key clears it, so that the
 * key stops working at once in the process that revoked it (other processes within KEY_CACHE_MS).
 */
export interface ApiKeyCache {
  get(keyHash: string): { principal: Principal | null; until: number } | undefined;
  set(keyHash: string, entry: { principal: Principal | null; until: number }): void;
  clear(): void;
}

export function createApiKeyCache(): ApiKeyCache {
  const entries = new Map<string, { principal: Principal | null; until: number }>();
  return {
    get: (keyHash) => entries.get(keyHash),
    set: (keyHash, entry) => {
      if (entries.size >= KEY_CACHE_LIMIT) entries.clear();
      entries.set(keyHash, entry);
    },
    clear: () => entries.clear(),
  };
}

export function installAuth(app: FastifyInstance, db: Db, options: { sessions?: SessionAuth; now?: () => number; keyCache?: ApiKeyCache } = {}): void {
  const now = options.now ?? Date.now;
  const sessions = options.sessions ?? null;
  const cache = options.keyCache ?? createApiKeyCache();

  async function principalFor(token: string): Promise<Principal | null> {
    const keyHash = hashApiKey(token);
    const cached = cache.get(keyHash);
    if (cached && cached.until > now()) return cached.principal;
    const key = await findActiveKeyByHash(db, keyHash);
    const principal: Principal | null = key ? { kind: 'api_key', id: key.id, role: key.role } : null;
    cache.set(keyHash, { principal, until: now() + KEY_CACHE_MS });
    return principal;
  }

  /** The principal of a session cookie, with its CSRF token; `stale` when a cookie named a session that is over. */
  async function fromSession(request: FastifyRequest, reply: FastifyReply, access: Access): Promise<{ principal: Principal; csrf: string } | 'stale' | null> {
    if (sessions === null) return null;
    const order: SessionKind[] = access === 'customer' ? ['customer', 'staff'] : ['staff', 'customer'];
    let stale = false;
    for (const kind of order) {
      const token = sessionTokenOf(request, kind, sessions.settings);
      if (token === null) continue;
      const session = await findSessionByToken(db, token, kind, sessions.clock.now(), sessions.settings);
      const subject = session === null ? null : await sessions.loadSubject(kind, session.subjectId);
      if (session === null || subject === null || subject.kind !== kind) {
        // Tell the browser to drop it: it will not work again.
        clearSessionCookie(reply, kind, sessions.settings);
        stale = true;
        continue;
      }
      const principal: Principal =
        subject.kind === 'staff'
          ? { kind: 'staff', id: session.subjectId, role: subject.role, sessionId: session.idHash }
          : { kind: 'customer', id: session.subjectId, customerId: subject.customerId, email: subject.email, sessionId: session.idHash };
      return { principal, csrf: session.csrfToken };
    }
    return stale ? 'stale' : null;
  }

  app.decorateRequest('principal', null);

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const underApi = request.url.startsWith('/api/');
    // A path or method no route matches needs only a valid key under /api/, so that the not-found
    // handler answers 404. Treating it as an undeclared (admin-only) route answered an operator's
    // `DELETE /api/v1/orders` with 403 "needs the admin role": wrong code, and it implied the route
    // exists (found by test/api/bad-input.test.ts).
    const access: Access = request.is404 ? (underApi ? 'viewer' : 'public') : (request.routeOptions.config?.access ?? (underApi ? 'admin' : 'public'));
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S{1,512})\s*$/i.exec(header);
      if (!match) throw new AppError('unauthorized', 'Authorization must be "Bearer <api key>"');
      request.principal = await principalFor(match[1]!);
      if (!request.principal) throw new AppError('unauthorized', 'The API key is not valid or was revoked');
    }
    if (access === 'public') return;
    let csrf: string | null = null;
    if (request.principal === null) {
      const found = await fromSession(request, reply, access);
      if (found === 'stale') throw new AppError('unauthorized', 'The session has ended (signed out, timed out or the password changed); sign in again');
      if (found !== null) {
        request.principal = found.principal;
        csrf = found.csrf;
      }
    }
    const principal = request.principal;
    if (principal === null) {
      throw new AppError(
        'unauthorized',
        access === 'customer' ? 'This route needs a signed-in customer (POST /portal/auth/login)' : 'This route needs an API key: Authorization: Bearer <key> (or a staff session, POST /auth/login)',
      );
    }
    if (access === 'customer') {
      if (principal.kind !== 'customer') throw new AppError('forbidden', 'This route is for signed-in customers; staff credentials cannot use it');
    } else {
      const role = staffRole(principal);
      if (role === null) throw new AppError('forbidden', 'This route is for staff; a customer session cannot use it');
      if (rank[role] < rank[access]) {
        throw new AppError('forbidden', `This route needs the ${access} role; the ${principal.kind === 'api_key' ? 'key' : 'user'} has ${role}`);
      }
    }
    if (csrf !== null && isWrite(request.method) && !csrfMatches(csrf, request.headers[CSRF_HEADER])) {
      throw new AppError('forbidden', `A signed-in browser must send its session's CSRF token in ${CSRF_HEADER} on every write (GET …/auth/session returns it)`);
    }
  });
}
