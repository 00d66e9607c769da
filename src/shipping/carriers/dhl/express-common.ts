/**
 * What MyDHL Express rating and shipping requests share: metric units, the planned shipping time in
 * DHL's own form, whether customs must be declared, and addresses. Pure.
 */
import type { CarrierAddress, Parcel } from '../carrier.js';
import { utcDate } from '../carrier-time.js';

/** The EU customs union: goods between these countries are not declared to customs. */
const EU_CUSTOMS_UNION = new Set([
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MC', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
]);

export function isCustomsDeclarable(origin: CarrierAddress, destination: CarrierAddress): boolean {
  const from = origin.country.toUpperCase();
  const to = destination.country.toUpperCase();
  if (from === to) return false;
  return !(EU_CUSTOMS_UNION.has(from) && EU_CUSTOMS_UNION.has(to));
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * DHL refuses a planned shipping time in the past, so a ship date before now is sent as now. The
 * time goes as UTC in DHL's `2026-11-22T10:00:00 GMT+00:00` form (DHL reads the offset; the
 * origin's own offset is not known here).
 */
export function plannedShippingTime(shipDate: Date, now: Date): Date {
  return shipDate.getTime() < now.getTime() ? now : shipDate;
}

export function dhlDateTime(at: Date): string {
  return `${utcDate(at)}T${two(at.getUTCHours())}:${two(at.getUTCMinutes())}:${two(at.getUTCSeconds())} GMT+00:00`;
}

/** Metric as DHL takes it: kilograms with gram precision, whole centimetres rounded up. */
export function metricPackage(parcel: Parcel): { weight: number; dimensions: { length: number; width: number; height: number } } {
  const cm = (mm: number) => Math.max(1, Math.ceil(mm / 10));
  return {
    weight: Math.max(1, Math.round(parcel.weight_grams)) / 1000,
    dimensions: { length: cm(parcel.length_mm), width: cm(parcel.width_mm), height: cm(parcel.height_mm) },
  };
}

/** The address fields MyDHL rating takes (`customerDetails.shipperDetails` of POST /rates). */
export function ratingAddress(address: CarrierAddress): Record<string, string> {
  const out: Record<string, string> = { postalCode: address.postal_code ?? '', cityName: address.city, countryCode: address.country.toUpperCase() };
  if (address.region) out.provinceCode = address.region;
  if (address.line1) out.addressLine1 = address.line1;
  if (address.line2) out.addressLine2 = address.line2;
  return out;
}
