/**
 * The UPS services Waybill offers, keyed by Waybill's code, with UPS's own service codes (Rating and
 * Shipping `Service.Code`) and nominal business days in transit (the ETA when UPS gives none). Codes
 * UPS quotes that are not listed here (freight, Access Point Economy, …) are not offered. Pure.
 */
import type { CarrierService } from '../carrier.js';

export const upsServices: readonly CarrierService[] = Object.freeze([
  { code: 'ground', carrierCode: '03', name: 'UPS Ground', transitDays: 5, scope: 'domestic' },
  { code: '3_day_select', carrierCode: '12', name: 'UPS 3 Day Select', transitDays: 3, scope: 'domestic' },
  { code: '2nd_day_air', carrierCode: '02', name: 'UPS 2nd Day Air', transitDays: 2, scope: 'domestic' },
  { code: '2nd_day_air_am', carrierCode: '59', name: 'UPS 2nd Day Air A.M.', transitDays: 2, scope: 'domestic' },
  { code: 'next_day_air_saver', carrierCode: '13', name: 'UPS Next Day Air Saver', transitDays: 1, scope: 'domestic' },
  { code: 'next_day_air', carrierCode: '01', name: 'UPS Next Day Air', transitDays: 1, scope: 'domestic' },
  { code: 'next_day_air_early', carrierCode: '14', name: 'UPS Next Day Air Early', transitDays: 1, scope: 'domestic' },
  { code: 'standard', carrierCode: '11', name: 'UPS Standard', transitDays: 5, scope: 'international' },
  { code: 'worldwide_expedited', carrierCode: '08', name: 'UPS Worldwide Expedited', transitDays: 5, scope: 'international' },
  { code: 'worldwide_saver', carrierCode: '65', name: 'UPS Worldwide Saver', transitDays: 3, scope: 'international' },
  { code: 'worldwide_express', carrierCode: '07', name: 'UPS Worldwide Express', transitDays: 3, scope: 'international' },
  { code: 'worldwide_express_plus', carrierCode: '54', name: 'UPS Worldwide Express Plus', transitDays: 2, scope: 'international' },
].map((service) => Object.freeze(service as CarrierService)));

export function serviceByCode(code: string): CarrierService | undefined {
  return upsServices.find((service) => service.code === code);
}

export function serviceByUpsCode(upsCode: string): CarrierService | undefined {
  return upsServices.find((service) => service.carrierCode === upsCode);
}
