/**
 * `POST /orders` from end to end. Without a payment the order is placed in one transaction. With
 * one, the flow has three steps, so that no database transaction or lock is held while the
 * provider is called:
 *   1. commit the order as `pending_payment` with its stock reserved, its payment `authorizing`
 *      and a recovery job (the idempotency key is linked to the order in the same transaction);
 *   2. authorize at the provider, under an idempotency key derived from the payment id;
 *   3. settle: placed and processing enqueued, or declined, cancelled and stock released (402).
 * A crash after 1 leaves a pending order that the recovery job settles; a replay of the request
 * answers with that order (resume) rather than placing another.
 */
import { problemOf } from '../platform/http/errors.js';
import { AppError } from '../platform/errors.js';
import type { IdempotentAnswer, IdempotentSteps } from '../platform/http/idempotency.js';
import type { Logger } from 'pino';
import { authorizeWith } from '../payments/index.js';
import type { Executor } from '../platform/db/database.js';
import { loadOrder } from './order.repository.js';
import type { Order, PlaceOrderInput } from './order.schemas.js';
import { placeOrder, type PlaceOrderDeps } from './place-order.js';
import { settleAuthorization } from './settle-authorization.js';

export interface SubmitOrderDeps extends PlaceOrderDeps {
  logger: Logger;
}

export async function submitOrder(steps: IdempotentSteps, deps: SubmitOrderDeps, input: PlaceOrderInput, actor: string, instance: string): Promise<IdempotentAnswer> {
  if (!input.payment) {
    return steps.finish(async (trx) => ({ status: 201, body: await placeOrder(trx, deps, input, actor) }));
  }
  const placed = await steps.begin(
    (trx) => placeOrder(trx, deps, input, actor),
    (order) => order.id,
  );
  const payment = placed.payments[0]!;
  let result;
  try {
    result = await authorizeWith(deps.payments, { id: payment.id, provider: payment.provider, token: input.payment.token, amount: payment.amount, currency: payment.currency, orderNumber: placed.number, orderId: placed.id });
  } catch (error) {
    // The provider could not be reached or failed: the order stays pending and the recovery job
    // settles it. The client learns the truth: 201 with `pending_payment`.
    deps.logger.warn({ err: error, order: placed.id, payment: payment.id }, 'payment authorization failed; the recovery job will retry it');
    return steps.finish(async (trx) => orderAnswer(trx, deps, placed.id));
  }
  return steps.finish(async (trx) => {
    await settleAuthorization(trx, deps, payment.id, result, actor);
    if (result.outcome === 'declined') {
      const declined = new AppError('payment_declined', `The payment was declined: ${result.message}`, {
        order_id: placed.id,
        number: placed.number,
        decline_code: result.code,
      });
      return { status: 402, body: problemOf(declined, instance) };
    }
    return orderAnswer(trx, deps, placed.id);
  });
}

/** The order as it is now, as a 201: what a resumed or provider-failed request answers. */
export async function orderAnswer(db: Executor, deps: { publicUrl: string }, orderId: string): Promise<IdempotentAnswer> {
  const order: Order | null = await loadOrder(db, orderId, deps.publicUrl);
  if (order === null) throw new Error(`order ${orderId} linked to an idempotency key does not exist`);
  return { status: 201, body: order };
}
