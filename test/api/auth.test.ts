/**
 * Authentication, roles, the rate limit, the public operational routes, and the 500 path: every
 * refusal is problem+json with a stable code, and an unexpected failure shows no internals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, revokeApiKey } from '../../src/platform/http/api-keys.js';
import { testDialects } from '../support/databases.js';
import { createWarehouse } from '../support/fixtures.js';
import { Client } from '../support/http.js';
import { expectProblem } from '../support/problems.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe.each(testDialects())('authentication and roles on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => server?.close());

  it('answers 401 unauthorized without a key', async () => {
    for (const path of ['/api/v1/orders', '/api/v1/products', '/api/v1/inventory', '/api/v1/warehouses', '/api/v1/customers']) {
      expectProblem(await server.anonymous.get(path), 401, 'unauthorized');
    }
    expectProblem(await server.anonymous.post('/api/v1/orders', {}), 401, 'unauthorized');
  });

  it('answers 401 for a garbage key or a malformed Authorization header', async () => {
    expectProblem(await server.anonymous.get('/api/v1/products', { key: 'wb_not_a_real_key' }), 401, 'unauthorized');
    expectProblem(await server.anonymous.get('/api/v1/products', { key: 'x'.repeat(600) }), 401, 'unauthorized');
    for (const authorization of ['Basic YWRtaW46YWRtaW4=', 'Bearer', 'Bearer ', 'Bearer a b', 'wb_test_admin_key_0123456789abcdef', 'Token abc']) {
      expectProblem(await server.anonymous.get('/api/v1/products', { headers: { authorization } }), 401, 'unauthorized');
    }
    // A bad key is refused even on a public route: a client is told its credentials are wrong.
    expectProblem(await server.anonymous.get('/healthz', { key: 'wb_not_a_real_key' }), 401, 'unauthorized');
  });

  it('answers 401 for a revoked key', async () => {
    const { key, record } = await createApiKey(server.deps.db, server.deps, { role: 'admin', name: 'to revoke' });
    // Revoked before its first use, so no cached lookup can still accept it.
    expect(await revokeApiKey(server.deps.db, record.id, new Date())).toBe(true);
    const body = expectProblem(await server.anonymous.get('/api/v1/products', { key }), 401, 'unauthorized');
    expect(body.detail).toMatch(/revoked|not valid/);
  });

  it('answers 403 forbidden when the role is too low, and lets each role do its part', async () => {
    expectProblem(await server.viewer.post('/api/v1/orders', {}), 403, 'forbidden');
    expectProblem(await server.viewer.post('/api/v1/products', {}), 403, 'forbidden');
    expectProblem(await server.viewer.put('/api/v1/inventory/MUG/DAL', { on_hand: 1 }), 403, 'forbidden');
    const body = expectProblem(
      await server.operator.post('/api/v1/warehouses', { code: 'OPS', name: 'x', address: { line1: 'x', city: 'Dallas', region: 'TX', country: 'US' } }),
      403,
      'forbidden',
    );
    expect(body.detail).toContain('admin');

    await createWarehouse(server.admin, 'DAL', 'Dallas', 'TX');
    for (const path of ['/api/v1/orders', '/api/v1/products', '/api/v1/inventory', '/api/v1/inventory/movements', '/api/v1/warehouses', '/api/v1/customers']) {
      const res = await server.viewer.get(path);
      expect(res.status, `${path}: ${res.text}`).toBe(200);
      expect(res.body).toEqual({ data: expect.any(Array), next_cursor: null });
    }
    expect((await server.viewer.get('/api/v1/warehouses')).body.data.map((w: { code: string }) => w.code)).toEqual(['DAL']);
    const created = await server.operator.post('/api/v1/products', { sku: 'OPS-1', name: 'by operator', unit_price: 1, currency: 'USD' });
    expect(created.status, created.text).toBe(201);
  });

  it('answers the operational routes and the API description without a key', async () => {
    const health = await server.anonymous.get('/healthz');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });

    const ready = await server.anonymous.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ok', checks: { database: 'ok', migrations: 'ok' } });

    const metrics = await server.anonymous.get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(metrics.text).toContain('# TYPE waybill_http_request_duration_seconds histogram');
    expect(metrics.text).toMatch(/waybill_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/products",status="200"\} \d+/);

    const docs = await server.anonymous.get('/docs');
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('describes every route in an OpenAPI 3.1 document', async () => {
    const res = await server.anonymous.get('/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    // That every route is described (and no other) is the authorization matrix's check: it needs a
    // row per route of this document (test/security/access-matrix.ts).
    expect(Object.keys(doc.paths).length).toBeGreaterThan(100);
    // Errors are described as problem documents with a code.
    const conflict = doc.paths['/api/v1/orders'].post.responses['409'];
    const schema = Object.values(conflict.content as Record<string, { schema: { $ref?: string } }>)[0]!.schema;
    const problem = schema.$ref ? doc.components.schemas[schema.$ref.split('/').pop()!] : schema;
    expect(problem.required).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail', 'code']));
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});

describe.each(testDialects())('rate limit on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, { WAYBILL_RATE_LIMIT_PER_MINUTE: '5' });
  });
  afterAll(async () => server?.close());

  it('answers the 6th request in a minute with 429 rate_limited and Retry-After', async () => {
    for (let i = 1; i <= 5; i++) {
      const res = await server.viewer.get('/api/v1/products');
      expect(res.status, `request ${i}: ${res.text}`).toBe(200);
    }
    const limited = await server.viewer.get('/api/v1/products');
    const body = expectProblem(limited, 429, 'rate_limited');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(body.retry_after).toBe(retryAfter);
  });

  it('counts per key, and leaves the operational routes alone', async () => {
    // The viewer's budget is spent; the operator's is not.
    expect((await server.operator.get('/api/v1/products')).status).toBe(200);
    expectProblem(await server.viewer.get('/api/v1/orders'), 429, 'rate_limited');
    for (let i = 0; i < 10; i++) expect((await server.anonymous.get('/healthz')).status).toBe(200);
    expect((await server.anonymous.get('/metrics')).status).toBe(200);
  });
});

describe.each(testDialects())('unexpected failures on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => {
    // The database handle is closed by the test; close only what is left.
    await server?.app.close();
    await server?.database.drop();
  });

  it('answers 500 internal_error or 503 service_unavailable problem+json with no internals when the database is gone', async () => {
    // A key no request has used yet, so that authenticating it needs the (closed) database too.
    const { key } = await createApiKey(server.deps.db, server.deps, { role: 'admin', name: 'late' });
    await server.deps.close();
    for (const client of [server.admin, new Client(server.url, key)]) {
      const res = await client.get('/api/v1/products');
      expect([500, 503], res.text).toContain(res.status);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status: res.status, detail: expect.any(String) });
      expect(['internal_error', 'service_unavailable']).toContain(res.body.code);
      // No stack frame, source path, error class or driver message.
      expect(res.text).not.toMatch(/\bat \S+ \(|:\d+:\d+|\.ts\b|\.js\b|node_modules|stack|sqlite|postgres|pool|connection is not open/i);
      expect(res.text).not.toMatch(/\b(Type|Range|Reference|Syntax)?Error\b/);
      if (res.body.code === 'internal_error') expect(res.body.detail).toContain(res.body.error_id);
    }
    const ready = await server.anonymous.get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ status: 'unavailable', checks: { database: 'unreachable', migrations: 'unknown' } });
    expect((await server.anonymous.get('/healthz')).status).toBe(200);
  });
});
