/**
 * Receipts allocate to backorders first: after a receipt added stock of a SKU at a warehouse (in the
 * receipt's transaction, so no new order can take the units in between), backordered lines of that
 * SKU get it, the oldest order first (created_at, then id), until the warehouse has none left. Each
 * order's units are reserved like any order's (inventory's reserveForOrder: a `reserve` movement
 * with the order id and the order's allocation at that warehouse, which is what shipping settles),
 * and its lines' backordered count goes down by what they got. An order with nothing backordered
 * any more moves on to processing, and its customer is told (the `order.backorder_allocated` event
 * with `complete: true` means the backorder_allocated message).
 *
 * Lock order: the receipt holds the stock row, then each order is locked here, while a cancellation
 * locks its order and then stock. The two can deadlock on PostgreSQL when they meet on the same
 * (SKU, warehouse); the database then aborts one, and both callers retry their transaction
 * (transactionWithRetry). Taking the order's lock is what keeps a concurrent cancellation from
 * cancelling units this reserves, or this from reserving units it cancelled.
 */
import { reserveForOrder } from '../inventory/index.js';
import { FULFILLMENT_START_JOB, findOrderLines, findOrderRow, insertOrderEvent, lockOrder } from '../orders/index.js';
import type { Executor, Trx } from '../platform/db/database.js';
import type { Ids } from '../platform/ids.js';
import type { Enqueue } from '../platform/jobs/types.js';

/** Orders that still want their units: not cancelled, nothing shipped (processing waits for them). */
const waitingStatuses = ['pending_payment', 'placed', 'processing'];
/** Processing starts for these once nothing is backordered; a pending payment's authorization starts it. */
const processableStatuses = ['placed', 'processing'];

/** Orders with backordered units of the SKU, oldest first: a snapshot, each is read again under its lock. */
async function ordersWaitingFor(db: Executor, sku: string): Promise<string[]> {
  const rows = await db
    .selectFrom('order_lines')
    .innerJoin('orders', 'orders.id', 'order_lines.order_id')
    .select(['orders.id', 'orders.created_at'])
    .distinct()
    .where('order_lines.sku', '=', sku)
    .where('order_lines.quantity_backordered', '>', 0)
    .where('orders.status', 'in', waitingStatuses)
    .orderBy('orders.created_at')
    .orderBy('orders.id')
    .execute();
  return rows.map((r) => r.id);
}

async function setLineBackordered(trx: Trx, lineId: string, quantity: number): Promise<void> {
  await trx.updateTable('order_lines').set({ quantity_backordered: quantity }).where('id', '=', lineId).execute();
}

/** Reserves what the warehouse now has for backordered lines of the SKU; the units allocated. */
export async function allocateBackorders(trx: Trx, deps: { ids: Ids; enqueue: Enqueue }, input: { sku: string; warehouseId: string; actor: string; now: string }): Promise<number> {
  const ctx = { ids: deps.ids, actor: input.actor, now: input.now };
  let allocated = 0;
  for (const orderId of await ordersWaitingFor(trx, input.sku)) {
    if (!(await lockOrder(trx, orderId, input.now))) continue;
    const order = await findOrderRow(trx, orderId);
    if (order === null || !waitingStatuses.includes(order.status)) continue;
    const lines = (await findOrderLines(trx, [orderId])).get(orderId)!.map((l) => ({ ...l, quantity_backordered: Number(l.quantity_backordered ?? 0) }));
    const waiting = lines.filter((l) => l.sku === input.sku && l.quantity_backordered > 0);
    const wanted = waiting.reduce((n, l) => n + l.quantity_backordered, 0);
    if (wanted === 0) continue;

    const { allocations } = await reserveForOrder(trx, ctx, {
      orderId,
      wanted: [{ sku: input.sku, quantity: wanted }],
      destination: null,
      backorderable: new Set([input.sku]),
      onlyWarehouses: [input.warehouseId],
    });
    const got = allocations.reduce((n, a) => n + a.quantity, 0);
    // The warehouse has none left: younger orders wait for the next receipt.
    if (got === 0) break;

    // The first lines are filled first, as when the order was placed.
    let remaining = got;
    for (const line of waiting) {
      const take = Math.min(line.quantity_backordered, remaining);
      if (take === 0) break;
      line.quantity_backordered -= take;
      remaining -= take;
      await setLineBackordered(trx, line.id, line.quantity_backordered);
    }
    const complete = lines.every((l) => l.quantity_backordered === 0);
    await insertOrderEvent(trx, deps.ids, orderId, {
      type: 'order.backorder_allocated',
      actor: input.actor,
      at: input.now,
      data: {
        lines: [{ sku: input.sku, quantity: got, warehouse: allocations[0]!.warehouseCode }],
        complete,
        still_backordered: lines.filter((l) => l.quantity_backordered > 0).map((l) => ({ sku: l.sku, quantity: l.quantity_backordered })),
      },
    });
    // The first step of processing waited (and completed) while units were missing; this runs it
    // again under a key of its own. Nothing is backordered after this, so it happens once.
    if (complete && processableStatuses.includes(order.status)) {
      await deps.enqueue(trx, { type: FULFILLMENT_START_JOB, payload: { order_id: orderId }, dedupeKey: `order:${orderId}:fulfillment:backorders-allocated` });
    }
    allocated += got;
  }
  return allocated;
}
