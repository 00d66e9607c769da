/**
 * The whole loop back, over real HTTP on both databases: a customer's order paid with Stripe (a local
 * server speaking its API) is delivered by the sim carrier; the customer asks from the portal to
 * return one unit (damaged: the shop's fault) and exchange another for a larger size; staff approve
 * (a sim return label, a replacement order at no charge with its stock reserved at once); the sim
 * carries the parcel back (the return follows its tracking); staff receive it (one damaged unit
 * written off, one back on the shelf); the refund goes through Stripe and closes the return; a
 * second return of the last unit (the customer's reason: restocking fee and the label's cost taken
 * off, paid with the test provider's order) brings the whole order back: `returned`. Every step is
 * on the timeline and told to the customer once; the ledger equals stock and money adds up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerMismatches } from '../../src/inventory/index.js';
import { testDialects } from '../support/databases.js';
import type { FakeStripe } from '../support/fake-stripe.js';
import { addStock, createProduct, createWarehouse, orderBody } from '../support/fixtures.js';
import { drainJobs } from '../support/jobs.js';
import type { TestServer } from '../support/server.js';
import { registerCustomer, signInCustomer, type CustomerSession } from '../support/sessions.js';
import { UNEVENTFUL_SIM } from '../support/sim-env.js';
import { startStripeServer, type StripeServer } from '../support/stripe-server.js';

const EMAIL = 'returns-loop@example.com';
const seattle = { name: 'Ada Lovelace', line1: '400 Broad St', line2: null, city: 'Seattle', region: 'WA', postal_code: '98109', country: 'US' };

describe.each(testDialects())('the return loop on %s', (dialect) => {
  let running: StripeServer;
  let stripe: FakeStripe;
  let server: TestServer;
  let customer: CustomerSession;

  beforeAll(async () => {
    running = await startStripeServer(dialect, {
      ...UNEVENTFUL_SIM,
      WAYBILL_SHIPPING_FEE: '900',
      WAYBILL_TAX_RATE_BPS: '1000',
      WAYBILL_RESTOCKING_FEE_PERCENT: '10',
    });
    ({ server, stripe } = running);
    await createWarehouse(server.admin, 'DAL', 'Dallas', 'TX');
    await createProduct(server.admin, 'MUG', { unit_price: 2000, length_mm: 120, width_mm: 90, height_mm: 100, weight_grams: 350 });
    await createProduct(server.admin, 'TEE-M', { unit_price: 3000, weight_grams: 200 });
    await createProduct(server.admin, 'TEE-L', { unit_price: 3000, weight_grams: 220 });
    for (const sku of ['MUG', 'TEE-M', 'TEE-L']) await addStock(server.admin, sku, 'DAL', 10);
    customer = await registerCustomer(server, EMAIL);
  });
  afterAll(async () => {
    await running?.close();
  });

  const order = async (id: string) => (await server.viewer.get(`/api/v1/orders/${id}`)).body;
  const timeline = async (id: string) => ((await server.viewer.get(`/api/v1/orders/${id}/events`)).body.data as Array<{ type: string; data: any }>).map((e) => e.type);
  const stock = async (sku: string) => (await server.viewer.get(`/api/v1/inventory?sku=${sku}`)).body.data.find((r: any) => r.warehouse === 'DAL');
  const returnOf = async (id: string) => (await server.viewer.get(`/api/v1/returns/${id}`)).body;
  const messages = async (orderId: string) => ((await server.admin.get(`/api/v1/notifications?order_id=${orderId}&limit=200`)).body.data as Array<{ template: string; channel: string; to: string }>).filter((m) => m.channel === 'email');

  /** Moves the test clock on in steps, running the worker (and so the sim's pushes) at each. */
  async function travelUntil(done: () => Promise<boolean>, step = 3_600_000, most = 24 * 14) {
    for (let i = 0; i < most; i++) {
      if (await done()) return;
      server.clock.advance(step);
      await drainJobs(server);
    }
    throw new Error('the journey did not end');
  }

  async function deliveredOrder(lines: Array<{ sku: string; quantity: number }>, payment: Record<string, unknown>) {
    const placed = await server.operator.post('/api/v1/orders', orderBody(lines, { customer: { email: EMAIL, name: 'Ada Lovelace', phone: null }, shipping_address: seattle, payment }));
    expect(placed.status, placed.text).toBe(201);
    await drainJobs(server);
    await travelUntil(async () => (await order(placed.body.id)).status === 'delivered');
    return order(placed.body.id);
  }

  it('takes an order back through the portal, the sim carrier, the ledger and Stripe', async () => {
    const delivered = await deliveredOrder(
      [
        { sku: 'MUG', quantity: 2 },
        { sku: 'TEE-M', quantity: 1 },
      ],
      { provider: 'stripe', token: 'pm_card_visa' },
    );
    expect(delivered.payments[0]).toMatchObject({ provider: 'stripe', status: 'captured', amount_captured: delivered.total });
    const mugBefore = await stock('MUG');
    // Days went by on the test clock: the customer signs in again.
    customer = await signInCustomer(server, EMAIL);

    // The customer asks from the portal: one mug arrived damaged, the T-shirt is too small.
    const asked = await customer.request('POST', `/portal/orders/${delivered.id}/returns`, {
      lines: [
        { sku: 'MUG', quantity: 1, reason: 'damaged' },
        { sku: 'TEE-M', quantity: 1, reason: 'wrong_size', exchange_sku: 'TEE-L' },
      ],
      comment: 'The handle came off; the shirt is too small.',
    });
    expect(asked.status, asked.text).toBe(201);
    expect(asked.body).toMatchObject({ order_id: delivered.id, status: 'requested', requested_by: 'customer' });
    // The damaged mug: its price, its share of the tax, and of the shipping (the shop's fault).
    expect(asked.body.refund_breakdown).toMatchObject({ items: 2000, tax: 200, restocking_fee: 0, return_label: 0 });
    expect(asked.body.refund_breakdown.shipping).toBe(Math.round((900 * 2000) / delivered.subtotal));
    const returnId = asked.body.id as string;
    expect((await customer.request('GET', '/portal/returns')).body.data.map((r: any) => r.id)).toContain(returnId);

    // Staff approve: a sim return label, and the larger T-shirt reserved for a replacement order.
    const tees = await stock('TEE-L');
    const approved = await server.operator.post(`/api/v1/returns/${returnId}/approve`, {});
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', shipment: { carrier: 'sim', label_state: 'purchased' }, exchange_order_id: expect.stringMatching(/^ord_/) });
    const label = await customer.request('GET', `/portal/returns/${returnId}/label.pdf`);
    expect(label.headers.get('content-type')).toBe('application/pdf');
    expect(label.status).toBe(200);
    expect(label.text.startsWith('%PDF-')).toBe(true);
    const replacement = await order(approved.body.exchange_order_id);
    expect(replacement).toMatchObject({ total: 0, lines: [expect.objectContaining({ sku: 'TEE-L', quantity: 1, unit_price: 0 })] });
    expect((await stock('TEE-L')).reserved).toBe(tees.reserved + 1);

    // The sim carries the parcel back to Dallas; the return follows it.
    await travelUntil(async () => (await returnOf(returnId)).shipment.status === 'delivered');
    expect((await returnOf(returnId)).status).toBe('in_transit');
    expect((await order(delivered.id)).status).toBe('delivered');

    // Staff receive it: the mug is broken (written off), the T-shirt goes back on the shelf.
    const teeM = await stock('TEE-M');
    const received = await server.operator.post(`/api/v1/returns/${returnId}/receive`, {
      lines: [
        { sku: 'MUG', quantity: 1, condition: 'damaged' },
        { sku: 'TEE-M', quantity: 1, condition: 'resellable' },
      ],
    });
    expect(received.status, received.text).toBe(200);
    expect(received.body.status).toBe('received');
    expect((await stock('MUG')).on_hand).toBe(mugBefore.on_hand);
    expect((await stock('TEE-M')).on_hand).toBe(teeM.on_hand + 1);
    const movements = (await server.viewer.get('/api/v1/inventory/movements?sku=MUG')).body.data.map((m: any) => m.kind);
    expect(movements).toEqual(expect.arrayContaining(['return', 'write_off']));

    // The refund goes through Stripe, once, and closes the return.
    const refundsAtStripe = stripe.counts().refunds;
    const refunded = await server.operator.post(`/api/v1/returns/${returnId}/refund`, {});
    expect(refunded.status, refunded.text).toBe(200);
    expect(refunded.body.status).toBe('refunded');
    await drainJobs(server);
    const closed = await returnOf(returnId);
    expect(closed).toMatchObject({ status: 'closed', refunded_amount: asked.body.refund_amount });
    expect(closed.refunds).toEqual([expect.objectContaining({ status: 'succeeded', reference: expect.stringMatching(/^re_/) })]);
    expect(stripe.counts().refunds - refundsAtStripe).toBe(1);
    const afterRefund = await order(delivered.id);
    expect(afterRefund.payments[0]).toMatchObject({ status: 'partially_refunded', amount_refunded: asked.body.refund_amount });
    expect(afterRefund.lines.map((l: any) => [l.sku, l.quantity_returned])).toEqual([
      ['MUG', 1],
      ['TEE-M', 1],
    ]);

    // The last mug comes back too (the customer's reason): the whole order is back.
    const second = await server.operator.post('/api/v1/returns', { order_id: delivered.number, lines: [{ sku: 'MUG', quantity: 1, reason: 'changed_mind' }] });
    expect(second.status, second.text).toBe(201);
    expect((await server.operator.post(`/api/v1/returns/${second.body.id}/approve`, {})).status).toBe(200);
    const secondApproved = await returnOf(second.body.id);
    const labelCost = secondApproved.shipment.amount as number;
    expect(secondApproved.refund_breakdown).toMatchObject({ items: 2000, tax: 200, shipping: 0, restocking_fee: 200, return_label: labelCost });
    expect((await server.operator.post(`/api/v1/returns/${second.body.id}/receive`, { lines: [{ sku: 'MUG', quantity: 1, condition: 'resellable' }] })).status).toBe(200);
    expect((await server.operator.post(`/api/v1/returns/${second.body.id}/refund`, {})).status).toBe(200);
    await drainJobs(server);
    const back = await order(delivered.id);
    expect(back.status).toBe('returned');
    expect(back.payments[0].amount_refunded).toBe(asked.body.refund_amount + 2000 + 200 - 200 - labelCost);
    expect(back.payments[0].amount_refunded).toBeLessThanOrEqual(back.payments[0].amount_captured);

    const steps = await timeline(delivered.id);
    for (const type of ['return.requested', 'return.approved', 'return.exchange_placed', 'return.in_transit', 'return.received', 'refund.requested', 'refund.succeeded', 'return.closed']) {
      expect(steps, type).toContain(type);
    }
    // Told once each: never the outbound "shipped" or "delivered" again for the parcel coming back.
    const sent = (await messages(delivered.id)).map((m) => m.template);
    const count = (t: string) => sent.filter((s) => s === t).length;
    expect(count('return_requested')).toBe(2);
    expect(count('return_approved')).toBe(2);
    expect(count('return_received')).toBe(2);
    expect(count('refund_issued')).toBe(2);
    expect(count('shipped')).toBe(1);
    expect(count('delivered')).toBe(1);
    expect(await ledgerMismatches(server.deps.db)).toEqual([]);
  });

  it('refunds a test-provider order for a return staff start, and never past what was captured', async () => {
    const delivered = await deliveredOrder([{ sku: 'MUG', quantity: 1 }], { provider: 'test', token: 'tok_visa' });
    const asked = await server.operator.post('/api/v1/returns', { order_id: delivered.id, lines: [{ sku: 'MUG', quantity: 1, reason: 'defective' }] });
    expect(asked.status, asked.text).toBe(201);
    expect((await server.operator.post(`/api/v1/returns/${asked.body.id}/approve`, {})).status).toBe(200);
    expect((await server.operator.post(`/api/v1/returns/${asked.body.id}/receive`, { lines: [{ sku: 'MUG', quantity: 1, condition: 'resellable' }] })).status).toBe(200);
    // Staff refund it all, and at the same moment try a goodwill refund of the whole order: one wins.
    const [byReturn, goodwill] = await Promise.all([
      server.operator.post(`/api/v1/returns/${asked.body.id}/refund`, {}),
      server.operator.post(`/api/v1/orders/${delivered.id}/refunds`, { amount: delivered.total, reason: 'goodwill' }),
    ]);
    const won = [byReturn.status === 200, goodwill.status === 201].filter(Boolean).length;
    expect(won, `${byReturn.text} / ${goodwill.text}`).toBe(1);
    expect([byReturn.status, goodwill.status]).toContain(409);
    await drainJobs(server);
    const after = await order(delivered.id);
    const succeeded = after.refunds.filter((r: any) => r.status === 'succeeded');
    expect(succeeded).toHaveLength(1);
    expect(succeeded[0].reference).toEqual(expect.any(String));
    expect(after.payments[0].amount_refunded).toBeLessThanOrEqual(after.payments[0].amount_captured);
    expect(after.payments[0].amount_refunded).toBe(succeeded[0].amount);
    expect(await ledgerMismatches(server.deps.db)).toEqual([]);
  });
});
