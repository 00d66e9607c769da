/**
 * When authorized money is captured, and how much — pure rules. At shipment (the default): once
 * goods have left. At delivery (the escrow case): only once the carrier confirmed delivery.
 */
import { multiply, shareOf, sum } from '../platform/money.js';
import type { OrderStatus } from './order-status.js';

export type CapturePolicy = 'shipment' | 'delivery';

const pointsOf: Record<CapturePolicy, readonly OrderStatus[]> = {
  shipment: ['partially_shipped', 'shipped', 'in_transit', 'out_for_delivery', 'delivered'],
  delivery: ['delivered'],
};

/** True when an order reaching `status` means its payment is due under `policy`. */
export function capturePointReached(policy: CapturePolicy, status: OrderStatus): boolean {
  return pointsOf[policy].includes(status);
}

export interface CapturableOrder {
  subtotal: number;
  shipping_total: number;
  tax_total: number;
  lines: ReadonlyArray<{ unit_price: number; quantity: number; quantity_cancelled: number }>;
}

/**
 * What is owed for the units not cancelled: their prices, the shipping charge, and the tax in the
 * same proportion as the subtotal that is left. Nothing is owed when every unit was cancelled.
 */
export function amountOwed(order: CapturableOrder): number {
  const remaining = sum(order.lines.map((l) => multiply(l.unit_price, l.quantity - l.quantity_cancelled)));
  if (order.lines.every((l) => l.quantity_cancelled >= l.quantity)) return 0;
  if (order.subtotal === 0) return sum([order.shipping_total, order.tax_total]);
  return sum([remaining, order.shipping_total, shareOf(order.tax_total, remaining, order.subtotal)]);
}
