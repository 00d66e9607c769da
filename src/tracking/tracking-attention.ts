/**
 * Keeping `attention` true to the rules (attention-rules.ts) on a shipment and on its order, with a
 * timeline event whenever it is raised or cleared. An order's attention from another cause (a failed
 * capture, a refused label) is left alone: tracking only writes and clears its own reasons.
 *
 * A return's parcel has attention of its own only for incidents (lost, damaged, returned to the
 * customer, a failed attempt, an exception), so that staff find it in GET /shipments?attention=true;
 * its clock says nothing (the customer drops it off when they like, so its ETA and its silence
 * before that are no alarm), and it never touches the order's attention: the order was delivered,
 * and what a return still needs is the return's business.
 */
import { insertOrderEvent } from '../orders/index.js';
import type { Trx } from '../platform/db/database.js';
import { shipmentsOfOrder, updateShipment, type Shipment } from '../shipping/index.js';
import { evaluateAttention, isTrackingAttention, sameAttention, trackingAttentionReasons, type Attention } from './attention-rules.js';
import type { TrackingDeps } from './tracking-deps.js';

const clockReasons: ReadonlySet<string> = new Set(['shipment_late', 'no_scan']);

export function attentionFor(s: Shipment, now: Date, noScanHours: number): Attention | null {
  if (s.label_state !== 'purchased') return null;
  const attention = evaluateAttention({ status: s.status, incidentReason: s.incident_reason, estimatedDelivery: s.estimated_delivery, lastEventAt: s.last_event_at, createdAt: s.created_at }, now, noScanHours);
  // Incidents come first in the rules: a clock reason here means the return's parcel has none.
  if (s.kind === 'return' && attention !== null && clockReasons.has(attention.reason)) return null;
  return attention;
}

const severity = (reason: string) => trackingAttentionReasons.indexOf(reason as never);

/** Recomputes the shipment's attention (already locked and updated by the caller) and its order's. */
export async function refreshAttention(trx: Trx, deps: TrackingDeps, shipment: Shipment, actor: string): Promise<void> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const computed = attentionFor(shipment, now, deps.settings.noScanHours);
  // message-rules.ts sends the customer no delay or exception message for a return's parcel.
  const kind = shipment.kind === 'return' ? { kind: 'return', return_id: shipment.return_id ?? null } : {};
  if (!sameAttention(shipment.attention as Attention | null, computed)) {
    await updateShipment(trx, shipment.id, { attention: computed === null ? null : JSON.stringify(computed), updated_at: at });
    await insertOrderEvent(trx, deps.ids, shipment.order_id, {
      type: computed === null ? 'shipment.attention_cleared' : 'shipment.attention_raised',
      actor,
      at,
      data: { shipment_id: shipment.id, ...kind, ...(computed === null ? { was: shipment.attention?.reason ?? null } : computed) },
    });
  }
  if (shipment.kind === 'return') return;
  const order = await trx.selectFrom('orders').select(['attention']).where('id', '=', shipment.order_id).executeTakeFirst();
  if (order === undefined) return;
  const current = order.attention === null ? null : (JSON.parse(order.attention) as { reason: string; since: string; shipment_id?: string });
  if (current !== null && !isTrackingAttention(current.reason)) return;
  const flagged = (await shipmentsOfOrder(trx, shipment.order_id))
    .filter((s) => s.kind !== 'return')
    .map((s) => ({ s, a: s.id === shipment.id ? computed : (s.attention as Attention | null) }))
    .filter((x): x is { s: Shipment; a: Attention } => x.a !== null)
    .sort((x, y) => severity(x.a.reason) - severity(y.a.reason));
  const next = flagged[0] === undefined ? null : { reason: flagged[0].a.reason, since: flagged[0].a.since, shipment_id: flagged[0].s.id, detail: flagged[0].a.detail ?? null };
  if (current?.reason === next?.reason && current?.shipment_id === next?.shipment_id) return;
  await trx.updateTable('orders').set({ attention: next === null ? null : JSON.stringify(next), updated_at: at }).where('id', '=', shipment.order_id).execute();
  await insertOrderEvent(trx, deps.ids, shipment.order_id, {
    type: next === null ? 'order.attention_cleared' : 'order.attention_raised',
    actor,
    at,
    data: next === null ? { was: current?.reason ?? null } : next,
  });
}
