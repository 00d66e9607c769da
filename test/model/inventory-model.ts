/**
 * The reference model of inventory for the model-based test: plain numbers per (SKU, warehouse),
 * the orders with what each reserved where, and what every operation should do to them. Written
 * from the rules (DESIGN.md flow 1, API.md, the doc comments of src/inventory and the use cases),
 * not by calling the code under test, so that the two can disagree. Pure: no I/O.
 */

/** Created in this order, so DAL's id sorts first: the order in which an order's allocations are read. */
export const WAREHOUSES = ['DAL', 'EWR'] as const;
export type WarehouseCode = (typeof WAREHOUSES)[number];

export const SKUS = ['MA', 'MB', 'MC'] as const;
export type Sku = (typeof SKUS)[number];
/** Takes orders beyond stock; the others keep the all-or-nothing 409. */
export const BACKORDERABLE: ReadonlySet<Sku> = new Set<Sku>(['MC']);

/** Where an order ships to, and so which warehouse is nearest (Austin: Dallas; New York: Newark). */
export type Destination = 'Austin' | 'New York';
const warehousesByDistance: Record<Destination, readonly WarehouseCode[]> = { Austin: ['DAL', 'EWR'], 'New York': ['EWR', 'DAL'] };

export interface Level {
  onHand: number;
  reserved: number;
}

export interface ModelAllocation {
  sku: Sku;
  warehouse: WarehouseCode;
  quantity: number;
  released: number;
  shipped: number;
}

/** An order's lines of one SKU, added up (the stock rules only ever look at a SKU's total). */
export interface ModelSkuLine {
  sku: Sku;
  quantity: number;
  shipped: number;
  cancelled: number;
  backordered: number;
}

export interface ModelOrder {
  /** o1, o2…: in the order the orders were placed (their ids sort the same way). */
  label: string;
  destination: Destination;
  status: 'placed' | 'shipped' | 'cancelled';
  lines: ModelSkuLine[];
  /** Sorted by SKU, then warehouse, as the database lists them. */
  allocations: ModelAllocation[];
  /** Units already received back per SKU (the model's bound on what a return may bring). */
  returned: Partial<Record<Sku, number>>;
}

export interface WantedLine {
  sku: Sku;
  quantity: number;
}

export interface ShortLine {
  sku: Sku;
  requested: number;
  available: number;
}

/** What an operation answers: done, or refused with the error code (and the short lines of a 409). */
export type Outcome = { kind: 'done' } | { kind: 'refused'; code: string; lines?: ShortLine[] };

const done: Outcome = { kind: 'done' };
const refused = (code: string, lines?: ShortLine[]): Outcome => (lines ? { kind: 'refused', code, lines } : { kind: 'refused', code });

export type InitialStock = Record<Sku, Record<WarehouseCode, number>>;

const byPosition = (a: { sku: Sku; warehouse: WarehouseCode }, b: { sku: Sku; warehouse: WarehouseCode }) =>
  a.sku === b.sku ? WAREHOUSES.indexOf(a.warehouse) - WAREHOUSES.indexOf(b.warehouse) : a.sku < b.sku ? -1 : 1;

const openOf = (line: ModelSkuLine) => line.quantity - line.shipped - line.cancelled;

export class InventoryModel {
  readonly levels = new Map<string, Level>();
  readonly orders: ModelOrder[] = [];

  constructor(initial: InitialStock) {
    for (const sku of SKUS) for (const warehouse of WAREHOUSES) this.levels.set(`${sku}@${warehouse}`, { onHand: initial[sku][warehouse], reserved: 0 });
  }

  level(sku: Sku, warehouse: WarehouseCode): Level {
    return this.levels.get(`${sku}@${warehouse}`)!;
  }

  order(label: string): ModelOrder | undefined {
    return this.orders.find((o) => o.label === label);
  }

  private available(sku: Sku, warehouse: WarehouseCode): number {
    const { onHand, reserved } = this.level(sku, warehouse);
    return Math.max(0, onHand - reserved);
  }

  /** Adds reserved units to an order at a warehouse: a new allocation, or more on the one it has. */
  private reserve(order: ModelOrder, sku: Sku, warehouse: WarehouseCode, quantity: number): void {
    this.level(sku, warehouse).reserved += quantity;
    const existing = order.allocations.find((a) => a.sku === sku && a.warehouse === warehouse);
    if (existing) existing.quantity += quantity;
    else order.allocations.push({ sku, warehouse, quantity, released: 0, shipped: 0 });
    order.allocations.sort(byPosition);
  }

  /**
   * Places an order: every non-backorderable line in stock across the warehouses, or a 409 listing
   * each short line and nothing changes. The nearest warehouse that holds every reservable unit
   * takes the whole order; otherwise each SKU takes from the nearest warehouses first. What no
   * warehouse has of a backorderable SKU is backordered.
   */
  place(label: string, wanted: readonly WantedLine[], destination: Destination): Outcome {
    const lines = sumBySku(wanted);
    const ranked = warehousesByDistance[destination];
    const total = (sku: Sku) => ranked.reduce((n, w) => n + this.available(sku, w), 0);
    const short = lines.filter((l) => !BACKORDERABLE.has(l.sku) && total(l.sku) < l.quantity).map((l) => ({ sku: l.sku, requested: l.quantity, available: total(l.sku) }));
    if (short.length > 0) return refused('insufficient_stock', short);

    const reservable = lines.map((l) => ({ sku: l.sku, quantity: Math.min(l.quantity, total(l.sku)) })).filter((l) => l.quantity > 0);
    const order: ModelOrder = {
      label,
      destination,
      status: 'placed',
      lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity, shipped: 0, cancelled: 0, backordered: l.quantity - Math.min(l.quantity, total(l.sku)) })),
      allocations: [],
      returned: {},
    };
    const whole = ranked.find((w) => reservable.every((l) => this.available(l.sku, w) >= l.quantity));
    const plan: Array<{ sku: Sku; warehouse: WarehouseCode; quantity: number }> = [];
    if (whole !== undefined) {
      for (const l of reservable) plan.push({ sku: l.sku, warehouse: whole, quantity: l.quantity });
    } else {
      for (const l of reservable) {
        let remaining = l.quantity;
        for (const w of ranked) {
          const take = Math.min(remaining, this.available(l.sku, w));
          if (take > 0) plan.push({ sku: l.sku, warehouse: w, quantity: take });
          remaining -= take;
        }
      }
    }
    for (const p of plan) this.reserve(order, p.sku, p.warehouse, p.quantity);
    this.orders.push(order);
    return done;
  }

  /**
   * Cancels the whole order's open units, or some of one SKU: refused once goods left or it is
   * cancelled already, or for more than is open. Backordered units go first (they hold nothing);
   * the rest releases the order's reservation, the warehouse farthest from its destination first.
   */
  cancel(order: ModelOrder, line: WantedLine | null): Outcome {
    if (order.status !== 'placed') return refused('invalid_transition');
    const wanted = line ? [line] : order.lines.filter((l) => openOf(l) > 0).map((l) => ({ sku: l.sku, quantity: openOf(l) }));
    for (const want of wanted) {
      const ofSku = order.lines.find((l) => l.sku === want.sku);
      if (!ofSku || openOf(ofSku) < want.quantity) return refused('validation_failed');
    }
    if (wanted.length === 0) return refused('conflict');
    for (const want of wanted) {
      const ofSku = order.lines.find((l) => l.sku === want.sku)!;
      const fromBackorders = Math.min(ofSku.backordered, want.quantity);
      ofSku.backordered -= fromBackorders;
      ofSku.cancelled += want.quantity;
      let toRelease = want.quantity - fromBackorders;
      const farthestFirst = [...warehousesByDistance[order.destination]].reverse();
      const fromFarthest = [...order.allocations].sort((a, b) => farthestFirst.indexOf(a.warehouse) - farthestFirst.indexOf(b.warehouse));
      for (const allocation of fromFarthest) {
        if (allocation.sku !== want.sku || toRelease === 0) continue;
        const take = Math.min(toRelease, allocation.quantity - allocation.released - allocation.shipped);
        allocation.released += take;
        this.level(allocation.sku, allocation.warehouse).reserved -= take;
        toRelease -= take;
      }
      if (toRelease > 0) throw new Error(`model: ${order.label} has too few reserved units of ${want.sku} to release`);
    }
    if (order.lines.every((l) => l.cancelled === l.quantity)) order.status = 'cancelled';
    return done;
  }

  /**
   * Ships every open unit of a placed order (the manual move placed → processing → shipped):
   * refused for an order that is not placed, and while any unit is backordered. The reserved units
   * leave their warehouses: on_hand and reserved both drop.
   */
  ship(order: ModelOrder): Outcome {
    if (order.status !== 'placed' || order.lines.some((l) => l.backordered > 0)) return refused('invalid_transition');
    for (const line of order.lines) {
      let toShip = openOf(line);
      line.shipped += toShip;
      for (const allocation of order.allocations) {
        if (allocation.sku !== line.sku || toShip === 0) continue;
        const take = Math.min(toShip, allocation.quantity - allocation.released - allocation.shipped);
        allocation.shipped += take;
        const level = this.level(allocation.sku, allocation.warehouse);
        level.onHand -= take;
        level.reserved -= take;
        toShip -= take;
      }
      if (toShip > 0) throw new Error(`model: ${order.label} has too few reserved units of ${line.sku} to ship`);
    }
    order.status = 'shipped';
    return done;
  }

  /**
   * A purchase-order receipt: the units go on hand, then backordered units of the SKU take them,
   * the oldest placed order first, until the warehouse has none free (younger orders then wait).
   */
  receive(sku: Sku, warehouse: WarehouseCode, quantity: number): Outcome {
    this.level(sku, warehouse).onHand += quantity;
    for (const order of this.orders) {
      const line = order.lines.find((l) => l.sku === sku);
      if (order.status !== 'placed' || !line || line.backordered === 0) continue;
      const got = Math.min(line.backordered, this.available(sku, warehouse));
      if (got === 0) break;
      this.reserve(order, sku, warehouse, got);
      line.backordered -= got;
    }
    return done;
  }

  /** Units of a shipped order come back: resellable ones go on hand, damaged ones are written off. */
  returnUnits(order: ModelOrder, sku: Sku, warehouse: WarehouseCode, resellable: number, damaged: number): Outcome {
    this.level(sku, warehouse).onHand += resellable;
    order.returned[sku] = (order.returned[sku] ?? 0) + resellable + damaged;
    return done;
  }

  /** What a return of the order's SKU may still bring: shipped units not returned yet. */
  returnable(order: ModelOrder, sku: Sku): number {
    if (order.status !== 'shipped') return 0;
    return (order.lines.find((l) => l.sku === sku)?.shipped ?? 0) - (order.returned[sku] ?? 0);
  }

  /** Adds or removes units: refused (409 conflict) when on_hand would fall below what is reserved. */
  adjust(sku: Sku, warehouse: WarehouseCode, delta: number): Outcome {
    const level = this.level(sku, warehouse);
    if (level.onHand + delta < level.reserved) return refused('conflict');
    level.onHand += delta;
    return done;
  }

  /** A stock take sets on_hand: refused (409 conflict) below what is reserved. */
  count(sku: Sku, warehouse: WarehouseCode, onHand: number): Outcome {
    const level = this.level(sku, warehouse);
    if (onHand < level.reserved) return refused('conflict');
    level.onHand = onHand;
    return done;
  }
}

/** Lines naming the same SKU add up, in first-seen order (as the order's reservation sees them). */
export function sumBySku(lines: readonly WantedLine[]): WantedLine[] {
  const totals = new Map<Sku, number>();
  for (const line of lines) totals.set(line.sku, (totals.get(line.sku) ?? 0) + line.quantity);
  return [...totals].map(([sku, quantity]) => ({ sku, quantity }));
}
