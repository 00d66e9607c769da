/**
 * The FedEx services Waybill offers, by Waybill's code and FedEx's `serviceType`. Pure.
 */
import type { CarrierService } from '../carrier.js';

export const fedexServices: readonly CarrierService[] = Object.freeze([
  { code: 'ground', carrierCode: 'FEDEX_GROUND', name: 'FedEx Ground', transitDays: 5, scope: 'domestic' },
  { code: 'home_delivery', carrierCode: 'GROUND_HOME_DELIVERY', name: 'FedEx Home Delivery', transitDays: 5, scope: 'domestic' },
  { code: 'express_saver', carrierCode: 'FEDEX_EXPRESS_SAVER', name: 'FedEx Express Saver', transitDays: 3, scope: 'domestic' },
  { code: '2_day', carrierCode: 'FEDEX_2_DAY', name: 'FedEx 2Day', transitDays: 2, scope: 'domestic' },
  { code: 'standard_overnight', carrierCode: 'STANDARD_OVERNIGHT', name: 'FedEx Standard Overnight', transitDays: 1, scope: 'domestic' },
  { code: 'priority_overnight', carrierCode: 'PRIORITY_OVERNIGHT', name: 'FedEx Priority Overnight', transitDays: 1, scope: 'domestic' },
  { code: 'first_overnight', carrierCode: 'FIRST_OVERNIGHT', name: 'FedEx First Overnight', transitDays: 1, scope: 'domestic' },
  // FedEx renamed International Priority in 2023; the new code is what it quotes and ships now.
  { code: 'international_priority', carrierCode: 'FEDEX_INTERNATIONAL_PRIORITY', name: 'FedEx International Priority', transitDays: 3, scope: 'international' },
  { code: 'international_economy', carrierCode: 'INTERNATIONAL_ECONOMY', name: 'FedEx International Economy', transitDays: 5, scope: 'international' },
]);

/** Older service types FedEx still answers with for accounts set up before the rename. */
const aliases: Readonly<Record<string, string>> = { INTERNATIONAL_PRIORITY: 'FEDEX_INTERNATIONAL_PRIORITY' };

export function serviceByCode(code: string): CarrierService | undefined {
  return fedexServices.find((s) => s.code === code);
}

export function serviceByServiceType(serviceType: string | null | undefined): CarrierService | undefined {
  if (typeof serviceType !== 'string') return undefined;
  const carrierCode = aliases[serviceType] ?? serviceType;
  return fedexServices.find((s) => s.carrierCode === carrierCode);
}
