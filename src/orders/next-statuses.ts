/**
 * Where staff may move an order by hand right now: the state machine's manual targets
 * (order-status.ts) less the moves its lines rule out. One rule for both sides, so the staff
 * Order's `next_statuses` and what POST /orders/{id}/status accepts cannot disagree.
 */
import { manualTargets, type OrderStatus } from './order-status.js';
import type { Order } from './order.schemas.js';

export type LineQuantities = Pick<Order['lines'][number], 'sku' | 'quantity' | 'quantity_shipped' | 'quantity_cancelled' | 'quantity_backordered'>;

export interface MoveRefusal {
  message: string;
  details?: Record<string, unknown>;
}

function openUnits(l: LineQuantities): number {
  return l.quantity - l.quantity_shipped - l.quantity_cancelled;
}

/** Why the lines forbid a move the state machine allows (null: they do not). */
function refusalByLines(to: OrderStatus, lines: readonly LineQuantities[]): MoveRefusal | null {
  if (to === 'shipped') {
    // Backordered units are in no warehouse yet: nothing can ship them until a receipt reserves them.
    const backordered = lines.filter((l) => l.quantity_backordered > 0).map((l) => ({ sku: l.sku, quantity: l.quantity_backordered }));
    if (backordered.length > 0) {
      const list = backordered.map((b) => `${b.quantity} × ${b.sku}`).join(', ');
      return { message: `The order has backordered units (${list}): it can ship once a receipt reserves them, or after they are cancelled`, details: { backordered } };
    }
  }
  if (to === 'cancelled' && !lines.some((l) => openUnits(l) > 0)) return { message: 'Nothing on this order is left to cancel' };
  return null;
}

export function nextStatuses(from: OrderStatus, lines: readonly LineQuantities[]): OrderStatus[] {
  return manualTargets(from).filter((to) => refusalByLines(to, lines) === null);
}

/** Why moving from `from` to `to` by hand is refused, or null when it is allowed. */
export function refusalOfMove(from: OrderStatus, to: OrderStatus, lines: readonly LineQuantities[]): MoveRefusal | null {
  if (!manualTargets(from).includes(to)) return { message: `An order that is ${from} cannot move to ${to}` };
  return refusalByLines(to, lines);
}
