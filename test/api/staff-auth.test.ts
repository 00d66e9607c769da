/**
 * Staff in the browser (API.md "Staff in the browser"): users made by `waybill users create` sign in
 * with POST /auth/login and reach the staff API by their role, with the same session rules as
 * customers (cookie flags, new id at sign-in, timeouts, CSRF, password change ends every session,
 * throttling); customer and staff credentials never open each other's routes.
 */
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';
import { createWarehouse } from '../support/fixtures.js';
import { expectInvalid, expectProblem } from '../support/problems.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { browserSession, cookieFrom, fromAddress, registerCustomer, setCookieLine, signInStaff, STAFF_PASSWORD } from '../support/sessions.js';

const MINUTE = 60_000;
const root = new URL('../..', import.meta.url).pathname;

function waybill(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(WAYBILL_|DATABASE_URL$|PORT$|HOST$|LOG_LEVEL$|NODE_OPTIONS$)/.test(name)));
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: root, env: { ...inherited, LOG_LEVEL: 'silent', ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

const warehouse = (code: string) => ({ code, name: `${code} warehouse`, address: { line1: '1 Dock Rd', city: 'Dallas', region: 'TX', country: 'US' } });

describe.each(testDialects())('staff sign-in on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    await createWarehouse(server.admin, 'DAL', 'Dallas', 'TX');
  });
  afterAll(async () => server?.close());

  it('signs in with a strict cookie and answers the session with the user and its CSRF token', async () => {
    const staff = await signInStaff(server, 'Flags@Shop.example', 'viewer');
    const login = await server.anonymous.post('/auth/login', { email: 'flags@shop.example', password: STAFF_PASSWORD });
    expect(login.status, login.text).toBe(200);
    expect(login.body).toEqual({ user: { id: staff.userId, email: 'flags@shop.example', name: 'flags', role: 'viewer' }, csrf_token: expect.any(String) });
    const line = setCookieLine(login, 'wb_staff_session')!;
    expect(line).toMatch(/HttpOnly/i);
    expect(line).toMatch(/SameSite=Lax/i);
    expect(line).toMatch(/Path=\//);
    expect(line).not.toMatch(/Secure/i);
    const current = await staff.request('GET', '/auth/session');
    expect(current.status, current.text).toBe(200);
    expect(current.body).toEqual({ user: login.body.user, csrf_token: staff.csrf });
  });

  it('answers a wrong password like an unknown email (401), and bad input with 422', async () => {
    await signInStaff(server, 'wrong@shop.example', 'operator');
    const wrong = expectProblem(await server.anonymous.post('/auth/login', { email: 'wrong@shop.example', password: 'not it at all' }), 401, 'unauthorized');
    const unknown = expectProblem(await server.anonymous.post('/auth/login', { email: 'nobody@shop.example', password: 'not it at all' }), 401, 'unauthorized');
    expect(unknown).toEqual(wrong);
    expectInvalid(await server.anonymous.post('/auth/login', { email: 'wrong@shop.example' }), 'password');
    expectInvalid(await server.anonymous.post('/auth/login', { email: 'not an email', password: 'x' }), 'email');
    expectInvalid(await server.anonymous.post('/auth/login', { email: 'wrong@shop.example', password: '' }), 'password');
    // A customer account with the same email is not a staff user.
    await registerCustomer(server, 'both@shop.example');
    expectProblem(await server.anonymous.post('/auth/login', { email: 'both@shop.example', password: 'a quiet harbour at dawn' }), 401, 'unauthorized');
  });

  it('lets each role do what its API keys may: viewer reads, operator writes orders and stock, admin everything', async () => {
    const viewer = await signInStaff(server, 'viewer@shop.example', 'viewer');
    const operator = await signInStaff(server, 'operator@shop.example', 'operator');
    const admin = await signInStaff(server, 'admin@shop.example', 'admin');
    for (const staff of [viewer, operator, admin]) {
      for (const path of ['/api/v1/orders', '/api/v1/products', '/api/v1/inventory', '/api/v1/warehouses', '/api/v1/customers']) {
        const res = await staff.request('GET', path);
        expect(res.status, `${staff.role} ${path}: ${res.text}`).toBe(200);
      }
    }
    expect(expectProblem(await viewer.request('POST', '/api/v1/products', { sku: 'V-1', name: 'x', unit_price: 1, currency: 'USD' }), 403, 'forbidden').detail).toContain('operator');
    expectProblem(await viewer.request('PUT', '/api/v1/inventory/MUG/DAL', { on_hand: 1 }), 403, 'forbidden');
    const product = await operator.request('POST', '/api/v1/products', { sku: 'OP-1', name: 'by an operator', unit_price: 1, currency: 'USD' });
    expect(product.status, product.text).toBe(201);
    expectProblem(await operator.request('POST', '/api/v1/warehouses', warehouse('OPW')), 403, 'forbidden');
    expect((await admin.request('POST', '/api/v1/warehouses', warehouse('ADW'))).status).toBe(201);

    // The actor of what a staff user does is the user.
    const moved = await operator.request('POST', '/api/v1/inventory/adjustments', { sku: 'OP-1', warehouse: 'DAL', delta: 5, reason: 'count' });
    expect(moved.status, moved.text).toBe(201);
    const movements = await admin.request('GET', '/api/v1/inventory/movements?sku=OP-1');
    expect(movements.body.data[0].actor).toBe(`staff:${operator.userId}`);
  });

  it('needs the CSRF token on writes of a staff session (403), never on API-key requests', async () => {
    const operator = await signInStaff(server, 'csrf@shop.example', 'operator');
    const body = { sku: 'CSRF-1', name: 'x', unit_price: 1, currency: 'USD' };
    expectProblem(await operator.request('POST', '/api/v1/products', body, { 'x-csrf-token': '' }), 403, 'forbidden');
    expectProblem(await operator.request('POST', '/api/v1/products', body, { 'x-csrf-token': 'forged-token' }), 403, 'forbidden');
    expectProblem(await server.anonymous.post('/api/v1/products', body, { headers: { cookie: operator.cookie } }), 403, 'forbidden');
    expect((await server.operator.post('/api/v1/products', body)).status).toBe(201);
    // A bearer key wins over a cookie, and needs no token.
    expect((await server.operator.post('/api/v1/products', { ...body, sku: 'CSRF-2' }, { headers: { cookie: operator.cookie } })).status).toBe(201);
  });

  it('takes a role change at the next request (no cached role)', async () => {
    const staff = await signInStaff(server, 'promoted@shop.example', 'viewer');
    expectProblem(await staff.request('POST', '/api/v1/products', { sku: 'PRO-1', name: 'x', unit_price: 1, currency: 'USD' }), 403, 'forbidden');
    await server.deps.db.updateTable('staff_users').set({ role: 'operator' }).where('id', '=', staff.userId).execute();
    expect((await staff.request('POST', '/api/v1/products', { sku: 'PRO-1', name: 'x', unit_price: 1, currency: 'USD' })).status).toBe(201);
  });

  it('keeps customer and staff credentials apart: 403 on the other side, 401 with none', async () => {
    const customer = await registerCustomer(server, 'shopper@example.com');
    const staff = await signInStaff(server, 'apart@shop.example', 'admin');
    expect(expectProblem(await customer.request('GET', '/api/v1/orders'), 403, 'forbidden').detail).toContain('staff');
    expectProblem(await customer.request('POST', '/api/v1/products', { sku: 'C-1', name: 'x', unit_price: 1, currency: 'USD' }), 403, 'forbidden');
    expectProblem(await customer.request('GET', '/auth/session'), 403, 'forbidden');
    expect(expectProblem(await staff.request('GET', '/portal/auth/session'), 403, 'forbidden').detail).toContain('customers');
    expectProblem(await staff.request('POST', '/portal/auth/logout'), 403, 'forbidden');
    expectProblem(await server.admin.get('/portal/auth/session'), 403, 'forbidden');
    expectProblem(await server.admin.get('/auth/session'), 403, 'forbidden');
    expectProblem(await server.anonymous.get('/auth/session'), 401, 'unauthorized');
    expectProblem(await server.anonymous.get('/portal/auth/session'), 401, 'unauthorized');
    // One browser signed in to both: each route takes its own cookie.
    const both = browserSession(server, `${customer.cookie}; ${staff.cookie}`, staff.csrf);
    expect((await both.request('GET', '/api/v1/orders')).status).toBe(200);
    expect((await both.request('GET', '/portal/auth/session')).body.account.email).toBe('shopper@example.com');
  });

  it('gives a new session id at sign-in, signs out on the server, and times out idle sessions', async () => {
    const staff = await signInStaff(server, 'session@shop.example', 'viewer');
    const again = await server.anonymous.post('/auth/login', { email: 'session@shop.example', password: STAFF_PASSWORD }, { headers: { cookie: staff.cookie } });
    const renewed = browserSession(server, cookieFrom(again, 'wb_staff_session')!, again.body.csrf_token);
    expect(renewed.cookie).not.toBe(staff.cookie);
    expectProblem(await staff.request('GET', '/api/v1/orders'), 401, 'unauthorized');
    expect((await renewed.request('GET', '/api/v1/orders')).status).toBe(200);

    expectProblem(await renewed.request('POST', '/auth/logout', undefined, { 'x-csrf-token': 'nope' }), 403, 'forbidden');
    expect((await renewed.request('POST', '/auth/logout')).status).toBe(204);
    expectProblem(await renewed.request('GET', '/api/v1/orders'), 401, 'unauthorized');
    expectProblem(await server.operator.post('/auth/logout'), 403, 'forbidden');

    const idle = await signInStaff(server, 'idle@shop.example', 'viewer');
    server.clock.advance(29 * MINUTE);
    expect((await idle.request('GET', '/api/v1/orders')).status).toBe(200);
    server.clock.advance(31 * MINUTE);
    expectProblem(await idle.request('GET', '/api/v1/orders'), 401, 'unauthorized');

    const long = await signInStaff(server, 'absolute@shop.example', 'viewer');
    for (let i = 0; i < 35; i++) {
      server.clock.advance(20 * MINUTE);
      expect((await long.request('GET', '/auth/session')).status).toBe(200);
    }
    server.clock.advance(20 * MINUTE);
    expectProblem(await long.request('GET', '/auth/session'), 401, 'unauthorized');
  });

  it('ends every session of the user when the password changes', async () => {
    const here = await signInStaff(server, 'rotate@shop.example', 'operator');
    const otherLogin = await server.anonymous.post('/auth/login', { email: 'rotate@shop.example', password: STAFF_PASSWORD });
    const elsewhere = browserSession(server, cookieFrom(otherLogin, 'wb_staff_session')!, otherLogin.body.csrf_token);
    expectInvalid(await here.request('POST', '/auth/password', { current_password: 'wrong one here', new_password: 'a new staff password' }), 'current_password');
    expectInvalid(await here.request('POST', '/auth/password', { current_password: STAFF_PASSWORD, new_password: 'qwertyuiop' }), 'new_password');
    const changed = await here.request('POST', '/auth/password', { current_password: STAFF_PASSWORD, new_password: 'a new staff password' });
    expect(changed.status, changed.text).toBe(200);
    expectProblem(await elsewhere.request('GET', '/api/v1/orders'), 401, 'unauthorized');
    expectProblem(await here.request('GET', '/api/v1/orders'), 401, 'unauthorized');
    const renewed = browserSession(server, cookieFrom(changed, 'wb_staff_session')!, changed.body.csrf_token);
    expect((await renewed.request('GET', '/api/v1/orders')).status).toBe(200);
    expectProblem(await server.anonymous.post('/auth/login', { email: 'rotate@shop.example', password: STAFF_PASSWORD }), 401, 'unauthorized');
  });

  it('throttles failed staff sign-ins per client (429 with Retry-After) without locking the user out elsewhere', async () => {
    await signInStaff(server, 'target@shop.example', 'admin');
    const attacker = fromAddress(server, '127.0.9.2');
    for (let i = 0; i < 5; i++) expect((await attacker('POST', '/auth/login', { email: 'target@shop.example', password: `guess number ${i}` })).status).toBe(401);
    const blocked = await attacker('POST', '/auth/login', { email: 'target@shop.example', password: STAFF_PASSWORD });
    expectProblem(blocked, 429, 'rate_limited');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await server.anonymous.post('/auth/login', { email: 'target@shop.example', password: STAFF_PASSWORD })).status).toBe(200);
  });
});

describe.each(testDialects())('waybill users on %s', (dialect) => {
  let database: TestDatabase;
  let server: TestServer;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    server = await startTestServer(dialect, {}, database);
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('creates users who sign in with their role; prints a generated password when none is given', async () => {
    const given = await waybill(['users', 'create', '--email', 'Ops@Shop.example', '--role', 'operator', '--password', 'operator cli password'], { DATABASE_URL: database.url });
    expect(given.code, given.stderr).toBe(0);
    expect(given.stdout).toBe('');
    expect(given.stderr).toMatch(/^created operator user usr_\S+ \(ops@shop\.example\)\n$/);
    const ops = await server.anonymous.post('/auth/login', { email: 'ops@shop.example', password: 'operator cli password' });
    expect(ops.status, ops.text).toBe(200);
    expect(ops.body.user.role).toBe('operator');

    const generated = await waybill(['users', 'create', '--email', 'boss@shop.example', '--role', 'admin', '--name', 'The Boss'], { DATABASE_URL: database.url });
    expect(generated.code, generated.stderr).toBe(0);
    expect(generated.stdout).toMatch(/^[A-Za-z0-9_-]{22}\n$/);
    const boss = await server.anonymous.post('/auth/login', { email: 'boss@shop.example', password: generated.stdout.trim() });
    expect(boss.status, boss.text).toBe(200);
    expect(boss.body.user).toMatchObject({ role: 'admin', name: 'The Boss' });
    const session = browserSession(server, cookieFrom(boss, 'wb_staff_session')!, boss.body.csrf_token);
    expect((await session.request('POST', '/api/v1/warehouses', warehouse('CLI'))).status).toBe(201);

    const listed = await waybill(['users', 'list'], { DATABASE_URL: database.url });
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/usr_\S+\toperator\tops@shop\.example\tops\tsigned in /);
    expect(listed.stdout).toMatch(/usr_\S+\tadmin\tboss@shop\.example\tThe Boss\tsigned in /);
    expect(listed.stdout).not.toContain(generated.stdout.trim());
  });

  it('refuses a weak password, a taken email, a missing email and an unknown role', async () => {
    const [weak, taken, noEmail, badRole, help] = await Promise.all([
      waybill(['users', 'create', '--email', 'weak@shop.example', '--role', 'viewer', '--password', 'password1'], { DATABASE_URL: database.url }),
      waybill(['users', 'create', '--email', 'ops@shop.example', '--role', 'viewer'], { DATABASE_URL: database.url }),
      waybill(['users', 'create', '--role', 'viewer'], { DATABASE_URL: database.url }),
      waybill(['users', 'create', '--email', 'x@shop.example', '--role', 'root'], { DATABASE_URL: database.url }),
      waybill(['users', '--help'], {}),
    ]);
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('common_password');
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('exists');
    expect(noEmail.code).toBe(1);
    expect(noEmail.stderr).toContain('--email');
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toContain('root');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('create');
    expect(help.stdout).toContain('list');
  });
});
