/**
 * The shipments an order shows, read from the shipping capability's table. Orders cannot import
 * shipping (shipping imports orders to move them), so this one read-only query lives here; what a
 * shipment is stays shipping's business.
 */
import type { Executor } from '../platform/db/database.js';
import type { OrderShipment } from './order.schemas.js';

export async function shipmentSummariesOf(db: Executor, orderIds: readonly string[], publicUrl: string): Promise<Map<string, OrderShipment[]>> {
  const byOrder = new Map<string, OrderShipment[]>(orderIds.map((id) => [id, []]));
  if (orderIds.length === 0) return byOrder;
  const rows = await db
    .selectFrom('shipments')
    .select(['id', 'order_id', 'kind', 'carrier', 'service', 'tracking_number', 'tracking_url', 'label_state', 'status', 'incident_reason', 'estimated_delivery', 'shipped_at', 'delivered_at'])
    .where('order_id', 'in', orderIds)
    .orderBy('order_id')
    .orderBy('id')
    .execute();
  for (const r of rows) {
    byOrder.get(r.order_id)!.push({
      id: r.id,
      kind: r.kind,
      carrier: r.carrier,
      service: r.service,
      tracking_number: r.tracking_number,
      tracking_url: r.tracking_url,
      label_url: r.label_state === 'purchased' ? `${publicUrl}/api/v1/shipments/${r.id}/label.pdf` : null,
      status: r.status,
      incident_reason: r.incident_reason,
      estimated_delivery: r.estimated_delivery,
      shipped_at: r.shipped_at,
      delivered_at: r.delivered_at,
    });
  }
  return byOrder;
}
