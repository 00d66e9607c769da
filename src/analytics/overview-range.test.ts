import { describe, expect, it } from 'vitest';
import { overviewRange } from './overview-range.js';

const now = new Date('2026-12-15T10:30:00.000Z');

describe('overviewRange', () => {
  it('defaults to 30 whole UTC days ending now', () => {
    expect(overviewRange({}, now)).toEqual({ from: new Date('2026-11-16T00:00:00.000Z'), to: now });
  });

  it('takes 30 days before a given end when only to is given', () => {
    expect(overviewRange({ to: '2026-06-30T12:00:00Z' }, now)).toEqual({ from: new Date('2026-06-01T00:00:00.000Z'), to: new Date('2026-06-30T12:00:00Z') });
  });

  it('reads offsets as the instants they are', () => {
    const range = overviewRange({ from: '2026-12-01T00:00:00+01:00', to: '2026-12-02T00:00:00Z' }, now);
    expect(range).toEqual({ from: new Date('2026-11-30T23:00:00.000Z'), to: new Date('2026-12-02T00:00:00.000Z') });
  });

  it('refuses from after to, and ranges over 366 days', () => {
    expect(overviewRange({ from: '2026-12-02T00:00:00Z', to: '2026-12-01T00:00:00Z' }, now)).toEqual([{ path: 'query.from', message: 'must not be after to' }]);
    expect(overviewRange({ from: '2026-12-16T00:00:00Z' }, now)).toEqual([{ path: 'query.from', message: 'must not be after to' }]);
    expect(overviewRange({ from: '2025-01-01T00:00:00Z', to: '2026-01-02T00:00:00.001Z' }, now)).toEqual([{ path: 'query.to', message: 'must be at most 366 days after from' }]);
    expect(overviewRange({ from: '2025-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' }, now)).not.toBeInstanceOf(Array);
  });
});
