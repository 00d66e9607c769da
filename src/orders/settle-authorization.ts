/**
 * Settling a payment authorization on its order, once, whoever gets there first: the request that
 * placed the order, or the recovery job. Authorized: the order is placed and its processing starts
 * (or, if it was cancelled meanwhile, the authorization is voided). Declined: the order is
 * cancelled and its stock released.
 */
import { findPayment, type AuthorizeResult } from '../payments/index.js';
import { isoTime } from '../platform/clock.js';
import type { Trx } from '../platform/db/database.js';
import { cancelOrder } from './cancel-order.js';
import { enqueueFulfillment, enqueueVoid, movePaymentOfOrder, type OrderPaymentDeps } from './order-payments.js';
import type { OrderStatus } from './order-status.js';
import { findOrderRow, insertOrderEvent, lockOrder, setOrderStatus } from './order.repository.js';

/** True when this call settled it; false when it had been settled already (nothing done). */
export async function settleAuthorization(trx: Trx, deps: OrderPaymentDeps, paymentId: string, result: AuthorizeResult, actor: string): Promise<boolean> {
  const now = isoTime(deps.clock.now());
  const payment = await findPayment(trx, paymentId);
  if (payment === null) throw new Error(`payment ${paymentId} does not exist`);
  // The order's lock first, as every change of an order takes it: settlement and a concurrent
  // cancellation then run one after the other.
  await lockOrder(trx, payment.order_id, now);
  const current = (await findPayment(trx, paymentId))!;
  if (current.status !== 'authorizing') return false;

  if (result.outcome === 'declined') {
    await movePaymentOfOrder(trx, current, 'declined', { failure_code: result.code, failure_message: result.message }, now);
    await insertOrderEvent(trx, deps.ids, current.order_id, {
      type: 'payment.declined',
      actor,
      at: now,
      data: { payment_id: current.id, provider: current.provider, code: result.code, message: result.message },
    });
    const order = (await findOrderRow(trx, current.order_id))!;
    if (order.status !== 'cancelled') await cancelOrder(trx, deps, order.id, { reason: `payment declined (${result.code})` }, actor);
    return true;
  }

  await movePaymentOfOrder(trx, current, 'authorized', { reference: result.reference }, now);
  await insertOrderEvent(trx, deps.ids, current.order_id, {
    type: 'payment.authorized',
    actor,
    at: now,
    data: { payment_id: current.id, provider: current.provider, amount: current.amount, currency: current.currency, reference: result.reference },
  });
  const order = (await findOrderRow(trx, current.order_id))!;
  const status = order.status as OrderStatus;
  if (status === 'pending_payment') {
    await setOrderStatus(trx, order.id, 'pending_payment', 'placed', now);
    await insertOrderEvent(trx, deps.ids, order.id, { type: 'order.status_changed', actor, at: now, data: { from: 'pending_payment', to: 'placed' } });
    await enqueueFulfillment(trx, deps, order.id);
  } else if (status === 'cancelled') {
    await enqueueVoid(trx, deps, current.id);
  }
  return true;
}
