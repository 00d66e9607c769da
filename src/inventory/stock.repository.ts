/**
 * Stock levels and the movement ledger. Every change to `stock` goes through `applyMovement`, which
 * makes one atomic conditional UPDATE (the condition is what makes overselling impossible, with no
 * read-then-write) and writes one ledger row, so that for every (sku, warehouse):
 *   stock.on_hand = Σ movements.on_hand_delta  and  stock.reserved = Σ movements.reserved_delta.
 */
import { sql } from 'kysely';
import type { Executor, Trx } from '../platform/db/database.js';
import type { StockMovementTable } from '../platform/db/schema.js';
import type { Ids } from '../platform/ids.js';
import type { StockLevel } from './allocation.js';

export type MovementKind = 'reserve' | 'release' | 'ship' | 'adjust' | 'count' | 'receive';

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

/** The conditional update of each kind; it affects no row when the change would break a rule. */
function conditionalUpdate(trx: Executor, m: Movement, now: string) {
  const base = trx.updateTable('stock').where('sku', '=', m.sku).where('warehouse_id', '=', m.warehouseId);
  const q = m.quantity;
  switch (m.kind) {
    case 'reserve':
      return base.set({ reserved: sql`reserved + ${q}`, updated_at: now }).where(sql<boolean>`on_hand - reserved >= ${q}`);
    case 'release':
      return base.set({ reserved: sql`reserved - ${q}`, updated_at: now }).where('reserved', '>=', q);
    case 'ship':
      return base.set({ on_hand: sql`on_hand - ${q}`, reserved: sql`reserved - ${q}`, updated_at: now }).where('reserved', '>=', q);
    case 'count':
      return base
        .set({ on_hand: sql`on_hand + ${q}`, updated_at: now })
        .where('on_hand', '=', m.expectOnHand ?? -1)
        .where(sql<boolean>`on_hand + ${q} >= reserved`);
    case 'adjust':
    case 'receive':
      return base.set({ on_hand: sql`on_hand + ${q}`, updated_at: now }).where(sql<boolean>`on_hand + ${q} >= reserved`);
  }
}

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

/** The exact inverse of an applied movement, with no condition: used to undo within a transaction. */
function revert(trx: Executor, m: Movement, now: string) {
  const d = deltas(m);
  return trx
    .updateTable('stock')
    .set({ on_hand: sql`on_hand - ${d.on_hand_delta}`, reserved: sql`reserved - ${d.reserved_delta}`, updated_at: now })
    .where('sku', '=', m.sku)
    .where('warehouse_id', '=', m.warehouseId);
}

/**
 * Applies movements in a stable (sku, warehouse) order — the same lock order in every transaction,
 * so that two orders touching the same SKUs do not deadlock on PostgreSQL — and writes their ledger
 * rows. All or none: if one condition fails, the ones already applied in this call are undone
 * (inside the caller's transaction, so nothing of it is ever visible) and the failed movement is
 * returned; null when all applied.
 */
export async function applyMovements(trx: Trx, movements: readonly Movement[], ctx: MovementContext): Promise<Movement | null> {
  const ordered = movements
    .filter((m) => m.quantity !== 0)
    .sort((a, b) => (a.sku === b.sku ? (a.warehouseId < b.warehouseId ? -1 : 1) : a.sku < b.sku ? -1 : 1));
  for (let i = 0; i < ordered.length; i++) {
    const movement = ordered[i]!;
    const result = await conditionalUpdate(trx, movement, ctx.now).executeTakeFirst();
    if (result.numUpdatedRows === 0n) {
      for (const applied of ordered.slice(0, i)) await revert(trx, applied, ctx.now).execute();
      return movement;
    }
  }
  if (ordered.length > 0) await trx.insertInto('stock_movements').values(ordered.map((m) => ledgerRow(m, ctx))).execute();
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
  const rows = await db
    .selectFrom('stock')
    .select(['sku', 'warehouse_id', 'on_hand', 'reserved'])
    .where('sku', 'in', skus)
    .execute();
  return rows.map((r) => ({ sku: r.sku, warehouseId: r.warehouse_id, available: Number(r.on_hand) - Number(r.reserved) }));
}

export interface StockRow {
  sku: string;
  warehouse: string;
  warehouse_id: string;
  on_hand: number;
  reserved: number;
  available: number;
  reorder_point: number;
  updated_at: string;
}

export async function findStock(db: Executor, sku: string, warehouseId: string): Promise<StockRow | null> {
  const rows = await queryStock(db, { sku, warehouseId, limit: 1 });
  return rows[0] ?? null;
}

export async function queryStock(
  db: Executor,
  filter: { sku?: string; warehouseId?: string; warehouseCode?: string; belowReorderPoint?: boolean; after?: { sku: string; code: string }; limit: number },
): Promise<StockRow[]> {
  let query = db
    .selectFrom('stock')
    .innerJoin('warehouses', 'warehouses.id', 'stock.warehouse_id')
    .innerJoin('products', 'products.sku', 'stock.sku')
    .select([
      'stock.sku',
      'warehouses.code as warehouse',
      'stock.warehouse_id',
      'stock.on_hand',
      'stock.reserved',
      'products.reorder_point',
      'stock.updated_at',
    ])
    .orderBy('stock.sku')
    .orderBy('warehouses.code')
    .limit(filter.limit);
  if (filter.sku !== undefined) query = query.where('stock.sku', '=', filter.sku);
  if (filter.warehouseId !== undefined) query = query.where('stock.warehouse_id', '=', filter.warehouseId);
  if (filter.warehouseCode !== undefined) query = query.where('warehouses.code', '=', filter.warehouseCode);
  if (filter.belowReorderPoint) query = query.where(sql<boolean>`stock.on_hand - stock.reserved <= products.reorder_point`);
  const after = filter.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([eb('stock.sku', '>', after.sku), eb.and([eb('stock.sku', '=', after.sku), eb('warehouses.code', '>', after.code)])]),
    );
  }
  const rows = await query.execute();
  return rows.map((r) => ({
    ...r,
    on_hand: Number(r.on_hand),
    reserved: Number(r.reserved),
    available: Number(r.on_hand) - Number(r.reserved),
    reorder_point: Number(r.reorder_point),
  }));
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
