/**
 * Demand read from the stock ledger (demand.ts says what counts): net units reserved for orders at
 * a (SKU, warehouse) since a moment. Inventory's low-stock view sums the same movements in its own
 * query (inventory/stock.repository.ts queryStock), since inventory may not import replenishment.
 */
import type { Executor } from '../platform/db/database.js';
import { demandMovementKinds } from './demand.js';

export async function netDemandUnits(db: Executor, input: { sku: string; warehouseId: string; since: string }): Promise<number> {
  const row = await db
    .selectFrom('stock_movements')
    .select((eb) => eb.fn.sum<number | string | null>('reserved_delta').as('units'))
    .where('sku', '=', input.sku)
    .where('warehouse_id', '=', input.warehouseId)
    .where('kind', 'in', demandMovementKinds)
    .where('order_id', 'is not', null)
    .where('created_at', '>=', input.since)
    .executeTakeFirst();
  return Number(row?.units ?? 0);
}
