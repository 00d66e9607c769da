/**
 * DHL Express products Waybill offers, by Waybill's service code and DHL's global product code (the
 * `productCode` of MyDHL Express rates and shipments). Pure.
 *
 * Document-only products (D EXPRESS WORLDWIDE doc, X EXPRESS ENVELOPE…) are left out on purpose:
 * Waybill ships goods, and DHL refuses goods under a documents product. A product DHL quotes that is
 * not in this list (EXPRESS EASY "8", medical express…) has no Waybill code and is skipped.
 */
import type { CarrierService } from '../carrier.js';

export const dhlServices: readonly CarrierService[] = Object.freeze([
  { code: 'express_worldwide', carrierCode: 'P', name: 'DHL Express Worldwide', transitDays: 3, scope: 'international' },
  { code: 'express_worldwide_eu', carrierCode: 'U', name: 'DHL Express Worldwide (EU)', transitDays: 2, scope: 'international' },
  { code: 'express_0900', carrierCode: 'K', name: 'DHL Express 9:00', transitDays: 1, scope: 'international' },
  { code: 'express_1200', carrierCode: 'T', name: 'DHL Express 12:00', transitDays: 1, scope: 'international' },
  { code: 'domestic_express', carrierCode: 'N', name: 'DHL Domestic Express', transitDays: 1, scope: 'domestic' },
  { code: 'economy_select', carrierCode: 'W', name: 'DHL Economy Select', transitDays: 4, scope: 'international' },
] satisfies CarrierService[]);

export function serviceByCode(code: string): CarrierService | null {
  return dhlServices.find((s) => s.code === code) ?? null;
}

export function serviceByProductCode(productCode: string): CarrierService | null {
  return dhlServices.find((s) => s.carrierCode === productCode) ?? null;
}
