/**
 * Real objects for the authorization matrix to name in its paths, made through the API the way a
 * shop makes them: customer B's order (paid, shipped by the sim carrier, delivered, with invoice,
 * notifications, a refund and a return B asked for and staff approved), a supplier with a purchase order, a reorder
 * policy, a webhook endpoint with a delivery, and a spare staff user and API key (the matrix may
 * change or revoke them; never the principals' own). Customer A has an order of their own.
 */
import { expect } from 'vitest';
import { addStock, createProduct, createWarehouse, orderBody } from '../support/fixtures.js';
import { drainJobs } from '../support/jobs.js';
import type { TestServer } from '../support/server.js';
import type { CustomerSession } from '../support/sessions.js';
import { STAFF_PASSWORD } from '../support/sessions.js';
import type { WebhookReceiver } from '../support/webhook-receiver.js';

export interface MatrixObjects {
  sku: string;
  warehouse: string;
  /** Customer B's order: every staff route about an order uses it too. */
  orderId: string;
  trackingToken: string;
  customerId: string;
  shipmentId: string;
  trackingNumber: string;
  notificationId: string;
  jobId: string;
  refundId: string;
  /** Customer B's return. */
  returnId: string;
  supplierId: string;
  purchaseOrderId: string;
  endpointId: string;
  deliveryId: string;
  userId: string;
  apiKeyId: string;
  carrier: string;
  paymentProvider: string;
}

export const SKU = 'MATRIX-MUG';
export const WAREHOUSE = 'MTX';

function created(res: { status: number; text: string; body: any }, what: string): any {
  expect(res.status, `${what}: ${res.text}`).toBeGreaterThanOrEqual(200);
  expect(res.status, `${what}: ${res.text}`).toBeLessThan(300);
  return res.body;
}

/** Moves the test clock on in steps, running the worker (and so the sim carrier's pushes) at each. */
async function travel(server: TestServer, ms: number, step = 20_000): Promise<void> {
  for (let t = 0; t < ms; t += step) {
    server.clock.advance(step);
    await drainJobs(server);
  }
}

export async function placeOrderFor(server: TestServer, email: string): Promise<{ id: string; number: string; tracking_token: string }> {
  const body = orderBody([{ sku: SKU, quantity: 2 }], {
    customer: { email, name: email.split('@')[0], phone: '+15125550101' },
    payment: { provider: 'test', token: 'tok_visa' },
    shipping: { strategy: 'fastest', carrier: null, service: null },
  });
  return created(await server.operator.post('/api/v1/orders', body), `order for ${email}`);
}

export async function createMatrixObjects(server: TestServer, customers: { a: CustomerSession; b: CustomerSession }, receiver: WebhookReceiver): Promise<MatrixObjects> {
  const { admin, operator } = server;
  await createWarehouse(admin, WAREHOUSE, 'Dallas', 'TX');
  await createProduct(admin, SKU, { unit_price: 1999, length_mm: 120, width_mm: 90, height_mm: 100, weight_grams: 350, returnable: true });
  await addStock(admin, SKU, WAREHOUSE, 500);

  // An endpoint before the orders, so that their events are delivered to it.
  const endpoint = created(await admin.post('/api/v1/webhook-endpoints', { url: `${receiver.url}/matrix`, events: ['order.*'] }), 'webhook endpoint');
  receiver.expectSecret('/matrix', endpoint.secret);

  await placeOrderFor(server, customers.a.email);
  const order = await placeOrderFor(server, customers.b.email);
  await drainJobs(server);
  await travel(server, 4 * 60_000);
  const staffView = created(await admin.get(`/api/v1/orders/${order.id}`), 'order');
  expect(staffView.status, 'the sim delivers the matrix order').toBe('delivered');
  const shipment = staffView.shipments[0];

  const refund = created(await operator.post(`/api/v1/orders/${order.id}/refunds`, { amount: 100, reason: 'goodwill' }), 'refund');
  const requested = created(await customers.b.request('POST', `/portal/orders/${order.id}/returns`, { lines: [{ sku: SKU, quantity: 1, reason: 'damaged' }] }), 'return');
  // Approved, so that it has a label for B to fetch (and A to be refused).
  if (requested.status === 'requested') created(await operator.post(`/api/v1/returns/${requested.id}/approve`), 'return approval');
  const supplier = created(await operator.post('/api/v1/suppliers', { name: 'Matrix Supply', email: 'orders@supply.example', lead_time_days: 3 }), 'supplier');
  const purchaseOrder = created(await operator.post('/api/v1/purchase-orders', { supplier_id: supplier.id, warehouse: WAREHOUSE, lines: [{ sku: SKU, quantity: 10 }] }), 'purchase order');
  created(await operator.put(`/api/v1/inventory/${SKU}/${WAREHOUSE}/reorder-policy`, { reorder_point: 5, reorder_quantity: 20 }), 'reorder policy');
  const user = created(await admin.post('/api/v1/users', { email: 'matrix-spare@shop.example', role: 'viewer', password: STAFF_PASSWORD }), 'spare user');
  const key = created(await admin.post('/api/v1/api-keys', { role: 'viewer', name: 'matrix spare' }), 'spare key');
  await drainJobs(server);

  const notifications = created(await admin.get(`/api/v1/notifications?order_id=${order.id}&limit=1`), 'notifications');
  const jobs = created(await admin.get('/api/v1/jobs?limit=1'), 'jobs');
  const deliveries = created(await admin.get(`/api/v1/webhook-endpoints/${endpoint.id}/deliveries?limit=1`), 'deliveries');
  expect(notifications.data.length, 'a notification of the order').toBe(1);
  expect(jobs.data.length, 'a job').toBe(1);
  expect(deliveries.data.length, 'a webhook delivery').toBe(1);
  return {
    sku: SKU,
    warehouse: WAREHOUSE,
    orderId: order.id,
    trackingToken: order.tracking_token,
    customerId: customers.b.customerId!,
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
    carrier: 'sim',
    paymentProvider: 'test',
  };
}

/** Which object a path parameter names: by its name, and for `{id}` by the collection before it. */
function valueFor(objects: MatrixObjects, param: string, collection: string, route: string): string {
  switch (param) {
    case 'sku':
      return objects.sku;
    case 'warehouse':
      return objects.warehouse;
    case 'token':
      return objects.trackingToken;
    case 'carrier':
      return objects.carrier;
    case 'provider':
      return objects.paymentProvider;
    case 'number':
      return objects.trackingNumber;
    case 'delivery_id':
      return objects.deliveryId;
  }
  const byCollection: Record<string, string> = {
    orders: objects.orderId,
    customers: objects.customerId,
    shipments: objects.shipmentId,
    notifications: objects.notificationId,
    jobs: objects.jobId,
    refunds: objects.refundId,
    returns: objects.returnId,
    suppliers: objects.supplierId,
    'purchase-orders': objects.purchaseOrderId,
    'webhook-endpoints': objects.endpointId,
    users: objects.userId,
    'api-keys': objects.apiKeyId,
  };
  const value = param === 'id' ? byCollection[collection] : undefined;
  if (value === undefined) throw new Error(`${route}: no matrix object for {${param}} after /${collection}/ (add one in matrix-objects.ts)`);
  return value;
}

/** The OpenAPI path with every parameter replaced by a real object's id. */
export function concretePath(objects: MatrixObjects, route: string, path: string): string {
  const segments = path.split('/');
  return segments
    .map((segment, i) => {
      const match = /^\{(\w+)\}$/.exec(segment);
      return match ? encodeURIComponent(valueFor(objects, match[1]!, segments[i - 1] ?? '', route)) : segment;
    })
    .join('/');
}
