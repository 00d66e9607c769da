/**
 * The admin's core pages in a real browser (issue 9): an operator signs in and sees the dashboard's
 * counts and charts; finds a failed delivery attempt in the exceptions queue, opens its order and
 * resolves it with a manual `delivered` scan (the attention goes, the timeline says so); finds
 * orders by number and email with the list's filters (kept in the address: the back button steps
 * back) and sees a new order arrive live; approves a return, receives it with its unit resellable
 * (the stock comes back), refunds it and sees it close live once the provider confirms. Every page
 * also fits a 375 px wide phone.
 *
 * The shop's parcels are driven by manual scans through the API (the sim carrier at real-time
 * speed, pushing to nowhere, never polled): nothing moves on its own while the browser looks.
 */
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { createStaffUser } from '../../src/accounts/index.js';
import { addStock, createProduct, createWarehouse, orderBody } from '../support/fixtures.js';
import { drainJobs } from '../support/jobs.js';
import { STAFF_PASSWORD } from '../support/sessions.js';
import { SCANS_BY_HAND_SIM } from '../support/sim-env.js';
import { browserSuite, checkPage, describeBrowser, eventually, expectNoSidewaysScroll, MOBILE_VIEWPORT } from './support/browser.js';

const STAFF_EMAIL = 'olga@shop.example';
const seattle = { name: 'Lin Wu', line1: '400 Broad St', line2: null, city: 'Seattle', region: 'WA', postal_code: '98109', country: 'US' };
const MINUTE = 60_000;

describeBrowser('the admin orders, exceptions and returns', () => {
  const suite = browserSuite({
    env: {
      ...SCANS_BY_HAND_SIM,
    },
  });

  /** The order that had a failed delivery attempt, and the one delivered and being returned. */
  let troubled: { id: string; number: string; shipmentId: string; tracking: string };
  let returned: { id: string; number: string; email: string };
  let returnId: string;

  async function placeShipped(email: string, name: string) {
    const api = suite.server.operator;
    const placed = await api.post('/api/v1/orders', orderBody([{ sku: 'MUG', quantity: 1 }], { customer: { email, name, phone: null }, shipping_address: seattle, payment: { provider: 'test', token: 'tok_visa' } }));
    expect(placed.status, placed.text).toBe(201);
    await drainJobs(suite.server);
    const order = (await api.get(`/api/v1/orders/${placed.body.id}`)).body;
    expect(order.shipments, 'processing bought a label').toHaveLength(1);
    return order;
  }

  /** A scan by hand through the API, a minute after the last one (scans are told apart by their time). */
  async function scan(shipmentId: string, body: Record<string, unknown>) {
    suite.server.clock.advance(MINUTE);
    const res = await suite.server.operator.post(`/api/v1/shipments/${shipmentId}/events`, body);
    expect(res.status, res.text).toBe(201);
    await drainJobs(suite.server);
  }

  beforeAll(async () => {
    const admin = suite.server.admin;
    await createWarehouse(admin, 'DAL', 'Dallas', 'TX');
    await createProduct(admin, 'MUG', { unit_price: 2000, length_mm: 120, width_mm: 90, height_mm: 100, weight_grams: 350 });
    await addStock(admin, 'MUG', 'DAL', 10);
    await createStaffUser(suite.server.deps.db, suite.server.deps, { email: STAFF_EMAIL, role: 'operator', password: STAFF_PASSWORD });

    // A parcel handed over, then a failed delivery attempt: the order needs attention.
    const first = await placeShipped('lin.wu@example.com', 'Lin Wu');
    await scan(first.shipments[0].id, { status: 'in_transit', location: { city: 'Dallas', region: 'TX', country: 'US' } });
    await scan(first.shipments[0].id, { status: 'failed_attempt', reason: 'recipient_absent', location: { city: 'Seattle', region: 'WA', country: 'US' } });
    const flagged = (await suite.server.viewer.get(`/api/v1/orders/${first.id}`)).body;
    expect(flagged.attention).toMatchObject({ reason: 'failed_attempt', detail: 'recipient_absent' });
    troubled = { id: first.id, number: first.number, shipmentId: first.shipments[0].id, tracking: first.shipments[0].tracking_number };

    // A parcel delivered, and the customer's return of it asked for by staff (it arrived damaged).
    const second = await placeShipped('ada.returns@example.com', 'Ada Byron');
    await scan(second.shipments[0].id, { status: 'in_transit' });
    await scan(second.shipments[0].id, { status: 'delivered', signed_by: 'A. BYRON' });
    expect((await suite.server.viewer.get(`/api/v1/orders/${second.id}`)).body.status).toBe('delivered');
    returned = { id: second.id, number: second.number, email: 'ada.returns@example.com' };
    const asked = await suite.server.operator.post('/api/v1/returns', { order_id: second.id, lines: [{ sku: 'MUG', quantity: 1, reason: 'damaged' }], comment: 'The handle came off.' });
    expect(asked.status, asked.text).toBe(201);
    expect(asked.body.status).toBe('requested');
    returnId = asked.body.id;
    // The browser's scans come after these.
    suite.server.clock.advance(MINUTE);
  });

  /** A signed-in operator's page; sign-in and the dashboard it lands on are passed through unless a test checks them. */
  async function signedInPage(options: { viewport?: { width: number; height: number } } = {}) {
    const page = await suite.newPage({ ...options, passThrough: ['/admin/sign-in', '/admin'] });
    await signIn(page);
    return page;
  }

  async function signIn(page: Page) {
    await page.goto(suite.url('/admin/sign-in'));
    const main = page.getByRole('main');
    await page.getByRole('heading', { level: 1, name: 'Staff sign-in' }).waitFor();
    await main.getByLabel('Email').fill(STAFF_EMAIL);
    await main.getByLabel('Password').fill(STAFF_PASSWORD);
    await main.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  }

  /** Waits for the page's h1 and for its data (no "Loading…" left). */
  async function shown(page: Page, title: string) {
    await page.getByRole('heading', { level: 1, name: title, exact: true }).waitFor();
    await eventually(() => page.getByText(/^Loading /).count()).toBe(0);
  }

  it('shows the dashboard with its counts, what needs a person and its charts', async () => {
    const page = await signedInPage();
    await shown(page, 'Dashboard');
    await checkPage(page, 'admin-dashboard-figures');
    expect(await page.getByTestId('dashboard-welcome').textContent()).toBe(`Signed in as ${STAFF_EMAIL} (operator).`);

    const needs = page.getByRole('list', { name: 'Needs a person' });
    expect(await needs.getByTestId('figure-attention').textContent()).toMatch(/^1 Orders needing attention 1 shipment flagged/);
    expect(await needs.getByTestId('figure-open-returns').textContent()).toMatch(/^1 Open returns/);
    const byStatus = page.getByRole('list', { name: 'Orders by status' });
    expect(await byStatus.getByTestId('count-delivered').textContent()).toBe('1 Delivered');
    expect(await byStatus.getByTestId('count-cancelled').textContent()).toBe('0 Cancelled');

    // The charts are images with a name, and their figures a table behind "Show as a table".
    const orders = page.getByRole('img', { name: /^Orders per day\. Highest 2 \(Sun, Nov 22, 2026\)/ });
    await orders.waitFor();
    await page.getByRole('img', { name: /^Revenue per day \(USD\)\./ }).waitFor();
    await page.getByRole('img', { name: /^On-time delivery by carrier\./ }).waitFor();
    const figure = page.getByRole('figure', { name: 'Orders per day' });
    await figure.getByText('Show as a table').click();
    const table = figure.getByRole('table', { name: 'Orders per day' });
    await table.waitFor();
    expect(await table.getByRole('row').count(), 'a header and the 30 days').toBe(31);
    expect(await table.getByRole('row', { name: 'Sun, Nov 22, 2026 2' }).count()).toBe(1);
    expect(await page.getByRole('table', { name: /^Carrier figures/ }).getByRole('row', { name: /^sim 2 1 / }).count()).toBe(1);

    // The cards lead into the lists.
    await byStatus.getByRole('link', { name: '1 Delivered' }).click();
    await page.waitForURL((url) => url.pathname === '/admin/orders' && url.searchParams.get('status') === 'delivered');
    await shown(page, 'Orders');
    expect(await page.getByRole('table', { name: /^Orders matching the filters/ }).getByRole('link', { name: returned.number }).count()).toBe(1);
    await checkPage(page, 'admin-orders-delivered');
  });

  it('finds the exception in the queue, opens the order and resolves it with a delivered scan', async () => {
    const page = await signedInPage();
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Exceptions' }).click();
    await shown(page, 'Exceptions');
    const queue = page.getByRole('region', { name: 'Orders needing attention (1)' });
    const row = queue.getByRole('row', { name: new RegExp(`^${troubled.number} `) });
    expect(await row.textContent()).toContain('Delivery attempt failed (nobody was home)');
    const parcels = page.getByRole('region', { name: 'Shipments needing attention (1)' });
    expect(await parcels.getByRole('row', { name: new RegExp(troubled.tracking) }).textContent()).toContain('Delivery attempt failed');
    await checkPage(page, 'admin-exceptions');

    await row.getByRole('link', { name: troubled.number }).click();
    await page.waitForURL((url) => url.pathname === `/admin/orders/${troubled.id}`);
    await shown(page, `Order ${troubled.number}`);
    expect(await page.getByTestId('order-attention').textContent()).toContain('Delivery attempt failed (nobody was home)');
    await checkPage(page, 'admin-order-attention');

    // The carrier confirmed on the phone that the neighbour took it in.
    const parcel = page.getByRole('article', { name: new RegExp(troubled.tracking) });
    await parcel.getByRole('button', { name: 'Record a scan' }).click();
    const form = page.getByRole('form', { name: `Record a scan for ${troubled.tracking}` });
    expect(await form.getByLabel('Status').inputValue()).toBe('delivered');
    await form.getByLabel('What happened').fill('Delivered to the neighbour, confirmed by the carrier on the phone');
    await form.getByLabel('Signed by').fill('K. NEIGHBOUR');
    await checkPage(page, 'admin-order-scan-form');
    await form.getByRole('button', { name: 'Record the scan' }).click();

    await page.getByRole('status').filter({ hasText: `Scan recorded on ${troubled.tracking}` }).waitFor();
    await eventually(() => page.getByTestId('order-attention').count(), 'the attention is gone').toBe(0);
    const timeline = page.getByRole('list', { name: 'Timeline, newest first' });
    await eventually(() => timeline.textContent()).toContain('Attention cleared');
    expect(await timeline.textContent()).toContain('Was: Delivery attempt failed');
    expect(await timeline.getByRole('listitem').first().textContent()).toMatch(/Attention cleared|Status changed|Shipment status changed|Carrier scan/);
    expect(await parcel.textContent()).toContain('Delivered to the neighbour');
    expect(await page.getByRole('main').locator('.breadcrumbs').textContent()).toContain('Delivered');
    await checkPage(page, 'admin-order-resolved');

    // And the queue is empty again.
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Exceptions' }).click();
    await shown(page, 'Exceptions');
    await page.getByRole('region', { name: 'Orders needing attention (0)' }).getByText('No order needs attention').waitFor();
    await checkPage(page, 'admin-exceptions-empty');
  });

  it('finds orders by number and email, keeps the filters in the address, and shows a new order live', async () => {
    const page = await signedInPage();
    await page.goto(suite.url('/admin/orders'));
    await shown(page, 'Orders');
    const all = page.getByRole('table', { name: 'All orders (page 1)' });
    expect(await all.getByRole('row').count(), 'a header and both orders').toBe(3);
    await checkPage(page, 'admin-orders');

    const filters = page.getByRole('search', { name: 'Filter orders' });
    await filters.getByLabel('Search').fill(troubled.number);
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === troubled.number);
    const matching = page.getByRole('table', { name: /^Orders matching the filters/ });
    await eventually(() => matching.getByRole('row').count()).toBe(2);
    expect(await matching.getByRole('link', { name: troubled.number }).count()).toBe(1);

    await filters.getByLabel('Search').fill('ada.returns@');
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === 'ada.returns@');
    await eventually(() => matching.getByRole('link', { name: returned.number }).count()).toBe(1);
    expect(await matching.getByRole('row').count()).toBe(2);
    await checkPage(page, 'admin-orders-search');

    // The back button brings the search before back, fields and all.
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('q') === troubled.number);
    await eventually(() => filters.getByLabel('Search').inputValue()).toBe(troubled.number);
    await eventually(() => matching.getByRole('link', { name: troubled.number }).count()).toBe(1);

    await filters.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL((url) => url.search === '');
    await all.waitFor();

    // Live: an order placed through the API shows up without a reload.
    await eventually(() => page.getByTestId('live-indicator').getAttribute('data-state')).toBe('open');
    const placed = await suite.server.operator.post('/api/v1/orders', orderBody([{ sku: 'MUG', quantity: 1 }], { customer: { email: 'new.buyer@example.com', name: 'New Buyer', phone: null }, shipping_address: seattle }));
    expect(placed.status, placed.text).toBe(201);
    await drainJobs(suite.server);
    await eventually(() => all.getByRole('link', { name: placed.body.number }).count(), 'the new order arrives live').toBe(1);
    await checkPage(page, 'admin-orders-live');
  });

  it('approves a return, receives it resellable (the stock comes back), refunds it and sees it close', async () => {
    const page = await signedInPage();
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Returns' }).click();
    await shown(page, 'Returns');
    const filters = page.getByRole('search', { name: 'Filter returns' });
    await filters.getByLabel('Status').selectOption('requested');
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL((url) => url.searchParams.get('status') === 'requested');
    const requested = page.getByRole('table', { name: /^Returns: requested/ });
    await requested.getByRole('link', { name: `Return for ${returned.number}` }).waitFor();
    await checkPage(page, 'admin-returns-requested');

    await requested.getByRole('link', { name: `Return for ${returned.number}` }).click();
    await page.waitForURL((url) => url.pathname === `/admin/returns/${returnId}`);
    await shown(page, `Return for ${returned.number}`);
    expect(await page.getByTestId('return-status').textContent()).toBe('Requested');
    const stockBefore = Number(await page.getByTestId('stock-MUG').textContent());
    expect(await page.getByTestId('refund-quote').getByRole('row', { name: /^Items / }).textContent()).toContain('$20.00');
    await checkPage(page, 'admin-return-requested');

    await page.getByRole('button', { name: 'Approve…' }).click();
    const approve = page.getByRole('dialog', { name: `Approve the return for ${returned.number}?` });
    await checkPage(page, 'admin-return-approve-dialog');
    await approve.getByRole('button', { name: 'Approve the return' }).click();
    await eventually(() => page.getByTestId('return-status').textContent()).toBe('Approved');
    await page.getByRole('link', { name: 'Return label (PDF)' }).waitFor();

    const receive = page.getByRole('form', { name: 'Receive the return' });
    expect(await receive.getByLabel('Resellable units of MUG').inputValue()).toBe('1');
    expect(await receive.getByLabel('Damaged units of MUG').inputValue()).toBe('0');
    await checkPage(page, 'admin-return-approved');
    await receive.getByRole('button', { name: 'Receive the return' }).click();
    await eventually(() => page.getByTestId('return-status').textContent()).toBe('Received');
    await page.getByRole('status').filter({ hasText: 'Received: 1 resellable (back in stock), 0 damaged' }).waitFor();
    await eventually(async () => Number(await page.getByTestId('stock-MUG').textContent()), 'the unit is back on hand').toBe(stockBefore + 1);
    await checkPage(page, 'admin-return-received');

    await page.getByRole('button', { name: 'Refund…', exact: true }).click();
    const refund = page.getByRole('dialog', { name: `Refund the return for ${returned.number}?` });
    await refund.getByRole('button', { name: 'Refund', exact: true }).click();
    await eventually(() => page.getByTestId('return-status').textContent()).toBe('Refund asked');
    // The provider answers in the background; the return closes, and the page hears of it live.
    await drainJobs(suite.server);
    await eventually(() => page.getByTestId('return-status').textContent(), 'the return closes once the refund is confirmed').toBe('Closed');
    await checkPage(page, 'admin-return-closed');
  });

  it('cancels an order and refunds goodwill money on another, asking first each time', async () => {
    const placed = await suite.server.operator.post('/api/v1/orders', orderBody([{ sku: 'MUG', quantity: 2 }], { customer: { email: 'changed.mind@example.com', name: 'Cy Young', phone: null }, shipping_address: seattle }));
    expect(placed.status, placed.text).toBe(201);
    const page = await signedInPage();
    await page.goto(suite.url(`/admin/orders/${placed.body.number}`));
    await shown(page, `Order ${placed.body.number}`);
    await page.getByRole('button', { name: 'Cancel the order…' }).click();
    const cancel = page.getByRole('dialog', { name: `Cancel order ${placed.body.number}?` });
    await cancel.getByLabel('Reason').fill('The customer phoned to cancel');
    await checkPage(page, 'admin-order-cancel-dialog');
    await cancel.getByRole('button', { name: 'Cancel the order' }).click();
    await page.getByRole('status').filter({ hasText: `Order ${placed.body.number} is cancelled.` }).waitFor();
    expect(await cancel.isVisible()).toBe(false);
    await eventually(() => page.getByRole('main').locator('.breadcrumbs').textContent()).toContain('Cancelled');
    // Columns after the SKU: product, ordered, unit price, shipped, cancelled.
    const line = page.getByRole('table', { name: `Lines of order ${placed.body.number}` }).getByRole('row', { name: /^MUG / });
    await eventually(() => line.getByRole('cell').nth(4).textContent(), 'both units cancelled').toBe('2');
    await eventually(() => page.getByRole('list', { name: 'Timeline, newest first' }).textContent()).toContain('The customer phoned to cancel');
    expect(await page.getByRole('button', { name: 'Cancel the order…' }).count(), 'nothing left to cancel').toBe(0);
    await checkPage(page, 'admin-order-cancelled');

    // Goodwill on the order whose first delivery attempt failed: $5 of its captured $20.
    await page.goto(suite.url(`/admin/orders/${troubled.id}`));
    await shown(page, `Order ${troubled.number}`);
    const refunds = page.getByRole('region', { name: 'Refunds', exact: true });
    expect(await refunds.textContent()).toContain('Refundable now: $20.00');
    await refunds.getByRole('button', { name: 'Refund money…' }).click();
    const dialog = page.getByRole('dialog', { name: `Refund money on order ${troubled.number}?` });
    expect(await dialog.getByLabel('Amount (USD)').inputValue()).toBe('20.00');
    await dialog.getByLabel('Amount (USD)').fill('5');
    await dialog.getByLabel('Reason').fill('Goodwill: the first delivery attempt failed');
    await dialog.getByRole('button', { name: 'Refund', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'A refund of $5.00 is on its way' }).waitFor();
    const row = refunds.getByRole('row', { name: /\$5\.00/ });
    expect(await row.textContent()).toContain('Goodwill: the first delivery attempt failed');
    expect(await refunds.textContent()).toContain('Refundable now: $15.00');
    await checkPage(page, 'admin-order-goodwill-refund');
  });

  it('fits every page on a 375 px wide phone', async () => {
    const page = await signedInPage({ viewport: MOBILE_VIEWPORT });
    const visits: Array<[string, string, string]> = [
      ['/admin', 'Dashboard', 'dashboard'],
      ['/admin/exceptions', 'Exceptions', 'exceptions'],
      ['/admin/orders', 'Orders', 'orders'],
      [`/admin/orders/${returned.id}`, `Order ${returned.number}`, 'order'],
      ['/admin/returns', 'Returns', 'returns'],
      [`/admin/returns/${returnId}`, `Return for ${returned.number}`, 'return'],
    ];
    for (const [path, title, name] of visits) {
      await page.goto(suite.url(path));
      await shown(page, title);
      await expectNoSidewaysScroll(page, `the ${name} page`);
      await checkPage(page, `375px-admin-${name}`);
    }
  });
});
