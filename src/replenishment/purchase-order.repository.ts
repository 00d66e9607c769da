/**
 * Purchase order records, their lines, their numbers, and the open_reorders markers. Every status
 * change is a conditional update on the status it starts from (`movePurchaseOrder`): the loser of
 * two concurrent sends, cancels or receipts learns it from 0 rows.
 */
import { sql } from 'kysely';
import type { Dialect, Executor, Trx } from '../platform/db/database.js';
import type { PurchaseOrderLineTable, PurchaseOrderTable } from '../platform/db/schema.js';
import type { Ids } from '../platform/ids.js';
import { canMovePurchaseOrder, initialPurchaseOrderStatus, type PurchaseOrderStatus } from './purchase-order-status.js';

export interface PurchaseOrderLine extends Omit<PurchaseOrderLineTable, 'line_no' | 'quantity' | 'quantity_received'> {
  line_no: number;
  quantity: number;
  quantity_received: number;
}

export interface PurchaseOrderRecord extends Omit<PurchaseOrderTable, 'status'> {
  status: PurchaseOrderStatus;
  lines: PurchaseOrderLine[];
}

const COUNTER = 'purchase_order';

/**
 * PO-000123, from a counters row incremented in the caller's transaction: gapless like invoice
 * numbers (a rolled-back order gives its number back), and concurrent raises take the row's lock
 * one after the other.
 */
async function nextPurchaseOrderNumber(trx: Trx): Promise<string> {
  await trx
    .insertInto('counters')
    .values({ name: COUNTER, value: 0 })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await trx.updateTable('counters').set({ value: sql`value + 1` }).where('name', '=', COUNTER).returning('value').executeTakeFirstOrThrow();
  return `PO-${String(Number(row.value)).padStart(6, '0')}`;
}

export interface NewPurchaseOrder {
  id: string;
  supplierId: string;
  warehouseId: string;
  source: 'auto' | 'manual';
  note: string | null;
  expectedAt: string | null;
  createdBy: string;
  lines: ReadonlyArray<{ sku: string; quantity: number }>;
}

/** Writes a draft purchase order with its lines (numbered in order) and its next number; the number. */
export async function insertPurchaseOrder(trx: Trx, ids: Ids, po: NewPurchaseOrder, now: string): Promise<string> {
  const number = await nextPurchaseOrderNumber(trx);
  await trx
    .insertInto('purchase_orders')
    .values({
      id: po.id,
      number,
      supplier_id: po.supplierId,
      warehouse_id: po.warehouseId,
      status: initialPurchaseOrderStatus,
      source: po.source,
      note: po.note,
      expected_at: po.expectedAt,
      sent_at: null,
      received_at: null,
      cancelled_at: null,
      created_by: po.createdBy,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await trx
    .insertInto('purchase_order_lines')
    .values(po.lines.map((l, i) => ({ id: ids.new('pol'), purchase_order_id: po.id, line_no: i + 1, sku: l.sku, quantity: l.quantity, quantity_received: 0 })))
    .execute();
  return number;
}

function toLine(row: PurchaseOrderLineTable): PurchaseOrderLine {
  return { ...row, line_no: Number(row.line_no), quantity: Number(row.quantity), quantity_received: Number(row.quantity_received) };
}

export async function linesOf(db: Executor, ids: readonly string[]): Promise<Map<string, PurchaseOrderLine[]>> {
  const byOrder = new Map<string, PurchaseOrderLine[]>();
  if (ids.length === 0) return byOrder;
  const rows = await db.selectFrom('purchase_order_lines').selectAll().where('purchase_order_id', 'in', ids).orderBy('purchase_order_id').orderBy('line_no').execute();
  for (const row of rows) {
    const list = byOrder.get(row.purchase_order_id) ?? [];
    list.push(toLine(row));
    byOrder.set(row.purchase_order_id, list);
  }
  return byOrder;
}

/**
 * One purchase order (by id or number) with its lines. `lockOn: 'postgres'` takes the row lock first (select … for
 * update), so that a receipt decides on the lines it will write over; SQLite runs one write
 * transaction at a time, which is the same guarantee.
 */
export async function findPurchaseOrder(db: Executor, id: string, lockOn?: Dialect): Promise<PurchaseOrderRecord | null> {
  const query = db
    .selectFrom('purchase_orders')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', id), eb('number', '=', id)]));
  const row = await (lockOn === 'postgres' ? query.forUpdate() : query).executeTakeFirst();
  if (!row) return null;
  return { ...row, status: row.status as PurchaseOrderStatus, lines: (await linesOf(db, [row.id])).get(row.id) ?? [] };
}

export interface PurchaseOrderFilter {
  status?: PurchaseOrderStatus;
  supplierId?: string;
  warehouseId?: string;
  /** The last id of the previous page. */
  before?: string;
  limit: number;
}

/** Newest first. */
export async function listPurchaseOrders(db: Executor, filter: PurchaseOrderFilter): Promise<PurchaseOrderTable[]> {
  let query = db.selectFrom('purchase_orders').selectAll().orderBy('id', 'desc').limit(filter.limit);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  if (filter.supplierId !== undefined) query = query.where('supplier_id', '=', filter.supplierId);
  if (filter.warehouseId !== undefined) query = query.where('warehouse_id', '=', filter.warehouseId);
  if (filter.before !== undefined) query = query.where('id', '<', filter.before);
  return query.execute();
}

/** Moves the order from `from` to `to` (with the columns that go with it); false if it was not in `from`. */
export async function movePurchaseOrder(
  db: Executor,
  id: string,
  from: PurchaseOrderStatus,
  to: PurchaseOrderStatus,
  set: Partial<Pick<PurchaseOrderTable, 'sent_at' | 'expected_at' | 'received_at' | 'cancelled_at' | 'note'>>,
  now: string,
): Promise<boolean> {
  if (!canMovePurchaseOrder(from, to)) throw new Error(`purchase order ${id}: ${from} → ${to} is not in the state table`);
  const result = await db.updateTable('purchase_orders').set({ ...set, status: to, updated_at: now }).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function addReceived(trx: Trx, lineId: string, quantity: number): Promise<void> {
  await trx.updateTable('purchase_order_lines').set({ quantity_received: sql`quantity_received + ${quantity}` }).where('id', '=', lineId).execute();
}

/**
 * Takes the open_reorders marker of each (sku, warehouse) for this purchase order where it is free;
 * the SKUs it got. The primary key decides: of two concurrent raises for one pair, the second's
 * insert waits for the first to commit and then does nothing. SKUs are claimed in order, so two
 * raises over the same pairs lock them in the same order (no deadlock on PostgreSQL).
 */
export async function claimOpenReorders(trx: Trx, input: { purchaseOrderId: string; warehouseId: string; skus: readonly string[]; now: string }): Promise<Set<string>> {
  if (input.skus.length === 0) return new Set();
  const rows = [...new Set(input.skus)].sort().map((sku) => ({ sku, warehouse_id: input.warehouseId, purchase_order_id: input.purchaseOrderId, created_at: input.now }));
  const claimed = await trx
    .insertInto('open_reorders')
    .values(rows)
    .onConflict((oc) => oc.columns(['sku', 'warehouse_id']).doNothing())
    .returning('sku')
    .execute();
  return new Set(claimed.map((r) => r.sku));
}

/** Gives back the markers this purchase order holds, so that the run may reorder those pairs again. */
export async function freeOpenReorders(trx: Trx, purchaseOrderId: string): Promise<void> {
  await trx.deleteFrom('open_reorders').where('purchase_order_id', '=', purchaseOrderId).execute();
}
