/**
 * Cancellations before shipment (issue 7, item 4) over real HTTP with the sim carrier and the test
 * payment provider: the stock goes back through the ledger, the payment is voided, the customer is
 * told once, and a label already bought is voided — only the labels of parcels the cancellation
 * left with nothing to carry. After a parcel left, cancelling answers 409 with a hint to start a
 * return; a carrier scan racing the cancellation ships nothing released and asks for a person.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerMismatches } from '../../src/inventory/index.js';
import { CarrierError } from '../../src/shipping/index.js';
import { signSimPayload } from '../../src/shipping/carriers/sim/index.js';
import { testDialects } from '../support/databases.js';
import { addStock, createProduct, createWarehouse, orderBody, stockOf } from '../support/fixtures.js';
import { drainJobs } from '../support/jobs.js';
import { expectProblem } from '../support/problems.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { UNEVENTFUL_SIM } from '../support/sim-env.js';

const SECRET = 'whsec_test_sim_secret';
const paid = { payment: { provider: 'test', token: 'tok_visa' } };

describe.each(testDialects())('cancellations on %s', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(dialect, { WAYBILL_SIM_WEBHOOK_SECRET: SECRET, ...UNEVENTFUL_SIM });
    const api = server.admin;
    await createWarehouse(api, 'DAL', 'Dallas', 'TX');
    await createWarehouse(api, 'EWR', 'Newark', 'NJ');
    await createProduct(api, 'MUG', { unit_price: 1999, length_mm: 120, width_mm: 90, height_mm: 100, weight_grams: 350 });
    // CUP ships only from Dallas and HAT only from Newark: an order of both is two parcels.
    await createProduct(api, 'CUP', { unit_price: 900, length_mm: 100, width_mm: 90, height_mm: 90, weight_grams: 250 });
    await createProduct(api, 'HAT', { unit_price: 2500, length_mm: 300, width_mm: 250, height_mm: 120, weight_grams: 200 });
    await addStock(api, 'MUG', 'DAL', 500);
    await addStock(api, 'CUP', 'DAL', 500);
    await addStock(api, 'HAT', 'EWR', 500);
  });
  afterAll(async () => server?.close());

  async function readyToShip(lines: Array<{ sku: string; quantity: number }>) {
    const res = await server.operator.post('/api/v1/orders', orderBody(lines, paid));
    expect(res.status, res.text).toBe(201);
    await drainJobs(server);
    const order = await orderOf(res.body.id);
    expect(order.status).toBe('ready_to_ship');
    return order;
  }
  const orderOf = async (id: string) => (await server.viewer.get(`/api/v1/orders/${id}`)).body;
  const shipmentOf = async (id: string) => (await server.viewer.get(`/api/v1/shipments/${id}`)).body;
  const events = async (id: string) => (await server.viewer.get(`/api/v1/orders/${id}/events`)).body.data as Array<{ type: string; data: any }>;
  const notes = async (id: string) => (await server.viewer.get(`/api/v1/notifications?order_id=${id}&limit=200`)).body.data as Array<{ template: string; channel: string }>;
  const cancel = (id: string, body: Record<string, unknown>) => server.operator.post(`/api/v1/orders/${id}/cancel`, body);
  const reservedOf = async (sku: string) => (await stockOf(server.viewer, sku)).reduce((n, r) => n + r.reserved, 0);

  function simScan(trackingNumber: string, id: string) {
    const body = JSON.stringify({
      delivery_id: `scan-${id}`,
      tracking_number: trackingNumber,
      estimated_delivery: '2026-11-30T19:00:00.000Z',
      events: [{ id: `${trackingNumber}-${id}`, code: 'PU', description: 'Picked up', occurred_at: server.clock.now().toISOString(), location: { city: 'Dallas', region: 'TX', postal_code: null, country: 'US' } }],
    });
    return server.anonymous.request('POST', '/webhooks/carriers/sim', { raw: body, headers: { 'content-type': 'application/json', 'x-sim-signature': signSimPayload(SECRET, body, server.clock.now()) } });
  }

  it('a whole cancellation of a ready-to-ship order voids its label and payment, releases the stock and tells the customer once', async () => {
    const reservedBefore = await reservedOf('MUG');
    const order = await readyToShip([{ sku: 'MUG', quantity: 2 }]);
    expect(order.payment_status).toBe('authorized');
    expect(await reservedOf('MUG')).toBe(reservedBefore + 2);
    const [shipment] = order.shipments;
    expect(shipment).toMatchObject({ status: 'label_created', label_url: expect.any(String) });

    const res = await cancel(order.id, { reason: 'customer changed their mind' });
    expect(res.status, res.text).toBe(200);
    expect(res.body.status).toBe('cancelled');
    await drainJobs(server);

    const after = await orderOf(order.id);
    expect(after).toMatchObject({ status: 'cancelled', payment_status: 'voided', attention: null });
    expect(after.lines[0]).toMatchObject({ quantity_cancelled: 2, quantity_shipped: 0 });
    expect(await shipmentOf(shipment.id)).toMatchObject({ status: 'cancelled', label_state: 'voided', label_url: null, next_poll_at: null });
    const timeline = await events(order.id);
    const types = timeline.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['order.cancelled', 'payment.voided', 'shipment.label_voided']));
    expect(timeline.find((e) => e.type === 'shipment.label_voided')!.data).toMatchObject({ shipment_id: shipment.id, carrier: 'sim', tracking_number: shipment.tracking_number });
    expect(timeline.find((e) => e.type === 'shipment.status_changed' && e.data.to === 'cancelled')!.data).toMatchObject({ shipment_id: shipment.id, from: 'label_created' });
    expect(await reservedOf('MUG')).toBe(reservedBefore);
    expect(await ledgerMismatches(server.deps.db)).toEqual([]);
    expect((await notes(order.id)).filter((n) => n.template === 'cancellation')).toEqual([expect.objectContaining({ channel: 'email' })]);

    // The voided parcel never travels: hours later the sim has pushed nothing for it.
    for (let i = 0; i < 3; i++) {
      server.clock.advance(60_000);
      await drainJobs(server);
    }
    expect((await shipmentOf(shipment.id)).events).toEqual([]);
    expect((await orderOf(order.id)).status).toBe('cancelled');
    expect((await notes(order.id)).filter((n) => n.template === 'cancellation')).toHaveLength(1);
  });

  it('a partial cancellation voids only the parcel it left with nothing to carry', async () => {
    const order = await readyToShip([
      { sku: 'CUP', quantity: 1 },
      { sku: 'HAT', quantity: 1 },
    ]);
    expect(order.shipments).toHaveLength(2);
    const shipments = await Promise.all(order.shipments.map((s: any) => shipmentOf(s.id)));
    const dallas = shipments.find((s) => s.warehouse === 'DAL')!;
    const newark = shipments.find((s) => s.warehouse === 'EWR')!;

    const res = await cancel(order.id, { lines: [{ sku: 'HAT', quantity: 1 }], reason: 'out of season' });
    expect(res.status, res.text).toBe(200);
    await drainJobs(server);

    expect(await shipmentOf(newark.id)).toMatchObject({ status: 'cancelled', label_state: 'voided' });
    expect(await shipmentOf(dallas.id)).toMatchObject({ status: 'label_created', label_state: 'purchased' });
    const after = await orderOf(order.id);
    expect(after).toMatchObject({ status: 'ready_to_ship', payment_status: 'authorized', attention: null });
    expect(after.lines.find((l: any) => l.sku === 'HAT')).toMatchObject({ quantity_cancelled: 1 });
    const voided = (await events(order.id)).filter((e) => e.type === 'shipment.label_voided');
    expect(voided.map((e) => e.data.shipment_id)).toEqual([newark.id]);
    expect((await notes(order.id)).filter((n) => n.template === 'cancellation')).toHaveLength(1);
    expect(await ledgerMismatches(server.deps.db)).toEqual([]);

    // The rest still ships on its label.
    const handover = await server.operator.post(`/api/v1/shipments/${dallas.id}/events`, { status: 'in_transit', location: { city: 'Dallas', region: 'TX', country: 'US' } });
    expect(handover.status, handover.text).toBe(201);
    expect((await orderOf(order.id)).status).toBe('in_transit');
    expect(await ledgerMismatches(server.deps.db)).toEqual([]);
  });

  it('a partial cancellation that leaves units in the parcel keeps its label', async () => {
    const order = await readyToShip([{ sku: 'MUG', quantity: 2 }]);
    const [shipment] = order.shipments;
    const res = await cancel(order.id, { lines: [{ sku: 'MUG', quantity: 1 }], reason: 'only one wanted' });
    expect(res.status, res.text).toBe(200);
    await drainJobs(server);
    // The parcel keeps its label and now carries the one unit left.
    expect(await shipmentOf(shipment.id)).toMatchObject({ status: 'label_created', label_state: 'purchased', lines: [{ sku: 'MUG', quantity: 1 }] });
    const timeline = await events(order.id);
    expect(timeline.map((e) => e.type)).not.toContain('shipment.label_voided');
    expect(timeline.find((e) => e.type === 'shipment.lines_changed')!.data).toMatchObject({ shipment_id: shipment.id, lines: [{ sku: 'MUG', quantity: 1 }], was: [{ sku: 'MUG', quantity: 2 }] });
    expect((await orderOf(order.id)).status).toBe('ready_to_ship');
    // It leaves with the one unit still reserved.
    await server.operator.post(`/api/v1/shipments/${shipment.id}/events`, { status: 'in_transit', location: { city: 'Dallas', region: 'TX', country: 'US' } });
    const after = await orderOf(order.id);
    expect(after.lines[0]).toMatchObject({ quantity: 2, quantity_cancelled: 1, quantity_shipped: 1 });
    expect(after.attention).toBeNull();
    expect(await ledgerMismatches(server.deps.db)).toEqual([]);
  });

  it('after the parcel left, refuses with 409 and a hint to start a return', async () => {
    const order = await readyToShip([{ sku: 'MUG', quantity: 1 }]);
    const handover = await server.operator.post(`/api/v1/shipments/${order.shipments[0].id}/events`, { status: 'in_transit', location: { city: 'Dallas', region: 'TX', country: 'US' } });
    expect(handover.status, handover.text).toBe(201);
    for (const body of [{ reason: 'too late' }, { reason: 'too late', lines: [{ sku: 'MUG', quantity: 1 }] }]) {
      const problem = expectProblem(await cancel(order.id, body), 409, 'invalid_transition');
      expect(problem).toMatchObject({ from: 'in_transit', to: 'cancelled', allowed: [], hint: expect.stringContaining('return') });
      expect(problem.detail).toContain('Start a return');
    }
    await drainJobs(server);
    expect(await shipmentOf(order.shipments[0].id)).toMatchObject({ status: 'in_transit', label_state: 'purchased' });
    expect((await orderOf(order.id)).status).toBe('in_transit');
  });

  it('a first scan racing the cancellation ships nothing released and asks for a person; the parcel that left is not voided', async () => {
    const order = await readyToShip([{ sku: 'MUG', quantity: 1 }]);
    const [s] = order.shipments;
    expect((await cancel(order.id, { reason: 'customer changed their mind' })).status).toBe(200);
    const res = await simScan(s.tracking_number, 'race');
    expect(res.status, res.text).toBe(200);
    await drainJobs(server);
    const after = await orderOf(order.id);
    expect(after.status).toBe('cancelled');
    expect(after.attention).toMatchObject({ reason: 'shipped_without_reservation', shipment_id: s.id });
    expect(after.lines[0].quantity_shipped).toBe(0);
    expect(await shipmentOf(s.id)).toMatchObject({ status: 'in_transit', label_state: 'purchased', shipped_at: expect.any(String) });
    expect((await events(order.id)).map((e) => e.type)).not.toContain('shipment.label_voided');
    expect(await ledgerMismatches(server.deps.db)).toEqual([]);
  });

  it('a scan of a label voided after the cancellation still ships nothing and asks for a person', async () => {
    const order = await readyToShip([{ sku: 'MUG', quantity: 1 }]);
    const [s] = order.shipments;
    expect((await cancel(order.id, { reason: 'customer changed their mind' })).status).toBe(200);
    await drainJobs(server);
    expect(await shipmentOf(s.id)).toMatchObject({ status: 'cancelled', label_state: 'voided' });
    expect((await simScan(s.tracking_number, 'after-void')).status).toBe(200);
    const after = await orderOf(order.id);
    expect(after).toMatchObject({ status: 'cancelled', attention: { reason: 'shipped_without_reservation', shipment_id: s.id } });
    expect(after.lines[0].quantity_shipped).toBe(0);
    // A cancelled parcel stays cancelled: the order's status does not follow it.
    expect((await shipmentOf(s.id)).status).toBe('cancelled');
    expect(await ledgerMismatches(server.deps.db)).toEqual([]);
  });

  it('voids a label whose purchase was in flight when the order was cancelled', async () => {
    const res = await server.operator.post('/api/v1/orders', orderBody([{ sku: 'MUG', quantity: 1 }], paid));
    expect(res.status, res.text).toBe(201);
    const sim = server.deps.carriers.get('sim')!;
    const createLabel = sim.createLabel;
    let cancelled: number | null = null;
    sim.createLabel = async (request) => {
      const answer = await createLabel.call(sim, request);
      // The order is cancelled while the carrier is answering, between the two transactions.
      if (cancelled === null) cancelled = (await cancel(res.body.id, { reason: 'changed my mind' })).status;
      return answer;
    };
    try {
      await drainJobs(server);
    } finally {
      sim.createLabel = createLabel;
    }
    expect(cancelled).toBe(200);
    await drainJobs(server);
    const after = await orderOf(res.body.id);
    expect(after).toMatchObject({ status: 'cancelled', payment_status: 'voided' });
    expect(after.shipments).toHaveLength(1);
    expect(await shipmentOf(after.shipments[0].id)).toMatchObject({ status: 'cancelled', label_state: 'voided' });
    const types = (await events(res.body.id)).map((e) => e.type);
    expect(types.indexOf('shipment.label_created')).toBeLessThan(types.indexOf('shipment.label_voided'));
    expect((await events(res.body.id)).some((e) => e.type === 'order.status_changed' && e.data.to === 'ready_to_ship')).toBe(false);
    expect(await ledgerMismatches(server.deps.db)).toEqual([]);
  });

  it('a carrier outage retries the void; a refusal raises attention and keeps the label', async () => {
    const sim = server.deps.carriers.get('sim')!;
    const voidLabel = sim.voidLabel;

    const first = await readyToShip([{ sku: 'MUG', quantity: 1 }]);
    let calls = 0;
    sim.voidLabel = async (request) => {
      calls++;
      if (calls === 1) throw new CarrierError('sim', 'void', true, 'connection reset');
      return voidLabel.call(sim, request);
    };
    try {
      expect((await cancel(first.id, { reason: 'outage' })).status).toBe(200);
      await drainJobs(server);
      server.clock.advance(1_000);
      await drainJobs(server);
    } finally {
      sim.voidLabel = voidLabel;
    }
    expect(calls).toBe(2);
    expect(await shipmentOf(first.shipments[0].id)).toMatchObject({ status: 'cancelled', label_state: 'voided' });

    const second = await readyToShip([{ sku: 'MUG', quantity: 1 }]);
    sim.voidLabel = async () => ({ ok: false, code: 'already_in_transit', message: 'the parcel has been picked up' });
    try {
      expect((await cancel(second.id, { reason: 'refused' })).status).toBe(200);
      await drainJobs(server);
    } finally {
      sim.voidLabel = voidLabel;
    }
    const s = await shipmentOf(second.shipments[0].id);
    expect(s).toMatchObject({ status: 'cancelled', label_state: 'purchased', label_error: expect.stringContaining('already_in_transit') });
    const after = await orderOf(second.id);
    expect(after.attention).toMatchObject({ reason: 'label_void_failed', shipment_id: s.id });
    expect((await events(second.id)).find((e) => e.type === 'shipment.void_failed')!.data).toMatchObject({ shipment_id: s.id, code: 'already_in_transit' });
    expect(await ledgerMismatches(server.deps.db)).toEqual([]);
  });
});
