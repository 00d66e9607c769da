/**
 * A return's parcel is tracked like any shipment (the sim carrier's signed webhooks, on both
 * databases) but travels to the shop: its first moving scan takes the return to `in_transit`, its
 * delivery at the warehouse is on the timeline (receipt stays a person's act), and it ships none of
 * the order's lines, moves neither the order's status nor its attention, and sends the customer no
 * "shipped" / "out for delivery" / "delivered" message. Every step of the return is one message:
 * requested, approved (with the label), rejected (with the reason), received (with the refund).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerMismatches } from '../../src/inventory/index.js';
import { testDialects } from '../support/databases.js';
import { addStock, createProduct, createWarehouse, orderBody } from '../support/fixtures.js';
import { drainJobs } from '../support/jobs.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { UNEVENTFUL_SIM } from '../support/sim-env.js';

describe.each(testDialects())('return tracking and return messages on %s', (dialect) => {
  let server: TestServer;
  const delivered: any[] = [];

  const orderOf = async (id: string) => (await server.viewer.get(`/api/v1/orders/${id}`)).body;
  const returnOf = async (id: string) => (await server.viewer.get(`/api/v1/returns/${id}`)).body;
  const shipmentOf = async (id: string) => (await server.viewer.get(`/api/v1/shipments/${id}`)).body;
  const events = async (id: string) => (await server.viewer.get(`/api/v1/orders/${id}/events?limit=200`)).body.data as Array<{ type: string; data: any }>;
  const notes = async (id: string) => (await server.viewer.get(`/api/v1/notifications?order_id=${id}&limit=200`)).body.data as Array<{ id: string; template: string; channel: string }>;
  const countBy = (list: Array<{ template: string; channel: string }>) => {
    const counts: Record<string, number> = {};
    for (const n of list) counts[`${n.channel}:${n.template}`] = (counts[`${n.channel}:${n.template}`] ?? 0) + 1;
    return counts;
  };
  const textOf = async (notificationId: string) => (await server.viewer.get(`/api/v1/notifications/${notificationId}`)).body.text as string;

  /** Moves the clock on in steps, running the worker (and so the sim's pushes), until `done`. */
  async function travelUntil(done: () => Promise<boolean>, steps = 80) {
    for (let i = 0; i < steps && !(await done()); i++) {
      server.clock.advance(20_000);
      await drainJobs(server);
    }
    expect(await done()).toBe(true);
  }

  beforeAll(async () => {
    server = await startTestServer(dialect, { ...UNEVENTFUL_SIM });
    await createWarehouse(server.admin, 'DAL', 'Dallas', 'TX');
    await createProduct(server.admin, 'MUG', { name: 'Enamel mug', unit_price: 2000, length_mm: 120, width_mm: 90, height_mm: 100, weight_grams: 350 });
    await addStock(server.admin, 'MUG', 'DAL', 100);
    for (let i = 0; i < 2; i++) {
      const res = await server.operator.post('/api/v1/orders', orderBody([{ sku: 'MUG', quantity: 2 }], { shipping: { strategy: 'fastest', carrier: null, service: null } }));
      expect(res.status, res.text).toBe(201);
      delivered.push(res.body);
    }
    await drainJobs(server);
    // The customer also takes texts, so that a wrong SMS would show too.
    const customerId = (await orderOf(delivered[0].id)).customer.id;
    const prefs = await server.operator.put(`/api/v1/customers/${customerId}/preferences`, { sms: { shipped: true, out_for_delivery: true, delivered: true, delivery_delayed: true, delivery_exception: true, return_approved: true, return_received: true } });
    expect(prefs.status, prefs.text).toBe(200);
    await travelUntil(async () => (await Promise.all(delivered.map((o) => orderOf(o.id)))).every((o) => o.status === 'delivered'));
  }, 240_000);
  afterAll(async () => server?.close());

  it('moves the return with its parcel, tells the customer of each return step once and of none of the parcel’s', async () => {
    const order = delivered[0];
    const before = await orderOf(order.id);
    const outboundMessages = countBy(await notes(order.id));
    expect(outboundMessages['email:delivered']).toBe(1);

    const asked = await server.operator.post('/api/v1/returns', { order_id: order.id, lines: [{ sku: 'MUG', quantity: 1, reason: 'damaged' }], comment: 'chipped' });
    expect(asked.status, asked.text).toBe(201);
    const approved = await server.operator.post(`/api/v1/returns/${asked.body.id}/approve`, {});
    expect(approved.status, approved.text).toBe(200);
    const shipmentId = approved.body.shipment.id;
    expect(await shipmentOf(shipmentId)).toMatchObject({ kind: 'return', status: 'label_created', label_state: 'purchased' });
    await drainJobs(server);

    let messages = await notes(order.id);
    expect(countBy(messages)).toMatchObject({ 'email:return_requested': 1, 'email:return_approved': 1 });
    const requested = await textOf(messages.find((n) => n.template === 'return_requested')!.id);
    expect(requested).toContain('Enamel mug (MUG) x 1 - Arrived damaged');
    expect(requested).toContain('What happens next');
    const approval = await textOf(messages.find((n) => n.template === 'return_approved' && n.channel === 'email')!.id);
    expect(approval).toContain(`/portal/returns/${asked.body.id}/label.pdf`);

    // The parcel's first moving scan: the return is on its way.
    await travelUntil(async () => (await returnOf(asked.body.id)).status === 'in_transit');
    let timeline = await events(order.id);
    expect(timeline.filter((e) => e.type === 'return.in_transit').map((e) => e.data)).toEqual([expect.objectContaining({ return_id: asked.body.id, shipment_id: shipmentId })]);

    // Then delivery at the warehouse: on the timeline, but receipt waits for a person.
    await travelUntil(async () => (await shipmentOf(shipmentId)).status === 'delivered');
    const parcel = await shipmentOf(shipmentId);
    expect(parcel).toMatchObject({ kind: 'return', status: 'delivered', shipped_at: expect.any(String), delivered_at: expect.any(String), attention: null, next_poll_at: null });
    expect(parcel.events.length).toBeGreaterThan(2);
    expect((await returnOf(asked.body.id)).status).toBe('in_transit');
    timeline = await events(order.id);
    expect(timeline.filter((e) => e.type === 'return.delivered_to_warehouse').map((e) => e.data)).toEqual([{ return_id: asked.body.id, shipment_id: shipmentId }]);
    expect(timeline.filter((e) => e.type === 'return.in_transit')).toHaveLength(1);
    // Its timeline events say whose they are.
    const parcelEvents = timeline.filter((e) => ['tracking.event', 'shipment.status_changed'].includes(e.type) && e.data.shipment_id === shipmentId);
    expect(parcelEvents.length).toBeGreaterThan(2);
    for (const e of parcelEvents) expect(e.data).toMatchObject({ kind: 'return', return_id: asked.body.id });
    expect(timeline.some((e) => e.type === 'shipment.shipped' && e.data.shipment_id === shipmentId)).toBe(false);

    // The order is as it was: delivered, nothing shipped again, no attention.
    const after = await orderOf(order.id);
    expect(after).toMatchObject({ status: 'delivered', attention: null });
    expect(after.lines.map((l: any) => l.quantity_shipped)).toEqual(before.lines.map((l: any) => l.quantity_shipped));
    messages = await notes(order.id);
    const counts = countBy(messages);
    for (const template of ['shipped', 'out_for_delivery', 'delivered', 'delivery_delayed', 'delivery_exception']) {
      for (const channel of ['email', 'sms']) expect(counts[`${channel}:${template}`] ?? 0, `${channel}:${template}`).toBe(outboundMessages[`${channel}:${template}`] ?? 0);
    }
    expect(messages.filter((n: any) => n.shipment_id === shipmentId)).toEqual([]);
    expect(await ledgerMismatches(server.deps.db)).toEqual([]);

    // A person receives it: one message with what arrived and the refund to expect.
    const received = await server.operator.post(`/api/v1/returns/${asked.body.id}/receive`, { lines: [{ sku: 'MUG', quantity: 1, condition: 'resellable' }] });
    expect(received.status, received.text).toBe(200);
    await drainJobs(server);
    messages = await notes(order.id);
    expect(countBy(messages)).toMatchObject({ 'email:return_requested': 1, 'email:return_approved': 1, 'email:return_received': 1 });
    const receipt = await textOf(messages.find((n) => n.template === 'return_received' && n.channel === 'email')!.id);
    expect(receipt).toContain('Enamel mug (MUG) x 1');
    expect(received.body.refund_amount).toBeGreaterThan(0);
    expect(receipt).toContain(`We are refunding $${(received.body.refund_amount / 100).toFixed(2)}`);
    expect(await ledgerMismatches(server.deps.db)).toEqual([]);
  });

  it('tells the customer once why a return was rejected', async () => {
    const order = delivered[1];
    const asked = await server.operator.post('/api/v1/returns', { order_id: order.id, lines: [{ sku: 'MUG', quantity: 2, reason: 'changed_mind' }] });
    expect(asked.status, asked.text).toBe(201);
    const rejected = await server.operator.post(`/api/v1/returns/${asked.body.id}/reject`, { reason: 'The mugs were used' });
    expect(rejected.status, rejected.text).toBe(200);
    await drainJobs(server);
    await drainJobs(server);
    const messages = (await notes(order.id)).filter((n) => n.template === 'return_rejected');
    expect(messages.map((n) => n.channel)).toEqual(['email']);
    const text = await textOf(messages[0]!.id);
    expect(text).toContain('Why: The mugs were used');
    expect(text).toContain('Enamel mug (MUG) x 2 - Changed my mind');
    expect((await orderOf(order.id)).status).toBe('delivered');
  });
});
