/**
 * Routes that answer a file document that answer (found by test/fuzz/routes.fuzz.test.ts): their
 * 200 was missing from /openapi.json or documented as JSON, and their problems were listed as
 * application/pdf, so a client generated from the document could not read either.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../support/databases.js';
import { startTestServer, type TestServer } from '../support/server.js';

const FILE_ROUTES: Record<string, string> = {
  '/api/v1/orders/{id}/invoice.pdf': 'application/pdf',
  '/api/v1/orders/{id}/packing-slip.pdf': 'application/pdf',
  '/api/v1/purchase-orders/{id}/pdf': 'application/pdf',
  '/portal/orders/{id}/invoice.pdf': 'application/pdf',
  '/api/v1/shipments/{id}/label.pdf': 'application/pdf',
  '/portal/returns/{id}/label.pdf': 'application/pdf',
};

describe.each(testDialects())('file answers in the OpenAPI document on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => server?.close());

  it('documents the 200 of every file route as its binary media type, and its problems as JSON', async () => {
    const document = (await server.anonymous.get('/openapi.json')).body;
    for (const [path, mediaType] of Object.entries(FILE_ROUTES)) {
      const responses = document.paths[path].get.responses;
      expect(Object.keys(responses['200']?.content ?? {}), path).toContain(mediaType);
      expect(responses['200'].content[mediaType].schema, path).toEqual({ type: 'string', format: 'binary' });
      expect(Object.keys(responses['404'].content), path).toEqual(['application/json']);
    }
  });

  it('answers a missing file as problem+json, as documented', async () => {
    const res = await server.admin.get('/api/v1/orders/ord_missing/invoice.pdf');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
