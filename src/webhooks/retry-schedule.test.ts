import { describe, expect, it } from 'vitest';
import { MAX_RETRY_AFTER_MS, nextAttemptAt, retryAfterMs, retrySchedule, scheduleSpanMs } from './retry-schedule.js';

const DAY = 24 * 60 * 60 * 1000;
const now = new Date('2026-11-22T10:00:00.000Z');

describe('the retry schedule', () => {
  it('spans more than three days from the first attempt to the last', () => {
    expect(retrySchedule[0]).toBe(0);
    expect(scheduleSpanMs()).toBeGreaterThan(3 * DAY);
    // Standard Webhooks' example schedule: 75 h 35 min 5 s.
    expect(scheduleSpanMs()).toBe(((75 * 60 + 35) * 60 + 5) * 1000);
  });

  it('walks the schedule and ends after the last attempt', () => {
    let at = now;
    for (let step = 0; step < retrySchedule.length - 1; step++) {
      const next = nextAttemptAt(step, at, 0)!;
      expect(next.getTime() - at.getTime()).toBe(retrySchedule[step + 1]);
      at = next;
    }
    expect(at.getTime() - now.getTime()).toBe(scheduleSpanMs());
    expect(nextAttemptAt(retrySchedule.length - 1, at, 0)).toBeNull();
  });

  it('adds at most 10% jitter, never less than the schedule', () => {
    const delay = retrySchedule[3]!;
    expect(nextAttemptAt(2, now, 0)!.getTime() - now.getTime()).toBe(delay);
    const most = nextAttemptAt(2, now, 0.999999)!.getTime() - now.getTime();
    expect(most).toBeGreaterThan(delay);
    expect(most).toBeLessThanOrEqual(delay * 1.1);
  });

  it('honours a longer Retry-After, up to a day', () => {
    expect(nextAttemptAt(0, now, 0, 60_000)!.getTime() - now.getTime()).toBe(60_000);
    expect(nextAttemptAt(3, now, 0, 1)!.getTime() - now.getTime()).toBe(retrySchedule[4]);
    expect(nextAttemptAt(0, now, 0, 10 * DAY)!.getTime() - now.getTime()).toBe(MAX_RETRY_AFTER_MS);
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Sun, 22 Nov 2026 10:01:00 GMT', now)).toBe(60_000);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(undefined, now)).toBeNull();
  });
});
