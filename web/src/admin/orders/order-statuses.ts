/**
 * The order lifecycle as the admin offers it: every status (for the filters) and where staff may
 * move an order by hand. This mirrors the server's table (src/orders/order-status.ts) only to offer
 * the moves; the server decides, and a move it refuses (409 invalid_transition) shows its own
 * `allowed` list, so a drift here shows up as a refused move, never a wrong one.
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

const transitions: Record<AdminOrderStatus, readonly AdminOrderStatus[]> = {
  pending_payment: ['placed', 'cancelled'],
  placed: ['processing', 'cancelled'],
  processing: ['ready_to_ship', 'shipped', 'cancelled'],
  ready_to_ship: ['shipped', 'cancelled'],
  partially_shipped: ['shipped', 'in_transit', 'out_for_delivery', 'delivered'],
  shipped: ['in_transit', 'out_for_delivery', 'delivered', 'returned'],
  in_transit: ['out_for_delivery', 'delivered', 'returned'],
  out_for_delivery: ['in_transit', 'delivered', 'returned'],
  delivered: ['returned'],
  cancelled: [],
  returned: [],
};

/** Where staff may move an order by hand (cancelling has its own action: it is not offered here). */
export function manualMoves(from: AdminOrderStatus): AdminOrderStatus[] {
  return transitions[from].filter((to) => to !== 'cancelled');
}

/** Statuses after which goods have left: cancelling is over, returns take its place. */
export const shippedStatuses: readonly AdminOrderStatus[] = ['shipped', 'in_transit', 'out_for_delivery', 'delivered', 'returned'];
