/**
 * What the event relay hands to outbound webhooks: every timeline event of an order (order.*,
 * payment.*, shipment.*, tracking.event, refund.*, return.*) and every stock movement (stock.<kind>),
 * each with a stable id that becomes the `webhook-id` of its deliveries.
 */
export interface RelayedEvent {
  /** Stable: the timeline event's or the stock movement's id. */
  id: string;
  /** `order.placed`, `shipment.status_changed`, `tracking.event`, `stock.reserve`, … */
  type: string;
  /** RFC 3339 UTC. */
  occurred_at: string;
  order_id: string | null;
  data: Record<string, unknown>;
}
