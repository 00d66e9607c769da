/**
 * Receiving a return's parcel, line by line with a condition: resellable units go back on hand at
 * the return's warehouse and damaged ones are written off, both through the stock ledger; the order
 * lines count what came back; and the refund is quoted again from what arrived (not from what was
 * asked for). A return with nothing to refund (an exchange, or a fee that ate it all) closes at once.
 */
import { receiveReturnedStock } from '../inventory/index.js';
import { findOrderRow, insertOrderEvent, recordReturnedUnits } from '../orders/index.js';
import { isoTime } from '../platform/clock.js';
import type { Executor, Trx } from '../platform/db/database.js';
import { AppError, validationError } from '../platform/errors.js';
import { movedMeanwhile, lockedReturn, requireStatus } from './locked-return.js';
import { planReceipt, receiptErrors } from './receipt-lines.js';
import type { ReturnDeps } from './return-deps.js';
import { refundFor, type RefundBreakdown } from './return-policy.js';
import { moveReturn, updateReturnLine, type ReturnRecord } from './return.repository.js';
import type { ReceiveReturnInput } from './return.schemas.js';

/** What the return label cost (the return shipment's amount), 0 before one was bought. */
async function returnLabelCost(db: Executor, ret: ReturnRecord): Promise<number> {
  if (ret.shipment_id === null) return 0;
  const row = await db.selectFrom('shipments').select('amount').where('id', '=', ret.shipment_id).executeTakeFirst();
  return row?.amount == null ? 0 : Number(row.amount);
}

/** The refund quote for the units that arrived (exchange lines and the label rule: return-policy.ts). */
async function quoteOfReceipt(trx: Trx, deps: ReturnDeps, ret: ReturnRecord, received: ReadonlyMap<string, number>): Promise<RefundBreakdown> {
  const order = await findOrderRow(trx, ret.order_id);
  if (order === null) throw new Error(`return ${ret.id}: order ${ret.order_id} does not exist`);
  const lines = ret.lines.map((l) => ({ sku: l.sku, quantity: received.get(l.id) ?? 0, unit_price: l.unit_price, reason: l.reason, exchange_sku: l.exchange_sku }));
  const money = { subtotal: Number(order.subtotal), shipping_total: Number(order.shipping_total), tax_total: Number(order.tax_total) };
  return refundFor(deps.settings, money, lines, await returnLabelCost(trx, ret));
}

export async function receiveReturn(trx: Trx, deps: ReturnDeps, id: string, input: ReceiveReturnInput, actor: string): Promise<void> {
  const now = isoTime(deps.clock.now());
  const ret = await lockedReturn(trx, id, now);
  requireStatus(ret, ['approved', 'in_transit'], 'received');
  const errors = receiptErrors(ret.lines, input.lines);
  if (errors.length > 0) throw validationError(errors);
  if (ret.warehouse_id === null) throw new AppError('conflict', `Return ${ret.id} has no receiving warehouse; it cannot be received`);

  const plan = planReceipt(ret.lines, input.lines);
  await receiveReturnedStock(trx, { ids: deps.ids, actor, now }, { orderId: ret.order_id, warehouseId: ret.warehouse_id, returnId: ret.id, lines: plan.bySku });
  for (const line of plan.lines) await updateReturnLine(trx, line);

  const received = new Map(plan.lines.map((l) => [l.id, l.quantity_resellable + l.quantity_damaged]));
  const quote = await quoteOfReceipt(trx, deps, ret, received);
  const from = ret.status;
  const moved = await moveReturn(trx, ret.id, from, 'received', { received_at: now, refund_amount: quote.total, refund_breakdown: JSON.stringify(quote) }, now);
  if (!moved) throw movedMeanwhile(ret);
  await insertOrderEvent(trx, deps.ids, ret.order_id, {
    type: 'return.received',
    actor,
    at: now,
    data: { return_id: ret.id, lines: plan.summary, refund_amount: quote.total, currency: ret.currency, ...(input.note ? { note: input.note } : {}) },
  });
  if (quote.total === 0) {
    // Nothing is owed (an exchange, or fees that ate the refund): nothing will ever settle it.
    if (!(await moveReturn(trx, ret.id, 'received', 'closed', { closed_at: now }, now))) throw movedMeanwhile(ret);
    await insertOrderEvent(trx, deps.ids, ret.order_id, { type: 'return.closed', actor, at: now, data: { return_id: ret.id, reason: 'nothing_to_refund', refunded_amount: 0 } });
  }
  await recordReturnedUnits(
    trx,
    deps,
    ret.order_id,
    plan.bySku.map((s) => ({ sku: s.sku, quantity: s.resellable + s.damaged })),
    actor,
    now,
  );
}
