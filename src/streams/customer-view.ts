/**
 * What a customer's own stream shows of a change: the customer-facing event types, and of each only
 * the fields meant for the customer. The timeline also holds the shop's internals (staff notes on a
 * status change, rate shopping, warehouse codes, provider references and failure messages,
 * attention flags); those stay on the staff stream. Pure: no I/O.
 */

/** Customer-visible event types → the fields of their data a customer sees. */
const customerFields: Readonly<Record<string, readonly string[]>> = {
  'order.placed': ['number', 'total', 'currency', 'status'],
  'order.status_changed': ['from', 'to'],
  'order.cancelled': ['lines', 'from', 'to'],
  'order.lines_cancelled': ['lines', 'from', 'to'],
  // The customer's own rating of the delivery (PUT /portal/orders/{id}/feedback).
  'order.feedback_received': ['rating', 'comment'],
  'payment.captured': ['amount', 'currency'],
  'payment.declined': ['code'],
  'refund.requested': ['amount', 'currency'],
  'refund.succeeded': ['amount'],
  'invoice.issued': ['number', 'total', 'currency'],
  'shipment.label_created': ['shipment_id', 'carrier', 'service', 'tracking_number', 'estimated_delivery'],
  'shipment.shipped': ['shipment_id', 'carrier', 'tracking_number', 'left_at'],
  'shipment.status_changed': ['shipment_id', 'from', 'to', 'reason', 'kind'],
  'tracking.event': ['shipment_id', 'status', 'reason', 'code', 'description', 'city', 'country', 'kind'],
  // Returns: the customer sees each step of their own return, never the staff's notes or codes.
  'return.requested': ['return_id', 'lines'],
  'return.approved': ['return_id', 'label_url', 'exchange_order_id'],
  'return.rejected': ['return_id', 'reason'],
  'return.exchange_placed': ['return_id', 'exchange_order_id'],
  'return.in_transit': ['return_id'],
  'return.delivered_to_warehouse': ['return_id'],
  'return.received': ['return_id', 'lines', 'refund_amount'],
  'return.refund_requested': ['return_id', 'amount'],
  'return.closed': ['return_id'],
};

export const customerEventTypes: readonly string[] = Object.keys(customerFields);

export function isCustomerVisible(type: string): boolean {
  return Object.hasOwn(customerFields, type);
}

/** The customer's part of a change's data (empty for a type they do not see). */
export function customerData(type: string, data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of customerFields[type] ?? []) if (Object.hasOwn(data, field)) out[field] = data[field];
  return out;
}
