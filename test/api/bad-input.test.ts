/**
 * Bad input to POST /api/v1/orders and the list routes: never a 500, always problem+json with a
 * stable code (and for 422 the path of each bad field), and nothing half-written afterwards.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../support/databases.js';
import { addStock, createProduct, createWarehouse, orderBody } from '../support/fixtures.js';
import { countRows, expectBooksBalance, expectInvalid, expectProblem } from '../support/problems.js';
import { startTestServer, type TestServer } from '../support/server.js';

const ORDERS = '/api/v1/orders';

describe.each(testDialects())('bad input on %s', (dialect) => {
  let server: TestServer;
  let ordersBefore: number;
  let placed = 0;

  const post = (body: unknown, headers: Record<string, string> = {}) => server.operator.post(ORDERS, body, { headers });
  const postRaw = (raw: string, contentType: string | null = 'application/json') =>
    server.operator.request('POST', ORDERS, { raw, headers: contentType === null ? {} : { 'content-type': contentType } });
  const mug = (quantity: unknown) => orderBody([{ sku: 'MUG', quantity } as { sku: string; quantity: number }]);

  beforeAll(async () => {
    server = await startTestServer(dialect);
    await createWarehouse(server.admin, 'DAL', 'Dallas', 'TX');
    await createProduct(server.admin, 'MUG', { unit_price: 1999 });
    await createProduct(server.admin, 'EUR-ONLY', { currency: 'EUR' });
    await createProduct(server.admin, 'GOLD', { unit_price: 10_000_000_000 });
    await addStock(server.admin, 'MUG', 'DAL', 1000);
    ordersBefore = await countRows(server.deps.db, 'orders');
  });
  afterAll(async () => server?.close());

  describe('unparseable bodies', () => {
    it('answers requests the HTTP parser cannot read with a problem+json 400, and keeps serving', async () => {
      const { port, hostname } = new URL(server.url);
      /** What the server writes back to raw bytes (it closes the connection after a parse error). */
      const rawAnswer = (bytes: string) =>
        new Promise<string>((resolve, reject) => {
          const socket = connect(Number(port), hostname, () => socket.write(bytes));
          let answer = '';
          socket.setEncoding('utf8');
          socket.on('data', (chunk: string) => (answer += chunk));
          socket.on('end', () => resolve(answer));
          socket.on('error', reject);
        });
      const malformed = [
        'patch /api/v1/orders HTTP/1.1\r\nHost: x\r\n\r\n', // a lowercase method
        'GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n',
        'POST /api/v1/orders HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
      ];
      for (const bytes of malformed) {
        const answer = await rawAnswer(bytes);
        const [head, body] = answer.split('\r\n\r\n');
        expect(head, answer).toMatch(/^HTTP\/1\.1 400 /);
        expect(head).toMatch(/content-type: application\/problem\+json/i);
        expect(head).toMatch(/x-content-type-options: nosniff/i);
        expect(JSON.parse(body!)).toMatchObject({ status: 400, code: 'malformed_request' });
      }
      expect((await server.anonymous.get('/healthz')).status).toBe(200);
    });

    it('answers 400 malformed_request for malformed JSON', async () => {
      for (const raw of ['{"customer": ', '{bad json}', "{'single': 'quotes'}", '{"a":1,}', 'undefined', '\u0000']) {
        expectProblem(await postRaw(raw), 400, 'malformed_request');
      }
    });

    it('answers 415 unsupported_media_type for a body that is not JSON', async () => {
      const json = JSON.stringify(mug(1));
      for (const type of ['text/plain', 'text/plain; charset=utf-8', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x']) {
        expectProblem(await postRaw(json, type), 415, 'unsupported_media_type');
      }
    });

    it('answers 400 for an empty JSON body and 422 for a missing one', async () => {
      expectProblem(await postRaw(''), 400, 'malformed_request');
      expectInvalid(await server.operator.request('POST', ORDERS));
    });

    it('answers 422 when the JSON is not an object', async () => {
      for (const raw of ['null', '[]', '"order"', '42', 'true']) expectInvalid(await postRaw(raw));
    });

    it('refuses prototype-poisoning keys', async () => {
      const res = await postRaw(JSON.stringify(mug(1)).replace('{', '{"__proto__":{"admin":true},'));
      expect(res.status).not.toBe(201);
      expectProblem(res, 400, 'malformed_request');
    });

    it('answers 422 for absurdly deep nesting without overflowing the stack', async () => {
      const deep = '['.repeat(50_000) + ']'.repeat(50_000);
      expectInvalid(await postRaw(JSON.stringify(mug(1)).replace('"metadata":{}', `"metadata":{"deep":${deep}}`)), 'metadata.deep');
      expectInvalid(await postRaw(deep));
    });
  });

  describe('schema violations (422 validation_failed naming the path)', () => {
    it('names fields of the wrong type', async () => {
      expectInvalid(await post(mug('2')), 'lines[0].quantity');
      expectInvalid(await post(orderBody([{ sku: 'MUG', quantity: 1 }], { customer: { email: 42, name: 'Ada' } })), 'customer.email');
      expectInvalid(await post(orderBody([{ sku: 'MUG', quantity: 1 }], { lines: 'MUG x1' })), 'lines');
      expectInvalid(await post(orderBody([{ sku: 'MUG', quantity: 1 }], { customer: { email: 'ada@example.com', name: ['Ada'] } })), 'customer.name');
      expectInvalid(await post(orderBody([{ sku: 42, quantity: 1 } as never])), 'lines[0].sku');
      expectInvalid(await post(orderBody([{ sku: 'MUG', quantity: 1 }], { shipping: { strategy: 'slowest' } })), 'shipping.strategy');
      expectInvalid(await post(orderBody([{ sku: 'MUG', quantity: 1 }], { metadata: { nested: { a: 1 } } })), 'metadata.nested');
      expectInvalid(await post(orderBody([{ sku: 'MUG', quantity: 1 }], { customer: { email: 'not-an-email', name: 'Ada' } })), 'customer.email');
      expectInvalid(await post(orderBody([{ sku: 'MUG', quantity: 1 }], { customer: { email: 'ada@example.com', name: 'Ada', phone: '555-1234' } })), 'customer.phone');
    });

    it('names every missing field', async () => {
      expectInvalid(await post({}), 'customer', 'shipping_address', 'lines', 'currency');
      const body = orderBody([{ sku: 'MUG', quantity: 1 }]) as Record<string, any>;
      expectInvalid(await post({ ...body, customer: { name: 'Ada' } }), 'customer.email');
      expectInvalid(await post({ ...body, lines: [{ sku: 'MUG' }] }), 'lines[0].quantity');
      const { city: _city, ...noCity } = body.shipping_address;
      expectInvalid(await post({ ...body, shipping_address: noCity }), 'shipping_address.city');
      expectInvalid(await post({ ...body, lines: [] }), 'lines');
    });

    it('names unknown fields instead of ignoring them', async () => {
      const errors = expectInvalid(await post(orderBody([{ sku: 'MUG', quantity: 1 }], { discount: 100 })), 'discount');
      expect(errors.find((e) => e.path === 'discount')!.message).toBe('is not a known field');
      expectInvalid(await post(orderBody([{ sku: 'MUG', quantity: 1, price: 1 } as never])), 'lines[0].price');
      expectInvalid(await post(orderBody([{ sku: 'MUG', quantity: 1 }], { customer: { email: 'ada@example.com', name: 'Ada', vip: true } })), 'customer.vip');
    });

    it('refuses negative, zero, fractional, huge and non-finite quantities', async () => {
      for (const quantity of [-1, 0, 1.5, 100_001, 1e12, Number.MAX_SAFE_INTEGER, '1e12', '1e309', 'Infinity', 'NaN', null, true, [1], { n: 1 }]) {
        expectInvalid(await post(mug(quantity)), 'lines[0].quantity');
      }
      // Literal JSON numbers a serializer would never produce: 1e309 parses to Infinity, -0 and 1e-400 to zero.
      for (const literal of ['1e309', '-1e309', '-0', '1e-400', '100000.0000000001', '1e5000']) {
        expectInvalid(await postRaw(JSON.stringify(mug(1)).replace('"quantity":1', `"quantity":${literal}`)), 'lines[0].quantity');
      }
    });

    it('refuses unknown SKUs, malformed SKUs and a currency the product is not priced in', async () => {
      expectInvalid(await post(orderBody([{ sku: 'NOPE', quantity: 1 }])), 'lines[0].sku');
      expectInvalid(await post(orderBody([{ sku: 'MUG', quantity: 1 }, { sku: 'bad sku!', quantity: 1 }])), 'lines[1].sku');
      expectInvalid(await post(orderBody([{ sku: 'x'.repeat(65), quantity: 1 }])), 'lines[0].sku');
      expectInvalid(await post(orderBody([{ sku: 'EUR-ONLY', quantity: 1 }])), 'lines[0].sku');
    });

    it('refuses invalid countries and currencies', async () => {
      const address = orderBody([]).shipping_address;
      for (const country of ['XX', 'ZZ', 'usa', 'us', 'USA', '', 1]) {
        expectInvalid(await post(orderBody([{ sku: 'MUG', quantity: 1 }], { shipping_address: { ...address, country } })), 'shipping_address.country');
      }
      for (const currency of ['usd', 'US', 'DOLLARS', '', 840, null]) {
        expectInvalid(await post(orderBody([{ sku: 'MUG', quantity: 1 }], { currency })), 'currency');
      }
    });

    it('enforces the configured line limit (500) rather than falling over on 10,000 lines', async () => {
      const lines = (n: number) => Array.from({ length: n }, () => ({ sku: 'MUG', quantity: 1 }));
      expectInvalid(await post(orderBody(lines(10_000))), 'lines');
      expectInvalid(await post(orderBody(lines(501))), 'lines');
      const atLimit = await post(orderBody(lines(500)));
      expect(atLimit.status, atLimit.text).toBe(201);
      expect(atLimit.body.lines).toHaveLength(500);
      placed++;
    });

    it('answers 422, not 500, when an order total would not fit in an exact integer', async () => {
      // 10 lines of 100,000 units at 100,000,000.00 each: 10^16 minor units, past 2^53.
      const res = await post(orderBody(Array.from({ length: 10 }, () => ({ sku: 'GOLD', quantity: 100_000 })), { currency: 'USD' }));
      expectInvalid(res, 'lines');
    });

    it('answers 409 insufficient_stock for a valid order the stock cannot fill', async () => {
      const body = expectProblem(await post(mug(100_000)), 409, 'insufficient_stock');
      expect(body.lines).toEqual([{ sku: 'MUG', requested: 100_000, available: 500 }]);
    });

    it('refuses a bad Idempotency-Key', async () => {
      for (const key of ['k'.repeat(256), 'k'.repeat(300), 'has space', 'tab\there']) {
        expectInvalid(await post(mug(1), { 'idempotency-key': key }), 'headers.idempotency-key');
      }
      expect((await post(mug(1), { 'idempotency-key': 'k'.repeat(255) })).status).toBe(201);
      placed++;
    });
  });

  describe('routes, query strings and path parameters', () => {
    it('answers 404 problem+json for unknown routes and methods, whatever the role of the key', async () => {
      for (const api of [server.viewer, server.operator, server.admin]) {
        expectProblem(await api.request('DELETE', ORDERS), 404, 'not_found');
        expectProblem(await api.put(ORDERS, mug(1)), 404, 'not_found');
        expectProblem(await api.get('/api/v1/nope'), 404, 'not_found');
      }
      // Without a key, paths under /api/ reveal nothing: 401 whether or not the route exists.
      expectProblem(await server.anonymous.get('/api/v1/nope'), 401, 'unauthorized');
      expectProblem(await server.anonymous.get('/nope'), 404, 'not_found');
    });

    it('answers 400 problem+json for a path that is not valid percent-encoding', async () => {
      expectProblem(await server.viewer.get('/api/v1/orders/%E0%A4%A'), 400, 'malformed_request');
      expectProblem(await server.viewer.get('/api/v1/products/%'), 400, 'malformed_request');
    });

    it('refuses bad limits and cursors on every list route', async () => {
      const lists = [ORDERS, '/api/v1/products', '/api/v1/inventory', '/api/v1/inventory/movements', '/api/v1/customers'];
      for (const list of lists) {
        for (const limit of ['0', '201', 'abc', '-1', '1.5', '1e309', '']) {
          expectInvalid(await server.viewer.get(`${list}?limit=${limit}`), 'query.limit');
        }
        for (const cursor of ['%%%', '%25%25%25', '!!!', Buffer.from("x' or 1=1 --").toString('base64url'), 'A'.repeat(201)]) {
          expectInvalid(await server.viewer.get(`${list}?cursor=${cursor}`), 'query.cursor');
        }
      }
    });

    it('refuses bad filters on the order list', async () => {
      expectInvalid(await server.viewer.get(`${ORDERS}?status=lost`), 'query.status');
      expectInvalid(await server.viewer.get(`${ORDERS}?created_from=yesterday`), 'query.created_from');
      expectInvalid(await server.viewer.get(`${ORDERS}?attention=maybe`), 'query.attention');
      expectInvalid(await server.viewer.get(`${ORDERS}?q=`), 'query.q');
      expectInvalid(await server.viewer.get(`${ORDERS}?q=${'x'.repeat(201)}`), 'query.q');
      expectInvalid(await server.viewer.get(`${ORDERS}?created_from=2026-02-30T00:00:00Z`), 'query.created_from');
      // RFC 3339 allows a leap second; a JavaScript Date cannot hold one.
      expectInvalid(await server.viewer.get(`${ORDERS}?created_from=2026-12-31T23:59:60Z`), 'query.created_from');
      expectInvalid(await server.viewer.get(`${ORDERS}?created_to=2026-06-30T23:59:60Z`), 'query.created_to');
      expect((await server.viewer.get(`${ORDERS}?created_from=2026-12-31T23:59:59.999Z&created_to=2027-01-01T00:00:00%2B01:00`)).status).toBe(200);
    });

    it('refuses bad order actions', async () => {
      const order = await post(mug(2));
      expect(order.status, order.text).toBe(201);
      placed++;
      const action = (what: string, body: unknown) => server.operator.post(`${ORDERS}/${order.body.id}/${what}`, body);
      expectInvalid(await action('status', { status: 'lost' }), 'status');
      expectInvalid(await action('status', {}), 'status');
      expectInvalid(await action('status', { status: 'processing', note: 'n'.repeat(1001) }), 'note');
      expectProblem(await action('status', { status: 'delivered' }), 409, 'invalid_transition');
      expectProblem(await action('status', { status: 'partially_shipped' }), 409, 'invalid_transition');
      expectInvalid(await action('cancel', {}), 'reason');
      expectInvalid(await action('cancel', { reason: 'x', lines: [] }), 'lines');
      expectInvalid(await action('cancel', { reason: 'x', lines: [{ sku: 'MUG', quantity: 0 }] }), 'lines[0].quantity');
      expectInvalid(await action('cancel', { reason: 'x', lines: [{ sku: 'MUG', quantity: 3 }] }), 'lines[0].quantity');
      const notInOrder = await action('cancel', { reason: 'x', lines: [{ sku: 'EUR-ONLY', quantity: 1 }] });
      expect(expectInvalid(notInOrder).map((e) => e.path)).toEqual(['lines[0].sku']);
      expectProblem(await server.operator.post(`${ORDERS}/ord_nope/cancel`, { reason: 'x' }), 404, 'not_found');
      expectProblem(await server.operator.post(`${ORDERS}/ord_nope/status`, { status: 'processing' }), 404, 'not_found');
      expect((await server.viewer.get(`${ORDERS}/${order.body.id}`)).body).toMatchObject({ status: 'placed', lines: [{ quantity_cancelled: 0 }] });
    });

    it('answers 422 naming the field for NUL in query strings and ids', async () => {
      expectInvalid(await server.viewer.get(`${ORDERS}?q=%00`), 'query.q');
      expectInvalid(await server.viewer.get(`${ORDERS}?email=a%00b`), 'query.email');
      expectInvalid(await server.viewer.get(`${ORDERS}/ord_%00`), 'params.id');
      expectInvalid(await server.viewer.get(`${ORDERS}/ord_%00/events`), 'params.id');
      expectInvalid(await server.viewer.get('/api/v1/customers?email=%00'), 'query.email');
      expectInvalid(await server.viewer.get('/api/v1/customers/cus_%00'), 'params.id');
      expectInvalid(await server.viewer.get('/api/v1/inventory/movements?order_id=%00'), 'query.order_id');
    });

    it('never fails on broken UTF-8 in query strings', async () => {
      for (const path of [`${ORDERS}?q=%ED%A0%80`, `${ORDERS}?q=%FF%FE`, `${ORDERS}?email=%C0%AF`, '/api/v1/customers?email=%E0%A4%A']) {
        const res = await server.viewer.get(path);
        if (res.status === 200) expect(res.body.data, path).toEqual([]);
        else expectInvalid(res);
      }
    });

    it('refuses ids longer than any id this server issues', async () => {
      expectInvalid(await server.viewer.get(`${ORDERS}/${'o'.repeat(65)}`), 'params.id');
      // Past Fastify's maxParamLength (100) the router itself refuses it, before any schema.
      expectInvalid(await server.viewer.get(`${ORDERS}/${'o'.repeat(150)}`), 'params');
      expectInvalid(await server.viewer.get(`${ORDERS}/${'o'.repeat(150)}/events`), 'params');
      expectProblem(await server.viewer.get(`${ORDERS}/ord_unknown/events`), 404, 'not_found');
    });
  });

  it('wrote only the orders it answered 201 for, each whole, and kept the ledger balanced', async () => {
    expect(await countRows(server.deps.db, 'orders')).toBe(ordersBefore + placed);
    await expectBooksBalance(server.deps.db);
  });
});

describe.each(testDialects())('body limit on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, { WAYBILL_BODY_LIMIT_BYTES: '4096' });
  });
  afterAll(async () => server?.close());

  it('answers 413 payload_too_large for a body over WAYBILL_BODY_LIMIT_BYTES', async () => {
    const body = orderBody([{ sku: 'MUG', quantity: 1 }], { metadata: { note: 'x'.repeat(500) } });
    const big = orderBody(Array.from({ length: 200 }, () => ({ sku: 'MUG', quantity: 1 })));
    expect(JSON.stringify(big).length).toBeGreaterThan(4096);
    expectProblem(await server.operator.post(ORDERS, big), 413, 'payload_too_large');
    expectProblem(await server.operator.post('/api/v1/products', { sku: 'BIG', name: 'n'.repeat(5000), unit_price: 1, currency: 'USD' }), 413, 'payload_too_large');
    // Under the limit the same route validates as usual.
    expectInvalid(await server.operator.post(ORDERS, body), 'lines[0].sku');
  });

  it('answers 413 for a chunked body with no Content-Length that grows past the limit', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode(`{"pad${i}":"${'x'.repeat(1000)}",`));
        controller.enqueue(new TextEncoder().encode('"end":1}'));
        controller.close();
      },
    });
    const response = await fetch(`${server.url}${ORDERS}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.operator.key}`, 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    const text = await response.text();
    expectProblem({ status: response.status, headers: response.headers, text, body: JSON.parse(text) }, 413, 'payload_too_large');
  });
});
