/** Addresses, parcels and a pinned time for the USPS adapter's tests. */
import type { CarrierAddress, Parcel } from '../../../src/shipping/carriers/carrier.js';

/** A Friday afternoon: business-day arithmetic crosses a weekend. */
export const USPS_TEST_NOW = '2026-11-20T15:00:00.000Z';

export const uspsOrigin: CarrierAddress = {
  name: 'Sam Wilson',
  company: 'Waybill Test Shop',
  line1: '45 L St SW',
  city: 'Washington',
  region: 'DC',
  postal_code: '20024',
  country: 'US',
  phone: '+1 (202) 555-0143',
};

export const uspsDestination: CarrierAddress = {
  name: 'Mary Jane Watson',
  line1: '1100 Wyoming St',
  line2: 'Suite 150',
  city: 'St. Louis',
  region: 'mo',
  postal_code: '63118-2628',
  country: 'US',
  email: 'mj@example.com',
};

export function parcel(grams: number, mm: [number, number, number] = [300, 200, 150]): Parcel {
  return { weight_grams: grams, length_mm: mm[0], width_mm: mm[1], height_mm: mm[2] };
}
