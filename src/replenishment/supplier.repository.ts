/** Supplier rows: who purchase orders go to, how long they take, the least they sell. */
import { leadTimeDaysOf } from '../catalog/index.js';
import type { Executor } from '../platform/db/database.js';
import type { SupplierTable } from '../platform/db/schema.js';
import type { Supplier, UpdateSupplierInput } from './supplier.schemas.js';

function toSupplier(row: SupplierTable): Supplier {
  return { ...row, lead_time_days: Number(row.lead_time_days), min_order_quantity: Number(row.min_order_quantity) };
}

export async function insertSupplier(db: Executor, row: SupplierTable): Promise<Supplier> {
  await db.insertInto('suppliers').values(row).execute();
  return toSupplier(row);
}

export async function findSupplier(db: Executor, id: string): Promise<Supplier | null> {
  const row = await db.selectFrom('suppliers').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toSupplier(row) : null;
}

/** Newest first (ids are time-ordered); `before` is the last id of the previous page. */
export async function listSuppliers(db: Executor, filter: { before?: string; limit: number }): Promise<Supplier[]> {
  let query = db.selectFrom('suppliers').selectAll().orderBy('id', 'desc').limit(filter.limit);
  if (filter.before !== undefined) query = query.where('id', '<', filter.before);
  return (await query.execute()).map(toSupplier);
}

/** The changed supplier, or null when there is none with this id. */
export async function updateSupplier(db: Executor, id: string, changes: UpdateSupplierInput, now: string): Promise<Supplier | null> {
  const result = await db.updateTable('suppliers').set({ ...changes, updated_at: now }).where('id', '=', id).executeTakeFirst();
  if (result.numUpdatedRows === 0n) return null;
  return findSupplier(db, id);
}

/** The lead time of an order of these SKUs from this supplier: its slowest line's, in days. */
export async function leadTimeDays(db: Executor, supplierId: string, skus: readonly string[]): Promise<number> {
  const supplier = await db.selectFrom('suppliers').select('lead_time_days').where('id', '=', supplierId).executeTakeFirstOrThrow();
  const products = await db.selectFrom('products').select('lead_time_days').where('sku', 'in', skus).execute();
  return products.reduce((days, p) => Math.max(days, leadTimeDaysOf(Number(p.lead_time_days), Number(supplier.lead_time_days))), 0);
}
