/** A purchase order as the API shows it: its lines with product names, its supplier, its warehouse's code. */
import type { Executor } from '../platform/db/database.js';
import type { PurchaseOrderTable } from '../platform/db/schema.js';
import { notFound } from '../platform/errors.js';
import { findPurchaseOrder, linesOf, type PurchaseOrderLine } from './purchase-order.repository.js';
import type { PurchaseOrderView } from './purchase-order.schemas.js';
import type { PurchaseOrderStatus } from './purchase-order-status.js';

export async function purchaseOrderViews(db: Executor, rows: readonly PurchaseOrderTable[], lines?: Map<string, PurchaseOrderLine[]>): Promise<PurchaseOrderView[]> {
  if (rows.length === 0) return [];
  const byOrder = lines ?? (await linesOf(db, rows.map((r) => r.id)));
  const skus = [...new Set([...byOrder.values()].flat().map((l) => l.sku))];
  const [suppliers, warehouses, products] = await Promise.all([
    db.selectFrom('suppliers').select(['id', 'name', 'email']).where('id', 'in', [...new Set(rows.map((r) => r.supplier_id))]).execute(),
    db.selectFrom('warehouses').select(['id', 'code']).where('id', 'in', [...new Set(rows.map((r) => r.warehouse_id))]).execute(),
    skus.length === 0 ? Promise.resolve([]) : db.selectFrom('products').select(['sku', 'name']).where('sku', 'in', skus).execute(),
  ]);
  const supplierOf = new Map(suppliers.map((s) => [s.id, s]));
  const codeOf = new Map(warehouses.map((w) => [w.id, w.code]));
  const nameOf = new Map(products.map((p) => [p.sku, p.name]));
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    status: row.status as PurchaseOrderStatus,
    source: row.source === 'auto' ? 'auto' : 'manual',
    supplier_id: row.supplier_id,
    supplier: supplierOf.get(row.supplier_id) ?? { id: row.supplier_id, name: '', email: '' },
    warehouse: codeOf.get(row.warehouse_id) ?? row.warehouse_id,
    lines: (byOrder.get(row.id) ?? []).map((l) => ({ sku: l.sku, name: nameOf.get(l.sku) ?? l.sku, quantity: l.quantity, quantity_received: l.quantity_received })),
    note: row.note,
    expected_at: row.expected_at,
    sent_at: row.sent_at,
    received_at: row.received_at,
    cancelled_at: row.cancelled_at,
    pdf_url: `/api/v1/purchase-orders/${row.id}/pdf`,
    created_by: row.created_by,
    created_at: row.created_at,
    updated_at: row.updated_at,
  }));
}

export async function purchaseOrderView(db: Executor, id: string): Promise<PurchaseOrderView> {
  const found = await findPurchaseOrder(db, id);
  if (found === null) throw notFound(`Purchase order ${id}`);
  const { lines, ...row } = found;
  return (await purchaseOrderViews(db, [row], new Map([[row.id, lines]])))[0]!;
}
