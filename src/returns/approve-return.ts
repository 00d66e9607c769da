/** STUB (being written): approving a return (label, exchange order) or rejecting it. */
import type { Trx } from '../platform/db/database.js';
import type { JobContext } from '../platform/jobs/types.js';
import type { ReturnDeps } from './return-deps.js';

export async function approveReturn(_deps: ReturnDeps, _id: string, _actor: string): Promise<void> {
  throw new Error('not implemented');
}

export async function rejectReturn(_trx: Trx, _deps: ReturnDeps, _id: string, _reason: string, _actor: string): Promise<void> {
  throw new Error('not implemented');
}

/** The job `returns.buy-label` {return_id}: buys a return label a crash or an outage left unbought. */
export async function buyReturnLabelJob(_ctx: JobContext, _deps: ReturnDeps): Promise<void> {
  throw new Error('not implemented');
}
