/**
 * Which message a timeline event means for the customer, if any. Pure. The qualifier makes the
 * notification's unique key with the order, the message and the channel: one shipped message per
 * shipment, one refund message per refund, one message per partial cancellation, and one delay or
 * exception message per shipment and reason (a second failed attempt does not repeat the first).
 */
import type { MessageType } from './types.js';

export interface TimelineEvent {
  id: string;
  order_id: string;
  type: string;
  at: string;
  data: Record<string, unknown>;
}

export interface PlannedMessage {
  messageType: MessageType;
  /** What distinguishes this message from others of its type on the order ('-' for none). */
  qualifier: string;
  shipmentId: string | null;
  incident?: { reason: string; detail: string | null };
  refundId?: string;
}

const delayReasons = new Set(['shipment_late', 'no_scan']);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export function messageFor(event: TimelineEvent): PlannedMessage | null {
  const d = event.data;
  const shipmentId = str(d.shipment_id);
  switch (event.type) {
    case 'order.placed':
      // A paid order is confirmed once its payment is authorized (the status change below).
      return d.status === undefined || d.status === 'placed' ? { messageType: 'order_confirmation', qualifier: '-', shipmentId: null } : null;
    case 'order.status_changed':
      return d.from === 'pending_payment' && d.to === 'placed' ? { messageType: 'order_confirmation', qualifier: '-', shipmentId: null } : null;
    case 'payment.declined':
      return { messageType: 'payment_failed', qualifier: str(d.payment_id) ?? '-', shipmentId: null };
    case 'shipment.shipped':
      return shipmentId ? { messageType: 'shipped', qualifier: shipmentId, shipmentId } : null;
    case 'shipment.status_changed':
      if (!shipmentId) return null;
      if (d.to === 'out_for_delivery') return { messageType: 'out_for_delivery', qualifier: shipmentId, shipmentId };
      if (d.to === 'delivered') return { messageType: 'delivered', qualifier: shipmentId, shipmentId };
      return null;
    case 'shipment.attention_raised': {
      const reason = str(d.reason);
      if (!shipmentId || reason === null) return null;
      const incident = { reason, detail: str(d.detail) };
      return { messageType: delayReasons.has(reason) ? 'delivery_delayed' : 'delivery_exception', qualifier: `${shipmentId}:${reason}`, shipmentId, incident };
    }
    case 'order.cancelled':
      // An order whose payment was declined was never confirmed: the payment message says it all.
      return d.from === 'pending_payment' ? null : { messageType: 'cancellation', qualifier: '-', shipmentId: null };
    case 'order.lines_cancelled':
      return { messageType: 'cancellation', qualifier: event.id, shipmentId: null };
    case 'refund.succeeded':
      return { messageType: 'refund_issued', qualifier: str(d.refund_id) ?? event.id, shipmentId: null, refundId: str(d.refund_id) ?? undefined };
    case 'return.approved':
      return { messageType: 'return_approved', qualifier: str(d.return_id) ?? event.id, shipmentId: null };
    default:
      return null;
  }
}
