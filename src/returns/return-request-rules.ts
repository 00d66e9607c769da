/**
 * Whether a return may be asked for these lines, pure: only units that were delivered, inside the
 * window after their delivery, no more than delivered minus what other returns already hold, for a
 * reason of the policy, of products that may come back, and exchanged (if at all) for a product in
 * the order's currency. Each violation names its field and the rule that failed, so that the portal
 * can say why and an integration can branch on it. No I/O: the facts come from the caller.
 */
import type { ReturnSettings } from '../config-returns.js';
import type { FieldError } from '../platform/errors.js';
import { isNonReturnableSku, reasonOf, returnableUnits, windowClosesAt, type DeliveredUnits, type PricedReturnLine } from './return-policy.js';

/** The rule a request broke (the problem's top-level `rule`, and each error's). */
export type ReturnRule = 'not_in_order' | 'not_delivered' | 'return_window' | 'quantity' | 'non_returnable' | 'unknown_reason' | 'exchange_sku';

export interface RuleError extends FieldError {
  rule: ReturnRule;
}

export interface RequestedLine {
  sku: string;
  quantity: number;
  reason: string;
  exchange_sku?: string | null;
}

export interface ReturnRequestFacts {
  currency: string;
  /** The order's lines by SKU (lines of one SKU summed): name and price of the first. */
  orderLines: ReadonlyMap<string, { name: string; unit_price: number; quantity_shipped: number }>;
  /** Units of outbound shipments that were delivered, one entry per shipment and SKU. */
  delivered: readonly DeliveredUnits[];
  /** Units of each SKU that other returns of the order already hold. */
  held: ReadonlyMap<string, number>;
  /** The products the request names (its SKUs and exchange SKUs). */
  products: ReadonlyMap<string, { returnable: boolean; currency: string }>;
}

export interface CheckedLine extends PricedReturnLine {
  name: string;
}

/** How many units of `sku` may still come back, and why not more. */
export function returnableOf(settings: Pick<ReturnSettings, 'windowDays'>, facts: ReturnRequestFacts, sku: string, now: Date) {
  const shipped = facts.orderLines.get(sku)?.quantity_shipped ?? 0;
  const deliveredOfSku = facts.delivered.filter((d) => d.sku === sku);
  const delivered = Math.min(
    shipped,
    deliveredOfSku.reduce((n, d) => n + d.quantity, 0),
  );
  const inWindow = Math.min(delivered, returnableUnits(deliveredOfSku, settings.windowDays, now).get(sku) ?? 0);
  const held = facts.held.get(sku) ?? 0;
  const remaining = Math.max(0, delivered - held);
  return { delivered, inWindow, held, remaining, allowed: Math.min(inWindow, remaining), windowClosesAt: windowClosesAt(deliveredOfSku, settings.windowDays) };
}

function quantityError(settings: Pick<ReturnSettings, 'windowDays'>, facts: ReturnRequestFacts, sku: string, wanted: number, now: Date): { rule: ReturnRule; message: string } | null {
  const r = returnableOf(settings, facts, sku, now);
  if (wanted <= r.allowed) return null;
  if (r.delivered === 0) return { rule: 'not_delivered', message: `no unit of ${sku} has been delivered yet: only delivered units can be returned` };
  if (wanted > r.remaining) {
    return {
      rule: 'quantity',
      message: r.held === 0 ? `only ${r.remaining} of ${sku} were delivered` : `only ${r.remaining} of ${sku} can still be returned (${r.delivered} delivered, ${r.held} already in other returns)`,
    };
  }
  if (r.inWindow === 0) return { rule: 'return_window', message: `the ${settings.windowDays}-day return window for ${sku} closed at ${r.windowClosesAt}` };
  return { rule: 'return_window', message: `only ${r.inWindow} of ${sku} were delivered within the last ${settings.windowDays} days` };
}

/**
 * The request's lines, checked and priced, merged where SKU, reason and exchange are the same; or
 * every violation found.
 */
export function checkReturnRequest(
  settings: Pick<ReturnSettings, 'windowDays' | 'nonReturnableSkus' | 'reasons'>,
  facts: ReturnRequestFacts,
  lines: readonly RequestedLine[],
  now: Date,
): { ok: true; lines: CheckedLine[] } | { ok: false; errors: RuleError[] } {
  const errors: RuleError[] = [];
  const wanted = new Map<string, number>();
  lines.forEach((line, i) => {
    const at = (field: string) => `lines[${i}].${field}`;
    const orderLine = facts.orderLines.get(line.sku);
    if (orderLine === undefined) {
      errors.push({ path: at('sku'), message: `the order has no line with SKU ${line.sku}`, rule: 'not_in_order' });
      return;
    }
    if (reasonOf(settings, line.reason) === undefined) {
      errors.push({ path: at('reason'), message: `is not a return reason (one of: ${settings.reasons.map((r) => r.code).join(', ')})`, rule: 'unknown_reason' });
    }
    const product = facts.products.get(line.sku);
    if (product?.returnable === false || isNonReturnableSku(settings.nonReturnableSkus, line.sku)) {
      errors.push({ path: at('sku'), message: `${line.sku} cannot be returned`, rule: 'non_returnable' });
      return;
    }
    const exchange = line.exchange_sku ?? null;
    if (exchange !== null) {
      const other = facts.products.get(exchange);
      if (other === undefined) errors.push({ path: at('exchange_sku'), message: `no product has SKU ${exchange}`, rule: 'exchange_sku' });
      else if (other.currency !== facts.currency) errors.push({ path: at('exchange_sku'), message: `is priced in ${other.currency}, the order is in ${facts.currency}`, rule: 'exchange_sku' });
    }
    // Lines of one SKU count together: the error goes to the line that goes past what may come back.
    const total = (wanted.get(line.sku) ?? 0) + line.quantity;
    wanted.set(line.sku, total);
    const tooMany = quantityError(settings, facts, line.sku, total, now);
    if (tooMany !== null && (wanted.get(line.sku) === line.quantity || quantityError(settings, facts, line.sku, total - line.quantity, now) === null)) {
      errors.push({ path: at('quantity'), ...tooMany });
    }
  });
  if (errors.length > 0) return { ok: false, errors };

  const merged = new Map<string, CheckedLine>();
  for (const line of lines) {
    const exchange = line.exchange_sku ?? null;
    const key = JSON.stringify([line.sku, line.reason, exchange]);
    const same = merged.get(key);
    if (same) same.quantity += line.quantity;
    else {
      const o = facts.orderLines.get(line.sku)!;
      merged.set(key, { sku: line.sku, name: o.name, quantity: line.quantity, unit_price: o.unit_price, reason: line.reason, exchange_sku: exchange });
    }
  }
  return { ok: true, lines: [...merged.values()] };
}
