/**
 * Asking for a return, approving it (a sim return label; the replacement order of an exchange) and
 * rejecting it, over real HTTP on both databases: staff through /api/v1 and a customer through the
 * portal. Every rule a request can break answers 422 with the rule named; approval is all or
 * nothing (short stock for an exchange approves nothing); auto-approval covers what its rule says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/platform/errors.js';
import { returnDepsOf } from '../../src/returns/index.js';
import { approveReturn } from '../../src/returns/approve-return.js';
import { carriersFrom, CarrierError } from '../../src/shipping/index.js';
import { testDialects } from '../support/databases.js';
import { addStock, createProduct, createWarehouse, orderBody, stockOf } from '../support/fixtures.js';
import { drainJobs } from '../support/jobs.js';
import { expectProblem } from '../support/problems.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { registerCustomer, type CustomerSession } from '../support/sessions.js';
import { UNEVENTFUL_SIM } from '../support/sim-env.js';

const CUSTOMER = 'returning@example.com';
const OTHER = 'someone-else@example.com';

describe.each(testDialects())('returns: request, approve, reject on %s', (dialect) => {
  let server: TestServer;
  let customer: CustomerSession;
  let stranger: CustomerSession;
  /** Delivered orders, each for its own part of the story. */
  const orders: Record<'a' | 'exchange' | 'portal' | 'auto', any> = {} as never;
  /** A second delivered order of the portal customer. */
  let portalTwo: any;
  let undelivered: any;

  const order = async (id: string) => (await server.viewer.get(`/api/v1/orders/${id}`)).body;
  const timeline = async (id: string) => ((await server.viewer.get(`/api/v1/orders/${id}/events?limit=200`)).body.data as Array<{ type: string; data: any; actor: string }>);
  const ask = (orderId: string, lines: unknown[], options: Record<string, unknown> = {}) => server.operator.post('/api/v1/returns', { order_id: orderId, lines, ...options });
  /** A 422 whose top-level rule is `rule`, naming `path`. */
  function broke(res: Awaited<ReturnType<typeof ask>>, rule: string, path: string) {
    const body = expectProblem(res, 422, 'validation_failed');
    expect(body.rule, res.text).toBe(rule);
    expect(body.rules, res.text).toContain(rule);
    expect(body.errors.map((e: any) => e.path), res.text).toContain(path);
    for (const e of body.errors) expect(e).toEqual({ path: expect.any(String), message: expect.any(String) });
    return body;
  }

  beforeAll(async () => {
    server = await startTestServer(dialect, {
      ...UNEVENTFUL_SIM,
      WAYBILL_SHIPPING_FEE: '600',
      WAYBILL_TAX_RATE_BPS: '1000',
      WAYBILL_RESTOCKING_FEE_PERCENT: '10',
      WAYBILL_RETURN_NON_RETURNABLE: 'GIFT-*',
      WAYBILL_RETURN_AUTO_APPROVE: '{"reasons":["defective"],"max_refund":4000}',
    });
    await createWarehouse(server.admin, 'DAL', 'Dallas', 'TX');
    await createProduct(server.admin, 'MUG', { unit_price: 2000, length_mm: 120, width_mm: 90, height_mm: 100, weight_grams: 350 });
    await createProduct(server.admin, 'FINAL-SALE', { unit_price: 500, returnable: false });
    await createProduct(server.admin, 'GIFT-CARD', { unit_price: 2500 });
    await createProduct(server.admin, 'TEE-M', { unit_price: 3000, weight_grams: 200 });
    await createProduct(server.admin, 'TEE-L', { unit_price: 3200, weight_grams: 220 });
    await createProduct(server.admin, 'TEE-XL', { unit_price: 3000, weight_grams: 240 });
    await createProduct(server.admin, 'EURO-MUG', { unit_price: 1800, currency: 'EUR' });
    for (const sku of ['MUG', 'FINAL-SALE', 'GIFT-CARD', 'TEE-M', 'TEE-L']) await addStock(server.admin, sku, 'DAL', 50);
    // TEE-XL has none: an exchange for it cannot be honoured.
    customer = await registerCustomer(server, CUSTOMER);
    stranger = await registerCustomer(server, OTHER);

    const fast = { shipping: { strategy: 'fastest', carrier: null, service: null } };
    const place = async (lines: Array<{ sku: string; quantity: number }>, overrides: Record<string, unknown> = {}) => {
      const res = await server.operator.post('/api/v1/orders', orderBody(lines, { ...fast, ...overrides }));
      expect(res.status, res.text).toBe(201);
      return res.body;
    };
    const a = await place([
      { sku: 'MUG', quantity: 3 },
      { sku: 'FINAL-SALE', quantity: 1 },
      { sku: 'GIFT-CARD', quantity: 1 },
    ]);
    const exchange = await place([{ sku: 'TEE-M', quantity: 2 }]);
    const portal = await place([{ sku: 'MUG', quantity: 2 }], { customer: { email: CUSTOMER, name: 'Rita Turner', phone: null } });
    const auto = await place([{ sku: 'MUG', quantity: 3 }]);
    portalTwo = await place([{ sku: 'MUG', quantity: 1 }], { customer: { email: CUSTOMER, name: 'Rita Turner', phone: null } });
    await drainJobs(server);
    // The sim carries them to Austin (a day a minute): move the clock on until all are delivered.
    for (let i = 0; i < 60; i++) {
      const statuses = await Promise.all([a, exchange, portal, auto, portalTwo].map(async (o) => (await order(o.id)).status));
      if (statuses.every((s) => s === 'delivered')) break;
      server.clock.advance(20_000);
      await drainJobs(server);
    }
    Object.assign(orders, { a: await order(a.id), exchange: await order(exchange.id), portal: await order(portal.id), auto: await order(auto.id) });
    for (const o of Object.values(orders)) expect(o.status).toBe('delivered');
    // Placed last, never shipped: still processing when the others are delivered.
    undelivered = await place([{ sku: 'MUG', quantity: 1 }], { metadata: { note: 'not yet' } });
  }, 240_000);
  afterAll(async () => server?.close());

  let first: any;

  it('asks for a return of delivered units and quotes the refund from the policy', async () => {
    const a = orders.a;
    const res = await ask(a.number, [{ sku: 'MUG', quantity: 1, reason: 'damaged' }], { comment: 'Chipped rim' });
    expect(res.status, res.text).toBe(201);
    first = res.body;
    expect(first).toMatchObject({
      id: expect.stringMatching(/^ret_/),
      order_id: a.id,
      order_number: a.number,
      status: 'requested',
      requested_by: 'staff',
      comment: 'Chipped rim',
      currency: 'USD',
      label_url: null,
      shipment: null,
      lines: [{ sku: 'MUG', name: 'Product MUG', quantity: 1, reason: 'damaged', exchange_sku: null, unit_price: 2000, quantity_received: 0 }],
    });
    // Damaged is the shop's fault: its share of the tax and of the shipping, no restocking fee.
    const shipping = Math.round((600 * 2000) / a.subtotal);
    expect(first.refund_breakdown).toEqual({ items: 2000, tax: 200, shipping, restocking_fee: 0, return_label: 0, total: 2200 + shipping });
    expect(first.refund_amount).toBe(2200 + shipping);

    expect((await server.viewer.get(`/api/v1/returns/${first.id}`)).body).toEqual(first);
    const listed = await server.viewer.get(`/api/v1/returns?order_id=${a.number}`);
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body).toEqual({ data: [first], next_cursor: null });
    const requested = (await timeline(a.id)).find((e) => e.type === 'return.requested');
    expect(requested?.data).toMatchObject({ return_id: first.id, requested_by: 'staff', lines: [{ sku: 'MUG', quantity: 1, reason: 'damaged', exchange_sku: null }] });
  });

  it('answers every broken rule with 422 and the rule that failed', async () => {
    const a = orders.a.id;
    // 3 delivered, 1 already in the first return.
    broke(await ask(a, [{ sku: 'MUG', quantity: 3, reason: 'changed_mind' }]), 'quantity', 'lines[0].quantity');
    // Lines of one SKU count together; the error names the line that goes past.
    broke(
      await ask(a, [
        { sku: 'MUG', quantity: 1, reason: 'changed_mind' },
        { sku: 'MUG', quantity: 2, reason: 'wrong_size' },
      ]),
      'quantity',
      'lines[1].quantity',
    );
    broke(await ask(a, [{ sku: 'FINAL-SALE', quantity: 1, reason: 'changed_mind' }]), 'non_returnable', 'lines[0].sku');
    broke(await ask(a, [{ sku: 'GIFT-CARD', quantity: 1, reason: 'changed_mind' }]), 'non_returnable', 'lines[0].sku');
    broke(await ask(a, [{ sku: 'MUG', quantity: 1, reason: 'bored' }]), 'unknown_reason', 'lines[0].reason');
    broke(await ask(a, [{ sku: 'TEE-M', quantity: 1, reason: 'damaged' }]), 'not_in_order', 'lines[0].sku');
    broke(await ask(a, [{ sku: 'NO-SUCH-SKU', quantity: 1, reason: 'damaged' }]), 'not_in_order', 'lines[0].sku');
    broke(await ask(a, [{ sku: 'MUG', quantity: 1, reason: 'wrong_size', exchange_sku: 'NOPE' }]), 'exchange_sku', 'lines[0].exchange_sku');
    broke(await ask(a, [{ sku: 'MUG', quantity: 1, reason: 'wrong_size', exchange_sku: 'EURO-MUG' }]), 'exchange_sku', 'lines[0].exchange_sku');
    const several = broke(
      await ask(a, [
        { sku: 'FINAL-SALE', quantity: 1, reason: 'damaged' },
        { sku: 'MUG', quantity: 1, reason: 'nope' },
      ]),
      'non_returnable',
      'lines[0].sku',
    );
    expect(several.rules).toEqual(['non_returnable', 'unknown_reason']);
    broke(await ask(undelivered.id, [{ sku: 'MUG', quantity: 1, reason: 'damaged' }]), 'not_delivered', 'lines[0].quantity');
    // Bad shapes are the schema's: 422 too, never 500.
    expectProblem(await ask(a, [{ sku: 'MUG', quantity: 0, reason: 'damaged' }]), 422, 'validation_failed');
    expectProblem(await ask(a, []), 422, 'validation_failed');
    expectProblem(await ask('ord_missing', [{ sku: 'MUG', quantity: 1, reason: 'damaged' }]), 404, 'not_found');
    expectProblem(await ask('W-999999', [{ sku: 'MUG', quantity: 1, reason: 'damaged' }]), 404, 'not_found');
    expectProblem(await server.viewer.post('/api/v1/returns', { order_id: a, lines: [{ sku: 'MUG', quantity: 1, reason: 'damaged' }] }), 403, 'forbidden');
    // Nothing of it was stored.
    expect((await server.viewer.get(`/api/v1/returns?order_id=${a}`)).body.data).toHaveLength(1);
  });

  it('approves with a sim return label back to the warehouse the units left from', async () => {
    const res = await server.operator.post(`/api/v1/returns/${first.id}/approve`, {});
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      status: 'approved',
      approved_at: expect.any(String),
      warehouse: 'DAL',
      exchange_order_id: null,
      shipment: { carrier: 'sim', label_state: 'purchased', status: 'label_created', tracking_number: expect.stringMatching(/^SIM/), amount: expect.any(Number) },
      label_url: `${server.url}/api/v1/shipments/${res.body.shipment.id}/label.pdf`,
    });
    // The shop's fault: the label is on the shop, the refund stays as quoted.
    expect(res.body.refund_amount).toBe(first.refund_amount);
    expect(res.body.refund_breakdown.return_label).toBe(0);

    const label = await server.viewer.get(new URL(res.body.label_url).pathname);
    expect(label.status).toBe(200);
    expect(label.headers.get('content-type')).toBe('application/pdf');
    expect(label.text.startsWith('%PDF-')).toBe(true);
    const shipment = (await server.viewer.get(`/api/v1/shipments/${res.body.shipment.id}`)).body;
    expect(shipment).toMatchObject({ kind: 'return', order_id: orders.a.id, warehouse: 'DAL', lines: [{ sku: 'MUG', quantity: 1 }] });

    const events = await timeline(orders.a.id);
    const types = events.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['return.requested', 'return.approved', 'shipment.label_created']));
    expect(events.find((e) => e.type === 'return.approved')!.data).toMatchObject({
      return_id: first.id,
      shipment_id: res.body.shipment.id,
      exchange_order_id: null,
      label_url: `${server.url}/portal/returns/${first.id}/label.pdf`,
    });
    // A delivered order stays delivered while its return is on the way.
    expect((await order(orders.a.id)).status).toBe('delivered');

    const again = expectProblem(await server.operator.post(`/api/v1/returns/${first.id}/approve`, {}), 409, 'invalid_transition');
    expect(again).toMatchObject({ from: 'approved', to: 'approved', allowed: ['in_transit', 'received'] });
    expectProblem(await server.operator.post(`/api/v1/returns/${first.id}/reject`, { reason: 'too late' }), 409, 'invalid_transition');
    expectProblem(await server.operator.post('/api/v1/returns/ret_missing/approve', {}), 404, 'not_found');
    expectProblem(await server.viewer.post(`/api/v1/returns/${first.id}/approve`, {}), 403, 'forbidden');
    // The fallback job finds the label bought and does nothing more.
    await drainJobs(server);
    expect((await server.viewer.get(`/api/v1/shipments?order_id=${orders.a.id}`)).body.data.filter((s: any) => s.kind === 'return')).toHaveLength(1);
  });

  it('rejects a requested return with a reason, which frees its units again', async () => {
    const asked = await ask(orders.a.id, [{ sku: 'MUG', quantity: 2, reason: 'changed_mind' }]);
    expect(asked.status, asked.text).toBe(201);
    // A customer's reason: the restocking fee comes off, no shipping back.
    expect(asked.body.refund_breakdown).toMatchObject({ items: 4000, tax: 400, shipping: 0, restocking_fee: 400, return_label: 0, total: 4000 });
    broke(await ask(orders.a.id, [{ sku: 'MUG', quantity: 1, reason: 'changed_mind' }]), 'quantity', 'lines[0].quantity');

    expectProblem(await server.operator.post(`/api/v1/returns/${asked.body.id}/reject`, {}), 422, 'validation_failed');
    const rejected = await server.operator.post(`/api/v1/returns/${asked.body.id}/reject`, { reason: 'Used items cannot come back' });
    expect(rejected.status, rejected.text).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', rejection_reason: 'Used items cannot come back', shipment: null });
    const event = (await timeline(orders.a.id)).find((e) => e.type === 'return.rejected');
    expect(event?.data).toEqual({ return_id: asked.body.id, reason: 'Used items cannot come back' });
    expectProblem(await server.operator.post(`/api/v1/returns/${asked.body.id}/reject`, { reason: 'twice' }), 409, 'invalid_transition');
    expectProblem(await server.operator.post(`/api/v1/returns/${asked.body.id}/approve`, {}), 409, 'invalid_transition');

    const freed = await ask(orders.a.id, [{ sku: 'MUG', quantity: 1, reason: 'wrong_size' }]);
    expect(freed.status, freed.text).toBe(201);
    const byStatus = await server.viewer.get(`/api/v1/returns?order_id=${orders.a.id}&status=rejected`);
    expect(byStatus.body.data.map((r: any) => r.id)).toEqual([asked.body.id]);
  });

  it('places the replacement order of an exchange at no charge, its stock reserved at once', async () => {
    const ex = orders.exchange;
    const asked = await ask(ex.id, [{ sku: 'TEE-M', quantity: 1, reason: 'wrong_size', exchange_sku: 'TEE-L' }]);
    expect(asked.status, asked.text).toBe(201);
    // Exchanged, not refunded.
    expect(asked.body.refund_amount).toBe(0);
    const reservedBefore = (await stockOf(server.viewer, 'TEE-L')).find((s) => s.warehouse === 'DAL')!.reserved;

    const approved = await server.operator.post(`/api/v1/returns/${asked.body.id}/approve`, {});
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', exchange_order_id: expect.stringMatching(/^ord_/), shipment: { label_state: 'purchased' } });
    // An exchange: the label is on the shop whoever's reason it was.
    expect(approved.body.refund_amount).toBe(0);
    const replacement = await order(approved.body.exchange_order_id);
    expect(replacement).toMatchObject({
      total: 0,
      subtotal: 0,
      shipping_total: 0,
      tax_total: 0,
      currency: 'USD',
      payment_status: 'not_required',
      customer: { id: ex.customer.id, email: ex.customer.email },
      shipping_address: ex.shipping_address,
      metadata: { replacement_for: ex.id, return_id: asked.body.id },
      lines: [expect.objectContaining({ sku: 'TEE-L', quantity: 1, unit_price: 0 })],
    });
    expect(['placed', 'processing']).toContain(replacement.status);
    expect((await stockOf(server.viewer, 'TEE-L')).find((s) => s.warehouse === 'DAL')!.reserved).toBe(reservedBefore + 1);
    const placed = (await timeline(ex.id)).find((e) => e.type === 'return.exchange_placed');
    expect(placed?.data).toMatchObject({ return_id: asked.body.id, exchange_order_id: replacement.id, number: replacement.number });
  });

  it('approves nothing when the exchange cannot be reserved', async () => {
    const ex = orders.exchange;
    const asked = await ask(ex.id, [{ sku: 'TEE-M', quantity: 1, reason: 'wrong_size', exchange_sku: 'TEE-XL' }]);
    expect(asked.status, asked.text).toBe(201);
    const ordersBefore = (await server.viewer.get('/api/v1/orders?limit=200')).body.data.length;
    const shipmentsBefore = (await server.viewer.get(`/api/v1/shipments?order_id=${ex.id}`)).body.data.length;
    const short = expectProblem(await server.operator.post(`/api/v1/returns/${asked.body.id}/approve`, {}), 409, 'insufficient_stock');
    expect(short.lines).toEqual([expect.objectContaining({ sku: 'TEE-XL', requested: 1, available: 0 })]);
    expect((await server.viewer.get(`/api/v1/returns/${asked.body.id}`)).body).toMatchObject({ status: 'requested', shipment: null, exchange_order_id: null, approved_at: null });
    expect((await server.viewer.get('/api/v1/orders?limit=200')).body.data.length).toBe(ordersBefore);
    expect((await server.viewer.get(`/api/v1/shipments?order_id=${ex.id}`)).body.data.length).toBe(shipmentsBefore);
    // Once the stock arrives, the same return is approved.
    await addStock(server.admin, 'TEE-XL', 'DAL', 1);
    expect((await server.operator.post(`/api/v1/returns/${asked.body.id}/approve`, {})).status).toBe(200);
  });

  it('approves what the auto-approval rule covers, as the system, and leaves the rest to staff', async () => {
    const auto = orders.auto;
    const covered = await ask(auto.id, [{ sku: 'MUG', quantity: 1, reason: 'defective' }]);
    expect(covered.status, covered.text).toBe(201);
    expect(covered.body).toMatchObject({ status: 'approved', shipment: { carrier: 'sim', label_state: 'purchased' }, label_url: expect.stringContaining('/label.pdf') });
    const approved = (await timeline(auto.id)).find((e) => e.type === 'return.approved' && e.data.return_id === covered.body.id);
    expect(approved?.actor).toBe('system:returns');
    // Over the limit (two mugs with their tax and shipping come to 48.00, over 40.00): staff decide.
    const over = await ask(auto.id, [{ sku: 'MUG', quantity: 2, reason: 'defective' }]);
    expect(over.status, over.text).toBe(201);
    expect(over.body.status).toBe('requested');
    expect(over.body.refund_amount).toBe(4800);
    const policy = await server.viewer.get('/api/v1/returns/policy');
    expect(policy.status, policy.text).toBe(200);
    expect(policy.body).toMatchObject({ window_days: 30, restocking_fee_percent: 10, non_returnable_skus: ['GIFT-*'], auto_approve: { reasons: ['defective'], max_refund: 4000 } });
    expect(policy.body.reasons).toContainEqual({ code: 'damaged', label: 'Arrived damaged', shop_fault: true, return_shipping_paid_by: 'shop', restocking_fee: false });
  });

  it('replays a POST /returns with the same Idempotency-Key as the same return', async () => {
    const body = { order_id: orders.auto.id, lines: [{ sku: 'MUG', quantity: 1, reason: 'wrong_size' }] };
    // The over-limit return above holds two of the three; the auto one holds one: make room.
    const held = (await server.viewer.get(`/api/v1/returns?order_id=${orders.auto.id}&status=requested`)).body.data[0];
    expect((await server.operator.post(`/api/v1/returns/${held.id}/reject`, { reason: 'asked again' })).status).toBe(200);
    const key = { headers: { 'idempotency-key': `ret-${dialect}-1` } };
    const once = await server.operator.post('/api/v1/returns', body, key);
    expect(once.status, once.text).toBe(201);
    const twice = await server.operator.post('/api/v1/returns', body, key);
    expect(twice.status).toBe(201);
    expect(twice.headers.get('idempotent-replayed')).toBe('true');
    expect(twice.body.id).toBe(once.body.id);
    expectProblem(await server.operator.post('/api/v1/returns', { ...body, comment: 'changed' }, key), 422, 'idempotency_key_reused');
    expect((await server.viewer.get(`/api/v1/returns?order_id=${orders.auto.id}&status=requested`)).body.data.map((r: any) => r.id)).toEqual([once.body.id]);
    // A refusal is kept too: its replay answers the same 422.
    const badKey = { headers: { 'idempotency-key': `ret-${dialect}-2` } };
    const refused = await server.operator.post('/api/v1/returns', { ...body, lines: [{ sku: 'MUG', quantity: 5, reason: 'wrong_size' }] }, badKey);
    expect(refused.status).toBe(422);
    expect((await server.operator.post('/api/v1/returns', { ...body, lines: [{ sku: 'MUG', quantity: 5, reason: 'wrong_size' }] }, badKey)).body).toEqual(refused.body);
  });

  it('changes nothing when no carrier quotes a label, and buys a label the approval could not buy later', async () => {
    const asked = await ask(orders.auto.id, [{ sku: 'MUG', quantity: 1, reason: 'wrong_size' }]);
    expect(asked.status, asked.text).toBe(201);
    const deps = returnDepsOf(server.deps);
    const sim = server.deps.carriers.get('sim')!;
    const down = { ...deps, shipping: { ...deps.shipping, carriers: carriersFrom([{ ...sim, rate: async () => ({ ok: false as const, code: 'down', message: 'the sim is down' }) }]) } };
    const refused = await approveReturn(down, asked.body.id, 'test').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'conflict', detail: expect.stringContaining('the sim is down') });
    expect((await server.viewer.get(`/api/v1/returns/${asked.body.id}`)).body).toMatchObject({ status: 'requested', shipment: null, approved_at: null });

    // The carrier quotes, then fails while selling the label: approved, the label still to buy.
    const flaky = {
      ...deps,
      shipping: {
        ...deps.shipping,
        carriers: carriersFrom([
          {
            ...sim,
            createLabel: async () => {
              throw new CarrierError('sim', 'label', true, 'connection reset');
            },
          },
        ]),
      },
    };
    await approveReturn(flaky, asked.body.id, 'test');
    expect((await server.viewer.get(`/api/v1/returns/${asked.body.id}`)).body).toMatchObject({ status: 'approved', label_url: null, shipment: { label_state: 'purchasing' } });
    // The fallback job (30 s later) buys it with the carrier as it is now.
    server.clock.advance(31_000);
    await drainJobs(server);
    const bought = (await server.viewer.get(`/api/v1/returns/${asked.body.id}`)).body;
    expect(bought).toMatchObject({ status: 'approved', shipment: { label_state: 'purchased', tracking_number: expect.stringMatching(/^SIM/) }, label_url: expect.stringContaining('/label.pdf') });
  });

  it('describes its routes in the OpenAPI document', async () => {
    const doc = (await server.anonymous.get('/openapi.json')).body;
    const expected: Record<string, string[]> = {
      '/api/v1/returns': ['get', 'post'],
      '/api/v1/returns/policy': ['get'],
      '/api/v1/returns/{id}': ['get'],
      '/api/v1/returns/{id}/approve': ['post'],
      '/api/v1/returns/{id}/reject': ['post'],
      '/portal/orders/{id}/returns': ['post'],
      '/portal/orders/{id}/returnable': ['get'],
      '/api/v1/orders/{id}/returnable': ['get'],
      '/portal/returns': ['get'],
      '/portal/returns/policy': ['get'],
      '/portal/returns/{id}': ['get'],
      '/portal/returns/{id}/label.pdf': ['get'],
    };
    for (const [path, methods] of Object.entries(expected)) for (const method of methods) expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
  });

  it('pages the list of returns, newest first', async () => {
    const all = (await server.viewer.get('/api/v1/returns?limit=200')).body.data.map((r: any) => r.id);
    expect(all.length).toBeGreaterThanOrEqual(7);
    expect([...all].sort().reverse()).toEqual(all);
    const one = await server.viewer.get('/api/v1/returns?limit=2');
    expect(one.body.data.map((r: any) => r.id)).toEqual(all.slice(0, 2));
    const next = await server.viewer.get(`/api/v1/returns?limit=2&cursor=${one.body.next_cursor}`);
    expect(next.body.data.map((r: any) => r.id)).toEqual(all.slice(2, 4));
    expect((await server.viewer.get('/api/v1/returns?order_id=W-999999')).body).toEqual({ data: [], next_cursor: null });
    expectProblem(await server.viewer.get('/api/v1/returns?status=lost'), 422, 'validation_failed');
    expectProblem(await server.viewer.get('/api/v1/returns?cursor=%%%'), 422, 'validation_failed');
    expectProblem(await server.viewer.get('/api/v1/returns/ret_missing'), 404, 'not_found');
  });

  it('lets a verified customer ask from the portal, follow the return and print its label; nobody else', async () => {
    const mine = orders.portal;
    const path = `/portal/orders/${mine.id}/returns`;
    expect((await stranger.request('POST', path, { lines: [{ sku: 'MUG', quantity: 1, reason: 'damaged' }] })).status).toBe(404);
    const unverified = await registerCustomer(server, 'late-verifier@example.com', { verify: false });
    expectProblem(await unverified.request('POST', path, { lines: [{ sku: 'MUG', quantity: 1, reason: 'damaged' }] }), 404, 'not_found');
    expectProblem(await server.anonymous.post(path, { lines: [{ sku: 'MUG', quantity: 1, reason: 'damaged' }] }), 401, 'unauthorized');

    const key = { 'idempotency-key': `portal-${dialect}` };
    const asked = await customer.request('POST', path, { lines: [{ sku: 'MUG', quantity: 1, reason: 'damaged' }], comment: 'Cracked' }, key);
    expect(asked.status, asked.text).toBe(201);
    expect(asked.body).toMatchObject({ order_id: mine.id, status: 'requested', requested_by: 'customer', label_url: null });
    expect((await customer.request('POST', path, { lines: [{ sku: 'MUG', quantity: 1, reason: 'damaged' }], comment: 'Cracked' }, key)).body.id).toBe(asked.body.id);
    broke((await customer.request('POST', path, { lines: [{ sku: 'MUG', quantity: 2, reason: 'damaged' }] })) as never, 'quantity', 'lines[0].quantity');
    // By number too.
    broke((await customer.request('POST', `/portal/orders/${mine.number}/returns`, { lines: [{ sku: 'MUG', quantity: 1, reason: 'bored' }] })) as never, 'unknown_reason', 'lines[0].reason');

    const list = await customer.request('GET', '/portal/returns');
    expect(list.status, list.text).toBe(200);
    expect(list.body).toEqual({ data: [expect.objectContaining({ id: asked.body.id })], next_cursor: null });
    expect((await stranger.request('GET', '/portal/returns')).body.data).toEqual([]);
    expect((await unverified.request('GET', '/portal/returns')).body.data).toEqual([]);
    expect((await customer.request('GET', `/portal/returns/${asked.body.id}`)).body).toMatchObject({ id: asked.body.id, status: 'requested' });
    expectProblem(await stranger.request('GET', `/portal/returns/${asked.body.id}`), 404, 'not_found');
    expectProblem(await customer.request('GET', '/portal/returns/ret_missing'), 404, 'not_found');
    // No label before approval.
    expectProblem(await customer.request('GET', `/portal/returns/${asked.body.id}/label.pdf`), 404, 'not_found');
    // Another customer's return is not theirs to see, even a staff-made one.
    expectProblem(await customer.request('GET', `/portal/returns/${first.id}`), 404, 'not_found');

    expect((await server.operator.post(`/api/v1/returns/${asked.body.id}/approve`, {})).status).toBe(200);
    const seen = (await customer.request('GET', `/portal/returns/${asked.body.id}`)).body;
    expect(seen).toMatchObject({ status: 'approved', label_url: `${server.url}/portal/returns/${asked.body.id}/label.pdf` });
    const label = await customer.request('GET', `/portal/returns/${asked.body.id}/label.pdf`);
    expect(label.status).toBe(200);
    expect(label.headers.get('content-type')).toBe('application/pdf');
    expect(label.text.startsWith('%PDF-')).toBe(true);
    expectProblem(await stranger.request('GET', `/portal/returns/${asked.body.id}/label.pdf`), 404, 'not_found');

    // The last mug, asked for twice at once: the order's lock lets one through.
    const both = await Promise.all([1, 2].map(() => ask(mine.id, [{ sku: 'MUG', quantity: 1, reason: 'changed_mind' }])));
    expect(both.map((r) => r.status).sort(), both.map((r) => r.text).join('\n')).toEqual([201, 422]);
    expect(both.find((r) => r.status === 422)!.body.rule).toBe('quantity');

    const policy = await customer.request('GET', '/portal/returns/policy');
    expect(policy.status, policy.text).toBe(200);
    expect(policy.body.window_days).toBe(30);
  });

  it("keeps a portal return's Idempotency-Key to its order: by number it replays, on another order it is that order's request", async () => {
    const key = { 'idempotency-key': `portal-two-${dialect}` };
    const body = { lines: [{ sku: 'MUG', quantity: 1, reason: 'damaged' }], comment: 'Chipped' };
    const asked = await customer.request('POST', `/portal/orders/${portalTwo.id}/returns`, body, key);
    expect(asked.status, asked.text).toBe(201);
    expect(asked.body.order_id).toBe(portalTwo.id);
    const byNumber = await customer.request('POST', `/portal/orders/${portalTwo.number}/returns`, body, key);
    expect(byNumber.headers.get('idempotent-replayed')).toBe('true');
    expect(byNumber.body.id).toBe(asked.body.id);
    // The first portal order has no mug left to send back: asked under the same key, it says so.
    const elsewhere = await customer.request('POST', `/portal/orders/${orders.portal.id}/returns`, body, key);
    expect(elsewhere.headers.get('idempotent-replayed')).toBeNull();
    expect(elsewhere.status, elsewhere.text).toBe(422);
    expect(elsewhere.body.rule).toBe('quantity');
  });

  it('tells what may still come back, line by line, as the request is checked', async () => {
    const a = orders.a;
    const res = await server.viewer.get(`/api/v1/orders/${a.number}/returnable`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.order_id).toBe(a.id);
    expect(res.body.window_days).toBe(30);
    const bySku = Object.fromEntries((res.body.lines as Array<{ sku: string }>).map((l) => [l.sku, l])) as Record<string, any>;
    expect(Object.keys(bySku)).toEqual(['MUG', 'FINAL-SALE', 'GIFT-CARD']);
    expect(bySku['FINAL-SALE']).toMatchObject({ delivered: 1, allowed: 0, note: 'non_returnable' });
    // Not returnable by the shop's SKU pattern (GIFT-*) rather than by the product.
    expect(bySku['GIFT-CARD']).toMatchObject({ delivered: 1, held: 0, allowed: 0, note: 'non_returnable' });
    const mug = bySku['MUG'];
    expect(mug.delivered).toBe(3);
    expect(Date.parse(mug.window_closes_at) - Date.parse(server.clock.now().toISOString())).toBeGreaterThan(29 * 24 * 3_600_000);
    expect(mug.held).toBeGreaterThan(0);
    expect(mug.allowed).toBe(mug.delivered - mug.held);
    expect(mug.note).toBe(mug.allowed === 0 ? 'in_other_returns' : 'partly_in_other_returns');
    // What it offers is exactly what a request may take: one more is refused.
    broke(await ask(a.id, [{ sku: 'MUG', quantity: mug.allowed + 1, reason: 'changed_mind' }]), 'quantity', 'lines[0].quantity');

    // Nothing shipped yet: nothing to offer.
    expect((await server.viewer.get(`/api/v1/orders/${undelivered.id}/returnable`)).body.lines).toEqual([]);
    expectProblem(await server.viewer.get('/api/v1/orders/ord_missing/returnable'), 404, 'not_found');

    // The customer sees their own order's; another customer's is not found.
    const mine = await customer.request('GET', `/portal/orders/${orders.portal.id}/returnable`);
    expect(mine.status, mine.text).toBe(200);
    expect(mine.body.lines).toEqual([expect.objectContaining({ sku: 'MUG', delivered: 2 })]);
    expectProblem(await stranger.request('GET', `/portal/orders/${orders.portal.id}/returnable`), 404, 'not_found');
    expectProblem(await server.anonymous.get(`/portal/orders/${orders.portal.id}/returnable`), 401, 'unauthorized');

    // The portal's order names its carrier and places each parcel's destination for the map.
    const seen = await customer.request('GET', `/portal/orders/${orders.portal.id}`);
    expect(seen.body.shipments[0]).toMatchObject({ carrier: 'sim', carrier_name: 'Waybill Sim', destination: { city: 'Austin', region: 'TX', country: 'US', latitude: expect.any(Number), longitude: expect.any(Number) } });
  });

  // Last: it moves the clock a month on.
  it('refuses units whose return window has closed', async () => {
    // The first return holds one mug, the freed one another: one is left, but not for long.
    server.clock.advance(31 * 24 * 3_600_000);
    const late = broke(await ask(orders.a.id, [{ sku: 'MUG', quantity: 1, reason: 'damaged' }]), 'return_window', 'lines[0].quantity');
    expect(late.errors[0].message).toMatch(/30-day return window/);
    const mug = (await server.viewer.get(`/api/v1/orders/${orders.a.id}/returnable`)).body.lines.find((l: { sku: string }) => l.sku === 'MUG');
    expect(mug).toMatchObject({ delivered: 3, held: 2, allowed: 0, note: 'window_closed' });
  });
});
