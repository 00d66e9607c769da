/**
 * The real side of the model-based test: a migrated database of its own with the model's small
 * world (two warehouses, three products, a supplier), and each operation driven in-process through
 * the use case that does it in the product, one transaction each, as the routes run them. No HTTP:
 * a thousand sequences per database have to be cheap.
 */
import pino from 'pino';
import { loadConfig } from '../../src/config.js';
import { createDeps, type Deps } from '../../src/deps.js';
import { createProduct } from '../../src/catalog/index.js';
import { adjustStock, createWarehouse, ledgerMismatches, queryStock, receiveReturnedStock, setStockCount } from '../../src/inventory/index.js';
import { orderDepsOf, placeOrder } from '../../src/orders/index.js';
import { cancelOrder } from '../../src/orders/cancel-order.js';
import { changeOrderStatus } from '../../src/orders/change-order-status.js';
import { fixedClock, isoTime } from '../../src/platform/clock.js';
import type { Trx } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { AppError } from '../../src/platform/errors.js';
import { replenishmentDepsOf } from '../../src/replenishment/index.js';
import { createPurchaseOrder } from '../../src/replenishment/create-purchase-order.js';
import { receivePurchaseOrder } from '../../src/replenishment/receive-purchase-order.js';
import type { TestDatabase } from '../support/databases.js';
import { REFERENCE_TIME } from '../support/server.js';
import { BACKORDERABLE, SKUS, WAREHOUSES, type Destination, type InitialStock, type Outcome, type ShortLine, type Sku, type WantedLine, type WarehouseCode } from './inventory-model.js';

const ACTOR = 'model-test';

const addresses: Record<Destination, { city: string; region: string; postal_code: string; line1: string }> = {
  Austin: { city: 'Austin', region: 'TX', postal_code: '78701', line1: '1 Congress Ave' },
  'New York': { city: 'New York', region: 'NY', postal_code: '10004', line1: '1 Broadway' },
};

const warehouseCities: Record<WarehouseCode, { city: string; region: string }> = { DAL: { city: 'Dallas', region: 'TX' }, EWR: { city: 'Newark', region: 'NJ' } };

/**
 * The rows the operations write, children first. Warehouses, products, the supplier, the customer
 * and the standing purchase orders stay: every sequence starts from the same catalog with no stock
 * and no orders.
 */
const perSequenceTables = ['stock_movements', 'stock', 'order_allocations', 'order_events', 'order_lines', 'orders', 'jobs'] as const;

/** Each pair's standing purchase order is for this many units: no sequence ever receives it all. */
const STANDING_ORDER_UNITS = 1_000_000_000;

/** What the database holds, in the model's terms, to compare after every step. */
export interface WorldSnapshot {
  stock: Array<{ sku: string; warehouse: string; on_hand: number; reserved: number; available: number }>;
  ledgerMismatches: unknown[];
  orders: Array<{ id: string; status: string; lines: Array<{ sku: string; quantity: number; shipped: number; cancelled: number; backordered: number }> }>;
  allocations: Array<{ order_id: string; sku: string; warehouse: string; quantity: number; released: number; shipped: number }>;
}

async function outcomeOf(work: () => Promise<unknown>): Promise<Outcome> {
  try {
    await work();
    return { kind: 'done' };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === 'insufficient_stock') return { kind: 'refused', code: error.code, lines: error.extras.lines as ShortLine[] };
    return { kind: 'refused', code: error.code };
  }
}

export class InventoryWorld {
  private readonly warehouseIds = new Map<WarehouseCode, string>();
  private readonly codesById = new Map<string, WarehouseCode>();
  /** One sent purchase order per (sku, warehouse), received a little at a time by every sequence. */
  private readonly standingOrders = new Map<string, string>();
  private returns = 0;

  private constructor(readonly deps: Deps) {}

  static async open(database: TestDatabase): Promise<InventoryWorld> {
    const config = loadConfig({ LOG_LEVEL: 'silent', WAYBILL_AUTO_REORDER: 'off', DATABASE_URL: database.url });
    const world = new InventoryWorld(createDeps(config, { clock: fixedClock(REFERENCE_TIME), logger: pino({ level: 'silent' }) }));
    await migrateToLatest(world.deps.db);
    await world.createCatalog();
    return world;
  }

  private async createCatalog(): Promise<void> {
    const { db, clock, ids } = this.deps;
    for (const code of WAREHOUSES) {
      const { city, region } = warehouseCities[code];
      const warehouse = await createWarehouse(db, { clock, ids }, { code, name: `${city} warehouse`, address: { line1: '1 Dock Rd', city, region, postal_code: '00000', country: 'US' } });
      this.warehouseIds.set(code, warehouse.id);
      this.codesById.set(warehouse.id, code);
    }
    // The model reads an order's allocations in warehouse order (DAL, EWR): the ids must sort so.
    if (!(this.warehouseIds.get('DAL')! < this.warehouseIds.get('EWR')!)) throw new Error('warehouse ids do not sort in creation order');
    for (const sku of SKUS) await createProduct(db, clock, { sku, name: `Model ${sku}`, unit_price: 500, currency: 'USD', backorderable: BACKORDERABLE.has(sku) });
    const now = isoTime(clock.now());
    const supplierId = ids.new('sup');
    await db.insertInto('suppliers').values({ id: supplierId, name: 'Model supplier', email: 'supplier@example.com', lead_time_days: 3, min_order_quantity: 1, created_at: now, updated_at: now }).execute();
    // Raised and sent once, so a receipt step is only the receipt (raising one per step tripled its cost).
    const deps = replenishmentDepsOf(this.deps);
    for (const sku of SKUS) {
      for (const warehouse of WAREHOUSES) {
        const po = await this.transaction((trx) => createPurchaseOrder(trx, deps, { supplier_id: supplierId, warehouse, lines: [{ sku, quantity: STANDING_ORDER_UNITS }], send: true }, ACTOR));
        this.standingOrders.set(`${sku}@${warehouse}`, po.id);
      }
    }
  }

  async close(): Promise<void> {
    await this.deps.close();
  }

  private transaction<T>(work: (trx: Trx) => Promise<T>): Promise<T> {
    return this.deps.db.transaction().execute(work);
  }

  /**
   * Empties the per-sequence tables and stocks every pair at the model's initial on_hand, in one
   * transaction: the seed is an adjustment per pair written straight to the stock and its ledger
   * (what adjustStock would write), since it is the starting point, not a step under test.
   */
  async reset(initial: InitialStock): Promise<void> {
    this.returns = 0;
    const now = isoTime(this.deps.clock.now());
    const pairs = SKUS.flatMap((sku) => WAREHOUSES.map((warehouse) => ({ sku, warehouse_id: this.warehouseIds.get(warehouse)!, on_hand: initial[sku][warehouse] })));
    await this.transaction(async (trx) => {
      for (const table of perSequenceTables) await trx.deleteFrom(table).execute();
      await trx
        .insertInto('stock')
        .values(pairs.map((p) => ({ ...p, reserved: 0, updated_at: now })))
        .execute();
      const seeded = pairs.filter((p) => p.on_hand !== 0);
      if (seeded.length === 0) return;
      await trx
        .insertInto('stock_movements')
        .values(seeded.map((p) => ({ id: this.deps.ids.new('mov'), sku: p.sku, warehouse_id: p.warehouse_id, kind: 'adjust', on_hand_delta: p.on_hand, reserved_delta: 0, reason: 'initial stock', order_id: null, actor: ACTOR, created_at: now })))
        .execute();
    });
  }

  /** POST /orders without a payment: the order is placed at once. The new order's id, or why not. */
  async place(lines: readonly WantedLine[], destination: Destination): Promise<{ outcome: Outcome; orderId: string | null }> {
    let orderId: string | null = null;
    const address = addresses[destination];
    const outcome = await outcomeOf(async () => {
      const order = await this.transaction((trx) =>
        placeOrder(
          trx,
          orderDepsOf(this.deps),
          {
            customer: { email: 'model@example.com', name: 'Model Buyer' },
            shipping_address: { name: 'Model Buyer', line2: null, country: 'US', ...address },
            lines: lines.map((l) => ({ ...l })),
            currency: 'USD',
          },
          ACTOR,
        ),
      );
      orderId = order.id;
    });
    return { outcome, orderId };
  }

  /** POST /orders/{id}/cancel, whole or one SKU's units. */
  cancel(orderId: string, line: WantedLine | null): Promise<Outcome> {
    return outcomeOf(() => this.transaction((trx) => cancelOrder(trx, orderDepsOf(this.deps), orderId, { reason: 'model test', ...(line ? { lines: [{ ...line }] } : {}) }, ACTOR)));
  }

  /**
   * The order's reserved units leave: the manual moves placed → processing → shipped in one
   * transaction (changeOrderStatus ships every open unit through settleReservation, as a parcel
   * leaving does in shipping/order-progress.ts), so a refused second move leaves nothing behind.
   */
  ship(orderId: string): Promise<Outcome> {
    const deps = orderDepsOf(this.deps);
    return outcomeOf(() =>
      this.transaction(async (trx) => {
        await changeOrderStatus(trx, deps, orderId, { status: 'processing' }, ACTOR);
        await changeOrderStatus(trx, deps, orderId, { status: 'shipped' }, ACTOR);
      }),
    );
  }

  /** POST /purchase-orders/{id}/receive on the pair's standing order: the receipt allocates to backorders. */
  receive(sku: Sku, warehouse: WarehouseCode, quantity: number): Promise<Outcome> {
    const purchaseOrderId = this.standingOrders.get(`${sku}@${warehouse}`)!;
    return outcomeOf(() => this.transaction((trx) => receivePurchaseOrder(trx, replenishmentDepsOf(this.deps), purchaseOrderId, { lines: [{ sku, quantity }] }, ACTOR)));
  }

  /** The stock side of a received return (returns/receive-return.ts calls it with the same input). */
  returnUnits(orderId: string, sku: Sku, warehouse: WarehouseCode, resellable: number, damaged: number): Promise<Outcome> {
    const returnId = `ret_model_${++this.returns}`;
    const ctx = { ids: this.deps.ids, actor: ACTOR, now: isoTime(this.deps.clock.now()) };
    return outcomeOf(() =>
      this.transaction((trx) => receiveReturnedStock(trx, ctx, { orderId, warehouseId: this.warehouseIds.get(warehouse)!, returnId, lines: [{ sku, resellable, damaged }] })),
    );
  }

  /** POST /inventory/adjustments. */
  adjust(sku: Sku, warehouse: WarehouseCode, delta: number): Promise<Outcome> {
    return outcomeOf(() => this.transaction((trx) => adjustStock(trx, this.deps, { sku, warehouse, delta, reason: 'model test', actor: ACTOR })));
  }

  /** PUT /inventory/{sku}/{warehouse}. */
  count(sku: Sku, warehouse: WarehouseCode, onHand: number): Promise<Outcome> {
    return outcomeOf(() => this.transaction((trx) => setStockCount(trx, this.deps, { sku, warehouse, onHand, reason: 'model test', actor: ACTOR })));
  }

  async snapshot(): Promise<WorldSnapshot> {
    const { db } = this.deps;
    // Side by side: on PostgreSQL each takes its own pooled connection, and they read committed rows.
    const [stockRows, mismatches, lines, allocations] = await Promise.all([
      queryStock(db, { limit: 100 }),
      ledgerMismatches(db),
      db
        .selectFrom('order_lines')
        .innerJoin('orders', 'orders.id', 'order_lines.order_id')
        .select(['order_lines.order_id', 'orders.status', 'order_lines.sku', 'order_lines.quantity', 'order_lines.quantity_shipped', 'order_lines.quantity_cancelled', 'order_lines.quantity_backordered'])
        .orderBy('order_lines.order_id')
        .orderBy('order_lines.line_no')
        .execute(),
      db
        .selectFrom('order_allocations')
        .select(['order_id', 'sku', 'warehouse_id', 'quantity', 'quantity_released', 'quantity_shipped'])
        .orderBy('order_id')
        .orderBy('sku')
        .orderBy('warehouse_id')
        .execute(),
    ]);
    const stock = stockRows.map((r) => ({ sku: r.sku, warehouse: r.warehouse, on_hand: r.on_hand, reserved: r.reserved, available: r.available }));
    return {
      stock,
      ledgerMismatches: mismatches,
      orders: [...new Set(lines.map((l) => l.order_id))].map((id) => {
        const ofOrder = lines.filter((l) => l.order_id === id);
        return { id, status: ofOrder[0]!.status, lines: linesOf(ofOrder) };
      }),
      allocations: allocations.map((a) => ({
        order_id: a.order_id,
        sku: a.sku,
        warehouse: this.codesById.get(a.warehouse_id)!,
        quantity: Number(a.quantity),
        released: Number(a.quantity_released),
        shipped: Number(a.quantity_shipped),
      })),
    };
  }
}

/** An order's stored lines added up per SKU, first-seen order: the model keeps SKU totals. */
function linesOf(rows: ReadonlyArray<{ sku: string; quantity: unknown; quantity_shipped: unknown; quantity_cancelled: unknown; quantity_backordered: unknown }>) {
  const bySku = new Map<string, { sku: string; quantity: number; shipped: number; cancelled: number; backordered: number }>();
  for (const r of rows) {
    const line = bySku.get(r.sku) ?? { sku: r.sku, quantity: 0, shipped: 0, cancelled: 0, backordered: 0 };
    line.quantity += Number(r.quantity);
    line.shipped += Number(r.quantity_shipped);
    line.cancelled += Number(r.quantity_cancelled);
    line.backordered += Number(r.quantity_backordered ?? 0);
    bySku.set(r.sku, line);
  }
  return [...bySku.values()];
}
