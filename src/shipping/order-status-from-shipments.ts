/**
 * An order's status from its shipments (API.md: "with several shipments the order's status is
 * derived from theirs"). Pure. Only parcels that have left count; an order with units still waiting
 * is partially shipped; otherwise the least advanced parcel speaks for the order.
 */
import type { OrderStatus } from '../orders/index.js';
import type { ShipmentStatus } from './carriers/tracking-vocabulary.js';

export interface LeftShipment {
  status: ShipmentStatus;
}

/** The status the order should have, or null when its shipments say nothing yet (none has left). */
export function orderStatusFromShipments(left: readonly LeftShipment[], unitsWaiting: number): OrderStatus | null {
  if (left.length === 0) return null;
  if (unitsWaiting > 0) return 'partially_shipped';
  const onTheWay = left.map((s) => s.status).filter((s) => s !== 'delivered');
  if (onTheWay.length === 0) return 'delivered';
  if (onTheWay.every((s) => s === 'out_for_delivery')) return 'out_for_delivery';
  if (onTheWay.some((s) => s !== 'label_created' && s !== 'unknown')) return 'in_transit';
  return 'shipped';
}
