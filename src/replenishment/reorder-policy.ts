/**
 * The reorder point and quantity that apply to a SKU at a warehouse: the warehouse's own override
 * when it has one, else the product's. A product point of 0 with no override means the pair is not
 * managed at all (never reordered): 0 is what every product starts with, and reordering every SKU of
 * a fresh catalogue the moment it sells out would surprise. An override of 0 is a choice (reorder
 * only when nothing is left), so it is managed. The run's SQL (reorder-candidates.ts) says the same.
 */
export interface ProductReorderSettings {
  reorder_point: number;
  reorder_quantity: number;
}

export interface ReorderOverride {
  reorder_point: number;
  reorder_quantity: number | null;
}

export interface EffectiveReorderPolicy {
  reorder_point: number;
  reorder_quantity: number;
  source: 'warehouse' | 'product';
  managed: boolean;
}

export function effectiveReorderPolicy(product: ProductReorderSettings, override: ReorderOverride | null): EffectiveReorderPolicy {
  if (override === null) return { reorder_point: product.reorder_point, reorder_quantity: product.reorder_quantity, source: 'product', managed: product.reorder_point > 0 };
  return { reorder_point: override.reorder_point, reorder_quantity: override.reorder_quantity ?? product.reorder_quantity, source: 'warehouse', managed: true };
}
