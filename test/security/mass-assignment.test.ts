/**
 * Mass assignment (issue 10): no caller sets a field the route does not offer. Every JSON body
 * schema of the API is closed (`additionalProperties: false`), so the server REFUSES an unknown
 * field with 422 validation_failed naming it ("is not a known field") before any handler runs — it
 * never silently ignores one. Query strings are the other way round: an unknown parameter is
 * ignored, so a customer cannot widen a list by naming someone else.
 *
 * First, every route of /openapi.json with a body, as a caller the route lets in: the privileged
 * fields it does not declare are each refused. Then the fields that matter, with otherwise valid
 * bodies, checking that nothing changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../support/databases.js';
import { addStock, createProduct, createWarehouse, orderBody } from '../support/fixtures.js';
import { Client } from '../support/http.js';
import { countRows, expectInvalid, expectProblem } from '../support/problems.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { CUSTOMER_PASSWORD, registerCustomer, signInStaff, type BrowserSession, type CustomerSession } from '../support/sessions.js';
import { accessMatrix } from './access-matrix.js';

/** Fields a caller must never set through a body: identity, ownership, money already moved, state, privilege. */
const PRIVILEGED: Readonly<Record<string, unknown>> = {
  id: 'forged_0001',
  created_at: '2020-01-01T00:00:00Z',
  updated_at: '2020-01-01T00:00:00Z',
  status: 'delivered',
  customer_id: 'cus_forged',
  account_id: 'acc_forged',
  email_verified: true,
  role: 'admin',
  payment_status: 'captured',
  amount_refunded: 1,
  total: 1,
  tracking_token: 'forged',
  password_hash: 'forged',
  key_hash: 'forged',
};

interface OpenApiDoc {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>;
  components: { schemas: Record<string, JsonSchema> };
}
interface JsonSchema {
  $ref?: string;
  type?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: unknown;
}

function resolve(doc: OpenApiDoc, schema: JsonSchema): JsonSchema {
  return schema.$ref ? doc.components.schemas[schema.$ref.split('/').pop()!]! : schema;
}

/** A path the parameter schemas accept (the body is refused before any object is looked up). */
function plausiblePath(path: string): string {
  return path.replace('{sku}', 'MUG').replace('{warehouse}', 'DAL').replace(/\{\w+\}/g, 'x1');
}

describe.each(testDialects())('mass assignment on %s', (dialect) => {
  let server: TestServer;
  let a: CustomerSession;
  let b: CustomerSession;
  let staffAdmin: BrowserSession;
  let aOrder: { id: string };
  let bOrder: { id: string };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    await createWarehouse(server.admin, 'DAL', 'Dallas', 'TX');
    await createProduct(server.admin, 'MUG', { unit_price: 1999 });
    await addStock(server.admin, 'MUG', 'DAL', 100);
    const place = async (email: string) => {
      const res = await server.operator.post('/api/v1/orders', orderBody([{ sku: 'MUG', quantity: 1 }], { customer: { email, name: 'Someone' } }));
      expect(res.status, res.text).toBe(201);
      return res.body as { id: string };
    };
    aOrder = await place('mass-a@example.com');
    bOrder = await place('mass-b@example.com');
    a = await registerCustomer(server, 'mass-a@example.com');
    b = await registerCustomer(server, 'mass-b@example.com');
    staffAdmin = await signInStaff(server, 'mass-admin@shop.example', 'admin');
  });
  afterAll(async () => server?.close());

  it('refuses every privileged field a route does not declare, on every route with a body, naming each', async () => {
    const doc = (await server.anonymous.get('/openapi.json')).body as OpenApiDoc;
    const failures: string[] = [];
    let routes = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [verb, operation] of Object.entries(item)) {
        const method = verb.toUpperCase();
        const schema = operation.requestBody?.content?.['application/json']?.schema;
        if (schema === undefined) continue;
        const key = `${method} ${path}`;
        const access = accessMatrix[key]?.access;
        if (access === undefined) throw new Error(`${key} has no row in access-matrix.ts`);
        const body = resolve(doc, schema);
        if (body.additionalProperties !== false) failures.push(`${key}: the body schema is open (additionalProperties is not false)`);
        const declared = new Set(Object.keys(body.properties ?? {}));
        const forged = Object.fromEntries(Object.entries(PRIVILEGED).filter(([field]) => !declared.has(field)));
        const concrete = plausiblePath(path);
        const res =
          access === 'customer'
            ? await a.request(method, concrete, forged)
            : access === 'staff-session'
              ? await staffAdmin.request(method, concrete, forged)
              : access === 'public'
                ? await server.anonymous.request(method, concrete, { json: forged })
                : await server.admin.request(method, concrete, { json: forged });
        routes++;
        if (res.status !== 422 || res.body?.code !== 'validation_failed') {
          failures.push(`${key}: expected 422 validation_failed, got ${res.status} ${res.text.slice(0, 200)}`);
          continue;
        }
        const refused = new Set((res.body.errors as Array<{ path: string; message: string }>).filter((e) => e.message === 'is not a known field').map((e) => e.path));
        const taken = Object.keys(forged).filter((field) => !refused.has(field));
        if (taken.length > 0) failures.push(`${key}: not refused by name: ${taken.join(', ')}`);
      }
    }
    expect(failures).toEqual([]);
    expect(routes).toBeGreaterThan(35);
  });

  it('gives a viewer no write at all, by the table (the matrix proves the server keeps it)', () => {
    const viewerWrites = Object.entries(accessMatrix).filter(([key, row]) => !key.startsWith('GET ') && row.access === 'viewer');
    expect(viewerWrites).toEqual([]);
  });

  it('lets no one register an account already verified, linked to a customer or with a role', async () => {
    for (const forged of [{ email_verified: true }, { customer_id: b.customerId }, { role: 'admin' }, { email_verified_at: '2026-01-01T00:00:00Z' }]) {
      const res = await server.anonymous.post('/portal/auth/register', { email: 'forger@example.com', password: CUSTOMER_PASSWORD, name: 'Forger', ...forged });
      expectInvalid(res, Object.keys(forged)[0]!);
    }
    // Nothing was made: the address has no account to sign in to.
    expectProblem(await server.anonymous.post('/portal/auth/login', { email: 'forger@example.com', password: CUSTOMER_PASSWORD }), 401, 'unauthorized');
    const honest = await server.anonymous.post('/portal/auth/register', { email: 'forger@example.com', password: CUSTOMER_PASSWORD, name: 'Forger' });
    expect(honest.status, honest.text).toBe(201);
    expect(honest.body.account).toMatchObject({ email_verified: false, customer_id: null });
  });

  it("keeps a customer's portal writes to their own data: no customer_id, order_id, status or refund in a body", async () => {
    const bPrefs = (await b.request('GET', '/portal/preferences')).body;
    expectInvalid(await a.request('PUT', '/portal/preferences', { sms: { shipped: true }, customer_id: b.customerId }), 'customer_id');
    expectInvalid(await a.request('PUT', '/portal/preferences', { sms: { shipped: true }, account_id: b.accountId }), 'account_id');
    expect((await b.request('GET', '/portal/preferences')).body).toEqual(bPrefs);

    const line = { sku: 'MUG', quantity: 1, reason: 'damaged' };
    const returnsBefore = (await server.admin.get('/api/v1/returns?limit=200')).body.data.length;
    for (const forged of [{ status: 'approved' }, { refund_amount: 99_999 }, { order_id: bOrder.id }, { customer_id: b.customerId }]) {
      expectInvalid(await a.request('POST', `/portal/orders/${aOrder.id}/returns`, { lines: [line], ...forged }), Object.keys(forged)[0]!);
    }
    expectInvalid(await a.request('POST', `/portal/orders/${aOrder.id}/returns`, { lines: [{ ...line, refund_amount: 99_999 }] }), 'lines[0].refund_amount');
    expect((await server.admin.get('/api/v1/returns?limit=200')).body.data.length).toBe(returnsBefore);

    expectInvalid(await a.request('PUT', `/portal/orders/${aOrder.id}/feedback`, { rating: 5, order_id: bOrder.id }), 'order_id');
    expectInvalid(await a.request('PUT', `/portal/orders/${aOrder.id}/feedback`, { rating: 5, created_at: '2020-01-01T00:00:00Z' }), 'created_at');
    expectInvalid(await a.request('POST', '/portal/auth/password', { current_password: CUSTOMER_PASSWORD, new_password: 'another quiet harbour', email_verified: true }), 'email_verified');
  });

  it("ignores query parameters a list does not offer: a customer cannot list another customer's orders or returns", async () => {
    for (const query of [`customer_id=${b.customerId}`, 'email=mass-b%40example.com', `account_id=${b.accountId}`]) {
      const orders = await a.request('GET', `/portal/orders?${query}`);
      expect(orders.status, orders.text).toBe(200);
      expect(orders.body.data.map((o: { id: string }) => o.id)).toEqual([aOrder.id]);
      const returns = await a.request('GET', `/portal/returns?${query}`);
      expect(returns.status, returns.text).toBe(200);
      expect(returns.body.data.every((r: { order_id: string }) => r.order_id === aOrder.id)).toBe(true);
    }
  });

  it('refuses order fields that the server decides: status, payment, totals, prices, ids, tracking token', async () => {
    const before = await countRows(server.deps.db, 'orders');
    const valid = orderBody([{ sku: 'MUG', quantity: 1 }], { customer: { email: 'forged-order@example.com', name: 'Forger' } });
    for (const field of ['status', 'payment_status', 'total', 'subtotal', 'id', 'number', 'tracking_token', 'customer_id', 'created_at']) {
      expectInvalid(await server.operator.post('/api/v1/orders', { ...valid, [field]: PRIVILEGED[field] ?? 'forged' }), field);
    }
    expectInvalid(await server.operator.post('/api/v1/orders', { ...valid, lines: [{ sku: 'MUG', quantity: 1, unit_price: 1 }] }), 'lines[0].unit_price');
    expectInvalid(await server.operator.post('/api/v1/orders', { ...valid, customer: { ...valid.customer, id: 'cus_forged' } }), 'customer.id');
    expect(await countRows(server.deps.db, 'orders')).toBe(before);
  });

  it('refuses what staff may not set either: product timestamps, refund state, customer ids in preferences', async () => {
    const product = (await server.admin.get('/api/v1/products/MUG')).body;
    expectInvalid(await server.operator.patch('/api/v1/products/MUG', { name: 'Renamed', created_at: '2020-01-01T00:00:00Z' }), 'created_at');
    expectInvalid(await server.operator.patch('/api/v1/products/MUG', { name: 'Renamed', updated_at: '2020-01-01T00:00:00Z' }), 'updated_at');
    expect((await server.admin.get('/api/v1/products/MUG')).body).toEqual(product);

    for (const field of ['status', 'amount_refunded', 'payment_id', 'id']) {
      expectInvalid(await server.operator.post(`/api/v1/orders/${aOrder.id}/refunds`, { amount: 100, reason: 'goodwill', [field]: PRIVILEGED[field] ?? 'forged' }), field);
    }
    expect((await server.admin.get(`/api/v1/orders/${aOrder.id}/refunds`)).body.data).toEqual([]);

    expectInvalid(await server.operator.put(`/api/v1/customers/${a.customerId}/preferences`, { sms: { shipped: true }, customer_id: b.customerId }), 'customer_id');
  });

  it("lets an admin set a user's name, role and disabled flag only: never a password hash, id, timestamps; never a key's own value", async () => {
    const user = (await server.admin.get('/api/v1/users?limit=200')).body.data.find((u: { email: string }) => u.email === 'mass-admin@shop.example');
    for (const field of ['password_hash', 'password', 'id', 'email', 'created_at', 'last_sign_in_at']) {
      expectInvalid(await server.admin.patch(`/api/v1/users/${user.id}`, { name: 'Still me', [field]: PRIVILEGED[field] ?? 'forged@shop.example' }), field);
    }
    expect((await server.admin.get(`/api/v1/users/${user.id}`)).body).toEqual(user);
    expectInvalid(await server.admin.post('/api/v1/users', { email: 'forged-user@shop.example', role: 'viewer', password: 'a long enough secret', disabled: false, id: 'usr_forged' }), 'id');

    // A caller choosing the key's value (or its prefix, or a revocation date) would make a guessable or hidden key.
    const chosen = 'wb_chosen_by_the_caller_0123456789abcdef';
    for (const forged of [{ key: chosen }, { prefix: 'wb_chos' }, { revoked_at: null }, { id: 'key_forged' }]) {
      expectInvalid(await server.admin.post('/api/v1/api-keys', { role: 'viewer', ...forged }), Object.keys(forged)[0]!);
    }
    expectProblem(await new Client(server.url, chosen).get('/api/v1/products'), 401, 'unauthorized');
    // Nor an outbound webhook's signing secret: the server makes it.
    expectInvalid(await server.admin.post('/api/v1/webhook-endpoints', { url: 'https://93.184.215.14/in', events: ['*'], secret: 'whsec_mine' }), 'secret');
  });
});
