/**
 * Everything a message's template may show, read from the order (and its shipment, refund or payment)
 * at the moment the notification is written: the message keeps what was true then.
 */
import { findOrderLines, findOrderRow } from '../orders/index.js';
import { paymentsOfOrder, refundsOfOrders } from '../payments/index.js';
import type { Executor } from '../platform/db/database.js';
import { findShipment } from '../shipping/index.js';
import type { PlannedMessage } from './message-rules.js';
import type { NotificationDeps } from './notification-deps.js';
import type { MessageContext } from './types.js';

export async function messageContext(db: Executor, deps: Pick<NotificationDeps, 'branding' | 'publicUrl' | 'carrierName'>, orderId: string, planned: PlannedMessage, eventData: Record<string, unknown>): Promise<MessageContext | null> {
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
      lines: lines.map((l) => ({ sku: l.sku, name: l.name, quantity: Number(l.quantity), unit_price: Number(l.unit_price), line_total: Number(l.quantity) * Number(l.unit_price) })),
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
  if (planned.messageType === 'return_approved') {
    context.return = { id: typeof eventData.return_id === 'string' ? eventData.return_id : planned.qualifier, label_url: typeof eventData.label_url === 'string' ? eventData.label_url : null };
  }
  return context;
}
