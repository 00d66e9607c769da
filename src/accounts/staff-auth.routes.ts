/**
 * Staff in the browser (`/auth/*`, API.md "Staff in the browser"): sign in with the email and
 * password of a user made by `waybill users create`, then call the staff API with the session cookie
 * (and the CSRF token on writes), with the user's role. The same session rules as customers.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { problemResponses } from '../platform/http/schemas.js';
import type { App } from '../platform/http/types.js';
import { accountDepsOf } from './account-deps.js';
import { normalizeEmail } from './account.repository.js';
import { LoginBody, StaffChangePasswordBody, StaffSessionSchema } from './auth.schemas.js';
import { clientOf, csrfOf, endBrowserSession, ipKey, keepDeviceCookie, startBrowserSession } from './browser-session.js';
import { changeStaffPassword } from './change-staff-password.js';
import { installRetryAfter } from './retry-after.js';
import { rememberDevice, signInWithPassword } from './sign-in.js';
import { findStaffUser, findStaffUserRow, updateStaffUser } from './staff-user.repository.js';
import { rememberClient } from './throttle.repository.js';

const tags = ['staff auth'];

/** The staff user of a session; an API key has no session to show, end or re-key. */
function staffOf(request: FastifyRequest): { userId: string; sessionId: string } {
  const principal = request.principal;
  if (principal?.kind !== 'staff') throw new AppError('forbidden', 'This is for a signed-in staff browser; an API key has no session');
  return { userId: principal.id, sessionId: principal.sessionId };
}

/**
 * The routes of a staff session refuse an API key before its body is validated: a key on
 * POST /auth/password answered 422 for the body it sent instead of 403 (found by
 * test/security/authorization-matrix.test.ts).
 */
const sessionOnly = { config: { access: 'viewer' as const }, preValidation: async (request: FastifyRequest) => void staffOf(request) };

export function staffAuthRoutes(appDeps: Deps) {
  const deps = accountDepsOf(appDeps);
  const { db } = deps;

  async function signedIn(request: FastifyRequest, reply: Parameters<typeof keepDeviceCookie>[0], userId: string) {
    const client = clientOf(request, deps);
    const now = deps.clock.now();
    await rememberDevice(db, userId, keepDeviceCookie(reply, deps, client), now);
    await rememberClient(db, userId, ipKey(client.ip), now);
    await updateStaffUser(db, userId, { last_sign_in_at: now.toISOString() });
    const csrf = await startBrowserSession(request, reply, deps, 'staff', userId);
    const user = await findStaffUser(db, userId);
    if (user === null) throw new AppError('unauthorized', 'The user no longer exists');
    return { user: { id: user.id, email: user.email, name: user.name, role: user.role }, csrf_token: csrf };
  }

  return async (app: App) => {
    installRetryAfter(app);

    app.post(
      '/auth/login',
      { config: { access: 'public' }, schema: { tags, summary: 'Staff sign-in with email and password', security: [], body: LoginBody, response: { 200: StaffSessionSchema, ...problemResponses } } },
      async (request, reply) => {
        const now = deps.clock.now();
        const userId = await signInWithPassword(
          {
            db,
            now,
            find: async (email) => {
              const user = await findStaffUserRow(db, { email });
              // A disabled user is refused exactly like a wrong password: the answer does not tell which.
              return user && user.disabled_at === null ? { id: user.id, passwordHash: user.password_hash } : null;
            },
            rehash: (id, hash) => updateStaffUser(db, id, { password_hash: hash, updated_at: now.toISOString() }),
          },
          'staff',
          { email: normalizeEmail(request.body.email), password: request.body.password },
          clientOf(request, deps),
        );
        return signedIn(request, reply, userId);
      },
    );

    app.post(
      '/auth/logout',
      { ...sessionOnly, schema: { tags, summary: 'Staff sign-out: the session ends on the server', response: { 204: Type.Null(), ...problemResponses } } },
      async (request, reply) => {
        staffOf(request);
        await endBrowserSession(db, request, reply, deps, 'staff');
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/auth/session',
      { ...sessionOnly, schema: { tags, summary: 'The signed-in staff user and the CSRF token of the session', response: { 200: StaffSessionSchema, ...problemResponses } } },
      async (request) => {
        const { userId, sessionId } = staffOf(request);
        const user = await findStaffUser(db, userId);
        const csrf = await csrfOf(db, sessionId);
        if (user === null || csrf === null) throw new AppError('unauthorized', 'The session has ended; sign in again');
        return { user: { id: user.id, email: user.email, name: user.name, role: user.role }, csrf_token: csrf };
      },
    );

    app.post(
      '/auth/password',
      {
        ...sessionOnly,
        schema: { tags, summary: 'Change the password: every session ends, this browser gets a new one', body: StaffChangePasswordBody, response: { 200: StaffSessionSchema, ...problemResponses } },
      },
      async (request, reply) => {
        const { userId } = staffOf(request);
        await changeStaffPassword(deps, userId, request.body);
        return signedIn(request, reply, userId);
      },
    );
  };
}
