/** STUB (being written): receipts allocate to backordered order lines first, oldest order first. */
import type { Trx } from '../platform/db/database.js';
import type { Ids } from '../platform/ids.js';
import type { Enqueue } from '../platform/jobs/types.js';

/** Reserves what the warehouse now has for backordered lines of the SKU; the units allocated. */
export async function allocateBackorders(_trx: Trx, _deps: { ids: Ids; enqueue: Enqueue }, _input: { sku: string; warehouseId: string; actor: string; now: string }): Promise<number> {
  return 0;
}
