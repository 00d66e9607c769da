/**
 * Replenishment from the environment: whether purchase orders are raised at the reorder point, how
 * far a receipt may exceed what was ordered, and the demand window the suggested quantity reads.
 */
import { ConfigError } from './config-error.js';

type Env = Record<string, string | undefined>;

export interface ReplenishmentSettings {
  /** Raise purchase orders at the reorder point (WAYBILL_AUTO_REORDER, default on). */
  readonly autoReorder: boolean;
  /** A receipt may bring this much more than was ordered, in basis points of the line (1000 = 10 %). */
  readonly overReceiptBps: number;
  /** Days of history the average daily demand is taken over. */
  readonly demandWindowDays: number;
}

function whole(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got "${raw}"`);
  return Number(raw);
}

export function loadReplenishmentSettings(env: Env): ReplenishmentSettings {
  const auto = (env.WAYBILL_AUTO_REORDER ?? 'on').trim().toLowerCase() || 'on';
  if (auto !== 'on' && auto !== 'off') throw new ConfigError('WAYBILL_AUTO_REORDER', `must be on or off, got "${env.WAYBILL_AUTO_REORDER}"`);
  const tolerance = (env.WAYBILL_OVER_RECEIPT_PERCENT ?? '10').trim() || '10';
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(tolerance) || Number(tolerance) > 100) throw new ConfigError('WAYBILL_OVER_RECEIPT_PERCENT', `must be a percentage from 0 to 100, got "${tolerance}"`);
  return Object.freeze({
    autoReorder: auto === 'on',
    overReceiptBps: Math.round(Number(tolerance) * 100),
    demandWindowDays: whole(env, 'WAYBILL_DEMAND_WINDOW_DAYS', 30, 1, 365),
  });
}
