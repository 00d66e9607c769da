/**
 * Payment and refund records. Every status change is a conditional update on the status it starts
 * from: the caller learns (0 rows) that someone else got there first, instead of acting twice.
 */
import type { Executor } from '../platform/db/database.js';
import type { PaymentTable, RefundTable } from '../platform/db/schema.js';
import { canMovePayment, type PaymentStatus } from './payment-status.js';

export interface Payment {
  id: string;
  order_id: string;
  provider: string;
  token: string;
  reference: string | null;
  status: PaymentStatus;
  currency: string;
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  failure_code: string | null;
  failure_message: string | null;
  created_at: string;
  updated_at: string;
}

export interface Refund {
  id: string;
  payment_id: string;
  order_id: string;
  amount: number;
  currency: string;
  status: 'pending' | 'succeeded' | 'failed';
  reason: string;
  reference: string | null;
  failure_code: string | null;
  failure_message: string | null;
  created_at: string;
  updated_at: string;
  /** The return this refund pays for, or null. */
  return_id: string | null;
  /** Provider attempts asked for: 1, then one more per retry of a failed refund. */
  attempts: number;
}

function toPayment(row: PaymentTable): Payment {
  return { ...row, status: row.status as PaymentStatus, amount: Number(row.amount), amount_captured: Number(row.amount_captured), amount_refunded: Number(row.amount_refunded) };
}

function toRefund(row: RefundTable): Refund {
  return { ...row, status: row.status as Refund['status'], amount: Number(row.amount), return_id: row.return_id ?? null, attempts: Number(row.attempts ?? 0) };
}

export async function insertPayment(db: Executor, row: PaymentTable): Promise<void> {
  await db.insertInto('payments').values(row).execute();
}

export async function findPayment(db: Executor, id: string): Promise<Payment | null> {
  const row = await db.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toPayment(row) : null;
}

/** The order's payments, oldest first (an order has one today; the list leaves room for more). */
export async function paymentsOfOrder(db: Executor, orderId: string): Promise<Payment[]> {
  const rows = await db.selectFrom('payments').selectAll().where('order_id', '=', orderId).orderBy('id').execute();
  return rows.map(toPayment);
}

export async function paymentsOfOrders(db: Executor, orderIds: readonly string[]): Promise<Map<string, Payment[]>> {
  const byOrder = new Map<string, Payment[]>();
  if (orderIds.length === 0) return byOrder;
  const rows = await db.selectFrom('payments').selectAll().where('order_id', 'in', orderIds).orderBy('id').execute();
  for (const row of rows) {
    const list = byOrder.get(row.order_id) ?? [];
    list.push(toPayment(row));
    byOrder.set(row.order_id, list);
  }
  return byOrder;
}

export async function findPaymentByReference(db: Executor, provider: string, reference: string): Promise<Payment | null> {
  const row = await db.selectFrom('payments').selectAll().where('provider', '=', provider).where('reference', '=', reference).executeTakeFirst();
  return row ? toPayment(row) : null;
}

/**
 * Moves a payment from `from` to `to` with the given field changes, only if it is still in `from`.
 * Returns false when it was not (someone else moved it). Throws on a move the state table forbids:
 * that is a bug in the caller, not a race.
 */
export async function movePayment(
  db: Executor,
  id: string,
  from: PaymentStatus,
  to: PaymentStatus,
  changes: Partial<Pick<PaymentTable, 'reference' | 'amount_captured' | 'amount_refunded' | 'failure_code' | 'failure_message'>>,
  now: string,
): Promise<boolean> {
  if (!canMovePayment(from, to)) throw new Error(`payment ${id}: ${from} → ${to} is not in the payment state table`);
  const result = await db
    .updateTable('payments')
    .set({ ...changes, status: to, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function insertRefund(db: Executor, row: RefundTable): Promise<void> {
  await db.insertInto('refunds').values(row).execute();
}

export async function findRefund(db: Executor, id: string): Promise<Refund | null> {
  const row = await db.selectFrom('refunds').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRefund(row) : null;
}

export async function refundsOfOrder(db: Executor, orderId: string): Promise<Refund[]> {
  const rows = await db.selectFrom('refunds').selectAll().where('order_id', '=', orderId).orderBy('id').execute();
  return rows.map(toRefund);
}

export async function refundsOfOrders(db: Executor, orderIds: readonly string[]): Promise<Map<string, Refund[]>> {
  const byOrder = new Map<string, Refund[]>();
  if (orderIds.length === 0) return byOrder;
  const rows = await db.selectFrom('refunds').selectAll().where('order_id', 'in', orderIds).orderBy('id').execute();
  for (const row of rows) {
    const list = byOrder.get(row.order_id) ?? [];
    list.push(toRefund(row));
    byOrder.set(row.order_id, list);
  }
  return byOrder;
}

export async function moveRefund(
  db: Executor,
  id: string,
  from: Refund['status'],
  to: Refund['status'],
  changes: Partial<Pick<RefundTable, 'reference' | 'failure_code' | 'failure_message' | 'attempts'>>,
  now: string,
): Promise<boolean> {
  const result = await db.updateTable('refunds').set({ ...changes, status: to, updated_at: now }).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Money of the payment that refunds already spoken for hold: pending ones (the provider is being
 * asked) and failed ones (they stay visible and are retried, not replaced). Read under the order's
 * lock, it makes "refunds never exceed what was captured" hold for concurrent requests.
 */
export async function refundsHeld(db: Executor, paymentId: string): Promise<number> {
  const row = await db
    .selectFrom('refunds')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.val(0)).as('held'))
    .where('payment_id', '=', paymentId)
    .where('status', 'in', ['pending', 'failed'])
    .executeTakeFirst();
  return Number(row?.held ?? 0);
}

/** Records a provider webhook event id; false when it was seen before (a replay: no second effect). */
export async function recordWebhookEvent(db: Executor, provider: string, eventId: string, type: string, now: string): Promise<boolean> {
  const result = await db
    .insertInto('payment_webhook_events')
    .values({ provider, event_id: eventId, type, received_at: now })
    .onConflict((oc) => oc.columns(['provider', 'event_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}
