import { sql } from 'kysely';
import type { Executor } from '../platform/db/database.js';
import { prepared } from '../platform/db/prepared.js';
import type { OrderEventTable, OrderLineTable, OrderTable } from '../platform/db/schema.js';
import type { Ids } from '../platform/ids.js';
import type { OrderStatus } from './order-status.js';
import { paymentsOfOrders, refundsOfOrders, type Payment, type Refund } from '../payments/index.js';
import type { Order, OrderShipment, PaymentView, RefundView } from './order.schemas.js';
import { shipmentSummariesOf } from './order-shipments.js';
import { feedbackOfOrders } from './delivery-feedback.repository.js';
import { nextStatuses } from './next-statuses.js';
import type { Feedback } from './feedback.schemas.js';

export interface OrderEvent {
  type: string;
  actor: string;
  at: string;
  data: Record<string, unknown>;
}

type AllocationView = Order['allocations'][number];

/** An order line as the API shows it (staff and portal alike); when backordered units are expected is not known here. */
/** `expectedAt`: when backordered units are expected, by SKU (expectedDatesOf). */
export function orderLineView(l: OrderLineTable, expectedAt?: ReadonlyMap<string, string>): Order['lines'][number] {
  return lineView(l, expectedAt);
}

/** `expectedAt`: when backordered units are expected (backorderExpectedDates), by SKU. */
function lineView(l: OrderLineTable, expectedAt: ReadonlyMap<string, string> | undefined): Order['lines'][number] {
  const backordered = Number(l.quantity_backordered ?? 0);
  return {
    sku: l.sku,
    name: l.name,
    quantity: Number(l.quantity),
    unit_price: Number(l.unit_price),
    quantity_shipped: Number(l.quantity_shipped),
    quantity_cancelled: Number(l.quantity_cancelled),
    quantity_returned: Number(l.quantity_returned),
    quantity_backordered: backordered,
    backorder_expected_at: backordered > 0 ? (expectedAt?.get(l.sku) ?? null) : null,
  };
}

/**
 * Purchase orders that bring stock (sent or partially received) and still owe units: a SKU's
 * earliest expected date. Read here from replenishment's tables rather than asked of it, since
 * replenishment imports orders (a draft has no date the supplier agreed to, so it does not count).
 */
export async function backorderExpectedDates(db: Executor, skus: readonly string[]): Promise<Map<string, string>> {
  if (skus.length === 0) return new Map();
  const rows = await db
    .selectFrom('purchase_order_lines')
    .innerJoin('purchase_orders', 'purchase_orders.id', 'purchase_order_lines.purchase_order_id')
    .select(['purchase_order_lines.sku'])
    .select((eb) => eb.fn.min<string>('purchase_orders.expected_at').as('expected_at'))
    .where('purchase_order_lines.sku', 'in', skus)
    .where('purchase_orders.status', 'in', ['sent', 'partially_received'])
    .where('purchase_orders.expected_at', 'is not', null)
    .whereRef('purchase_order_lines.quantity', '>', 'purchase_order_lines.quantity_received')
    .groupBy('purchase_order_lines.sku')
    .execute();
  return new Map(rows.filter((r) => r.expected_at !== null).map((r) => [r.sku, r.expected_at]));
}

/** The expected dates the given orders' backordered lines need (one query for all of them). */
export async function expectedDatesOf(db: Executor, lines: Iterable<readonly OrderLineTable[]>): Promise<Map<string, string>> {
  const skus = new Set<string>();
  for (const list of lines) for (const l of list) if (Number(l.quantity_backordered ?? 0) > 0) skus.add(l.sku);
  return backorderExpectedDates(db, [...skus]);
}

function toOrder(row: OrderTable, lines: OrderLineTable[], allocations: AllocationView[], publicUrl: string, money: OrderMoney, expectedAt?: ReadonlyMap<string, string>): Order {
  const customer = JSON.parse(row.customer) as Omit<Order['customer'], 'id'>;
  const lineViews = lines.map((l) => lineView(l, expectedAt));
  return {
    id: row.id,
    number: row.number,
    status: row.status as OrderStatus,
    next_statuses: nextStatuses(row.status as OrderStatus, lineViews),
    customer: { id: row.customer_id, ...customer },
    shipping_address: JSON.parse(row.shipping_address) as Order['shipping_address'],
    lines: lineViews,
    allocations,
    currency: row.currency,
    subtotal: Number(row.subtotal),
    shipping_total: Number(row.shipping_total),
    tax_total: Number(row.tax_total),
    total: Number(row.total),
    payment_status: row.payment_status,
    payments: money.payments,
    refunds: money.refunds,
    shipping: JSON.parse(row.shipping) as Order['shipping'],
    shipments: money.shipments ?? [],
    metadata: JSON.parse(row.metadata) as Order['metadata'],
    tracking_token: row.tracking_token,
    tracking_url: `${publicUrl}/track/${row.tracking_token}`,
    attention: row.attention ? (JSON.parse(row.attention) as Order['attention']) : null,
    feedback: money.feedback ?? null,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

// The statements of placing an order are compiled once per shape (measured reason: platform/db/prepared.ts).
const insertOrderRow = prepared((db, row: OrderTable) => db.insertInto('orders').values(row));
const insertOrderLines = prepared((db, p: { lines: OrderLineTable[] }) => db.insertInto('order_lines').values(p.lines));
const insertEventRow = prepared((db, row: OrderEventTable) => db.insertInto('order_events').values(row));
const incrementOrderCounter = prepared((db, _: Record<string, never>) =>
  db
    .updateTable('counters')
    .set({ value: sql`value + 1` })
    .where('name', '=', 'order_number')
    .returning('value'),
);

export async function insertOrder(db: Executor, row: OrderTable, lines: OrderLineTable[]): Promise<void> {
  await insertOrderRow(db, row);
  await insertOrderLines(db, { lines });
}

/** The money records an order shows. */
export interface OrderMoney {
  payments: PaymentView[];
  refunds: RefundView[];
  shipments?: OrderShipment[];
  /** The customer's delivery feedback (a new order has none). */
  feedback?: Feedback | null;
}

function paymentView(p: Payment): PaymentView {
  return {
    id: p.id,
    provider: p.provider,
    status: p.status,
    amount: p.amount,
    amount_captured: p.amount_captured,
    amount_refunded: p.amount_refunded,
    currency: p.currency,
    reference: p.reference,
    failure_code: p.failure_code,
    failure_message: p.failure_message,
    created_at: p.created_at,
    updated_at: p.updated_at,
  };
}

/** A refund as the order shows it (refunds.routes.ts adds what links it to its order and return). */
export function refundView(r: Refund): RefundView {
  return {
    id: r.id,
    payment_id: r.payment_id,
    amount: r.amount,
    currency: r.currency,
    status: r.status,
    reason: r.reason,
    reference: r.reference,
    failure_code: r.failure_code,
    failure_message: r.failure_message,
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}

async function relatedRecordsOf(db: Executor, orderIds: readonly string[], publicUrl = ''): Promise<Map<string, OrderMoney>> {
  const [payments, refunds, shipments, feedback] = [
    await paymentsOfOrders(db, orderIds),
    await refundsOfOrders(db, orderIds),
    await shipmentSummariesOf(db, orderIds, publicUrl),
    await feedbackOfOrders(db, orderIds),
  ];
  return new Map(
    orderIds.map((id) => [
      id,
      { payments: (payments.get(id) ?? []).map(paymentView), refunds: (refunds.get(id) ?? []).map(refundView), shipments: shipments.get(id) ?? [], feedback: feedback.get(id) ?? null },
    ]),
  );
}

export async function paymentViews(db: Executor, orderId: string): Promise<PaymentView[]> {
  return (await relatedRecordsOf(db, [orderId])).get(orderId)!.payments;
}

export function orderFromRows(row: OrderTable, lines: OrderLineTable[], allocations: AllocationView[], publicUrl: string, money: OrderMoney, expectedAt?: ReadonlyMap<string, string>): Order {
  return toOrder(row, lines, allocations, publicUrl, money, expectedAt);
}

export async function insertOrderEvent(db: Executor, ids: Ids, orderId: string, event: OrderEvent): Promise<void> {
  await insertEventRow(db, { id: ids.new('evt'), order_id: orderId, type: event.type, at: event.at, actor: event.actor, data: JSON.stringify(event.data) });
}

/** Matches `ord_…` ids and `W-000123` numbers. */
function byIdOrNumber(idOrNumber: string): 'id' | 'number' {
  return /^W-\d+$/i.test(idOrNumber) ? 'number' : 'id';
}

export async function findOrderRow(db: Executor, idOrNumber: string): Promise<OrderTable | null> {
  const column = byIdOrNumber(idOrNumber);
  const value = column === 'number' ? idOrNumber.toUpperCase() : idOrNumber;
  return (await db.selectFrom('orders').selectAll().where(column, '=', value).executeTakeFirst()) ?? null;
}

/** The numbers (W-000123) of the given orders by id, in one query: a page of shipments or returns shows them all. */
export async function orderNumbersOf(db: Executor, orderIds: readonly string[]): Promise<Map<string, string>> {
  if (orderIds.length === 0) return new Map();
  const rows = await db.selectFrom('orders').select(['id', 'number']).where('id', 'in', [...new Set(orderIds)]).execute();
  return new Map(rows.map((r) => [r.id, r.number]));
}

export async function findOrderLines(db: Executor, orderIds: readonly string[]): Promise<Map<string, OrderLineTable[]>> {
  const byOrder = new Map<string, OrderLineTable[]>(orderIds.map((id) => [id, []]));
  if (orderIds.length === 0) return byOrder;
  const rows = await db.selectFrom('order_lines').selectAll().where('order_id', 'in', orderIds).orderBy('order_id').orderBy('line_no').execute();
  for (const row of rows) byOrder.get(row.order_id)!.push(row);
  return byOrder;
}

export async function findAllocationViews(db: Executor, orderIds: readonly string[]): Promise<Map<string, AllocationView[]>> {
  const byOrder = new Map<string, AllocationView[]>(orderIds.map((id) => [id, []]));
  if (orderIds.length === 0) return byOrder;
  const rows = await db
    .selectFrom('order_allocations')
    .innerJoin('warehouses', 'warehouses.id', 'order_allocations.warehouse_id')
    .select(['order_allocations.order_id', 'order_allocations.sku', 'warehouses.code', 'order_allocations.quantity', 'order_allocations.quantity_released'])
    .where('order_allocations.order_id', 'in', orderIds)
    .orderBy('order_allocations.sku')
    .orderBy('warehouses.code')
    .execute();
  for (const row of rows) {
    const quantity = Number(row.quantity) - Number(row.quantity_released);
    if (quantity > 0) byOrder.get(row.order_id)!.push({ sku: row.sku, warehouse: row.code, quantity });
  }
  return byOrder;
}

export async function loadOrder(db: Executor, idOrNumber: string, publicUrl: string): Promise<Order | null> {
  const row = await findOrderRow(db, idOrNumber);
  if (!row) return null;
  const [lines, allocations, money] = [await findOrderLines(db, [row.id]), await findAllocationViews(db, [row.id]), await relatedRecordsOf(db, [row.id], publicUrl)];
  const expectedAt = await expectedDatesOf(db, lines.values());
  return toOrder(row, lines.get(row.id)!, allocations.get(row.id)!, publicUrl, money.get(row.id)!, expectedAt);
}

export interface OrderFilter {
  status?: OrderStatus;
  email?: string;
  q?: string;
  attention?: boolean;
  createdFrom?: string;
  createdTo?: string;
  before?: string;
  limit: number;
}

function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listOrders(db: Executor, filter: OrderFilter, publicUrl: string): Promise<Order[]> {
  let query = db.selectFrom('orders').selectAll('orders').orderBy('orders.id', 'desc').limit(filter.limit);
  if (filter.status !== undefined) query = query.where('orders.status', '=', filter.status);
  if (filter.email !== undefined) query = query.where('orders.email', '=', filter.email.toLowerCase());
  if (filter.attention === true) query = query.where('orders.attention', 'is not', null);
  if (filter.attention === false) query = query.where('orders.attention', 'is', null);
  if (filter.createdFrom !== undefined) query = query.where('orders.created_at', '>=', filter.createdFrom);
  if (filter.createdTo !== undefined) query = query.where('orders.created_at', '<', filter.createdTo);
  if (filter.before !== undefined) query = query.where('orders.id', '<', filter.before);
  if (filter.q !== undefined) {
    const pattern = likePattern(filter.q);
    const number = filter.q.toUpperCase();
    query = query
      .innerJoin('customers', 'customers.id', 'orders.customer_id')
      .where((eb) =>
        eb.or([
          eb('orders.number', '=', number),
          eb(sql`lower(orders.email)`, 'like', sql`${pattern} escape '\\'`),
          eb(sql`lower(customers.name)`, 'like', sql`${pattern} escape '\\'`),
        ]),
      );
  }
  const rows = await query.execute();
  const ids = rows.map((r) => r.id);
  const [lines, allocations, money] = [await findOrderLines(db, ids), await findAllocationViews(db, ids), await relatedRecordsOf(db, ids, publicUrl)];
  const expectedAt = await expectedDatesOf(db, lines.values());
  return rows.map((row) => toOrder(row, lines.get(row.id)!, allocations.get(row.id)!, publicUrl, money.get(row.id)!, expectedAt));
}

export async function listOrderEvents(db: Executor, orderId: string, options: { after?: string; limit: number }) {
  let query = db.selectFrom('order_events').select(['id', 'type', 'at', 'actor', 'data']).where('order_id', '=', orderId).orderBy('id').limit(options.limit);
  if (options.after !== undefined) query = query.where('id', '>', options.after);
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, data: JSON.parse(r.data) as Record<string, unknown> }));
}

/**
 * Writes the order row first thing in a transaction, which takes its row lock on PostgreSQL (and the
 * write lock on SQLite): concurrent changes to one order then run one after the other.
 */
export async function lockOrder(db: Executor, orderId: string, now: string): Promise<boolean> {
  const result = await db.updateTable('orders').set({ updated_at: now }).where('id', '=', orderId).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function setOrderStatus(db: Executor, orderId: string, from: OrderStatus, to: OrderStatus, now: string): Promise<boolean> {
  const result = await db.updateTable('orders').set({ status: to, updated_at: now }).where('id', '=', orderId).where('status', '=', from).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Writes a line's counts; `quantity_backordered` only when given (cancelling backordered units). */
export async function updateLineQuantities(db: Executor, line: { id: string; quantity_shipped: number; quantity_cancelled: number; quantity_backordered?: number }): Promise<void> {
  await db
    .updateTable('order_lines')
    .set({
      quantity_shipped: line.quantity_shipped,
      quantity_cancelled: line.quantity_cancelled,
      ...(line.quantity_backordered === undefined ? {} : { quantity_backordered: line.quantity_backordered }),
    })
    .where('id', '=', line.id)
    .execute();
}

/** Sets the units of a new order's line that wait for stock (placing an order). */
export async function setBackordered(db: Executor, lineId: string, quantity: number): Promise<void> {
  await db.updateTable('order_lines').set({ quantity_backordered: quantity }).where('id', '=', lineId).execute();
}

export async function nextOrderNumber(db: Executor, dialect: 'sqlite' | 'postgres'): Promise<string> {
  let value: number;
  if (dialect === 'postgres') {
    const { rows } = await sql<{ value: number }>`select nextval('order_number_seq') as value`.execute(db);
    value = Number(rows[0]!.value);
  } else {
    const row = (await incrementOrderCounter(db, {})).rows[0];
    if (!row) throw new Error('the order_number counter row is missing');
    value = Number(row.value);
  }
  return `W-${String(value).padStart(6, '0')}`;
}
