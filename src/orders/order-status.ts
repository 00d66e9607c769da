/**
 * The order lifecycle as data (API.md). `orderTransitions[from]` lists where an order may go next;
 * everything else is refused with 409 `invalid_transition`. A test walks this table for states that
 * cannot be reached and non-terminal states with no way out.
 */
export const orderStatuses = [
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
] as const;

export type OrderStatus = (typeof orderStatuses)[number];

export const initialOrderStatuses: readonly OrderStatus[] = ['pending_payment', 'placed'];
export const terminalOrderStatuses: readonly OrderStatus[] = ['cancelled', 'returned'];

export const orderTransitions: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending_payment: ['placed', 'cancelled'],
  placed: ['processing', 'cancelled'],
  processing: ['ready_to_ship', 'partially_shipped', 'shipped', 'cancelled'],
  ready_to_ship: ['partially_shipped', 'shipped', 'cancelled'],
  partially_shipped: ['shipped', 'in_transit', 'out_for_delivery', 'delivered'],
  shipped: ['in_transit', 'out_for_delivery', 'delivered', 'returned'],
  in_transit: ['out_for_delivery', 'delivered', 'returned'],
  out_for_delivery: ['in_transit', 'delivered', 'returned'],
  delivered: ['returned'],
  cancelled: [],
  returned: [],
};

/** Statuses derived from shipments only: staff cannot set them by hand (which lines would it be?). */
export const derivedOnlyStatuses: readonly OrderStatus[] = ['partially_shipped'];

/** Once any of these is reached goods have left: cancelling is over, returns take its place. */
export const shippedStatuses: readonly OrderStatus[] = ['shipped', 'in_transit', 'out_for_delivery', 'delivered', 'returned'];

export function isOrderStatus(value: string): value is OrderStatus {
  return (orderStatuses as readonly string[]).includes(value);
}

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return orderTransitions[from].includes(to);
}

/** Where staff may move an order from `from` by hand. */
export function manualTargets(from: OrderStatus): OrderStatus[] {
  return orderTransitions[from].filter((to) => !derivedOnlyStatuses.includes(to));
}
