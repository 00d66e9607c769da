/**
 * The IANA time zone of a shipping address, for SMS quiet hours. Offline: the gazetteer turns the city
 * into coordinates (or the country's centroid when the city is unknown — right for the many
 * single-zone countries, a neighbouring zone at worst for the others), and tz-lookup's boundary data
 * turns coordinates into a zone. An address it cannot place is in UTC.
 */
import tzLookup from '@photostructure/tz-lookup';
import { locate, normalizePlaceName, type Place } from '../platform/geo/gazetteer.js';

export interface AddressForZone {
  country: string;
  region?: string | null;
  city: string | null;
}

/** Addresses repeat (the same cities over and over); bounded so a flood of odd ones cannot grow it forever. */
const MAX_ENTRIES = 10_000;
const memo = new Map<string, string>();

function usable(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * GeoNames spells some cities with "City" ("New York City", "Mexico City", "Kuwait City") where
 * addresses don't; without this, New York would get the US centroid's zone, an hour off.
 */
function placeOf(address: AddressForZone): Place | null {
  const found = locate(address.country, address.city, address.region ?? null);
  if (found?.precision !== 'country' || !address.city) return found;
  const named = locate(address.country, `${address.city} City`, address.region ?? null);
  return named?.precision === 'city' ? named : found;
}

function lookup(address: AddressForZone): string {
  const place = placeOf(address);
  if (!place) return 'UTC';
  try {
    const zone = tzLookup(place.latitude, place.longitude);
    // The runtime's Intl may lack a zone tz-lookup knows; quiet hours must still compute.
    return usable(zone) ? zone : 'UTC';
  } catch {
    return 'UTC';
  }
}

export function timeZoneOf(address: AddressForZone): string {
  const key = `${address.country.toUpperCase()}|${(address.region ?? '').toUpperCase()}|${normalizePlaceName(address.city ?? '')}`;
  const known = memo.get(key);
  if (known) return known;
  const zone = lookup(address);
  if (memo.size >= MAX_ENTRIES) memo.clear();
  memo.set(key, zone);
  return zone;
}
