/**
 * Closing a return: by staff (a received return they decide not to refund, or a refunded one whose
 * money went back), or by the job that runs once the provider confirmed the refund. A return whose
 * refund is still pending or failed stays open: closing it would hide money still owed.
 */
import { insertOrderEvent } from '../orders/index.js';
import { refundsOfOrder, type Refund } from '../payments/index.js';
import { isoTime } from '../platform/clock.js';
import type { Executor, Trx } from '../platform/db/database.js';
import { AppError } from '../platform/errors.js';
import type { JobContext } from '../platform/jobs/types.js';
import { lockedReturn, movedMeanwhile, requireStatus } from './locked-return.js';
import type { ReturnDeps } from './return-deps.js';
import { findReturn, moveReturn } from './return.repository.js';

const ACTOR = 'system:returns';

async function refundsOfReturn(db: Executor, orderId: string, returnId: string): Promise<Refund[]> {
  return (await refundsOfOrder(db, orderId)).filter((r) => r.return_id === returnId);
}

const succeededSum = (refunds: readonly Refund[]) => refunds.filter((r) => r.status === 'succeeded').reduce((n, r) => n + r.amount, 0);

export async function closeReturn(trx: Trx, deps: ReturnDeps, id: string, note: string | undefined, actor: string): Promise<void> {
  const now = isoTime(deps.clock.now());
  const ret = await lockedReturn(trx, id, now);
  requireStatus(ret, ['received', 'refunded'], 'closed');
  const refunds = await refundsOfReturn(trx, ret.order_id, ret.id);
  const open = refunds.find((r) => r.status !== 'succeeded');
  if (ret.status === 'refunded' && open !== undefined) {
    const hint = open.status === 'failed' ? `retry it first (POST /api/v1/refunds/${open.id}/retry)` : 'wait for the provider to answer';
    throw new AppError('conflict', `Refund ${open.id} of return ${ret.id} is ${open.status}: ${hint}`, { refund_id: open.id, refund_status: open.status });
  }
  if (!(await moveReturn(trx, ret.id, ret.status, 'closed', { closed_at: now }, now))) throw movedMeanwhile(ret);
  await insertOrderEvent(trx, deps.ids, ret.order_id, {
    type: 'return.closed',
    actor,
    at: now,
    data: { return_id: ret.id, reason: ret.status === 'received' ? 'closed_without_refund' : 'refunded', refunded_amount: succeededSum(refunds), note: note ?? null },
  });
}

/** The job `returns.refund-settled` {return_id, refund_id}: refunded → closed once the provider confirmed. */
export async function refundSettled(ctx: JobContext, deps: ReturnDeps): Promise<void> {
  const { return_id: returnId, refund_id: refundId } = ctx.job.payload;
  if (typeof returnId !== 'string' || typeof refundId !== 'string') throw new Error(`job ${ctx.job.id} needs return_id and refund_id`);
  await ctx.complete(async (trx) => {
    const ret = await findReturn(trx, returnId);
    // Already closed (a replay, or staff closed it): nothing to do.
    if (ret === null || ret.status !== 'refunded') return;
    const refunds = await refundsOfReturn(trx, ret.order_id, ret.id);
    if (!refunds.some((r) => r.id === refundId && r.status === 'succeeded') || refunds.some((r) => r.status !== 'succeeded')) return;
    const now = isoTime(deps.clock.now());
    // Conditional on `refunded`: a concurrent close by staff wins and this does nothing.
    if (!(await moveReturn(trx, ret.id, 'refunded', 'closed', { closed_at: now }, now))) return;
    await insertOrderEvent(trx, deps.ids, ret.order_id, { type: 'return.closed', actor: ACTOR, at: now, data: { return_id: ret.id, reason: 'refunded', refund_id: refundId, refunded_amount: succeededSum(refunds) } });
  });
}
