/**
 * The public tracking JSON carries what the tracking page needs to look like the shop: its name,
 * logo, website and colours (WAYBILL_SHOP_* settings), with defaults when none are set, and still
 * nothing personal beyond city level.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../support/databases.js';
import { addStock, createProduct, createWarehouse, orderBody } from '../support/fixtures.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe.each(testDialects())('public tracking branding (%s)', (dialect) => {
  let branded: TestServer;
  let plain: TestServer;
  beforeAll(async () => {
    branded = await startTestServer(dialect, {
      WAYBILL_SHOP_NAME: 'Maple & Co',
      WAYBILL_SHOP_LOGO_URL: 'https://maple.example/logo.png',
      WAYBILL_SHOP_URL: 'https://maple.example/',
      WAYBILL_SHOP_PRIMARY_COLOR: '#2d6a4f',
      WAYBILL_SHOP_ACCENT_COLOR: '#ffb703',
    });
    plain = await startTestServer(dialect);
  });
  afterAll(async () => {
    await branded?.close();
    await plain?.close();
  });

  async function trackingOf(server: TestServer) {
    await createWarehouse(server.admin, 'RNO', 'Reno', 'NV');
    await createProduct(server.admin, 'MUG-01');
    await addStock(server.admin, 'MUG-01', 'RNO', 10);
    const order = await server.operator.post('/api/v1/orders', orderBody([{ sku: 'MUG-01', quantity: 1 }], { payment: { provider: 'test', token: 'tok_visa' } }));
    expect(order.status, order.text).toBe(201);
    const track = await server.anonymous.get(`/api/v1/track/${order.body.tracking_token}`);
    expect(track.status, track.text).toBe(200);
    return track;
  }

  it("answers the shop's name, logo, website and colours", async () => {
    const track = await trackingOf(branded);
    expect(track.body.shop).toEqual({ name: 'Maple & Co', logo_url: 'https://maple.example/logo.png', website_url: 'https://maple.example/', primary_color: '#2d6a4f', accent_color: '#ffb703' });
    expect(track.body.destination).toMatchObject({ city: 'Austin', region: 'TX', country: 'US' });
    for (const secret of ['Ada', 'Lovelace', 'Congress', '78701', 'example.com', '+1512']) expect(track.text).not.toContain(secret);
  });

  it('falls back to the default colours and no logo', async () => {
    const track = await trackingOf(plain);
    expect(track.body.shop).toEqual({ name: 'Waybill Demo Shop', logo_url: null, website_url: null, primary_color: '#1f6feb', accent_color: '#f78166' });
  });
});
