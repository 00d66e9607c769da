/**
 * Reserving an order's stock, and releasing or shipping what was reserved. Each order's reservation
 * is recorded per (order, sku, warehouse) in `order_allocations`, so that a cancellation releases
 * exactly what was taken, from where it was taken.
 */
import { sql } from 'kysely';
import type { Trx } from '../platform/db/database.js';
import { prepared } from '../platform/db/prepared.js';
import type { OrderAllocationTable } from '../platform/db/schema.js';
import { AppError } from '../platform/errors.js';
import { distanceKm, type Coordinates } from '../platform/geo/distance.js';
import { planAllocation, type Allocation, type StockLevel, type WantedLine } from './allocation.js';
import { applyMovements, stockLevels, type Movement, type MovementContext } from './stock.repository.js';
import { warehouseLocations } from './warehouse.repository.js';

/** Warehouses nearest first; by code when the destination could not be located. */
export async function warehousesByDistance(trx: Trx, destination: Coordinates | null): Promise<Array<{ id: string; code: string }>> {
  const warehouses = await warehouseLocations(trx);
  if (destination === null) return warehouses;
  return warehouses
    .map((w) => ({ id: w.id, code: w.code, km: distanceKm(destination, w) }))
    .sort((a, b) => a.km - b.km || (a.code < b.code ? -1 : 1));
}

// Written for every order: compiled once per number of rows (measured reason: platform/db/prepared.ts).
const insertAllocations = prepared((db, p: { rows: OrderAllocationTable[] }) => db.insertInto('order_allocations').values(p.rows));

/**
 * Adds units to an order's allocations that may exist already (backordered units reserved on a
 * receipt, at a warehouse the order may already hold some of the SKU in). Not on the order hot path.
 */
async function addToAllocations(trx: Trx, rows: OrderAllocationTable[]): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('order_allocations')
    .values(rows)
    .onConflict((oc) => oc.columns(['order_id', 'sku', 'warehouse_id']).doUpdateSet({ quantity: sql`order_allocations.quantity + excluded.quantity` }))
    .execute();
}

/**
 * Before backordering, the order takes its stock rows' locks (in applyMovements' order, so all its
 * stock locks are still taken in one ascending pass) and plans again on what they hold now. Without
 * it, on PostgreSQL an order could read a level just before a receipt commits, backorder what the
 * receipt brings, and commit after the receipt allocated its stock to the backorders it could see:
 * units would then sit free while this order waits for them. Holding the rows, the order waits for
 * the receipt and sees its stock. Only on the backorder path; a receipt's own allocation
 * (onlyWarehouses) holds its warehouse's row already.
 */
async function holdStockRows(trx: Trx, levels: readonly StockLevel[]): Promise<void> {
  const rows = [...levels].sort((a, b) => (a.sku === b.sku ? (a.warehouseId < b.warehouseId ? -1 : 1) : a.sku < b.sku ? -1 : 1));
  for (const row of rows) {
    await trx.updateTable('stock').set({ on_hand: sql`on_hand` }).where('sku', '=', row.sku).where('warehouse_id', '=', row.warehouseId).execute();
  }
}

/** How many times a reservation re-plans after losing a race before reporting the stock as short. */
const RESERVE_ATTEMPTS = 8;

export interface ReservationRequest {
  orderId: string;
  wanted: readonly WantedLine[];
  destination: Coordinates | null;
  /** SKUs whose shortfall is backordered instead of refused (product.backorderable). */
  backorderable?: ReadonlySet<string>;
  /**
   * Reserve only in these warehouses, and add to allocations the order may hold already: the
   * receipt that brings stock to one warehouse reserves it there for backordered units.
   */
  onlyWarehouses?: readonly string[];
}

export interface Reservation {
  allocations: Array<Allocation & { warehouseCode: string }>;
  split: boolean;
  /** Units of backorderable SKUs that no warehouse had, per SKU: nothing is reserved for them. */
  backordered: WantedLine[];
}

/**
 * Reserves every wanted line (distinct SKUs) or nothing, or throws `insufficient_stock` listing every
 * short line; a backorderable SKU is reserved as far as stock goes and the rest returned as
 * backordered. A plan is made on a snapshot and carried out with conditional updates; when one
 * loses to a concurrent order, the attempt is undone and the order is planned again on fresh levels.
 */
export async function reserveForOrder(trx: Trx, ctx: MovementContext, order: ReservationRequest): Promise<Reservation> {
  const skus = order.wanted.map((l) => l.sku);
  const backorderable = order.backorderable ?? new Set<string>();
  const all = await warehousesByDistance(trx, order.destination);
  const ranked = order.onlyWarehouses === undefined ? all : all.filter((w) => order.onlyWarehouses!.includes(w.id));
  // Backorderable SKUs that kept losing races: planned as if out of stock (backordered whole), so
  // that a hot backorderable SKU ends the retries instead of failing the order. Never oversells.
  const starved = new Set<string>();
  let held = false;
  for (let attempt = 1; ; attempt++) {
    const levels = (await stockLevels(trx, skus)).filter((l) => !starved.has(l.sku));
    const plan = planAllocation(order.wanted, levels, ranked.map((w) => w.id), backorderable);
    if (plan.kind === 'allocated' && plan.backordered.length > 0 && !held && order.onlyWarehouses === undefined) {
      await holdStockRows(trx, levels);
      held = true;
      continue;
    }
    if (plan.kind === 'short') {
      throw new AppError('insufficient_stock', `Not enough stock for ${plan.lines.map((l) => l.sku).join(', ')}`, { lines: plan.lines });
    }
    const movements: Movement[] = plan.allocations.map((a) => ({ kind: 'reserve', sku: a.sku, warehouseId: a.warehouseId, quantity: a.quantity, orderId: order.orderId }));
    const failed = await applyMovements(trx, movements, ctx);
    if (failed && attempt < RESERVE_ATTEMPTS) continue;
    if (failed && backorderable.has(failed.sku) && !starved.has(failed.sku)) {
      starved.add(failed.sku);
      continue;
    }
    if (failed) {
      const levels = await stockLevels(trx, [failed.sku]);
      const available = levels.reduce((n, l) => n + Math.max(0, l.available), 0);
      const requested = order.wanted.find((l) => l.sku === failed.sku)?.quantity ?? failed.quantity;
      throw new AppError('insufficient_stock', `Not enough stock for ${failed.sku}`, { lines: [{ sku: failed.sku, requested, available }] });
    }
    const rows = plan.allocations.map((a) => ({ order_id: order.orderId, sku: a.sku, warehouse_id: a.warehouseId, quantity: a.quantity, quantity_released: 0, quantity_shipped: 0 }));
    if (order.onlyWarehouses !== undefined) await addToAllocations(trx, rows);
    else if (rows.length > 0) await insertAllocations(trx, { rows });
    const codes = new Map(all.map((w) => [w.id, w.code]));
    return { allocations: plan.allocations.map((a) => ({ ...a, warehouseCode: codes.get(a.warehouseId)! })), split: plan.split, backordered: plan.backordered };
  }
}

export interface AllocationRow {
  sku: string;
  warehouse_id: string;
  quantity: number;
  quantity_released: number;
  quantity_shipped: number;
}

export async function orderAllocations(trx: Trx, orderId: string): Promise<AllocationRow[]> {
  const rows = await trx.selectFrom('order_allocations').select(['sku', 'warehouse_id', 'quantity', 'quantity_released', 'quantity_shipped']).where('order_id', '=', orderId).orderBy('sku').orderBy('warehouse_id').execute();
  return rows.map((r) => ({ ...r, quantity: Number(r.quantity), quantity_released: Number(r.quantity_released), quantity_shipped: Number(r.quantity_shipped) }));
}

/**
 * Turns reserved units of an order into released (cancelled) or shipped ones, taking them from the
 * order's allocations, and records it in the ledger. Throws if the order has fewer reserved units
 * left for a SKU than asked: callers check the order lines first, so that would be a bug.
 *
 * `destination`: the order's, to rank its warehouses by distance as its reservation did. Without
 * it the allocations are taken in the order they are stored (by warehouse id).
 */
export async function settleReservation(
  trx: Trx,
  ctx: MovementContext,
  orderId: string,
  kind: 'release' | 'ship',
  lines: ReadonlyArray<WantedLine & { warehouseId?: string }>,
  options: { destination?: Coordinates | null } = {},
): Promise<Allocation[]> {
  const allocations = await orderAllocations(trx, orderId);
  // Why the ranking (found by test/model/inventory-model.test.ts): the stored order is by warehouse
  // id, not distance, so a partial cancellation of an order split over two warehouses released the
  // units of the one nearest its customer whenever that one's id sorted last, and the order was
  // left to ship from the far one.
  const destination = options.destination;
  const rank = destination === undefined ? null : new Map((await warehousesByDistance(trx, destination)).map((w, i) => [w.id, i]));
  const settled: Allocation[] = [];
  for (const line of lines) {
    let remaining = line.quantity;
    // Release from the farthest allocation first; ship from the nearest, or from the warehouse a
    // shipment left when the line names it.
    const candidates = allocations.filter((a) => a.sku === line.sku && (line.warehouseId === undefined || a.warehouse_id === line.warehouseId));
    if (rank !== null) candidates.sort((a, b) => (rank.get(a.warehouse_id) ?? rank.size) - (rank.get(b.warehouse_id) ?? rank.size));
    if (kind === 'release') candidates.reverse();
    for (const allocation of candidates) {
      const open = allocation.quantity - allocation.quantity_released - allocation.quantity_shipped;
      const take = Math.min(open, remaining);
      if (take <= 0) continue;
      settled.push({ sku: line.sku, warehouseId: allocation.warehouse_id, quantity: take });
      if (kind === 'release') allocation.quantity_released += take;
      else allocation.quantity_shipped += take;
      remaining -= take;
      if (remaining === 0) break;
    }
    if (remaining > 0) throw new Error(`order ${orderId} has ${line.quantity - remaining} reserved units of ${line.sku}, asked to ${kind} ${line.quantity}`);
  }
  const failed = await applyMovements(
    trx,
    settled.map((s) => ({ kind, sku: s.sku, warehouseId: s.warehouseId, quantity: s.quantity, orderId })),
    ctx,
  );
  if (failed) throw new Error(`stock for ${failed.sku} at ${failed.warehouseId} holds fewer reserved units than order ${orderId} reserved`);
  const touched = new Set(settled.map((s) => `${s.sku}\u0000${s.warehouseId}`));
  for (const allocation of allocations.filter((a) => touched.has(`${a.sku}\u0000${a.warehouse_id}`))) {
    await trx
      .updateTable('order_allocations')
      .set({ quantity_released: allocation.quantity_released, quantity_shipped: allocation.quantity_shipped })
      .where('order_id', '=', orderId)
      .where('sku', '=', allocation.sku)
      .where('warehouse_id', '=', allocation.warehouse_id)
      .execute();
  }
  return settled;
}
