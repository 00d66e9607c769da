/**
 * Everything a message's template may show, read from the order (and its shipment, refund, payment
 * or return) at the moment the notification is written: the message keeps what was true then.
 */
import { defaultReturnReasons } from '../config-returns.js';
import { findOrderLines, findOrderRow } from '../orders/index.js';
import { paymentsOfOrder, refundsOfOrders } from '../payments/index.js';
import type { Executor } from '../platform/db/database.js';
import { findReturn } from '../returns/index.js';
import { findShipment } from '../shipping/index.js';
import type { PlannedMessage } from './message-rules.js';
import type { NotificationDeps } from './notification-deps.js';
import type { BackorderContext, MessageContext, ReturnContext } from './types.js';

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * How a customer reads a reason code. The default policy's labels, else the code in words: the
 * shop's own labels (WAYBILL_RETURN_REASONS) are not among notifications' dependencies.
 */
export function reasonLabel(code: string, reasons: ReadonlyArray<{ code: string; label: string }> = defaultReturnReasons): string {
  const known = reasons.find((r) => r.code === code) ?? defaultReturnReasons.find((r) => r.code === code);
  if (known) return known.label;
  const words = code.replace(/_/g, ' ').trim();
  return words === '' ? code : words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The return as its messages show it: its lines (with the exchange's product names, from the
 * replacement order), its refund, the rejection's reason and the label. The event's own data wins
 * where it says (the label of the approval, the refund of the receipt): it is what was true then.
 */
async function returnContext(db: Executor, planned: PlannedMessage & { returnId: string }, currency: string, eventData: Record<string, unknown>, names: Map<string, string>, label: (code: string) => string): Promise<ReturnContext | null> {
  const returnId = planned.returnId;
  const record = await findReturn(db, returnId);
  if (record === null) return null;
  const exchangeOrderId = str(eventData.exchange_order_id) ?? record.exchange_order_id;
  const exchangeOrder = exchangeOrderId === null ? null : await findOrderRow(db, exchangeOrderId);
  if (exchangeOrder !== null) for (const l of (await findOrderLines(db, [exchangeOrder.id])).get(exchangeOrder.id) ?? []) if (!names.has(l.sku)) names.set(l.sku, l.name);
  const refund = typeof eventData.refund_amount === 'number' && Number.isSafeInteger(eventData.refund_amount) ? eventData.refund_amount : record.refund_amount;
  return {
    id: record.id,
    label_url: str(eventData.label_url),
    lines: record.lines.map((l) => ({
      sku: l.sku,
      name: l.name,
      quantity: l.quantity,
      reason: l.reason,
      reason_label: label(l.reason),
      exchange: l.exchange_sku === null ? null : { sku: l.exchange_sku, name: names.get(l.exchange_sku) ?? l.exchange_sku },
      quantity_received: l.quantity_resellable + l.quantity_damaged,
    })),
    refund_amount: refund,
    currency: record.currency || currency,
    rejection_reason: (planned.messageType === 'return_rejected' ? str(eventData.reason) : null) ?? record.rejection_reason,
    is_exchange: record.lines.some((l) => l.exchange_sku !== null) || exchangeOrder !== null,
    exchange_order: exchangeOrder === null ? null : { id: exchangeOrder.id, number: exchangeOrder.number },
  };
}

/**
 * The units the customer waited for: once complete, everything the order's receipts reserved for
 * it (a backorder may be filled by several receipts; the message is sent once, at the last), read
 * from its `order.backorder_allocated` events; else this event's own lines.
 */
async function backorderContext(db: Executor, orderId: string, eventData: Record<string, unknown>, names: Map<string, string>): Promise<BackorderContext> {
  const complete = eventData.complete === true;
  const lineLists: unknown[] = [eventData.lines];
  if (complete) {
    const events = await db.selectFrom('order_events').select('data').where('order_id', '=', orderId).where('type', '=', 'order.backorder_allocated').orderBy('id').execute();
    if (events.length > 0) lineLists.splice(0, 1, ...events.map((e) => (JSON.parse(e.data) as Record<string, unknown>).lines));
  }
  const units = new Map<string, number>();
  for (const list of lineLists) {
    if (!Array.isArray(list)) continue;
    for (const line of list as Array<{ sku?: unknown; quantity?: unknown }>) {
      if (typeof line.sku === 'string' && typeof line.quantity === 'number') units.set(line.sku, (units.get(line.sku) ?? 0) + line.quantity);
    }
  }
  return { complete, lines: [...units].map(([sku, quantity]) => ({ sku, name: names.get(sku) ?? sku, quantity })) };
}

export async function messageContext(db: Executor, deps: Pick<NotificationDeps, 'branding' | 'publicUrl' | 'carrierName'> & Partial<Pick<NotificationDeps, 'returnReasons'>>, orderId: string, planned: PlannedMessage, eventData: Record<string, unknown>): Promise<MessageContext | null> {
  const order = await findOrderRow(db, orderId);
  if (order === null) return null;
  const lines = (await findOrderLines(db, [orderId])).get(orderId)!;
  const customer = JSON.parse(order.customer) as { name: string; email: string; phone?: string | null };
  const trackingPage = `${deps.publicUrl}/track/${order.tracking_token}`;
  const context: MessageContext = {
    shop: deps.branding,
    customer: { name: customer.name, email: customer.email, phone: customer.phone ?? null },
    order: {
      id: order.id,
      number: order.number,
      created_at: order.created_at,
      currency: order.currency,
      lines: lines.map((l) => ({ sku: l.sku, name: l.name, quantity: Number(l.quantity), unit_price: Number(l.unit_price), line_total: Number(l.quantity) * Number(l.unit_price), quantity_backordered: Number(l.quantity_backordered ?? 0) })),
      subtotal: Number(order.subtotal),
      shipping_total: Number(order.shipping_total),
      tax_total: Number(order.tax_total),
      total: Number(order.total),
      shipping_address: JSON.parse(order.shipping_address) as MessageContext['order']['shipping_address'],
      tracking_page_url: trackingPage,
    },
  };
  if (planned.shipmentId) {
    const s = await findShipment(db, planned.shipmentId);
    if (s !== null) {
      context.shipment = {
        id: s.id,
        carrier: s.carrier,
        carrier_name: deps.carrierName(s.carrier),
        service: s.service,
        tracking_number: s.tracking_number,
        carrier_tracking_url: s.tracking_url,
        estimated_delivery: s.estimated_delivery,
        status: s.status,
        delivered_at: s.delivered_at,
        signed_by: s.signed_by,
      };
    }
  }
  if (planned.incident) context.incident = planned.incident;
  if (planned.messageType === 'delivered') context.rating_url = `${trackingPage}?rate=${encodeURIComponent(planned.shipmentId ?? '')}`;
  if (planned.messageType === 'cancellation') {
    const cancelled = Array.isArray(eventData.lines) ? (eventData.lines as Array<{ sku: string; quantity: number }>) : [];
    context.cancellation = { reason: typeof eventData.reason === 'string' ? eventData.reason : '', lines: cancelled, whole: order.status === 'cancelled' && planned.qualifier === '-' };
  }
  if (planned.refundId) {
    const refund = ((await refundsOfOrders(db, [orderId])).get(orderId) ?? []).find((r) => r.id === planned.refundId);
    if (refund) context.refund = { amount: refund.amount, currency: refund.currency };
  }
  if (planned.messageType === 'payment_failed') {
    const payment = (await paymentsOfOrder(db, orderId)).at(-1);
    context.payment = { failure_message: payment?.failure_message ?? null };
  }
  if (planned.messageType === 'backorder_allocated') context.backorder = await backorderContext(db, orderId, eventData, new Map(context.order.lines.map((l) => [l.sku, l.name])));
  if (planned.returnId) {
    const found = await returnContext(db, { ...planned, returnId: planned.returnId }, order.currency, eventData, new Map(context.order.lines.map((l) => [l.sku, l.name])), (code) => reasonLabel(code, deps.returnReasons));
    if (found) context.return = found;
  }
  return context;
}
