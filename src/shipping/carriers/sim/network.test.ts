import { describe, expect, it } from 'vitest';
import { distanceKm } from '../../../platform/geo/distance.js';
import { locate } from '../../../platform/geo/gazetteer.js';
import { hubFor, routeVia, simHubs, type Place } from './network.js';
import { seededRandom } from './random.js';

const austin = { country: 'US', latitude: 30.2672, longitude: -97.7431 };
const roundRock = { country: 'US', latitude: 30.5083, longitude: -97.6789 };
const boston = { country: 'US', latitude: 42.3601, longitude: -71.0589 };
const seattle = { country: 'US', latitude: 47.6062, longitude: -122.3321 };
const miami = { country: 'US', latitude: 25.7617, longitude: -80.1918 };
const chicago = { country: 'US', latitude: 41.8781, longitude: -87.6298 };
const indianapolis = { country: 'US', latitude: 39.7684, longitude: -86.1581 };
const paris = { country: 'FR', latitude: 48.8566, longitude: 2.3522 };
const berlin = { country: 'DE', latitude: 52.52, longitude: 13.405 };
const brussels = { country: 'BE', latitude: 50.8503, longitude: 4.3517 };
const tokyo = { country: 'JP', latitude: 35.6762, longitude: 139.6503 };
const phoenix = { country: 'US', latitude: 33.4484, longitude: -112.074 };
const sydney = { country: 'AU', latitude: -33.8688, longitude: 151.2093 };

const codes = (origin: Place, destination: Place) => routeVia(origin, destination).map((h) => h.code);

describe('sim network', () => {
  it('puts every hub at its real city (within 40 km of the gazetteer)', () => {
    // The gazetteer knows Cologne by its own name only; the sim prints English names.
    const localName: Record<string, string> = { CGN: 'Köln' };
    for (const hub of simHubs) {
      const place = locate(hub.country, localName[hub.code] ?? hub.city, hub.region);
      expect(place?.precision, hub.code).toBe('city');
      expect(distanceKm(hub, place!), hub.code).toBeLessThan(40);
    }
  });

  it('has unique codes and a gateway in every country it serves', () => {
    expect(new Set(simHubs.map((h) => h.code)).size).toBe(simHubs.length);
    for (const country of new Set(simHubs.map((h) => h.country))) {
      expect(simHubs.some((h) => h.country === country && h.gateway), country).toBe(true);
    }
    expect(simHubs.length).toBe(33);
  });

  it('serves a place from a hub of its own country, else the nearest', () => {
    expect(hubFor(austin).code).toBe('DFW');
    // Detroit is nearer Toronto than Chicago, but a US parcel stays on US hubs.
    expect(hubFor({ country: 'US', latitude: 42.3314, longitude: -83.0458 }).country).toBe('US');
    expect(hubFor(brussels).code).toBe('AMS');
  });

  it('routes a local trip through one hub', () => {
    expect(codes(austin, roundRock)).toEqual(['DFW']);
  });

  it('routes a short domestic trip hub to hub', () => {
    expect(codes(chicago, indianapolis)).toEqual(['ORD', 'IND']);
  });

  it('routes a long domestic trip through a hub on the way', () => {
    const route = routeVia(austin, boston);
    expect(route.map((h) => h.code)).toEqual(['DFW', 'MEM', 'EWR']);
    const across = routeVia(seattle, miami);
    expect(across).toHaveLength(3);
    expect(across[0]!.code).toBe('SEA');
    expect(across[2]!.code).toBe('MCO');
    expect(across[1]!.country).toBe('US');
    // On the way: the detour is small.
    expect(distanceKm(across[0]!, across[1]!) + distanceKm(across[1]!, across[2]!)).toBeLessThan(1.15 * distanceKm(across[0]!, across[2]!));
  });

  it('routes international trips through gateways on both sides', () => {
    const route = routeVia(indianapolis, paris);
    expect(route.map((h) => h.code)).toEqual(['IND', 'EWR', 'CDG']);
    const far = routeVia(phoenix, sydney);
    expect(far[0]!.code).toBe('PHX');
    expect(far.at(-1)!.code).toBe('SYD');
    const crossing = far.findIndex((h, i) => i > 0 && h.country !== far[i - 1]!.country);
    expect(far[crossing - 1]!.gateway && far[crossing]!.gateway).toBe(true);
    // Gateways that are also the local hubs appear once.
    expect(codes(seattle, tokyo)).toEqual(['SEA', 'NRT']);
    expect(codes(austin, berlin)).toEqual(['DFW', 'LEJ']);
  });

  it('routes a country without hubs through its neighbour', () => {
    expect(codes(brussels, berlin)).toEqual(['AMS', 'LEJ']);
    expect(codes(brussels, { country: 'BE', latitude: 51.2194, longitude: 4.4025 })).toEqual(['AMS']);
  });

  it('never repeats a hub, starts and ends at the serving hubs, and crosses borders only between gateways', () => {
    const rng = seededRandom('routes');
    const near = (): Place => {
      const hub = rng.pick(simHubs);
      return { country: hub.country, latitude: hub.latitude + (rng.next() - 0.5) * 6, longitude: hub.longitude + (rng.next() - 0.5) * 6 };
    };
    for (let i = 0; i < 500; i++) {
      const [a, b] = [near(), near()];
      const route = routeVia(a, b);
      expect(new Set(route.map((h) => h.code)).size).toBe(route.length);
      expect(route[0]).toBe(hubFor(a));
      expect(route.at(-1)).toBe(hubFor(b));
      expect(route.length).toBeLessThanOrEqual(4);
      for (let k = 1; k < route.length; k++) {
        if (route[k]!.country !== route[k - 1]!.country) expect(route[k]!.gateway && route[k - 1]!.gateway).toBe(true);
      }
    }
  });
});
