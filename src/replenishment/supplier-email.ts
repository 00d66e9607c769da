/** STUB (being written): the email that sends a purchase order to its supplier, with its PDF. */
import type { Trx } from '../platform/db/database.js';
import type { ReplenishmentDeps } from './replenishment-deps.js';

export async function enqueueSupplierEmail(_trx: Trx, _deps: ReplenishmentDeps, _purchaseOrderId: string): Promise<void> {}
