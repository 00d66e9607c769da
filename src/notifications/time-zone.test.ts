import { describe, expect, it } from 'vitest';
import { timeZoneOf } from './time-zone.js';

describe('timeZoneOf (offline, from the shipping address)', () => {
  it.each([
    [{ country: 'US', region: 'WA', city: 'Seattle' }, 'America/Los_Angeles'],
    [{ country: 'FR', city: 'Paris' }, 'Europe/Paris'],
    [{ country: 'us', region: 'NY', city: 'new york' }, 'America/New_York'],
    [{ country: 'MX', city: 'Mexico' }, 'America/Mexico_City'],
    [{ country: 'US', region: 'AZ', city: 'Phoenix' }, 'America/Phoenix'],
    [{ country: 'JP', city: 'Tokyo' }, 'Asia/Tokyo'],
    [{ country: 'CH', city: 'Zürich' }, 'Europe/Zurich'],
  ])('%j → %s', (address, zone) => {
    expect(timeZoneOf(address)).toBe(zone);
  });

  it("an unknown city in a one-zone country gets that country's zone", () => {
    expect(timeZoneOf({ country: 'FR', city: 'Nulle-Part-sur-Rien' })).toBe('Europe/Paris');
  });

  it('an address it cannot place is in UTC', () => {
    expect(timeZoneOf({ country: 'ZZ', city: 'Nowhere' })).toBe('UTC');
    expect(timeZoneOf({ country: 'XX', region: null, city: null })).toBe('UTC');
  });

  it('answers again from memory', () => {
    const address = { country: 'US', region: 'WA', city: 'Seattle' };
    timeZoneOf(address);
    const started = performance.now();
    for (let i = 0; i < 1000; i++) timeZoneOf(address);
    expect(performance.now() - started).toBeLessThan(100);
  });
});
