/**
 * Pick lists — pure: one per warehouse, lines by SKU, with the units and weight to pick. Sorting
 * compares code units, not the locale, so that every machine prints the same list.
 */

/** Units of one SKU reserved in one warehouse for the order (several rows for one SKU are summed). */
export interface PickAllocation {
  sku: string;
  /** The warehouse key as the caller uses it (an id or a code); lists are keyed and sorted by it. */
  warehouse: string;
  quantity: number;
}

/** What the pick list needs to know about a product; dimensions are for packing, which follows. */
export interface PickProduct {
  sku: string;
  name: string;
  weight_grams: number;
  length_mm?: number | null;
  width_mm?: number | null;
  height_mm?: number | null;
}

export interface PickListLine {
  sku: string;
  /** The product's name, or the SKU when the product is unknown. */
  name: string;
  quantity: number;
  /** Weight of all units of the line (0 when the product or its weight is unknown). */
  weight_grams: number;
}

export interface PickList {
  warehouse: string;
  lines: PickListLine[];
  total_units: number;
  total_weight_grams: number;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** One list per warehouse that has units to pick, sorted by warehouse; allocations of 0 are skipped. */
export function buildPickLists(allocations: readonly PickAllocation[], products: readonly PickProduct[]): PickList[] {
  const bySku = new Map(products.map((p) => [p.sku, p]));
  const byWarehouse = new Map<string, Map<string, number>>();
  for (const a of allocations) {
    if (!Number.isSafeInteger(a.quantity) || a.quantity < 0) throw new RangeError(`pick list: quantity of ${a.sku} in ${a.warehouse} must be a whole number ≥ 0, got ${a.quantity}`);
    if (a.quantity === 0) continue;
    const lines = byWarehouse.get(a.warehouse) ?? new Map<string, number>();
    lines.set(a.sku, (lines.get(a.sku) ?? 0) + a.quantity);
    byWarehouse.set(a.warehouse, lines);
  }
  return [...byWarehouse]
    .sort(([a], [b]) => byText(a, b))
    .map(([warehouse, skus]) => {
      const lines = [...skus]
        .sort(([a], [b]) => byText(a, b))
        .map(([sku, quantity]) => {
          const product = bySku.get(sku);
          const unitWeight = Number(product?.weight_grams ?? 0);
          return { sku, name: product?.name ?? sku, quantity, weight_grams: Number.isFinite(unitWeight) && unitWeight > 0 ? unitWeight * quantity : 0 };
        });
      return { warehouse, lines, total_units: lines.reduce((n, l) => n + l.quantity, 0), total_weight_grams: lines.reduce((n, l) => n + l.weight_grams, 0) };
    });
}
