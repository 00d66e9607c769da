/**
 * The quantity to reorder for a (SKU, warehouse): the configured one, the one suggested from demand
 * over the window, and the one a purchase order orders (demand.ts).
 */
import { averageDailyDemand, demandWindowStart, suggestedReorderQuantity } from '../catalog/index.js';
import type { Executor } from '../platform/db/database.js';
import { chooseReorderQuantity } from './demand.js';
import { netDemandUnits } from './demand.repository.js';

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

export async function reorderQuantityFor(db: Executor, input: ReorderQuantityInput): Promise<ReorderQuantity> {
  const netUnits = await netDemandUnits(db, { sku: input.sku, warehouseId: input.warehouseId, since: demandWindowStart(input.now, input.windowDays) });
  const demand = { netUnits, windowDays: input.windowDays };
  const suggested = suggestedReorderQuantity(demand, input.leadTimeDays, input.safetyStock);
  return {
    configured: input.configured,
    suggested,
    chosen: chooseReorderQuantity({ policy: input.policy, configured: input.configured, suggested, minOrderQuantity: input.minOrderQuantity }),
    averageDailyDemand: averageDailyDemand(demand),
  };
}
