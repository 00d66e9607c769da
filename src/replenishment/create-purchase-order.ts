/**
 * A purchase order staff raise by hand: a draft (or sent at once with `send: true`) for any SKUs of
 * one supplier into one warehouse. It takes the open_reorders marker of each pair that is free, so
 * the run does not raise a second order for them; a pair already held by an open order keeps it
 * (two open orders for one pair is staff's call, never the run's).
 */
import { findWarehouseByCode } from '../inventory/index.js';
import { isoTime } from '../platform/clock.js';
import type { Trx } from '../platform/db/database.js';
import { validationError, type FieldError } from '../platform/errors.js';
import { expectedAt } from './lead-time.js';
import { claimOpenReorders, findPurchaseOrder, insertPurchaseOrder, type PurchaseOrderRecord } from './purchase-order.repository.js';
import type { CreatePurchaseOrderInput } from './purchase-order.schemas.js';
import type { ReplenishmentDeps } from './replenishment-deps.js';
import { sendPurchaseOrder } from './send-purchase-order.js';
import { findSupplier, leadTimeDays } from './supplier.repository.js';

async function inputErrors(trx: Trx, input: CreatePurchaseOrderInput): Promise<{ errors: FieldError[]; warehouseId: string | null }> {
  const errors: FieldError[] = [];
  if ((await findSupplier(trx, input.supplier_id)) === null) errors.push({ path: 'supplier_id', message: `no supplier ${input.supplier_id}` });
  const warehouse = await findWarehouseByCode(trx, input.warehouse);
  if (!warehouse) errors.push({ path: 'warehouse', message: `no warehouse ${input.warehouse}` });
  const skus = [...new Set(input.lines.map((l) => l.sku))];
  const known = new Set((await trx.selectFrom('products').select('sku').where('sku', 'in', skus).execute()).map((p) => p.sku));
  const seen = new Set<string>();
  input.lines.forEach((line, i) => {
    if (!known.has(line.sku)) errors.push({ path: `lines[${i}].sku`, message: `no product ${line.sku}` });
    else if (seen.has(line.sku)) errors.push({ path: `lines[${i}].sku`, message: `${line.sku} is on an earlier line; one line per SKU` });
    seen.add(line.sku);
  });
  return { errors, warehouseId: warehouse?.id ?? null };
}

export async function createPurchaseOrder(trx: Trx, deps: ReplenishmentDeps, input: CreatePurchaseOrderInput, actor: string): Promise<PurchaseOrderRecord> {
  const { errors, warehouseId } = await inputErrors(trx, input);
  if (errors.length > 0 || warehouseId === null) throw validationError(errors);
  const at = deps.clock.now();
  const now = isoTime(at);
  const id = deps.ids.new('po');
  await claimOpenReorders(trx, { purchaseOrderId: id, warehouseId, skus: input.lines.map((l) => l.sku), now });
  await insertPurchaseOrder(
    trx,
    deps.ids,
    {
      id,
      supplierId: input.supplier_id,
      warehouseId,
      source: 'manual',
      note: input.note ?? null,
      // A draft is due a lead time after it was made, until sending says when it really is.
      expectedAt: expectedAt(at, await leadTimeDays(trx, input.supplier_id, input.lines.map((l) => l.sku))),
      createdBy: actor,
      lines: input.lines,
    },
    now,
  );
  if (input.send === true) return sendPurchaseOrder(trx, deps, id);
  return (await findPurchaseOrder(trx, id))!;
}
