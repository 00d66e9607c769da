/**
 * Demand and the quantity a purchase order orders. Pure. Demand is what the ledger says orders
 * took: units reserved for orders minus units released from them (cancellations), per SKU and
 * warehouse, over the last `demandWindowDays` (demand.repository.ts reads it). Shipping a
 * reservation is not new demand, so `ship` movements do not count; neither do adjustments, counts,
 * receipts or returns, which move stock but say nothing about what customers want.
 *
 * What the demand suggests (average × lead time + safety stock) and the window it is counted over
 * are the catalog's rules (catalog/reorder-rules.ts, shared with inventory's low-stock view, which
 * may not import replenishment); what a purchase order orders is decided here.
 */

/** Ledger movements with an order id that count as demand (reserved_delta: +q and −q). */
export const demandMovementKinds = ['reserve', 'release'] as const;

export interface QuantityChoice {
  policy: 'fixed' | 'auto';
  /** The product's (or the warehouse override's) reorder_quantity. */
  configured: number;
  /** From demand (catalog's suggestedReorderQuantity). */
  suggested: number;
  /** The supplier's minimum order quantity (0 without a supplier). */
  minOrderQuantity: number;
}

/**
 * What a purchase order orders: the policy's quantity, never below the supplier's minimum, and never
 * 0 — this is asked only when a reorder is due, and a purchase order of nothing would hold the
 * pair's open-reorder slot while bringing no stock (a fresh product's quantity is 0, and so is the
 * suggestion of a SKU that has not sold yet).
 */
export function chooseReorderQuantity(choice: QuantityChoice): number {
  const byPolicy = choice.policy === 'auto' ? choice.suggested : choice.configured;
  return Math.max(byPolicy, choice.minOrderQuantity, 1);
}
