/**
 * Customer accounts over HTTP (API.md "Customers"): registration and the password rules, sign-in and
 * sign-out, cookie flags, session fixation, idle and absolute timeouts, CSRF, magic links, password
 * reset and change, email verification linking earlier orders, the sign-in throttle (and that an
 * attack does not lock the owner out), argon2id parameters, and account emails over real SMTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARGON2_PARAMS, parametersOf } from '../../src/accounts/index.js';
import { testDialects } from '../support/databases.js';
import { addStock, createProduct, createWarehouse, orderBody } from '../support/fixtures.js';
import { drainJobs } from '../support/jobs.js';
import { expectInvalid, expectProblem } from '../support/problems.js';
import { startTestServer, type TestServer } from '../support/server.js';
import {
  browserSession,
  cookieFrom,
  CUSTOMER_PASSWORD,
  fromAddress,
  latestMessage,
  mailedToken,
  registerCustomer,
  setCookieLine,
  tokenInText,
} from '../support/sessions.js';
import { startSmtpCapture, type SmtpCapture } from '../support/smtp-capture.js';

const MINUTE = 60_000;

let addressCounter = 10;
/** A source address no other test uses (each has its own throttle counters). */
function newAddress(): string {
  addressCounter += 1;
  return `127.0.${Math.floor(addressCounter / 250)}.${(addressCounter % 250) + 2}`;
}

async function countMessages(server: TestServer, to: string, template: string): Promise<number> {
  const list = await server.admin.get('/api/v1/notifications?channel=email&limit=200');
  return list.body.data.filter((n: { to: string; template: string }) => n.to === to && n.template === template).length;
}

describe.each(testDialects())('customer accounts on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => server?.close());

  const login = (email: string, password = CUSTOMER_PASSWORD, headers: Record<string, string> = {}) =>
    server.anonymous.post('/portal/auth/login', { email, password }, { headers });

  describe('registration', () => {
    it('creates an unverified account, signs it in with a strict cookie, and mails a verification link', async () => {
      const res = await server.anonymous.post('/portal/auth/register', { email: 'Reg.One@Example.com', password: CUSTOMER_PASSWORD, name: 'Reg One' });
      expect(res.status, res.text).toBe(201);
      expect(res.body).toEqual({
        account: { id: expect.stringMatching(/^acc_/), email: 'reg.one@example.com', name: 'Reg One', email_verified: false, customer_id: null, has_password: true, created_at: expect.any(String) },
        csrf_token: expect.any(String),
      });
      const line = setCookieLine(res, 'wb_session')!;
      expect(line).toMatch(/^wb_session=[A-Za-z0-9_-]{40,}/);
      expect(line).toMatch(/HttpOnly/i);
      expect(line).toMatch(/SameSite=Lax/i);
      expect(line).toMatch(/Path=\//);
      expect(line).not.toMatch(/Secure/i);

      const message = await latestMessage(server, 'reg.one@example.com', 'account_verify_email');
      expect(message?.subject).toContain('confirm your email');
      expect(message?.text).toMatch(/\/account\/verify-email#token=[A-Za-z0-9_-]{40,}/);
      expect(message?.html).toContain('Confirm my email');
      const list = await server.admin.get('/api/v1/notifications?channel=email');
      expect(list.body.data.find((n: { id: string }) => n.id === message!.id)).toMatchObject({ order_id: null, channel: 'email', template: 'account_verify_email', status: 'queued' });

      const session = browserSession(server, cookieFrom(res, 'wb_session')!, res.body.csrf_token);
      const current = await session.request('GET', '/portal/auth/session');
      expect(current.status, current.text).toBe(200);
      expect(current.body).toEqual({ account: res.body.account, csrf_token: res.body.csrf_token });
    });

    it.for([
      ['seven c', 'min_length'],
      ['x'.repeat(129), 'max_length'],
      ['🐙'.repeat(7), 'min_length'],
      ['password1', 'common_password'],
      ['iloveyou', 'common_password'],
      ['QWERTYUIOP', 'common_password'],
      ['rules.hater@example.com', 'contains_email'],
    ] as Array<[string, string]>)('refuses the password %j with 422 naming the rule %s', async ([password, rule], { expect }) => {
      const res = await server.anonymous.post('/portal/auth/register', { email: 'rules.hater@example.com', password, name: 'R' });
      const errors = expectInvalid(res, 'password');
      expect(errors[0]!.message).toContain(`rule: ${rule}`);
    });

    it('takes passwords of 8 to 128 characters with no composition rules (emoji count as one)', async () => {
      for (const [i, password] of ['all lower case words', 'y'.repeat(128), '🐙'.repeat(8), 'zq7 mug lantern'].entries()) {
        const res = await server.anonymous.post('/portal/auth/register', { email: `fine${i}@example.com`, password, name: 'Fine' });
        expect(res.status, `${password}: ${res.text}`).toBe(201);
        expect((await login(`fine${i}@example.com`, password)).status).toBe(200);
      }
    });

    it('answers bad input with 422 or 415, never 500', async () => {
      const post = (body: unknown) => server.anonymous.post('/portal/auth/register', body);
      expectInvalid(await post({}), 'email', 'password', 'name');
      expectInvalid(await post({ email: 'not-an-email', password: CUSTOMER_PASSWORD, name: 'x' }), 'email');
      expectInvalid(await post({ email: 'a@example.com', password: 12345678, name: 'x' }), 'password');
      expectInvalid(await post({ email: 'a@example.com', password: CUSTOMER_PASSWORD, name: '' }), 'name');
      expectInvalid(await post({ email: 'a@example.com', password: CUSTOMER_PASSWORD, name: 'x', role: 'admin' }), 'role');
      expectInvalid(await post({ email: 'a@example.com', password: 'x'.repeat(5000), name: 'x' }), 'password');
      expectProblem(await server.anonymous.post('/portal/auth/register', undefined, { raw: 'email=a@b.c', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415, 'unsupported_media_type');
      expectProblem(await server.anonymous.post('/portal/auth/register', undefined, { raw: '{"email":', headers: { 'content-type': 'application/json' } }), 400, 'malformed_request');
      for (const path of ['/portal/auth/login', '/portal/auth/magic-link', '/portal/auth/password-reset', '/portal/auth/verify-email', '/portal/auth/magic-link/verify', '/portal/auth/password-reset/confirm']) {
        expectProblem(await server.anonymous.post(path, { nonsense: true }), 422, 'validation_failed');
      }
    });

    it('answers 409 conflict for an email that has an account, whatever its case', async () => {
      await registerCustomer(server, 'taken@example.com', { verify: false });
      for (const email of ['taken@example.com', 'TAKEN@example.com', 'Taken@Example.COM']) {
        const body = expectProblem(await server.anonymous.post('/portal/auth/register', { email, password: 'another long password', name: 'Twin' }), 409, 'conflict');
        expect(body.detail).toContain('sign in');
      }
    });
  });

  describe('sign-in and sessions', () => {
    it('signs in with the right password, and answers a wrong one exactly like an unknown email', async () => {
      await registerCustomer(server, 'login@example.com');
      const ok = await login('LOGIN@example.com');
      expect(ok.status, ok.text).toBe(200);
      expect(ok.body.account).toMatchObject({ email: 'login@example.com', email_verified: true });
      expect(cookieFrom(ok, 'wb_session')).not.toBeNull();

      const wrong = expectProblem(await login('login@example.com', 'not the password at all'), 401, 'unauthorized');
      const unknown = expectProblem(await login('nobody-here@example.com', 'not the password at all'), 401, 'unauthorized');
      expect(unknown).toEqual(wrong);
      expect(wrong.detail).toBe('The email or the password is wrong');
    });

    it('gives a new session id at every sign-in and ends the one the browser brought (no fixation)', async () => {
      await registerCustomer(server, 'fixation@example.com');
      const planted = 'wb_session=attacker-chosen-value-0123456789abcdef';
      const first = await login('fixation@example.com', CUSTOMER_PASSWORD, { cookie: planted });
      const firstCookie = cookieFrom(first, 'wb_session')!;
      expect(firstCookie).not.toBe(planted);
      expect((await browserSession(server, planted, 'x').request('GET', '/portal/auth/session')).status).toBe(401);

      const second = await login('fixation@example.com', CUSTOMER_PASSWORD, { cookie: firstCookie });
      const secondCookie = cookieFrom(second, 'wb_session')!;
      expect(secondCookie).not.toBe(firstCookie);
      expectProblem(await browserSession(server, firstCookie, first.body.csrf_token).request('GET', '/portal/auth/session'), 401, 'unauthorized');
      expect((await browserSession(server, secondCookie, second.body.csrf_token).request('GET', '/portal/auth/session')).status).toBe(200);
    });

    it('signs out: the session ends on the server and the cookie is cleared', async () => {
      const session = await registerCustomer(server, 'logout@example.com');
      const out = await session.request('POST', '/portal/auth/logout');
      expect(out.status, out.text).toBe(204);
      expect(setCookieLine(out, 'wb_session')).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/);
      expectProblem(await session.request('GET', '/portal/auth/session'), 401, 'unauthorized');
      expectProblem(await session.request('POST', '/portal/auth/logout'), 401, 'unauthorized');
      expectProblem(await server.anonymous.get('/portal/auth/session'), 401, 'unauthorized');
    });

    it('refuses cookie-authenticated writes without the right x-csrf-token (403), but not reads', async () => {
      const session = await registerCustomer(server, 'csrf@example.com');
      const noToken = await server.anonymous.post('/portal/auth/logout', undefined, { headers: { cookie: session.cookie } });
      expect(expectProblem(noToken, 403, 'forbidden').detail).toContain('x-csrf-token');
      expectProblem(await session.request('POST', '/portal/auth/logout', undefined, { 'x-csrf-token': 'guessed' }), 403, 'forbidden');
      expectProblem(await session.request('POST', '/portal/auth/password', { new_password: 'a new long password' }, { 'x-csrf-token': '' }), 403, 'forbidden');
      // Another session's token is not this one's.
      const other = await registerCustomer(server, 'csrf-other@example.com');
      expectProblem(await session.request('POST', '/portal/auth/logout', undefined, { 'x-csrf-token': other.csrf }), 403, 'forbidden');
      expect((await server.anonymous.get('/portal/auth/session', { headers: { cookie: session.cookie } })).status).toBe(200);
      expect((await session.request('POST', '/portal/auth/logout')).status).toBe(204);
    });

    it('ends a session left idle for the idle timeout (30 minutes), and keeps one in use alive', async () => {
      const session = await registerCustomer(server, 'idle@example.com');
      for (let i = 0; i < 4; i++) {
        server.clock.advance(25 * MINUTE);
        expect((await session.request('GET', '/portal/auth/session')).status, `after ${(i + 1) * 25} min in use`).toBe(200);
      }
      server.clock.advance(31 * MINUTE);
      expect(expectProblem(await session.request('GET', '/portal/auth/session'), 401, 'unauthorized').detail).toMatch(/ended|timed out/);
    });

    it('ends a session at the absolute timeout (12 hours) however busy it is', async () => {
      const session = await registerCustomer(server, 'absolute@example.com');
      for (let elapsed = 0; elapsed + 20 * MINUTE < 12 * 60 * MINUTE; elapsed += 20 * MINUTE) {
        server.clock.advance(20 * MINUTE);
        expect((await session.request('GET', '/portal/auth/session')).status).toBe(200);
      }
      server.clock.advance(20 * MINUTE);
      expectProblem(await session.request('GET', '/portal/auth/session'), 401, 'unauthorized');
    });

    it('stores argon2id hashes at or above OWASP minimum parameters', async () => {
      const session = await registerCustomer(server, 'argon@example.com');
      const row = await server.deps.db.selectFrom('accounts').select('password_hash').where('id', '=', session.accountId).executeTakeFirstOrThrow();
      const params = parametersOf(row.password_hash!);
      expect(params?.algorithm).toBe('argon2id');
      expect(params!.memorySize).toBeGreaterThanOrEqual(19_456);
      expect(params!.iterations).toBeGreaterThanOrEqual(2);
      expect(params!.parallelism).toBe(1);
      expect(ARGON2_PARAMS).toMatchObject({ memorySize: params!.memorySize, iterations: params!.iterations, parallelism: 1 });
      expect(row.password_hash).not.toContain(CUSTOMER_PASSWORD);
    });
  });

  describe('passwords', () => {
    it('changing the password ends every session of the account; this browser gets a new one', async () => {
      const here = await registerCustomer(server, 'change@example.com');
      const elsewhere = browserSession(server, cookieFrom(await login('change@example.com'), 'wb_session')!, 'x');
      expectInvalid(await here.request('POST', '/portal/auth/password', { current_password: 'wrong password here', new_password: 'fresh long password' }), 'current_password');
      expectInvalid(await here.request('POST', '/portal/auth/password', { current_password: CUSTOMER_PASSWORD, new_password: 'password1' }), 'new_password');
      const changed = await here.request('POST', '/portal/auth/password', { current_password: CUSTOMER_PASSWORD, new_password: 'fresh long password' });
      expect(changed.status, changed.text).toBe(200);
      expectProblem(await elsewhere.request('GET', '/portal/auth/session'), 401, 'unauthorized');
      expectProblem(await here.request('GET', '/portal/auth/session'), 401, 'unauthorized');
      const renewed = browserSession(server, cookieFrom(changed, 'wb_session')!, changed.body.csrf_token);
      expect((await renewed.request('GET', '/portal/auth/session')).status).toBe(200);
      expectProblem(await login('change@example.com'), 401, 'unauthorized');
      expect((await login('change@example.com', 'fresh long password')).status).toBe(200);
      expect((await latestMessage(server, 'change@example.com', 'account_password_changed'))?.text).toContain('signed out');
    });

    it('resets by an emailed link: single use, 30 minutes, every session ended, no account enumeration', async () => {
      const ask = fromAddress(server, newAddress());
      const session = await registerCustomer(server, 'reset@example.com');
      const known = await ask('POST', '/portal/auth/password-reset', { email: 'reset@example.com' });
      const unknown = await ask('POST', '/portal/auth/password-reset', { email: 'no-account@example.com' });
      expect(known.status).toBe(202);
      expect({ status: unknown.status, body: unknown.body }).toEqual({ status: 202, body: { status: 'accepted', detail: known.body.detail } });
      expect(await latestMessage(server, 'no-account@example.com', 'account_password_reset')).toBeNull();
      const message = (await latestMessage(server, 'reset@example.com', 'account_password_reset'))!;
      expect(message.text).toMatch(/\/account\/reset-password#token=/);
      const token = tokenInText(message.text);

      // A refused password does not spend the link.
      expectInvalid(await server.anonymous.post('/portal/auth/password-reset/confirm', { token, password: 'short' }), 'password');
      const done = await server.anonymous.post('/portal/auth/password-reset/confirm', { token, password: 'brand new long password' });
      expect(done.status, done.text).toBe(204);
      expectProblem(await session.request('GET', '/portal/auth/session'), 401, 'unauthorized');
      expect((await login('reset@example.com', 'brand new long password')).status).toBe(200);
      expectProblem(await login('reset@example.com'), 401, 'unauthorized');

      const replay = expectProblem(await server.anonymous.post('/portal/auth/password-reset/confirm', { token, password: 'yet another long password' }), 401, 'unauthorized');
      expect(replay.detail).toContain('used');
      expectProblem(await server.anonymous.post('/portal/auth/password-reset/confirm', { token: 'forged-token-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', password: 'yet another long password' }), 401, 'unauthorized');

      await ask('POST', '/portal/auth/password-reset', { email: 'reset@example.com' });
      const late = await mailedToken(server, 'reset@example.com', 'account_password_reset');
      expect(late).not.toBe(token);
      server.clock.advance(31 * MINUTE);
      expect(expectProblem(await server.anonymous.post('/portal/auth/password-reset/confirm', { token: late, password: 'yet another long password' }), 401, 'unauthorized').detail).toContain('expired');
    });
  });

  describe('magic links', () => {
    it('signs in once with an emailed link; replayed, expired, forged or wrong-purpose tokens answer 401', async () => {
      const ask = fromAddress(server, newAddress());
      await registerCustomer(server, 'magic@example.com');
      const sent = await ask('POST', '/portal/auth/magic-link', { email: 'Magic@Example.com' });
      expect(sent.status, sent.text).toBe(202);
      const unknown = await ask('POST', '/portal/auth/magic-link', { email: 'no-magic@example.com' });
      expect(unknown.body).toEqual(sent.body);
      const message = (await latestMessage(server, 'magic@example.com', 'account_magic_link'))!;
      expect(message.subject).toContain('sign-in link');
      expect(message.text).toMatch(/\/account\/sign-in\/link#token=/);
      const token = tokenInText(message.text);

      // The verification token of another purpose is not a sign-in token.
      const verifyToken = await mailedToken(server, 'magic@example.com', 'account_verify_email');
      expectProblem(await server.anonymous.post('/portal/auth/magic-link/verify', { token: verifyToken }), 401, 'unauthorized');

      const signedIn = await server.anonymous.post('/portal/auth/magic-link/verify', { token });
      expect(signedIn.status, signedIn.text).toBe(200);
      expect(signedIn.body.account.email).toBe('magic@example.com');
      const session = browserSession(server, cookieFrom(signedIn, 'wb_session')!, signedIn.body.csrf_token);
      expect((await session.request('GET', '/portal/auth/session')).status).toBe(200);

      expect(expectProblem(await server.anonymous.post('/portal/auth/magic-link/verify', { token }), 401, 'unauthorized').detail).toContain('used');
      expectProblem(await server.anonymous.post('/portal/auth/magic-link/verify', { token: `${token.slice(0, -2)}xx` }), 401, 'unauthorized');

      await ask('POST', '/portal/auth/magic-link', { email: 'magic@example.com' });
      const stale = await mailedToken(server, 'magic@example.com', 'account_magic_link');
      server.clock.advance(16 * MINUTE);
      expect(expectProblem(await server.anonymous.post('/portal/auth/magic-link/verify', { token: stale }), 401, 'unauthorized').detail).toContain('expired');
    });

    it('takes an unverified account away from whoever registered somebody else’s address', async () => {
      const squatter = await registerCustomer(server, 'victim@example.com', { verify: false, password: 'squatter password 1' });
      const ask = fromAddress(server, newAddress());
      await ask('POST', '/portal/auth/magic-link', { email: 'victim@example.com' });
      const owner = await server.anonymous.post('/portal/auth/magic-link/verify', { token: await mailedToken(server, 'victim@example.com', 'account_magic_link') });
      expect(owner.status, owner.text).toBe(200);
      expect(owner.body.account).toMatchObject({ email_verified: true, has_password: false, customer_id: expect.stringMatching(/^cus_/) });
      expectProblem(await squatter.request('GET', '/portal/auth/session'), 401, 'unauthorized');
      expectProblem(await login('victim@example.com', 'squatter password 1'), 401, 'unauthorized');
      // The owner sets a password of their own without a current one.
      const session = browserSession(server, cookieFrom(owner, 'wb_session')!, owner.body.csrf_token);
      const set = await session.request('POST', '/portal/auth/password', { new_password: 'owner password 2' });
      expect(set.status, set.text).toBe(200);
      expect((await login('victim@example.com', 'owner password 2')).status).toBe(200);
    });
  });

  describe('email verification', () => {
    it('links the account to the orders placed with its email, earlier ones included', async () => {
      await createWarehouse(server.admin, 'AUS', 'Austin', 'TX');
      await createProduct(server.admin, 'ACC-MUG');
      await addStock(server.admin, 'ACC-MUG', 'AUS', 10);
      const before = await server.admin.post('/api/v1/orders', orderBody([{ sku: 'ACC-MUG', quantity: 1 }], { customer: { email: 'Orders.First@example.com', name: 'Early Bird', phone: null } }));
      expect(before.status, before.text).toBe(201);

      const session = await registerCustomer(server, 'orders.first@example.com', { verify: false, name: 'Account Name' });
      expect(session.customerId).toBeNull();
      const token = await mailedToken(server, 'orders.first@example.com', 'account_verify_email');
      expectProblem(await server.anonymous.post('/portal/auth/verify-email', { token: 'forged-token-BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB' }), 401, 'unauthorized');
      const verified = await server.anonymous.post('/portal/auth/verify-email', { token });
      expect(verified.status, verified.text).toBe(200);
      expect(verified.body.account).toMatchObject({ email_verified: true, customer_id: before.body.customer.id });
      expect(expectProblem(await server.anonymous.post('/portal/auth/verify-email', { token }), 401, 'unauthorized').detail).toContain('used');

      const current = await session.request('GET', '/portal/auth/session');
      expect(current.body.account.customer_id).toBe(before.body.customer.id);
      const after = await server.admin.post('/api/v1/orders', orderBody([{ sku: 'ACC-MUG', quantity: 1 }], { customer: { email: 'orders.first@example.com', name: 'Early Bird', phone: null } }));
      expect(after.body.customer.id).toBe(before.body.customer.id);
      // The orders say who the customer is: verification does not rename them.
      expect((await server.admin.get(`/api/v1/customers/${before.body.customer.id}`)).body.name).toBe('Early Bird');
    });

    it('links an account with no orders yet to a new customer that later orders land on', async () => {
      const session = await registerCustomer(server, 'no.orders.yet@example.com');
      expect(session.customerId).toMatch(/^cus_/);
      const placed = await server.admin.post('/api/v1/orders', orderBody([{ sku: 'ACC-MUG', quantity: 1 }], { customer: { email: 'no.orders.yet@example.com', name: 'Later', phone: null } }));
      expect(placed.body.customer.id).toBe(session.customerId);
    });

    it('resends the verification link on request; an expired one answers 401', async () => {
      const session = await registerCustomer(server, 'resend@example.com', { verify: false });
      const first = await mailedToken(server, 'resend@example.com', 'account_verify_email');
      server.clock.advance(24 * 60 * MINUTE + 1);
      expect(expectProblem(await server.anonymous.post('/portal/auth/verify-email', { token: first }), 401, 'unauthorized').detail).toContain('expired');
      // The session timed out meanwhile.
      const back = await login('resend@example.com');
      const fresh = browserSession(server, cookieFrom(back, 'wb_session')!, back.body.csrf_token);
      expect(session.cookie).not.toBe(fresh.cookie);
      expect((await fresh.request('POST', '/portal/auth/verify-email/resend')).status).toBe(202);
      const second = await mailedToken(server, 'resend@example.com', 'account_verify_email');
      expect(second).not.toBe(first);
      expect((await server.anonymous.post('/portal/auth/verify-email', { token: second })).status).toBe(200);
      expect((await fresh.request('POST', '/portal/auth/verify-email/resend')).body.detail).toContain('verified already');
    });
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await server.anonymous.get('/openapi.json')).body;
    for (const path of ['/portal/auth/register', '/portal/auth/login', '/portal/auth/logout', '/portal/auth/magic-link', '/portal/auth/session', '/portal/auth/password-reset', '/auth/login']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });
});

describe.each(testDialects())('sign-in throttling on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => server?.close());

  const wrong = 'not the right password';

  it('blocks one client after 5 failures on an account (429 with Retry-After), not the owner elsewhere', async () => {
    await registerCustomer(server, 'pair@example.com');
    const attacker = fromAddress(server, newAddress());
    for (let i = 0; i < 5; i++) expect((await attacker('POST', '/portal/auth/login', { email: 'pair@example.com', password: wrong })).status).toBe(401);
    const blocked = await attacker('POST', '/portal/auth/login', { email: 'pair@example.com', password: CUSTOMER_PASSWORD });
    expectProblem(blocked, 429, 'rate_limited');
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(blocked.body.retry_after).toBe(retryAfter);
    // The owner, at their own address, is not blocked.
    const owner = fromAddress(server, newAddress());
    expect((await owner('POST', '/portal/auth/login', { email: 'pair@example.com', password: CUSTOMER_PASSWORD })).status).toBe(200);
    server.clock.advance(retryAfter * 1000);
    expect((await attacker('POST', '/portal/auth/login', { email: 'pair@example.com', password: CUSTOMER_PASSWORD })).status).toBe(200);
  });

  it('after 10 failures from many addresses, blocks new clients on the account but not the owner’s device or address', async () => {
    // The owner signed in before from home: their browser holds the device cookie.
    const homeAddress = newAddress();
    const home = fromAddress(server, homeAddress);
    await registerCustomer(server, 'target@example.com');
    const first = await home('POST', '/portal/auth/login', { email: 'target@example.com', password: CUSTOMER_PASSWORD });
    expect(first.status).toBe(200);
    const device = cookieFrom(first, 'wb_device')!;
    expect(setCookieLine(first, 'wb_device')).toMatch(/HttpOnly/i);

    for (let i = 0; i < 10; i++) {
      const bot = fromAddress(server, newAddress());
      expect((await bot('POST', '/portal/auth/login', { email: 'target@example.com', password: `${wrong} ${i}` })).status).toBe(401);
    }
    // A client the account has never seen waits, even with the right password (so guessing gains nothing).
    const stranger = fromAddress(server, newAddress());
    expectProblem(await stranger('POST', '/portal/auth/login', { email: 'target@example.com', password: CUSTOMER_PASSWORD }), 429, 'rate_limited');
    // A stranger presenting some other account's device cookie is still a stranger.
    await registerCustomer(server, 'attacker@example.com');
    const own = await stranger('POST', '/portal/auth/login', { email: 'attacker@example.com', password: CUSTOMER_PASSWORD });
    expectProblem(await stranger('POST', '/portal/auth/login', { email: 'target@example.com', password: CUSTOMER_PASSWORD }, { cookie: cookieFrom(own, 'wb_device')! }), 429, 'rate_limited');

    // The owner's device gets in from anywhere; their usual address gets in without the cookie too.
    const travelling = fromAddress(server, newAddress());
    expect((await travelling('POST', '/portal/auth/login', { email: 'target@example.com', password: CUSTOMER_PASSWORD }, { cookie: device })).status).toBe(200);
    expect((await home('POST', '/portal/auth/login', { email: 'target@example.com', password: CUSTOMER_PASSWORD })).status).toBe(200);
    // And a new device of theirs can always sign in by link.
    await stranger('POST', '/portal/auth/magic-link', { email: 'target@example.com' });
    expect((await stranger('POST', '/portal/auth/magic-link/verify', { token: await mailedToken(server, 'target@example.com', 'account_magic_link') })).status).toBe(200);
  });

  it('throttles an unknown email exactly like a real one (no enumeration by 429)', async () => {
    const probe = fromAddress(server, newAddress());
    for (let i = 0; i < 5; i++) expect((await probe('POST', '/portal/auth/login', { email: 'ghost@example.com', password: wrong })).status).toBe(401);
    expectProblem(await probe('POST', '/portal/auth/login', { email: 'ghost@example.com', password: wrong }), 429, 'rate_limited');
  });

  it('blocks an address after 50 failures across accounts, and only that address', async () => {
    const spray = fromAddress(server, newAddress());
    for (let i = 0; i < 50; i++) expect((await spray('POST', '/portal/auth/login', { email: `spray${i}@example.com`, password: wrong })).status).toBe(401);
    await registerCustomer(server, 'bystander@example.com');
    expectProblem(await spray('POST', '/portal/auth/login', { email: 'bystander@example.com', password: CUSTOMER_PASSWORD }), 429, 'rate_limited');
    expect((await fromAddress(server, newAddress())('POST', '/portal/auth/login', { email: 'bystander@example.com', password: CUSTOMER_PASSWORD })).status).toBe(200);
  });

  it('limits link requests per address (429) and messages per email (silently, same 202)', async () => {
    await registerCustomer(server, 'inbox@example.com');
    const flood = fromAddress(server, newAddress());
    for (let i = 0; i < 10; i++) expect((await flood('POST', '/portal/auth/password-reset', { email: 'inbox@example.com' })).status).toBe(202);
    const limited = await flood('POST', '/portal/auth/magic-link', { email: 'inbox@example.com' });
    expectProblem(limited, 429, 'rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await countMessages(server, 'inbox@example.com', 'account_password_reset')).toBe(3);
    // The owner, elsewhere, still gets an answer, and the links already sent went to them.
    expect((await fromAddress(server, newAddress())('POST', '/portal/auth/password-reset', { email: 'inbox@example.com' })).status).toBe(202);
    const token = await mailedToken(server, 'inbox@example.com', 'account_password_reset');
    expect((await server.anonymous.post('/portal/auth/password-reset/confirm', { token, password: 'owner resets anyway' })).status).toBe(204);
  });

  it('blocks an address after 20 invalid link tokens', async () => {
    const guesser = fromAddress(server, newAddress());
    for (let i = 0; i < 20; i++) expect((await guesser('POST', '/portal/auth/magic-link/verify', { token: `guess${i}AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA` })).status).toBe(401);
    expectProblem(await guesser('POST', '/portal/auth/verify-email', { token: 'guessAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }), 429, 'rate_limited');
  });

  it('limits registrations that hit taken emails per address (slows enumeration)', async () => {
    await registerCustomer(server, 'enum@example.com', { verify: false });
    const enumerator = fromAddress(server, newAddress());
    for (let i = 0; i < 10; i++) expect((await enumerator('POST', '/portal/auth/register', { email: 'enum@example.com', password: 'some long password', name: 'E' })).status).toBe(409);
    expectProblem(await enumerator('POST', '/portal/auth/register', { email: 'enum@example.com', password: 'some long password', name: 'E' }), 429, 'rate_limited');
  });
});

describe('account emails over SMTP and with https cookies', () => {
  let server: TestServer;
  let smtp: SmtpCapture;
  beforeAll(async () => {
    smtp = await startSmtpCapture();
    server = await startTestServer('sqlite', { SMTP_URL: smtp.url, WAYBILL_PUBLIC_URL: 'https://shop.example', WAYBILL_MAIL_FROM: 'shop@shop.example' });
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  it('marks cookies Secure with the __Host- prefix behind https, and mails the links over SMTP', async () => {
    const res = await server.anonymous.post('/portal/auth/register', { email: 'smtp@example.com', password: CUSTOMER_PASSWORD, name: 'Mail Reader' });
    expect(res.status, res.text).toBe(201);
    const line = res.headers.getSetCookie().find((l) => l.startsWith('__Host-wb_session='))!;
    expect(line).toMatch(/; Secure/i);
    expect(line).toMatch(/HttpOnly/i);
    expect(line).toMatch(/SameSite=Lax/i);
    expect(line).not.toMatch(/Domain=/i);

    await drainJobs(server);
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toEqual(['smtp@example.com']);
    expect(mail!.subject).toContain('confirm your email');
    expect(mail!.text).toContain('Hi Mail Reader');
    const token = tokenInText(mail!.text!);
    expect(mail!.text).toContain(`https://shop.example/account/verify-email#token=${token}`);
    // Handlebars escapes `=` in HTML as &#x3D;, which a browser reads back as `=`.
    expect(mail!.html!.replaceAll('&#x3D;', '=')).toContain(`href="https://shop.example/account/verify-email#token=${token}"`);
    expect(mail!.text).toContain('The link works once, for 24 hours.');
    const verified = await server.anonymous.post('/portal/auth/verify-email', { token });
    expect(verified.status, verified.text).toBe(200);
    const list = await server.admin.get('/api/v1/notifications?channel=email');
    expect(list.body.data[0]).toMatchObject({ template: 'account_verify_email', status: 'sent', transport: 'smtp', to: 'smtp@example.com' });
  });
});
