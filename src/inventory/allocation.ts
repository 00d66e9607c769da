/**
 * Which warehouse(s) fill an order — pure, no I/O. The nearest warehouse that can fill the whole
 * order wins; only when none can is the order split, each line taking from the nearest warehouses
 * first. Works on a snapshot: the caller reserves with conditional updates and re-plans if a
 * concurrent order took the stock in between.
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

export type AllocationPlan = { kind: 'allocated'; allocations: Allocation[]; split: boolean } | { kind: 'short'; lines: ShortLine[] };

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
 */
export function planAllocation(wanted: readonly WantedLine[], levels: readonly StockLevel[], warehousesByDistance: readonly string[]): AllocationPlan {
  const available = new Map<string, number>();
  for (const level of levels) available.set(`${level.sku}\u0000${level.warehouseId}`, Math.max(0, level.available));
  const at = (sku: string, warehouseId: string) => available.get(`${sku}\u0000${warehouseId}`) ?? 0;

  for (const warehouseId of warehousesByDistance) {
    if (wanted.every((line) => at(line.sku, warehouseId) >= line.quantity)) {
      return { kind: 'allocated', split: false, allocations: wanted.map((line) => ({ sku: line.sku, warehouseId, quantity: line.quantity })) };
    }
  }

  const short: ShortLine[] = [];
  for (const line of wanted) {
    const total = warehousesByDistance.reduce((n, warehouseId) => n + at(line.sku, warehouseId), 0);
    if (total < line.quantity) short.push({ sku: line.sku, requested: line.quantity, available: total });
  }
  if (short.length > 0) return { kind: 'short', lines: short };

  const allocations: Allocation[] = [];
  for (const line of wanted) {
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
  return { kind: 'allocated', split: true, allocations };
}
