/** STUB (being written): the quantity to reorder, configured and suggested from demand. */
import type { Executor } from '../platform/db/database.js';

export interface ReorderQuantityInput {
  sku: string;
  warehouseId: string;
  now: Date;
  windowDays: number;
  leadTimeDays: number;
  safetyStock: number;
  policy: 'fixed' | 'auto';
  /** The product's (or the warehouse override's) reorder_quantity. */
  configured: number;
  minOrderQuantity: number;
}

export interface ReorderQuantity {
  configured: number;
  suggested: number;
  /** What a purchase order orders: per the policy, never below the supplier's minimum. */
  chosen: number;
  averageDailyDemand: number;
}

export async function reorderQuantityFor(_db: Executor, input: ReorderQuantityInput): Promise<ReorderQuantity> {
  return { configured: input.configured, suggested: input.configured, chosen: Math.max(input.configured, input.minOrderQuantity), averageDailyDemand: 0 };
}
