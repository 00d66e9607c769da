import { describe, expect, it } from 'vitest';
import { carrierPerformance, percentile, type PerformanceInput } from './carrier-performance.js';

const day = (d: number, h = 12) => new Date(Date.UTC(2026, 10, d, h)).toISOString();
const row = (over: Partial<PerformanceInput>): PerformanceInput => ({
  carrier: 'sim',
  service: 'ground',
  originRegion: 'US-NV',
  destinationRegion: 'US-TX',
  shippedAt: day(1),
  deliveredAt: day(4),
  promisedDelivery: day(5),
  hadIncident: false,
  ...over,
});

describe('carrier performance', () => {
  it('nearest-rank percentile', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([4], 90)).toBe(4);
    expect(percentile([], 90)).toBeNull();
  });

  it('on-time rate, transit days and exception rate per carrier, service and lane', () => {
    const rows = [
      row({}),
      row({ deliveredAt: day(6), hadIncident: true }),
      row({ deliveredAt: null }),
      row({ service: 'express', deliveredAt: day(2), promisedDelivery: day(3) }),
      row({ carrier: 'ups', destinationRegion: 'US-CA', deliveredAt: day(3), promisedDelivery: null }),
    ];
    const result = carrierPerformance(rows);
    const sim = result.carriers.find((r) => r.carrier === 'sim')!;
    expect(sim).toMatchObject({ shipments: 4, delivered: 3, on_time_rate: 0.6667, mean_transit_days: 3, p90_transit_days: 5, exception_rate: 0.25 });
    expect(result.services.find((r) => r.service === 'ground')).toMatchObject({ shipments: 3, delivered: 2, on_time_rate: 0.5, mean_transit_days: 4 });
    expect(result.lanes.find((r) => r.carrier === 'ups')).toMatchObject({ lane: 'US-NV → US-CA', on_time_rate: null, mean_transit_days: 2 });
    expect(result.lanes.map((r) => r.lane)).toEqual(['US-NV → US-TX', 'US-NV → US-TX', 'US-NV → US-CA']);
  });
});
