/**
 * The public tracking page in a real browser: an order placed through the API ships with the sim
 * carrier, and /track/<token> shows the shop's name, the progress of the shipment, its scans and
 * the Leaflet map (the offline country layer, the route of scans, the current position and the
 * destination), on a desktop and at 375 px wide; a token that names no order gets a not-found page.
 */
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { addStock, createProduct, createWarehouse, orderBody } from '../support/fixtures.js';
import { drainJobs, travelUntil } from '../support/jobs.js';
import { browserSuite, checkPage, describeBrowser, eventually, expectNoSidewaysScroll, MOBILE_VIEWPORT } from './support/browser.js';
import { UNEVENTFUL_SIM } from '../support/sim-env.js';

const SHOP = 'Maple & Co';

describeBrowser('the public tracking page', () => {
  const suite = browserSuite({ env: { ...UNEVENTFUL_SIM, WAYBILL_SHOP_NAME: SHOP, WAYBILL_SHOP_URL: 'https://maple.example/', WAYBILL_SHOP_PRIMARY_COLOR: '#2d6a4f' } });
  const seattle = { name: 'Ada Lovelace', line1: '400 Broad St', line2: null, city: 'Seattle', region: 'WA', postal_code: '98109', country: 'US' };

  beforeAll(async () => {
    const api = suite.server.admin;
    await createWarehouse(api, 'DAL', 'Dallas', 'TX');
    await createProduct(api, 'MUG', { unit_price: 1999, length_mm: 120, width_mm: 90, height_mm: 100, weight_grams: 350 });
    await addStock(api, 'MUG', 'DAL', 50);
  });

  /** Places an order (overnight, so that the sim's journey is short) and runs the pipeline to its label. */
  async function placeOrder(): Promise<{ id: string; number: string; tracking_token: string }> {
    const body = orderBody([{ sku: 'MUG', quantity: 1 }], { shipping_address: seattle, payment: { provider: 'test', token: 'tok_visa' }, shipping: { strategy: 'fastest', carrier: null, service: null } });
    const placed = await suite.server.operator.post('/api/v1/orders', body);
    expect(placed.status, placed.text).toBe(201);
    await drainJobs(suite.server);
    const order = (await suite.server.viewer.get(`/api/v1/orders/${placed.body.id}`)).body;
    expect(order.status).toBe('ready_to_ship');
    return order;
  }

  const statusOf = async (id: string): Promise<string> => (await suite.server.viewer.get(`/api/v1/orders/${id}`)).body.status;

  async function expectMap(page: Page, city: string) {
    const map = page.getByRole('region', { name: `Map of the route to ${city}` });
    await eventually(() => map.evaluate((el) => el.classList.contains('leaflet-container'))).toBe(true);
    // The offline base map: a path per country (Natural Earth 1:110m has 177), not interactive.
    await eventually(() => map.locator('.leaflet-overlay-pane path:not(.leaflet-interactive)').count()).toBeGreaterThan(150);
    // The route of scans, the current position and the destination ring.
    const drawn = map.locator('.leaflet-overlay-pane path.leaflet-interactive');
    await eventually(() => drawn.count()).toBe(3);
    for (const d of await drawn.evaluateAll((paths) => paths.map((p) => p.getAttribute('d') ?? ''))) expect(d).toMatch(/^M-?[\d.]+[ ,]-?[\d.]+[a-zA-Z]/);
    expect(await map.locator('.leaflet-tile').count(), 'no tile server: the map is offline').toBe(0);
    await eventually(() => map.getByText('Natural Earth').count()).toBe(1);
  }

  it('follows a delivery: the shop, the progress bar, the scans and the map', async () => {
    const order = await placeOrder();
    await travelUntil(suite.server, async () => (await statusOf(order.id)) === 'in_transit');

    const page = await suite.newPage();
    await page.goto(suite.url(`/track/${order.tracking_token}`));
    await eventually(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`Order ${order.number}`);
    expect(await page.title()).toBe(`Order ${order.number} · ${SHOP}`);
    expect(await page.getByRole('link', { name: SHOP }).getAttribute('href')).toBe('https://maple.example/');
    expect(await page.getByTestId('order-status').textContent()).toBe('In transit');

    const parcel = page.getByRole('region', { name: 'Your parcel' });
    const steps = parcel.getByRole('list', { name: 'Your parcel' }).getByRole('listitem');
    expect(await steps.allTextContents()).toEqual(['Label created (done)', 'In transit (current)', 'Out for delivery (to come)', 'Delivered (to come)']);
    expect(await steps.evaluateAll((items) => items.map((li) => li.getAttribute('data-state')))).toEqual(['done', 'current', 'upcoming', 'upcoming']);
    expect(await parcel.locator('[aria-current="step"]').textContent()).toContain('In transit');
    expect(await parcel.getByRole('link', { name: /^SIM\d{15}/ }).count()).toBe(1);
    await eventually(() => page.getByText(/^Estimated delivery/).count()).toBeGreaterThan(0);

    const shipment = (await suite.server.viewer.get(`/api/v1/orders/${order.id}`)).body.shipments[0];
    const scans = (await suite.server.viewer.get(`/api/v1/shipments/${shipment.id}`)).body.events as Array<{ description: string }>;
    expect(scans.length).toBeGreaterThan(1);
    const events = parcel.getByTestId('events').getByRole('listitem');
    expect(await events.count()).toBe(scans.length);
    // Newest first.
    expect(await events.first().textContent()).toContain(scans.at(-1)!.description);
    await expectMap(page, 'Seattle');
    await checkPage(page, 'track-in-transit');

    await travelUntil(suite.server, async () => (await statusOf(order.id)) === 'delivered');
    await page.reload();
    await eventually(() => page.getByTestId('order-status').textContent()).toBe('Delivered');
    expect(await steps.allTextContents()).toEqual(['Label created (done)', 'In transit (done)', 'Out for delivery (done)', 'Delivered (current)']);
    expect(await parcel.getByText(/^Delivered /).count()).toBeGreaterThan(0);
    expect(await page.getByText(/^Estimated delivery/).count(), 'no ETA once delivered').toBe(0);
    const delivered = (await suite.server.viewer.get(`/api/v1/shipments/${shipment.id}`)).body.events as Array<{ description: string }>;
    expect(await events.count()).toBe(delivered.length);
    expect(await events.first().textContent()).toContain(delivered.at(-1)!.description);
    await expectMap(page, 'Seattle');
    // City level only: nothing of the address nor the customer.
    const text = await page.locator('body').innerText();
    for (const secret of ['Ada', 'Lovelace', 'Broad St', '98109', 'example.com']) expect(text).not.toContain(secret);
    await checkPage(page, 'track-delivered');
  });

  it('fits a 375 px wide phone: no sideways scrolling, the map still drawn', async () => {
    const order = await placeOrder();
    await travelUntil(suite.server, async () => (await statusOf(order.id)) === 'delivered');
    const page = await suite.newPage({ viewport: MOBILE_VIEWPORT });
    await page.goto(suite.url(`/track/${order.tracking_token}`));
    await eventually(() => page.getByTestId('order-status').textContent()).toBe('Delivered');
    await expectMap(page, 'Seattle');
    await expectNoSidewaysScroll(page, 'the tracking page');
    const map = await page.getByRole('region', { name: 'Map of the route to Seattle' }).boundingBox();
    expect(map!.width).toBeGreaterThan(250);
    expect(map!.x + map!.width).toBeLessThanOrEqual(MOBILE_VIEWPORT.width);
    expect(map!.height).toBeGreaterThan(150);
    await checkPage(page, 'track-delivered-375px');
  });

  it('says so when the token names no order', async () => {
    const page = await suite.newPage({ expectHttpErrors: [{ status: 404, url: '/api/v1/track/' }] });
    await page.goto(suite.url('/track/tk_this_token_names_no_order_000000'));
    await eventually(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('We could not find this order');
    expect(await page.title()).toContain('Tracking not found');
    expect(await page.getByRole('region', { name: /map/i }).count()).toBe(0);
    await checkPage(page, 'track-not-found');
  });
});
