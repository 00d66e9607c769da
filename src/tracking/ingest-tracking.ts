/**
 * Recording what a carrier says about its parcels (webhook, poll or a manual scan), in the caller's
 * transaction: each event stored once per shipment with its raw payload and the coordinates of its
 * place; the shipment moved by the events' own timestamps (never backwards); the ETA taken from the
 * carrier; the order's lines shipped when the parcel first leaves and the order's status following
 * its shipments; attention raised or cleared. A number Waybill does not know is counted and skipped.
 *
 * A return's parcel (kind `return`) is tracked the same way but travels to the shop: it ships none
 * of the order's lines, leaves the order's status and attention alone, moves its return instead
 * (returns/return-shipment-progress.ts), and its timeline events say `kind: 'return'` so that the
 * customer is not told of a delivery to them (notifications/message-rules.ts).
 */
import { createHash } from 'node:crypto';
import { insertOrderEvent } from '../orders/index.js';
import type { Trx } from '../platform/db/database.js';
import { returnShipmentProgressed } from '../returns/index.js';
import type { TrackingEventTable } from '../platform/db/schema.js';
import {
  lockShipment,
  recordShipmentLeft,
  shipmentIdsByTrackingNumbers,
  syncOrderWithShipments,
  updateShipment,
  type CarrierEvent,
  type Shipment,
  type StoredParcel,
  type WebhookTracking,
} from '../shipping/index.js';
import { coordinatesOf } from './geocode.js';
import { aggregateProgress, applyEvents, isTerminalShipment, type ShipmentProgress } from './shipment-status.js';
import { refreshAttention } from './tracking-attention.js';
import type { TrackingDeps } from './tracking-deps.js';

export type TrackingSource = 'webhook' | 'poll' | 'manual';

export interface IngestResult {
  /** Events stored now (not seen before). */
  stored: number;
  duplicates: number;
  /** Tracking numbers no shipment has. */
  unmatched: number;
  shipments: string[];
}

function dedupeKey(e: CarrierEvent): string {
  if (e.eventId) return `id:${e.eventId}`;
  const place = e.location ? `${e.location.city ?? ''}|${e.location.country ?? ''}` : '';
  return `h:${createHash('sha1').update(`${e.trackingNumber}|${e.code}|${e.occurredAt}|${place}`).digest('hex')}`;
}

function eventRow(deps: TrackingDeps, shipmentId: string, e: CarrierEvent, source: TrackingSource, now: string): TrackingEventTable {
  const coords = coordinatesOf(e.location);
  return {
    id: deps.ids.new('tev'),
    shipment_id: shipmentId,
    dedupe_key: dedupeKey(e),
    tracking_number: e.trackingNumber,
    code: e.code.slice(0, 100),
    description: e.description.slice(0, 1000),
    status: e.status,
    reason: e.reason,
    occurred_at: e.occurredAt,
    city: e.location?.city ?? null,
    region: e.location?.region ?? null,
    postal_code: e.location?.postal_code ?? null,
    country: e.location?.country ?? null,
    latitude: coords?.latitude ?? null,
    longitude: coords?.longitude ?? null,
    signed_by: e.signedBy,
    source,
    raw: JSON.stringify(e.raw ?? null),
    received_at: now,
  };
}

const NEW_PACKAGE: ShipmentProgress = { status: 'label_created', reason: null, lastEventAt: null, shippedAt: null, deliveredAt: null, signedBy: null, proofOfDelivery: null, hadIncident: false };

/**
 * Each package moves by its own events (an event under the master number moves them all; carriers
 * that track only the master, like the sim, thus move every package together), and the shipment
 * follows its packages: delivered only when every package is.
 */
function progressOf(shipment: Shipment, before: ShipmentProgress, events: readonly CarrierEvent[]): { after: ShipmentProgress; packages: StoredParcel[] } {
  const known = new Set(shipment.packages.map((p) => p.tracking_number));
  const packages = shipment.packages.map((p) => {
    const mine = events.filter((e) => e.trackingNumber === p.tracking_number || e.trackingNumber === shipment.tracking_number || !known.has(e.trackingNumber));
    const start = p.progress ?? (shipment.packages.length === 1 ? before : NEW_PACKAGE);
    return { ...p, progress: applyEvents(start, mine.map((e) => ({ status: e.status, reason: e.reason, occurredAt: e.occurredAt, signedBy: e.signedBy, proofOfDelivery: e.proofOfDelivery }))) };
  });
  const after = packages.length === 0 ? before : aggregateProgress(packages.map((p) => p.progress));
  return { after: { ...after }, packages };
}

async function ingestForShipment(trx: Trx, deps: TrackingDeps, shipmentId: string, updates: readonly WebhookTracking[], source: TrackingSource, actor: string): Promise<{ stored: number; duplicates: number }> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const shipment = await lockShipment(trx, shipmentId, at);
  if (shipment === null) return { stored: 0, duplicates: 0 };
  const rows = new Map<string, TrackingEventTable>();
  for (const u of updates) for (const e of u.events) {
    const row = eventRow(deps, shipment.id, e, source, at);
    rows.set(row.dedupe_key, row);
  }
  const inserted = rows.size === 0 ? [] : await trx.insertInto('tracking_events').values([...rows.values()]).onConflict((oc) => oc.doNothing()).returning('id').execute();
  const fresh = new Set(inserted.map((r) => r.id));
  const fresher = [...rows.values()].filter((r) => fresh.has(r.id));
  const eventsById = new Map<string, CarrierEvent>();
  for (const u of updates) for (const e of u.events) eventsById.set(dedupeKey(e), e);

  const before: ShipmentProgress = { status: shipment.status, reason: shipment.incident_reason, lastEventAt: shipment.last_event_at, shippedAt: shipment.shipped_at, deliveredAt: shipment.delivered_at, signedBy: shipment.signed_by, proofOfDelivery: shipment.proof_of_delivery, hadIncident: shipment.had_incident };
  const { after, packages } = progressOf(shipment, before, fresher.map((r) => eventsById.get(r.dedupe_key)!));
  // A carrier may name the signer only in a later report of the same delivery (UPS: the Track API,
  // not Track Alert): take it even when that report is a duplicate or arrives after delivered.
  if (after.status === 'delivered' && (after.signedBy === null || after.proofOfDelivery === null)) {
    const reports = updates.flatMap((u) => u.events).filter((e) => e.status === 'delivered');
    after.signedBy ??= reports.find((e) => e.signedBy)?.signedBy ?? null;
    after.proofOfDelivery ??= reports.find((e) => e.proofOfDelivery)?.proofOfDelivery ?? null;
  }
  const carrierEta = updates.map((u) => u.estimatedDelivery).find((eta): eta is string => typeof eta === 'string' && !Number.isNaN(Date.parse(eta)));
  const terminal = isTerminalShipment(after.status);
  const isReturn = shipment.kind === 'return';
  const kind = isReturn ? { kind: 'return', return_id: shipment.return_id ?? null } : {};
  const changes = {
    status: after.status,
    incident_reason: after.reason,
    last_event_at: after.lastEventAt,
    delivered_at: after.deliveredAt,
    signed_by: after.signedBy,
    proof_of_delivery: after.proofOfDelivery,
    had_incident: after.hadIncident ? 1 : 0,
    packages: JSON.stringify(packages),
    // An outbound parcel's departure is recorded with the lines it ships (recordShipmentLeft); a
    // return's parcel ships none, so its departure is recorded here.
    ...(isReturn && before.shippedAt === null && after.shippedAt !== null ? { shipped_at: after.shippedAt } : {}),
    ...(carrierEta ? { estimated_delivery: new Date(carrierEta).toISOString(), eta_source: 'carrier' } : {}),
    // Webhooks and polls both count as news: polling waits again from now, and stops at the end.
    last_update_at: at,
    next_poll_at: terminal ? null : new Date(now.getTime() + deps.settings.pollAfterMinutes * 60_000).toISOString(),
    poll_failures: fresher.length > 0 ? 0 : shipment.poll_failures,
    updated_at: at,
  };
  await updateShipment(trx, shipment.id, changes);
  if (fresher.length > 0) {
    await trx
      .insertInto('order_events')
      .values(
        fresher.map((r) => ({
          id: deps.ids.new('evt'),
          order_id: shipment.order_id,
          type: 'tracking.event',
          at: r.occurred_at,
          actor,
          data: JSON.stringify({ shipment_id: shipment.id, ...kind, status: r.status, reason: r.reason, code: r.code, description: r.description, city: r.city, country: r.country }),
        })),
      )
      .execute();
  }
  const updated: Shipment = { ...shipment, ...changes, status: after.status, incident_reason: after.reason, had_incident: after.hadIncident, packages, attention: shipment.attention };
  const moved = after.status !== before.status;
  const left = before.shippedAt === null && after.shippedAt !== null;
  if (moved) {
    await insertOrderEvent(trx, deps.ids, shipment.order_id, { type: 'shipment.status_changed', actor, at, data: { shipment_id: shipment.id, ...kind, from: before.status, to: after.status, reason: after.reason } });
  }
  if (isReturn) {
    if (moved || left) await returnShipmentProgressed(trx, deps, updated, after.status, actor, at);
  } else {
    if (left) await recordShipmentLeft(trx, deps, shipment, after.shippedAt!, actor, at);
    if (moved || left) await syncOrderWithShipments(trx, deps, shipment.order_id, actor, at);
  }
  // For a return's parcel: its own attention only (tracking-attention.ts), never the order's.
  await refreshAttention(trx, deps, updated, actor);
  return { stored: fresher.length, duplicates: rows.size - fresher.length };
}

/** Ingests updates about one carrier's numbers. Shipments are locked in id order (no deadlocks). */
export async function ingestTracking(trx: Trx, deps: TrackingDeps, carrier: string, updates: readonly WebhookTracking[], source: TrackingSource, actor: string): Promise<IngestResult> {
  const ids = await shipmentIdsByTrackingNumbers(trx, carrier, updates.map((u) => u.trackingNumber));
  const byShipment = new Map<string, WebhookTracking[]>();
  let unmatched = 0;
  for (const u of updates) {
    const id = ids.get(u.trackingNumber);
    if (id === undefined) unmatched++;
    else byShipment.set(id, [...(byShipment.get(id) ?? []), u]);
  }
  const result: IngestResult = { stored: 0, duplicates: 0, unmatched, shipments: [...byShipment.keys()].sort() };
  for (const id of result.shipments) {
    const r = await ingestForShipment(trx, deps, id, byShipment.get(id)!, source, actor);
    result.stored += r.stored;
    result.duplicates += r.duplicates;
  }
  return result;
}
