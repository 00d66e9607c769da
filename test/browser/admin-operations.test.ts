/**
 * The admin's operations pages in a real browser, signed in as staff, on a shop made through the API
 * (a warehouse, products and stock, an order labelled by the sim carrier and scanned in Dallas, an
 * order confirmation that could not be emailed): the shipments map and list (following a new scan
 * live), inventory (a stock adjustment, a count, the ledger, the reorder policy), suppliers and
 * purchase orders (created, sent, partly received), the notifications outbox and the jobs' dead
 * letters (retried), a webhook endpoint (its secret shown once, its deliveries, a replay), API keys
 * (created, used, revoked) and staff users; an operator meets neither users nor API keys; and the
 * pages fit a 375 px wide phone.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser } from '../../src/accounts/index.js';
import { addStock, createProduct, createWarehouse, orderBody } from '../support/fixtures.js';
import { drainJobs } from '../support/jobs.js';
import { STAFF_PASSWORD } from '../support/sessions.js';
import { UNEVENTFUL_SIM } from '../support/sim-env.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';
import { browserSuite, checkPage, describeBrowser, eventually, expectNoSidewaysScroll, MOBILE_VIEWPORT, type PageOptions } from './support/browser.js';

// Nothing listens on port 1: every email fails and, after its attempts, is a dead letter to retry.
const NO_MAIL_SERVER = { SMTP_URL: 'smtp://127.0.0.1:1' };

describeBrowser('the admin operations pages', () => {
  const suite = browserSuite({ env: { ...UNEVENTFUL_SIM, ...NO_MAIL_SERVER, WAYBILL_WEBHOOKS_ALLOW_PRIVATE: '1' } });
  let receiver: WebhookReceiver;
  let shipment: { id: string; order_id: string; order_number: string; tracking_number: string };
  let admin: string;

  beforeAll(async () => {
    receiver = await startWebhookReceiver(() => suite.server.clock.now());
    const api = suite.server.admin;
    await createWarehouse(api, 'DAL', 'Dallas', 'TX');
    await createProduct(api, 'MUG', { unit_price: 1999, length_mm: 120, width_mm: 90, height_mm: 100, weight_grams: 350 });
    await createProduct(api, 'TEE', { unit_price: 2500 });
    // Reordered at 10 with no supplier to order from: low stock that no automatic purchase order takes away.
    await createProduct(api, 'LAMP', { reorder_point: 10, reorder_quantity: 20 });
    await addStock(api, 'MUG', 'DAL', 50);
    await addStock(api, 'TEE', 'DAL', 20);
    await addStock(api, 'LAMP', 'DAL', 3);

    const placed = await suite.server.operator.post('/api/v1/orders', orderBody([{ sku: 'MUG', quantity: 1 }], { payment: { provider: 'test', token: 'tok_visa' } }));
    expect(placed.status, placed.text).toBe(201);
    await drainJobs(suite.server);
    const order = (await suite.server.viewer.get(`/api/v1/orders/${placed.body.id}`)).body;
    expect(order.status).toBe('ready_to_ship');
    shipment = { ...order.shipments[0], order_id: order.id, order_number: order.number };
    await scan(shipment.id, 'Dallas', 'TX');

    // The order confirmation's email fails at each attempt (a few seconds of backoff each) until it is dead.
    for (let round = 0; round < 30 && !(await deadNotification()); round++) {
      suite.server.clock.advance(5_000);
      await drainJobs(suite.server);
    }
    expect(await deadNotification(), 'the order confirmation became a dead letter').not.toBeNull();
    admin = 'ops-admin@shop.example';
    await createStaffUser(suite.server.deps.db, suite.server.deps, { email: admin, role: 'admin', password: STAFF_PASSWORD });
  });

  afterAll(async () => {
    await receiver?.close();
  });

  async function scan(id: string, city: string, region: string) {
    const res = await suite.server.operator.post(`/api/v1/shipments/${id}/events`, { status: 'in_transit', description: `Arrived at ${city}`, location: { city, region, country: 'US' } });
    expect(res.status, res.text).toBe(201);
    await drainJobs(suite.server);
  }

  async function deadNotification(): Promise<{ id: string; to: string } | null> {
    const list = await suite.server.admin.get('/api/v1/notifications?status=dead&channel=email');
    return list.body.data[0] ?? null;
  }

  /** Signs in at /admin/sign-in?next=… and waits for that page's heading. */
  async function signedIn(path: string, heading: string, options: PageOptions & { email?: string } = {}): Promise<Page> {
    const page = await suite.newPage({ ...options, passThrough: ['/admin/sign-in', ...(options.passThrough ?? [])] });
    await page.goto(suite.url(`/admin/sign-in?next=${encodeURIComponent(path)}`));
    const form = page.getByRole('main');
    await form.getByLabel('Email').fill(options.email ?? admin);
    await form.getByLabel('Password').fill(STAFF_PASSWORD);
    await form.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    return page;
  }

  const confirmDialog = (page: Page) => page.getByRole('dialog');

  describe('shipments', () => {
    it('puts the scanned parcel on the map and in the list, and follows a new scan live', async () => {
      const page = await signedIn('/admin/shipments', 'Shipments');
      const map = page.getByRole('region', { name: 'Map of shipments under way' });
      await eventually(() => map.evaluate((el) => el.classList.contains('leaflet-container'))).toBe(true);
      // The offline base map (no tiles), the parcel's dot, its destination ring (the line between them is not interactive).
      await eventually(() => map.locator('.leaflet-overlay-pane path:not(.leaflet-interactive)').count()).toBeGreaterThan(150);
      await eventually(() => map.locator('.leaflet-overlay-pane path.leaflet-interactive').count()).toBe(2);
      expect(await map.locator('.leaflet-tile').count()).toBe(0);
      // The text alternative points at the list.
      const description = await map.getAttribute('aria-describedby');
      expect(await page.locator(`#${description}`).textContent()).toContain('1 shown at their last scan');
      await eventually(() => page.getByTestId('live-indicator').getAttribute('data-state')).toBe('open');

      const row = page.getByTestId(`shipment-row-${shipment.id}`);
      await row.waitFor();
      expect(await row.getByRole('link', { name: new RegExp(`^${shipment.tracking_number}`) }).count()).toBe(1);
      expect(await row.textContent()).toContain('Dallas, US');
      expect(await row.textContent()).toContain('Austin, TX, US');
      expect(await row.getByRole('link', { name: shipment.order_number }).getAttribute('href')).toBe(`/admin/orders/${shipment.order_id}`);
      expect(await row.getByRole('link', { name: /^PDF label/ }).getAttribute('href')).toMatch(new RegExp(`/api/v1/shipments/${shipment.id}/label\\.pdf$`));
      await checkPage(page, 'admin-shipments');

      // A scan in Oklahoma City while the page is open: the row (and the dot) move without a reload.
      await scan(shipment.id, 'Oklahoma City', 'OK');
      await eventually(() => row.textContent()).toContain('Oklahoma City, US');

      // Filters live in the address: finished shipments hide the map and list none yet.
      await page.getByRole('search', { name: 'Filter shipments' }).getByLabel('Show').selectOption('finished');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForURL(/scope=finished/);
      await page.getByRole('heading', { name: 'Finished shipments' }).waitFor();
      await eventually(() => page.getByText('No shipments match these filters.').count()).toBe(1);
      expect(await page.getByRole('region', { name: 'Map of shipments under way' }).count()).toBe(0);
      await checkPage(page, 'admin-shipments-finished');
    });
  });

  describe('inventory', () => {
    it('shows stock and low stock, adjusts and counts a row, and keeps the ledger and the reorder policy', async () => {
      const page = await signedIn('/admin/inventory', 'Inventory', { expectHttpErrors: [{ status: 409, url: '/api/v1/inventory/adjustments' }] });
      const mug = page.getByTestId('stock-row-MUG@DAL');
      await mug.waitFor();
      // 50 in, 1 reserved for the order (shipped orders leave on_hand when handed over).
      expect(await mug.locator('[data-field="available"]').textContent()).toBe('49');
      expect(await page.getByTestId('stock-row-LAMP@DAL').getAttribute('data-low')).toBe('true');
      expect(await page.getByTestId('stock-row-LAMP@DAL').getByText('Low stock').count()).toBe(1);
      await checkPage(page, 'admin-inventory');

      await page.getByRole('search', { name: 'Filter stock' }).getByLabel('Low stock only').check();
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForURL(/low=true/);
      await eventually(() => page.locator('[data-testid^="stock-row-"]').count()).toBe(1);
      expect(await page.getByTestId('stock-row-LAMP@DAL').count()).toBe(1);
      await page.getByRole('button', { name: 'Clear filters' }).click();
      await eventually(() => page.locator('[data-testid^="stock-row-"]').count()).toBe(3);

      // An adjustment: +5 MUG, and the row says so at once.
      const before = Number(await mug.locator('[data-field="on_hand"]').textContent());
      await mug.getByRole('button', { name: 'Manage MUG at DAL' }).click();
      const panel = page.getByRole('region', { name: 'Adjust MUG at DAL' });
      // First a removal of more than is on hand: refused, and the corrected form is a new request
      // (under the refused one's Idempotency-Key the server would answer 422 idempotency_key_reused).
      await panel.getByLabel('Change in units').fill(String(-(before + 1)));
      await panel.getByLabel('Reason').fill('Found a box in aisle 4');
      await panel.getByRole('button', { name: 'Adjust stock' }).click();
      await eventually(() => panel.getByRole('alert').textContent()).toContain('reserved');
      await panel.getByLabel('Change in units').fill('5');
      await panel.getByLabel('Reason').fill('Found a box in aisle 4');
      await checkPage(page, 'admin-inventory-adjust');
      await panel.getByRole('button', { name: 'Adjust stock' }).click();
      await eventually(() => mug.locator('[data-field="on_hand"]').textContent()).toBe(String(before + 5));
      expect(await page.getByRole('status').filter({ hasText: '+5 MUG at DAL' }).count()).toBe(1);
      const stock = (await suite.server.viewer.get('/api/v1/inventory?sku=MUG')).body.data[0];
      expect(stock.on_hand).toBe(before + 5);

      // A stock count sets on hand; the ledger lists both changes, newest first.
      await mug.getByRole('button', { name: 'Manage MUG at DAL' }).click();
      const choices = page.getByRole('group', { name: 'What to do with MUG at DAL' });
      await choices.getByRole('button', { name: 'Count' }).click();
      const count = page.getByRole('region', { name: 'Count MUG at DAL' });
      await count.getByLabel('Counted on hand').fill('60');
      await count.getByRole('button', { name: 'Save the count' }).click();
      await eventually(() => mug.locator('[data-field="on_hand"]').textContent()).toBe('60');
      await mug.getByRole('button', { name: 'Manage MUG at DAL' }).click();
      await choices.getByRole('button', { name: 'Ledger' }).click();
      expect(await choices.getByRole('button', { name: 'Ledger' }).getAttribute('aria-pressed')).toBe('true');
      const ledger = page.getByRole('region', { name: 'Ledger of MUG' }).getByRole('table');
      await eventually(() => ledger.getByRole('row').count()).toBeGreaterThan(3);
      const kinds = await ledger.locator('tbody tr td:nth-child(3)').allTextContents();
      expect(kinds.slice(0, 2)).toEqual(['Stock count', 'Adjustment']);
      expect(await ledger.textContent()).toContain('Found a box in aisle 4');
      await checkPage(page, 'admin-inventory-ledger');

      // This warehouse's own reorder point for MUG.
      await choices.getByRole('button', { name: 'Reorder policy' }).click();
      const policy = page.getByRole('region', { name: 'Reorder policy of MUG at DAL' });
      await policy.getByLabel('Reorder point at this warehouse').fill('12');
      await policy.getByRole('button', { name: 'Save the policy' }).click();
      await eventually(() => policy.getByRole('status').textContent()).toBe('DAL now reorders MUG at 12.');
      expect(await policy.getByText('This warehouse (DAL)').count()).toBe(1);
      await eventually(() => mug.locator('[data-field="reorder_point"]').textContent()).toBe('12');
      await checkPage(page, 'admin-inventory-reorder-policy');
    });
  });

  describe('suppliers and purchase orders', () => {
    it('adds a supplier, raises and sends a purchase order, and receives part of it', async () => {
      const page = await signedIn('/admin/suppliers', 'Suppliers');
      await page.getByText('No suppliers yet. Add the first one above.').waitFor();
      await page.getByText('Add a supplier').click();
      const form = page.getByRole('form', { name: 'Add a supplier' });
      await form.getByLabel('Name').fill('Acme Textiles');
      await form.getByLabel('Email').fill('orders@acme.example');
      await form.getByLabel('Lead time (days)').fill('5');
      await checkPage(page, 'admin-suppliers-add');
      await form.getByRole('button', { name: 'Add supplier' }).click();
      await page.getByRole('status').filter({ hasText: 'Added Acme Textiles.' }).waitFor();
      const row = page.getByRole('row', { name: /Acme Textiles/ });
      await eventually(() => row.textContent()).toContain('5 days');
      // Edited in place: the minimum per line.
      await row.getByRole('button', { name: 'Edit Acme Textiles' }).click();
      const edit = page.getByRole('region', { name: 'Edit Acme Textiles' });
      await edit.getByLabel('Minimum order quantity').fill('2');
      await edit.getByRole('button', { name: 'Save changes' }).click();
      await eventually(() => row.textContent()).toContain('2 units');
      await checkPage(page, 'admin-suppliers');

      await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Purchase orders' }).click();
      await page.getByRole('heading', { level: 1, name: 'Purchase orders' }).waitFor();
      await page.getByText('Raise a purchase order').click();
      const po = page.getByRole('form', { name: 'Raise a purchase order' });
      await po.getByLabel('Supplier', { exact: true }).selectOption({ label: 'Acme Textiles' });
      await po.getByLabel('Line 1 SKU').fill('TEE');
      await po.getByLabel('Line 1 quantity').fill('10');
      await po.getByRole('button', { name: 'Add a line' }).click();
      await po.getByLabel('Line 2 SKU').fill('MUG');
      await po.getByLabel('Line 2 quantity').fill('6');
      await checkPage(page, 'admin-purchase-orders-new');
      await po.getByRole('button', { name: 'Raise the purchase order' }).click();

      await page.waitForURL(/\/admin\/purchase-orders\/po_/);
      await page.getByRole('heading', { level: 1, name: /^Purchase order PO-/ }).waitFor();
      expect(await page.getByTestId('purchase-order-status').textContent()).toBe('Draft');
      expect(await page.getByRole('link', { name: /^Open the PDF/ }).getAttribute('href')).toMatch(/^\/api\/v1\/purchase-orders\/po_\w+\/pdf$/);
      await checkPage(page, 'admin-purchase-order-draft');

      await page.getByRole('button', { name: 'Send to the supplier' }).click();
      await confirmDialog(page).getByText('orders@acme.example is emailed').waitFor();
      await checkPage(page, 'admin-purchase-order-send-dialog');
      await confirmDialog(page).getByRole('button', { name: 'Send it' }).click();
      await eventually(() => page.getByTestId('purchase-order-status').textContent()).toBe('Sent to supplier');

      // 4 of the 10 tees arrive, none of the mugs.
      const receive = page.getByRole('form', { name: /^Receive goods for PO-/ });
      await receive.getByLabel('Received of TEE').fill('4');
      await receive.getByLabel('Received of MUG').fill('0');
      await receive.getByRole('button', { name: 'Receive these units' }).click();
      await eventually(() => page.getByTestId('purchase-order-status').textContent()).toBe('Partly received');
      expect(await page.getByTestId('po-line-TEE').locator('[data-field="received"]').textContent()).toBe('4');
      expect(await page.getByTestId('po-line-MUG').locator('[data-field="received"]').textContent()).toBe('0');
      expect(await page.getByRole('button', { name: 'Cancel the purchase order' }).count(), 'no cancelling once goods came').toBe(0);
      const tee = (await suite.server.viewer.get('/api/v1/inventory?sku=TEE')).body.data[0];
      expect(tee.on_hand).toBe(24);
      await checkPage(page, 'admin-purchase-order-partly-received');

      await page.getByRole('link', { name: 'All purchase orders' }).click();
      await page.getByRole('heading', { level: 1, name: 'Purchase orders' }).waitFor();
      const listed = page.getByRole('row', { name: /PO-/ });
      await eventually(() => listed.count()).toBe(1);
      expect(await listed.textContent()).toContain('Partly received');
      expect(await listed.textContent()).toContain('4 of 16 units');
      await checkPage(page, 'admin-purchase-orders');
    });
  });

  describe('notifications and jobs', () => {
    it('shows a message that could not be sent, sends it again, and retries a dead job', async () => {
      const dead = (await deadNotification())!;
      const page = await signedIn('/admin/notifications?status=dead', 'Notifications');
      const row = page.getByTestId(`notification-${dead.id}`);
      await row.waitFor();
      expect(await row.textContent()).toContain('Failed for good');
      expect(await row.textContent()).toContain(dead.to);
      await row.getByRole('button', { name: /^View/ }).click();
      const panel = page.getByTestId('notification-panel');
      const text = (await suite.server.admin.get(`/api/v1/notifications/${dead.id}`)).body.text as string;
      await eventually(() => panel.getByTestId('notification-text').textContent()).toBe(text);
      expect(await panel.textContent()).toContain('Last error');
      await checkPage(page, 'admin-notifications-dead');
      await row.getByRole('button', { name: /^Send again/ }).click();
      await eventually(() => row.textContent()).toContain('Queued');
      expect((await suite.server.admin.get(`/api/v1/notifications/${dead.id}`)).body.status).toBe('queued');

      await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Jobs' }).click();
      await page.getByRole('heading', { level: 1, name: 'Jobs' }).waitFor();
      await checkPage(page, 'admin-jobs');
      await page.getByRole('button', { name: 'Show the dead letters' }).click();
      await page.waitForURL(/status=dead/);
      await page.getByRole('heading', { level: 2, name: 'Dead letters' }).waitFor();
      const deadJob = page.locator('[data-testid^="job-"]').filter({ hasText: 'notifications.send' }).first();
      await deadJob.waitFor();
      expect(await deadJob.textContent()).toContain('Dead letter');
      const jobId = (await deadJob.getAttribute('data-testid'))!.slice('job-'.length);
      await checkPage(page, 'admin-jobs-dead-letters');
      await deadJob.getByRole('button', { name: 'Retry notifications.send' }).click();
      await page.getByRole('status').filter({ hasText: 'is back in the queue' }).waitFor();
      expect(await page.getByTestId(`job-${jobId}`).count(), 'a retried job leaves the dead letters').toBe(0);
      const jobs = (await suite.server.admin.get('/api/v1/jobs?status=queued&type=notifications.send')).body.data as Array<{ id: string }>;
      expect(jobs.map((j) => j.id)).toContain(jobId);
    });
  });

  describe('webhooks', () => {
    it('adds an endpoint, shows its secret once, and lists and replays its deliveries', async () => {
      const page = await signedIn('/admin/webhooks', 'Webhooks');
      await page.getByText('Add an endpoint').click();
      const form = page.getByRole('form', { name: 'Add an endpoint' });
      await form.getByLabel('URL').fill(`${receiver.url}/hooks/stock`);
      await form.getByLabel('Description (optional)').fill('Stock feed for the ERP');
      await form.getByLabel('All stock events (stock.*)').check();
      expect(await form.getByRole('checkbox', { name: 'stock.adjust', exact: true }).isChecked(), 'a type the family covers shows ticked').toBe(true);
      await checkPage(page, 'admin-webhooks-add');
      await form.getByRole('button', { name: 'Add the endpoint' }).click();

      const shown = page.getByTestId('webhook-secret');
      await shown.waitFor();
      const secret = await shown.getByLabel('Signing secret').inputValue();
      expect(secret).toMatch(/^whsec_/);
      expect(await shown.textContent()).toContain('It is not shown on this page again.');
      receiver.expectSecret('/hooks/stock', secret);
      const endpointRow = page.locator('[data-testid^="webhook-endpoint-"]');
      await eventually(() => endpointRow.count()).toBe(1);
      expect(await endpointRow.textContent()).toContain('stock.*');
      await checkPage(page, 'admin-webhooks-secret');
      await shown.getByRole('button', { name: 'I have stored it' }).click();
      expect(await page.getByTestId('webhook-secret').count()).toBe(0);

      // A stock change is delivered, signed with that secret.
      await addStock(suite.server.admin, 'TEE', 'DAL', 1);
      await drainJobs(suite.server);
      await eventually(() => receiver.at('/hooks/stock').length).toBeGreaterThan(0);
      expect(receiver.at('/hooks/stock')[0]!.verified).toBe(true);

      await endpointRow.getByRole('button', { name: /^Deliveries to/ }).click();
      const deliveries = page.getByTestId('webhook-deliveries');
      const delivery = deliveries.locator('[data-testid^="delivery-"]').first();
      await delivery.waitFor();
      expect(await delivery.textContent()).toContain('stock.adjust');
      expect(await delivery.textContent()).toContain('Delivered');
      expect(await delivery.textContent()).toContain('HTTP 200');
      await delivery.getByRole('button', { name: /^Details of stock.adjust/ }).click();
      await eventually(() => deliveries.getByRole('region', { name: /^Delivery / }).getByLabel('Body sent').textContent()).toContain('TEE');
      await checkPage(page, 'admin-webhooks-deliveries');
      await delivery.getByRole('button', { name: /^Replay stock.adjust/ }).click();
      await deliveries.getByRole('status').filter({ hasText: 'stock.adjust is being sent again.' }).waitFor();
      const count = receiver.at('/hooks/stock').length;
      await drainJobs(suite.server);
      await eventually(() => receiver.at('/hooks/stock').length).toBe(count + 1);

      // Switched off from its settings, asked first.
      await endpointRow.getByRole('button', { name: /^Settings of/ }).click();
      await page.getByTestId('webhook-settings').getByRole('button', { name: 'Disable the endpoint' }).click();
      await confirmDialog(page).getByText('Deliveries still waiting are cancelled.').waitFor();
      await confirmDialog(page).getByRole('button', { name: 'Disable the endpoint' }).click();
      await eventually(() => endpointRow.textContent()).toContain('Disabled');
      expect((await suite.server.admin.get('/api/v1/webhook-endpoints')).body.data[0].status).toBe('disabled');
    });
  });

  describe('API keys and users', () => {
    it('creates an API key that works, shows it once, and revokes it', async () => {
      const page = await signedIn('/admin/api-keys', 'API keys');
      await page.getByText('Create an API key').click();
      const form = page.getByRole('form', { name: 'Create an API key' });
      await form.getByLabel('Name').fill('Warehouse scanner');
      await form.getByLabel('Role').selectOption('operator');
      await form.getByRole('button', { name: 'Create the key' }).click();
      const shown = page.getByTestId('new-api-key');
      await shown.waitFor();
      expect(await shown.textContent()).toContain('it will not be shown again');
      const key = await shown.getByLabel('API key').inputValue();
      expect((await suite.server.anonymous.get('/api/v1/inventory', { key })).status, 'the new key works').toBe(200);
      const row = page.getByRole('row', { name: /Warehouse scanner/ });
      await eventually(() => row.textContent()).toContain('Operator');
      expect(await row.textContent()).toContain('Active');
      await checkPage(page, 'admin-api-keys-created');

      await row.getByRole('button', { name: 'Revoke Warehouse scanner' }).click();
      await confirmDialog(page).getByRole('heading', { name: 'Revoke the key “Warehouse scanner”?' }).waitFor();
      await checkPage(page, 'admin-api-keys-revoke-dialog');
      await confirmDialog(page).getByRole('button', { name: 'Revoke the key' }).click();
      await eventually(() => row.textContent()).toContain('Revoked');
      expect(await row.getByRole('button', { name: /^Revoke/ }).count()).toBe(0);
      expect((await suite.server.anonymous.get('/api/v1/inventory', { key })).status, 'the revoked key is refused').toBe(401);
    });

    it('adds a viewer who can then sign in and only read', async () => {
      // The one refusal this test expects: demoting the last enabled admin.
      const page = await signedIn('/admin/users', 'Users', { expectHttpErrors: [{ status: 409, url: '/api/v1/users/' }] });
      await page.getByText('Add a staff user').click();
      const form = page.getByRole('form', { name: 'Add a staff user' });
      await form.getByLabel('Email').fill('vera@shop.example');
      await form.getByLabel('Name (optional)').fill('Vera Viewer');
      await form.getByLabel('Role').selectOption('viewer');
      await form.getByLabel('First password').fill(STAFF_PASSWORD);
      await checkPage(page, 'admin-users-add');
      await form.getByRole('button', { name: 'Add the user' }).click();
      const row = page.getByTestId('user-vera@shop.example');
      await eventually(() => row.textContent()).toContain('Viewer');
      expect(await row.textContent()).toContain('Never');
      expect(await page.getByTestId(`user-${admin}`).textContent()).toContain('(you)');
      await checkPage(page, 'admin-users');

      // The shop keeps an enabled admin: demoting the only one is refused, in words.
      await page.getByTestId(`user-${admin}`).getByRole('button', { name: `Edit ${admin}` }).click();
      const edit = page.getByRole('region', { name: `Edit ${admin}` });
      await edit.getByLabel('Role').selectOption('viewer');
      await edit.getByRole('button', { name: 'Save changes' }).click();
      await eventually(() => edit.getByRole('alert').textContent()).toContain('This is the last enabled admin');
      await checkPage(page, 'admin-users-last-admin');
      await edit.getByRole('button', { name: 'Cancel' }).click();
      expect(await page.getByTestId(`user-${admin}`).textContent()).toContain('Admin');

      const viewer = await signedIn('/admin/inventory', 'Inventory', { email: 'vera@shop.example' });
      await viewer.getByTestId('stock-row-MUG@DAL').waitFor();
      expect(await viewer.getByTestId('read-only-note').count()).toBe(1);
      await viewer.getByRole('button', { name: 'Manage MUG at DAL' }).click();
      const choices = viewer.getByRole('group', { name: 'What to do with MUG at DAL' });
      expect(await choices.getByRole('button').allTextContents(), 'a viewer gets no adjustments nor counts').toEqual(['Reorder policy', 'Ledger', 'Close']);
      await viewer.getByRole('region', { name: 'Reorder policy of MUG at DAL' }).getByText('This warehouse (DAL)').waitFor();
      expect(await viewer.getByRole('button', { name: 'Save the policy' }).count()).toBe(0);
      await checkPage(viewer, 'admin-inventory-viewer');
    });

    it('keeps users and API keys from an operator', async () => {
      await createStaffUser(suite.server.deps.db, suite.server.deps, { email: 'otto@shop.example', role: 'operator', password: STAFF_PASSWORD });
      const page = await signedIn('/admin/jobs', 'Jobs', { email: 'otto@shop.example' });
      const sections = page.getByRole('navigation', { name: 'Sections' });
      await sections.getByRole('link', { name: 'Webhooks' }).waitFor();
      expect(await sections.getByRole('link', { name: 'Users' }).count()).toBe(0);
      expect(await sections.getByRole('link', { name: 'API keys' }).count()).toBe(0);
      await checkPage(page, 'admin-jobs-operator');
      await page.goto(suite.url('/admin/users'));
      await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
      expect(await page.getByTestId('only-admins').textContent()).toContain('Only admins can manage staff users.');
      await checkPage(page, 'admin-users-operator');
      await page.goto(suite.url('/admin/api-keys'));
      await eventually(() => page.getByTestId('only-admins').textContent()).toContain('Only admins can manage API keys.');
      await checkPage(page, 'admin-api-keys-operator');
    });
  });

  describe('on a phone', () => {
    it('fits every operations page into 375 px: tables scroll inside their box', async () => {
      const page = await signedIn('/admin/shipments', 'Shipments', { viewport: MOBILE_VIEWPORT });
      const pages: Array<[path: string, heading: string | RegExp]> = [
        ['/admin/shipments', 'Shipments'],
        ['/admin/inventory', 'Inventory'],
        ['/admin/suppliers', 'Suppliers'],
        ['/admin/purchase-orders', 'Purchase orders'],
        ['/admin/notifications', 'Notifications'],
        ['/admin/jobs', 'Jobs'],
        ['/admin/webhooks', 'Webhooks'],
        ['/admin/users', 'Users'],
        ['/admin/api-keys', 'API keys'],
      ];
      for (const [path, heading] of pages) {
        if (path !== '/admin/shipments') await page.goto(suite.url(path));
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        await page.getByRole('table').first().waitFor();
        await expectNoSidewaysScroll(page, path);
        await checkPage(page, `375px-${path.slice(1).replaceAll('/', '-')}`);
      }
      // A wide table is wider than the phone, inside its scrolling region.
      await page.goto(suite.url('/admin/inventory'));
      const region = page.getByRole('region', { name: 'Stock', exact: true });
      await region.waitFor();
      expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
      // A purchase order's page and its receive form too.
      await page.goto(suite.url('/admin/purchase-orders'));
      await page.getByRole('link', { name: /^PO-/ }).first().click();
      await page.getByRole('heading', { level: 1, name: /^Purchase order PO-/ }).waitFor();
      await expectNoSidewaysScroll(page, 'a purchase order');
      await checkPage(page, '375px-admin-purchase-order');
    });
  });
});
