/**
 * What a return parcel's tracking does to its return, in the transaction that recorded the tracking
 * (tracking/ingest-tracking.ts calls it when the parcel's status changes or it first moves). The
 * first scan that shows the parcel moving takes an `approved` return to `in_transit`; delivery at
 * the warehouse is written on the timeline for the people who receive it. Receipt itself stays a
 * person's act (POST /returns/{id}/receive: what arrived, in which condition), since a carrier's
 * "delivered" says nothing of what is in the box.
 */
import { insertOrderEvent } from '../orders/index.js';
import type { Trx } from '../platform/db/database.js';
import type { Ids } from '../platform/ids.js';
import { findReturn, findReturnByShipment, moveReturn } from './return.repository.js';

/** Statuses that mean the carrier has the parcel (tracking's "left the warehouse" set). */
const withCarrier: ReadonlySet<string> = new Set(['in_transit', 'out_for_delivery', 'delivered', 'available_for_pickup', 'failed_attempt', 'exception', 'returned_to_sender']);

export async function returnShipmentProgressed(
  trx: Trx,
  deps: { ids: Ids },
  shipment: { id: string; order_id: string; return_id?: string | null },
  status: string,
  actor: string,
  now: string,
): Promise<void> {
  const ret = shipment.return_id ? await findReturn(trx, shipment.return_id) : await findReturnByShipment(trx, shipment.id);
  if (ret === null) return;
  const data = { return_id: ret.id, shipment_id: shipment.id };
  // Conditional on `approved`: a return already received at the counter (or moved by a concurrent
  // ingest) stays where it is.
  if (withCarrier.has(status) && ret.status === 'approved' && (await moveReturn(trx, ret.id, 'approved', 'in_transit', {}, now))) {
    await insertOrderEvent(trx, deps.ids, ret.order_id, { type: 'return.in_transit', actor, at: now, data: { ...data, shipment_status: status } });
  }
  // Once: delivered is final for a shipment, so its status changes to it once.
  if (status === 'delivered') await insertOrderEvent(trx, deps.ids, ret.order_id, { type: 'return.delivered_to_warehouse', actor, at: now, data });
}
