/**
 * The pieces FedEx's Rate and Ship requests share: addresses, contacts and package line items, in
 * FedEx's field names. Pure.
 */
import type { CarrierAddress, Parcel } from '../carrier.js';

/** FedEx wants US shipments in pounds and inches; the rest of the world in kilograms and centimetres. */
function imperial(origin: CarrierAddress): boolean {
  return origin.country.toUpperCase() === 'US';
}

// Rounded up: a declared weight or size under the real one is billed as a correction later.
const up = (value: number, places: number) => Math.ceil(value * 10 ** places - 1e-9) / 10 ** places;

export function fedexWeight(grams: number, origin: CarrierAddress): { units: 'KG' | 'LB'; value: number } {
  return imperial(origin) ? { units: 'LB', value: Math.max(0.1, up(grams / 453.59237, 1)) } : { units: 'KG', value: Math.max(0.1, up(grams / 1000, 1)) };
}

export function fedexDimensions(parcel: Parcel, origin: CarrierAddress): { length: number; width: number; height: number; units: 'CM' | 'IN' } {
  const per = imperial(origin) ? 25.4 : 10;
  const side = (mm: number) => Math.max(1, Math.ceil(mm / per - 1e-9));
  return { length: side(parcel.length_mm), width: side(parcel.width_mm), height: side(parcel.height_mm), units: imperial(origin) ? 'IN' : 'CM' };
}

export interface FedexAddress {
  streetLines: string[];
  city: string;
  stateOrProvinceCode?: string;
  postalCode?: string;
  countryCode: string;
  residential?: boolean;
}

/** `residential`: FedEx prices and routes homes differently (Home Delivery instead of Ground). */
export function fedexAddress(address: CarrierAddress, residential?: boolean): FedexAddress {
  const out: FedexAddress = {
    streetLines: [address.line1, address.line2].filter((l): l is string => typeof l === 'string' && l.trim() !== '').map((l) => l.trim()),
    city: address.city,
    countryCode: address.country.toUpperCase(),
  };
  if (address.region) out.stateOrProvinceCode = address.region;
  if (address.postal_code) out.postalCode = address.postal_code;
  if (residential !== undefined) out.residential = residential;
  return out;
}

/** A destination without a company name is taken for a home. */
export function isResidential(address: CarrierAddress): boolean {
  return !address.company || address.company.trim() === '';
}

/** `fallbackPhone`: FedEx requires a phone on both parties; a recipient without one gets the shipper's. */
export function fedexContact(address: CarrierAddress, fallbackPhone?: string | null): Record<string, string> {
  const contact: Record<string, string> = {};
  const name = address.name?.trim() || address.company?.trim();
  if (name) contact.personName = name.slice(0, 70);
  if (address.company?.trim()) contact.companyName = address.company.trim().slice(0, 35);
  const phone = (value: string | null | undefined) => (value ?? '').replace(/[^\d+]/g, '').slice(0, 15);
  contact.phoneNumber = phone(address.phone) || phone(fallbackPhone);
  if (address.email?.trim()) contact.emailAddress = address.email.trim();
  return contact;
}

export function packageLineItems(parcels: readonly Parcel[], origin: CarrierAddress): Array<Record<string, unknown>> {
  return parcels.map((parcel) => ({ weight: fedexWeight(parcel.weight_grams, origin), dimensions: fedexDimensions(parcel, origin) }));
}
