/** Reading, setting and clearing a warehouse's own reorder point for a SKU. */
import { ensureStockRow, findWarehouseByCode } from '../inventory/index.js';
import { isoTime } from '../platform/clock.js';
import type { Executor, Trx } from '../platform/db/database.js';
import { notFound } from '../platform/errors.js';
import type { Clock } from '../platform/clock.js';
import { effectiveReorderPolicy } from './reorder-policy.js';
import { deleteReorderOverride, findReorderOverride, saveReorderOverride } from './reorder-policy.repository.js';
import type { PutReorderPolicyInput, ReorderPolicyView } from './reorder-policy.schemas.js';

async function locate(db: Executor, sku: string, warehouseCode: string) {
  const product = await db.selectFrom('products').select(['sku', 'reorder_point', 'reorder_quantity', 'reorder_policy']).where('sku', '=', sku).executeTakeFirst();
  if (!product) throw notFound(`Product ${sku}`);
  const warehouse = await findWarehouseByCode(db, warehouseCode);
  if (!warehouse) throw notFound(`Warehouse ${warehouseCode}`);
  return { product, warehouse };
}

export async function reorderPolicyView(db: Executor, sku: string, warehouseCode: string): Promise<ReorderPolicyView> {
  const { product, warehouse } = await locate(db, sku, warehouseCode);
  const override = await findReorderOverride(db, sku, warehouse.id);
  const settings = { reorder_point: Number(product.reorder_point), reorder_quantity: Number(product.reorder_quantity) };
  const open = await db.selectFrom('open_reorders').select('purchase_order_id').where('sku', '=', sku).where('warehouse_id', '=', warehouse.id).executeTakeFirst();
  return {
    sku,
    warehouse: warehouse.code,
    ...effectiveReorderPolicy(settings, override),
    reorder_policy: product.reorder_policy === 'auto' ? 'auto' : 'fixed',
    product: settings,
    override,
    open_purchase_order_id: open?.purchase_order_id ?? null,
  };
}

export async function setReorderPolicy(trx: Trx, clock: Clock, sku: string, warehouseCode: string, input: PutReorderPolicyInput): Promise<void> {
  const now = isoTime(clock.now());
  const { warehouse } = await locate(trx, sku, warehouseCode);
  await saveReorderOverride(trx, { sku, warehouseId: warehouse.id, override: { reorder_point: input.reorder_point, reorder_quantity: input.reorder_quantity ?? null }, now });
  // The run looks at stocked pairs only: an override says this warehouse carries the SKU, even at 0.
  await ensureStockRow(trx, sku, warehouse.id, now);
}

export async function clearReorderPolicy(trx: Trx, sku: string, warehouseCode: string): Promise<void> {
  const { warehouse } = await locate(trx, sku, warehouseCode);
  await deleteReorderOverride(trx, sku, warehouse.id);
}
