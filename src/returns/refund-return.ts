/**
 * Refunding what came back: at most the quote made at receipt, and never more than the captured
 * money that no other refund holds (openRefund checks that under the order's lock, which
 * lockedReturn took: of two concurrent refunds one wins, the other gets 409). The provider is asked
 * by the refund job; the return is `refunded` until it answers, and closes when it confirms.
 */
import { currentPayment, insertOrderEvent, openRefund } from '../orders/index.js';
import { isoTime } from '../platform/clock.js';
import type { Trx } from '../platform/db/database.js';
import { AppError, validationError } from '../platform/errors.js';
import { lockedReturn, movedMeanwhile, requireStatus } from './locked-return.js';
import type { ReturnDeps } from './return-deps.js';
import { moveReturn } from './return.repository.js';
import type { RefundReturnInput } from './return.schemas.js';

/** Opens the return's refund and answers its id. */
export async function refundReturn(trx: Trx, deps: ReturnDeps, id: string, input: RefundReturnInput, actor: string): Promise<string> {
  const now = isoTime(deps.clock.now());
  const ret = await lockedReturn(trx, id, now);
  requireStatus(ret, ['received'], 'refunded', ret.status === 'refunded' || ret.status === 'closed' ? `Return ${ret.id} is ${ret.status}: its refund was already decided` : undefined);
  if (ret.refund_amount === 0) throw new AppError('conflict', `Return ${ret.id} has nothing to refund (its quote is 0); close it instead`, { refund_amount: 0 });
  const amount = input.amount ?? ret.refund_amount;
  if (amount > ret.refund_amount) {
    throw validationError([{ path: 'amount', message: `at most ${ret.refund_amount} (the refund quoted for what came back)` }], `A refund of ${amount} is more than the ${ret.refund_amount} ${ret.currency} quoted for this return`);
  }
  const payment = await currentPayment(trx, ret.order_id);
  if (payment === null) throw new AppError('conflict', `The order of return ${ret.id} has no payment, so there is nothing to refund through a provider`);
  if (payment.amount_captured <= 0) {
    throw new AppError('conflict', `The order's payment is ${payment.status} and nothing was captured, so nothing can be refunded yet`, { payment_status: payment.status });
  }
  const refundId = await openRefund(trx, deps, payment, amount, `return ${ret.id}`, actor, now, { returnId: ret.id });
  if (!(await moveReturn(trx, ret.id, 'received', 'refunded', {}, now))) throw movedMeanwhile(ret);
  await insertOrderEvent(trx, deps.ids, ret.order_id, { type: 'return.refund_requested', actor, at: now, data: { return_id: ret.id, refund_id: refundId, amount, currency: ret.currency } });
  return refundId;
}
