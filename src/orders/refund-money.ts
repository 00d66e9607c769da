/**
 * Refunds, in the order's transactions: opening one (never more than the captured money that no
 * refund holds yet), retrying a failed one, and the provider idempotency key of each attempt. The
 * caller holds the order's lock (lockOrder), so two concurrent refund requests see each other: one
 * wins, the other is refused with what is still refundable. Provider calls happen in the job.
 */
import { findRefund, insertRefund, moveRefund, refundsHeld, type Payment, type Refund } from '../payments/index.js';
import type { Trx } from '../platform/db/database.js';
import { AppError } from '../platform/errors.js';
import type { Ids } from '../platform/ids.js';
import type { Enqueue } from '../platform/jobs/types.js';
import { insertOrderEvent } from './order.repository.js';

export const REFUND_JOB = 'orders.refund-payment';
/** The returns capability's job (returns/jobs.ts) that closes a return once its refund succeeded. */
export const RETURN_REFUND_SETTLED_JOB = 'returns.refund-settled';

interface RefundDeps {
  ids: Ids;
  enqueue: Enqueue;
}

/** Captured money no refund holds yet (pending and failed refunds hold theirs). */
export async function refundableNow(trx: Trx, payment: Payment): Promise<number> {
  return payment.amount_captured - payment.amount_refunded - (await refundsHeld(trx, payment.id));
}

/** The provider idempotency key of a refund's current attempt: the first keeps the bare id. */
export function refundIdempotencyKey(refund: Pick<Refund, 'id' | 'attempts'>): string {
  return refund.attempts <= 1 ? refund.id : `${refund.id}:${refund.attempts}`;
}

async function enqueueRefundJob(trx: Trx, deps: RefundDeps, refund: { id: string; attempts: number }): Promise<void> {
  await deps.enqueue(trx, { type: REFUND_JOB, payload: { refund_id: refund.id }, dedupeKey: `refund:${refundIdempotencyKey(refund)}` });
}

/**
 * A refund record (pending) and the job that asks the provider for it. Refused with 409 `conflict`
 * (and `refundable` in the problem) when it would take more than the captured money left.
 */
export async function openRefund(
  trx: Trx,
  deps: RefundDeps,
  payment: Payment,
  amount: number,
  reason: string,
  actor: string,
  now: string,
  options: { returnId?: string | null } = {},
): Promise<string> {
  const refundable = await refundableNow(trx, payment);
  if (amount <= 0 || amount > refundable) {
    throw new AppError('conflict', `A refund of ${amount} would exceed the captured money not yet refunded (${Math.max(0, refundable)} ${payment.currency})`, { refundable: Math.max(0, refundable), currency: payment.currency });
  }
  const id = deps.ids.new('rfd');
  await insertRefund(trx, {
    id,
    payment_id: payment.id,
    order_id: payment.order_id,
    amount,
    currency: payment.currency,
    status: 'pending',
    reason,
    reference: null,
    failure_code: null,
    failure_message: null,
    created_at: now,
    updated_at: now,
    return_id: options.returnId ?? null,
    attempts: 1,
  });
  await enqueueRefundJob(trx, deps, { id, attempts: 1 });
  await insertOrderEvent(trx, deps.ids, payment.order_id, {
    type: 'refund.requested',
    actor,
    at: now,
    data: { refund_id: id, amount, currency: payment.currency, reason, ...(options.returnId ? { return_id: options.returnId } : {}) },
  });
  return id;
}

/** Asks the provider again for a failed refund, under a fresh idempotency key (the first failed for good). */
export async function retryRefund(trx: Trx, deps: RefundDeps, refundId: string, actor: string, now: string): Promise<Refund> {
  const refund = await findRefund(trx, refundId);
  if (refund === null) throw new AppError('not_found', `Refund ${refundId} was not found`);
  if (refund.status !== 'failed') throw new AppError('invalid_transition', `Refund ${refundId} is ${refund.status}; only a failed refund can be retried`, { from: refund.status, to: 'pending', allowed: [] });
  const attempts = refund.attempts + 1;
  if (!(await moveRefund(trx, refund.id, 'failed', 'pending', { attempts, failure_code: null, failure_message: null }, now))) {
    throw new AppError('conflict', `Refund ${refundId} changed meanwhile; read it again`);
  }
  await enqueueRefundJob(trx, deps, { id: refund.id, attempts });
  await insertOrderEvent(trx, deps.ids, refund.order_id, { type: 'refund.retried', actor, at: now, data: { refund_id: refund.id, amount: refund.amount, attempt: attempts, ...(refund.return_id ? { return_id: refund.return_id } : {}) } });
  return (await findRefund(trx, refund.id))!;
}
