/**
 * Coordinates for the places carriers name in their scans (they send city names, not coordinates),
 * from the offline gazetteer, memoized: a busy hub's name is looked up once per process.
 */
import { locate } from '../platform/geo/gazetteer.js';
import type { EventLocation } from '../shipping/carriers/carrier.js';

const MAX_ENTRIES = 20_000;
const memo = new Map<string, { latitude: number; longitude: number } | null>();

export function coordinatesOf(location: EventLocation | null): { latitude: number; longitude: number } | null {
  if (location === null || location.country === null) return null;
  const key = `${location.country}|${location.region ?? ''}|${location.city ?? ''}`.toLowerCase();
  const cached = memo.get(key);
  if (cached !== undefined) return cached;
  const place = locate(location.country, location.city, location.region);
  // Only a city-level match places a scan; a country centroid would draw a point in the wrong place.
  const found = place !== null && (place.precision === 'city' || location.city === null) ? { latitude: place.latitude, longitude: place.longitude } : null;
  if (memo.size >= MAX_ENTRIES) memo.clear();
  memo.set(key, found);
  return found;
}
