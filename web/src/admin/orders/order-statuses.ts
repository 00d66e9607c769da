/**
 * The order statuses as the admin lists them (filters, dashboard counts), in lifecycle order. Where
 * an order may move by hand comes from the server (`next_statuses` on the order).
 */
import type { AdminOrderStatus } from '../../api/index.js';

export const orderStatuses: readonly AdminOrderStatus[] = [
  'pending_payment',
  'placed',
  'processing',
  'ready_to_ship',
  'partially_shipped',
  'shipped',
  'in_transit',
  'out_for_delivery',
  'delivered',
  'cancelled',
  'returned',
];
