/**
 * Units a customer sent back, on the order: each line's `quantity_returned`, and the order's move to
 * `returned` once every unit that shipped came back. The caller holds the order's lock (lockOrder),
 * so two receipts of one order count one after the other.
 */
import { AppError } from '../platform/errors.js';
import type { Trx } from '../platform/db/database.js';
import type { Ids } from '../platform/ids.js';
import { canTransition, type OrderStatus } from './order-status.js';
import { findOrderLines, findOrderRow, insertOrderEvent, setOrderStatus } from './order.repository.js';

export interface ReturnedUnitsResult {
  /** The order moved to `returned` with this receipt. */
  orderReturned: boolean;
}

interface LineCounts {
  id: string;
  sku: string;
  quantity: number;
  shipped: number;
  cancelled: number;
  returned: number;
}

/** True when everything that shipped came back and nothing is left to ship (pure). */
export function everythingCameBack(lines: readonly Pick<LineCounts, 'quantity' | 'shipped' | 'cancelled' | 'returned'>[]): boolean {
  const shipped = lines.reduce((n, l) => n + l.shipped, 0);
  const returned = lines.reduce((n, l) => n + l.returned, 0);
  const leftToShip = lines.some((l) => l.quantity - l.shipped - l.cancelled > 0);
  return shipped > 0 && returned === shipped && !leftToShip;
}

/**
 * Adds `units` to the order lines' `quantity_returned`, spread over the lines of each SKU in line
 * order (a line takes at most what it shipped and has not had back yet), then moves the order to
 * `returned` when everything came back and its status allows it. More units than shipped is a
 * 409: the return was checked against delivered units when asked for, so this is a data conflict.
 */
export async function recordReturnedUnits(
  trx: Trx,
  deps: { ids: Ids },
  orderId: string,
  units: readonly { sku: string; quantity: number }[],
  actor: string,
  now: string,
): Promise<ReturnedUnitsResult> {
  const order = await findOrderRow(trx, orderId);
  if (order === null) throw new Error(`order ${orderId} does not exist`);
  const lines: LineCounts[] = ((await findOrderLines(trx, [orderId])).get(orderId) ?? []).map((l) => ({
    id: l.id,
    sku: l.sku,
    quantity: Number(l.quantity),
    shipped: Number(l.quantity_shipped),
    cancelled: Number(l.quantity_cancelled),
    returned: Number(l.quantity_returned),
  }));
  const changed = new Set<LineCounts>();
  for (const unit of units) {
    let remaining = unit.quantity;
    for (const line of lines.filter((l) => l.sku === unit.sku)) {
      const take = Math.min(line.shipped - line.returned, remaining);
      if (take <= 0) continue;
      line.returned += take;
      remaining -= take;
      changed.add(line);
    }
    if (remaining > 0) {
      throw new AppError('conflict', `${unit.quantity} of ${unit.sku} came back, but only ${unit.quantity - remaining} shipped units of it are not yet returned on order ${order.number}`, {
        sku: unit.sku,
      });
    }
  }
  for (const line of changed) await trx.updateTable('order_lines').set({ quantity_returned: line.returned }).where('id', '=', line.id).execute();

  const from = order.status as OrderStatus;
  if (!everythingCameBack(lines) || !canTransition(from, 'returned')) return { orderReturned: false };
  if (!(await setOrderStatus(trx, orderId, from, 'returned', now))) throw new Error(`order ${orderId} changed under its lock`);
  await insertOrderEvent(trx, deps.ids, orderId, { type: 'order.status_changed', actor, at: now, data: { from, to: 'returned' } });
  return { orderReturned: true };
}
