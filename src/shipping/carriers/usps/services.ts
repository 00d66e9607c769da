/**
 * The USPS services Waybill offers: domestic parcel mail classes of the Prices and Labels 3.0 APIs.
 * `transitDays` is the slow end of USPS's published range, used as the ETA when Service Standards
 * gives none (a promise made on the fast end would be broken too often). Pure.
 */
import type { CarrierService } from '../carrier.js';

export const uspsServices: readonly CarrierService[] = Object.freeze([
  // USPS publishes 2-5 business days.
  { code: 'ground_advantage', carrierCode: 'USPS_GROUND_ADVANTAGE', name: 'USPS Ground Advantage', transitDays: 5, scope: 'domestic' },
  // 1-3 business days.
  { code: 'priority_mail', carrierCode: 'PRIORITY_MAIL', name: 'Priority Mail', transitDays: 3, scope: 'domestic' },
  // 1-2 days (overnight to many ZIP Codes).
  { code: 'priority_mail_express', carrierCode: 'PRIORITY_MAIL_EXPRESS', name: 'Priority Mail Express', transitDays: 2, scope: 'domestic' },
]);

export function serviceByCode(code: string): CarrierService | undefined {
  return uspsServices.find((s) => s.code === code);
}

/**
 * USPS's domestic network: the states, and the territories and freely associated states that
 * USPS serves with ZIP Codes and domestic prices (their ISO codes differ from US).
 */
const domesticCountries = new Set(['US', 'PR', 'VI', 'GU', 'AS', 'MP', 'FM', 'MH', 'PW', 'UM']);

export function isDomestic(country: string | null | undefined): boolean {
  return typeof country === 'string' && domesticCountries.has(country.toUpperCase());
}
