import { describe, expect, it } from 'vitest';
import type { Parcel } from '../carrier.js';
import { billableGrams, quoteSim } from './rates.js';

const box: Parcel = { weight_grams: 2000, length_mm: 300, width_mm: 200, height_mm: 150 };
const pillow: Parcel = { weight_grams: 500, length_mm: 400, width_mm: 400, height_mm: 400 };
// 2026-11-20 is a Friday.
const shipDate = new Date('2026-11-20T12:00:00Z');

const amounts = (quotes: ReturnType<typeof quoteSim>) => Object.fromEntries(quotes.map((q) => [q.service, q.amount]));

describe('sim rates', () => {
  it('prices a domestic parcel exactly', () => {
    // 450 base + 4 half-kilos × 55 + 13 × 100 km × 30 = 1060 cents, × 1.9 and × 3.2 for the air services.
    const quotes = quoteSim({ distanceKm: 1234, international: false, parcels: [box], currency: 'USD', shipDate });
    expect(quotes).toEqual([
      { carrier: 'sim', service: 'ground', serviceName: 'Sim Ground', amount: 1060, currency: 'USD', transitDays: 3, estimatedDeliveryDate: '2026-11-25' },
      { carrier: 'sim', service: 'express', serviceName: 'Sim Express', amount: 2014, currency: 'USD', transitDays: 2, estimatedDeliveryDate: '2026-11-24' },
      { carrier: 'sim', service: 'overnight', serviceName: 'Sim Overnight', amount: 3392, currency: 'USD', transitDays: 1, estimatedDeliveryDate: '2026-11-23' },
    ]);
  });

  it('prices international parcels exactly, by volumetric weight where it is larger, in the currency asked', () => {
    // box: 450 + 220 + (20 × 30 + 60 × 10) + 1500 = 3370; pillow (12.8 kg volumetric): 450 + 26 × 55 + 1200 + 1500 = 4580.
    const quotes = quoteSim({ distanceKm: 8000, international: true, parcels: [box, pillow], currency: 'EUR', shipDate });
    expect(amounts(quotes)).toEqual({ ground: 7314, express: 13897, overnight: 23405 });
    expect(quotes.map((q) => [q.currency, q.transitDays, q.estimatedDeliveryDate])).toEqual([
      ['EUR', 8, '2026-12-02'],
      ['EUR', 3, '2026-11-25'],
      ['EUR', 2, '2026-11-24'],
    ]);
  });

  it('counts the volumetric weight L × W × H cm / 5000', () => {
    expect(billableGrams(pillow)).toBe(12_800);
    expect(billableGrams(box)).toBe(2000);
  });

  it('converts to other currencies in whole minor units and keeps unknown currencies at the US figure', () => {
    const input = { distanceKm: 1234, international: false, parcels: [box], shipDate };
    expect(amounts(quoteSim({ ...input, currency: 'JPY' })).ground).toBe(1590);
    expect(amounts(quoteSim({ ...input, currency: 'XTS' }))).toEqual(amounts(quoteSim({ ...input, currency: 'USD' })));
    for (const currency of ['GBP', 'CAD', 'MXN', 'INR']) {
      for (const q of quoteSim({ ...input, currency })) {
        expect(Number.isSafeInteger(q.amount)).toBe(true);
        expect(q.currency).toBe(currency);
      }
    }
  });

  it('is never cheaper for more weight or distance, and overnight ≥ express ≥ ground', () => {
    let previousByWeight: Record<string, number> | null = null;
    for (let grams = 0; grams <= 40_000; grams += 137) {
      const parcel = { ...box, weight_grams: grams };
      let previousByDistance: Record<string, number> | null = null;
      for (const km of [0, 1, 99, 100, 101, 450, 1999, 2000, 2001, 2500, 7000, 16_000]) {
        const a = amounts(quoteSim({ distanceKm: km, international: false, parcels: [parcel], currency: 'EUR', shipDate }));
        expect(a.overnight!).toBeGreaterThanOrEqual(a.express!);
        expect(a.express!).toBeGreaterThanOrEqual(a.ground!);
        if (previousByDistance) for (const s of ['ground', 'express', 'overnight']) expect(a[s]!).toBeGreaterThanOrEqual(previousByDistance[s]!);
        previousByDistance = a;
        const abroad = amounts(quoteSim({ distanceKm: km, international: true, parcels: [parcel], currency: 'EUR', shipDate }));
        for (const s of ['ground', 'express', 'overnight']) expect(abroad[s]!).toBeGreaterThan(a[s]!);
      }
      const at = amounts(quoteSim({ distanceKm: 900, international: false, parcels: [parcel], currency: 'EUR', shipDate }));
      if (previousByWeight) for (const s of ['ground', 'express', 'overnight']) expect(at[s]!).toBeGreaterThanOrEqual(previousByWeight[s]!);
      previousByWeight = at;
    }
  });

  it('adds up parcels and quotes only the services asked for', () => {
    const one = amounts(quoteSim({ distanceKm: 500, international: false, parcels: [box], currency: 'USD', shipDate }));
    const two = quoteSim({ distanceKm: 500, international: false, parcels: [box, box], currency: 'USD', shipDate, services: ['express', 'next_day_air'] });
    expect(two.map((q) => q.service)).toEqual(['express']);
    expect(two[0]!.amount).toBe(2 * one.express!);
  });

  it('refuses what cannot be priced', () => {
    expect(() => quoteSim({ distanceKm: 10, international: false, parcels: [], currency: 'USD', shipDate })).toThrow(RangeError);
    expect(() => quoteSim({ distanceKm: -1, international: false, parcels: [box], currency: 'USD', shipDate })).toThrow(RangeError);
    expect(() => quoteSim({ distanceKm: 10, international: false, parcels: [{ ...box, weight_grams: Number.NaN }], currency: 'USD', shipDate })).toThrow(RangeError);
  });
});
