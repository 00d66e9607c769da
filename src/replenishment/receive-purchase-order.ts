/**
 * Receiving goods against a purchase order, whole or in parts. In one transaction, under the order's
 * row lock (so two concurrent receipts never count the same units twice): the units go on hand at
 * the order's warehouse through the stock ledger, the lines count them, backordered order lines take
 * the new stock first (oldest order first), and the order moves to partially_received or received.
 * Once received, its open_reorders markers go, so the next run may reorder those pairs again.
 */
import { isoTime } from '../platform/clock.js';
import type { Trx } from '../platform/db/database.js';
import { validationError } from '../platform/errors.js';
import { allocateBackorders } from './allocate-backorders.js';
import { applyMovements, ensureStockRow } from '../inventory/index.js';
import { changedMeanwhile, lockedPurchaseOrder, requirePurchaseOrderStatus } from './locked-purchase-order.js';
import { addReceived, findPurchaseOrder, freeOpenReorders, movePurchaseOrder, type PurchaseOrderRecord } from './purchase-order.repository.js';
import type { ReceivePurchaseOrderInput } from './purchase-order.schemas.js';
import { planPurchaseReceipt } from './receipt-rules.js';
import type { ReplenishmentDeps } from './replenishment-deps.js';

export async function receivePurchaseOrder(trx: Trx, deps: ReplenishmentDeps, id: string, input: ReceivePurchaseOrderInput, actor: string): Promise<PurchaseOrderRecord> {
  const now = isoTime(deps.clock.now());
  const po = await lockedPurchaseOrder(trx, deps, id);
  const plan = planPurchaseReceipt(po.lines, input.lines, deps.settings.overReceiptBps);
  requirePurchaseOrderStatus(po, ['sent', 'partially_received'], plan.kind === 'accepted' && plan.complete ? 'received' : 'partially_received');
  if (plan.kind === 'refused') throw validationError(plan.errors);

  const ctx = { ids: deps.ids, actor, now };
  for (const r of plan.receipts) await ensureStockRow(trx, r.sku, po.warehouse_id, now);
  const failed = await applyMovements(
    trx,
    plan.receipts.map((r) => ({ kind: 'receive' as const, sku: r.sku, warehouseId: po.warehouse_id, quantity: r.quantity, reason: `purchase order ${po.number}` })),
    ctx,
  );
  // A receipt only adds on_hand, which no stock rule forbids: a failure here is a bug, not input.
  if (failed !== null) throw new Error(`purchase order ${po.number}: could not receive ${failed.quantity} of ${failed.sku}`);
  for (const r of plan.receipts) await addReceived(trx, r.lineId, r.quantity);
  for (const r of plan.receipts) await allocateBackorders(trx, deps, { sku: r.sku, warehouseId: po.warehouse_id, actor, now });

  const to = plan.complete ? 'received' : 'partially_received';
  if (!(await movePurchaseOrder(trx, po.id, po.status, to, plan.complete ? { received_at: now } : {}, now))) throw changedMeanwhile(po);
  if (plan.complete) await freeOpenReorders(trx, po.id);
  return (await findPurchaseOrder(trx, po.id))!;
}
