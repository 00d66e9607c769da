/** Pick lists, packages and invoices: what the processing pipeline produces for an order. */
import type { Executor } from '../platform/db/database.js';
import type { InvoiceTable, PackageTable, PickListTable } from '../platform/db/schema.js';

export interface PackageItem {
  sku: string;
  quantity: number;
}

export interface StoredPackage {
  id: string;
  warehouse_id: string;
  seq: number;
  box_code: string | null;
  length_mm: number;
  width_mm: number;
  height_mm: number;
  weight_grams: number;
  items: PackageItem[];
  status: 'proposed' | 'packed';
}

export async function insertPickList(db: Executor, row: PickListTable): Promise<void> {
  await db.insertInto('pick_lists').values(row).execute();
}

export async function pickListsOf(db: Executor, orderId: string): Promise<Array<{ id: string; warehouse_id: string; lines: unknown; created_at: string }>> {
  const rows = await db.selectFrom('pick_lists').selectAll().where('order_id', '=', orderId).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, warehouse_id: r.warehouse_id, lines: JSON.parse(r.lines) as unknown, created_at: r.created_at }));
}

export async function insertPackages(db: Executor, rows: PackageTable[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('packages').values(rows).execute();
}

export async function packagesOf(db: Executor, orderId: string): Promise<StoredPackage[]> {
  const rows = await db.selectFrom('packages').selectAll().where('order_id', '=', orderId).orderBy('seq').execute();
  return rows.map((r) => ({
    id: r.id,
    warehouse_id: r.warehouse_id,
    seq: Number(r.seq),
    box_code: r.box_code,
    length_mm: Number(r.length_mm),
    width_mm: Number(r.width_mm),
    height_mm: Number(r.height_mm),
    weight_grams: Number(r.weight_grams),
    items: JSON.parse(r.items) as PackageItem[],
    status: r.status as StoredPackage['status'],
  }));
}

/** Marks proposed packages packed; the number of packages it changed. */
export async function confirmPackages(db: Executor, orderId: string): Promise<number> {
  const result = await db.updateTable('packages').set({ status: 'packed' }).where('order_id', '=', orderId).where('status', '=', 'proposed').executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function insertInvoice(db: Executor, row: InvoiceTable): Promise<void> {
  await db.insertInto('invoices').values(row).execute();
}

export async function invoiceOf(db: Executor, orderId: string): Promise<InvoiceTable | null> {
  const row = await db.selectFrom('invoices').selectAll().where('order_id', '=', orderId).executeTakeFirst();
  return row ? { ...row, year: Number(row.year), sequence: Number(row.sequence), total: Number(row.total) } : null;
}

export async function warehouseCodes(db: Executor): Promise<Map<string, { code: string; name: string }>> {
  const rows = await db.selectFrom('warehouses').select(['id', 'code', 'name']).execute();
  return new Map(rows.map((r) => [r.id, { code: r.code, name: r.name }]));
}
