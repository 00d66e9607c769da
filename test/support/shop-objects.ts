/**
 * A shop of real objects, made through the API the way a shop makes them, for the suites that walk
 * every route of /openapi.json (the authorization matrix, the fuzzer) and must name real objects in
 * paths and bodies, so that a request reaches the code behind validation and the 404 in front of it
 * is not all they test:
 * - two warehouses (Dallas, Berlin) and three products: a returnable mug with dimensions, a tee, and
 *   a backorderable item at the largest price; mug and tee stocked in both warehouses;
 * - a webhook endpoint (made before the orders, so that their events reach it) with a delivery;
 * - the owner's order, paid, shipped by the sim carrier and delivered (with its invoice and
 *   notifications), refunded in part (goodwill) and returned in part (the owner asked, staff
 *   approved, so that the return has a label); a second, open order of the owner; and, when there is
 *   one, the other customer's own order;
 * - a supplier with a purchase order, a reorder policy, and a spare staff user and API key (a suite
 *   may change or revoke them; never its own principals).
 */
import { expect } from 'vitest';
import { addStock, createProduct, createWarehouse, orderBody } from './fixtures.js';
import { drainJobs, travel } from './jobs.js';
import type { TestServer } from './server.js';
import { STAFF_PASSWORD, type CustomerSession } from './sessions.js';
import type { WebhookReceiver } from './webhook-receiver.js';

/** The returnable product: what the owner's delivered order holds, and what its return sends back. */
export const SHOP_SKU = 'SHOP-MUG';
const WAREHOUSES = ['SHA', 'SHB'];
const SKUS = [SHOP_SKU, 'SHOP-TEE', 'SHOP-BIG'];

export interface ShopObjects {
  skus: string[];
  warehouses: string[];
  /** The owner's: delivered (then refunded in part and returned in part) first, open second. */
  orderIds: string[];
  orderNumbers: string[];
  trackingTokens: string[];
  /** The owner. */
  customerId: string;
  shipmentId: string;
  trackingNumber: string;
  notificationId: string;
  jobId: string;
  refundId: string;
  /** The owner's return. */
  returnId: string;
  supplierId: string;
  purchaseOrderId: string;
  endpointId: string;
  deliveryId: string;
  userId: string;
  apiKeyId: string;
  carriers: string[];
  paymentProviders: string[];
}

function ok(res: { status: number; text: string; body: any }, what: string): any {
  expect(res.status, `${what}: ${res.text}`).toBeGreaterThanOrEqual(200);
  expect(res.status, `${what}: ${res.text}`).toBeLessThan(300);
  return res.body;
}

/** `receiverPath`: where on the receiver the endpoint's deliveries go. */
export async function createShopObjects(
  server: TestServer,
  customers: { owner: CustomerSession; other?: CustomerSession },
  receiver: WebhookReceiver,
  receiverPath = '/shop',
): Promise<ShopObjects> {
  const { admin, operator } = server;
  await createWarehouse(admin, WAREHOUSES[0]!, 'Dallas', 'TX');
  await createWarehouse(admin, WAREHOUSES[1]!, 'Berlin', null, 'DE');
  await createProduct(admin, SKUS[0]!, { unit_price: 1999, length_mm: 120, width_mm: 90, height_mm: 100, weight_grams: 350, returnable: true });
  await createProduct(admin, SKUS[1]!, { unit_price: 2500, weight_grams: 200 });
  await createProduct(admin, SKUS[2]!, { unit_price: 9_999_999_999, weight_grams: 20_000, backorderable: true });
  for (const sku of SKUS.slice(0, 2)) for (const warehouse of WAREHOUSES) await addStock(admin, sku, warehouse, 500);

  const endpoint = ok(await admin.post('/api/v1/webhook-endpoints', { url: `${receiver.url}${receiverPath}`, events: ['order.*'] }), 'webhook endpoint');
  receiver.expectSecret(receiverPath, endpoint.secret);

  const placeFor = async (customer: CustomerSession, quantity: number, what: string) =>
    ok(
      await operator.post(
        '/api/v1/orders',
        orderBody([{ sku: SHOP_SKU, quantity }], {
          customer: { email: customer.email, name: customer.email.split('@')[0], phone: '+15125550101' },
          payment: { provider: 'test', token: 'tok_visa' },
          shipping: { strategy: 'fastest', carrier: null, service: null },
        }),
      ),
      what,
    );
  if (customers.other) await placeFor(customers.other, 2, "the other customer's order");
  const delivered = await placeFor(customers.owner, 3, "the owner's first order");
  await drainJobs(server);
  await travel(server, 4 * 60_000);
  const deliveredView = ok(await admin.get(`/api/v1/orders/${delivered.id}`), "the owner's first order");
  expect(deliveredView.status, "the sim delivers the owner's first order").toBe('delivered');
  const open = await placeFor(customers.owner, 1, "the owner's second order");

  const refund = ok(await operator.post(`/api/v1/orders/${delivered.id}/refunds`, { amount: 100, reason: 'goodwill' }), 'refund');
  const requested = ok(await customers.owner.request('POST', `/portal/orders/${delivered.id}/returns`, { lines: [{ sku: SHOP_SKU, quantity: 1, reason: 'damaged' }] }), 'return');
  if (requested.status === 'requested') ok(await operator.post(`/api/v1/returns/${requested.id}/approve`), 'return approval');
  const supplier = ok(await operator.post('/api/v1/suppliers', { name: 'Shop Supply', email: 'orders@supply.example', lead_time_days: 3 }), 'supplier');
  const purchaseOrder = ok(await operator.post('/api/v1/purchase-orders', { supplier_id: supplier.id, warehouse: WAREHOUSES[0], lines: [{ sku: SKUS[1], quantity: 10 }] }), 'purchase order');
  ok(await operator.put(`/api/v1/inventory/${SHOP_SKU}/${WAREHOUSES[0]}/reorder-policy`, { reorder_point: 5, reorder_quantity: 20 }), 'reorder policy');
  const user = ok(await admin.post('/api/v1/users', { email: 'spare@shop.example', role: 'viewer', password: STAFF_PASSWORD }), 'spare user');
  const key = ok(await admin.post('/api/v1/api-keys', { role: 'viewer', name: 'spare' }), 'spare key');
  await drainJobs(server);

  const notifications = ok(await admin.get(`/api/v1/notifications?order_id=${delivered.id}&limit=1`), 'notifications');
  const jobs = ok(await admin.get('/api/v1/jobs?limit=1'), 'jobs');
  const deliveries = ok(await admin.get(`/api/v1/webhook-endpoints/${endpoint.id}/deliveries?limit=1`), 'deliveries');
  expect(notifications.data.length, "a notification of the owner's order").toBe(1);
  expect(jobs.data.length, 'a job').toBe(1);
  expect(deliveries.data.length, 'a webhook delivery').toBe(1);
  const shipment = deliveredView.shipments[0];
  return {
    skus: SKUS,
    warehouses: WAREHOUSES,
    orderIds: [delivered.id, open.id],
    orderNumbers: [delivered.number, open.number],
    trackingTokens: [delivered.tracking_token, open.tracking_token],
    customerId: customers.owner.customerId!,
    shipmentId: shipment.id,
    trackingNumber: shipment.tracking_number,
    notificationId: notifications.data[0].id,
    jobId: jobs.data[0].id,
    refundId: refund.id,
    returnId: requested.id,
    supplierId: supplier.id,
    purchaseOrderId: purchaseOrder.id,
    endpointId: endpoint.id,
    deliveryId: deliveries.data[0].id,
    userId: user.id,
    apiKeyId: key.id,
    carriers: ['sim', 'ups', 'fedex', 'dhl', 'usps'],
    paymentProviders: ['test', 'stripe'],
  };
}

/** Real values for a path parameter, the likeliest to be found first: by its name, and for `{id}` by the collection before it. */
export function realValuesFor(objects: ShopObjects, param: string, collection: string): string[] {
  switch (param) {
    case 'sku':
      return objects.skus;
    case 'warehouse':
      return objects.warehouses;
    case 'token':
      return objects.trackingTokens;
    case 'carrier':
      return objects.carriers;
    case 'provider':
      return objects.paymentProviders;
    case 'number':
      return [objects.trackingNumber];
    case 'delivery_id':
      return [objects.deliveryId];
  }
  const byCollection: Record<string, string[]> = {
    orders: [...objects.orderIds, ...objects.orderNumbers],
    customers: [objects.customerId],
    shipments: [objects.shipmentId],
    notifications: [objects.notificationId],
    jobs: [objects.jobId],
    refunds: [objects.refundId],
    returns: [objects.returnId],
    suppliers: [objects.supplierId],
    'purchase-orders': [objects.purchaseOrderId],
    'webhook-endpoints': [objects.endpointId],
    users: [objects.userId],
    'api-keys': [objects.apiKeyId],
  };
  return (param === 'id' ? byCollection[collection] : undefined) ?? [];
}

/** The OpenAPI path with every parameter replaced by the first real object for it (the owner's). */
export function concretePath(objects: ShopObjects, route: string, path: string): string {
  const segments = path.split('/');
  return segments
    .map((segment, i) => {
      const match = /^\{(\w+)\}$/.exec(segment);
      if (!match) return segment;
      const value = realValuesFor(objects, match[1]!, segments[i - 1] ?? '')[0];
      if (value === undefined) throw new Error(`${route}: no shop object for {${match[1]}} after /${segments[i - 1]}/ (add one in test/support/shop-objects.ts)`);
      return encodeURIComponent(value);
    })
    .join('/');
}
