/**
 * Manual moves along the order lifecycle. Moves with physical meaning carry it out: `cancelled`
 * cancels (releasing stock), `shipped` ships every open unit (out of stock, through the ledger).
 * What is allowed is next-statuses.ts's rule, the one the order's `next_statuses` shows.
 */
import { settleReservation } from '../inventory/index.js';
import { isoTime } from '../platform/clock.js';
import type { Trx } from '../platform/db/database.js';
import { AppError, notFound } from '../platform/errors.js';
import { cancelOrder, type CancelOrderDeps } from './cancel-order.js';
import { afterOrderStatusChange } from './order-payments.js';
import { nextStatuses, refusalOfMove } from './next-statuses.js';
import type { OrderStatus } from './order-status.js';
import { findOrderLines, findOrderRow, insertOrderEvent, lockOrder, orderLineView, setOrderStatus, updateLineQuantities } from './order.repository.js';

export async function changeOrderStatus(
  trx: Trx,
  deps: CancelOrderDeps,
  idOrNumber: string,
  input: { status: OrderStatus; note?: string },
  actor: string,
): Promise<string> {
  const now = isoTime(deps.clock.now());
  const found = await findOrderRow(trx, idOrNumber);
  if (!found || !(await lockOrder(trx, found.id, now))) throw notFound(`Order ${idOrNumber}`);
  const order = (await findOrderRow(trx, found.id))!;
  const from = order.status as OrderStatus;
  const lines = (await findOrderLines(trx, [order.id])).get(order.id)!;
  // The same rule as the order's next_statuses: every refusal is invalid_transition with that list.
  const quantities = lines.map((l) => orderLineView(l));
  const refusal = refusalOfMove(from, input.status, quantities);
  if (refusal !== null) {
    throw new AppError('invalid_transition', refusal.message, { from, to: input.status, allowed: nextStatuses(from, quantities), ...refusal.details });
  }
  if (input.status === 'cancelled') {
    return cancelOrder(trx, deps, order.id, { reason: input.note ?? 'cancelled by status change' }, actor);
  }
  if (input.status === 'shipped') {
    const toShip = lines
      .map((l) => ({ line: l, quantity: Number(l.quantity) - Number(l.quantity_shipped) - Number(l.quantity_cancelled) }))
      .filter((x) => x.quantity > 0);
    for (const { line, quantity } of toShip) {
      await updateLineQuantities(trx, { id: line.id, quantity_shipped: Number(line.quantity_shipped) + quantity, quantity_cancelled: Number(line.quantity_cancelled) });
    }
    const bySku = new Map<string, number>();
    for (const { line, quantity } of toShip) bySku.set(line.sku, (bySku.get(line.sku) ?? 0) + quantity);
    await settleReservation(trx, { ids: deps.ids, actor, now }, order.id, 'ship', [...bySku].map(([sku, quantity]) => ({ sku, quantity })));
  }
  if (!(await setOrderStatus(trx, order.id, from, input.status, now))) throw new Error(`order ${order.id} changed under its lock`);
  await insertOrderEvent(trx, deps.ids, order.id, { type: 'order.status_changed', actor, at: now, data: { from, to: input.status, note: input.note ?? null } });
  await afterOrderStatusChange(trx, deps, order.id, input.status);
  return order.id;
}
