/**
 * What the UPS and FedEx API tests share: a Waybill server whose only carrier is a fake one (the sim
 * off), a shop with one warehouse and two products (a light one; a heavy one of which each unit
 * fills a box of its own, so three units make three packages), and small readers of orders,
 * shipments, jobs and carrier webhooks over HTTP.
 */
import { PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { expect } from 'vitest';
import type { TestDialect } from './databases.js';
import { addStock, createProduct, orderBody } from './fixtures.js';
import type { Answer } from './http.js';
import { drainJobs } from './jobs.js';
import { startTestServer, type TestServer } from './server.js';

/** 350 g: one small box. */
export const LIGHT = 'MUG';
/** 18 kg: with its box's tare one fits the large box (25 kg) and two fit no box (30 kg at most). */
export const HEAVY = 'ANVIL';
export const HOUR = 3_600_000;

export interface WarehouseAddress {
  line1: string;
  city: string;
  region: string;
  postal_code: string;
}

/**
 * A server with `env` (the carrier's base URL and credentials). The fakes stamp a label's first
 * scan with the wall clock, so the server's clock is set to the wall clock too: scans the tests
 * send later (`at(hours)`) are then newer than that first scan, as they would be in life.
 */
export async function startCarrierServer(dialect: TestDialect, env: Record<string, string>, warehouse: WarehouseAddress): Promise<TestServer> {
  const server = await startTestServer(dialect, { WAYBILL_SIM: 'off', ...env });
  server.clock.set(new Date(Math.floor(Date.now() / 1000) * 1000));
  await setUpShop(server, warehouse);
  return server;
}

export async function setUpShop(server: TestServer, warehouse: WarehouseAddress): Promise<void> {
  const res = await server.admin.post('/api/v1/warehouses', { code: 'WH1', name: 'Main warehouse', address: { ...warehouse, country: 'US' } });
  expect(res.status, res.text).toBe(201);
  await createProduct(server.admin, LIGHT, { unit_price: 1999, weight_grams: 350, length_mm: 120, width_mm: 90, height_mm: 100 });
  await createProduct(server.admin, HEAVY, { unit_price: 9900, weight_grams: 18_000, length_mm: 400, width_mm: 300, height_mm: 250 });
  await addStock(server.admin, LIGHT, 'WH1', 500);
  await addStock(server.admin, HEAVY, 'WH1', 500);
}

/** An instant `hours` after the server's clock, RFC 3339 UTC without milliseconds. */
export function at(server: TestServer, hours: number): string {
  return new Date(server.clock.now().getTime() + hours * HOUR).toISOString().replace('.000Z', 'Z');
}

export async function placeOrder(server: TestServer, lines: Array<{ sku: string; quantity: number }>, shipping: Record<string, unknown>): Promise<string> {
  const res = await server.operator.post('/api/v1/orders', orderBody(lines, { shipping: { strategy: 'cheapest', carrier: null, service: null, ...shipping } }));
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}

export async function getOrder(server: TestServer, id: string): Promise<any> {
  const res = await server.viewer.get(`/api/v1/orders/${id}`);
  expect(res.status, res.text).toBe(200);
  return res.body;
}

export async function getShipment(server: TestServer, id: string): Promise<any> {
  const res = await server.viewer.get(`/api/v1/shipments/${id}`);
  expect(res.status, res.text).toBe(200);
  return res.body;
}

/** Places an order pinned to `carrier`/`service`, runs the pipeline, and returns it with its one shipment. */
export async function shippedOrder(server: TestServer, carrier: string, service: string, lines: Array<{ sku: string; quantity: number }> = [{ sku: LIGHT, quantity: 1 }]) {
  const id = await placeOrder(server, lines, { carrier, service });
  await drainJobs(server);
  const order = await getOrder(server, id);
  expect(order.status, JSON.stringify(order.attention)).toBe('ready_to_ship');
  expect(order.shipments).toHaveLength(1);
  const shipment = await getShipment(server, order.shipments[0].id);
  return { order, shipment };
}

/** POSTs a carrier's webhook delivery exactly as it came (bytes and headers), with no API key. */
export function postWebhook(server: TestServer, carrier: string, delivery: { body: Buffer; headers: Record<string, string> }): Promise<Answer> {
  return server.anonymous.request('POST', `/webhooks/carriers/${carrier}`, { raw: delivery.body, headers: delivery.headers });
}

/** The shipment's status, its order's status and attention, and how many tracking events it has. */
export async function snapshot(server: TestServer, shipmentId: string) {
  const s = await getShipment(server, shipmentId);
  const o = await getOrder(server, s.order_id);
  return { status: s.status, events: s.events.length, signed_by: s.signed_by, order: o.status, attention: o.attention?.reason ?? null };
}

/** The order's timeline event types, oldest first. */
export async function timelineOf(server: TestServer, orderId: string): Promise<string[]> {
  const res = await server.viewer.get(`/api/v1/orders/${orderId}/events?limit=200`);
  expect(res.status, res.text).toBe(200);
  return (res.body.data as Array<{ type: string }>).map((e) => e.type);
}

export async function buyLabelJobs(server: TestServer, orderId: string): Promise<any[]> {
  const res = await server.viewer.get('/api/v1/jobs?type=shipping.buy-labels&limit=200');
  expect(res.status, res.text).toBe(200);
  return res.body.data.filter((j: { payload: { order_id?: string } }) => j.payload.order_id === orderId);
}

/** The label as bytes (the JSON client decodes bodies as text) and the content type sent. */
export async function labelOf(server: TestServer, shipmentId: string): Promise<{ status: number; contentType: string | null; bytes: Buffer }> {
  const res = await fetch(`${server.url}/api/v1/shipments/${shipmentId}/label.pdf`, { headers: { authorization: `Bearer ${server.viewer.key}` } });
  return { status: res.status, contentType: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

/** Per page of a PDF, the pixel sizes of the images drawn on it. */
export async function pdfPageImages(pdf: Buffer): Promise<Array<Array<[number, number]>>> {
  const doc = await PDFDocument.load(pdf);
  return doc.getPages().map((page) => {
    const xobjects = page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
    if (!xobjects) return [];
    return xobjects
      .entries()
      .map(([, ref]) => doc.context.lookup(ref))
      .filter((o): o is PDFRawStream => o instanceof PDFRawStream && o.dict.get(PDFName.of('Subtype'))?.toString() === '/Image')
      .map((o) => [Number(o.dict.get(PDFName.of('Width'))?.toString()), Number(o.dict.get(PDFName.of('Height'))?.toString())] as [number, number]);
  });
}
