/**
 * The money end of returns, over real HTTP on both databases: receiving a parcel (resellable units
 * back on hand, damaged ones written off, both in the ledger), the refund quoted from what arrived
 * (shop-fault shipping back; the restocking fee and the label's cost off for the customer's
 * reasons), the refund through the provider closing the return, the order `returned` once
 * everything came back; goodwill refunds; and "money is never wrong": never more refunded than
 * captured, also under two concurrent requests (one wins, the other 409), and a refund Stripe
 * refuses stays failed and visible until retried under a fresh provider key, refunded once.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerMismatches } from '../../src/inventory/index.js';
import { testDialects } from '../support/databases.js';
import type { FakeStripe } from '../support/fake-stripe.js';
import { addStock, createProduct, createWarehouse, orderBody } from '../support/fixtures.js';
import { drainJobs } from '../support/jobs.js';
import { expectProblem } from '../support/problems.js';
import type { TestServer } from '../support/server.js';
import { UNEVENTFUL_SIM } from '../support/sim-env.js';
import { startStripeServer, type StripeServer } from '../support/stripe-server.js';

const UNIT = 2000;

describe.each(testDialects())('return receipts and refunds on %s', (dialect) => {
  let running: StripeServer;
  let stripe: FakeStripe;
  let server: TestServer;

  beforeAll(async () => {
    running = await startStripeServer(dialect, {
      ...UNEVENTFUL_SIM,
      WAYBILL_SHIPPING_FEE: '900',
      WAYBILL_TAX_RATE_BPS: '1000',
      WAYBILL_RESTOCKING_FEE_PERCENT: '10',
    });
    ({ server, stripe } = running);
    await createWarehouse(server.admin, 'DAL', 'Dallas', 'TX');
    await createProduct(server.admin, 'MUG', { unit_price: UNIT, length_mm: 120, width_mm: 90, height_mm: 100, weight_grams: 350 });
    await addStock(server.admin, 'MUG', 'DAL', 100);
  });
  afterAll(async () => {
    await running?.close();
  });

  const api = () => server.operator;
  const order = async (id: string) => (await server.viewer.get(`/api/v1/orders/${id}`)).body;
  const events = async (id: string) => (await server.viewer.get(`/api/v1/orders/${id}/events`)).body.data as Array<{ type: string; data: any }>;
  const dallas = async () => (await server.viewer.get('/api/v1/inventory?sku=MUG')).body.data.find((r: any) => r.warehouse === 'DAL');
  const testPayment = { payment: { provider: 'test', token: 'tok_visa' } };
  const stripePayment = { payment: { provider: 'stripe', token: 'pm_card_visa' } };

  /** For every payment: refunded ≤ captured, the succeeded refunds add up to it, and no refund asked for exceeds it. */
  async function expectMoneyAddsUp(): Promise<void> {
    const { rows } = await sql<{ id: string; amount_captured: number; amount_refunded: number; succeeded: number | null; asked: number | null }>`
      select p.id, p.amount_captured, p.amount_refunded,
        (select sum(r.amount) from refunds r where r.payment_id = p.id and r.status = 'succeeded') as succeeded,
        (select sum(r.amount) from refunds r where r.payment_id = p.id) as asked
      from payments p`.execute(server.deps.db);
    for (const p of rows) {
      expect(Number(p.amount_refunded), p.id).toBeLessThanOrEqual(Number(p.amount_captured));
      expect(Number(p.succeeded ?? 0), p.id).toBe(Number(p.amount_refunded));
      expect(Number(p.asked ?? 0), p.id).toBeLessThanOrEqual(Number(p.amount_captured));
    }
    expect(await ledgerMismatches(server.deps.db)).toEqual([]);
  }

  /**
   * Runs the worker until every due job is done, moving the clock a little between rounds: two
   * refund jobs of one payment that ran side by side record one after the other, the second on
   * its (backed-off) retry.
   */
  async function settle(): Promise<void> {
    for (let round = 0; round < 3; round++) {
      await drainJobs(server);
      server.clock.advance(1_000);
    }
  }

  /** Placed, shipped by the pipeline and carried by the sim to the door (overnight, to Austin). */
  async function deliveredOrder(quantity: number, payment: Record<string, unknown>) {
    const placed = await api().post('/api/v1/orders', orderBody([{ sku: 'MUG', quantity }], { ...payment, shipping: { strategy: 'fastest', carrier: null, service: null } }));
    expect(placed.status, placed.text).toBe(201);
    await drainJobs(server);
    for (let i = 0; i < 60 && (await order(placed.body.id)).status !== 'delivered'; i++) {
      server.clock.advance(20_000);
      await drainJobs(server);
    }
    const delivered = await order(placed.body.id);
    expect(delivered.status).toBe('delivered');
    expect(delivered.payments[0]).toMatchObject({ status: 'captured', amount_captured: delivered.total });
    return delivered;
  }

  /** Asked for by staff and approved (a sim return label), through the returns routes. */
  async function approvedReturn(orderId: string, lines: Array<{ sku: string; quantity: number; reason: string }>) {
    const requested = await api().post('/api/v1/returns', { order_id: orderId, lines, comment: null });
    expect(requested.status, requested.text).toBe(201);
    if (requested.body.status === 'approved') return requested.body;
    const approved = await api().post(`/api/v1/returns/${requested.body.id}/approve`, {});
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body.status).toBe('approved');
    return approved.body;
  }

  async function receivedReturn(orderId: string, lines: Array<{ sku: string; quantity: number; reason: string }>) {
    const ret = await approvedReturn(orderId, lines);
    const res = await api().post(`/api/v1/returns/${ret.id}/receive`, { lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity, condition: 'resellable' })) });
    expect(res.status, res.text).toBe(200);
    expect(res.body.status).toBe('received');
    return res.body;
  }

  it('receives a return into stock and the ledger, refunds what arrived, closes it, and the order is returned once all came back', async () => {
    const delivered = await deliveredOrder(3, testPayment);
    const { subtotal, shipping_total: shipping, tax_total: tax } = delivered;
    expect(subtotal).toBe(3 * UNIT);
    const ret = await approvedReturn(delivered.id, [{ sku: 'MUG', quantity: 2, reason: 'damaged' }]);
    const before = await dallas();

    // Bad receipts: nothing happens, the return stays approved.
    const wrong = expectProblem(await api().post(`/api/v1/returns/${ret.id}/receive`, { lines: [{ sku: 'CAP', quantity: 1, condition: 'resellable' }, { sku: 'MUG', quantity: 3, condition: 'damaged' }] }), 422, 'validation_failed');
    expect(wrong.errors.map((e: any) => e.path)).toEqual(['lines[0].sku', 'lines[1].quantity']);
    expectProblem(await api().post(`/api/v1/returns/${ret.id}/receive`, { lines: [{ sku: 'MUG', quantity: 1, condition: 'mint' }] }), 422, 'validation_failed');
    // No body at all means {} (amount defaults to the quote), not a 422.
    expectProblem(await api().request('POST', `/api/v1/returns/${ret.id}/refund`), 409, 'invalid_transition');
    expectProblem(await api().request('POST', `/api/v1/returns/${ret.id}/close`), 409, 'invalid_transition');
    expectProblem(await api().post('/api/v1/returns/ret_nope/receive', { lines: [{ sku: 'MUG', quantity: 1, condition: 'damaged' }] }), 404, 'not_found');
    expectProblem(await server.viewer.post(`/api/v1/returns/${ret.id}/receive`, { lines: [{ sku: 'MUG', quantity: 1, condition: 'damaged' }] }), 403, 'forbidden');
    expect(await dallas()).toEqual(before);

    const received = await api().post(`/api/v1/returns/${ret.id}/receive`, {
      lines: [
        { sku: 'MUG', quantity: 1, condition: 'resellable' },
        { sku: 'MUG', quantity: 1, condition: 'damaged' },
      ],
    });
    expect(received.status, received.text).toBe(200);
    // The shop's fault: items, their share of the tax and of the original shipping; no fee, no label.
    const quote = { items: 2 * UNIT, tax: (tax * 2) / 3, shipping: (shipping * 2) / 3, restocking_fee: 0, return_label: 0 };
    const total = quote.items + quote.tax + quote.shipping;
    expect(received.body).toMatchObject({ status: 'received', received_at: expect.any(String), refund_amount: total, refund_breakdown: { ...quote, total }, warehouse: 'DAL' });
    expect(received.body.lines).toEqual([expect.objectContaining({ sku: 'MUG', quantity: 2, quantity_received: 2, quantity_resellable: 1, quantity_damaged: 1 })]);
    const after = await dallas();
    expect(after.on_hand).toBe(before.on_hand + 1);
    expect(after.reserved).toBe(before.reserved);
    const movements = (await server.viewer.get('/api/v1/inventory/movements?sku=MUG')).body.data.filter((m: any) => m.order_id === delivered.id);
    expect(movements.filter((m: any) => m.kind === 'return')).toEqual([expect.objectContaining({ warehouse: 'DAL', on_hand_delta: 2, reason: expect.stringContaining(ret.id) })]);
    expect(movements.filter((m: any) => m.kind === 'write_off')).toEqual([expect.objectContaining({ warehouse: 'DAL', on_hand_delta: -1 })]);
    expect(await ledgerMismatches(server.deps.db)).toEqual([]);
    expect((await order(delivered.id)).lines[0]).toMatchObject({ quantity_shipped: 3, quantity_returned: 2 });
    expect((await order(delivered.id)).status).toBe('delivered');
    expectProblem(await api().post(`/api/v1/returns/${ret.id}/receive`, { lines: [{ sku: 'MUG', quantity: 1, condition: 'damaged' }] }), 409, 'invalid_transition');

    // More than the quote: 422 naming the amount. Then the quote, through the provider.
    const over = expectProblem(await api().post(`/api/v1/returns/${ret.id}/refund`, { amount: total + 1 }), 422, 'validation_failed');
    expect(over.errors).toEqual([expect.objectContaining({ path: 'amount' })]);
    const refunding = await api().post(`/api/v1/returns/${ret.id}/refund`, {}, { headers: { 'idempotency-key': `refund-${ret.id}` } });
    expect(refunding.status, refunding.text).toBe(200);
    expect(refunding.body).toMatchObject({ status: 'refunded', refunded_amount: 0, refunds: [{ amount: total, status: 'pending', attempts: 1, reference: null }] });
    const replay = await api().post(`/api/v1/returns/${ret.id}/refund`, {}, { headers: { 'idempotency-key': `refund-${ret.id}` } });
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.refunds).toEqual(refunding.body.refunds);
    expectProblem(await api().post(`/api/v1/returns/${ret.id}/refund`, {}), 409, 'invalid_transition');
    // Not closed while the provider has not confirmed.
    expectProblem(await api().post(`/api/v1/returns/${ret.id}/close`, {}), 409, 'conflict');

    await settle();
    const closed = (await server.viewer.get(`/api/v1/returns/${ret.id}`)).body;
    expect(closed).toMatchObject({ status: 'closed', closed_at: expect.any(String), refunded_amount: total, refunds: [{ status: 'succeeded', reference: expect.stringMatching(/^tre_/) }] });
    let current = await order(delivered.id);
    expect(current.payment_status).toBe('partially_refunded');
    expect(current.payments[0]).toMatchObject({ amount_refunded: total });
    const types = (await events(delivered.id)).map((e) => e.type);
    for (const type of ['return.received', 'return.refund_requested', 'refund.succeeded', 'return.closed']) expect(types).toContain(type);
    expect(types.indexOf('return.received')).toBeLessThan(types.indexOf('return.refund_requested'));
    const receivedEvent = (await events(delivered.id)).find((e) => e.type === 'return.received')!;
    expect(receivedEvent.data).toMatchObject({ return_id: ret.id, refund_amount: total, lines: [{ sku: 'MUG', quantity: 1, condition: 'resellable' }, { sku: 'MUG', quantity: 1, condition: 'damaged' }] });
    expectProblem(await api().post(`/api/v1/returns/${ret.id}/close`, {}), 409, 'invalid_transition');

    // The last unit, for the customer's own reason: the restocking fee and the label's cost come off.
    const last = await approvedReturn(delivered.id, [{ sku: 'MUG', quantity: 1, reason: 'changed_mind' }]);
    const label = last.shipment?.amount as number;
    expect(label).toBeGreaterThan(0);
    const lastReceived = await api().post(`/api/v1/returns/${last.id}/receive`, { lines: [{ sku: 'MUG', quantity: 1, condition: 'resellable' }] });
    expect(lastReceived.status, lastReceived.text).toBe(200);
    const fee = UNIT / 10;
    const lastTotal = UNIT + tax / 3 - fee - label;
    expect(lastReceived.body.refund_breakdown).toEqual({ items: UNIT, tax: tax / 3, shipping: 0, restocking_fee: fee, return_label: label, total: lastTotal });
    current = await order(delivered.id);
    expect(current.status).toBe('returned');
    expect(current.lines[0]).toMatchObject({ quantity_shipped: 3, quantity_returned: 3 });
    expect((await events(delivered.id)).filter((e) => e.type === 'order.status_changed').at(-1)!.data).toMatchObject({ from: 'delivered', to: 'returned' });

    const lastRefund = await api().post(`/api/v1/returns/${last.id}/refund`, {});
    expect(lastRefund.status, lastRefund.text).toBe(200);
    await settle();
    current = await order(delivered.id);
    expect(current.payments[0]).toMatchObject({ status: 'partially_refunded', amount_refunded: total + lastTotal });
    expect((await server.viewer.get(`/api/v1/returns/${last.id}`)).body.status).toBe('closed');
    await expectMoneyAddsUp();
  });

  it('refunds goodwill under the captured cap: over it 409, two concurrent requests over it between them, one wins', async () => {
    const placed = await api().post('/api/v1/orders', orderBody([{ sku: 'MUG', quantity: 1 }], testPayment));
    expect(placed.status, placed.text).toBe(201);
    const id = placed.body.id as string;
    await drainJobs(server);
    // Nothing captured before shipment: nothing to refund.
    expectProblem(await api().post(`/api/v1/orders/${id}/refunds`, { amount: 100, reason: 'goodwill' }), 409, 'conflict');
    expect((await api().post(`/api/v1/orders/${id}/status`, { status: 'shipped' })).status).toBe(200);
    await drainJobs(server);
    const captured = (await order(id)).payments[0].amount_captured as number;
    expect(captured).toBe(placed.body.total);

    const over = expectProblem(await api().post(`/api/v1/orders/${id}/refunds`, { amount: captured + 1, reason: 'goodwill' }), 409, 'conflict');
    expect(over.refundable).toBe(captured);
    expectProblem(await api().post(`/api/v1/orders/${id}/refunds`, { amount: 0, reason: 'goodwill' }), 422, 'validation_failed');
    expectProblem(await api().post(`/api/v1/orders/${id}/refunds`, { amount: '100', reason: 'goodwill' }), 422, 'validation_failed');
    expectProblem(await api().post(`/api/v1/orders/${id}/refunds`, { amount: 100 }), 422, 'validation_failed');
    expectProblem(await api().post('/api/v1/orders/ord_nope/refunds', { amount: 100, reason: 'goodwill' }), 404, 'not_found');
    expectProblem(await server.viewer.post(`/api/v1/orders/${id}/refunds`, { amount: 100, reason: 'goodwill' }), 403, 'forbidden');

    const share = Math.ceil(captured * 0.6);
    const race = await Promise.all([1, 2].map((n) => api().post(`/api/v1/orders/${id}/refunds`, { amount: share, reason: `goodwill ${n}` })));
    expect(race.map((r) => r.status).sort()).toEqual([201, 409]);
    const won = race.find((r) => r.status === 201)!;
    expect(won.body).toMatchObject({ order_id: id, amount: share, status: 'pending', return_id: null, attempts: 1 });
    expectProblem(race.find((r) => r.status === 409)!, 409, 'conflict');

    // Replayed with its key: the same refund, not a second one.
    const key = { headers: { 'idempotency-key': `goodwill-${id}` } };
    const rest = await api().post(`/api/v1/orders/${id}/refunds`, { amount: captured - share, reason: 'the rest' }, key);
    expect(rest.status, rest.text).toBe(201);
    // Retried by the order's number: still the same order, so still a replay.
    const again = await api().post(`/api/v1/orders/${placed.body.number}/refunds`, { amount: captured - share, reason: 'the rest' }, key);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(rest.body.id);
    expectProblem(await api().post(`/api/v1/orders/${id}/refunds`, { amount: 1, reason: 'one more' }), 409, 'conflict');

    const listed = await server.viewer.get(`/api/v1/orders/${id}/refunds`);
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body.data.map((r: any) => r.id)).toEqual([won.body.id, rest.body.id]);
    expectProblem(await server.viewer.get('/api/v1/orders/ord_nope/refunds'), 404, 'not_found');
    expectProblem(await api().post(`/api/v1/refunds/${won.body.id}/retry`, {}), 409, 'invalid_transition');
    expectProblem(await api().post('/api/v1/refunds/rfd_nope/retry', {}), 404, 'not_found');

    await settle();
    const done = await order(id);
    expect(done.payment_status).toBe('refunded');
    expect(done.payments[0].amount_refunded).toBe(captured);
    expect(done.refunds.every((r: any) => r.status === 'succeeded' && typeof r.reference === 'string')).toBe(true);
    await expectMoneyAddsUp();
  });

  it('lets one of two concurrent refunds of a return win, and one of a return refund and a goodwill refund that do not both fit', async () => {
    const delivered = await deliveredOrder(2, testPayment);
    const first = await receivedReturn(delivered.id, [{ sku: 'MUG', quantity: 1, reason: 'defective' }]);
    const second = await receivedReturn(delivered.id, [{ sku: 'MUG', quantity: 1, reason: 'defective' }]);
    expect((await order(delivered.id)).status).toBe('returned');

    const twice = await Promise.all([1, 2].map(() => api().post(`/api/v1/returns/${first.id}/refund`, {})));
    expect(twice.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(twice.find((r) => r.status === 200)!.body.refunds).toHaveLength(1);

    // What is left captured is less than the second return's quote plus this goodwill refund.
    const captured = delivered.payments[0].amount_captured as number;
    const left = captured - first.refund_amount;
    const both = await Promise.all([
      api().post(`/api/v1/returns/${second.id}/refund`, {}),
      api().post(`/api/v1/orders/${delivered.id}/refunds`, { amount: left - second.refund_amount + 1, reason: 'goodwill' }),
    ]);
    expect(both.filter((r) => r.status === 200 || r.status === 201), both.map((r) => r.text).join('\n')).toHaveLength(1);
    expect(both.filter((r) => r.status === 409)).toHaveLength(1);
    expectProblem(both.find((r) => r.status === 409)!, 409, 'conflict');
    if (both[0].status === 409) {
      // The goodwill refund won: staff close the return without a refund.
      const closed = await api().post(`/api/v1/returns/${second.id}/close`, { note: 'refunded as goodwill instead' });
      expect(closed.status, closed.text).toBe(200);
      expect(closed.body).toMatchObject({ status: 'closed', refunds: [] });
    }
    await settle();
    const refunds = (await server.viewer.get(`/api/v1/orders/${delivered.id}/refunds`)).body.data as Array<{ amount: number; status: string }>;
    expect(refunds).toHaveLength(2);
    expect(refunds.reduce((n, r) => n + r.amount, 0)).toBeLessThanOrEqual(captured);
    expect((await server.viewer.get(`/api/v1/returns/${first.id}`)).body.status).toBe('closed');
    await expectMoneyAddsUp();
  });

  it('keeps a refund Stripe refuses failed and visible, and pays it once when retried under a fresh key', async () => {
    const delivered = await deliveredOrder(1, stripePayment);
    const intent = delivered.payments[0].reference as string;
    const ret = await receivedReturn(delivered.id, [{ sku: 'MUG', quantity: 1, reason: 'wrong_item' }]);

    // Stripe refuses refunds on a charge in a state it cannot refund (a dispute under way, say):
    // the fake has no disputes, so the test holds its PaymentIntent in such a state for one call.
    const live = stripe.paymentIntent(intent)!;
    live.status = 'requires_capture';
    const refunding = await api().post(`/api/v1/returns/${ret.id}/refund`, {});
    expect(refunding.status, refunding.text).toBe(200);
    await drainJobs(server);
    live.status = 'succeeded';

    let view = (await server.viewer.get(`/api/v1/returns/${ret.id}`)).body;
    expect(view).toMatchObject({ status: 'refunded', refunded_amount: 0, refunds: [{ status: 'failed', failure_code: 'payment_intent_unexpected_state', attempts: 1 }] });
    const refundId = view.refunds[0].id as string;
    let current = await order(delivered.id);
    // (The order view's attention shows {reason, since}; which refund it is about is on the timeline.)
    expect(current.attention).toMatchObject({ reason: 'refund_failed' });
    expect((await events(delivered.id)).find((e) => e.type === 'order.attention_raised')!.data).toMatchObject({ reason: 'refund_failed', refund_id: refundId });
    expect(current.refunds).toEqual([expect.objectContaining({ id: refundId, status: 'failed' })]);
    expect(current.payments[0]).toMatchObject({ status: 'captured', amount_refunded: 0 });
    expect((await events(delivered.id)).map((e) => e.type)).toContain('refund.failed');
    // Still owed: the return cannot be closed, and the failed refund still holds its money.
    expectProblem(await api().post(`/api/v1/returns/${ret.id}/close`, {}), 409, 'conflict');
    expect(expectProblem(await api().post(`/api/v1/orders/${delivered.id}/refunds`, { amount: delivered.total - ret.refund_amount + 1, reason: 'goodwill' }), 409, 'conflict').refundable).toBe(
      delivered.total - ret.refund_amount,
    );

    const retried = await api().post(`/api/v1/refunds/${refundId}/retry`, {});
    expect(retried.status, retried.text).toBe(200);
    expect(retried.body).toMatchObject({ id: refundId, status: 'pending', attempts: 2, return_id: ret.id });
    expect((await order(delivered.id)).attention).toBeNull();
    await settle();

    view = (await server.viewer.get(`/api/v1/returns/${ret.id}`)).body;
    expect(view).toMatchObject({ status: 'closed', refunded_amount: ret.refund_amount, refunds: [{ id: refundId, status: 'succeeded', reference: expect.stringMatching(/^re_/), attempts: 2 }] });
    current = await order(delivered.id);
    expect(current.payments[0]).toMatchObject({ amount_refunded: ret.refund_amount });
    expect(stripe.counts().byPaymentIntent[intent]?.refunds).toBe(1);
    const keys = stripe.requests().filter((r) => r.path === '/v1/refunds' && r.params.payment_intent === intent).map((r) => r.idempotencyKey);
    expect([...new Set(keys)]).toEqual([refundId, `${refundId}:2`]);
    await expectMoneyAddsUp();
  });
});
