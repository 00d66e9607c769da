/**
 * The processing pipeline (flow 2 of DESIGN.md) for a placed order, one idempotent job per step:
 *   fulfillment.start    placed → processing; a pick list per warehouse
 *   fulfillment.pack     packages chosen from the box catalog (or proposed, when an operator packs)
 *   fulfillment.invoice  the invoice, numbered gaplessly per year
 * Each step's state change, timeline event and next job commit together in the job's fenced
 * transaction, and each step first checks that its work is not done yet (a retry after a crash
 * finds it done and only moves on). A cancelled order stops the pipeline where it is; one with
 * backordered units does not start until they are all reserved. Buying
 * labels and `ready_to_ship` belong to shipping, whose job the invoice step enqueues.
 */
import { findProducts } from '../catalog/index.js';
import { orderAllocations } from '../inventory/index.js';
import { findOrderLines, findOrderRow, insertOrderEvent, lockOrder, setOrderStatus } from '../orders/index.js';
import { isoTime } from '../platform/clock.js';
import type { Db, Trx } from '../platform/db/database.js';
import type { Ids } from '../platform/ids.js';
import type { Clock } from '../platform/clock.js';
import type { Enqueue, JobContext, JobHandlers } from '../platform/jobs/types.js';
import type { BoxCatalog } from './box-catalog.js';
import { insertInvoice, insertPackages, insertPickList, invoiceOf, packagesOf, pickListsOf } from './fulfillment.repository.js';
import { formatInvoiceNumber, nextInvoiceSequence } from './invoice-number.js';
import { packItems } from './packing.js';
import { buildPickLists } from './pick-list.js';

/** Shipping's step after the invoice (shipping/jobs.ts), named here so that fulfillment need not import it. */
export const SHIPPING_BUY_LABELS_JOB = 'shipping.buy-labels';

export const fulfillmentJobs = { start: 'fulfillment.start', pack: 'fulfillment.pack', invoice: 'fulfillment.invoice' } as const;

export interface FulfillmentDeps {
  db: Db;
  clock: Clock;
  ids: Ids;
  enqueue: Enqueue;
  boxes: BoxCatalog;
  /** Packing waits for an operator (POST /orders/{id}/packing/confirm) instead of the worker. */
  manualPacking: boolean;
}

const ACTOR = 'system:fulfillment';

function orderIdOf(ctx: JobContext): string {
  const id = ctx.job.payload.order_id;
  if (typeof id !== 'string') throw new Error(`job ${ctx.job.id} has no order_id`);
  return id;
}

/** The order under its lock, or null when the pipeline must stop (gone or cancelled). */
async function lockedOrder(trx: Trx, orderId: string, now: string) {
  if (!(await lockOrder(trx, orderId, now))) return null;
  const order = await findOrderRow(trx, orderId);
  return order === null || order.status === 'cancelled' ? null : order;
}

async function start(ctx: JobContext, deps: FulfillmentDeps): Promise<void> {
  const orderId = orderIdOf(ctx);
  await ctx.complete(async (trx) => {
    const now = isoTime(deps.clock.now());
    const order = await lockedOrder(trx, orderId, now);
    if (order === null) return;
    // Wait for all: an order with backordered units is not picked, packed or shipped in part. Its
    // pick lists, packages, invoice and labels are each made once per order, from all of it, and
    // the customer was promised one delivery. The step runs again once the last backordered unit is
    // reserved (replenishment's allocateBackorders) or cancelled (orders' cancel-order.ts).
    const waiting = ((await findOrderLines(trx, [orderId])).get(orderId) ?? []).filter((l) => Number(l.quantity_backordered ?? 0) > 0);
    if (waiting.length > 0) {
      await insertOrderEvent(trx, deps.ids, orderId, {
        type: 'fulfillment.awaiting_backorder',
        actor: ACTOR,
        at: now,
        data: { lines: waiting.map((l) => ({ sku: l.sku, quantity: Number(l.quantity_backordered) })) },
      });
      return;
    }
    if (order.status === 'placed') {
      await setOrderStatus(trx, orderId, 'placed', 'processing', now);
      await insertOrderEvent(trx, deps.ids, orderId, { type: 'order.status_changed', actor: ACTOR, at: now, data: { from: 'placed', to: 'processing' } });
    }
    if ((await pickListsOf(trx, orderId)).length === 0) {
      const open = (await orderAllocations(trx, orderId))
        .map((a) => ({ sku: a.sku, warehouse: a.warehouse_id, quantity: a.quantity - a.quantity_released - a.quantity_shipped }))
        .filter((a) => a.quantity > 0);
      const products = await findProducts(trx, [...new Set(open.map((a) => a.sku))]);
      const lists = buildPickLists(open, [...products.values()]);
      for (const list of lists) {
        await insertPickList(trx, { id: deps.ids.new('pkl'), order_id: orderId, warehouse_id: list.warehouse, lines: JSON.stringify(list.lines), created_at: now });
      }
      await insertOrderEvent(trx, deps.ids, orderId, {
        type: 'fulfillment.pick_lists',
        actor: ACTOR,
        at: now,
        data: { pick_lists: lists.map((l) => ({ warehouse_id: l.warehouse, units: l.total_units, weight_grams: l.total_weight_grams })) },
      });
    }
    await deps.enqueue(trx, { type: fulfillmentJobs.pack, payload: { order_id: orderId }, dedupeKey: `order:${orderId}:pack` });
  });
}

async function pack(ctx: JobContext, deps: FulfillmentDeps): Promise<void> {
  const orderId = orderIdOf(ctx);
  await ctx.complete(async (trx) => {
    const now = isoTime(deps.clock.now());
    const order = await lockedOrder(trx, orderId, now);
    if (order === null) return;
    if ((await packagesOf(trx, orderId)).length > 0) {
      // Done before (a retry): move on unless it still waits for an operator.
      if (!deps.manualPacking) await enqueueInvoice(trx, deps, orderId);
      return;
    }
    const lists = await pickListsOf(trx, orderId);
    const skus = new Set<string>();
    for (const list of lists) for (const line of list.lines as Array<{ sku: string }>) skus.add(line.sku);
    const products = await findProducts(trx, [...skus]);
    let seq = 0;
    const rows = [];
    for (const list of lists) {
      const items = (list.lines as Array<{ sku: string; quantity: number }>).map((line) => {
        const p = products.get(line.sku)!;
        return { sku: line.sku, quantity: line.quantity, length_mm: Number(p.length_mm), width_mm: Number(p.width_mm), height_mm: Number(p.height_mm), weight_grams: Number(p.weight_grams) };
      });
      for (const pkg of packItems(items, deps.boxes)) {
        rows.push({
          id: deps.ids.new('pkg'),
          order_id: orderId,
          warehouse_id: list.warehouse_id,
          seq: ++seq,
          box_code: pkg.box_code,
          length_mm: pkg.length_mm,
          width_mm: pkg.width_mm,
          height_mm: pkg.height_mm,
          weight_grams: pkg.weight_grams,
          items: JSON.stringify(pkg.items),
          status: deps.manualPacking ? 'proposed' : 'packed',
          created_at: now,
        });
      }
    }
    await insertPackages(trx, rows);
    const summary = rows.map((r) => ({ seq: r.seq, box: r.box_code, weight_grams: r.weight_grams }));
    if (deps.manualPacking) {
      await insertOrderEvent(trx, deps.ids, orderId, { type: 'fulfillment.awaiting_packing', actor: ACTOR, at: now, data: { packages: summary } });
      return;
    }
    await insertOrderEvent(trx, deps.ids, orderId, { type: 'fulfillment.packed', actor: ACTOR, at: now, data: { packages: summary } });
    await enqueueInvoice(trx, deps, orderId);
  });
}

export async function enqueueInvoice(trx: Trx, deps: { enqueue: Enqueue }, orderId: string): Promise<void> {
  await deps.enqueue(trx, { type: fulfillmentJobs.invoice, payload: { order_id: orderId }, dedupeKey: `order:${orderId}:invoice` });
}

async function invoice(ctx: JobContext, deps: FulfillmentDeps): Promise<void> {
  const orderId = orderIdOf(ctx);
  await ctx.complete(async (trx) => {
    const at = deps.clock.now();
    const now = isoTime(at);
    const order = await lockedOrder(trx, orderId, now);
    if (order === null || (await invoiceOf(trx, orderId)) !== null) return;
    const year = at.getUTCFullYear();
    const sequence = await nextInvoiceSequence(trx, year);
    const number = formatInvoiceNumber(year, sequence);
    await insertInvoice(trx, { id: deps.ids.new('inv'), order_id: orderId, number, year, sequence, currency: order.currency, total: Number(order.total), issued_at: now });
    await insertOrderEvent(trx, deps.ids, orderId, { type: 'invoice.issued', actor: ACTOR, at: now, data: { number, total: Number(order.total), currency: order.currency } });
    await insertOrderEvent(trx, deps.ids, orderId, { type: 'fulfillment.ready_for_shipping', actor: ACTOR, at: now, data: {} });
    await deps.enqueue(trx, { type: SHIPPING_BUY_LABELS_JOB, payload: { order_id: orderId }, dedupeKey: `order:${orderId}:labels` });
  });
}

export function fulfillmentJobHandlers(deps: FulfillmentDeps): JobHandlers {
  return {
    [fulfillmentJobs.start]: (ctx) => start(ctx, deps),
    [fulfillmentJobs.pack]: (ctx) => pack(ctx, deps),
    [fulfillmentJobs.invoice]: (ctx) => invoice(ctx, deps),
  };
}
