/**
 * The replenishment run: every (SKU, warehouse) at or below its reorder point with no open purchase
 * order gets one, lines for the same supplier and warehouse grouped into ONE purchase order per run,
 * each raised and sent in one transaction. Never a second one while one is open: each line first
 * claims its pair in open_reorders (a primary key), and a line whose pair a concurrent run (or a
 * manual order) took is dropped; an order left without lines is not written. Purchase orders are not
 * orders, so nothing goes to order_events: the run's record is its log.
 */
import { leadTimeDaysOf } from '../catalog/index.js';
import { isoTime } from '../platform/clock.js';
import { transactionWithRetry, type Trx } from '../platform/db/database.js';
import { reorderCandidates, type ReorderCandidate } from './reorder-candidates.js';
import { reorderQuantityFor } from './reorder-quantity.js';
import { claimOpenReorders, insertPurchaseOrder } from './purchase-order.repository.js';
import type { ReplenishmentDeps } from './replenishment-deps.js';
import { sendPurchaseOrder } from './send-purchase-order.js';

export const REPLENISHMENT_ACTOR = 'system:replenishment';

export interface RaisedPurchaseOrder {
  id: string;
  number: string;
  supplierId: string;
  warehouseId: string;
  expectedAt: string | null;
  lines: Array<{ sku: string; quantity: number }>;
}

export type SkipReason = 'no_supplier' | 'unknown_supplier' | 'nothing_to_order';

export interface RunResult {
  raised: RaisedPurchaseOrder[];
  skipped: Array<{ sku: string; warehouseId: string; reason: SkipReason }>;
}

interface Group {
  supplierId: string;
  warehouseId: string;
  lines: Array<{ sku: string; quantity: number }>;
}

/** How much to order for a candidate (R2's rules: fixed or from demand, never below the supplier's minimum). */
async function quantityFor(deps: ReplenishmentDeps, c: ReorderCandidate, supplier: NonNullable<ReorderCandidate['supplier']>, now: Date): Promise<number> {
  const quantity = await reorderQuantityFor(deps.db, {
    sku: c.sku,
    warehouseId: c.warehouseId,
    now,
    windowDays: deps.settings.demandWindowDays,
    leadTimeDays: leadTimeDaysOf(c.productLeadTimeDays, supplier.leadTimeDays),
    safetyStock: c.safetyStock,
    policy: c.policy,
    configured: c.configuredQuantity,
    minOrderQuantity: supplier.minOrderQuantity,
  });
  return quantity.chosen;
}

async function raiseOne(trx: Trx, deps: ReplenishmentDeps, group: Group, now: string): Promise<RaisedPurchaseOrder | null> {
  const id = deps.ids.new('po');
  const claimed = await claimOpenReorders(trx, { purchaseOrderId: id, warehouseId: group.warehouseId, skus: group.lines.map((l) => l.sku), now });
  const lines = group.lines.filter((l) => claimed.has(l.sku));
  if (lines.length === 0) return null;
  const number = await insertPurchaseOrder(
    trx,
    deps.ids,
    { id, supplierId: group.supplierId, warehouseId: group.warehouseId, source: 'auto', note: null, expectedAt: null, createdBy: REPLENISHMENT_ACTOR, lines },
    now,
  );
  const sent = await sendPurchaseOrder(trx, deps, id);
  return { id, number, supplierId: group.supplierId, warehouseId: group.warehouseId, expectedAt: sent.expected_at, lines };
}

export async function raisePurchaseOrders(deps: ReplenishmentDeps): Promise<RunResult> {
  const at = deps.clock.now();
  const now = isoTime(at);
  const result: RunResult = { raised: [], skipped: [] };
  const groups = new Map<string, Group>();
  for (const c of await reorderCandidates(deps.db)) {
    if (c.supplierId === null || c.supplier === null) {
      result.skipped.push({ sku: c.sku, warehouseId: c.warehouseId, reason: c.supplierId === null ? 'no_supplier' : 'unknown_supplier' });
      continue;
    }
    const quantity = await quantityFor(deps, c, c.supplier, at);
    if (quantity <= 0) {
      result.skipped.push({ sku: c.sku, warehouseId: c.warehouseId, reason: 'nothing_to_order' });
      continue;
    }
    const key = `${c.supplierId}\u0000${c.warehouseId}`;
    const group = groups.get(key) ?? { supplierId: c.supplierId, warehouseId: c.warehouseId, lines: [] };
    group.lines.push({ sku: c.sku, quantity });
    groups.set(key, group);
  }
  // Groups in key order, lines in SKU order (reorderCandidates sorts): concurrent runs claim pairs in one order.
  for (const key of [...groups.keys()].sort()) {
    const raised = await transactionWithRetry(deps.db, (trx) => raiseOne(trx, deps, groups.get(key)!, now));
    if (raised === null) continue;
    result.raised.push(raised);
    deps.logger.info({ purchase_order_id: raised.id, number: raised.number, supplier_id: raised.supplierId, warehouse_id: raised.warehouseId, expected_at: raised.expectedAt, lines: raised.lines }, 'purchase order raised at the reorder point and sent');
  }
  if (result.skipped.length > 0) deps.logger.info({ skipped: result.skipped }, 'pairs at their reorder point that the run could not order (no supplier, or nothing to order)');
  return result;
}
