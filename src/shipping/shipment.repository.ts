/**
 * Shipments and their tracking events: rows in, views out. Free functions over a database or a
 * transaction (the caller chooses).
 */
import { orderNumbersOf } from '../orders/index.js';
import type { Executor } from '../platform/db/database.js';
import { notFound } from '../platform/errors.js';
import type { ShipmentTable, TrackingEventTable } from '../platform/db/schema.js';
import type { CarrierAddress } from './carriers/carrier.js';
import type { IncidentReason, ShipmentStatus } from './carriers/tracking-vocabulary.js';
import type { ShipmentView, TrackingEventView } from './shipment.schemas.js';
import { locate } from '../platform/geo/gazetteer.js';
import { currentPositionOf } from './shipment-position.js';
import { terminalShipmentStatuses } from './shipment-terminal.js';

export interface StoredParcel {
  seq: number;
  tracking_number: string | null;
  weight_grams: number;
  length_mm: number;
  width_mm: number;
  height_mm: number;
  items: Array<{ sku: string; quantity: number }>;
  /** This package's own tracking progress, when its carrier reports packages one by one. */
  progress?: PackageProgress;
}

/** How far a package (or a whole shipment) has come: tracking computes it, shipping stores it. */
export interface PackageProgress {
  status: ShipmentStatus;
  reason: IncidentReason | null;
  /** The carrier time of the newest event seen (moving or not). */
  lastEventAt: string | null;
  /** When the parcel first left the warehouse, if it has. */
  shippedAt: string | null;
  deliveredAt: string | null;
  signedBy: string | null;
  proofOfDelivery: string | null;
  /** True once any incident (exception, failed attempt, return) happened. */
  hadIncident: boolean;
}

export interface Shipment extends Omit<ShipmentTable, 'packages' | 'lines' | 'origin' | 'destination' | 'attention' | 'amount' | 'poll_failures' | 'had_incident'> {
  status: ShipmentStatus;
  incident_reason: IncidentReason | null;
  packages: StoredParcel[];
  lines: Array<{ sku: string; quantity: number }>;
  origin: CarrierAddress;
  destination: CarrierAddress;
  attention: { reason: string; since: string; detail?: string | null } | null;
  amount: number | null;
  poll_failures: number;
  had_incident: boolean;
}

export function shipmentFromRow(row: ShipmentTable): Shipment {
  return {
    ...row,
    status: row.status as ShipmentStatus,
    incident_reason: row.incident_reason as IncidentReason | null,
    packages: JSON.parse(row.packages) as StoredParcel[],
    lines: JSON.parse(row.lines) as Shipment['lines'],
    origin: JSON.parse(row.origin) as CarrierAddress,
    destination: JSON.parse(row.destination) as CarrierAddress,
    attention: row.attention === null ? null : (JSON.parse(row.attention) as Shipment['attention']),
    amount: row.amount === null ? null : Number(row.amount),
    poll_failures: Number(row.poll_failures),
    had_incident: Number(row.had_incident) === 1,
  };
}

/** The shipment's master number and every package's own, each once (what carriers track and push). */
export function trackingNumbersOf(s: Pick<Shipment, 'tracking_number' | 'packages'>): string[] {
  const numbers = [s.tracking_number, ...s.packages.map((p) => p.tracking_number)].filter((n): n is string => n !== null);
  return [...new Set(numbers)];
}

export async function insertShipment(db: Executor, row: ShipmentTable): Promise<void> {
  await db.insertInto('shipments').values(row).execute();
}

export async function findShipment(db: Executor, id: string): Promise<Shipment | null> {
  const row = await db.selectFrom('shipments').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? shipmentFromRow(row) : null;
}

export async function shipmentsOfOrder(db: Executor, orderId: string): Promise<Shipment[]> {
  const rows = await db.selectFrom('shipments').selectAll().where('order_id', '=', orderId).orderBy('id').execute();
  return rows.map(shipmentFromRow);
}

/** The shipment a carrier's number (master or package) belongs to. */
export async function shipmentIdByTrackingNumber(db: Executor, carrier: string, trackingNumber: string): Promise<string | null> {
  const row = await db
    .selectFrom('shipment_tracking_numbers')
    .select('shipment_id')
    .where('carrier', '=', carrier)
    .where('tracking_number', '=', trackingNumber)
    .executeTakeFirst();
  return row?.shipment_id ?? null;
}

export async function shipmentIdsByTrackingNumbers(db: Executor, carrier: string, numbers: readonly string[]): Promise<Map<string, string>> {
  if (numbers.length === 0) return new Map();
  const rows = await db
    .selectFrom('shipment_tracking_numbers')
    .select(['tracking_number', 'shipment_id'])
    .where('carrier', '=', carrier)
    .where('tracking_number', 'in', [...new Set(numbers)])
    .execute();
  return new Map(rows.map((r) => [r.tracking_number, r.shipment_id]));
}

export async function recordTrackingNumbers(db: Executor, carrier: string, shipmentId: string, numbers: readonly string[]): Promise<void> {
  const unique = [...new Set(numbers)];
  if (unique.length === 0) return;
  await db
    .insertInto('shipment_tracking_numbers')
    .values(unique.map((tracking_number) => ({ carrier, tracking_number, shipment_id: shipmentId })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function updateShipment(db: Executor, id: string, changes: Partial<ShipmentTable>): Promise<void> {
  await db.updateTable('shipments').set(changes).where('id', '=', id).execute();
}

/** Writes the shipment row first in a transaction: concurrent ingestion of one shipment runs in turn. */
export async function lockShipment(db: Executor, id: string, now: string): Promise<Shipment | null> {
  const result = await db.updateTable('shipments').set({ updated_at: now }).where('id', '=', id).executeTakeFirst();
  if (result.numUpdatedRows === 0n) return null;
  return findShipment(db, id);
}

export async function trackingEventsOf(db: Executor, shipmentIds: readonly string[]): Promise<Map<string, TrackingEventTable[]>> {
  const byShipment = new Map<string, TrackingEventTable[]>(shipmentIds.map((id) => [id, []]));
  if (shipmentIds.length === 0) return byShipment;
  const rows = await db
    .selectFrom('tracking_events')
    .selectAll()
    .where('shipment_id', 'in', shipmentIds)
    .orderBy('shipment_id')
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();
  for (const row of rows) byShipment.get(row.shipment_id)!.push(row);
  return byShipment;
}

export function trackingEventView(row: TrackingEventTable): TrackingEventView {
  const hasPlace = row.city !== null || row.country !== null;
  return {
    id: row.id,
    tracking_number: row.tracking_number,
    status: row.status as ShipmentStatus,
    reason: row.reason as IncidentReason | null,
    code: row.code,
    description: row.description,
    occurred_at: row.occurred_at,
    location: hasPlace ? { city: row.city, region: row.region, postal_code: row.postal_code, country: row.country } : null,
    latitude: row.latitude === null ? null : Number(row.latitude),
    longitude: row.longitude === null ? null : Number(row.longitude),
    signed_by: row.signed_by,
    source: row.source as TrackingEventView['source'],
    received_at: row.received_at,
  };
}

export function shipmentView(s: Shipment, warehouseCode: string, orderNumber: string, events: readonly TrackingEventTable[], publicUrl: string): ShipmentView {
  return {
    id: s.id,
    order_id: s.order_id,
    order_number: orderNumber,
    kind: s.kind as ShipmentView['kind'],
    warehouse: warehouseCode,
    carrier: s.carrier,
    service: s.service,
    tracking_number: s.tracking_number,
    tracking_url: s.tracking_url,
    label_url: s.label_state === 'purchased' ? `${publicUrl}/api/v1/shipments/${s.id}/label.pdf` : null,
    label_state: s.label_state as ShipmentView['label_state'],
    label_error: s.label_error,
    status: s.status,
    incident_reason: s.incident_reason,
    estimated_delivery: s.estimated_delivery,
    eta_source: s.eta_source as ShipmentView['eta_source'],
    promised_delivery: s.promised_delivery,
    amount: s.amount,
    currency: s.currency,
    strategy: s.strategy as ShipmentView['strategy'],
    lines: s.lines,
    packages: s.packages.map((p) => ({ seq: p.seq, tracking_number: p.tracking_number, weight_grams: p.weight_grams, length_mm: p.length_mm, width_mm: p.width_mm, height_mm: p.height_mm, status: p.progress?.status ?? s.status })),
    shipped_at: s.shipped_at,
    delivered_at: s.delivered_at,
    signed_by: s.signed_by,
    proof_of_delivery: s.proof_of_delivery,
    last_event_at: s.last_event_at,
    next_poll_at: s.next_poll_at,
    attention: s.attention,
    events: events.map(trackingEventView),
    current_position: currentPositionOf(events),
    destination: destinationView(s.destination),
    created_at: s.created_at,
    updated_at: s.updated_at,
  };
}

/** The destination at city level (nothing more personal), placed as the public tracking page places it. */
export function destinationView(address: CarrierAddress): ShipmentView['destination'] {
  const place = locate(address.country, address.city, address.region ?? null);
  return { city: address.city, region: address.region ?? null, country: address.country, latitude: place?.latitude ?? null, longitude: place?.longitude ?? null };
}

export async function warehouseCodes(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('warehouses').select(['id', 'code']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.code]));
}

/** One shipment's view, or not_found. */
export async function shipmentViewOrThrow(db: Executor, id: string, publicUrl: string): Promise<ShipmentView> {
  const s = await findShipment(db, id);
  if (s === null) throw notFound(`Shipment ${id}`);
  return (await shipmentViews(db, [s], publicUrl))[0]!;
}

/** Views of shipments with their events, warehouse codes and order numbers: one query each, whatever the count. */
export async function shipmentViews(db: Executor, shipments: readonly Shipment[], publicUrl: string): Promise<ShipmentView[]> {
  const events = await trackingEventsOf(db, shipments.map((s) => s.id));
  const codes = await warehouseCodes(db, shipments.map((s) => s.warehouse_id));
  const numbers = await orderNumbersOf(db, shipments.map((s) => s.order_id));
  // Every shipment belongs to an order (a foreign key); the id stands in should that ever break.
  return shipments.map((s) => shipmentView(s, codes.get(s.warehouse_id) ?? s.warehouse_id, numbers.get(s.order_id) ?? s.order_id, events.get(s.id) ?? [], publicUrl));
}

export interface ShipmentFilter {
  status?: ShipmentStatus;
  active?: boolean;
  carrier?: string;
  attention?: boolean;
  orderId?: string;
  before?: string;
  limit: number;
}

export async function listShipments(db: Executor, filter: ShipmentFilter): Promise<Shipment[]> {
  let query = db.selectFrom('shipments').selectAll().orderBy('id', 'desc').limit(filter.limit);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  // Active: not in a terminal status (delivered, cancelled, returned to sender).
  if (filter.active === true) query = query.where('status', 'not in', terminalShipmentStatuses);
  if (filter.active === false) query = query.where('status', 'in', terminalShipmentStatuses);
  if (filter.carrier !== undefined) query = query.where('carrier', '=', filter.carrier);
  if (filter.attention === true) query = query.where('attention', 'is not', null);
  if (filter.attention === false) query = query.where('attention', 'is', null);
  if (filter.orderId !== undefined) query = query.where('order_id', '=', filter.orderId);
  if (filter.before !== undefined) query = query.where('id', '<', filter.before);
  return (await query.execute()).map(shipmentFromRow);
}

/** Every quote of one rate shop with its note, the chosen one first: the audit of "why this carrier". */
export async function rateAudit(db: Executor, rateShopId: string) {
  const rows = await db.selectFrom('rate_quotes').selectAll().where('rate_shop_id', '=', rateShopId).orderBy('chosen', 'desc').orderBy('amount').orderBy('id').execute();
  return rows.map((r) => ({
    carrier: r.carrier,
    service: r.service,
    service_name: r.service_name,
    amount: Number(r.amount),
    currency: r.currency,
    transit_days: r.transit_days === null ? null : Number(r.transit_days),
    estimated_delivery_date: r.estimated_delivery_date,
    strategy: r.strategy,
    chosen: Number(r.chosen) === 1,
    note: r.note,
    created_at: r.created_at,
  }));
}
