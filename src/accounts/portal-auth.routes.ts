/**
 * Customer accounts in the browser (`/portal/auth/*`, API.md "Customers"): register, sign in and out
 * with a password or an emailed link, verify the address, reset and change the password. Answers
 * that set a session return its CSRF token; every write of a signed-in browser sends it back.
 *
 * Enumeration: sign-in answers the same 401 for an unknown email and a wrong password (after the
 * same hashing time); link requests always answer 202. Registration answers 409 for an email that
 * has an account — the one place that tells, throttled per IP (throttle-rules.ts).
 */
import { Type } from '@sinclair/typebox';
import type { Deps } from '../deps.js';
import { problemResponses } from '../platform/http/schemas.js';
import type { App } from '../platform/http/types.js';
import { accountDepsOf } from './account-deps.js';
import { accountView, findAccount, findAccountByEmail, normalizeEmail, updateAccount } from './account.repository.js';
import { AcceptedSchema, AccountAnswerSchema, ChangePasswordBody, CustomerSessionSchema, EmailBody, LoginBody, RegisterBody, ResetBody, TokenBody } from './auth.schemas.js';
import { clientOf, csrfOf, endBrowserSession, ipKey, keepDeviceCookie, startBrowserSession } from './browser-session.js';
import { customerOf } from './customer-of.js';
import { requestLink } from './email-links.js';
import { changePassword, resetPassword } from './password-changes.js';
import { registerAccount } from './register-account.js';
import { installRetryAfter } from './retry-after.js';
import { rememberDevice, signInWithPassword } from './sign-in.js';
import { signInByLink } from './sign-in-by-link.js';
import { rememberClient } from './throttle.repository.js';
import { verifyEmail } from './verify-email.js';
import { AppError } from '../platform/errors.js';

const tags = ['portal auth'];
const open = { access: 'public' as const };
const customer = { access: 'customer' as const };

export function portalAuthRoutes(appDeps: Deps) {
  const deps = accountDepsOf(appDeps);
  const { db } = deps;

  /** Signs this browser in as the account (new session id, device remembered); the answer's body. */
  async function signedIn(request: Parameters<typeof clientOf>[0], reply: Parameters<typeof keepDeviceCookie>[0], accountId: string) {
    const client = clientOf(request, deps);
    const now = deps.clock.now();
    await rememberDevice(db, accountId, keepDeviceCookie(reply, deps, client), now);
    await rememberClient(db, accountId, ipKey(client.ip), now);
    const csrf = await startBrowserSession(request, reply, deps, 'customer', accountId);
    const account = await findAccount(db, accountId);
    if (account === null) throw new AppError('unauthorized', 'The account no longer exists');
    return { account: accountView(account), csrf_token: csrf };
  }

  return async (app: App) => {
    installRetryAfter(app);

    app.post(
      '/portal/auth/register',
      {
        config: open,
        schema: { tags, summary: 'Create a customer account and sign in; a verification link is emailed', security: [], body: RegisterBody, response: { 201: CustomerSessionSchema, ...problemResponses } },
      },
      async (request, reply) => {
        const account = await registerAccount(deps, request.body, request.ip);
        return reply.code(201).send(await signedIn(request, reply, account.id));
      },
    );

    app.post(
      '/portal/auth/login',
      { config: open, schema: { tags, summary: 'Sign in with email and password', security: [], body: LoginBody, response: { 200: CustomerSessionSchema, ...problemResponses } } },
      async (request, reply) => {
        const now = deps.clock.now();
        const accountId = await signInWithPassword(
          {
            db,
            now,
            find: async (email) => {
              const account = await findAccountByEmail(db, email);
              return account && { id: account.id, passwordHash: account.password_hash };
            },
            rehash: (id, hash) => updateAccount(db, id, { password_hash: hash, updated_at: now.toISOString() }),
          },
          'customer',
          { email: normalizeEmail(request.body.email), password: request.body.password },
          clientOf(request, deps),
        );
        return signedIn(request, reply, accountId);
      },
    );

    app.post(
      '/portal/auth/logout',
      { config: customer, schema: { tags, summary: 'Sign out: the session ends on the server', response: { 204: Type.Null(), ...problemResponses } } },
      async (request, reply) => {
        await endBrowserSession(db, request, reply, deps, 'customer');
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/portal/auth/session',
      { config: customer, schema: { tags, summary: 'The signed-in account and the CSRF token of its session', response: { 200: CustomerSessionSchema, ...problemResponses } } },
      async (request) => {
        const who = customerOf(request);
        const account = await findAccount(db, who.accountId);
        const csrf = request.principal?.kind === 'customer' ? await csrfOf(db, request.principal.sessionId) : null;
        if (account === null || csrf === null) throw new AppError('unauthorized', 'The session has ended; sign in again');
        return { account: accountView(account), csrf_token: csrf };
      },
    );

    app.post(
      '/portal/auth/magic-link',
      { config: open, schema: { tags, summary: 'Email a one-time sign-in link (valid 15 minutes)', security: [], body: EmailBody, response: { 202: AcceptedSchema, ...problemResponses } } },
      async (request, reply) => {
        await requestLink(deps, 'magic_link', normalizeEmail(request.body.email), request.ip);
        return reply.code(202).send({ status: 'accepted' as const, detail: 'If an account has this email, a sign-in link is on its way' });
      },
    );

    app.post(
      '/portal/auth/magic-link/verify',
      { config: open, schema: { tags, summary: "Sign in with the emailed link's token (once)", security: [], body: TokenBody, response: { 200: CustomerSessionSchema, ...problemResponses } } },
      async (request, reply) => {
        const account = await signInByLink(deps, request.body.token, request.ip);
        return signedIn(request, reply, account.id);
      },
    );

    app.post(
      '/portal/auth/verify-email',
      {
        config: open,
        schema: { tags, summary: "Verify the address with the emailed link's token; links the account to the orders placed with it", security: [], body: TokenBody, response: { 200: AccountAnswerSchema, ...problemResponses } },
      },
      async (request) => ({ account: accountView(await verifyEmail(deps, request.body.token, request.ip)) }),
    );

    app.post(
      '/portal/auth/verify-email/resend',
      { config: customer, schema: { tags, summary: 'Email the verification link again', response: { 202: AcceptedSchema, ...problemResponses } } },
      async (request, reply) => {
        const account = await findAccount(db, customerOf(request).accountId);
        if (account === null) throw new AppError('unauthorized', 'The account no longer exists');
        if (account.email_verified_at !== null) return reply.code(202).send({ status: 'accepted' as const, detail: 'The address is verified already' });
        await requestLink(deps, 'verify_email', account.email, request.ip, account);
        return reply.code(202).send({ status: 'accepted' as const, detail: 'A verification link is on its way' });
      },
    );

    app.post(
      '/portal/auth/password-reset',
      { config: open, schema: { tags, summary: 'Email a one-time password reset link (valid 30 minutes)', security: [], body: EmailBody, response: { 202: AcceptedSchema, ...problemResponses } } },
      async (request, reply) => {
        await requestLink(deps, 'password_reset', normalizeEmail(request.body.email), request.ip);
        return reply.code(202).send({ status: 'accepted' as const, detail: 'If an account has this email, a reset link is on its way' });
      },
    );

    app.post(
      '/portal/auth/password-reset/confirm',
      {
        config: open,
        schema: { tags, summary: "Set a new password with the reset link's token (once); signs out every session", security: [], body: ResetBody, response: { 204: Type.Null(), ...problemResponses } },
      },
      async (request, reply) => {
        await resetPassword(deps, request.body, request.ip);
        await endBrowserSession(db, request, reply, deps, 'customer');
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/portal/auth/password',
      {
        config: customer,
        schema: { tags, summary: 'Change the password: every session ends, this browser gets a new one', body: ChangePasswordBody, response: { 200: CustomerSessionSchema, ...problemResponses } },
      },
      async (request, reply) => {
        const account = await changePassword(deps, customerOf(request).accountId, request.body);
        return signedIn(request, reply, account.id);
      },
    );
  };
}
