/**
 * The event types an endpoint may subscribe to, and how a subscription's filter matches one.
 * Pure: no I/O. The relay forwards every timeline event and stock movement; this list is what a
 * subscriber can name exactly (and what the API documents). A family pattern (`order.*`) also
 * matches types added to the family later, so a new timeline event reaches `order.*` subscribers
 * without a change here.
 */

/** The families of RelayedEvent (src/webhooks/types.ts). */
export const webhookEventFamilies = ['order', 'payment', 'shipment', 'tracking', 'refund', 'return', 'stock'] as const;
export type WebhookEventFamily = (typeof webhookEventFamilies)[number];

/** Every event type known today, by family. */
export const webhookEventCatalogue: Readonly<Record<WebhookEventFamily, readonly string[]>> = {
  order: ['order.placed', 'order.status_changed', 'order.cancelled', 'order.lines_cancelled', 'order.attention_raised', 'order.attention_cleared', 'order.backorder_allocated', 'order.feedback_received'],
  payment: ['payment.authorized', 'payment.captured', 'payment.declined', 'payment.voided', 'payment.capture_failed', 'payment.void_failed', 'payment.webhook'],
  shipment: [
    'shipment.rate_chosen',
    'shipment.no_rate',
    'shipment.label_created',
    'shipment.label_failed',
    'shipment.shipped',
    'shipment.status_changed',
    'shipment.attention_raised',
    'shipment.attention_cleared',
    'shipment.tracking_subscribed',
    'shipment.tracking_subscription_failed',
    'shipment.lines_changed',
    'shipment.label_voided',
    'shipment.void_failed',
  ],
  tracking: ['tracking.event'],
  refund: ['refund.requested', 'refund.created', 'refund.succeeded', 'refund.failed', 'refund.retried', 'refund.updated'],
  return: [
    'return.requested',
    'return.approved',
    'return.exchange_placed',
    'return.rejected',
    'return.in_transit',
    'return.delivered_to_warehouse',
    'return.received',
    'return.refund_requested',
    'return.refunded',
    'return.closed',
  ],
  // stock.<movement kind> (inventory/stock.repository.ts MovementKind)
  stock: ['stock.reserve', 'stock.release', 'stock.ship', 'stock.adjust', 'stock.count', 'stock.receive'],
};

export const webhookEventTypes: readonly string[] = Object.values(webhookEventCatalogue).flat();
const knownTypes = new Set(webhookEventTypes);
const knownFamilies = new Set<string>(webhookEventFamilies);

/** A filter entry: `*`, `<family>.*`, or an exact type from the catalogue. */
export function eventFilterProblem(entry: string): string | null {
  if (entry === '*') return null;
  if (entry.endsWith('.*')) {
    const family = entry.slice(0, -2);
    return knownFamilies.has(family) ? null : `is not a known event family (one of ${webhookEventFamilies.map((f) => `${f}.*`).join(', ')}, or *)`;
  }
  if (knownTypes.has(entry)) return null;
  return 'is not a known event type (see GET /api/v1/webhook-event-types) nor a pattern like order.* or *';
}

/** True when an endpoint subscribed to `filter` wants events of `type`. */
export function filterMatches(filter: readonly string[], type: string): boolean {
  return filter.some((entry) => entry === '*' || entry === type || (entry.endsWith('.*') && type.startsWith(entry.slice(0, -1))));
}
