/**
 * The customer portal's order pages in a real browser (issue 9): a customer signs in, finds the
 * order placed with their email, opens it and watches it change live while the sim carrier
 * delivers it (the page is never reloaded: a marker set on the page's window survives), sees the
 * map and its "Last scan" text, the invoice, rates the delivery and changes the rating, asks to
 * return one item (a refusal from the server shown beside its field, a double click making one
 * return) and sees it on the returns page, where the approval arrives live with the label; chooses
 * which messages to get. The public tracking page picks up a new scan by itself, at its poll and
 * when the tab becomes visible again. Every portal page fits a 375 px wide phone.
 */
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { customerTimeline, timelineText, type TimelineEntry } from '../../web/src/portal/timeline-text.js';
import { TRACKING_POLL_MS } from '../../web/src/track/polling.js';
import { addStock, createProduct, createWarehouse, orderBody } from '../support/fixtures.js';
import { drainJobs, travelUntil } from '../support/jobs.js';
import { CUSTOMER_PASSWORD, registerCustomer, signInCustomer } from '../support/sessions.js';
import { UNEVENTFUL_SIM } from '../support/sim-env.js';
import { browserSuite, checkPage, describeBrowser, eventually, expectNoSidewaysScroll, MOBILE_VIEWPORT } from './support/browser.js';

const EMAIL = 'mary.jackson@example.com';
const NAME = 'Mary Jackson';

describeBrowser('the customer portal: orders, live delivery, returns and messages', () => {
  const suite = browserSuite({
    env: {
      ...UNEVENTFUL_SIM,
      // The sim's clock runs this much faster than the server's (a test clock the test moves on):
      // an overnight parcel is delivered within a few minutes of it.
      WAYBILL_SIM_SPEED: '1440',
    },
  });
  const seattle = { name: NAME, line1: '400 Broad St', line2: null, city: 'Seattle', region: 'WA', postal_code: '98109', country: 'US' };

  beforeAll(async () => {
    const api = suite.server.admin;
    await createWarehouse(api, 'DAL', 'Dallas', 'TX');
    await createProduct(api, 'MUG', { name: 'Stoneware mug', unit_price: 1999, length_mm: 120, width_mm: 90, height_mm: 100, weight_grams: 350 });
    await createProduct(api, 'TEA', { name: 'Breakfast tea', unit_price: 850, weight_grams: 250 });
    await addStock(api, 'MUG', 'DAL', 50);
    await addStock(api, 'TEA', 'DAL', 50);
    await registerCustomer(suite.server, EMAIL, { name: NAME });
  });

  /** Places an order with the customer's email (overnight: the sim's journey is short) and runs the pipeline to its label. */
  async function placeOrder(lines = [{ sku: 'MUG', quantity: 2 }, { sku: 'TEA', quantity: 1 }]): Promise<{ id: string; number: string; tracking_token: string }> {
    const body = orderBody(lines, {
      customer: { email: EMAIL, name: NAME, phone: '+15125550101' },
      shipping_address: seattle,
      payment: { provider: 'test', token: 'tok_visa' },
      shipping: { strategy: 'fastest', carrier: null, service: null },
    });
    const placed = await suite.server.operator.post('/api/v1/orders', body);
    expect(placed.status, placed.text).toBe(201);
    await drainJobs(suite.server);
    const order = (await suite.server.viewer.get(`/api/v1/orders/${placed.body.id}`)).body;
    expect(order.status).toBe('ready_to_ship');
    return order;
  }

  const orderOf = async (id: string) => (await suite.server.viewer.get(`/api/v1/orders/${id}`)).body;

  async function mainOf(page: Page, title: string | RegExp) {
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    return page.getByRole('main');
  }

  async function signIn(page: Page, next = '') {
    await page.goto(suite.url(`/account/sign-in${next}`));
    const form = await mainOf(page, 'Sign in');
    await form.getByLabel('Email').fill(EMAIL);
    await form.getByLabel('Password').fill(CUSTOMER_PASSWORD);
    await form.getByRole('button', { name: 'Sign in' }).click();
  }

  /** Marks the document: a reload or a full navigation loses the mark, a live update keeps it. */
  const markDocument = (page: Page) => page.evaluate('window.__sameDocument = true');
  const stillSameDocument = async (page: Page) => (await page.evaluate('window.__sameDocument === true')) as boolean;

  async function expectMap(page: Page, paths: number) {
    const map = page.getByRole('region', { name: 'Map of the route to Seattle' });
    await eventually(() => map.evaluate((el) => el.classList.contains('leaflet-container'))).toBe(true);
    await eventually(() => map.locator('.leaflet-overlay-pane path:not(.leaflet-interactive)').count()).toBeGreaterThan(150);
    // The route of scans, the current position and the destination ring.
    await eventually(() => map.locator('.leaflet-overlay-pane path.leaflet-interactive').count()).toBe(paths);
    expect(await map.locator('.leaflet-tile').count(), 'no tile server: the map is offline').toBe(0);
    // Its text alternative, which the map names as its description.
    const described = await map.getAttribute('aria-describedby');
    expect(described).toBeTruthy();
    expect(await page.locator(`#${described}`).innerText()).toMatch(/^Last scan: .+, .+\d{2}:\d{2}( [AP]M)?$/m);
  }

  it('follows an order live to the door, rates the delivery, returns an item and chooses the messages', async () => {
    const order = await placeOrder();
    // The server refuses one return (an unknown exchange SKU): Chromium logs its 422.
    const page = await suite.newPage({ expectHttpErrors: [{ status: 422, url: `/portal/orders/${order.id}/returns` }], passThrough: ['/account/sign-in'] });
    await signIn(page);
    await page.waitForURL('**/account/orders');

    // The orders page: the order, its status in words, its page and its tracking page.
    const list = page.getByTestId('order-list');
    const link = list.getByRole('link', { name: `Order ${order.number}`, exact: true });
    await link.waitFor();
    expect(await list.getByRole('status', { name: `Status of order ${order.number}: Ready to ship` }).count()).toBe(1);
    expect(await list.getByRole('link', { name: `Track order ${order.number}` }).getAttribute('href')).toMatch(new RegExp(`/track/${order.tracking_token}$`));
    await eventually(() => page.getByTestId('live').textContent()).toBe('Live');
    await checkPage(page, 'portal-orders');

    await link.click();
    await page.waitForURL(`**/account/orders/${order.id}`);
    await mainOf(page, `Order ${order.number}`);
    const status = page.getByTestId('order-status');
    expect(await status.textContent()).toBe('Ready to ship');
    await eventually(() => page.getByTestId('live').textContent()).toBe('Live');
    expect(await page.getByRole('status', { name: 'Order status: Ready to ship' }).count()).toBe(1);
    const parcel = page.getByRole('region', { name: 'Your parcel' });
    expect(await parcel.getByRole('link', { name: /^SIM\d+ \(on the carrier's site\)$/ }).count()).toBe(1);
    // The invoice is issued while the order is processed.
    const invoice = page.getByRole('link', { name: 'Download the invoice (PDF)' });
    expect(await invoice.getAttribute('href')).toBe(`/portal/orders/${order.id}/invoice.pdf`);
    const pdf = await page.request.get(suite.url(`/portal/orders/${order.id}/invoice.pdf`));
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    // Nothing arrived yet: nothing to return, nothing to rate.
    expect(await page.getByRole('link', { name: 'Return items' }).count()).toBe(0);
    expect(await page.getByRole('group', { name: 'How was the delivery?' }).count()).toBe(0);
    await checkPage(page, 'portal-order-ready');

    // The sim carrier takes it: the same page follows, never reloaded.
    await markDocument(page);
    await travelUntil(suite.server, async () => (await orderOf(order.id)).status === 'in_transit');
    await eventually(() => status.textContent()).toBe('In transit');
    const steps = parcel.getByRole('list', { name: 'Your parcel' }).getByRole('listitem');
    await eventually(() => steps.allTextContents()).toEqual(['Label created (done)', 'In transit (current)', 'Out for delivery (to come)', 'Delivered (to come)']);
    const updates = parcel.getByRole('list', { name: 'Updates' }).getByRole('listitem');
    await eventually(() => updates.count()).toBeGreaterThan(1);
    await expectMap(page, 3);
    expect(await page.getByRole('list', { name: 'Timeline' }).getByText(/^Parcel scanned in /).count()).toBeGreaterThan(0);
    expect(await stillSameDocument(page), 'the page was not reloaded').toBe(true);
    await checkPage(page, 'portal-order-in-transit');

    await travelUntil(suite.server, async () => (await orderOf(order.id)).status === 'delivered');
    await eventually(() => status.textContent()).toBe('Delivered');
    await eventually(() => steps.allTextContents()).toEqual(['Label created (done)', 'In transit (done)', 'Out for delivery (done)', 'Delivered (current)']);
    const scans = (await suite.server.viewer.get(`/api/v1/shipments/${(await orderOf(order.id)).shipments[0].id}`)).body.events as Array<{ description: string }>;
    await eventually(() => updates.count()).toBe(scans.length);
    expect(await updates.first().textContent()).toContain(scans.at(-1)!.description);
    await expectMap(page, 3);
    // The timeline in words, newest first, as the API has it now.
    const timeline = (await signInCustomer(suite.server, EMAIL).then((c) => c.request('GET', `/portal/orders/${order.id}`))).body.timeline;
    await eventually(() => page.getByRole('list', { name: 'Timeline' }).getByRole('listitem').first().textContent()).toContain(timelineText(customerTimeline(timeline as TimelineEntry[])[0]!, 'USD'));
    expect(await stillSameDocument(page), 'the page was not reloaded').toBe(true);

    // Delivered: the rating form and the return link came with the live update.
    const rating = page.getByRole('group', { name: 'How was the delivery?' });
    await rating.waitFor();
    await checkPage(page, 'portal-order-delivered');
    await page.getByRole('button', { name: 'Send feedback' }).click();
    await rating.getByText('Rating: choose one from 1 to 5').waitFor();
    expect(await page.getByRole('alert').textContent()).toBe('Please check the field marked below.');
    await rating.getByRole('radio', { name: '4 – Good' }).check();
    await page.getByLabel('Anything to add? (optional)').fill('Left with the neighbour, all fine.');
    await page.getByRole('button', { name: 'Send feedback' }).click();
    await page.getByText('Thanks for your feedback: you rated the delivery 4 out of 5.').waitFor();
    await eventually(() => page.getByRole('list', { name: 'Timeline' }).getByText('You rated the delivery 4 out of 5.').count()).toBe(1);
    await checkPage(page, 'portal-order-rated');
    // Editable later.
    await page.getByRole('button', { name: 'Change your rating' }).click();
    expect(await rating.getByRole('radio', { name: '4 – Good' }).isChecked()).toBe(true);
    await rating.getByRole('radio', { name: '5 – Excellent' }).check();
    await page.getByRole('button', { name: 'Save the change' }).click();
    await page.getByText('Thanks for your feedback: you rated the delivery 5 out of 5.').waitFor();
    const customer = await signInCustomer(suite.server, EMAIL);
    expect((await customer.request('GET', `/portal/orders/${order.id}`)).body.feedback).toMatchObject({ rating: 5, comment: 'Left with the neighbour, all fine.' });
    expect(await stillSameDocument(page), 'the page was not reloaded').toBe(true);

    // A return of one mug.
    await page.getByRole('link', { name: 'Return items' }).click();
    await page.waitForURL(`**/account/orders/${order.id}/return`);
    const form = await mainOf(page, `Return items of order ${order.number}`);
    expect(await form.getByText('You can return items within 30 days of delivery.').count()).toBe(1);
    const mug = form.getByRole('group', { name: 'Stoneware mug' });
    const mugQuantity = mug.getByLabel('How many to return');
    // Bounded by what was delivered: none, 1 or 2.
    expect(await mugQuantity.locator('option').allTextContents()).toEqual(['None', '1', '2']);
    await checkPage(page, 'portal-return-request');

    await form.getByRole('button', { name: 'Ask for the return' }).click();
    await page.getByRole('alert').getByText('Choose how many of at least one item to return.').waitFor();
    await mugQuantity.selectOption('1');
    await mug.getByLabel('Why are you returning it?').selectOption({ label: 'Changed my mind' });
    await mug.getByLabel('Refund or exchange').selectOption({ label: 'Exchange it for another item' });
    await mug.getByLabel('The item you want instead (its SKU)').fill('NO-SUCH-SKU');
    await form.getByRole('button', { name: 'Ask for the return' }).click();
    // The server's refusal, beside the field and in the summary.
    await mug.locator('.field-error').getByText(/no product has SKU NO-SUCH-SKU/).waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Stoneware mug — Exchange: no product has SKU NO-SUCH-SKU');
    expect(await mug.getByLabel('The item you want instead (its SKU)').getAttribute('aria-invalid')).toBe('true');
    await checkPage(page, 'portal-return-refused');

    await mug.getByLabel('Refund or exchange').selectOption({ label: 'Refund me' });
    await form.getByLabel('Anything we should know? (optional)').fill('Too big for my shelf.');
    // A double click makes one return (one Idempotency-Key per visit, and the button waits).
    await form.getByRole('button', { name: 'Ask for the return' }).dblclick();
    await page.waitForURL('**/account/returns');
    await mainOf(page, 'Your returns');
    await page.getByText(`We have your return request for order ${order.number}.`).waitFor();
    const returns = (await customer.request('GET', '/portal/returns')).body.data as Array<{ id: string; order_id: string; status: string; refund_amount: number; lines: Array<{ sku: string; quantity: number }> }>;
    expect(returns).toHaveLength(1);
    expect(returns[0]).toMatchObject({ order_id: order.id, status: 'requested', lines: [expect.objectContaining({ sku: 'MUG', quantity: 1 })] });
    const card = page.getByRole('region', { name: `Return for order ${order.number}` });
    expect(await card.getByRole('status', { name: 'Return status: Requested' }).count()).toBe(1);
    expect(await card.getByText('1 × Stoneware mug — Changed my mind').count()).toBe(1);
    expect(await card.getByText('Refund to expect:').textContent()).toContain(`$${(returns[0]!.refund_amount / 100).toFixed(2)}`);
    expect(await card.getByRole('link', { name: `See order ${order.number}` }).getAttribute('href')).toBe(`/account/orders/${order.id}`);
    expect(await card.getByRole('link', { name: 'Print the return label (PDF)' }).count()).toBe(0);
    await eventually(() => page.getByTestId('live').textContent()).toBe('Live');
    await checkPage(page, 'portal-returns-requested');

    // Staff approve it: the label appears live.
    await markDocument(page);
    const approved = await suite.server.operator.post(`/api/v1/returns/${returns[0]!.id}/approve`, {});
    expect(approved.status, approved.text).toBe(200);
    await drainJobs(suite.server);
    await card.getByRole('status', { name: 'Return status: Approved' }).waitFor();
    const label = card.getByRole('link', { name: 'Print the return label (PDF)' });
    expect(await label.getAttribute('href')).toMatch(new RegExp(`/portal/returns/${returns[0]!.id}/label\\.pdf$`));
    const labelPdf = await page.request.get(suite.url(`/portal/returns/${returns[0]!.id}/label.pdf`));
    expect(labelPdf.status()).toBe(200);
    expect(await stillSameDocument(page), 'the page was not reloaded').toBe(true);
    await checkPage(page, 'portal-returns-approved');

    // Messages: texts about the shipping, and no more delivery emails.
    await page.getByRole('link', { name: 'Messages' }).click();
    await page.waitForURL('**/account/preferences');
    const table = page.getByRole('table', { name: 'Messages by email and by SMS' });
    await table.waitFor();
    const smsShipped = table.getByRole('checkbox', { name: 'SMS: Order shipped' });
    const emailDelivered = table.getByRole('checkbox', { name: 'Email: Delivered' });
    expect(await smsShipped.isChecked()).toBe(false);
    expect(await emailDelivered.isChecked()).toBe(true);
    await checkPage(page, 'portal-preferences');
    await smsShipped.check();
    await emailDelivered.uncheck();
    await page.getByRole('button', { name: 'Save your choices' }).click();
    await page.getByText('Saved. We send you these messages from now on.').waitFor();
    const prefs = (await customer.request('GET', '/portal/preferences')).body;
    expect(prefs.sms.shipped).toBe(true);
    expect(prefs.email.delivered).toBe(false);
    expect(prefs.email.shipped).toBe(true);
    await checkPage(page, 'portal-preferences-saved');
  });

  it('updates the public tracking page by itself: at its poll, and at once when the tab is shown again', async () => {
    const order = await placeOrder([{ sku: 'TEA', quantity: 1 }]);
    await travelUntil(suite.server, async () => (await orderOf(order.id)).status === 'in_transit');
    const shipmentId = (await orderOf(order.id)).shipments[0].id as string;

    const page = await suite.newPage();
    await page.goto(suite.url(`/track/${order.tracking_token}`));
    await page.getByRole('heading', { level: 1, name: `Order ${order.number}` }).waitFor();
    expect(await page.getByRole('status', { name: 'Order status: In transit' }).count()).toBe(1);
    const updates = page.getByRole('region', { name: 'Your parcel' }).getByRole('list', { name: 'Updates' });
    await updates.waitFor();
    await expectMap(page, 3);
    await checkPage(page, 'track-live-before');
    await markDocument(page);

    const scan = async (city: string, region: string, description: string) => {
      // A minute later on the server's clock: the scan is the newest.
      suite.server.clock.advance(60_000);
      const res = await suite.server.operator.post(`/api/v1/shipments/${shipmentId}/events`, { status: 'in_transit', description, location: { city, region, country: 'US' } });
      expect(res.status, res.text).toBe(201);
    };

    // The poll: no reload, no "Looking up…", the new scan on top and in the map's text.
    await scan('Portland', 'OR', 'Arrived at the Portland hub');
    await expect
      .poll(() => updates.getByRole('listitem').first().textContent(), { timeout: TRACKING_POLL_MS + 15_000, interval: 250 })
      .toContain('Arrived at the Portland hub');
    expect(await page.getByText(/^Last scan: Portland, OR, US, /).count()).toBe(1);
    expect(await page.getByText('Looking up your order…').count()).toBe(0);
    expect(await stillSameDocument(page), 'the page was not reloaded').toBe(true);

    // A tab shown again asks at once, long before the next poll is due.
    await scan('Tacoma', 'WA', 'Departed the Tacoma facility');
    await page.evaluate(`(() => {
      const set = (state) => {
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
        document.dispatchEvent(new Event('visibilitychange'));
      };
      set('hidden');
      set('visible');
    })()`);
    await expect.poll(() => updates.getByRole('listitem').first().textContent(), { timeout: 5_000, interval: 100 }).toContain('Departed the Tacoma facility');
    expect(await page.getByText(/^Last scan: Tacoma, WA, US, /).count()).toBe(1);
    expect(await stillSameDocument(page), 'the page was not reloaded').toBe(true);
    await checkPage(page, 'track-live-after');
  });

  it('fits every portal page on a 375 px wide phone', async () => {
    const order = await placeOrder([{ sku: 'MUG', quantity: 1 }]);
    await travelUntil(suite.server, async () => (await orderOf(order.id)).status === 'delivered');
    const page = await suite.newPage({ viewport: MOBILE_VIEWPORT, passThrough: ['/account/sign-in'] });
    await signIn(page);
    await page.waitForURL('**/account/orders');
    const pages = [
      ['/account/orders', 'Your orders'],
      [`/account/orders/${order.id}`, `Order ${order.number}`],
      [`/account/orders/${order.id}/return`, `Return items of order ${order.number}`],
      ['/account/returns', 'Your returns'],
      ['/account/preferences', 'Messages we send you'],
    ] as const;
    for (const [path, title] of pages) {
      await page.goto(suite.url(path));
      await mainOf(page, title);
      // The page's content, not only its heading: the loading notes are narrow.
      await eventually(() => page.locator('main [aria-busy="true"]').count()).toBe(0);
      if (path === `/account/orders/${order.id}`) await expectMap(page, 3);
      await expectNoSidewaysScroll(page, path);
      await checkPage(page, `375px${path.replaceAll('/', '-')}`);
    }
  });
});
