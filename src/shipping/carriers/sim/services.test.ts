import { describe, expect, it } from 'vitest';
import { isSimServiceCode, simService, simServices, transitDaysFor } from './services.js';

describe('sim services', () => {
  it('offers ground, express and overnight with their carrier codes', () => {
    expect(simServices.map((s) => [s.code, s.carrierCode])).toEqual([
      ['ground', 'SIM-GND'],
      ['express', 'SIM-EXP'],
      ['overnight', 'SIM-ONT'],
    ]);
    expect(simService('express')?.name).toBe('Sim Express');
    expect(simService('next_day_air')).toBeNull();
    expect(isSimServiceCode('overnight')).toBe(true);
    expect(isSimServiceCode('Overnight')).toBe(false);
  });

  it('gives ground days by distance band, three more across a border', () => {
    const table: Array<[number, number]> = [
      [0, 1],
      [300, 1],
      [301, 2],
      [800, 2],
      [801, 3],
      [1600, 3],
      [1601, 4],
      [3000, 4],
      [3001, 5],
      [12_000, 5],
    ];
    for (const [km, days] of table) {
      expect(transitDaysFor('ground', km, false), `${km} km`).toBe(days);
      expect(transitDaysFor('ground', km, true), `${km} km abroad`).toBe(days + 3);
    }
  });

  it('gives the air services flat days', () => {
    for (const km of [10, 1000, 9000]) {
      expect(transitDaysFor('express', km, false)).toBe(2);
      expect(transitDaysFor('express', km, true)).toBe(3);
      expect(transitDaysFor('overnight', km, false)).toBe(1);
      expect(transitDaysFor('overnight', km, true)).toBe(2);
    }
  });

  it('refuses a service the sim does not have', () => {
    expect(() => transitDaysFor('freight', 100, false)).toThrow(RangeError);
  });
});
