/**
 * Unicode in names: valid text (emoji, right-to-left scripts, combining marks, astral planes) is
 * stored and returned exactly as sent; text no database can store as sent (NUL, unpaired surrogates)
 * is refused with 422 naming the field, alike on every dialect.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../support/databases.js';
import { addStock, createProduct, createWarehouse, orderBody } from '../support/fixtures.js';
import { countRows, expectBooksBalance, expectInvalid } from '../support/problems.js';
import { startTestServer, type TestServer } from '../support/server.js';

const names = [
  'Zoë 🚀 Ångström',
  'مرحبا بالعالم', // Arabic, right to left
  'שלום \u200fעולם', // Hebrew with a right-to-left mark
  'Ада Лавлейс',
  '山田 太郎',
  '👩‍👩‍👧‍👦 family', // one grapheme of seven code points
  'e\u0301 combining', // é as e + combining acute: kept as sent, not normalized
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𠜎', // astral plane, surrogate pairs in UTF-16
  '\u202eevil override', // bidi override: odd but valid text
];

describe.each(testDialects())('unicode on %s', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    await createWarehouse(server.admin, 'DAL', 'Dallas', 'TX');
    await createProduct(server.admin, 'MUG', { name: 'Kaffeebecher ☕ — 日本語 «ß»' });
    await addStock(server.admin, 'MUG', 'DAL', 100);
  });
  afterAll(async () => server?.close());

  it('stores and returns valid unicode names intact, in orders, customers and products', async () => {
    for (const [i, name] of names.entries()) {
      const email = `u${i}@example.com`;
      // A metadata key from the first code points (slicing UTF-16 units could split a surrogate pair).
      const key = [...name].slice(0, 8).join('');
      const body = orderBody([{ sku: 'MUG', quantity: 1 }], {
        customer: { email, name },
        shipping_address: { name, line1: `${name} 1`, line2: null, city: 'Dallas', region: 'TX', postal_code: '75201', country: 'US' },
        metadata: { [key]: name },
      });
      const res = await server.operator.post('/api/v1/orders', body);
      expect(res.status, res.text).toBe(201);
      expect(res.body.customer.name).toBe(name);
      expect(res.body.shipping_address.name).toBe(name);

      const fetched = await server.viewer.get(`/api/v1/orders/${res.body.id}`);
      expect(fetched.body.customer.name).toBe(name);
      expect(fetched.body.shipping_address.line1).toBe(`${name} 1`);
      expect(fetched.body.metadata).toEqual({ [key]: name });
      expect(fetched.body.lines[0].name).toBe('Kaffeebecher ☕ — 日本語 «ß»');

      const customers = await server.viewer.get(`/api/v1/customers?email=${email}`);
      expect(customers.body.data.map((c: { name: string }) => c.name)).toEqual([name]);
    }
    const search = await server.viewer.get(`/api/v1/orders?q=${encodeURIComponent('Лавлейс')}`);
    expect(search.status, search.text).toBe(200);
    const product = await server.viewer.get('/api/v1/products/MUG');
    expect(product.body.name).toBe('Kaffeebecher ☕ — 日本語 «ß»');
  });

  it('refuses NUL characters and unpaired surrogates, naming the field, and writes nothing', async () => {
    const ordersBefore = await countRows(server.deps.db, 'orders');
    const customersBefore = await countRows(server.deps.db, 'customers');
    const post = (raw: string) => server.operator.request('POST', '/api/v1/orders', { raw, headers: { 'content-type': 'application/json' } });
    const template = JSON.stringify(orderBody([{ sku: 'MUG', quantity: 1 }], { customer: { email: 'bad@example.com', name: 'NAME' } }));
    // JSON escapes, so the server receives exactly these code units.
    for (const bad of ['Ada\\u0000Lovelace', '\\u0000', 'lone high \\ud83d', 'lone low \\ude80 here', '\\udc00\\ud800 reversed']) {
      expectInvalid(await post(template.replace('"NAME"', `"${bad}"`)), 'customer.name');
    }
    expectInvalid(await post(template.replace('"Austin"', '"Aus\\u0000tin"')), 'shipping_address.city');
    expectInvalid(await post(template.replace('"metadata":{}', '"metadata":{"note":"\\ud800"}')), 'metadata.note');
    expectInvalid(await post(template.replace('"metadata":{}', '"metadata":{"k\\u0000":"v"}')));
    // A raw NUL byte inside a JSON string is not JSON at all.
    const rawNul = await post(template.replace('"NAME"', '"Ada\u0000"'));
    expect(rawNul.status).toBe(400);

    expectInvalid(await server.operator.post('/api/v1/products', { sku: 'NUL', name: 'a\u0000b', unit_price: 1, currency: 'USD' }), 'name');
    expectInvalid(await server.operator.patch('/api/v1/products/MUG', { name: 'x\ud800' }), 'name');
    expectInvalid(await server.operator.post('/api/v1/inventory/adjustments', { sku: 'MUG', warehouse: 'DAL', delta: 1, reason: 'r\u0000' }), 'reason');

    expect(await countRows(server.deps.db, 'orders')).toBe(ordersBefore);
    expect(await countRows(server.deps.db, 'customers')).toBe(customersBefore);
    expect((await server.viewer.get('/api/v1/products/MUG')).body.name).toBe('Kaffeebecher ☕ — 日本語 «ß»');
    await expectBooksBalance(server.deps.db);
  });
});
