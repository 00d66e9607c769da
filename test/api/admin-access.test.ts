/**
 * The admin's management of staff users (/api/v1/users) and API keys (/api/v1/api-keys) over real
 * HTTP on both dialects: admin only (operators and viewers 403, nobody 401), the CLI's password
 * rules, a disabled user signed out at once and refused at sign-in like a wrong password, the shop
 * never left without an enabled admin, keys that work at once, are listed without their secret,
 * stop at once when revoked, and are made once under an Idempotency-Key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../support/databases.js';
import { expectInvalid, expectProblem } from '../support/problems.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { browserSession, cookieFrom, signInStaff, STAFF_PASSWORD, type StaffSession } from '../support/sessions.js';

const USERS = '/api/v1/users';
const KEYS = '/api/v1/api-keys';

describe.each(testDialects())('admin access management on %s', (dialect) => {
  let server: TestServer;
  let boss: StaffSession;

  async function login(email: string, password = STAFF_PASSWORD) {
    return server.anonymous.post('/auth/login', { email, password });
  }

  async function keyCount(): Promise<number> {
    const row = await server.deps.db.selectFrom('api_keys').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  beforeAll(async () => {
    server = await startTestServer(dialect);
    // The one admin user of the shop (the test server's admin API key is not a user).
    boss = await signInStaff(server, 'boss@shop.example', 'admin');
  });
  afterAll(async () => server?.close());

  it('keeps every route to the admin role: 403 for operator and viewer keys and sessions, 401 without credentials', async () => {
    const operator = await signInStaff(server, 'ops@shop.example', 'operator');
    const viewer = await signInStaff(server, 'look@shop.example', 'viewer');
    const routes: Array<[string, string, unknown]> = [
      ['GET', USERS, undefined],
      ['POST', USERS, { email: 'x@shop.example', role: 'viewer', password: STAFF_PASSWORD }],
      ['GET', `${USERS}/${boss.userId}`, undefined],
      ['PATCH', `${USERS}/${boss.userId}`, { name: 'Taken over' }],
      ['GET', KEYS, undefined],
      ['POST', KEYS, { role: 'admin' }],
      ['DELETE', `${KEYS}/key_nope`, undefined],
    ];
    const keysBefore = await keyCount();
    for (const [method, path, json] of routes) {
      for (const client of [server.operator, server.viewer]) expect(expectProblem(await client.request(method, path, { json }), 403, 'forbidden').detail).toContain('admin');
      for (const session of [operator, viewer]) expectProblem(await session.request(method, path, json), 403, 'forbidden');
      expectProblem(await server.anonymous.request(method, path, { json }), 401, 'unauthorized');
    }
    // Nothing was made or changed by the refused requests.
    expect(await keyCount()).toBe(keysBefore);
    expect((await server.admin.get(`${USERS}/${boss.userId}`)).body.name).toBe('boss');
    expect((await server.admin.get(USERS)).body.data.map((u: { email: string }) => u.email)).not.toContain('x@shop.example');
  });

  it('creates, lists, reads and changes users, never showing a password or its hash', async () => {
    const created = await server.admin.post(USERS, { email: 'New.Person@Shop.example', name: 'New Person', role: 'viewer', password: 'a long enough secret' });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^usr_/),
      email: 'new.person@shop.example',
      name: 'New Person',
      role: 'viewer',
      disabled: false,
      created_at: expect.any(String),
      last_sign_in_at: null,
    });
    // Without a name, the part of the email before @ (as `waybill users create`).
    const unnamed = await server.admin.post(USERS, { email: 'quiet@shop.example', role: 'operator', password: 'a long enough secret' });
    expect(unnamed.status, unnamed.text).toBe(201);
    expect(unnamed.body.name).toBe('quiet');

    const list = await server.admin.get(USERS);
    expect(list.status, list.text).toBe(200);
    expect(list.body.next_cursor).toBeNull();
    const emails = list.body.data.map((u: { email: string }) => u.email);
    expect(emails).toEqual(expect.arrayContaining(['boss@shop.example', 'new.person@shop.example', 'quiet@shop.example']));
    expect(list.text).not.toMatch(/password|argon2/);
    expect(list.body.data.find((u: { email: string }) => u.email === 'boss@shop.example').last_sign_in_at).toEqual(expect.any(String));

    const read = await server.admin.get(`${USERS}/${created.body.id}`);
    expect(read.body).toEqual(created.body);

    // The new user signs in with the password given.
    expect((await login('new.person@shop.example', 'a long enough secret')).status).toBe(200);

    const patched = await server.admin.patch(`${USERS}/${created.body.id}`, { name: 'Renamed', role: 'operator' });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body).toMatchObject({ id: created.body.id, name: 'Renamed', role: 'operator', disabled: false });
    expect((await server.admin.get(`${USERS}/${created.body.id}`)).body).toMatchObject({ name: 'Renamed', role: 'operator' });
    // An admin's browser session does the same, with its CSRF token.
    const bySession = await boss.request('PATCH', `${USERS}/${created.body.id}`, { role: 'viewer' });
    expect(bySession.status, bySession.text).toBe(200);
    expect(bySession.body.role).toBe('viewer');

    expectProblem(await server.admin.get(`${USERS}/usr_nope`), 404, 'not_found');
    expectProblem(await server.admin.patch(`${USERS}/usr_nope`, { name: 'Nobody' }), 404, 'not_found');
  });

  it('refuses a duplicate email with 409 and bad bodies with 422 naming the field', async () => {
    const again = expectProblem(await server.admin.post(USERS, { email: 'BOSS@shop.example', role: 'viewer', password: 'another good secret' }), 409, 'conflict');
    expect(again.detail).toContain('boss@shop.example');
    const good = { email: 'valid@shop.example', role: 'viewer', password: 'a long enough secret' };
    expectInvalid(await server.admin.post(USERS, { ...good, email: 'not an email' }), 'email');
    expectInvalid(await server.admin.post(USERS, { ...good, role: 'root' }), 'role');
    expectInvalid(await server.admin.post(USERS, { email: good.email, password: good.password }), 'role');
    expectInvalid(await server.admin.post(USERS, { ...good, password: undefined }), 'password');
    expect(expectInvalid(await server.admin.post(USERS, { ...good, password: 'short' }), 'password')[0]!.message).toContain('min_length');
    expect(expectInvalid(await server.admin.post(USERS, { ...good, password: 'x'.repeat(129) }), 'password')[0]!.message).toContain('max_length');
    expect(expectInvalid(await server.admin.post(USERS, { ...good, password: 'password123' }), 'password')[0]!.message).toContain('common_password');
    expectInvalid(await server.admin.post(USERS, { ...good, name: '' }), 'name');
    expectInvalid(await server.admin.post(USERS, { ...good, password_hash: 'x' }));
    expectInvalid(await server.admin.post(USERS, []));
    expectProblem(await server.admin.post(USERS), 422, 'validation_failed');
    expect((await server.admin.get(USERS)).body.data.map((u: { email: string }) => u.email)).not.toContain('valid@shop.example');

    expectInvalid(await server.admin.patch(`${USERS}/${boss.userId}`, { disabled: 'yes' }), 'disabled');
    expectInvalid(await server.admin.patch(`${USERS}/${boss.userId}`, { role: 'owner' }), 'role');
    expectInvalid(await server.admin.patch(`${USERS}/${boss.userId}`, { name: '' }), 'name');
    expectInvalid(await server.admin.patch(`${USERS}/${boss.userId}`, { email: 'new@shop.example' }));
    expectInvalid(await server.admin.get(`${USERS}/${'x'.repeat(65)}`));
    expect((await server.admin.get(`${USERS}/${boss.userId}`)).body).toMatchObject({ role: 'admin', disabled: false, name: 'boss' });
  });

  it('signs a disabled user out at once and refuses their sign-in like a wrong password, until enabled again', async () => {
    const worker = await signInStaff(server, 'leaver@shop.example', 'operator');
    expect((await worker.request('GET', '/api/v1/orders')).status).toBe(200);
    const disabled = await server.admin.patch(`${USERS}/${worker.userId}`, { disabled: true });
    expect(disabled.status, disabled.text).toBe(200);
    expect(disabled.body.disabled).toBe(true);

    // The open session is over on its very next request.
    expectProblem(await worker.request('GET', '/api/v1/orders'), 401, 'unauthorized');
    expectProblem(await worker.request('GET', '/auth/session'), 401, 'unauthorized');
    // The right password is refused exactly as a wrong one.
    const refused = expectProblem(await login('leaver@shop.example'), 401, 'unauthorized');
    const wrong = expectProblem(await login('leaver@shop.example', 'not the password at all'), 401, 'unauthorized');
    expect(refused).toEqual(wrong);
    expect(cookieFrom(await login('leaver@shop.example'), 'wb_staff_session')).toBeNull();
    // Disabling twice is no error.
    expect((await server.admin.patch(`${USERS}/${worker.userId}`, { disabled: true })).status).toBe(200);

    const enabled = await server.admin.patch(`${USERS}/${worker.userId}`, { disabled: false });
    expect(enabled.body.disabled).toBe(false);
    const back = await login('leaver@shop.example');
    expect(back.status, back.text).toBe(200);
    const session = browserSession(server, cookieFrom(back, 'wb_staff_session')!, back.body.csrf_token);
    expect((await session.request('GET', '/api/v1/orders')).status).toBe(200);
  });

  it('never leaves the shop without an enabled admin', async () => {
    // boss is the only admin user: not demoted, not disabled, not by themselves either.
    expect(expectProblem(await server.admin.patch(`${USERS}/${boss.userId}`, { role: 'operator' }), 409, 'conflict').detail).toContain('last enabled admin');
    expectProblem(await server.admin.patch(`${USERS}/${boss.userId}`, { disabled: true }), 409, 'conflict');
    expectProblem(await boss.request('PATCH', `${USERS}/${boss.userId}`, { disabled: true }), 409, 'conflict');
    expectProblem(await boss.request('PATCH', `${USERS}/${boss.userId}`, { role: 'viewer' }), 409, 'conflict');
    // A refused change changes nothing, and boss is still signed in.
    expect((await boss.request('GET', `${USERS}/${boss.userId}`)).body).toMatchObject({ role: 'admin', disabled: false });
    // Renaming the last admin is fine.
    expect((await boss.request('PATCH', `${USERS}/${boss.userId}`, { name: 'The Boss', role: 'admin' })).status).toBe(200);

    // With a second enabled admin, either may step down — but then the other is the last.
    const deputy = await server.admin.post(USERS, { email: 'deputy@shop.example', role: 'admin', password: 'a long enough secret' });
    expect(deputy.status, deputy.text).toBe(201);
    const demoted = await boss.request('PATCH', `${USERS}/${boss.userId}`, { role: 'operator' });
    expect(demoted.status, demoted.text).toBe(200);
    expect(demoted.body.role).toBe('operator');
    // boss's session now has the operator role: the admin routes are closed to it at once.
    expectProblem(await boss.request('GET', USERS), 403, 'forbidden');
    expectProblem(await server.admin.patch(`${USERS}/${deputy.body.id}`, { disabled: true }), 409, 'conflict');
    // A disabled admin does not count as one.
    expect((await server.admin.patch(`${USERS}/${boss.userId}`, { role: 'admin', disabled: true })).status).toBe(200);
    expectProblem(await server.admin.patch(`${USERS}/${deputy.body.id}`, { role: 'viewer' }), 409, 'conflict');
    expect((await server.admin.patch(`${USERS}/${boss.userId}`, { disabled: false })).status).toBe(200);
    expect((await server.admin.patch(`${USERS}/${deputy.body.id}`, { role: 'viewer' })).status).toBe(200);
  });

  it('creates a key that works at once, lists it without its secret, and revokes it at once', async () => {
    const created = await server.admin.post(KEYS, { role: 'viewer', name: 'dashboard tv' });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^key_/),
      name: 'dashboard tv',
      role: 'viewer',
      prefix: created.body.key.slice(0, 7),
      created_at: expect.any(String),
      revoked_at: null,
      key: expect.stringMatching(/^wb_/),
    });
    const secret: string = created.body.key;
    const asKey = server.anonymous.as(secret);
    expect((await asKey.get('/api/v1/orders')).status).toBe(200);
    // A viewer key is a viewer: it cannot manage keys.
    expectProblem(await asKey.get(KEYS), 403, 'forbidden');

    const list = await server.admin.get(KEYS);
    expect(list.status, list.text).toBe(200);
    expect(list.body.next_cursor).toBeNull();
    const listed = list.body.data.find((k: { id: string }) => k.id === created.body.id);
    expect(listed).toEqual({ id: created.body.id, name: 'dashboard tv', role: 'viewer', prefix: created.body.prefix, created_at: created.body.created_at, revoked_at: null });
    expect(list.text).not.toContain(secret);
    expect(list.text).not.toMatch(/key_hash|"key"/);

    const revoked = await server.admin.request('DELETE', `${KEYS}/${created.body.id}`);
    expect(revoked.status, revoked.text).toBe(204);
    // At once: the auth hook's few-second cache does not keep it alive.
    expectProblem(await asKey.get('/api/v1/orders'), 401, 'unauthorized');
    const after = (await server.admin.get(KEYS)).body.data.find((k: { id: string }) => k.id === created.body.id);
    expect(after.revoked_at).toEqual(expect.any(String));
    // Revoking again is fine and keeps the first time; an unknown id is 404.
    expect((await server.admin.request('DELETE', `${KEYS}/${created.body.id}`)).status).toBe(204);
    expect((await server.admin.get(KEYS)).body.data.find((k: { id: string }) => k.id === created.body.id).revoked_at).toBe(after.revoked_at);
    expectProblem(await server.admin.request('DELETE', `${KEYS}/key_nope`), 404, 'not_found');

    // An admin's browser session manages keys too; without a name the key is "unnamed".
    const keyAdmin = await signInStaff(server, 'keys@shop.example', 'admin');
    const bySession = await keyAdmin.request('POST', KEYS, { role: 'operator' });
    expect(bySession.status, bySession.text).toBe(201);
    expect(bySession.body.name).toBe('unnamed');
    expect((await server.anonymous.as(bySession.body.key).post('/api/v1/products', { sku: 'BY-KEY', name: 'made with the new key', unit_price: 1, currency: 'USD' })).status).toBe(201);
  });

  it('makes one key per Idempotency-Key: the replay names the same key, without the secret, which is stored nowhere', async () => {
    const before = await keyCount();
    const headers = { 'idempotency-key': `key-create-${dialect}` };
    const first = await server.admin.post(KEYS, { role: 'operator', name: 'warehouse scanner' }, { headers });
    expect(first.status, first.text).toBe(201);
    expect(first.body.key).toMatch(/^wb_/);
    const replay = await server.admin.post(KEYS, { role: 'operator', name: 'warehouse scanner' }, { headers });
    expect(replay.status, replay.text).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual({ ...first.body, key: null });
    expect(await keyCount()).toBe(before + 1);
    expectProblem(await server.admin.post(KEYS, { role: 'admin', name: 'warehouse scanner' }, { headers }), 422, 'idempotency_key_reused');
    expect(await keyCount()).toBe(before + 1);
    // The secret is in no table: only its hash.
    const stored = await server.deps.db.selectFrom('idempotency_keys').select('response_body').execute();
    for (const row of stored) expect(row.response_body ?? '').not.toContain(first.body.key);
    expect((await server.anonymous.as(first.body.key).get('/api/v1/orders')).status).toBe(200);
  });

  it('refuses bad key bodies with 422 and makes nothing', async () => {
    const before = await keyCount();
    expectInvalid(await server.admin.post(KEYS, { role: 'root' }), 'role');
    expectInvalid(await server.admin.post(KEYS, {}), 'role');
    expectInvalid(await server.admin.post(KEYS, { role: 'viewer', name: '' }), 'name');
    expectInvalid(await server.admin.post(KEYS, { role: 'viewer', name: 'x'.repeat(101) }), 'name');
    expectInvalid(await server.admin.post(KEYS, { role: 'viewer', key: 'wb_chosen_by_me' }));
    expectInvalid(await server.admin.request('DELETE', `${KEYS}/${'x'.repeat(65)}`));
    expect(await keyCount()).toBe(before);
  });
});
