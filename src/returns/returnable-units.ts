/**
 * The facts a return request is checked against (return-request-rules.ts), read in the request's
 * transaction with the order locked: the order's lines, the units its outbound shipments delivered
 * and when, what its other returns already hold, and the products named.
 */
import { findProducts } from '../catalog/index.js';
import { findOrderLines } from '../orders/index.js';
import type { Executor } from '../platform/db/database.js';
import type { OrderTable } from '../platform/db/schema.js';
import { shipmentsOfOrder } from '../shipping/index.js';
import type { ReturnRequestFacts } from './return-request-rules.js';
import { returnsOfOrder, type ReturnRecord } from './return.repository.js';
import { holdsUnits, type ReturnStatus } from './return-status.js';

/** Once a parcel was opened, what arrived is what the return holds; before, what was asked for. */
const COUNTED_AT_RECEIPT: readonly ReturnStatus[] = ['received', 'refunded', 'closed'];

export function unitsHeld(returns: readonly ReturnRecord[], exceptId?: string): Map<string, number> {
  const held = new Map<string, number>();
  for (const r of returns) {
    if (r.id === exceptId || !holdsUnits(r.status)) continue;
    for (const l of r.lines) {
      const n = COUNTED_AT_RECEIPT.includes(r.status) ? l.quantity_resellable + l.quantity_damaged : l.quantity;
      held.set(l.sku, (held.get(l.sku) ?? 0) + n);
    }
  }
  return held;
}

export async function returnRequestFacts(db: Executor, order: OrderTable, skus: readonly string[]): Promise<ReturnRequestFacts> {
  const lines = (await findOrderLines(db, [order.id])).get(order.id) ?? [];
  const orderLines = new Map<string, { name: string; unit_price: number; quantity_shipped: number }>();
  for (const l of lines) {
    const known = orderLines.get(l.sku);
    if (known) known.quantity_shipped += Number(l.quantity_shipped);
    else orderLines.set(l.sku, { name: l.name, unit_price: Number(l.unit_price), quantity_shipped: Number(l.quantity_shipped) });
  }
  const delivered = (await shipmentsOfOrder(db, order.id))
    .filter((s) => s.kind === 'outbound' && s.status === 'delivered' && s.delivered_at !== null)
    .flatMap((s) => s.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, delivered_at: s.delivered_at! })));
  const products = await findProducts(db, [...new Set(skus)]);
  return {
    currency: order.currency,
    orderLines,
    delivered,
    held: unitsHeld(await returnsOfOrder(db, order.id)),
    products: new Map([...products].map(([sku, p]) => [sku, { returnable: p.returnable, currency: p.currency }])),
  };
}
