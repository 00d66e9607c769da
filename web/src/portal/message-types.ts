/** The messages the shop sends (src/notifications/types.ts: messageTypes) in words. Pure. */
const labels: Record<string, string> = {
  order_confirmation: 'Order confirmation',
  payment_failed: 'Payment problem',
  shipped: 'Order shipped',
  out_for_delivery: 'Out for delivery',
  delivered: 'Delivered',
  delivery_delayed: 'Delivery delayed',
  delivery_exception: 'Delivery problem',
  cancellation: 'Order cancelled',
  return_requested: 'Return requested',
  return_approved: 'Return approved',
  return_rejected: 'Return declined',
  return_received: 'Return received',
  refund_issued: 'Refund issued',
  backorder_allocated: 'Back-ordered items on their way',
};

export function messageTypeLabel(type: string): string {
  return labels[type] ?? type.replaceAll('_', ' ').replace(/^./, (c) => c.toUpperCase());
}

export function channelLabel(channel: string): string {
  return channel === 'sms' ? 'SMS' : channel === 'email' ? 'Email' : channel;
}
