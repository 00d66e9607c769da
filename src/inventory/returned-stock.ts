/**
 * Units a customer sent back, through the ledger at the receiving warehouse: resellable units go
 * back on hand (`return`); damaged ones come back and are written off at once (`return` then
 * `write_off`), so on_hand is unchanged and the ledger still says what arrived and what was lost.
 */
import type { Trx } from '../platform/db/database.js';
import { applyMovements, ensureStockRow, type Movement, type MovementContext } from './stock.repository.js';

export interface ReturnedUnits {
  sku: string;
  resellable: number;
  damaged: number;
}

export async function receiveReturnedStock(trx: Trx, ctx: MovementContext, input: { orderId: string; warehouseId: string; returnId: string; lines: readonly ReturnedUnits[] }): Promise<void> {
  const movements: Movement[] = [];
  for (const line of input.lines) {
    await ensureStockRow(trx, line.sku, input.warehouseId, ctx.now);
    const back = line.resellable + line.damaged;
    if (back > 0) movements.push({ kind: 'return', sku: line.sku, warehouseId: input.warehouseId, quantity: back, orderId: input.orderId, reason: `return ${input.returnId}` });
  }
  // Two passes: the write-off of a SKU must come after its return (applyMovements sorts by SKU).
  const failed = await applyMovements(trx, movements, ctx);
  if (failed !== null) throw new Error(`return ${input.returnId}: could not put back ${failed.quantity} of ${failed.sku}`);
  const writeOffs: Movement[] = input.lines
    .filter((l) => l.damaged > 0)
    .map((l) => ({ kind: 'write_off', sku: l.sku, warehouseId: input.warehouseId, quantity: -l.damaged, orderId: input.orderId, reason: `damaged in return ${input.returnId}` }));
  const failedWriteOff = await applyMovements(trx, writeOffs, ctx);
  if (failedWriteOff !== null) throw new Error(`return ${input.returnId}: could not write off ${-failedWriteOff.quantity} of ${failedWriteOff.sku}`);
}
