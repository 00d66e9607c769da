/** STUB (being written): closing a return (by hand, or once its refund succeeded). */
import type { Trx } from '../platform/db/database.js';
import type { JobContext } from '../platform/jobs/types.js';
import type { ReturnDeps } from './return-deps.js';

export async function closeReturn(_trx: Trx, _deps: ReturnDeps, _id: string, _note: string | undefined, _actor: string): Promise<void> {
  throw new Error('not implemented');
}

/** The job `returns.refund-settled` {return_id, refund_id}: refunded → closed once the provider confirmed. */
export async function refundSettled(_ctx: JobContext, _deps: ReturnDeps): Promise<void> {
  throw new Error('not implemented');
}
