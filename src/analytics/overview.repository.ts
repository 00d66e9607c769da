/**
 * The dashboard's counts, each one aggregate query (no rows are fetched to count them in code):
 * the grouping runs in SQL that both dialects share (`substr` of the RFC 3339 UTC text is the UTC
 * date; `count` and `sum` come back as strings from PostgreSQL's bigint, hence Number). With the
 * `orders_created_at` index, a 30-day series over 100,000 orders reads only the range's rows.
 *
 * A read model across capabilities: it reads the orders, shipments, returns and stock tables
 * (never writes them) and takes their rules from their index.ts (order statuses, open return
 * statuses, the reorder-point predicate), so no rule is written twice.
 */
import { sql } from 'kysely';
import { atOrBelowReorderPoint } from '../inventory/index.js';
import { orderStatuses, type OrderStatus } from '../orders/index.js';
import type { Executor } from '../platform/db/database.js';
import { openReturnStatuses } from '../returns/index.js';
import { notRevenueStatuses, type DayCurrencyTotals } from './daily-series.js';

function count(value: number | string | bigint | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/** Every order status with its number of orders now (all orders, not a period's). */
export async function ordersByStatus(db: Executor): Promise<Record<OrderStatus, number>> {
  const rows = await db
    .selectFrom('orders')
    .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy('status')
    .execute();
  const byStatus = Object.fromEntries(orderStatuses.map((s) => [s, 0])) as Record<OrderStatus, number>;
  for (const row of rows) if (Object.hasOwn(byStatus, row.status)) byStatus[row.status as OrderStatus] = count(row.n);
  return byStatus;
}

/** Open attention flags on orders and on shipments. */
export async function attentionCounts(db: Executor): Promise<{ orders: number; shipments: number }> {
  const orders = await db.selectFrom('orders').select((eb) => eb.fn.countAll<number | string>().as('n')).where('attention', 'is not', null).executeTakeFirstOrThrow();
  const shipments = await db.selectFrom('shipments').select((eb) => eb.fn.countAll<number | string>().as('n')).where('attention', 'is not', null).executeTakeFirstOrThrow();
  return { orders: count(orders.n), shipments: count(shipments.n) };
}

export async function openReturnCount(db: Executor): Promise<number> {
  const row = await db.selectFrom('returns').select((eb) => eb.fn.countAll<number | string>().as('n')).where('status', 'in', openReturnStatuses).executeTakeFirstOrThrow();
  return count(row.n);
}

/** Stock rows at or below their reorder point: the rows `GET /inventory?below_reorder_point=true` lists. */
export async function lowStockCount(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('stock')
    .innerJoin('warehouses', 'warehouses.id', 'stock.warehouse_id')
    .innerJoin('products', 'products.sku', 'stock.sku')
    .leftJoin('reorder_policies', (j) => j.onRef('reorder_policies.sku', '=', 'stock.sku').onRef('reorder_policies.warehouse_id', '=', 'stock.warehouse_id'))
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where(atOrBelowReorderPoint)
    .executeTakeFirstOrThrow();
  return count(row.n);
}

/** Orders placed in [from, to], summed per UTC day and currency. */
export async function dayCurrencyTotals(db: Executor, from: string, to: string): Promise<DayCurrencyTotals[]> {
  const day = sql<string>`substr(created_at, 1, 10)`;
  const isRevenue = sql<boolean>`status not in (${sql.join(notRevenueStatuses.map((s) => sql.lit(s)))})`;
  const rows = await db
    .selectFrom('orders')
    .select([
      day.as('day'),
      'currency',
      (eb) => eb.fn.countAll<number | string>().as('orders'),
      sql<number | string | null>`sum(case when ${isRevenue} then total else 0 end)`.as('revenue'),
      sql<number | string | null>`sum(case when ${isRevenue} then 1 else 0 end)`.as('counted'),
    ])
    .where('created_at', '>=', from)
    .where('created_at', '<=', to)
    .groupBy([day, 'currency'])
    .execute();
  return rows.map((r) => ({ day: r.day, currency: r.currency, orders: count(r.orders), revenue: count(r.revenue), counted: count(r.counted) }));
}
