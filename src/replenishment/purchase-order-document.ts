/**
 * What a purchase order's documents show (the PDF and the supplier's email): the order, its
 * supplier, the warehouse the goods go to, and the lines with the products' names. Read in one
 * place so that the email and its attachment never disagree. Inside the caller's transaction when
 * given one: the email is written right after the order is marked sent, and shows that.
 */
import type { Executor } from '../platform/db/database.js';
import type { Address } from '../inventory/index.js';

export interface PurchaseOrderDocument {
  purchaseOrder: { id: string; number: string; status: string; created_at: string; sent_at: string | null; expected_at: string | null; note: string | null };
  supplier: { name: string; email: string };
  warehouse: { code: string; name: string; address: Address };
  lines: Array<{ line_no: number; sku: string; name: string; quantity: number }>;
}

/** The purchase order (by id) as its documents show it; null when there is none. */
export async function loadPurchaseOrderDocument(db: Executor, purchaseOrderId: string): Promise<PurchaseOrderDocument | null> {
  const row = await db
    .selectFrom('purchase_orders')
    .innerJoin('suppliers', 'suppliers.id', 'purchase_orders.supplier_id')
    .innerJoin('warehouses', 'warehouses.id', 'purchase_orders.warehouse_id')
    .select([
      'purchase_orders.id',
      'purchase_orders.number',
      'purchase_orders.status',
      'purchase_orders.created_at',
      'purchase_orders.sent_at',
      'purchase_orders.expected_at',
      'purchase_orders.note',
      'suppliers.name as supplier_name',
      'suppliers.email as supplier_email',
      'warehouses.code as warehouse_code',
      'warehouses.name as warehouse_name',
      'warehouses.address as warehouse_address',
    ])
    .where('purchase_orders.id', '=', purchaseOrderId)
    .executeTakeFirst();
  if (row === undefined) return null;
  const lines = await db
    .selectFrom('purchase_order_lines')
    .leftJoin('products', 'products.sku', 'purchase_order_lines.sku')
    .select(['purchase_order_lines.line_no', 'purchase_order_lines.sku', 'purchase_order_lines.quantity', 'products.name'])
    .where('purchase_order_lines.purchase_order_id', '=', purchaseOrderId)
    .orderBy('purchase_order_lines.line_no')
    .execute();
  return {
    purchaseOrder: { id: row.id, number: row.number, status: row.status, created_at: row.created_at, sent_at: row.sent_at, expected_at: row.expected_at, note: row.note },
    supplier: { name: row.supplier_name, email: row.supplier_email },
    warehouse: { code: row.warehouse_code, name: row.warehouse_name, address: JSON.parse(row.warehouse_address) as Address },
    // PostgreSQL's driver may hand integers back as strings; the documents print numbers.
    lines: lines.map((l) => ({ line_no: Number(l.line_no), sku: l.sku, name: l.name ?? l.sku, quantity: Number(l.quantity) })),
  };
}
