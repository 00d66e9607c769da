import { describe, expect, it } from 'vitest';
import { locate } from './gazetteer.js';

describe('the offline gazetteer', () => {
  it('places cities, using the region to tell namesakes apart', () => {
    const austin = locate('US', 'Austin', 'TX')!;
    expect(austin.precision).toBe('city');
    expect(Math.round(austin.latitude)).toBe(30);
    const portlandOregon = locate('US', 'Portland', 'OR')!;
    const portlandMaine = locate('US', 'Portland', 'ME')!;
    expect(portlandOregon.longitude).toBeLessThan(-120);
    expect(portlandMaine.longitude).toBeGreaterThan(-71);
  });

  it('finds cities written without their "City" (New York, Mexico)', () => {
    expect(locate('US', 'New York', 'NY')).toMatchObject({ precision: 'city', latitude: expect.closeTo(40.71, 1) });
    expect(locate('MX', 'Mexico')).toMatchObject({ precision: 'city', latitude: expect.closeTo(19.43, 1) });
  });

  it("does not take a city's second country code (GeoNames cc2) for its name", () => {
    // Mariehamn and the other Åland towns carry FI as their second country.
    expect(locate('AX', 'Mariehamn')?.precision).toBe('city');
    expect(locate('AX', 'FI')?.precision).toBe('country');
  });

  it('falls back to the country, then to nothing', () => {
    expect(locate('FR', 'Nowhere-sur-Rien')?.precision).toBe('country');
    expect(locate('ZZ', 'Nowhere')).toBeNull();
  });
});
