/**
 * What the DHL and USPS API tests share: a shop (one warehouse with a real address, a light and a
 * heavy product), orders pushed through the pipeline, carrier webhooks POSTed as raw bytes, the
 * label as bytes, and counts of what tracking wrote (to prove that a refused webhook wrote nothing).
 */
import { sql } from 'kysely';
import { PDFDocument } from 'pdf-lib';
import { expect } from 'vitest';
import type { Answer } from './http.js';
import { addStock, createProduct, orderBody } from './fixtures.js';
import { drainJobs } from './jobs.js';
import type { TestServer } from './server.js';

export interface ShopAddress {
  line1: string;
  city: string;
  region: string | null;
  postal_code: string;
  country: string;
}

/**
 * One warehouse and two products: LIGHT (1.5 kg, one fits a small box) and HEAVY (15 kg: no box of
 * the default catalog holds two, so n of them make n packages).
 */
export async function createPostalShop(server: TestServer, warehouse: { code: string; address: ShopAddress; latitude: number; longitude: number }, currency: string): Promise<void> {
  const api = server.admin;
  const res = await api.post('/api/v1/warehouses', {
    code: warehouse.code,
    name: `${warehouse.address.city} warehouse`,
    address: { name: 'Waybill Fulfilment', line2: null, ...warehouse.address },
    latitude: warehouse.latitude,
    longitude: warehouse.longitude,
  });
  expect(res.status, res.text).toBe(201);
  await createProduct(api, 'LIGHT', { currency, unit_price: 2500, weight_grams: 1500, length_mm: 120, width_mm: 100, height_mm: 100 });
  await createProduct(api, 'HEAVY', { currency, unit_price: 9900, weight_grams: 15_000, length_mm: 200, width_mm: 200, height_mm: 200 });
  await addStock(api, 'LIGHT', warehouse.code, 1000);
  await addStock(api, 'HEAVY', warehouse.code, 1000);
}

export interface Destination {
  name: string;
  line1: string;
  city: string;
  region: string | null;
  postal_code: string;
  country: string;
}

export function postalOrder(destination: Destination, currency: string, shipping: { strategy?: string; carrier?: string | null; service?: string | null }, lines = [{ sku: 'LIGHT', quantity: 1 }]) {
  return orderBody(lines, {
    currency,
    shipping_address: { line2: null, ...destination },
    shipping: { strategy: 'cheapest', carrier: null, service: null, ...shipping },
  });
}

export async function placeOrder(server: TestServer, body: Record<string, unknown>): Promise<any> {
  const res = await server.operator.post('/api/v1/orders', body);
  expect(res.status, res.text).toBe(201);
  return res.body;
}

export async function orderOf(server: TestServer, id: string): Promise<any> {
  const res = await server.viewer.get(`/api/v1/orders/${id}`);
  expect(res.status, res.text).toBe(200);
  return res.body;
}

export async function shipmentOf(server: TestServer, id: string): Promise<any> {
  const res = await server.viewer.get(`/api/v1/shipments/${id}`);
  expect(res.status, res.text).toBe(200);
  return res.body;
}

/** What tracking may change on a shipment (a poll that learns nothing changes none of it). */
export function trackingState(shipment: any) {
  const { status, incident_reason, events, last_event_at, shipped_at, delivered_at, signed_by, proof_of_delivery, estimated_delivery, eta_source, attention, tracking_number, label_state } = shipment;
  return { status, incident_reason, events, last_event_at, shipped_at, delivered_at, signed_by, proof_of_delivery, estimated_delivery, eta_source, attention, tracking_number, label_state };
}

/** Places the order, runs the pipeline, and returns the order (ready to ship) and its one shipment. */
export async function readyToShip(server: TestServer, body: Record<string, unknown>): Promise<{ order: any; shipment: any }> {
  const placed = await placeOrder(server, body);
  await drainJobs(server);
  const order = await orderOf(server, placed.id);
  expect(order.status, JSON.stringify({ attention: order.attention, shipments: order.shipments })).toBe('ready_to_ship');
  expect(order.shipments).toHaveLength(1);
  return { order, shipment: await shipmentOf(server, order.shipments[0].id) };
}

/** POSTs a carrier's webhook as it would arrive: exact bytes, the carrier's headers, no API key. */
export function postWebhook(server: TestServer, carrier: string, delivery: { body: Buffer; headers: Record<string, string> }): Promise<Answer> {
  return server.anonymous.request('POST', `/webhooks/carriers/${carrier}`, { raw: delivery.body, headers: delivery.headers });
}

/** Rows tracking writes: events, webhook deliveries, the orders' timeline, the shipments' updates. */
export async function trackingWrites(server: TestServer): Promise<{ events: number; deliveries: number; timeline: number; shipmentsUpdatedAt: string }> {
  const n = async (table: 'tracking_events' | 'carrier_webhook_deliveries' | 'order_events') =>
    Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(server.deps.db)).rows[0]!.n);
  const latest = await sql<{ at: string | null }>`select max(updated_at) as at from shipments`.execute(server.deps.db);
  return { events: await n('tracking_events'), deliveries: await n('carrier_webhook_deliveries'), timeline: await n('order_events'), shipmentsUpdatedAt: String(latest.rows[0]!.at) };
}

/** The label as bytes, with its content type and page count. */
export async function labelOf(server: TestServer, shipmentId: string): Promise<{ status: number; contentType: string | null; bytes: Buffer; pages: number }> {
  const response = await fetch(`${server.url}/api/v1/shipments/${shipmentId}/label.pdf`, { headers: { authorization: `Bearer ${server.viewer.key}` } });
  const bytes = Buffer.from(await response.arrayBuffer());
  const pages = bytes.subarray(0, 5).toString('latin1') === '%PDF-' ? (await PDFDocument.load(bytes)).getPageCount() : 0;
  return { status: response.status, contentType: response.headers.get('content-type'), bytes, pages };
}

/** Moves the test clock on and runs the worker (schedules included) after each step. */
export async function advance(server: TestServer, ms: number, step = 60_000): Promise<void> {
  for (let t = 0; t < ms; t += step) {
    server.clock.advance(Math.min(step, ms - t));
    await drainJobs(server);
  }
}

/** The order's timeline event types. */
export async function timelineOf(server: TestServer, orderId: string): Promise<string[]> {
  const res = await server.viewer.get(`/api/v1/orders/${orderId}/events?limit=200`);
  expect(res.status, res.text).toBe(200);
  return (res.body.data as Array<{ type: string }>).map((e) => e.type);
}
