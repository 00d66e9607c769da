import { describe, expect, it } from 'vitest';
import { currentPositionOf } from './shipment-position.js';

const scan = (occurred_at: string, place: { latitude: number; longitude: number; city: string } | null) => ({
  occurred_at,
  latitude: place?.latitude ?? null,
  longitude: place?.longitude ?? null,
  city: place?.city ?? null,
  country: place ? 'US' : null,
});

describe('currentPositionOf', () => {
  it('is null before any scan has coordinates', () => {
    expect(currentPositionOf([])).toBeNull();
    expect(currentPositionOf([scan('2026-12-01T10:00:00.000Z', null)])).toBeNull();
  });

  it('is the newest scan with coordinates, skipping newer ones without', () => {
    const position = currentPositionOf([
      scan('2026-12-01T10:00:00.000Z', { latitude: 30.27, longitude: -97.74, city: 'Austin' }),
      scan('2026-12-02T08:00:00.000Z', { latitude: 32.78, longitude: -96.8, city: 'Dallas' }),
      scan('2026-12-02T09:00:00.000Z', null),
    ]);
    expect(position).toEqual({ latitude: 32.78, longitude: -96.8, city: 'Dallas', country: 'US', at: '2026-12-02T08:00:00.000Z' });
  });

  it('orders by carrier time, not by arrival (a late scan from earlier does not move it back)', () => {
    const position = currentPositionOf([
      scan('2026-12-02T08:00:00.000Z', { latitude: 32.78, longitude: -96.8, city: 'Dallas' }),
      scan('2026-12-01T10:00:00.000Z', { latitude: 30.27, longitude: -97.74, city: 'Austin' }),
    ]);
    expect(position?.city).toBe('Dallas');
  });
});
