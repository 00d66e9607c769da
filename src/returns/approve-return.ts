/**
 * Approving a return (staff, or the system under the auto-approval rule) or rejecting it.
 *
 * Approval has three steps, so that no carrier is called while a transaction holds the order:
 *   1. price the return label (no lock; a carrier that quotes nothing → 409, nothing changed);
 *   2. one transaction with the order locked: requested → approved, the return shipment opened
 *      (label_state `purchasing`), the replacement order of an exchange placed with its stock
 *      reserved (short stock → 409 insufficient_stock and nothing is approved), the refund quote
 *      recomputed with the label's cost, the timeline events, and a fallback job that buys the label
 *      should step 3 not happen;
 *   3. after the commit, buy the label at once. A failure here is only logged: the job retries.
 */
import { findOrderRow, insertOrderEvent, lockOrder, placeReplacementOrder } from '../orders/index.js';
import { isoTime } from '../platform/clock.js';
import { transactionWithRetry, type Trx } from '../platform/db/database.js';
import { AppError, notFound } from '../platform/errors.js';
import type { JobContext } from '../platform/jobs/types.js';
import { findShipment, openReturnShipment, priceReturnLabel, resumePurchases, shipmentsOfOrder, type Shipment } from '../shipping/index.js';
import type { ReturnDeps } from './return-deps.js';
import { refundFor } from './return-policy.js';
import { findReturn, moveReturn, updateReturn, type ReturnRecord } from './return.repository.js';
import { returnTransitions, type ReturnStatus } from './return-status.js';

/** The actor of what the returns capability does on its own (auto-approval, the fallback purchase). */
export const SYSTEM_ACTOR = 'system:returns';
/** The job that buys a label the approval could not buy at once (see returns/jobs.ts). */
const BUY_LABEL_JOB = 'returns.buy-label';
/** Long enough for the approval's own purchase to finish first in the usual case. */
const FALLBACK_DELAY_MS = 30_000;

export function customerLabelUrl(publicUrl: string, returnId: string): string {
  return `${publicUrl}/portal/returns/${returnId}/label.pdf`;
}

export function invalidReturnMove(from: ReturnStatus, to: ReturnStatus, verb: string): AppError {
  return new AppError('invalid_transition', `A return that is ${from} cannot be ${verb}`, { from, to, allowed: [...returnTransitions[from]] });
}

/**
 * Where the parcel goes and with whom: the delivered outbound shipment that carried most of the
 * returned units (its warehouse receives them all; its carrier is asked first).
 */
function deliveringShipment(shipments: readonly Shipment[], ret: ReturnRecord): Shipment | null {
  const outbound = shipments.filter((s) => s.kind === 'outbound' && s.status !== 'cancelled');
  const skus = new Set(ret.lines.map((l) => l.sku));
  const carried = (s: Shipment) => s.lines.filter((l) => skus.has(l.sku)).reduce((n, l) => n + l.quantity, 0);
  const ranked = [...outbound].sort((a, b) => Number(b.status === 'delivered') - Number(a.status === 'delivered') || carried(b) - carried(a) || (b.delivered_at ?? '').localeCompare(a.delivered_at ?? ''));
  return ranked[0] ?? null;
}

function exchangeLines(ret: ReturnRecord): Array<{ sku: string; quantity: number }> {
  const wanted = new Map<string, number>();
  for (const l of ret.lines) if (l.exchange_sku !== null) wanted.set(l.exchange_sku, (wanted.get(l.exchange_sku) ?? 0) + l.quantity);
  return [...wanted].map(([sku, quantity]) => ({ sku, quantity }));
}

export async function approveReturn(deps: ReturnDeps, id: string, actor: string): Promise<void> {
  const ret = await findReturn(deps.db, id);
  if (ret === null) throw notFound(`Return ${id}`);
  if (ret.status !== 'requested') throw invalidReturnMove(ret.status, 'approved', 'approved');
  const from = deliveringShipment(await shipmentsOfOrder(deps.db, ret.order_id), ret);
  if (from === null) throw new AppError('conflict', `Order ${ret.order_id} has no outbound shipment to send the return back to`);
  const plan = await priceReturnLabel(deps.shipping, { orderId: ret.order_id, warehouseId: from.warehouse_id, lines: ret.lines, carrier: from.carrier });

  await transactionWithRetry(deps.db, async (trx) => {
    const at = isoTime(deps.clock.now());
    await lockOrder(trx, ret.order_id, at);
    const current = (await findReturn(trx, id))!;
    if (!(await moveReturn(trx, id, 'requested', 'approved', { approved_at: at, warehouse_id: plan.warehouseId }, at))) throw invalidReturnMove(current.status, 'approved', 'approved');
    const order = (await findOrderRow(trx, current.order_id))!;
    const shipment = await openReturnShipment(trx, deps.shipping, { orderId: order.id, returnId: id, plan });

    const exchange = exchangeLines(current);
    const replacement = exchange.length === 0 ? null : await placeReplacementOrder(trx, deps.orders, order, { returnId: id, lines: exchange }, actor);

    const money = { subtotal: Number(order.subtotal), shipping_total: Number(order.shipping_total), tax_total: Number(order.tax_total) };
    const quote = refundFor(deps.settings, money, current.lines, plan.amount);
    await updateReturn(trx, id, { shipment_id: shipment.id, exchange_order_id: replacement?.id ?? null, refund_amount: quote.total, refund_breakdown: JSON.stringify(quote) }, at);

    await insertOrderEvent(trx, deps.ids, order.id, {
      type: 'return.approved',
      actor,
      at,
      data: {
        return_id: id,
        label_url: customerLabelUrl(deps.publicUrl, id),
        shipment_id: shipment.id,
        exchange_order_id: replacement?.id ?? null,
        carrier: plan.carrier,
        service: plan.service,
        warehouse: plan.warehouseCode,
        refund_amount: quote.total,
      },
    });
    if (replacement !== null) {
      await insertOrderEvent(trx, deps.ids, order.id, {
        type: 'return.exchange_placed',
        actor,
        at,
        data: { return_id: id, exchange_order_id: replacement.id, number: replacement.number, lines: exchange },
      });
    }
    await deps.enqueue(trx, { type: BUY_LABEL_JOB, payload: { return_id: id }, runAt: new Date(deps.clock.now().getTime() + FALLBACK_DELAY_MS), dedupeKey: `return:${id}:label` });
  });

  try {
    await resumePurchases(deps.shipping, ret.order_id, actor);
  } catch (error) {
    deps.logger.warn({ err: error, return: id }, 'buying the return label failed; the returns.buy-label job retries it');
  }
}

export async function rejectReturn(trx: Trx, deps: ReturnDeps, id: string, reason: string, actor: string): Promise<void> {
  const ret = await findReturn(trx, id);
  if (ret === null) throw notFound(`Return ${id}`);
  const at = isoTime(deps.clock.now());
  await lockOrder(trx, ret.order_id, at);
  if (!(await moveReturn(trx, id, 'requested', 'rejected', { rejection_reason: reason }, at))) {
    const current = (await findReturn(trx, id))!;
    throw invalidReturnMove(current.status, 'rejected', 'rejected');
  }
  await insertOrderEvent(trx, deps.ids, ret.order_id, { type: 'return.rejected', actor, at, data: { return_id: id, reason } });
}

/** The job `returns.buy-label` {return_id}: buys a return label a crash or an outage left unbought. */
export async function buyReturnLabelJob(ctx: JobContext, deps: ReturnDeps): Promise<void> {
  const returnId = String(ctx.job.payload.return_id ?? '');
  const ret = await findReturn(deps.db, returnId);
  if (ret === null || ret.shipment_id === null) return;
  const shipment = await findShipment(deps.db, ret.shipment_id);
  // A retryable carrier error is thrown on: the worker tries again with backoff.
  if (shipment?.label_state === 'purchasing') await resumePurchases(deps.shipping, ret.order_id, SYSTEM_ACTOR);
}
