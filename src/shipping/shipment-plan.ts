/**
 * What an order still has to ship, per warehouse: the units reserved there that no live shipment
 * carries yet, as lines and as parcels. Parcels are the packages the processing pipeline packed when
 * a whole warehouse's share ships at once; otherwise (a partial shipment by hand) the lines are packed
 * again from the box catalog.
 */
import { findProducts } from '../catalog/index.js';
import { packagesOf, packItems, type BoxCatalog } from '../fulfillment/index.js';
import { findWarehousesByIds, orderAllocations, type Warehouse } from '../inventory/index.js';
import type { Trx } from '../platform/db/database.js';
import { validationError, type FieldError } from '../platform/errors.js';
import type { CarrierAddress, Parcel } from './carriers/carrier.js';
import { shipmentsOfOrder, type StoredParcel } from './shipment.repository.js';

export interface WarehouseShipmentPlan {
  warehouse: Warehouse;
  origin: CarrierAddress;
  lines: Array<{ sku: string; quantity: number }>;
  parcels: StoredParcel[];
}

/** A shipment that still holds its units (bought or being bought, and not yet gone). */
function holdsUnits(s: { kind: string; label_state: string; shipped_at: string | null; status: string }): boolean {
  return s.kind === 'outbound' && (s.label_state === 'purchasing' || s.label_state === 'purchased') && s.shipped_at === null && s.status !== 'cancelled';
}

export function originOf(warehouse: Warehouse, shopName: string): CarrierAddress {
  const a = warehouse.address;
  return { name: a.name ?? shopName, company: shopName, line1: a.line1, line2: a.line2 ?? null, city: a.city, region: a.region ?? null, postal_code: a.postal_code ?? null, country: a.country };
}

export const totalWeight = (parcels: readonly Parcel[]) => parcels.reduce((n, p) => n + p.weight_grams, 0);

/**
 * The plan per warehouse. `wanted` limits it to those lines (taken from the nearest warehouse
 * first); without it, everything still open. Throws validation_failed when `wanted` asks for more
 * than is open.
 */
export async function planShipments(
  trx: Trx,
  deps: { boxes: BoxCatalog; shopName: string },
  orderId: string,
  wanted?: ReadonlyArray<{ sku: string; quantity: number }>,
): Promise<WarehouseShipmentPlan[]> {
  const allocations = await orderAllocations(trx, orderId);
  const live = (await shipmentsOfOrder(trx, orderId)).filter(holdsUnits);
  const held = new Map<string, number>();
  for (const s of live) for (const l of s.lines) held.set(`${l.sku}\u0000${s.warehouse_id}`, (held.get(`${l.sku}\u0000${s.warehouse_id}`) ?? 0) + l.quantity);
  const open = allocations
    .map((a) => ({ sku: a.sku, warehouse: a.warehouse_id, quantity: a.quantity - a.quantity_released - a.quantity_shipped - (held.get(`${a.sku}\u0000${a.warehouse_id}`) ?? 0) }))
    .filter((a) => a.quantity > 0);

  let take = open;
  if (wanted !== undefined) {
    const errors: FieldError[] = [];
    take = [];
    wanted.forEach((w, i) => {
      let remaining = w.quantity;
      for (const a of open.filter((o) => o.sku === w.sku)) {
        const n = Math.min(a.quantity, remaining);
        if (n > 0) take.push({ ...a, quantity: n });
        a.quantity -= n;
        remaining -= n;
      }
      if (remaining > 0) errors.push({ path: `lines[${i}].quantity`, message: `only ${w.quantity - remaining} of ${w.sku} are waiting to ship` });
    });
    if (errors.length > 0) throw validationError(errors);
  }
  if (take.length === 0) return [];

  const warehouses = await findWarehousesByIds(trx, take.map((t) => t.warehouse));
  const packages = wanted === undefined ? await packagesOf(trx, orderId) : [];
  const products = await findProducts(trx, [...new Set(take.map((t) => t.sku))]);
  const plans: WarehouseShipmentPlan[] = [];
  for (const warehouseId of [...new Set(take.map((t) => t.warehouse))]) {
    const lines = take.filter((t) => t.warehouse === warehouseId).map((t) => ({ sku: t.sku, quantity: t.quantity }));
    const packed = packages.filter((p) => p.warehouse_id === warehouseId && p.status === 'packed');
    const untouched = !live.some((s) => s.warehouse_id === warehouseId);
    const parcels: StoredParcel[] =
      packed.length > 0 && untouched
        ? packed.map((p, i) => ({ seq: i + 1, tracking_number: null, weight_grams: p.weight_grams, length_mm: p.length_mm, width_mm: p.width_mm, height_mm: p.height_mm, items: p.items }))
        : packItems(
            lines.map((l) => {
              const p = products.get(l.sku)!;
              return { sku: l.sku, quantity: l.quantity, length_mm: Number(p.length_mm), width_mm: Number(p.width_mm), height_mm: Number(p.height_mm), weight_grams: Number(p.weight_grams) };
            }),
            deps.boxes,
          ).map((p, i) => ({ seq: i + 1, tracking_number: null, weight_grams: p.weight_grams, length_mm: p.length_mm, width_mm: p.width_mm, height_mm: p.height_mm, items: p.items }));
    const warehouse = warehouses.get(warehouseId)!;
    plans.push({ warehouse, origin: originOf(warehouse, deps.shopName), lines, parcels });
  }
  return plans;
}
