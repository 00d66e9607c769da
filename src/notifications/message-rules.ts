/**
 * Which message a timeline event means for the customer, if any. Pure. The qualifier makes the
 * notification's unique key with the order, the message and the channel: one shipped message per
 * shipment, one refund message per refund, one message per partial cancellation, one message per
 * return and step (requested, approved, rejected, received), and one delay or exception message per
 * shipment and reason (a second failed attempt does not repeat the first), and one message per order
 * when its backordered units are all reserved.
 *
 * A return's own parcel (events with `kind: 'return'`, written by tracking) travels from the
 * customer to the shop: "shipped", "out for delivery", "delivered" or a delay would tell the
 * customer of a delivery to them that is not coming, so its events mean no message.
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
  /** The return the message is about (return messages, and a refund that pays for a return). */
  returnId?: string;
}

const delayReasons = new Set(['shipment_late', 'no_scan']);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

const returnShipmentEvents = new Set(['shipment.shipped', 'shipment.status_changed', 'shipment.attention_raised']);

function returnMessage(messageType: MessageType, event: TimelineEvent): PlannedMessage {
  const returnId = str(event.data.return_id);
  return { messageType, qualifier: returnId ?? event.id, shipmentId: null, ...(returnId ? { returnId } : {}) };
}

export function messageFor(event: TimelineEvent): PlannedMessage | null {
  const d = event.data;
  const shipmentId = str(d.shipment_id);
  if (d.kind === 'return' && returnShipmentEvents.has(event.type)) return null;
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
    case 'refund.succeeded': {
      // Per refund, not per return: a second partial refund of one return is news of its own.
      const refundId = str(d.refund_id);
      const returnId = str(d.return_id);
      return { messageType: 'refund_issued', qualifier: refundId ?? event.id, shipmentId: null, ...(refundId ? { refundId } : {}), ...(returnId ? { returnId } : {}) };
    }
    case 'return.requested':
      return returnMessage('return_requested', event);
    case 'return.approved':
      return returnMessage('return_approved', event);
    case 'return.rejected':
      return returnMessage('return_rejected', event);
    case 'return.received':
      return returnMessage('return_received', event);
    case 'order.backorder_allocated':
      // Told once, when the last backordered unit is reserved: a receipt that fills part of the
      // backorder changes nothing the customer can act on, and nothing ships until all is there.
      return d.complete === true ? { messageType: 'backorder_allocated', qualifier: '-', shipmentId: null } : null;
    default:
      return null;
  }
}
