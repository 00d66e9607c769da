/**
 * Asking for a return (a customer from the portal, or staff through the API), in the caller's
 * transaction with the order locked, so that two requests for the same delivered units cannot both
 * pass the "delivered minus already returned" check. The refund is quoted from the policy at once
 * (without a label cost: none is bought yet). A request the auto-approval rule covers is approved
 * right after the commit (autoApproveReturn), as the system.
 */
import { findOrderRow, insertOrderEvent, lockOrder } from '../orders/index.js';
import { isoTime } from '../platform/clock.js';
import type { Trx } from '../platform/db/database.js';
import { AppError, notFound } from '../platform/errors.js';
import { approveReturn, SYSTEM_ACTOR } from './approve-return.js';
import type { ReturnDeps } from './return-deps.js';
import { autoApproves, refundFor } from './return-policy.js';
import { checkReturnRequest, type RequestedLine } from './return-request-rules.js';
import { findReturn, insertReturn, type ReturnRecord } from './return.repository.js';
import { initialReturnStatus } from './return-status.js';
import { returnRequestFacts } from './returnable-units.js';

export interface ReturnRequest {
  /** Order id or number. */
  order_id: string;
  lines: readonly RequestedLine[];
  comment?: string | null;
}

export interface Requester {
  by: 'customer' | 'staff';
  actor: string;
  /** A customer asks only about their own orders: any other answers 404. */
  customerId?: string;
}

export async function requestReturn(trx: Trx, deps: ReturnDeps, request: ReturnRequest, requester: Requester): Promise<ReturnRecord> {
  const now = deps.clock.now();
  const at = isoTime(now);
  const found = await findOrderRow(trx, request.order_id);
  if (found === null || (requester.customerId !== undefined && found.customer_id !== requester.customerId)) throw notFound(`Order ${request.order_id}`);
  await lockOrder(trx, found.id, at);
  const order = (await findOrderRow(trx, found.id))!;

  const skus = request.lines.flatMap((l) => [l.sku, ...(l.exchange_sku ? [l.exchange_sku] : [])]);
  const facts = await returnRequestFacts(trx, order, skus);
  const checked = checkReturnRequest(deps.settings, facts, request.lines, now);
  if (!checked.ok) {
    // `rule` names the first rule that failed (what a client branches on), `rules` every one.
    throw new AppError('validation_failed', checked.errors.map((e) => `${e.path}: ${e.message}`).join('; '), {
      errors: checked.errors.map((e) => ({ path: e.path, message: e.message })),
      rule: checked.errors[0]!.rule,
      rules: [...new Set(checked.errors.map((e) => e.rule))],
    });
  }

  const id = deps.ids.new('ret');
  const money = { subtotal: Number(order.subtotal), shipping_total: Number(order.shipping_total), tax_total: Number(order.tax_total) };
  const quote = refundFor(deps.settings, money, checked.lines, 0);
  await insertReturn(
    trx,
    {
      id,
      order_id: order.id,
      status: initialReturnStatus,
      requested_by: requester.by,
      comment: request.comment ?? null,
      rejection_reason: null,
      warehouse_id: null,
      shipment_id: null,
      exchange_order_id: null,
      currency: order.currency,
      refund_amount: quote.total,
      refund_breakdown: JSON.stringify(quote),
      approved_at: null,
      received_at: null,
      closed_at: null,
      created_at: at,
      updated_at: at,
    },
    checked.lines.map((l, i) => ({
      id: deps.ids.new('rtl'),
      return_id: id,
      line_no: i + 1,
      sku: l.sku,
      name: l.name,
      quantity: l.quantity,
      reason: l.reason,
      exchange_sku: l.exchange_sku,
      unit_price: l.unit_price,
      quantity_resellable: 0,
      quantity_damaged: 0,
    })),
  );
  await insertOrderEvent(trx, deps.ids, order.id, {
    type: 'return.requested',
    actor: requester.actor,
    at,
    data: {
      return_id: id,
      lines: checked.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, reason: l.reason, exchange_sku: l.exchange_sku })),
      requested_by: requester.by,
      refund_amount: quote.total,
      currency: order.currency,
    },
  });
  return (await findReturn(trx, id))!;
}

/**
 * After the request committed: approves it as the system when the auto-approval rule covers it.
 * A failure (no carrier quote, stock short for an exchange) leaves it requested for a person, and
 * is logged: the customer's request itself succeeded.
 */
export async function autoApproveReturn(deps: ReturnDeps, record: ReturnRecord): Promise<void> {
  if (!autoApproves(deps.settings, record.lines, record.refund_amount)) return;
  try {
    await approveReturn(deps, record.id, SYSTEM_ACTOR);
  } catch (error) {
    deps.logger.warn({ err: error, return: record.id }, 'auto-approval failed; the return waits for staff');
  }
}
