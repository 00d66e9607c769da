/** STUB (being written): what a return shipment's tracking does to its return. */
import type { Trx } from '../platform/db/database.js';
import type { Ids } from '../platform/ids.js';

export async function returnShipmentProgressed(_trx: Trx, _deps: { ids: Ids }, _shipment: { id: string; order_id: string; return_id?: string | null }, _status: string, _actor: string, _now: string): Promise<void> {
  throw new Error('not implemented');
}
