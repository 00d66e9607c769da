/**
 * An order's timeline events (GET /orders/{id}/events: `{type, at, actor, data}`) in words for
 * staff: a title and, when the event carries one, a detail line. Unknown types still read well
 * ("Order feedback received"). Pure.
 */
import { formatMoney, statusLabel } from '../../shared/format.js';
import { attentionText } from './attention.js';

export interface EventWords {
  title: string;
  detail: string | null;
}

const titles: Record<string, string> = {
  'order.placed': 'Order placed',
  'order.status_changed': 'Status changed',
  'order.attention_raised': 'Needs attention',
  'order.attention_cleared': 'Attention cleared',
  'order.backorder_allocated': 'Backordered units reserved',
  'order.feedback_received': 'Customer left delivery feedback',
  'payment.authorized': 'Payment authorized',
  'payment.captured': 'Payment captured',
  'payment.capture_failed': 'Payment capture failed',
  'payment.declined': 'Payment declined',
  'payment.voided': 'Payment voided',
  'payment.void_failed': 'Payment could not be voided',
  'refund.requested': 'Refund requested',
  'refund.created': 'Refund created',
  'refund.succeeded': 'Refund succeeded',
  'refund.failed': 'Refund failed',
  'refund.retried': 'Refund retried',
  'fulfillment.pick_lists': 'Pick lists made',
  'fulfillment.awaiting_packing': 'Waiting for packing to be confirmed',
  'fulfillment.awaiting_backorder': 'Waiting for backordered stock',
  'fulfillment.packed': 'Packed',
  'fulfillment.ready_for_shipping': 'Ready for shipping',
  'invoice.issued': 'Invoice issued',
  'shipment.rate_chosen': 'Carrier chosen',
  'shipment.no_rate': 'No carrier could quote',
  'shipment.label_created': 'Label bought',
  'shipment.label_failed': 'Label refused',
  'shipment.label_voided': 'Label voided',
  'shipment.void_failed': 'Label could not be voided',
  'shipment.lines_changed': 'Parcel contents changed',
  'shipment.shipped': 'Handed to the carrier',
  'shipment.status_changed': 'Shipment status changed',
  'shipment.attention_raised': 'Shipment needs attention',
  'shipment.attention_cleared': 'Shipment attention cleared',
  'tracking.event': 'Carrier scan',
  'return.requested': 'Return requested',
  'return.approved': 'Return approved',
  'return.rejected': 'Return rejected',
  'return.in_transit': 'Return on its way back',
  'return.delivered_to_warehouse': 'Return delivered to the warehouse',
  'return.received': 'Return received',
  'return.refund_requested': 'Return refund requested',
  'return.exchange_placed': 'Exchange order placed',
  'return.closed': 'Return closed',
};

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);

/** "Order feedback_received" → "Order feedback received", for types this file does not know. */
function fallbackTitle(type: string): string {
  return statusLabel(type.replace('.', ' ').replaceAll('_', ' '));
}

function detailOf(type: string, data: Record<string, unknown>, currency: string): string | null {
  const from = text(data.from);
  const to = text(data.to);
  switch (type) {
    case 'order.status_changed':
    case 'shipment.status_changed': {
      const move = from && to ? `${statusLabel(from)} → ${statusLabel(to)}` : to ? statusLabel(to) : null;
      return [move, text(data.note)].filter(Boolean).join(' · ') || null;
    }
    case 'order.attention_raised':
    case 'shipment.attention_raised':
      return text(data.reason) ? attentionText({ reason: data.reason as string, detail: text(data.detail) }) : null;
    case 'order.attention_cleared':
    case 'shipment.attention_cleared':
      return text(data.was) ? `Was: ${attentionText({ reason: data.was as string })}` : null;
    case 'tracking.event': {
      const place = [text(data.city), text(data.country)].filter(Boolean).join(', ');
      return [text(data.status) ? statusLabel(data.status as string) : null, text(data.description), place || null].filter(Boolean).join(' · ') || null;
    }
    case 'order.feedback_received':
      return num(data.rating) !== null ? `${data.rating} of 5 stars${text(data.comment) ? `: “${data.comment as string}”` : ''}` : null;
    case 'return.rejected':
      return text(data.reason);
    default: {
      const amount = num(data.amount);
      const parts = [amount !== null ? formatMoney(amount, text(data.currency) ?? currency) : null, text(data.reason), text(data.note), text(data.message)];
      return parts.filter(Boolean).join(' · ') || null;
    }
  }
}

export function eventWords(event: { type: string; data: Record<string, unknown> }, currency: string): EventWords {
  return { title: titles[event.type] ?? fallbackTitle(event.type), detail: detailOf(event.type, event.data, currency) };
}

/** Who did it, in words: "system:tracking" → "Waybill (tracking)", "staff:usr_…" → "Staff user usr_…". */
export function actorLabel(actor: string): string {
  const [kind, ...rest] = actor.split(':');
  const id = rest.join(':');
  if (kind === 'system') return id ? `Waybill (${id})` : 'Waybill';
  if (kind === 'webhook') return id ? `Webhook (${id})` : 'Webhook';
  if (kind === 'staff') return `Staff user ${id}`;
  if (kind === 'api_key') return `API key ${id}`;
  if (kind === 'customer') return 'The customer';
  return actor;
}
