/** STUB (being written): receiving a return's parcel, line by line with a condition. */
import type { Trx } from '../platform/db/database.js';
import type { ReturnDeps } from './return-deps.js';
import type { ReceiveReturnInput } from './return.schemas.js';

export async function receiveReturn(_trx: Trx, _deps: ReturnDeps, _id: string, _input: ReceiveReturnInput, _actor: string): Promise<void> {
  throw new Error('not implemented');
}
