/**
 * Stock levels and the movement ledger. Every change to `stock` goes through `applyMovement`, which
 * makes one atomic conditional UPDATE (the condition is what makes overselling impossible, with no
 * read-then-write) and writes one ledger row, so that for every (sku, warehouse):
 *   stock.on_hand = Σ movements.on_hand_delta  and  stock.reserved = Σ movements.reserved_delta.
 */
import { sql, type UpdateResult } from 'kysely';
import type { Executor, Trx } from '../platform/db/database.js';
import { prepared, type PreparedQuery } from '../platform/db/prepared.js';
import type { StockMovementTable } from '../platform/db/schema.js';
import type { Ids } from '../platform/ids.js';
import { averageDailyDemand, daysOfCover, leadTimeDaysOf, suggestedReorderQuantity } from '../catalog/index.js';
import type { StockLevel } from './allocation.js';

/**
 * `return`: units a customer sent back enter the receiving warehouse (+q); `write_off`: units that
 * cannot be sold leave it (quantity negative, like adjust). A damaged return is both, so the ledger
 * shows that it came back and what became of it.
 */
export type MovementKind = 'reserve' | 'release' | 'ship' | 'adjust' | 'count' | 'receive' | 'return' | 'write_off';

export interface Movement {
  kind: MovementKind;
  sku: string;
  warehouseId: string;
  /** Units: reserved / released / shipped / received; for adjust and count the signed on_hand change. */
  quantity: number;
  reason?: string | null;
  orderId?: string | null;
  /** For a count: the on_hand the delta was computed from; the update fails if it moved since. */
  expectOnHand?: number;
}

export interface MovementContext {
  ids: Ids;
  actor: string;
  now: string;
}

interface StockChange {
  sku: string;
  warehouseId: string;
  q: number;
  now: string;
  expectOnHand: number;
}

/**
 * The conditional update of each kind; it affects no row when the change would break a rule.
 * Compiled once per kind: three of them run for every order (measured reason: platform/db/prepared.ts).
 */
const stockRow = (db: Executor, p: StockChange) => db.updateTable('stock').where('sku', '=', p.sku).where('warehouse_id', '=', p.warehouseId);
const onHandChange = prepared((db, p: StockChange) => stockRow(db, p).set({ on_hand: sql`on_hand + ${p.q}`, updated_at: p.now }).where(sql<boolean>`on_hand + ${p.q} >= reserved`));
const conditionalUpdates: Record<MovementKind, PreparedQuery<StockChange, UpdateResult>> = {
  reserve: prepared((db, p: StockChange) => stockRow(db, p).set({ reserved: sql`reserved + ${p.q}`, updated_at: p.now }).where(sql<boolean>`on_hand - reserved >= ${p.q}`)),
  release: prepared((db, p: StockChange) => stockRow(db, p).set({ reserved: sql`reserved - ${p.q}`, updated_at: p.now }).where('reserved', '>=', p.q)),
  ship: prepared((db, p: StockChange) => stockRow(db, p).set({ on_hand: sql`on_hand - ${p.q}`, reserved: sql`reserved - ${p.q}`, updated_at: p.now }).where('reserved', '>=', p.q)),
  count: prepared((db, p: StockChange) =>
    stockRow(db, p)
      .set({ on_hand: sql`on_hand + ${p.q}`, updated_at: p.now })
      .where('on_hand', '=', p.expectOnHand)
      .where(sql<boolean>`on_hand + ${p.q} >= reserved`),
  ),
  adjust: onHandChange,
  receive: onHandChange,
  return: onHandChange,
  write_off: onHandChange,
};

/** Applies one movement's conditional update; the number of rows it changed (0 or 1). */
async function conditionalUpdate(trx: Executor, m: Movement, now: string): Promise<bigint> {
  const result = await conditionalUpdates[m.kind](trx, { sku: m.sku, warehouseId: m.warehouseId, q: m.quantity, now, expectOnHand: m.expectOnHand ?? -1 });
  return result.numAffectedRows ?? 0n;
}

// Also once per order each, compiled once per number of rows or SKUs.
const insertLedgerRows = prepared((db, p: { rows: StockMovementTable[] }) => db.insertInto('stock_movements').values(p.rows));
const levelsOf = prepared((db, p: { skus: readonly string[] }) => db.selectFrom('stock').select(['sku', 'warehouse_id', 'on_hand', 'reserved']).where('sku', 'in', p.skus));

function deltas(m: Movement): { on_hand_delta: number; reserved_delta: number } {
  switch (m.kind) {
    case 'reserve':
      return { on_hand_delta: 0, reserved_delta: m.quantity };
    case 'release':
      return { on_hand_delta: 0, reserved_delta: -m.quantity };
    case 'ship':
      return { on_hand_delta: -m.quantity, reserved_delta: -m.quantity };
    default:
      return { on_hand_delta: m.quantity, reserved_delta: 0 };
  }
}

export function ledgerRow(m: Movement, ctx: MovementContext): StockMovementTable {
  return {
    id: ctx.ids.new('mov'),
    sku: m.sku,
    warehouse_id: m.warehouseId,
    kind: m.kind,
    ...deltas(m),
    reason: m.reason ?? null,
    order_id: m.orderId ?? null,
    actor: ctx.actor,
    created_at: ctx.now,
  };
}

/**
 * Applies movements in a stable (sku, warehouse) order — the same lock order in every transaction,
 * so that two orders touching the same SKUs do not deadlock on PostgreSQL — and writes their ledger
 * rows. All or none: if one condition fails, the ones already applied in this call are rolled back
 * to a savepoint (inside the caller's transaction, so nothing of it is ever visible) and the failed
 * movement is returned; null when all applied.
 *
 * Why a savepoint rather than updating the applied rows back: undoing by hand kept their row locks
 * until commit, and a reservation that then re-planned (another warehouse) locked further rows out
 * of order while still holding them, so concurrent multi-line orders now and then deadlocked on
 * PostgreSQL (test/concurrency/oversell.test.ts; each one a 1 s deadlock_timeout stall and a
 * retry). Rolling back to the savepoint also releases those locks, so a transaction only ever holds
 * stock locks taken in one ascending pass. One movement needs none: a failed update locks nothing.
 */
export async function applyMovements(trx: Trx, movements: readonly Movement[], ctx: MovementContext): Promise<Movement | null> {
  const ordered = movements
    .filter((m) => m.quantity !== 0)
    .sort((a, b) => (a.sku === b.sku ? (a.warehouseId < b.warehouseId ? -1 : 1) : a.sku < b.sku ? -1 : 1));
  const savepoint = ordered.length > 1;
  if (savepoint) await sql`savepoint apply_movements`.execute(trx);
  for (const movement of ordered) {
    if ((await conditionalUpdate(trx, movement, ctx.now)) === 0n) {
      if (savepoint) await sql`rollback to savepoint apply_movements`.execute(trx);
      if (savepoint) await sql`release savepoint apply_movements`.execute(trx);
      return movement;
    }
  }
  if (savepoint) await sql`release savepoint apply_movements`.execute(trx);
  if (ordered.length > 0) await insertLedgerRows(trx, { rows: ordered.map((m) => ledgerRow(m, ctx)) });
  return null;
}

/** Creates the stock row for a (sku, warehouse) pair if it does not exist yet (at zero). */
export async function ensureStockRow(trx: Executor, sku: string, warehouseId: string, now: string): Promise<void> {
  await trx
    .insertInto('stock')
    .values({ sku, warehouse_id: warehouseId, on_hand: 0, reserved: 0, updated_at: now })
    .onConflict((oc) => oc.columns(['sku', 'warehouse_id']).doNothing())
    .execute();
}

/** Available units per (sku, warehouse) for the given SKUs: a snapshot to plan with, not to trust. */
export async function stockLevels(db: Executor, skus: readonly string[]): Promise<StockLevel[]> {
  if (skus.length === 0) return [];
  const { rows } = await levelsOf(db, { skus });
  return rows.map((r) => ({ sku: r.sku, warehouseId: r.warehouse_id, available: Number(r.on_hand) - Number(r.reserved) }));
}

export interface StockRow {
  sku: string;
  warehouse: string;
  warehouse_id: string;
  on_hand: number;
  reserved: number;
  available: number;
  /** The effective point: the warehouse's override (reorder_policies) when it has one, else the product's. */
  reorder_point: number;
  /** The configured quantity, with the same precedence. */
  reorder_quantity: number;
  reorder_policy: 'fixed' | 'auto';
  /** False for a product point of 0 with no override: such a pair is never reordered nor listed as low. */
  reorder_managed: boolean;
  updated_at: string;
  /** What the demand says, when asked for (queryStock's `demand`). */
  cover?: StockCover;
}

export interface StockCover {
  /** Units on open purchase orders (draft, sent, partially received) for the pair, not yet received. */
  on_order: number;
  /** Units a day reserved for orders over the demand window, net of releases. */
  average_daily_demand: number;
  /** ceil(average daily demand × lead time + safety stock): the `auto` policy's quantity. */
  suggested_reorder_quantity: number;
  /** available ÷ average daily demand; null when nothing sold over the window. */
  days_of_cover: number | null;
  safety_stock: number;
  /** The product's lead time, else its supplier's. */
  lead_time_days: number;
}

export async function findStock(db: Executor, sku: string, warehouseId: string): Promise<StockRow | null> {
  const rows = await queryStock(db, { sku, warehouseId, limit: 1 });
  return rows[0] ?? null;
}

/**
 * Open purchase orders' statuses (replenishment/purchase-order-status.ts), written out here since
 * inventory may not import replenishment.
 */
const openPurchaseOrderStatuses = ['draft', 'sent', 'partially_received'];

/**
 * A stock row at or below its effective reorder point: the warehouse's own (reorder_policies), else
 * the product's; a product point of 0 with no warehouse policy means "not managed". The one rule the
 * low-stock view and the replenishment run share. Needs `products` and `reorder_policies` joined.
 */
export const atOrBelowReorderPoint = sql<boolean>`(reorder_policies.sku is not null or products.reorder_point > 0) and stock.on_hand - stock.reserved <= coalesce(reorder_policies.reorder_point, products.reorder_point)`;

/**
 * Stock rows with their effective reorder settings. With `demand`, each row also says what is on
 * order and what the demand over the window suggests (catalog/reorder-rules.ts); demand is the
 * ledger's net units reserved for orders (`reserve` − `release` with an order id), the same
 * movements replenishment/demand.ts counts for the purchase orders it raises.
 *
 * `belowReorderPoint`: available ≤ the effective point, for managed pairs only (a product point of
 * 0 without an override means "not managed", replenishment/reorder-policy.ts).
 */
export async function queryStock(
  db: Executor,
  filter: {
    sku?: string;
    warehouseId?: string;
    warehouseCode?: string;
    belowReorderPoint?: boolean;
    after?: { sku: string; code: string };
    limit: number;
    demand?: { since: string; windowDays: number };
  },
): Promise<StockRow[]> {
  let query = db
    .selectFrom('stock')
    .innerJoin('warehouses', 'warehouses.id', 'stock.warehouse_id')
    .innerJoin('products', 'products.sku', 'stock.sku')
    .leftJoin('reorder_policies', (j) => j.onRef('reorder_policies.sku', '=', 'stock.sku').onRef('reorder_policies.warehouse_id', '=', 'stock.warehouse_id'))
    .leftJoin('suppliers', 'suppliers.id', 'products.supplier_id')
    .select([
      'stock.sku',
      'warehouses.code as warehouse',
      'stock.warehouse_id',
      'stock.on_hand',
      'stock.reserved',
      'products.reorder_point as product_point',
      'products.reorder_quantity as product_quantity',
      'products.reorder_policy',
      'products.safety_stock',
      'products.lead_time_days',
      'reorder_policies.sku as override_sku',
      'reorder_policies.reorder_point as override_point',
      'reorder_policies.reorder_quantity as override_quantity',
      'suppliers.lead_time_days as supplier_lead_time_days',
      'stock.updated_at',
    ])
    .orderBy('stock.sku')
    .orderBy('warehouses.code')
    .limit(filter.limit);
  if (filter.sku !== undefined) query = query.where('stock.sku', '=', filter.sku);
  if (filter.warehouseId !== undefined) query = query.where('stock.warehouse_id', '=', filter.warehouseId);
  if (filter.warehouseCode !== undefined) query = query.where('warehouses.code', '=', filter.warehouseCode);
  if (filter.belowReorderPoint) {
    query = query.where(atOrBelowReorderPoint);
  }
  const after = filter.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([eb('stock.sku', '>', after.sku), eb.and([eb('stock.sku', '=', after.sku), eb('warehouses.code', '>', after.code)])]),
    );
  }
  const demand = filter.demand;
  const rows = await query
    .select((eb) => [
      (demand
        ? eb
            .selectFrom('purchase_order_lines')
            .innerJoin('purchase_orders', 'purchase_orders.id', 'purchase_order_lines.purchase_order_id')
            .select(sql<number | string | null>`sum(purchase_order_lines.quantity - purchase_order_lines.quantity_received)`.as('units'))
            .whereRef('purchase_order_lines.sku', '=', 'stock.sku')
            .whereRef('purchase_orders.warehouse_id', '=', 'stock.warehouse_id')
            .where('purchase_orders.status', 'in', openPurchaseOrderStatuses)
            .whereRef('purchase_order_lines.quantity', '>', 'purchase_order_lines.quantity_received')
        : sql<null>`null`
      ).as('on_order'),
      (demand
        ? eb
            .selectFrom('stock_movements')
            .select(sql<number | string | null>`sum(stock_movements.reserved_delta)`.as('units'))
            .whereRef('stock_movements.sku', '=', 'stock.sku')
            .whereRef('stock_movements.warehouse_id', '=', 'stock.warehouse_id')
            .where('stock_movements.kind', 'in', ['reserve', 'release'])
            .where('stock_movements.order_id', 'is not', null)
            .where('stock_movements.created_at', '>=', demand.since)
        : sql<null>`null`
      ).as('demand_units'),
    ])
    .execute();
  return rows.map((r) => {
    const available = Number(r.on_hand) - Number(r.reserved);
    const overridden = r.override_sku !== null;
    const row: StockRow = {
      sku: r.sku,
      warehouse: r.warehouse,
      warehouse_id: r.warehouse_id,
      on_hand: Number(r.on_hand),
      reserved: Number(r.reserved),
      available,
      reorder_point: Number(overridden ? r.override_point : r.product_point),
      reorder_quantity: Number(r.override_quantity ?? r.product_quantity),
      reorder_policy: r.reorder_policy === 'auto' ? 'auto' : 'fixed',
      reorder_managed: overridden || Number(r.product_point) > 0,
      updated_at: r.updated_at,
    };
    if (demand) {
      const stockDemand = { netUnits: Number(r.demand_units ?? 0), windowDays: demand.windowDays };
      const safetyStock = Number(r.safety_stock ?? 0);
      const leadTimeDays = leadTimeDaysOf(Number(r.lead_time_days), r.supplier_lead_time_days === null ? null : Number(r.supplier_lead_time_days));
      row.cover = {
        on_order: Number(r.on_order ?? 0),
        average_daily_demand: averageDailyDemand(stockDemand),
        suggested_reorder_quantity: suggestedReorderQuantity(stockDemand, leadTimeDays, safetyStock),
        days_of_cover: daysOfCover(available, stockDemand),
        safety_stock: safetyStock,
        lead_time_days: leadTimeDays,
      };
    }
    return row;
  });
}

export async function listMovements(
  db: Executor,
  filter: { sku?: string; warehouseId?: string; orderId?: string; before?: string; limit: number },
): Promise<Array<StockMovementTable & { warehouse: string }>> {
  let query = db
    .selectFrom('stock_movements')
    .innerJoin('warehouses', 'warehouses.id', 'stock_movements.warehouse_id')
    .selectAll('stock_movements')
    .select('warehouses.code as warehouse')
    .orderBy('stock_movements.id', 'desc')
    .limit(filter.limit);
  if (filter.sku !== undefined) query = query.where('stock_movements.sku', '=', filter.sku);
  if (filter.warehouseId !== undefined) query = query.where('stock_movements.warehouse_id', '=', filter.warehouseId);
  if (filter.orderId !== undefined) query = query.where('stock_movements.order_id', '=', filter.orderId);
  if (filter.before !== undefined) query = query.where('stock_movements.id', '<', filter.before);
  return query.execute();
}

/** Pairs where stock differs from the sum of its ledger; empty when the books balance. */
export async function ledgerMismatches(db: Executor): Promise<Array<{ sku: string; warehouse_id: string; on_hand: number; reserved: number; ledger_on_hand: number; ledger_reserved: number }>> {
  const rows = await db
    .selectFrom('stock')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('stock_movements')
          .select(['sku', 'warehouse_id'])
          .select((e) => [e.fn.sum<number>('on_hand_delta').as('ledger_on_hand'), e.fn.sum<number>('reserved_delta').as('ledger_reserved')])
          .groupBy(['sku', 'warehouse_id'])
          .as('l'),
      (join) => join.onRef('l.sku', '=', 'stock.sku').onRef('l.warehouse_id', '=', 'stock.warehouse_id'),
    )
    .select(['stock.sku', 'stock.warehouse_id', 'stock.on_hand', 'stock.reserved', 'l.ledger_on_hand', 'l.ledger_reserved'])
    .execute();
  return rows
    .map((r) => ({
      sku: r.sku,
      warehouse_id: r.warehouse_id,
      on_hand: Number(r.on_hand),
      reserved: Number(r.reserved),
      ledger_on_hand: Number(r.ledger_on_hand ?? 0),
      ledger_reserved: Number(r.ledger_reserved ?? 0),
    }))
    .filter((r) => r.on_hand !== r.ledger_on_hand || r.reserved !== r.ledger_reserved);
}
