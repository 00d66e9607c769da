/** Order totals in minor units — pure; all rounding goes through platform/money. */
import { multiply, percentOf, sum } from '../platform/money.js';

export interface PricedLine {
  unit_price: number;
  quantity: number;
}

export interface Totals {
  subtotal: number;
  shipping_total: number;
  tax_total: number;
  total: number;
}

export function orderTotals(lines: readonly PricedLine[], pricing: { shippingFee: number; taxRateBps: number }): Totals {
  const subtotal = sum(lines.map((l) => multiply(l.unit_price, l.quantity)));
  const shipping_total = lines.length > 0 ? pricing.shippingFee : 0;
  const tax_total = percentOf(subtotal, pricing.taxRateBps);
  return { subtotal, shipping_total, tax_total, total: sum([subtotal, shipping_total, tax_total]) };
}
