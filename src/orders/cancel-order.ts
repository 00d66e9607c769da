/**
 * Cancelling an order, whole or some lines, for what has not shipped: backordered units first (they
 * hold no stock), then reserved ones, whose reservation is released through the ledger, the payment voided or refunded, and the labels of parcels left with nothing
 * to carry voided by a shipping job. After goods left, cancelling is refused with a hint to start a
 * return.
 */
import { settleReservation, sumBySku } from '../inventory/index.js';
import type { Clock } from '../platform/clock.js';
import { isoTime } from '../platform/clock.js';
import type { Trx } from '../platform/db/database.js';
import { AppError, notFound, validationError, type FieldError } from '../platform/errors.js';
import { locate } from '../platform/geo/gazetteer.js';
import type { Ids } from '../platform/ids.js';
import { FULFILLMENT_START_JOB, settleCancellation, type OrderPaymentDeps } from './order-payments.js';
import { shippedStatuses, type OrderStatus } from './order-status.js';
import { findOrderLines, findOrderRow, insertOrderEvent, lockOrder, updateLineQuantities } from './order.repository.js';
import type { CancelOrderInput } from './order.schemas.js';

/**
 * shipping/void-labels.ts's job, named by its string: orders cannot import shipping. It voids the
 * labels of the order's waiting parcels that this cancellation emptied (none when none was bought).
 */
export const VOID_LABELS_JOB = 'shipping.void-labels';

export interface CancelOrderDeps extends OrderPaymentDeps {
  clock: Clock;
  ids: Ids;
}

export async function cancelOrder(trx: Trx, deps: CancelOrderDeps, idOrNumber: string, input: CancelOrderInput, actor: string): Promise<string> {
  const now = isoTime(deps.clock.now());
  const found = await findOrderRow(trx, idOrNumber);
  if (!found || !(await lockOrder(trx, found.id, now))) throw notFound(`Order ${idOrNumber}`);
  // Read again under the lock: a concurrent cancel or shipment may have changed it.
  const order = (await findOrderRow(trx, found.id))!;
  const status = order.status as OrderStatus;
  if (status === 'cancelled' || shippedStatuses.includes(status)) {
    throw new AppError(
      'invalid_transition',
      status === 'cancelled' ? 'The order is already cancelled' : `The order is ${status}: goods have left, so it can no longer be cancelled. Start a return instead (POST /api/v1/returns).`,
      { from: status, to: 'cancelled', allowed: [], ...(status === 'cancelled' ? {} : { hint: 'start a return: POST /api/v1/returns' }) },
    );
  }
  const lines = (await findOrderLines(trx, [order.id])).get(order.id)!.map((l) => ({
    ...l,
    quantity: Number(l.quantity),
    quantity_shipped: Number(l.quantity_shipped),
    quantity_cancelled: Number(l.quantity_cancelled),
    quantity_backordered: Number(l.quantity_backordered ?? 0),
  }));
  const open = (l: (typeof lines)[number]) => l.quantity - l.quantity_shipped - l.quantity_cancelled;

  const wanted = input.lines ? sumBySku(input.lines) : sumBySku(lines.map((l) => ({ sku: l.sku, quantity: open(l) })).filter((l) => l.quantity > 0));
  const errors: FieldError[] = [];
  for (const want of wanted) {
    const openUnits = lines.filter((l) => l.sku === want.sku).reduce((n, l) => n + open(l), 0);
    if (want.quantity > openUnits) {
      const index = input.lines?.findIndex((l) => l.sku === want.sku) ?? 0;
      if (!lines.some((l) => l.sku === want.sku)) errors.push({ path: `lines[${index}].sku`, message: `${want.sku} is not on this order` });
      else errors.push({ path: `lines[${index}].quantity`, message: openUnits === 0 ? `nothing of ${want.sku} is left to cancel` : `only ${openUnits} of ${want.sku} can still be cancelled` });
    }
  }
  if (errors.length > 0) throw validationError(errors);
  if (wanted.length === 0) throw new AppError('conflict', 'Nothing on this order is left to cancel');

  // Backordered units first: they hold no reservation, so cancelling them releases nothing, and
  // the reserved units stay with an order that keeps them. Then reserved units, line by line.
  const release: Array<{ sku: string; quantity: number }> = [];
  const unbackordered: Array<{ sku: string; quantity: number }> = [];
  for (const want of wanted) {
    let remaining = want.quantity;
    const ofSku = lines.filter((l) => l.sku === want.sku);
    const changed = new Set<(typeof lines)[number]>();
    for (const line of ofSku) {
      const take = Math.min(line.quantity_backordered, remaining);
      if (take === 0) continue;
      line.quantity_backordered -= take;
      line.quantity_cancelled += take;
      remaining -= take;
      changed.add(line);
    }
    const fromBackorders = want.quantity - remaining;
    for (const line of ofSku) {
      const take = Math.min(open(line) - line.quantity_backordered, remaining);
      if (take <= 0) continue;
      line.quantity_cancelled += take;
      remaining -= take;
      changed.add(line);
    }
    for (const line of changed) await updateLineQuantities(trx, line);
    if (fromBackorders > 0) unbackordered.push({ sku: want.sku, quantity: fromBackorders });
    if (want.quantity - fromBackorders > 0) release.push({ sku: want.sku, quantity: want.quantity - fromBackorders });
  }
  if (release.length > 0) {
    // Ranked from the order's address, as its reservation was: the farthest units are released first.
    const address = JSON.parse(order.shipping_address) as { country: string; city: string; region?: string | null };
    const destination = locate(address.country, address.city, address.region ?? null);
    await settleReservation(trx, { ids: deps.ids, actor, now }, order.id, 'release', release, { destination });
  }

  const everythingCancelled = lines.every((l) => l.quantity_cancelled === l.quantity);
  const nothingLeftToShip = lines.every((l) => open(l) === 0);
  const nextStatus: OrderStatus = everythingCancelled ? 'cancelled' : nothingLeftToShip && lines.some((l) => l.quantity_shipped > 0) ? 'shipped' : status;
  if (nextStatus !== status) await trx.updateTable('orders').set({ status: nextStatus }).where('id', '=', order.id).execute();
  await insertOrderEvent(trx, deps.ids, order.id, {
    type: everythingCancelled ? 'order.cancelled' : 'order.lines_cancelled',
    actor,
    at: now,
    data: { reason: input.reason, lines: wanted, ...(unbackordered.length > 0 ? { backordered: unbackordered } : {}), ...(nextStatus !== status ? { from: status, to: nextStatus } : {}) },
  });
  // The units it waited for are gone: what is left is all reserved, so processing may go on (its
  // first step waited while anything was backordered; a fresh key, as that one ran already). A
  // pending payment's authorization starts it instead.
  const waitedForStock = unbackordered.length > 0 && lines.every((l) => l.quantity_backordered === 0);
  if (waitedForStock && (nextStatus === 'placed' || nextStatus === 'processing')) {
    await deps.enqueue(trx, { type: FULFILLMENT_START_JOB, payload: { order_id: order.id }, dedupeKey: `order:${order.id}:fulfillment:backorders-cancelled` });
  }
  await settleCancellation(trx, deps, order.id, input.reason, actor);
  // One job per cancellation (a fresh key): a later partial cancellation may empty another parcel.
  await deps.enqueue(trx, { type: VOID_LABELS_JOB, payload: { order_id: order.id }, dedupeKey: `order:${order.id}:void-labels:${deps.ids.new('job')}` });
  return order.id;
}
