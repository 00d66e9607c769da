/**
 * The return policy, from the environment: how long after delivery a return may be asked for, which
 * products can never come back (besides each product's own `returnable`), the reasons a customer
 * may give and what each means for money (whose fault, who pays the label back, whether the
 * restocking fee applies), the restocking fee, and which requests are approved without a person.
 */
import { ConfigError } from './config-error.js';

type Env = Record<string, string | undefined>;

export interface ReturnReason {
  /** Stable snake_case code a request names. */
  readonly code: string;
  readonly label: string;
  /** The shop's fault (damaged, wrong item…): original shipping is refunded, no restocking fee. */
  readonly shopFault: boolean;
  /** Who pays the return label: with `customer`, its cost is taken off the refund. */
  readonly returnShippingPaidBy: 'shop' | 'customer';
  /** The restocking fee is charged on lines returned for this reason. */
  readonly restockingFee: boolean;
}

export interface AutoApproveRule {
  /** Every line's reason must be one of these. */
  readonly reasons: readonly string[];
  /** And the policy's refund at most this (minor units of the order's currency). */
  readonly maxRefund: number;
}

export interface ReturnSettings {
  readonly windowDays: number;
  /** SKU patterns (`*` matches any run of characters) that are never returnable. */
  readonly nonReturnableSkus: readonly string[];
  readonly reasons: readonly ReturnReason[];
  /** Restocking fee in basis points of the returned items' price (1000 = 10 %). */
  readonly restockingFeeBps: number;
  readonly autoApprove: AutoApproveRule | null;
}

const customer = (code: string, label: string): ReturnReason => ({ code, label, shopFault: false, returnShippingPaidBy: 'customer', restockingFee: true });
const shop = (code: string, label: string): ReturnReason => ({ code, label, shopFault: true, returnShippingPaidBy: 'shop', restockingFee: false });

export const defaultReturnReasons: readonly ReturnReason[] = [
  shop('damaged', 'Arrived damaged'),
  shop('defective', 'Does not work'),
  shop('wrong_item', 'Wrong item sent'),
  shop('not_as_described', 'Not as described'),
  customer('wrong_size', 'Wrong size or fit'),
  customer('changed_mind', 'Changed my mind'),
  customer('no_longer_needed', 'No longer needed'),
  customer('other', 'Other'),
];

function value(env: Env, name: string): string | null {
  const v = env[name];
  return v === undefined || v.trim() === '' ? null : v.trim();
}

function json(env: Env, name: string): unknown {
  const raw = value(env, name);
  if (raw === null) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw new ConfigError(name, 'is not valid JSON');
  }
}

function reasonsFrom(env: Env): readonly ReturnReason[] {
  const name = 'WAYBILL_RETURN_REASONS';
  const parsed = json(env, name);
  if (parsed === undefined) return defaultReturnReasons;
  if (!Array.isArray(parsed) || parsed.length === 0) throw new ConfigError(name, 'must be a non-empty JSON array of {code, label, shop_fault, return_shipping_paid_by, restocking_fee}');
  const seen = new Set<string>();
  return parsed.map((r: any, i) => {
    const where = `entry ${i + 1}`;
    if (typeof r !== 'object' || r === null || typeof r.code !== 'string' || !/^[a-z][a-z0-9_]{0,39}$/.test(r.code)) throw new ConfigError(name, `${where}: code must be snake_case`);
    if (seen.has(r.code)) throw new ConfigError(name, `${where}: code ${r.code} appears twice`);
    seen.add(r.code);
    const shopFault = r.shop_fault === true;
    const paidBy = r.return_shipping_paid_by ?? (shopFault ? 'shop' : 'customer');
    if (paidBy !== 'shop' && paidBy !== 'customer') throw new ConfigError(name, `${where}: return_shipping_paid_by must be shop or customer`);
    if (r.restocking_fee !== undefined && typeof r.restocking_fee !== 'boolean') throw new ConfigError(name, `${where}: restocking_fee must be true or false`);
    return Object.freeze({ code: r.code, label: typeof r.label === 'string' && r.label.trim() !== '' ? r.label : r.code, shopFault, returnShippingPaidBy: paidBy, restockingFee: r.restocking_fee ?? !shopFault });
  });
}

function autoApproveFrom(env: Env, reasons: readonly ReturnReason[]): AutoApproveRule | null {
  const name = 'WAYBILL_RETURN_AUTO_APPROVE';
  const raw = value(env, name);
  if (raw === null || raw === 'off') return null;
  const parsed = json(env, name) as any;
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray(parsed.reasons)) throw new ConfigError(name, 'must be off or JSON like {"reasons": ["damaged"], "max_refund": 5000}');
  for (const code of parsed.reasons) if (!reasons.some((r) => r.code === code)) throw new ConfigError(name, `names reason ${String(code)}, which is not one of the return reasons`);
  const maxRefund = parsed.max_refund ?? Number.MAX_SAFE_INTEGER;
  if (!Number.isSafeInteger(maxRefund) || maxRefund < 0) throw new ConfigError(name, 'max_refund must be a whole number of minor units');
  return Object.freeze({ reasons: Object.freeze([...parsed.reasons]), maxRefund });
}

export function loadReturnSettings(env: Env): ReturnSettings {
  const windowRaw = value(env, 'WAYBILL_RETURN_WINDOW_DAYS') ?? '30';
  if (!/^\d+$/.test(windowRaw) || Number(windowRaw) > 3650) throw new ConfigError('WAYBILL_RETURN_WINDOW_DAYS', `must be a whole number of days (0–3650), got "${windowRaw}"`);
  const feeRaw = value(env, 'WAYBILL_RESTOCKING_FEE_PERCENT') ?? '0';
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(feeRaw) || Number(feeRaw) > 100) throw new ConfigError('WAYBILL_RESTOCKING_FEE_PERCENT', `must be a percentage from 0 to 100 (two decimals at most), got "${feeRaw}"`);
  const skus = (value(env, 'WAYBILL_RETURN_NON_RETURNABLE') ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  const reasons = reasonsFrom(env);
  return Object.freeze({
    windowDays: Number(windowRaw),
    nonReturnableSkus: Object.freeze(skus),
    reasons: Object.freeze(reasons),
    restockingFeeBps: Math.round(Number(feeRaw) * 100),
    autoApprove: autoApproveFrom(env, reasons),
  });
}
