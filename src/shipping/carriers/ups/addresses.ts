/**
 * Waybill addresses in UPS's shape (`Name`, `AttentionName`, `Phone.Number`,
 * `Address{AddressLine[], City, StateProvinceCode, PostalCode, CountryCode}`), cut to the lengths UPS
 * accepts (35 characters a name or line, three lines). Pure.
 */
import type { CarrierAddress } from '../carrier.js';

const MAX = 35;

function cut(value: string | null | undefined, max = MAX): string | undefined {
  const v = value?.trim();
  return v ? v.slice(0, max) : undefined;
}

export interface UpsAddress {
  AddressLine?: string[];
  City: string;
  StateProvinceCode?: string;
  PostalCode?: string;
  CountryCode: string;
}

export interface UpsParty {
  Name: string;
  AttentionName?: string;
  Phone?: { Number: string };
  EMailAddress?: string;
  Address: UpsAddress;
}

export function upsAddress(address: CarrierAddress): UpsAddress {
  const lines = [address.line1, address.line2].map((l) => cut(l)).filter((l): l is string => l !== undefined);
  const result: UpsAddress = { City: cut(address.city, 30) ?? '', CountryCode: address.country.toUpperCase() };
  if (lines.length > 0) result.AddressLine = lines;
  const region = cut(address.region, 5);
  if (region) result.StateProvinceCode = region.toUpperCase();
  const postal = cut(address.postal_code, 9);
  if (postal) result.PostalCode = postal.replace(/\s+/g, '');
  return result;
}

/** A party: the company is the name when there is one, the person then the attention name. */
export function upsParty(address: CarrierAddress): UpsParty {
  const person = cut(address.name);
  const company = cut(address.company);
  const party: UpsParty = { Name: company ?? person ?? 'Recipient', Address: upsAddress(address) };
  if (person) party.AttentionName = person;
  const phone = address.phone?.replace(/[^\d+]/g, '');
  if (phone) party.Phone = { Number: phone.slice(0, 15) };
  const email = cut(address.email, 50);
  if (email) party.EMailAddress = email;
  return party;
}

/** UPS's rules treat the fifty states and Puerto Rico as one domestic area. */
export function isUsDomestic(origin: CarrierAddress, destination: CarrierAddress): boolean {
  const area = (c: string) => ['US', 'PR'].includes(c.toUpperCase());
  return area(origin.country) && area(destination.country);
}
