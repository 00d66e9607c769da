/** A warehouse's own reorder point (and optionally quantity) for a SKU: rows of reorder_policies. */
import type { Executor } from '../platform/db/database.js';
import type { ReorderOverride } from './reorder-policy.js';

export async function findReorderOverride(db: Executor, sku: string, warehouseId: string): Promise<ReorderOverride | null> {
  const row = await db.selectFrom('reorder_policies').select(['reorder_point', 'reorder_quantity']).where('sku', '=', sku).where('warehouse_id', '=', warehouseId).executeTakeFirst();
  if (!row) return null;
  return { reorder_point: Number(row.reorder_point), reorder_quantity: row.reorder_quantity === null ? null : Number(row.reorder_quantity) };
}

export async function saveReorderOverride(db: Executor, input: { sku: string; warehouseId: string; override: ReorderOverride; now: string }): Promise<void> {
  const values = { reorder_point: input.override.reorder_point, reorder_quantity: input.override.reorder_quantity, updated_at: input.now };
  await db
    .insertInto('reorder_policies')
    .values({ sku: input.sku, warehouse_id: input.warehouseId, ...values })
    .onConflict((oc) => oc.columns(['sku', 'warehouse_id']).doUpdateSet(values))
    .execute();
}

export async function deleteReorderOverride(db: Executor, sku: string, warehouseId: string): Promise<void> {
  await db.deleteFrom('reorder_policies').where('sku', '=', sku).where('warehouse_id', '=', warehouseId).execute();
}
