/**
 * The replacement order of an exchange, inside the caller's transaction (the return's approval):
 * the original order's customer, address, currency and shipping preference, the wanted SKUs at no
 * charge (no payment, so it is `placed` at once with its fulfillment enqueued), its stock reserved
 * here and now — an exchange that cannot be honoured fails the approval with insufficient_stock
 * rather than promising a shirt that is not on the shelf.
 */
import type { Trx } from '../platform/db/database.js';
import type { OrderTable } from '../platform/db/schema.js';
import type { Order, PlaceOrderInput } from './order.schemas.js';
import { placeOrder, type PlaceOrderDeps } from './place-order.js';

export interface Replacement {
  /** The return whose exchange lines this order sends. */
  returnId: string;
  lines: ReadonlyArray<{ sku: string; quantity: number }>;
}

export async function placeReplacementOrder(trx: Trx, deps: PlaceOrderDeps, original: OrderTable, replacement: Replacement, actor: string): Promise<Order> {
  const customer = JSON.parse(original.customer) as { email: string; name: string; phone?: string | null };
  const shipping = JSON.parse(original.shipping) as { strategy?: 'cheapest' | 'fastest' | 'best_value'; carrier?: string | null; service?: string | null };
  const input: PlaceOrderInput = {
    customer: { email: customer.email, name: customer.name, phone: customer.phone ?? null },
    shipping_address: JSON.parse(original.shipping_address) as PlaceOrderInput['shipping_address'],
    lines: replacement.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
    currency: original.currency,
    // The original's promised date has long passed: the replacement gets the shop's usual promise.
    shipping: { strategy: shipping.strategy ?? 'cheapest', carrier: shipping.carrier ?? null, service: shipping.service ?? null, deliver_by: null },
    metadata: { replacement_for: original.id, return_id: replacement.returnId },
  };
  return placeOrder(trx, deps, input, actor, { freeOfCharge: true, noBackorders: true });
}
