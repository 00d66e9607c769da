import { describe, expect, it } from 'vitest';
import { addBusinessDays, isoToUtc, parseOffsetMinutes, utcFromLocal } from './carrier-time.js';

describe('carrier timestamps', () => {
  it('reads UPS compact local date and time with an offset', () => {
    expect(utcFromLocal('20261122', '101500', parseOffsetMinutes('-05:00')!)).toBe('2026-11-22T15:15:00.000Z');
    expect(utcFromLocal('20261122', '1015', parseOffsetMinutes('+0530')!)).toBe('2026-11-22T04:45:00.000Z');
  });

  it('reads ISO 8601 with and without offsets', () => {
    expect(isoToUtc('2026-11-22T10:15:00-06:00')).toBe('2026-11-22T16:15:00.000Z');
    expect(isoToUtc('2026-11-22T10:15:00Z')).toBe('2026-11-22T10:15:00.000Z');
    expect(isoToUtc('2026-11-22T10:15:00')).toBe('2026-11-22T10:15:00.000Z');
    expect(isoToUtc('2026-11-22 10:15')).toBe('2026-11-22T10:15:00.000Z');
    expect(isoToUtc('2026-11-22T10:15:00.5+01:00')).toBe('2026-11-22T09:15:00.500Z');
    expect(isoToUtc('2026-11-22')).toBe('2026-11-22T00:00:00.000Z');
  });

  it('refuses what is not a timestamp', () => {
    expect(isoToUtc('yesterday')).toBeNull();
    expect(isoToUtc('2026-13-01T00:00:00Z')).toBeNull();
    expect(utcFromLocal('2026112', '1015')).toBeNull();
    expect(isoToUtc(undefined)).toBeNull();
  });

  it('counts business days over weekends', () => {
    // 2026-11-20 is a Friday.
    expect(addBusinessDays(new Date('2026-11-20T12:00:00Z'), 1)).toBe('2026-11-23');
    expect(addBusinessDays(new Date('2026-11-20T12:00:00Z'), 5)).toBe('2026-11-27');
    expect(addBusinessDays(new Date('2026-11-20T12:00:00Z'), 0)).toBe('2026-11-20');
  });
});
