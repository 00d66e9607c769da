/** Stock takes (set a counted on_hand) and adjustments (add or remove units), through the ledger. */
import type { Clock } from '../platform/clock.js';
import { isoTime } from '../platform/clock.js';
import type { Trx } from '../platform/db/database.js';
import { AppError, notFound } from '../platform/errors.js';
import type { Ids } from '../platform/ids.js';
import { applyMovements, ensureStockRow, findStock, ledgerRow, type StockRow } from './stock.repository.js';
import { findWarehouseByCode } from './warehouse.repository.js';

interface Deps {
  clock: Clock;
  ids: Ids;
}

async function locateStock(trx: Trx, sku: string, warehouseCode: string, now: string): Promise<{ warehouseId: string }> {
  const product = await trx.selectFrom('products').select('sku').where('sku', '=', sku).executeTakeFirst();
  if (!product) throw notFound(`Product ${sku}`);
  const warehouse = await findWarehouseByCode(trx, warehouseCode);
  if (!warehouse) throw notFound(`Warehouse ${warehouseCode}`);
  await ensureStockRow(trx, sku, warehouse.id, now);
  return { warehouseId: warehouse.id };
}

function belowReserved(current: StockRow, wouldBe: number): AppError {
  return new AppError(
    'conflict',
    `${current.sku} at ${current.warehouse} has ${current.reserved} units reserved for orders; on_hand cannot go to ${wouldBe}. Cancel or reallocate those orders first.`,
    { on_hand: current.on_hand, reserved: current.reserved },
  );
}

export async function setStockCount(
  trx: Trx,
  deps: Deps,
  input: { sku: string; warehouse: string; onHand: number; reason: string | null; actor: string },
): Promise<StockRow> {
  const now = isoTime(deps.clock.now());
  const { warehouseId } = await locateStock(trx, input.sku, input.warehouse, now);
  // A compare-and-set on the on_hand we read: retried if an order or another count moved it since.
  for (let attempt = 0; attempt < 10; attempt++) {
    const current = (await findStock(trx, input.sku, warehouseId))!;
    const delta = input.onHand - current.on_hand;
    if (input.onHand < current.reserved) throw belowReserved(current, input.onHand);
    if (delta === 0) {
      await trx.insertInto('stock_movements').values(ledgerRow({ kind: 'count', sku: input.sku, warehouseId, quantity: 0, reason: input.reason }, { ids: deps.ids, actor: input.actor, now })).execute();
      return current;
    }
    const failed = await applyMovements(trx, [{ kind: 'count', sku: input.sku, warehouseId, quantity: delta, expectOnHand: current.on_hand, reason: input.reason }], { ids: deps.ids, actor: input.actor, now });
    if (!failed) return (await findStock(trx, input.sku, warehouseId))!;
  }
  throw new AppError('conflict', `Stock for ${input.sku} kept changing during the count; try again`);
}

export async function adjustStock(
  trx: Trx,
  deps: Deps,
  input: { sku: string; warehouse: string; delta: number; reason: string; actor: string },
): Promise<StockRow> {
  const now = isoTime(deps.clock.now());
  const { warehouseId } = await locateStock(trx, input.sku, input.warehouse, now);
  const failed = await applyMovements(trx, [{ kind: 'adjust', sku: input.sku, warehouseId, quantity: input.delta, reason: input.reason }], { ids: deps.ids, actor: input.actor, now });
  const current = (await findStock(trx, input.sku, warehouseId))!;
  if (failed) throw belowReserved(current, current.on_hand + input.delta);
  return current;
}
