/**
 * Which warehouse(s) fill an order — pure, no I/O. The nearest warehouse that can fill the whole
 * order wins; only when none can is the order split, each line taking from the nearest warehouses
 * first. Works on a snapshot: the caller reserves with conditional updates and re-plans if a
 * concurrent order took the stock in between.
 *
 * A backorderable SKU (product.backorderable) is never short: what the warehouses have of it is
 * reserved and the rest is backordered. Lines of other SKUs keep the all-or-nothing rule, so an
 * order with a short non-backorderable line is refused whole, whatever its backorderable lines.
 */

export interface WantedLine {
  sku: string;
  quantity: number;
}

export interface StockLevel {
  sku: string;
  warehouseId: string;
  available: number;
}

export interface Allocation {
  sku: string;
  warehouseId: string;
  quantity: number;
}

export interface ShortLine {
  sku: string;
  requested: number;
  available: number;
}

export type AllocationPlan =
  | { kind: 'allocated'; allocations: Allocation[]; split: boolean; /** Units of backorderable SKUs beyond stock, per SKU (none: empty). */ backordered: WantedLine[] }
  | { kind: 'short'; lines: ShortLine[] };

/** Sums the quantities of lines that name the same SKU, keeping first-seen order. */
export function sumBySku(lines: readonly WantedLine[]): WantedLine[] {
  const totals = new Map<string, number>();
  for (const line of lines) totals.set(line.sku, (totals.get(line.sku) ?? 0) + line.quantity);
  return [...totals].map(([sku, quantity]) => ({ sku, quantity }));
}

/**
 * @param wanted lines with distinct SKUs (see sumBySku)
 * @param levels available units per (sku, warehouse)
 * @param warehousesByDistance warehouse ids, nearest to the destination first
 * @param backorderable SKUs whose shortfall is backordered instead of refused
 */
export function planAllocation(
  wanted: readonly WantedLine[],
  levels: readonly StockLevel[],
  warehousesByDistance: readonly string[],
  backorderable: ReadonlySet<string> = new Set(),
): AllocationPlan {
  const available = new Map<string, number>();
  for (const level of levels) available.set(`${level.sku}\u0000${level.warehouseId}`, Math.max(0, level.available));
  const at = (sku: string, warehouseId: string) => available.get(`${sku}\u0000${warehouseId}`) ?? 0;
  const total = (sku: string) => warehousesByDistance.reduce((n, warehouseId) => n + at(sku, warehouseId), 0);

  const short: ShortLine[] = [];
  for (const line of wanted) {
    if (!backorderable.has(line.sku) && total(line.sku) < line.quantity) short.push({ sku: line.sku, requested: line.quantity, available: total(line.sku) });
  }
  if (short.length > 0) return { kind: 'short', lines: short };

  // What is reserved of each line: all of it, or for a backorderable SKU what there is. The
  // warehouses are then chosen for those units exactly as for an order that stock can fill.
  const reservable = wanted.map((line) => ({ sku: line.sku, quantity: Math.min(line.quantity, total(line.sku)) })).filter((l) => l.quantity > 0);
  const backordered = wanted.map((line) => ({ sku: line.sku, quantity: line.quantity - Math.min(line.quantity, total(line.sku)) })).filter((l) => l.quantity > 0);

  for (const warehouseId of warehousesByDistance) {
    if (reservable.every((line) => at(line.sku, warehouseId) >= line.quantity)) {
      return { kind: 'allocated', split: false, backordered, allocations: reservable.map((line) => ({ sku: line.sku, warehouseId, quantity: line.quantity })) };
    }
  }

  const allocations: Allocation[] = [];
  for (const line of reservable) {
    let remaining = line.quantity;
    for (const warehouseId of warehousesByDistance) {
      const take = Math.min(remaining, at(line.sku, warehouseId));
      if (take > 0) {
        allocations.push({ sku: line.sku, warehouseId, quantity: take });
        remaining -= take;
      }
      if (remaining === 0) break;
    }
  }
  return { kind: 'allocated', split: new Set(allocations.map((a) => a.warehouseId)).size > 1, backordered, allocations };
}
