/**
 * Cancelling a purchase order before anything arrived (draft, or sent with nothing received; once a
 * receipt came it can only be completed). Its open_reorders markers are freed in the same
 * transaction, so the next run reorders the pairs that are still low.
 */
import { isoTime } from '../platform/clock.js';
import type { Trx } from '../platform/db/database.js';
import { changedMeanwhile, lockedPurchaseOrder, requirePurchaseOrderStatus } from './locked-purchase-order.js';
import { freeOpenReorders, movePurchaseOrder, type PurchaseOrderRecord } from './purchase-order.repository.js';
import type { ReplenishmentDeps } from './replenishment-deps.js';

export async function cancelPurchaseOrder(trx: Trx, deps: ReplenishmentDeps, id: string, reason: string | undefined): Promise<PurchaseOrderRecord> {
  const now = isoTime(deps.clock.now());
  const po = await lockedPurchaseOrder(trx, deps, id);
  requirePurchaseOrderStatus(po, ['draft', 'sent'], 'cancelled');
  const note = reason === undefined || reason === '' ? po.note : [po.note, `Cancelled: ${reason}`].filter((n) => n !== null).join('\n');
  if (!(await movePurchaseOrder(trx, po.id, po.status, 'cancelled', { cancelled_at: now, note }, now))) throw changedMeanwhile(po);
  await freeOpenReorders(trx, po.id);
  return { ...po, status: 'cancelled', cancelled_at: now, note, updated_at: now };
}
