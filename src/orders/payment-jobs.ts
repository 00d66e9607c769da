/**
 * The jobs that talk to payment providers, each idempotent twice over: the provider call carries an
 * idempotency key derived from our record (a retry after a crash is answered without a second
 * effect), and the outcome is written with a conditional update in the job's fenced transaction.
 */
import { authorizeWith, findPayment, findRefund, moveRefund, statusAfterRefund, type PaymentProviders } from '../payments/index.js';
import { isoTime } from '../platform/clock.js';
import type { JobContext, JobHandlers } from '../platform/jobs/types.js';
import { amountOwedOn, movePaymentOfOrder, paymentJobs, type OrderPaymentDeps } from './order-payments.js';
import { findOrderRow, insertOrderEvent, lockOrder } from './order.repository.js';
import { refundIdempotencyKey, RETURN_REFUND_SETTLED_JOB } from './refund-money.js';
import { settleAuthorization } from './settle-authorization.js';

const ACTOR = 'system:payments';

function providerOf(payments: PaymentProviders, name: string) {
  const provider = payments.get(name);
  // Configuration changed under a live payment: fail loudly (the job retries, then dead-letters).
  if (provider === undefined) throw new Error(`payment provider ${name} is not enabled any more`);
  return provider;
}

function paymentIdOf(ctx: JobContext): string {
  const id = ctx.job.payload.payment_id;
  if (typeof id !== 'string') throw new Error(`job ${ctx.job.id} has no payment_id`);
  return id;
}

async function authorizeRecovery(ctx: JobContext, deps: OrderPaymentDeps): Promise<void> {
  const payment = await findPayment(deps.db, paymentIdOf(ctx));
  if (payment?.status !== 'authorizing') return;
  const order = (await findOrderRow(deps.db, payment.order_id))!;
  const result = await authorizeWith(deps.payments, {
    id: payment.id,
    provider: payment.provider,
    token: payment.token,
    amount: payment.amount,
    currency: payment.currency,
    orderNumber: order.number,
    orderId: order.id,
  });
  await ctx.complete((trx) => settleAuthorization(trx, deps, payment.id, result, ACTOR));
}

async function capture(ctx: JobContext, deps: OrderPaymentDeps): Promise<void> {
  const payment = await findPayment(deps.db, paymentIdOf(ctx));
  if (payment?.status !== 'authorized' || payment.reference === null) return;
  const owed = await amountOwedOn(deps.db, payment.order_id);
  const amount = Math.min(owed, payment.amount);
  const result = await providerOf(deps.payments, payment.provider).capture({ reference: payment.reference, amount, idempotencyKey: `${payment.id}:capture` });
  await ctx.complete(async (trx) => {
    const now = isoTime(deps.clock.now());
    if (result.outcome === 'captured') {
      if (!(await movePaymentOfOrder(trx, payment, 'captured', { amount_captured: amount }, now))) return;
      await insertOrderEvent(trx, deps.ids, payment.order_id, { type: 'payment.captured', actor: ACTOR, at: now, data: { payment_id: payment.id, amount, currency: payment.currency } });
      return;
    }
    if (!(await movePaymentOfOrder(trx, payment, 'capture_failed', { failure_code: result.code, failure_message: result.message }, now))) return;
    await insertOrderEvent(trx, deps.ids, payment.order_id, { type: 'payment.capture_failed', actor: ACTOR, at: now, data: { payment_id: payment.id, amount, code: result.code, message: result.message } });
    // Goods left without the money: a person must look at it.
    await trx
      .updateTable('orders')
      .set({ attention: JSON.stringify({ reason: 'payment_capture_failed', since: now }), updated_at: now })
      .where('id', '=', payment.order_id)
      .execute();
  });
}

async function voidAuthorization(ctx: JobContext, deps: OrderPaymentDeps): Promise<void> {
  const payment = await findPayment(deps.db, paymentIdOf(ctx));
  if ((payment?.status !== 'authorized' && payment?.status !== 'capture_failed') || payment.reference === null) return;
  const result = await providerOf(deps.payments, payment.provider).void({ reference: payment.reference, idempotencyKey: `${payment.id}:void` });
  await ctx.complete(async (trx) => {
    const now = isoTime(deps.clock.now());
    if (result.outcome === 'voided') {
      if (await movePaymentOfOrder(trx, payment, 'voided', {}, now)) {
        await insertOrderEvent(trx, deps.ids, payment.order_id, { type: 'payment.voided', actor: ACTOR, at: now, data: { payment_id: payment.id, amount: payment.amount } });
      }
      return;
    }
    await insertOrderEvent(trx, deps.ids, payment.order_id, { type: 'payment.void_failed', actor: ACTOR, at: now, data: { payment_id: payment.id, code: result.code, message: result.message } });
  });
}

async function refund(ctx: JobContext, deps: OrderPaymentDeps): Promise<void> {
  const refundId = ctx.job.payload.refund_id;
  if (typeof refundId !== 'string') throw new Error(`job ${ctx.job.id} has no refund_id`);
  const record = await findRefund(deps.db, refundId);
  if (record?.status !== 'pending') return;
  const payment = (await findPayment(deps.db, record.payment_id))!;
  if (payment.reference === null) throw new Error(`payment ${payment.id} has no provider reference to refund`);
  const result = await providerOf(deps.payments, payment.provider).refund({ reference: payment.reference, amount: record.amount, idempotencyKey: refundIdempotencyKey(record) });
  await ctx.complete(async (trx) => {
    const now = isoTime(deps.clock.now());
    // The order's lock first: two refunds of one payment landing at once then record one after the
    // other instead of the second failing on the payment the first just moved.
    await lockOrder(trx, payment.order_id, now);
    if (result.outcome === 'refunded') {
      if (!(await moveRefund(trx, record.id, 'pending', 'succeeded', { reference: result.reference }, now))) return;
      // Re-read under the transaction: another refund of this payment may have landed meanwhile.
      const current = (await findPayment(trx, payment.id))!;
      const moved = await movePaymentOfOrder(trx, current, statusAfterRefund(current, record.amount), { amount_refunded: current.amount_refunded + record.amount }, now);
      if (!moved) throw new Error(`payment ${payment.id} changed while refund ${record.id} was recorded`);
      const ofReturn = record.return_id ? { return_id: record.return_id } : {};
      await insertOrderEvent(trx, deps.ids, payment.order_id, { type: 'refund.succeeded', actor: ACTOR, at: now, data: { refund_id: record.id, amount: record.amount, reference: result.reference, ...ofReturn } });
      if (record.return_id) await deps.enqueue(trx, { type: RETURN_REFUND_SETTLED_JOB, payload: { return_id: record.return_id, refund_id: record.id }, dedupeKey: `refund:${record.id}:settled` });
      return;
    }
    if (!(await moveRefund(trx, record.id, 'pending', 'failed', { failure_code: result.code, failure_message: result.message }, now))) return;
    await insertOrderEvent(trx, deps.ids, payment.order_id, {
      type: 'refund.failed',
      actor: ACTOR,
      at: now,
      data: { refund_id: record.id, amount: record.amount, code: result.code, message: result.message, ...(record.return_id ? { return_id: record.return_id } : {}) },
    });
    // The customer is owed money the provider would not pay: a person retries it (POST /refunds/{id}/retry).
    const attention = { reason: 'refund_failed', since: now, refund_id: record.id };
    await trx.updateTable('orders').set({ attention: JSON.stringify(attention), updated_at: now }).where('id', '=', payment.order_id).execute();
    await insertOrderEvent(trx, deps.ids, payment.order_id, { type: 'order.attention_raised', actor: ACTOR, at: now, data: attention });
  });
}

export function paymentJobHandlers(deps: OrderPaymentDeps): JobHandlers {
  return {
    [paymentJobs.authorize]: (ctx) => authorizeRecovery(ctx, deps),
    [paymentJobs.capture]: (ctx) => capture(ctx, deps),
    [paymentJobs.void]: (ctx) => voidAuthorization(ctx, deps),
    [paymentJobs.refund]: (ctx) => refund(ctx, deps),
  };
}
