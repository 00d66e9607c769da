import { describe, expect, it } from 'vitest';
import { dailySeries, utcDates } from './daily-series.js';

describe('utcDates', () => {
  it('lists every UTC day from the first to the last, both included', () => {
    expect(utcDates(new Date('2026-02-27T23:00:00Z'), new Date('2026-03-02T00:00:00Z'))).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(utcDates(new Date('2026-03-01T10:00:00Z'), new Date('2026-03-01T11:00:00Z'))).toEqual(['2026-03-01']);
  });
});

describe('dailySeries', () => {
  it('fills days without orders with zeros, oldest first', () => {
    const days = dailySeries(new Date('2026-03-01T00:00:00Z'), new Date('2026-03-03T12:00:00Z'), [
      { day: '2026-03-02', currency: 'USD', orders: 3, revenue: 4500, counted: 2 },
    ]);
    expect(days).toEqual([
      { date: '2026-03-01', orders: 0, revenue: [] },
      { date: '2026-03-02', orders: 3, revenue: [{ currency: 'USD', amount: 4500 }] },
      { date: '2026-03-03', orders: 0, revenue: [] },
    ]);
  });

  it('counts every order of a day but lists only currencies with revenue, by code', () => {
    const days = dailySeries(new Date('2026-03-01T00:00:00Z'), new Date('2026-03-01T23:00:00Z'), [
      { day: '2026-03-01', currency: 'USD', orders: 1, revenue: 1000, counted: 1 },
      { day: '2026-03-01', currency: 'GBP', orders: 2, revenue: 0, counted: 0 },
      { day: '2026-03-01', currency: 'EUR', orders: 1, revenue: 250, counted: 1 },
    ]);
    expect(days).toEqual([{ date: '2026-03-01', orders: 4, revenue: [{ currency: 'EUR', amount: 250 }, { currency: 'USD', amount: 1000 }] }]);
  });
});
