/**
 * The shop the fuzzer works on, made through the API: two warehouses, products, stock, a supplier
 * with a purchase order, a webhook endpoint with a delivery, a customer whose order was paid,
 * shipped by the sim carrier and delivered (with a refund and an approved return), a second order
 * still open, and a spare staff user and API key (never the fuzzer's own). Their ids go into paths,
 * and their SKUs, codes and ids into bodies and queries, so that generated requests reach the code
 * behind validation and not only the 404 in front of it.
 */
import { expect } from 'vitest';
import { addStock, createProduct, createWarehouse, orderBody } from '../support/fixtures.js';
import { drainJobs } from '../support/jobs.js';
import type { TestServer } from '../support/server.js';
import { STAFF_PASSWORD, type CustomerSession } from '../support/sessions.js';
import type { WebhookReceiver } from '../support/webhook-receiver.js';

export interface FuzzObjects {
  skus: string[];
  warehouses: string[];
  /** Delivered (then refunded in part and returned in part) first, open second; both the customer's. */
  orderIds: string[];
  orderNumbers: string[];
  trackingTokens: string[];
  customerId: string;
  shipmentId: string;
  trackingNumber: string;
  notificationId: string;
  jobId: string;
  refundId: string;
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

async function travel(server: TestServer, ms: number, step = 20_000): Promise<void> {
  for (let t = 0; t < ms; t += step) {
    server.clock.advance(step);
    await drainJobs(server);
  }
}

export async function createFuzzObjects(server: TestServer, customer: CustomerSession, receiver: WebhookReceiver): Promise<FuzzObjects> {
  const { admin } = server;
  await createWarehouse(admin, 'FZA', 'Dallas', 'TX');
  await createWarehouse(admin, 'FZB', 'Berlin', null, 'DE');
  await createProduct(admin, 'FZ-MUG', { unit_price: 1999, length_mm: 120, width_mm: 90, height_mm: 100, weight_grams: 350, returnable: true });
  await createProduct(admin, 'FZ-TEE', { unit_price: 2500, weight_grams: 200 });
  await createProduct(admin, 'FZ-BIG', { unit_price: 9_999_999_999, weight_grams: 20_000, backorderable: true });
  for (const sku of ['FZ-MUG', 'FZ-TEE']) for (const warehouse of ['FZA', 'FZB']) await addStock(admin, sku, warehouse, 500);

  const endpoint = ok(await admin.post('/api/v1/webhook-endpoints', { url: `${receiver.url}/fuzz`, events: ['order.*'] }), 'webhook endpoint');
  receiver.expectSecret('/fuzz', endpoint.secret);

  const order = (quantity: number) =>
    orderBody([{ sku: 'FZ-MUG', quantity }], {
      customer: { email: customer.email, name: 'Fuzz Customer', phone: '+15125550101' },
      payment: { provider: 'test', token: 'tok_visa' },
      shipping: { strategy: 'fastest', carrier: null, service: null },
    });
  const delivered = ok(await admin.post('/api/v1/orders', order(3)), 'first order');
  await drainJobs(server);
  await travel(server, 4 * 60_000);
  const deliveredView = ok(await admin.get(`/api/v1/orders/${delivered.id}`), 'first order');
  expect(deliveredView.status, 'the sim delivers the first order').toBe('delivered');
  const open = ok(await admin.post('/api/v1/orders', order(1)), 'second order');

  const refund = ok(await admin.post(`/api/v1/orders/${delivered.id}/refunds`, { amount: 100, reason: 'goodwill' }), 'refund');
  const requested = ok(await customer.request('POST', `/portal/orders/${delivered.id}/returns`, { lines: [{ sku: 'FZ-MUG', quantity: 1, reason: 'damaged' }] }), 'return');
  if (requested.status === 'requested') ok(await admin.post(`/api/v1/returns/${requested.id}/approve`), 'return approval');
  const supplier = ok(await admin.post('/api/v1/suppliers', { name: 'Fuzz Supply', email: 'orders@supply.example', lead_time_days: 3 }), 'supplier');
  const purchaseOrder = ok(await admin.post('/api/v1/purchase-orders', { supplier_id: supplier.id, warehouse: 'FZA', lines: [{ sku: 'FZ-TEE', quantity: 10 }] }), 'purchase order');
  ok(await admin.put('/api/v1/inventory/FZ-MUG/FZA/reorder-policy', { reorder_point: 5, reorder_quantity: 20 }), 'reorder policy');
  const user = ok(await admin.post('/api/v1/users', { email: 'fuzz-spare@shop.example', role: 'viewer', password: STAFF_PASSWORD }), 'spare user');
  const key = ok(await admin.post('/api/v1/api-keys', { role: 'viewer', name: 'fuzz spare' }), 'spare key');
  await drainJobs(server);

  const notifications = ok(await admin.get(`/api/v1/notifications?order_id=${delivered.id}&limit=1`), 'notifications');
  const jobs = ok(await admin.get('/api/v1/jobs?limit=1'), 'jobs');
  const deliveries = ok(await admin.get(`/api/v1/webhook-endpoints/${endpoint.id}/deliveries?limit=1`), 'deliveries');
  const shipment = deliveredView.shipments[0];
  return {
    skus: ['FZ-MUG', 'FZ-TEE', 'FZ-BIG'],
    warehouses: ['FZA', 'FZB'],
    orderIds: [delivered.id, open.id],
    orderNumbers: [delivered.number, open.number],
    trackingTokens: [delivered.tracking_token, open.tracking_token],
    customerId: customer.customerId!,
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

/** Real values for a path parameter: by its name, and for `{id}` by the collection before it. */
export function realValuesFor(objects: FuzzObjects, param: string, collection: string): string[] {
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
