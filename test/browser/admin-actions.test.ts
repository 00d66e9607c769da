/**
 * The admin's order and return actions that admin-orders.test.ts leaves out, in a real browser, each
 * used as a staff member uses it and its effect read back through the API: moving an order's status
 * by hand (a move allowed, and one the server refuses with 409, whose reason the page shows); asking
 * for rates and buying a chosen label for an order ready to ship without one; asking the carrier
 * about a parcel now; confirming packing (packing is a manual step here: WAYBILL_MANUAL_STEPS=pack);
 * cancelling some units of an order; rejecting a return with a reason; closing a received return
 * without a refund. A viewer sees the same order and return pages with no action on them.
 *
 * The sim carrier runs at real-time speed, pushing to nowhere and never polled on its own: a parcel
 * moves only when a test scans it through the API, or when the test clock moves and the page asks.
 */
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { createStaffUser } from '../../src/accounts/index.js';
import { addStock, createProduct, createWarehouse, orderBody, stockOf } from '../support/fixtures.js';
import { drainJobs } from '../support/jobs.js';
import { STAFF_PASSWORD } from '../support/sessions.js';
import { SCANS_BY_HAND_SIM } from '../support/sim-env.js';
import { browserSuite, checkPage, describeBrowser, eventually, type HttpErrorAllowance } from './support/browser.js';

const OPERATOR = 'otto@shop.example';
const VIEWER = 'vera@shop.example';
const seattle = { name: 'Lin Wu', line1: '400 Broad St', line2: null, city: 'Seattle', region: 'WA', postal_code: '98109', country: 'US' };
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

interface PlacedOrder {
  id: string;
  number: string;
}

describeBrowser('the admin order and return actions', () => {
  const suite = browserSuite({
    env: {
      ...SCANS_BY_HAND_SIM,
      // Processing stops at the proposed packages until someone confirms them.
      WAYBILL_MANUAL_STEPS: 'pack',
      WAYBILL_AUTO_REORDER: 'off',
    },
  });

  /** Processing, its packages proposed and waiting for a person; no label yet. */
  let toPack: PlacedOrder;
  /** Moved by hand to ready_to_ship before any label was bought. */
  let readyUnlabelled: PlacedOrder;
  /** Packed, its label bought by the pipeline: a parcel the carrier knows. */
  let labelled: PlacedOrder & { shipmentId: string; tracking: string };
  /** Three mugs in processing: some of them are cancelled. */
  let threeMugs: PlacedOrder;
  /** Every unit backordered (none in stock). */
  let backordered: PlacedOrder;
  /** Delivered orders with a return each: one to reject, one received to close, one for the viewer. */
  let toReject: PlacedOrder & { returnId: string };
  let toClose: PlacedOrder & { returnId: string };
  let forViewer: PlacedOrder & { returnId: string };

  const api = () => suite.server.operator;
  const orderOf = async (id: string) => (await suite.server.viewer.get(`/api/v1/orders/${id}`)).body;
  const returnOf = async (id: string) => (await suite.server.viewer.get(`/api/v1/returns/${id}`)).body;
  const fulfillmentOf = async (id: string) => (await suite.server.viewer.get(`/api/v1/orders/${id}/fulfillment`)).body;

  async function place(lines: Array<{ sku: string; quantity: number }>, paid = false): Promise<PlacedOrder> {
    const placed = await api().post('/api/v1/orders', orderBody(lines, { shipping_address: seattle, ...(paid ? { payment: { provider: 'test', token: 'tok_visa' } } : {}) }));
    expect(placed.status, placed.text).toBe(201);
    await drainJobs(suite.server);
    return { id: placed.body.id, number: placed.body.number };
  }

  /** Confirms the proposed packages through the API; the pipeline then buys the label. */
  async function packAndLabel(order: PlacedOrder) {
    const confirmed = await api().post(`/api/v1/orders/${order.id}/packing/confirm`);
    expect(confirmed.status, confirmed.text).toBe(200);
    await drainJobs(suite.server);
    const after = await orderOf(order.id);
    expect(after.status).toBe('ready_to_ship');
    expect(after.shipments).toHaveLength(1);
    return { shipmentId: after.shipments[0].id as string, tracking: after.shipments[0].tracking_number as string };
  }

  async function scan(shipmentId: string, body: Record<string, unknown>) {
    suite.server.clock.advance(MINUTE);
    const res = await api().post(`/api/v1/shipments/${shipmentId}/events`, body);
    expect(res.status, res.text).toBe(201);
    await drainJobs(suite.server);
  }

  /** A paid mug delivered, and a return of it asked for by staff. */
  async function deliveredWithReturn(): Promise<PlacedOrder & { returnId: string }> {
    const order = await place([{ sku: 'MUG', quantity: 1 }], true);
    const { shipmentId } = await packAndLabel(order);
    await scan(shipmentId, { status: 'in_transit' });
    await scan(shipmentId, { status: 'delivered', signed_by: 'L. WU' });
    expect((await orderOf(order.id)).status).toBe('delivered');
    const asked = await api().post('/api/v1/returns', { order_id: order.id, lines: [{ sku: 'MUG', quantity: 1, reason: 'damaged' }], comment: 'The handle came off.' });
    expect(asked.status, asked.text).toBe(201);
    return { ...order, returnId: asked.body.id };
  }

  beforeAll(async () => {
    const admin = suite.server.admin;
    await createWarehouse(admin, 'DAL', 'Dallas', 'TX');
    await createProduct(admin, 'MUG', { unit_price: 2000, length_mm: 120, width_mm: 90, height_mm: 100, weight_grams: 350 });
    await createProduct(admin, 'LAMP', { unit_price: 4500, backorderable: true, length_mm: 200, width_mm: 200, height_mm: 300, weight_grams: 900 });
    await addStock(admin, 'MUG', 'DAL', 50);
    const { db } = suite.server.deps;
    await createStaffUser(db, suite.server.deps, { email: OPERATOR, role: 'operator', password: STAFF_PASSWORD });
    await createStaffUser(db, suite.server.deps, { email: VIEWER, role: 'viewer', password: STAFF_PASSWORD });

    toPack = await place([{ sku: 'MUG', quantity: 2 }]);
    expect((await orderOf(toPack.id)).status).toBe('processing');

    readyUnlabelled = await place([{ sku: 'MUG', quantity: 1 }]);
    const moved = await api().post(`/api/v1/orders/${readyUnlabelled.id}/status`, { status: 'ready_to_ship', note: 'packed at the counter' });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body.shipments).toEqual([]);

    const first = await place([{ sku: 'MUG', quantity: 1 }]);
    labelled = { ...first, ...(await packAndLabel(first)) };

    threeMugs = await place([{ sku: 'MUG', quantity: 3 }]);
    backordered = await place([{ sku: 'LAMP', quantity: 2 }]);
    expect((await orderOf(backordered.id)).lines[0].quantity_backordered).toBe(2);

    toReject = await deliveredWithReturn();
    toClose = await deliveredWithReturn();
    const approved = await api().post(`/api/v1/returns/${toClose.returnId}/approve`);
    expect(approved.status, approved.text).toBe(200);
    const received = await api().post(`/api/v1/returns/${toClose.returnId}/receive`, { lines: [{ sku: 'MUG', quantity: 1, condition: 'damaged' }] });
    expect(received.status, received.text).toBe(200);
    expect(received.body.status).toBe('received');
    expect(received.body.refund_amount, 'there is money a refund could give back').toBeGreaterThan(0);
    forViewer = await deliveredWithReturn();
    suite.server.clock.advance(MINUTE);
  });

  async function signedInPage(email = OPERATOR, expectHttpErrors: readonly HttpErrorAllowance[] = []) {
    const page = await suite.newPage({ passThrough: ['/admin/sign-in', '/admin'], expectHttpErrors });
    await page.goto(suite.url('/admin/sign-in'));
    const main = page.getByRole('main');
    await page.getByRole('heading', { level: 1, name: 'Staff sign-in' }).waitFor();
    await main.getByLabel('Email').fill(email);
    await main.getByLabel('Password').fill(STAFF_PASSWORD);
    await main.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    return page;
  }

  /** Waits for the page's h1 and for its data (no "Loading…" left). */
  async function shown(page: Page, title: string) {
    await page.getByRole('heading', { level: 1, name: title, exact: true }).waitFor();
    await eventually(() => page.getByText(/^Loading /).count()).toBe(0);
  }

  async function openOrder(page: Page, order: PlacedOrder) {
    await page.goto(suite.url(`/admin/orders/${order.id}`));
    await shown(page, `Order ${order.number}`);
  }

  const flash = (page: Page, text: string | RegExp) => page.getByRole('status').filter({ hasText: text }).waitFor();
  const breadcrumbs = (page: Page) => page.getByRole('main').locator('.breadcrumbs').textContent();
  /** A line's cells after the SKU: product, ordered, unit price, shipped, cancelled, returned, backordered, total. */
  const lineCells = (page: Page, order: PlacedOrder, sku: string) => page.getByRole('table', { name: `Lines of order ${order.number}` }).getByRole('row', { name: new RegExp(`^${sku} `) }).getByRole('cell');

  it('moves an order on by hand, offers only the moves the server accepts, and shows a refused one after a change elsewhere', async () => {
    const page = await signedInPage(OPERATOR, [{ status: 409, url: /\/api\/v1\/orders\/[^/]+\/status$/ }]);
    await openOrder(page, backordered);
    expect(await breadcrumbs(page)).toContain('Order placed');
    const form = page.getByRole('form', { name: 'Change the status' });
    await form.getByLabel('Move to').selectOption({ label: 'Being prepared' });
    await form.getByLabel('Note (optional)').fill('Started by hand while the lamps are on their way');
    await form.getByRole('button', { name: 'Change status…' }).click();
    const toProcessing = page.getByRole('dialog', { name: `Move order ${backordered.number} to “Being prepared”?` });
    await checkPage(page, 'admin-order-status-dialog');
    await toProcessing.getByRole('button', { name: 'Change the status' }).click();
    await flash(page, `Order ${backordered.number} is now being prepared.`);
    await eventually(() => breadcrumbs(page)).toContain('Being prepared');
    await eventually(() => page.getByRole('list', { name: 'Timeline, newest first' }).textContent()).toContain('Started by hand while the lamps are on their way');
    const moved = await orderOf(backordered.id);
    expect(moved.status).toBe('processing');
    expect(moved.next_statuses, 'shipping is ruled out while the lamps are backordered').toEqual(['ready_to_ship', 'cancelled']);
    await checkPage(page, 'admin-order-status-changed');

    // The page offers only what the server would accept now: not "Shipped" while lamps are backordered.
    const offered = await form.getByLabel('Move to').locator('option').allTextContents();
    expect(offered).toEqual(['Ready to ship']);

    // Someone else moves the order meanwhile (the page has not heard yet: this server runs no relay
    // until the test drains its jobs); the page's move is refused, and it says where the order may go now.
    const elsewhere = await suite.server.operator.post(`/api/v1/orders/${backordered.id}/status`, { status: 'ready_to_ship', note: 'Moved from another screen' });
    expect(elsewhere.status, elsewhere.text).toBe(200);
    await form.getByLabel('Move to').selectOption({ label: 'Ready to ship' });
    await form.getByRole('button', { name: 'Change status…' }).click();
    const toReady = page.getByRole('dialog', { name: `Move order ${backordered.number} to “Ready to ship”?` });
    await toReady.getByRole('button', { name: 'Change the status' }).click();
    const refusal = toReady.getByText(/From where it is now it may move to: Cancelled\./);
    await refusal.waitFor();
    await checkPage(page, 'admin-order-status-refused');
    await toReady.getByRole('button', { name: 'Cancel', exact: true }).click();
    expect(await toReady.isVisible()).toBe(false);

    const after = await orderOf(backordered.id);
    expect(after.status).toBe('ready_to_ship');
    expect(after.lines[0]).toMatchObject({ quantity_shipped: 0, quantity_backordered: 2 });
  });

  it('asks for rates and buys the chosen label for an order ready to ship without one', async () => {
    const page = await signedInPage();
    await openOrder(page, readyUnlabelled);
    const shipments = page.getByTestId('order-shipments');
    expect(await shipments.textContent()).toContain('1 unit is waiting for a label');
    await shipments.getByRole('button', { name: 'Get rates' }).click();
    const rates = shipments.getByRole('table', { name: `Rates for order ${readyUnlabelled.number}` });
    await rates.waitFor();
    expect(await rates.getByRole('row').count(), 'a header and the three sim services').toBe(4);
    const quoted = (await suite.server.viewer.get(`/api/v1/orders/${readyUnlabelled.id}/rates`)).body.data as Array<{ service: string; amount: number }>;
    const express = quoted.find((q) => q.service === 'express')!;
    expect(await rates.getByRole('row', { name: /Sim Express/ }).textContent()).toContain(`$${(express.amount / 100).toFixed(2)}`);
    await checkPage(page, 'admin-order-rates');

    // Not the cheapest: the one chosen is the one bought.
    await rates.getByRole('button', { name: 'Buy the sim Sim Express label' }).click();
    const confirm = page.getByRole('dialog', { name: `Buy a sim Sim Express label for $${(express.amount / 100).toFixed(2)}?` });
    await checkPage(page, 'admin-order-buy-label-dialog');
    await confirm.getByRole('button', { name: 'Buy the label' }).click();
    await flash(page, /Bought a sim express label: SIM\d+\./);
    const parcel = page.getByRole('article', { name: /^Parcel: SIM\d+$/ });
    await parcel.waitFor();
    expect(await parcel.getByRole('link', { name: /^Label PDF/ }).count()).toBe(1);
    expect(await shipments.getByRole('button', { name: 'Get rates' }).count(), 'nothing is waiting for a label any more').toBe(0);
    await checkPage(page, 'admin-order-label-bought');

    const after = await orderOf(readyUnlabelled.id);
    expect(after.shipments).toHaveLength(1);
    expect(after.shipments[0]).toMatchObject({ carrier: 'sim', service: 'express', status: 'label_created', tracking_number: expect.stringMatching(/^SIM\d+$/) });
    expect(await parcel.textContent()).toContain(after.shipments[0].tracking_number);
    const shipment = (await suite.server.viewer.get(`/api/v1/shipments/${after.shipments[0].id}`)).body;
    expect(shipment).toMatchObject({ label_state: 'purchased', amount: express.amount, order_number: readyUnlabelled.number });
  });

  it('confirms the proposed packing, after which the order is invoiced and labelled', async () => {
    const page = await signedInPage();
    await openOrder(page, toPack);
    const packing = page.getByRole('region', { name: 'Packing and documents' });
    expect(await packing.textContent()).toContain('Proposed');
    expect(await packing.textContent()).toContain('The invoice is issued once the order is packed.');
    await checkPage(page, 'admin-order-packing-proposed');
    await packing.getByRole('button', { name: 'Confirm packing' }).click();
    await flash(page, `Packing of order ${toPack.number} confirmed.`);
    await eventually(() => packing.getByRole('button', { name: 'Confirm packing' }).count()).toBe(0);

    // The rest of processing runs in the background: the invoice, then the label.
    await drainJobs(suite.server);
    const fulfillment = await fulfillmentOf(toPack.id);
    expect(fulfillment.packages.length).toBeGreaterThan(0);
    expect(fulfillment.packages.every((p: { status: string }) => p.status === 'packed')).toBe(true);
    expect(fulfillment.invoice.number).toMatch(/^INV-/);
    const after = await orderOf(toPack.id);
    expect(after.status).toBe('ready_to_ship');
    expect(after.shipments).toHaveLength(1);
    // The page hears of it live.
    await eventually(() => packing.getByRole('link', { name: `Invoice ${fulfillment.invoice.number} (PDF)` }).count()).toBe(1);
    expect(await packing.getByRole('row', { name: /Packed/ }).count()).toBe(fulfillment.packages.length);
    await eventually(() => breadcrumbs(page)).toContain('Ready to ship');
    await checkPage(page, 'admin-order-packed');
  });

  it('cancels some units of an order, and the lines show it', async () => {
    const reservedBefore = (await stockOf(suite.server.viewer, 'MUG'))[0]!.reserved;
    const page = await signedInPage();
    await openOrder(page, threeMugs);
    await page.getByRole('button', { name: 'Cancel some units…' }).click();
    const dialog = page.getByRole('dialog', { name: `Cancel units of order ${threeMugs.number}?` });
    await dialog.getByLabel('MUG — Product MUG (up to 3)').fill('2');
    await dialog.getByLabel('Reason').fill('The customer wants only one');
    await checkPage(page, 'admin-order-cancel-units-dialog');
    await dialog.getByRole('button', { name: 'Cancel these units' }).click();
    await flash(page, `Cancelled 2 × MUG of order ${threeMugs.number}.`);
    expect(await dialog.isVisible()).toBe(false);
    await eventually(() => lineCells(page, threeMugs, 'MUG').nth(4).textContent(), 'two units cancelled').toBe('2');
    expect(await lineCells(page, threeMugs, 'MUG').nth(1).textContent(), 'of three ordered').toBe('3');
    // One unit is left: the whole-order cancel stays, the partial one has nothing to choose from.
    expect(await page.getByRole('button', { name: 'Cancel the order…' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Cancel some units…' }).count()).toBe(0);
    await eventually(() => page.getByRole('list', { name: 'Timeline, newest first' }).textContent()).toContain('The customer wants only one');
    await checkPage(page, 'admin-order-units-cancelled');

    const after = await orderOf(threeMugs.id);
    expect(after.status).toBe('processing');
    expect(after.lines[0]).toMatchObject({ quantity: 3, quantity_cancelled: 2, quantity_shipped: 0 });
    expect((await stockOf(suite.server.viewer, 'MUG'))[0]!.reserved).toBe(reservedBefore - 2);
    await drainJobs(suite.server);
  });

  it('rejects a requested return with a reason the customer is told', async () => {
    const page = await signedInPage();
    await page.goto(suite.url(`/admin/returns/${toReject.returnId}`));
    await shown(page, `Return for ${toReject.number}`);
    expect(await page.getByTestId('return-status').textContent()).toBe('Requested');
    await page.getByRole('button', { name: 'Reject…' }).click();
    const dialog = page.getByRole('dialog', { name: `Reject the return for ${toReject.number}?` });
    await dialog.getByLabel('Reason (the customer sees it)').fill('The photos show the handle was glued back: not covered');
    await checkPage(page, 'admin-return-reject-dialog');
    await dialog.getByRole('button', { name: 'Reject the return' }).click();
    await flash(page, 'Return rejected; the customer is told why.');
    await eventually(() => page.getByTestId('return-status').textContent()).toBe('Rejected');
    expect(await page.getByTestId('return-actions').textContent()).toContain('Rejected: “The photos show the handle was glued back: not covered”');
    expect(await page.getByRole('button', { name: /^(Approve|Reject)…$/ }).count()).toBe(0);
    await checkPage(page, 'admin-return-rejected');

    const after = await returnOf(toReject.returnId);
    expect(after).toMatchObject({ status: 'rejected', rejection_reason: 'The photos show the handle was glued back: not covered' });
    expect(after.refunds).toEqual([]);
  });

  it('closes a received return without a refund', async () => {
    const page = await signedInPage();
    await page.goto(suite.url(`/admin/returns/${toClose.returnId}`));
    await shown(page, `Return for ${toClose.number}`);
    expect(await page.getByTestId('return-status').textContent()).toBe('Received');
    await page.getByRole('button', { name: 'Close without a refund…' }).click();
    const dialog = page.getByRole('dialog', { name: `Close the return for ${toClose.number}?` });
    expect(await dialog.textContent()).toContain('Nothing more is refunded for this return.');
    await dialog.getByLabel('Note (optional)').fill('Damaged by the customer: no refund, as agreed on the phone');
    await checkPage(page, 'admin-return-close-dialog');
    await dialog.getByRole('button', { name: 'Close the return' }).click();
    await flash(page, 'Return closed.');
    await eventually(() => page.getByTestId('return-status').textContent()).toBe('Closed');
    expect(await page.getByRole('button', { name: /^(Refund|Close without a refund)…$/ }).count()).toBe(0);
    await checkPage(page, 'admin-return-closed-without-refund');

    const after = await returnOf(toClose.returnId);
    expect(after.status).toBe('closed');
    expect(after.closed_at).not.toBeNull();
    expect(after.refunds).toEqual([]);
    await drainJobs(suite.server);
    const order = await orderOf(toClose.id);
    expect(order.refunds).toEqual([]);
    expect(order.payments[0].amount_refunded).toBe(0);
  });

  it('shows a viewer the order and the return with nothing to act on', async () => {
    // What an operator is offered on this order: a status to move to, the order to cancel, its
    // parcel to ask about or scan (its packing is done, so that is offered to nobody).
    const offered = ['Change status…', 'Cancel the order…', 'Refresh from carrier', 'Record a scan'];
    const operator = await signedInPage();
    await openOrder(operator, labelled);
    for (const name of offered) expect(await operator.getByRole('main').getByRole('button', { name }).count(), `"${name}" for an operator`).toBe(1);
    await checkPage(operator, 'admin-order-operator');
    await operator.close();

    const page = await signedInPage(VIEWER);
    await openOrder(page, labelled);
    const main = page.getByRole('main');
    await main.getByText(/You can read this order; changing it needs the operator role\./).waitFor();
    await page.getByRole('article', { name: `Parcel: ${labelled.tracking}` }).waitFor();
    expect(await page.getByRole('table', { name: `Lines of order ${labelled.number}` }).getByRole('row').count()).toBe(2);
    for (const name of ['Change status…', 'Cancel the order…', 'Cancel some units…', 'Refresh from carrier', 'Record a scan', 'Get rates', 'Buy the cheapest label…', 'Confirm packing', 'Refund money…']) {
      expect(await main.getByRole('button', { name }).count(), `no "${name}" for a viewer`).toBe(0);
    }
    expect(await page.getByRole('form', { name: 'Change the status' }).count()).toBe(0);
    await checkPage(page, 'admin-order-viewer');

    await page.goto(suite.url(`/admin/returns/${forViewer.returnId}`));
    await shown(page, `Return for ${forViewer.number}`);
    expect(await page.getByTestId('return-status').textContent()).toBe('Requested');
    await main.getByText(/You can read this return; acting on it needs the operator role\./).waitFor();
    for (const name of ['Approve…', 'Reject…', 'Receive the return', 'Refund…', 'Close without a refund…', 'Close the return…']) {
      expect(await main.getByRole('button', { name }).count(), `no "${name}" for a viewer`).toBe(0);
    }
    await checkPage(page, 'admin-return-viewer');
    expect((await returnOf(forViewer.returnId)).status).toBe('requested');
  });

  // Last: it moves the test clock on by days, so that the sim has scans to tell.
  it('asks the carrier about a parcel now and shows what it said', async () => {
    const before = (await suite.server.viewer.get(`/api/v1/shipments/${labelled.shipmentId}`)).body;
    expect(before).toMatchObject({ status: 'label_created', events: [] });
    // Two days on, the sim has picked the parcel up and moved it on; nobody has been told.
    suite.server.clock.advance(2 * DAY);
    const page = await signedInPage();
    await openOrder(page, labelled);
    const parcel = page.getByRole('article', { name: `Parcel: ${labelled.tracking}` });
    expect(await parcel.getByRole('list', { name: `Latest scans of ${labelled.tracking}` }).count()).toBe(0);
    await parcel.getByRole('button', { name: 'Refresh from carrier' }).click();
    await flash(page, new RegExp(`^Asked sim about ${labelled.tracking}: `));
    const scans = parcel.getByRole('list', { name: `Latest scans of ${labelled.tracking}` });
    await scans.waitFor();

    const after = (await suite.server.viewer.get(`/api/v1/shipments/${labelled.shipmentId}`)).body;
    expect(after.events.length).toBeGreaterThan(0);
    expect(after.events.every((e: { source: string }) => e.source === 'poll')).toBe(true);
    // Ground from Dallas to Seattle takes three business days: on its way, not there yet.
    expect(['in_transit', 'out_for_delivery']).toContain(after.status);
    expect(await scans.getByRole('listitem').count()).toBe(Math.min(5, after.events.length));
    await flash(page, `Asked sim about ${labelled.tracking}: ${after.status.replaceAll('_', ' ')}.`);
    await checkPage(page, 'admin-order-refreshed');
  });
});
