/**
 * Sending a draft purchase order: it becomes `sent`, is due after the lead time from now, and the
 * supplier's email (with the PDF) is enqueued in the same transaction, so that the order is never
 * sent without its email, nor emailed without being sent.
 */
import { isoTime } from '../platform/clock.js';
import type { Trx } from '../platform/db/database.js';
import { expectedAt } from './lead-time.js';
import { changedMeanwhile, lockedPurchaseOrder, requirePurchaseOrderStatus } from './locked-purchase-order.js';
import { movePurchaseOrder, type PurchaseOrderRecord } from './purchase-order.repository.js';
import type { ReplenishmentDeps } from './replenishment-deps.js';
import { enqueueSupplierEmail } from './supplier-email.js';
import { leadTimeDays } from './supplier.repository.js';

export async function sendPurchaseOrder(trx: Trx, deps: ReplenishmentDeps, id: string): Promise<PurchaseOrderRecord> {
  const po = await lockedPurchaseOrder(trx, deps, id);
  requirePurchaseOrderStatus(po, ['draft'], 'sent');
  const at = deps.clock.now();
  const now = isoTime(at);
  const due = expectedAt(at, await leadTimeDays(trx, po.supplier_id, po.lines.map((l) => l.sku)));
  if (!(await movePurchaseOrder(trx, po.id, 'draft', 'sent', { sent_at: now, expected_at: due }, now))) throw changedMeanwhile(po);
  await enqueueSupplierEmail(trx, deps, po.id);
  return { ...po, status: 'sent', sent_at: now, expected_at: due, updated_at: now };
}
