/**
 * The simulated carrier's network: real hub cities at their real coordinates, and the hubs a parcel
 * passes between two places. Real geography so that a demo's tracking page reads like a real one
 * (a parcel from Austin to Boston goes through Dallas and Newark, not through Tokyo) and so that
 * distances, prices and transit days agree with a map. Pure: no I/O, no clock.
 *
 * Gateways are the hubs where parcels leave and enter a country; every country here has at least one.
 * Regions are US states and Canadian provinces as the postal services write them, elsewhere the
 * ISO 3166-2 subdivision (null for city states).
 */
import { distanceKm, type Coordinates } from '../../../platform/geo/distance.js';

export interface Hub extends Coordinates {
  /** Stable short code (the nearby airport's IATA code). */
  code: string;
  city: string;
  region: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** Handles international traffic: parcels leave and enter its country here. */
  gateway?: boolean;
}

export type Place = Coordinates & { country: string };

export const simHubs: readonly Hub[] = Object.freeze([
  // United States
  { code: 'SDF', city: 'Louisville', region: 'KY', country: 'US', latitude: 38.2527, longitude: -85.7585, gateway: true },
  { code: 'MEM', city: 'Memphis', region: 'TN', country: 'US', latitude: 35.1495, longitude: -90.049, gateway: true },
  { code: 'IND', city: 'Indianapolis', region: 'IN', country: 'US', latitude: 39.7684, longitude: -86.1581 },
  { code: 'ORD', city: 'Chicago', region: 'IL', country: 'US', latitude: 41.8781, longitude: -87.6298, gateway: true },
  { code: 'DFW', city: 'Dallas', region: 'TX', country: 'US', latitude: 32.7767, longitude: -96.797, gateway: true },
  { code: 'ATL', city: 'Atlanta', region: 'GA', country: 'US', latitude: 33.749, longitude: -84.388 },
  { code: 'DEN', city: 'Denver', region: 'CO', country: 'US', latitude: 39.7392, longitude: -104.9903 },
  { code: 'ONT', city: 'Ontario', region: 'CA', country: 'US', latitude: 34.0633, longitude: -117.6509 },
  { code: 'OAK', city: 'Oakland', region: 'CA', country: 'US', latitude: 37.8044, longitude: -122.2712, gateway: true },
  { code: 'SEA', city: 'Seattle', region: 'WA', country: 'US', latitude: 47.6062, longitude: -122.3321, gateway: true },
  { code: 'EWR', city: 'Newark', region: 'NJ', country: 'US', latitude: 40.7357, longitude: -74.1724, gateway: true },
  { code: 'PHX', city: 'Phoenix', region: 'AZ', country: 'US', latitude: 33.4484, longitude: -112.074 },
  { code: 'SLC', city: 'Salt Lake City', region: 'UT', country: 'US', latitude: 40.7608, longitude: -111.891 },
  { code: 'MCI', city: 'Kansas City', region: 'MO', country: 'US', latitude: 39.0997, longitude: -94.5786 },
  { code: 'CLT', city: 'Charlotte', region: 'NC', country: 'US', latitude: 35.2271, longitude: -80.8431 },
  { code: 'MCO', city: 'Orlando', region: 'FL', country: 'US', latitude: 28.5383, longitude: -81.3792 },
  // Canada
  { code: 'YYZ', city: 'Toronto', region: 'ON', country: 'CA', latitude: 43.6532, longitude: -79.3832, gateway: true },
  { code: 'YVR', city: 'Vancouver', region: 'BC', country: 'CA', latitude: 49.2827, longitude: -123.1207, gateway: true },
  { code: 'YUL', city: 'Montreal', region: 'QC', country: 'CA', latitude: 45.5017, longitude: -73.5673, gateway: true },
  // Europe
  { code: 'LEJ', city: 'Leipzig', region: 'SN', country: 'DE', latitude: 51.3397, longitude: 12.3731, gateway: true },
  { code: 'CGN', city: 'Cologne', region: 'NW', country: 'DE', latitude: 50.9375, longitude: 6.9603, gateway: true },
  { code: 'CDG', city: 'Paris', region: 'IDF', country: 'FR', latitude: 48.8566, longitude: 2.3522, gateway: true },
  { code: 'LHR', city: 'London', region: 'ENG', country: 'GB', latitude: 51.5074, longitude: -0.1278, gateway: true },
  { code: 'MAD', city: 'Madrid', region: 'MD', country: 'ES', latitude: 40.4168, longitude: -3.7038, gateway: true },
  { code: 'MXP', city: 'Milan', region: '25', country: 'IT', latitude: 45.4642, longitude: 9.19, gateway: true },
  { code: 'AMS', city: 'Amsterdam', region: 'NH', country: 'NL', latitude: 52.3676, longitude: 4.9041, gateway: true },
  { code: 'WAW', city: 'Warsaw', region: '14', country: 'PL', latitude: 52.2297, longitude: 21.0122, gateway: true },
  // Asia-Pacific
  { code: 'HKG', city: 'Hong Kong', region: null, country: 'HK', latitude: 22.3193, longitude: 114.1694, gateway: true },
  { code: 'SIN', city: 'Singapore', region: null, country: 'SG', latitude: 1.3521, longitude: 103.8198, gateway: true },
  { code: 'NRT', city: 'Tokyo', region: '13', country: 'JP', latitude: 35.6762, longitude: 139.6503, gateway: true },
  { code: 'SYD', city: 'Sydney', region: 'NSW', country: 'AU', latitude: -33.8688, longitude: 151.2093, gateway: true },
  // Latin America
  { code: 'MEX', city: 'Mexico City', region: 'CMX', country: 'MX', latitude: 19.4326, longitude: -99.1332, gateway: true },
  { code: 'GRU', city: 'Sao Paulo', region: 'SP', country: 'BR', latitude: -23.5505, longitude: -46.6333, gateway: true },
].map((hub) => Object.freeze(hub)));

/** Domestic trips longer than this get a hub on the way (a real linehaul would stop for a sort). */
const LONG_TRIP_KM = 1500;
/** A hub is "on the way" when going through it adds at most this share to the hub-to-hub distance. */
const MAX_DETOUR = 0.15;

/** The nearest of `hubs` (ties: the first listed, so the answer never depends on floating noise). */
function nearest(place: Coordinates, hubs: readonly Hub[]): Hub {
  let best = hubs[0]!;
  let bestKm = distanceKm(place, best);
  for (const hub of hubs.slice(1)) {
    const km = distanceKm(place, hub);
    if (km < bestKm) [best, bestKm] = [hub, km];
  }
  return best;
}

/**
 * The hub serving a place: the nearest in its own country when the country has hubs (a parcel inside
 * the US stays on US hubs even where a Canadian one is closer), else the nearest anywhere.
 */
export function hubFor(place: Place): Hub {
  const domestic = simHubs.filter((h) => h.country === place.country.toUpperCase());
  return nearest(place, domestic.length > 0 ? domestic : simHubs);
}

/** The hub of `candidates` that makes a → hub → b shortest. */
function via(a: Coordinates, b: Coordinates, candidates: readonly Hub[]): Hub | null {
  let best: Hub | null = null;
  let bestKm = Infinity;
  for (const hub of candidates) {
    const km = distanceKm(a, hub) + distanceKm(hub, b);
    if (km < bestKm) [best, bestKm] = [hub, km];
  }
  return best;
}

function withoutRepeats(hubs: readonly Hub[]): Hub[] {
  const seen = new Set<string>();
  return hubs.filter((h) => !seen.has(h.code) && seen.add(h.code));
}

/**
 * The hubs a parcel passes from origin to destination, in order, none twice:
 *  - within one hub's area: that hub alone;
 *  - within a country: the origin's hub, for long trips a hub on the way, the destination's hub;
 *  - across borders: the origin's hub, the origin country's gateway, the destination country's
 *    gateway, the destination's hub (each gateway the one that makes the trip shortest; a gateway
 *    that is also the local hub appears once).
 * "Country" is the serving hubs' country, so that a place without hubs of its own (Belgium) is
 * routed through its neighbour's network.
 */
export function routeVia(origin: Place, destination: Place): Hub[] {
  const first = hubFor(origin);
  const last = hubFor(destination);
  if (first.code === last.code) return [first];
  if (first.country === last.country) {
    const route = [first];
    if (distanceKm(origin, destination) > LONG_TRIP_KM) {
      const direct = distanceKm(first, last);
      const middle = via(first, last, simHubs.filter((h) => h.country === first.country && h.code !== first.code && h.code !== last.code));
      if (middle && distanceKm(first, middle) + distanceKm(middle, last) <= direct * (1 + MAX_DETOUR)) route.push(middle);
    }
    route.push(last);
    return route;
  }
  const outbound = via(first, last, simHubs.filter((h) => h.gateway && h.country === first.country)) ?? first;
  const inbound = via(outbound, last, simHubs.filter((h) => h.gateway && h.country === last.country)) ?? last;
  return withoutRepeats([first, outbound, inbound, last]);
}
