/**
 * What a shipment's progress does to its order, inside the transaction that recorded the progress:
 * when a parcel first leaves, its lines ship (quantity_shipped, and the reserved stock leaves the
 * warehouse through the ledger); then the order's status follows its shipments, through `shipped`
 * when it skips it (so that capture at shipment happens), and never backwards.
 */
import { orderAllocations, settleReservation } from '../inventory/index.js';
import { afterOrderStatusChange, canTransition, findOrderLines, findOrderRow, insertOrderEvent, lockOrder, setOrderStatus, updateLineQuantities, type OrderStatus } from '../orders/index.js';
import type { Trx } from '../platform/db/database.js';
import { orderStatusFromShipments } from './order-status-from-shipments.js';
import { shipmentsOfOrder, updateShipment, type Shipment } from './shipment.repository.js';
import type { ShippingDeps } from './shipping-deps.js';

/** Ships a shipment's lines the first time it leaves (idempotent: `shipped_at` marks it). */
export async function recordShipmentLeft(trx: Trx, deps: Pick<ShippingDeps, 'ids'>, shipment: Shipment, at: string, actor: string, now: string): Promise<void> {
  if (shipment.shipped_at !== null || shipment.kind !== 'outbound') return;
  await updateShipment(trx, shipment.id, { shipped_at: at, updated_at: now });
  // The order's lock before its lines are read: two parcels of one order (one per warehouse) leave
  // in two transactions at once, and each writes the lines' absolute quantity_shipped. Unlocked,
  // both read 0 and the second write lost the first's units — the order stayed partially_shipped
  // with every parcel delivered (found by the chaos run). The order's status change below takes
  // this row lock anyway (shipment first, then order); it is only taken earlier.
  await lockOrder(trx, shipment.order_id, now);
  // Only what is still reserved at that warehouse can leave it: a parcel the carrier scans after the
  // order (or some lines) was cancelled must not ship released stock a second time.
  const open = new Map<string, number>();
  for (const a of await orderAllocations(trx, shipment.order_id)) {
    if (a.warehouse_id === shipment.warehouse_id) open.set(a.sku, (open.get(a.sku) ?? 0) + a.quantity - a.quantity_released - a.quantity_shipped);
  }
  const lines = (await findOrderLines(trx, [shipment.order_id])).get(shipment.order_id)!;
  const shipped: Array<{ sku: string; quantity: number; warehouseId: string }> = [];
  for (const want of shipment.lines) {
    let remaining = Math.min(want.quantity, open.get(want.sku) ?? 0);
    open.set(want.sku, (open.get(want.sku) ?? 0) - remaining);
    const quantity = remaining;
    for (const line of lines.filter((l) => l.sku === want.sku)) {
      const lineOpen = Number(line.quantity) - Number(line.quantity_shipped) - Number(line.quantity_cancelled);
      const take = Math.min(lineOpen, remaining);
      if (take <= 0) continue;
      line.quantity_shipped = Number(line.quantity_shipped) + take;
      remaining -= take;
      await updateLineQuantities(trx, { id: line.id, quantity_shipped: line.quantity_shipped, quantity_cancelled: Number(line.quantity_cancelled) });
    }
    if (quantity - remaining > 0) shipped.push({ sku: want.sku, quantity: quantity - remaining, warehouseId: shipment.warehouse_id });
  }
  if (shipped.length > 0) await settleReservation(trx, { ids: deps.ids, actor, now }, shipment.order_id, 'ship', shipped);
  const missing = shipment.lines.filter((l) => (shipped.find((s) => s.sku === l.sku)?.quantity ?? 0) < l.quantity);
  await insertOrderEvent(trx, deps.ids, shipment.order_id, { type: 'shipment.shipped', actor, at: now, data: { shipment_id: shipment.id, carrier: shipment.carrier, tracking_number: shipment.tracking_number, left_at: at } });
  if (missing.length > 0) {
    const attention = { reason: 'shipped_without_reservation', since: now, shipment_id: shipment.id };
    await trx.updateTable('orders').set({ attention: JSON.stringify(attention), updated_at: now }).where('id', '=', shipment.order_id).execute();
    await insertOrderEvent(trx, deps.ids, shipment.order_id, { type: 'order.attention_raised', actor, at: now, data: { ...attention, lines: missing } });
  }
}

async function move(trx: Trx, deps: Pick<ShippingDeps, 'ids' | 'orders'>, orderId: string, from: OrderStatus, to: OrderStatus, actor: string, now: string): Promise<void> {
  if (!(await setOrderStatus(trx, orderId, from, to, now))) return;
  await insertOrderEvent(trx, deps.ids, orderId, { type: 'order.status_changed', actor, at: now, data: { from, to } });
  await afterOrderStatusChange(trx, deps.orders, orderId, to);
}

/** Moves the order to what its shipments say, when its lifecycle allows it (via `shipped` if needed). */
export async function syncOrderWithShipments(trx: Trx, deps: Pick<ShippingDeps, 'ids' | 'orders'>, orderId: string, actor: string, now: string): Promise<void> {
  const order = await findOrderRow(trx, orderId);
  if (order === null) return;
  const lines = (await findOrderLines(trx, [orderId])).get(orderId)!;
  const waiting = lines.reduce((n, l) => n + Number(l.quantity) - Number(l.quantity_shipped) - Number(l.quantity_cancelled), 0);
  const left = (await shipmentsOfOrder(trx, orderId)).filter((s) => s.kind === 'outbound' && s.shipped_at !== null && s.status !== 'cancelled');
  const target = orderStatusFromShipments(left, waiting);
  const from = order.status as OrderStatus;
  if (target === null || target === from) return;
  if (canTransition(from, target)) return move(trx, deps, orderId, from, target, actor, now);
  if (target !== 'shipped' && canTransition(from, 'shipped') && canTransition('shipped', target)) {
    await move(trx, deps, orderId, from, 'shipped', actor, now);
    await move(trx, deps, orderId, 'shipped', target, actor, now);
  }
}
