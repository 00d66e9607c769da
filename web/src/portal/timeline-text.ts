/**
 * The order's timeline in words, for the customer: each customer-facing change
 * (src/streams/customer-view.ts decides which, and which fields of each) as one sentence.
 * Pure: no window, no document, no JSX.
 */
import { formatMoney, statusLabel } from '../shared/format.js';
import { carrierLabel } from './shipment-words.js';

export interface TimelineEntry {
  type: string;
  at: string;
  data: Record<string, unknown>;
}

function text(data: Record<string, unknown>, key: string): string | null {
  const value = data[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

function amount(data: Record<string, unknown>, key: string, currency: string): string | null {
  const value = data[key];
  return typeof value === 'number' ? formatMoney(value, currency) : null;
}

/** "2 items" from `lines: [{sku, quantity}]` (any shape with a quantity). */
function itemCount(data: Record<string, unknown>): string | null {
  const lines = data.lines;
  if (!Array.isArray(lines)) return null;
  const n = lines.reduce<number>((sum, l) => sum + (typeof (l as { quantity?: unknown })?.quantity === 'number' ? (l as { quantity: number }).quantity : 0), 0);
  return n > 0 ? `${n} ${n === 1 ? 'item' : 'items'}` : null;
}

/** "Return parcel" or "Parcel": shipment changes carry `kind` (outbound or return). */
function parcel(data: Record<string, unknown>): string {
  return data.kind === 'return' ? 'Your return parcel' : 'Your parcel';
}

const scanWords: Record<string, string> = {
  label_created: 'the label is ready',
  in_transit: 'it is on its way',
  out_for_delivery: 'it is out for delivery',
  delivered: 'it was delivered',
  available_for_pickup: 'it is waiting at a pickup point',
  failed_attempt: 'the carrier tried to deliver it',
  exception: 'there is a problem with the delivery',
  returned_to_sender: 'it is on its way back to the shop',
  cancelled: 'the shipment was cancelled',
};

/** One entry as a sentence ("Your parcel is out for delivery."); unknown types still say something. */
export function timelineText(entry: TimelineEntry, currency: string): string {
  const d = entry.data;
  // Money in the change's own currency when it names one, else the order's.
  const money = (key: string) => amount(d, key, text(d, 'currency') ?? currency);
  const items = itemCount(d);
  switch (entry.type) {
    case 'order.placed':
      return money('total') ? `You placed the order (${money('total')}).` : 'You placed the order.';
    case 'order.status_changed':
      return text(d, 'to') ? `Order status: ${statusLabel(text(d, 'to')!)}.` : 'The order status changed.';
    case 'order.cancelled':
      return 'The order was cancelled.';
    case 'order.lines_cancelled':
      return items ? `${items} of the order ${items.startsWith('1 ') ? 'was' : 'were'} cancelled.` : 'Part of the order was cancelled.';
    case 'order.feedback_received':
      return typeof d.rating === 'number' ? `You rated the delivery ${d.rating} out of 5.` : 'You rated the delivery.';
    case 'payment.captured':
      return money('amount') ? `We took the payment of ${money('amount')}.` : 'We took the payment.';
    case 'payment.declined':
      return 'Your payment was declined.';
    case 'refund.requested':
      return money('amount') ? `A refund of ${money('amount')} is on its way.` : 'A refund is on its way.';
    case 'refund.succeeded':
      return money('amount') ? `${money('amount')} was refunded to you.` : 'The refund was paid.';
    case 'invoice.issued':
      return text(d, 'number') ? `Invoice ${text(d, 'number')} was issued.` : 'The invoice was issued.';
    case 'shipment.label_created':
      return text(d, 'carrier') ? `A parcel is packed and labelled for ${carrierLabel(text(d, 'carrier')!)}.` : 'A parcel is packed and labelled.';
    case 'shipment.shipped':
      return text(d, 'carrier') ? `Your parcel left the warehouse with ${carrierLabel(text(d, 'carrier')!)}.` : 'Your parcel left the warehouse.';
    case 'shipment.status_changed':
      return text(d, 'to') ? `${parcel(d)}: ${statusLabel(text(d, 'to')!).toLowerCase()}.` : `${parcel(d)} has news.`;
    case 'tracking.event': {
      const status = text(d, 'status');
      const what = text(d, 'description') ?? (status ? (scanWords[status] ?? statusLabel(status).toLowerCase()) : 'a scan');
      const where = [text(d, 'city'), text(d, 'country')].filter(Boolean).join(', ');
      return `${d.kind === 'return' ? 'Return parcel scanned' : 'Parcel scanned'}${where ? ` in ${where}` : ''}: ${what.replace(/\.$/, '')}.`;
    }
    case 'return.requested':
      return items ? `You asked to return ${items}.` : 'You asked for a return.';
    case 'return.approved':
      return 'Your return was approved: print the label and send the parcel.';
    case 'return.rejected':
      return text(d, 'reason') ? `Your return was declined: ${text(d, 'reason')}.` : 'Your return was declined.';
    case 'return.exchange_placed':
      return 'We placed the replacement order for your exchange.';
    case 'return.in_transit':
      return 'Your return parcel is on its way back to us.';
    case 'return.delivered_to_warehouse':
      return 'Your return parcel arrived at our warehouse.';
    case 'return.received':
      return money('refund_amount') ? `We checked the returned items: ${money('refund_amount')} to refund.` : 'We checked the returned items.';
    case 'return.refund_requested':
      return money('amount') ? `The refund of ${money('amount')} for your return is on its way.` : 'The refund for your return is on its way.';
    case 'return.closed':
      return 'Your return is complete.';
    default:
      return `${entry.type.replace(/[._]/g, ' ').replace(/^./, (c) => c.toUpperCase())}.`;
  }
}

/**
 * A parcel's status change says again what its scan said (the carrier's "Delivered" scan makes the
 * parcel delivered): the change is left out when a scan of the same parcel has that status.
 */
export function withoutRepeats<T extends TimelineEntry>(entries: readonly T[]): T[] {
  const scanned = new Set(entries.filter((e) => e.type === 'tracking.event').map((e) => `${String(e.data.shipment_id)}:${String(e.data.status)}`));
  return entries.filter((e) => e.type !== 'shipment.status_changed' || !scanned.has(`${String(e.data.shipment_id)}:${String(e.data.to)}`));
}

/** The timeline as the order page shows it: without repeats, newest first. */
export function customerTimeline<T extends TimelineEntry>(entries: readonly T[]): T[] {
  return newestFirst(withoutRepeats(entries));
}

/** Newest first; entries of the same moment keep their order reversed (the later one first). */
export function newestFirst<T extends { at: string }>(entries: readonly T[]): T[] {
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => b.entry.at.localeCompare(a.entry.at) || b.index - a.index)
    .map((e) => e.entry);
}
