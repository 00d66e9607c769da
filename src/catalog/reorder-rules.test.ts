import { describe, expect, it } from 'vitest';
import { averageDailyDemand, daysOfCover, demandWindowStart, leadTimeDaysOf, suggestedReorderQuantity } from './reorder-rules.js';

describe('average daily demand', () => {
  it('divides the net units by the days of the window, never below 0', () => {
    expect(averageDailyDemand({ netUnits: 60, windowDays: 30 })).toBe(2);
    expect(averageDailyDemand({ netUnits: 10, windowDays: 30 })).toBeCloseTo(0.3333, 4);
    expect(averageDailyDemand({ netUnits: 0, windowDays: 30 })).toBe(0);
    // More released than reserved in the window (old orders cancelled): no demand, not a negative one.
    expect(averageDailyDemand({ netUnits: -4, windowDays: 30 })).toBe(0);
  });
});

describe('the suggested quantity', () => {
  it('is ceil(average × lead time + safety stock)', () => {
    expect(suggestedReorderQuantity({ netUnits: 60, windowDays: 30 }, 7, 5)).toBe(19);
    // 10 / 30 × 7 = 2.33… → 3, plus the safety stock.
    expect(suggestedReorderQuantity({ netUnits: 10, windowDays: 30 }, 7, 4)).toBe(7);
  });

  it('is exact where a float average would round up a whole number', () => {
    // 0.1 × 30 is 3.0000000000000004 in floating point; 3 units over 30 days for 30 days is 3.
    expect(suggestedReorderQuantity({ netUnits: 3, windowDays: 30 }, 30, 0)).toBe(3);
    expect(suggestedReorderQuantity({ netUnits: 30, windowDays: 30 }, 7, 0)).toBe(7);
  });

  it('is the safety stock alone without demand or lead time', () => {
    expect(suggestedReorderQuantity({ netUnits: 0, windowDays: 30 }, 14, 6)).toBe(6);
    expect(suggestedReorderQuantity({ netUnits: 90, windowDays: 30 }, 0, 2)).toBe(2);
    expect(suggestedReorderQuantity({ netUnits: -9, windowDays: 30 }, 14, 0)).toBe(0);
  });
});

describe('days of cover', () => {
  it('is available ÷ average daily demand, to one decimal', () => {
    expect(daysOfCover(10, { netUnits: 60, windowDays: 30 })).toBe(5);
    expect(daysOfCover(7, { netUnits: 30, windowDays: 14 })).toBe(3.3);
  });

  it('is null without demand and 0 with nothing available', () => {
    expect(daysOfCover(10, { netUnits: 0, windowDays: 30 })).toBeNull();
    expect(daysOfCover(10, { netUnits: -3, windowDays: 30 })).toBeNull();
    expect(daysOfCover(0, { netUnits: 30, windowDays: 30 })).toBe(0);
    expect(daysOfCover(-2, { netUnits: 30, windowDays: 30 })).toBe(0);
  });
});

describe('the window and the lead time', () => {
  it('starts the window whole days before now', () => {
    expect(demandWindowStart(new Date('2026-11-22T10:00:00.000Z'), 30)).toBe('2026-10-23T10:00:00.000Z');
  });

  it("takes the product's lead time, else its supplier's", () => {
    expect(leadTimeDaysOf(5, 12)).toBe(5);
    expect(leadTimeDaysOf(0, 12)).toBe(12);
    expect(leadTimeDaysOf(0, null)).toBe(0);
  });
});
