/**
 * An order's money, in the order's transactions: the payment opened with the order, the settlement
 * of its authorization, and what cancellations and status changes owe the payment (a void, a
 * refund, a capture). Provider calls never happen here: they run in jobs (payment-jobs.ts) or
 * between the two transactions of placing an order (submit-order.ts), never inside a transaction.
 */
import { insertPayment, movePayment, orderPaymentStatus, paymentsOfOrder, refundsHeld, type Payment, type PaymentProviders } from '../payments/index.js';
import type { Clock } from '../platform/clock.js';
import type { Db, Executor, Trx } from '../platform/db/database.js';
import { validationError } from '../platform/errors.js';
import type { Ids } from '../platform/ids.js';
import type { Enqueue } from '../platform/jobs/types.js';
import { amountOwed, capturePointReached, type CapturePolicy } from './capture-policy.js';
import type { OrderStatus } from './order-status.js';
import { findOrderLines, findOrderRow } from './order.repository.js';
import { openRefund, REFUND_JOB } from './refund-money.js';

export { openRefund } from './refund-money.js';

export interface OrderPaymentDeps {
  db: Db;
  clock: Clock;
  ids: Ids;
  enqueue: Enqueue;
  payments: PaymentProviders;
  captureAt: CapturePolicy;
}

/**
 * How long the request that placed an order has to settle its authorization before a job does it
 * instead (the request's process may have died between its two transactions). The job authorizes
 * again under the same idempotency key, so the provider answers it without a second charge.
 */
export const AUTHORIZATION_RECOVERY_MS = 60_000;

export const paymentJobs = {
  authorize: 'orders.authorize-payment',
  capture: 'orders.capture-payment',
  void: 'orders.void-payment',
  refund: REFUND_JOB,
} as const;

/** The first job of the processing pipeline (fulfillment/jobs.ts), enqueued once an order is placed. */
export const FULFILLMENT_START_JOB = 'fulfillment.start';

export async function enqueueFulfillment(trx: Executor, deps: { enqueue: Enqueue }, orderId: string): Promise<void> {
  await deps.enqueue(trx, { type: FULFILLMENT_START_JOB, payload: { order_id: orderId }, dedupeKey: `order:${orderId}:fulfillment` });
}

/** Checks the provider before anything is written: an unknown one is the input's fault (422). */
export function checkProvider(deps: { payments: PaymentProviders }, provider: string): void {
  if (deps.payments.get(provider) === undefined) {
    throw validationError([{ path: 'payment.provider', message: `is not an enabled payment provider (enabled: ${deps.payments.names.join(', ')})` }]);
  }
}

/** Opens the payment of a new order (status `authorizing`) and the job that recovers it if the request dies. */
export async function openPayment(
  trx: Trx,
  deps: OrderPaymentDeps,
  order: { id: string; total: number; currency: string },
  payment: { provider: string; token: string },
  now: string,
): Promise<string> {
  const id = deps.ids.new('pay');
  await insertPayment(trx, {
    id,
    order_id: order.id,
    provider: payment.provider,
    token: payment.token,
    reference: null,
    status: 'authorizing',
    currency: order.currency,
    amount: order.total,
    amount_captured: 0,
    amount_refunded: 0,
    failure_code: null,
    failure_message: null,
    created_at: now,
    updated_at: now,
  });
  await deps.enqueue(trx, {
    type: paymentJobs.authorize,
    payload: { payment_id: id },
    runAt: new Date(new Date(now).getTime() + AUTHORIZATION_RECOVERY_MS),
    dedupeKey: `payment:${id}:authorize`,
  });
  return id;
}

export async function syncOrderPaymentStatus(trx: Executor, orderId: string, payment: { status: Payment['status'] } | null, now: string): Promise<void> {
  await trx.updateTable('orders').set({ payment_status: orderPaymentStatus(payment), updated_at: now }).where('id', '=', orderId).execute();
}

/** The payment an order's money questions are about: its latest one. */
export async function currentPayment(trx: Executor, orderId: string): Promise<Payment | null> {
  const payments = await paymentsOfOrder(trx, orderId);
  return payments.at(-1) ?? null;
}

/**
 * What a cancellation owes the payment: a whole cancellation voids an authorization (or refunds
 * what was captured); a partial one refunds what was captured beyond what is still owed, and
 * otherwise leaves the capture to take only what is owed.
 */
export async function settleCancellation(trx: Trx, deps: OrderPaymentDeps, orderId: string, reason: string, actor: string): Promise<void> {
  const payment = await currentPayment(trx, orderId);
  if (payment === null) return;
  const now = deps.clock.now().toISOString();
  const owed = await amountOwedOn(trx, orderId);
  if ((payment.status === 'authorized' || payment.status === 'capture_failed') && owed === 0) {
    await enqueueVoid(trx, deps, payment.id);
    return;
  }
  if (payment.status === 'captured' || payment.status === 'partially_refunded') {
    // Refunds already asked for (an earlier partial cancellation, a return) count as given back.
    const excess = payment.amount_captured - payment.amount_refunded - (await refundsHeld(trx, payment.id)) - owed;
    if (excess > 0) await openRefund(trx, deps, payment, excess, reason, actor, now);
  }
  // `authorizing`: the settlement of the authorization sees the cancelled order and voids it.
}

/** What the order still owes (capture-policy.ts's amountOwed over its stored rows). */
export async function amountOwedOn(db: Executor, orderId: string): Promise<number> {
  const order = await findOrderRow(db, orderId);
  if (order === null) throw new Error(`order ${orderId} does not exist`);
  const lines = (await findOrderLines(db, [orderId])).get(orderId)!;
  return amountOwed({
    subtotal: Number(order.subtotal),
    shipping_total: Number(order.shipping_total),
    tax_total: Number(order.tax_total),
    lines: lines.map((l) => ({ unit_price: Number(l.unit_price), quantity: Number(l.quantity), quantity_cancelled: Number(l.quantity_cancelled) })),
  });
}

/** The job that releases an authorization, once per payment. */
export async function enqueueVoid(trx: Executor, deps: { enqueue: Enqueue }, paymentId: string): Promise<void> {
  await deps.enqueue(trx, { type: paymentJobs.void, payload: { payment_id: paymentId }, dedupeKey: `payment:${paymentId}:void` });
}

/**
 * After any status change of an order: processing starts when it is placed (by hand, too: the
 * dedupe key keeps it to once), and the capture is enqueued when the policy's point is reached.
 */
export async function afterOrderStatusChange(trx: Trx, deps: OrderPaymentDeps, orderId: string, to: OrderStatus): Promise<void> {
  if (to === 'placed') await enqueueFulfillment(trx, deps, orderId);
  if (!capturePointReached(deps.captureAt, to)) return;
  const payment = await currentPayment(trx, orderId);
  if (payment?.status !== 'authorized') return;
  await deps.enqueue(trx, { type: paymentJobs.capture, payload: { payment_id: payment.id }, dedupeKey: `payment:${payment.id}:capture` });
}

/** Moves a payment and mirrors it on the order; false when someone else moved it first. */
export async function movePaymentOfOrder(
  trx: Trx,
  payment: Payment,
  to: Payment['status'],
  changes: Parameters<typeof movePayment>[4],
  now: string,
): Promise<boolean> {
  if (!(await movePayment(trx, payment.id, payment.status, to, changes, now))) return false;
  await syncOrderPaymentStatus(trx, payment.order_id, { status: to }, now);
  return true;
}
