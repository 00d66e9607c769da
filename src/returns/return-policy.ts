/**
 * The return policy's rules, pure: which delivered units may still come back, and what the customer
 * gets back for what came back. No I/O; `now` comes from the caller.
 *
 * The refund of a return, for the lines refunded (not exchanged):
 *   items          Σ unit_price × quantity
 *   tax            the order's tax in the same share of its subtotal as the items
 *   shipping       the order's shipping charge in the share of its subtotal of the items returned
 *                  for a reason that is the shop's fault
 *   restocking_fee the fee on the items returned for a reason that carries it
 *   return_label   the return label's cost, when no line's reason has the shop pay for it
 *   total          max(0, items + tax + shipping − restocking_fee − return_label)
 */
import type { ReturnReason, ReturnSettings } from '../config-returns.js';
import { multiply, percentOf, shareOf, sum } from '../platform/money.js';

export interface RefundBreakdown {
  items: number;
  tax: number;
  shipping: number;
  restocking_fee: number;
  return_label: number;
  total: number;
}

export interface PricedReturnLine {
  sku: string;
  quantity: number;
  unit_price: number;
  reason: string;
  exchange_sku: string | null;
}

export interface OrderMoneyFacts {
  subtotal: number;
  shipping_total: number;
  tax_total: number;
}

export function reasonOf(settings: Pick<ReturnSettings, 'reasons'>, code: string): ReturnReason | undefined {
  return settings.reasons.find((r) => r.code === code);
}

/** True when the SKU matches one of the policy's non-returnable patterns (`*` = any characters). */
export function isNonReturnableSku(patterns: readonly string[], sku: string): boolean {
  return patterns.some((p) => new RegExp(`^${p.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i').test(sku));
}

/** The customer pays the label back only when no line's reason has the shop pay for it. */
export function customerPaysReturnLabel(settings: Pick<ReturnSettings, 'reasons'>, lines: readonly Pick<PricedReturnLine, 'reason'>[]): boolean {
  return lines.length > 0 && lines.every((l) => reasonOf(settings, l.reason)?.returnShippingPaidBy !== 'shop');
}

export function refundFor(settings: Pick<ReturnSettings, 'reasons' | 'restockingFeeBps'>, order: OrderMoneyFacts, lines: readonly PricedReturnLine[], returnLabelCost: number): RefundBreakdown {
  const refunded = lines.filter((l) => l.exchange_sku === null && l.quantity > 0);
  const value = (l: PricedReturnLine) => multiply(l.unit_price, l.quantity);
  const items = sum(refunded.map(value));
  if (items === 0) return { items: 0, tax: 0, shipping: 0, restocking_fee: 0, return_label: 0, total: 0 };
  const shopFaultItems = sum(refunded.filter((l) => reasonOf(settings, l.reason)?.shopFault === true).map(value));
  const feeItems = sum(refunded.filter((l) => reasonOf(settings, l.reason)?.restockingFee !== false).map(value));
  const whole = order.subtotal;
  const tax = whole === 0 ? 0 : shareOf(order.tax_total, Math.min(items, whole), whole);
  const shipping = whole === 0 ? 0 : shareOf(order.shipping_total, Math.min(shopFaultItems, whole), whole);
  const restockingFee = percentOf(feeItems, settings.restockingFeeBps);
  const returnLabel = customerPaysReturnLabel(settings, refunded) ? returnLabelCost : 0;
  const total = Math.max(0, sum([items, tax, shipping]) - restockingFee - returnLabel);
  return { items, tax, shipping, restocking_fee: restockingFee, return_label: returnLabel, total };
}

export interface DeliveredUnits {
  sku: string;
  quantity: number;
  /** When the shipment that brought them was delivered (RFC 3339). */
  delivered_at: string;
}

/** Units of each SKU delivered inside the window that ends `windowDays` after each delivery. */
export function returnableUnits(delivered: readonly DeliveredUnits[], windowDays: number, now: Date): Map<string, number> {
  const units = new Map<string, number>();
  for (const d of delivered) {
    const closes = new Date(d.delivered_at).getTime() + windowDays * 86_400_000;
    if (closes < now.getTime()) continue;
    units.set(d.sku, (units.get(d.sku) ?? 0) + d.quantity);
  }
  return units;
}

/** When the last window closes, for a message that says until when (null: nothing was delivered). */
export function windowClosesAt(delivered: readonly DeliveredUnits[], windowDays: number): string | null {
  const last = delivered.reduce<number | null>((m, d) => Math.max(m ?? 0, new Date(d.delivered_at).getTime()), null);
  return last === null ? null : new Date(last + windowDays * 86_400_000).toISOString();
}

/** Auto-approval: every line's reason is listed and the refund is within the limit. */
export function autoApproves(settings: Pick<ReturnSettings, 'autoApprove'>, lines: readonly Pick<PricedReturnLine, 'reason'>[], refund: number): boolean {
  const rule = settings.autoApprove;
  return rule !== null && lines.length > 0 && lines.every((l) => rule.reasons.includes(l.reason)) && refund <= rule.maxRefund;
}
