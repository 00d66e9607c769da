/**
 * The customer's invoice over real HTTP on both dialects: GET /portal/orders/{id}/invoice.pdf is
 * 404 until the invoice is issued, then the very PDF staff download, and 404 for another
 * customer's order; GET /portal/orders/{id} links it once it exists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../support/databases.js';
import { addStock, createProduct, createWarehouse, orderBody } from '../support/fixtures.js';
import { drainJobs } from '../support/jobs.js';
import { expectProblem } from '../support/problems.js';
import { ADMIN_KEY, startTestServer, type TestServer } from '../support/server.js';
import { registerCustomer, type CustomerSession } from '../support/sessions.js';

describe.each(testDialects())('portal invoice on %s', (dialect) => {
  let server: TestServer;
  let a: CustomerSession;
  let b: CustomerSession;
  let order: { id: string; number: string };
  let bOrder: { id: string; number: string };

  async function place(email: string) {
    const body = orderBody([{ sku: 'MUG', quantity: 2 }], { customer: { email, name: 'Ada', phone: '+15125550101' }, payment: { provider: 'test', token: 'tok_visa' } });
    const res = await server.operator.post('/api/v1/orders', body);
    expect(res.status, res.text).toBe(201);
    return { id: res.body.id as string, number: res.body.number as string };
  }

  /** The raw bytes (the test client decodes bodies as text). */
  async function download(path: string, headers: Record<string, string>) {
    const res = await fetch(server.url + path, { headers });
    return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
  }

  beforeAll(async () => {
    server = await startTestServer(dialect);
    await createWarehouse(server.admin, 'DAL', 'Dallas', 'TX');
    await createProduct(server.admin, 'MUG', { unit_price: 1999 });
    await addStock(server.admin, 'MUG', 'DAL', 50);
    order = await place('invoiced@example.com');
    bOrder = await place('someone.else@example.com');
    a = await registerCustomer(server, 'invoiced@example.com');
    b = await registerCustomer(server, 'someone.else@example.com');
  });
  afterAll(async () => server?.close());

  it('answers 404 while the order has no invoice, and links none', async () => {
    const view = await a.request('GET', `/portal/orders/${order.id}`);
    expect(view.status, view.text).toBe(200);
    expect(view.body.invoice_url).toBeNull();
    const res = expectProblem(await a.request('GET', `/portal/orders/${order.id}/invoice.pdf`), 404, 'not_found');
    expect(res.detail).toContain('invoice');
  });

  it('serves the same PDF staff get once processing issued it, and links it from the order', async () => {
    await drainJobs(server);
    const fulfillment = await server.viewer.get(`/api/v1/orders/${order.id}/fulfillment`);
    expect(fulfillment.body.invoice, fulfillment.text).not.toBeNull();

    const view = await a.request('GET', `/portal/orders/${order.number}`);
    expect(view.body.invoice_url).toBe(`/portal/orders/${order.id}/invoice.pdf`);

    const mine = await download(view.body.invoice_url, { cookie: a.cookie });
    expect(mine.status).toBe(200);
    expect(mine.type).toMatch(/^application\/pdf/);
    expect(mine.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const staff = await download(`/api/v1/orders/${order.id}/invoice.pdf`, { authorization: `Bearer ${ADMIN_KEY}` });
    expect(staff.status).toBe(200);
    expect(mine.bytes.equals(staff.bytes)).toBe(true);
    // By number too.
    expect((await download(`/portal/orders/${order.number}/invoice.pdf`, { cookie: a.cookie })).bytes.equals(staff.bytes)).toBe(true);
  });

  it("answers 404 for another customer's invoice, and 401 without a session", async () => {
    // B's order is invoiced too: still not A's to see.
    expect((await b.request('GET', `/portal/orders/${bOrder.id}`)).body.invoice_url).toBe(`/portal/orders/${bOrder.id}/invoice.pdf`);
    for (const key of [bOrder.id, bOrder.number]) expectProblem(await a.request('GET', `/portal/orders/${key}/invoice.pdf`), 404, 'not_found');
    expectProblem(await a.request('GET', '/portal/orders/ord_nope/invoice.pdf'), 404, 'not_found');
    expectProblem(await server.anonymous.get(`/portal/orders/${order.id}/invoice.pdf`), 401, 'unauthorized');
    expect((await download(`/portal/orders/${bOrder.id}/invoice.pdf`, { cookie: b.cookie })).status).toBe(200);
  });
});
