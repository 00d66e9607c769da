/**
 * Return records. Every status change is a conditional update on the status it starts from
 * (`moveReturn`): the loser of two concurrent approvals, receipts or refunds learns it from 0 rows.
 */
import { orderNumbersOf } from '../orders/index.js';
import type { Executor } from '../platform/db/database.js';
import type { ReturnLineTable, ReturnTable } from '../platform/db/schema.js';
import type { RefundBreakdown } from './return-policy.js';
import { canMoveReturn, type ReturnStatus } from './return-status.js';
import type { ReturnView } from './return.schemas.js';

export interface ReturnLine extends Omit<ReturnLineTable, 'quantity' | 'unit_price' | 'quantity_resellable' | 'quantity_damaged' | 'line_no'> {
  line_no: number;
  quantity: number;
  unit_price: number;
  quantity_resellable: number;
  quantity_damaged: number;
}

export interface ReturnRecord extends Omit<ReturnTable, 'status' | 'refund_amount' | 'refund_breakdown'> {
  status: ReturnStatus;
  refund_amount: number;
  refund_breakdown: RefundBreakdown;
  lines: ReturnLine[];
}

function toLine(row: ReturnLineTable): ReturnLine {
  return {
    ...row,
    line_no: Number(row.line_no),
    quantity: Number(row.quantity),
    unit_price: Number(row.unit_price),
    quantity_resellable: Number(row.quantity_resellable),
    quantity_damaged: Number(row.quantity_damaged),
  };
}

async function linesOf(db: Executor, returnIds: readonly string[]): Promise<Map<string, ReturnLine[]>> {
  const byReturn = new Map<string, ReturnLine[]>();
  if (returnIds.length === 0) return byReturn;
  const rows = await db.selectFrom('return_lines').selectAll().where('return_id', 'in', returnIds).orderBy('return_id').orderBy('line_no').execute();
  for (const row of rows) {
    const list = byReturn.get(row.return_id) ?? [];
    list.push(toLine(row));
    byReturn.set(row.return_id, list);
  }
  return byReturn;
}

function toRecord(row: ReturnTable, lines: ReturnLine[]): ReturnRecord {
  return { ...row, status: row.status as ReturnStatus, refund_amount: Number(row.refund_amount), refund_breakdown: JSON.parse(row.refund_breakdown) as RefundBreakdown, lines };
}

export async function insertReturn(db: Executor, row: ReturnTable, lines: readonly ReturnLineTable[]): Promise<void> {
  await db.insertInto('returns').values(row).execute();
  if (lines.length > 0) await db.insertInto('return_lines').values([...lines]).execute();
}

export async function findReturn(db: Executor, id: string): Promise<ReturnRecord | null> {
  const row = await db.selectFrom('returns').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  return toRecord(row, (await linesOf(db, [row.id])).get(row.id) ?? []);
}

/** The order's returns, oldest first. */
export async function returnsOfOrder(db: Executor, orderId: string): Promise<ReturnRecord[]> {
  const rows = await db.selectFrom('returns').selectAll().where('order_id', '=', orderId).orderBy('id').execute();
  const lines = await linesOf(db, rows.map((r) => r.id));
  return rows.map((r) => toRecord(r, lines.get(r.id) ?? []));
}

export async function findReturnByShipment(db: Executor, shipmentId: string): Promise<ReturnRecord | null> {
  const row = await db.selectFrom('returns').selectAll().where('shipment_id', '=', shipmentId).executeTakeFirst();
  if (!row) return null;
  return toRecord(row, (await linesOf(db, [row.id])).get(row.id) ?? []);
}

export interface ReturnFilter {
  status?: ReturnStatus;
  orderId?: string;
  /** Only these orders (a customer's). */
  orderIds?: readonly string[];
  /** Cursor: ids before this one (newest first). */
  before?: string;
  limit: number;
}

/** Newest first. */
export async function listReturns(db: Executor, filter: ReturnFilter): Promise<ReturnRecord[]> {
  let query = db.selectFrom('returns').selectAll().orderBy('id', 'desc').limit(filter.limit);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.orderId) query = query.where('order_id', '=', filter.orderId);
  if (filter.orderIds) query = filter.orderIds.length === 0 ? query.where('id', '=', '') : query.where('order_id', 'in', filter.orderIds);
  if (filter.before) query = query.where('id', '<', filter.before);
  const rows = await query.execute();
  const lines = await linesOf(db, rows.map((r) => r.id));
  return rows.map((r) => toRecord(r, lines.get(r.id) ?? []));
}

/**
 * Moves a return from `from` to `to` with field changes, only if it is still in `from`; false when
 * it was not. A move the state table forbids throws: that is a bug in the caller, not a race.
 */
export async function moveReturn(
  db: Executor,
  id: string,
  from: ReturnStatus,
  to: ReturnStatus,
  changes: Partial<Pick<ReturnTable, 'rejection_reason' | 'warehouse_id' | 'shipment_id' | 'exchange_order_id' | 'refund_amount' | 'refund_breakdown' | 'approved_at' | 'received_at' | 'closed_at'>>,
  now: string,
): Promise<boolean> {
  if (!canMoveReturn(from, to)) throw new Error(`return ${id}: ${from} → ${to} is not in the return state table`);
  const result = await db.updateTable('returns').set({ ...changes, status: to, updated_at: now }).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Changes fields without a status move (the refund quote while requested, the warehouse). */
export async function updateReturn(db: Executor, id: string, changes: Partial<Pick<ReturnTable, 'warehouse_id' | 'shipment_id' | 'exchange_order_id' | 'refund_amount' | 'refund_breakdown'>>, now: string): Promise<void> {
  await db.updateTable('returns').set({ ...changes, updated_at: now }).where('id', '=', id).execute();
}

export async function updateReturnLine(db: Executor, line: { id: string; quantity_resellable: number; quantity_damaged: number }): Promise<void> {
  await db.updateTable('return_lines').set({ quantity_resellable: line.quantity_resellable, quantity_damaged: line.quantity_damaged }).where('id', '=', line.id).execute();
}

/** Everything the view shows besides the record: read with one query each. */
export async function returnViews(db: Executor, records: readonly ReturnRecord[], labelUrl: (r: ReturnRecord) => string): Promise<ReturnView[]> {
  if (records.length === 0) return [];
  const orders = await orderNumbersOf(db, records.map((r) => r.order_id));
  const shipmentIds = records.map((r) => r.shipment_id).filter((id): id is string => id !== null);
  const shipments = new Map(
    shipmentIds.length === 0
      ? []
      : (
          await db
            .selectFrom('shipments')
            .select(['id', 'carrier', 'service', 'status', 'label_state', 'tracking_number', 'tracking_url', 'amount'])
            .where('id', 'in', shipmentIds)
            .execute()
        ).map((s) => [s.id, { ...s, amount: s.amount === null ? null : Number(s.amount) }]),
  );
  const warehouseIds = [...new Set(records.map((r) => r.warehouse_id).filter((id): id is string => id !== null))];
  const warehouses = new Map(warehouseIds.length === 0 ? [] : (await db.selectFrom('warehouses').select(['id', 'code']).where('id', 'in', warehouseIds).execute()).map((w) => [w.id, w.code]));
  const refundRows = await db
    .selectFrom('refunds')
    .selectAll()
    .where('return_id', 'in', records.map((r) => r.id))
    .orderBy('id')
    .execute();
  return records.map((r) => {
    const refunds = refundRows
      .filter((f) => f.return_id === r.id)
      .map((f) => ({
        id: f.id,
        amount: Number(f.amount),
        currency: f.currency,
        status: f.status as 'pending' | 'succeeded' | 'failed',
        reference: f.reference,
        failure_code: f.failure_code,
        failure_message: f.failure_message,
        attempts: Number(f.attempts ?? 0),
        created_at: f.created_at,
        updated_at: f.updated_at,
      }));
    const shipment = r.shipment_id === null ? null : (shipments.get(r.shipment_id) ?? null);
    return {
      id: r.id,
      order_id: r.order_id,
      order_number: orders.get(r.order_id) ?? '',
      status: r.status,
      requested_by: r.requested_by as 'customer' | 'staff',
      comment: r.comment,
      rejection_reason: r.rejection_reason,
      lines: r.lines.map((l) => ({
        sku: l.sku,
        name: l.name,
        quantity: l.quantity,
        reason: l.reason,
        exchange_sku: l.exchange_sku,
        unit_price: l.unit_price,
        quantity_received: l.quantity_resellable + l.quantity_damaged,
        quantity_resellable: l.quantity_resellable,
        quantity_damaged: l.quantity_damaged,
      })),
      currency: r.currency,
      refund_amount: r.refund_amount,
      refund_breakdown: r.refund_breakdown,
      refunded_amount: refunds.filter((f) => f.status === 'succeeded').reduce((n, f) => n + f.amount, 0),
      refunds,
      label_url: shipment !== null && shipment.label_state === 'purchased' ? labelUrl(r) : null,
      shipment,
      warehouse: r.warehouse_id === null ? null : (warehouses.get(r.warehouse_id) ?? null),
      exchange_order_id: r.exchange_order_id,
      approved_at: r.approved_at,
      received_at: r.received_at,
      closed_at: r.closed_at,
      created_at: r.created_at,
      updated_at: r.updated_at,
    };
  });
}
