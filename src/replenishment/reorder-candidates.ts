/**
 * The (SKU, warehouse) pairs that should be reordered now: available (on_hand − reserved) at or
 * below the effective reorder point (reorder-policy.ts), managed, and with no open purchase order
 * holding the pair (open_reorders). A snapshot to plan with: the open_reorders claim in the raise's
 * transaction is what decides. Only stocked pairs (a stock row) are considered: a warehouse that
 * never held a SKU and has no override for it does not carry it.
 */
import { atOrBelowReorderPoint } from '../inventory/index.js';
import type { Executor } from '../platform/db/database.js';

export interface ReorderCandidate {
  sku: string;
  warehouseId: string;
  available: number;
  reorderPoint: number;
  /** The warehouse override's quantity, else the product's. */
  configuredQuantity: number;
  policy: 'fixed' | 'auto';
  safetyStock: number;
  productLeadTimeDays: number;
  /** The product's supplier_id as written, null when it has none. */
  supplierId: string | null;
  /** Null when supplier_id names no supplier. */
  supplier: { leadTimeDays: number; minOrderQuantity: number } | null;
}

export async function reorderCandidates(db: Executor): Promise<ReorderCandidate[]> {
  const rows = await db
    .selectFrom('stock')
    .innerJoin('products', 'products.sku', 'stock.sku')
    .leftJoin('reorder_policies', (j) => j.onRef('reorder_policies.sku', '=', 'stock.sku').onRef('reorder_policies.warehouse_id', '=', 'stock.warehouse_id'))
    .leftJoin('open_reorders', (j) => j.onRef('open_reorders.sku', '=', 'stock.sku').onRef('open_reorders.warehouse_id', '=', 'stock.warehouse_id'))
    .leftJoin('suppliers', 'suppliers.id', 'products.supplier_id')
    .select([
      'stock.sku',
      'stock.warehouse_id',
      'stock.on_hand',
      'stock.reserved',
      'products.reorder_point as product_point',
      'products.reorder_quantity as product_quantity',
      'products.reorder_policy',
      'products.safety_stock',
      'products.lead_time_days',
      'products.supplier_id',
      'reorder_policies.reorder_point as override_point',
      'reorder_policies.reorder_quantity as override_quantity',
      'suppliers.id as supplier_found',
      'suppliers.lead_time_days as supplier_lead_time_days',
      'suppliers.min_order_quantity',
    ])
    .where('open_reorders.sku', 'is', null)
    .where(atOrBelowReorderPoint)
    .orderBy('stock.sku')
    .orderBy('stock.warehouse_id')
    .execute();
  return rows.map((r) => ({
    sku: r.sku,
    warehouseId: r.warehouse_id,
    available: Number(r.on_hand) - Number(r.reserved),
    reorderPoint: Number(r.override_point ?? r.product_point),
    configuredQuantity: Number(r.override_quantity ?? r.product_quantity),
    policy: r.reorder_policy === 'auto' ? 'auto' : 'fixed',
    safetyStock: Number(r.safety_stock ?? 0),
    productLeadTimeDays: Number(r.lead_time_days),
    supplierId: r.supplier_id,
    supplier: r.supplier_found === null ? null : { leadTimeDays: Number(r.supplier_lead_time_days), minOrderQuantity: Number(r.min_order_quantity) },
  }));
}
