/** STUB (being written): refunding what came back. */
import type { Trx } from '../platform/db/database.js';
import type { ReturnDeps } from './return-deps.js';
import type { RefundReturnInput } from './return.schemas.js';

export async function refundReturn(_trx: Trx, _deps: ReturnDeps, _id: string, _input: RefundReturnInput, _actor: string): Promise<void> {
  throw new Error('not implemented');
}
