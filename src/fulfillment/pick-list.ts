/** Pick lists — pure: one per warehouse, lines by SKU, with the units and weight to pick. */
export interface PickListLine {
  sku: string;
  name: string;
  quantity: number;
  weight_grams: number;
}

export interface PickList {
  /** The warehouse key as given (an id or a code). */
  warehouse: string;
  lines: PickListLine[];
  total_units: number;
  total_weight_grams: number;
}

export function buildPickLists(
  allocations: ReadonlyArray<{ sku: string; warehouse: string; quantity: number }>,
  products: ReadonlyArray<{ sku: string; name: string; weight_grams: number }>,
): PickList[] {
  const bySku = new Map(products.map((p) => [p.sku, p]));
  const byWarehouse = new Map<string, Map<string, number>>();
  for (const a of allocations) {
    if (a.quantity <= 0) continue;
    const lines = byWarehouse.get(a.warehouse) ?? new Map<string, number>();
    lines.set(a.sku, (lines.get(a.sku) ?? 0) + a.quantity);
    byWarehouse.set(a.warehouse, lines);
  }
  return [...byWarehouse.keys()].sort().map((warehouse) => {
    const lines = [...byWarehouse.get(warehouse)!]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([sku, quantity]) => {
        const product = bySku.get(sku);
        return { sku, name: product?.name ?? sku, quantity, weight_grams: Number(product?.weight_grams ?? 0) * quantity };
      });
    return { warehouse, lines, total_units: lines.reduce((n, l) => n + l.quantity, 0), total_weight_grams: lines.reduce((n, l) => n + l.weight_grams, 0) };
  });
}
