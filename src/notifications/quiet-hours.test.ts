import { describe, expect, it } from 'vitest';
import { isQuiet, nextSendTime, parseQuietHours } from './quiet-hours.js';

const at = (iso: string) => new Date(iso);
const LA = 'America/Los_Angeles';
const PARIS = 'Europe/Paris';

describe('nextSendTime (default 21:00–08:00)', () => {
  it('22:30 in Los Angeles waits for 08:00 the next morning there', () => {
    // 2026-06-10 22:30 PDT = 2026-06-11 05:30Z → 2026-06-11 08:00 PDT = 15:00Z.
    expect(nextSendTime(at('2026-06-11T05:30:00Z'), LA).toISOString()).toBe('2026-06-11T15:00:00.000Z');
  });

  it('07:59 waits one minute, to 08:00 the same day', () => {
    expect(nextSendTime(at('2026-06-11T14:59:00Z'), LA).toISOString()).toBe('2026-06-11T15:00:00.000Z');
  });

  it('midday sends now', () => {
    const now = at('2026-06-11T19:00:00.123Z'); // 12:00 PDT
    expect(nextSendTime(now, LA)).toBe(now);
  });

  it('the edges: 20:59 sends, 21:00 waits, 08:00 sends', () => {
    expect(nextSendTime(at('2026-06-11T03:59:00Z'), LA).toISOString()).toBe('2026-06-11T03:59:00.000Z');
    expect(nextSendTime(at('2026-06-11T04:00:00Z'), LA).toISOString()).toBe('2026-06-11T15:00:00.000Z');
    expect(nextSendTime(at('2026-06-11T15:00:00Z'), LA).toISOString()).toBe('2026-06-11T15:00:00.000Z');
  });

  it('the night clocks spring forward in Los Angeles (8½ hours, not 9½)', () => {
    // 2026-03-07 22:30 PST = 03-08 06:30Z; at 02:00 the clocks jump to 03:00 PDT; 08:00 PDT = 15:00Z.
    expect(nextSendTime(at('2026-03-08T06:30:00Z'), LA).toISOString()).toBe('2026-03-08T15:00:00.000Z');
  });

  it('the night clocks fall back in Los Angeles', () => {
    // 2026-10-31 22:30 PDT = 11-01 05:30Z; at 02:00 PDT the clocks go back to 01:00 PST; 08:00 PST = 16:00Z.
    expect(nextSendTime(at('2026-11-01T05:30:00Z'), LA).toISOString()).toBe('2026-11-01T16:00:00.000Z');
    // 01:30 PST, the second time the clock shows it.
    expect(nextSendTime(at('2026-11-01T09:30:00Z'), LA).toISOString()).toBe('2026-11-01T16:00:00.000Z');
  });

  it('Paris: 23:15 CET waits for 08:00 CET; summer time in CEST', () => {
    expect(nextSendTime(at('2026-01-15T22:15:00Z'), PARIS).toISOString()).toBe('2026-01-16T07:00:00.000Z');
    expect(nextSendTime(at('2026-07-15T05:00:00Z'), PARIS).toISOString()).toBe('2026-07-15T06:00:00.000Z'); // 07:00 CEST
    expect(nextSendTime(at('2026-07-15T10:00:00Z'), PARIS).toISOString()).toBe('2026-07-15T10:00:00.000Z');
  });

  it('Paris the night of the change to summer time (2026-03-29)', () => {
    // 22:00 CET on the 28th; 08:00 CEST on the 29th = 06:00Z.
    expect(nextSendTime(at('2026-03-28T21:00:00Z'), PARIS).toISOString()).toBe('2026-03-29T06:00:00.000Z');
  });

  it('the same instant is quiet in one zone and not in another', () => {
    const now = at('2026-06-11T05:30:00Z'); // 22:30 in LA, 07:30 in Paris, 14:30 in Tokyo
    expect(isQuiet(now, LA)).toBe(true);
    expect(isQuiet(now, PARIS)).toBe(true);
    expect(isQuiet(now, 'Asia/Tokyo')).toBe(false);
    expect(nextSendTime(now, PARIS).toISOString()).toBe('2026-06-11T06:00:00.000Z');
  });
});

describe('configured windows', () => {
  it('parses HH:MM-HH:MM with minutes', () => {
    expect(parseQuietHours('21:00-08:00')).toEqual({ startHour: 21, startMinute: 0, endHour: 8, endMinute: 0 });
    expect(parseQuietHours('22:30-07:45')).toEqual({ startHour: 22, startMinute: 30, endHour: 7, endMinute: 45 });
    expect(parseQuietHours(' 9:05 - 17:00 ')).toEqual({ startHour: 9, startMinute: 5, endHour: 17, endMinute: 0 });
  });

  it.each(['', '21-08', '24:00-08:00', '21:60-08:00', '21:00', 'night'])('refuses %j', (value) => {
    expect(() => parseQuietHours(value)).toThrow(RangeError);
  });

  it('honours minutes on both edges', () => {
    const quiet = parseQuietHours('22:30-07:45');
    expect(nextSendTime(at('2026-06-11T05:29:00Z'), LA, quiet).toISOString()).toBe('2026-06-11T05:29:00.000Z'); // 22:29
    expect(nextSendTime(at('2026-06-11T05:30:00Z'), LA, quiet).toISOString()).toBe('2026-06-11T14:45:00.000Z');
  });

  it('a window that does not wrap midnight', () => {
    const quiet = parseQuietHours('12:00-14:00');
    expect(nextSendTime(at('2026-06-11T19:30:00Z'), LA, quiet).toISOString()).toBe('2026-06-11T21:00:00.000Z');
    expect(nextSendTime(at('2026-06-11T22:00:00Z'), LA, quiet).toISOString()).toBe('2026-06-11T22:00:00.000Z');
  });

  it('an empty window (start = end) never waits', () => {
    const now = at('2026-06-11T05:30:00Z');
    expect(nextSendTime(now, LA, parseQuietHours('08:00-08:00'))).toBe(now);
  });

  it('a window ending inside the skipped hour ends when the clocks jump', () => {
    // Paris 2026-03-29: 02:00 CET becomes 03:00 CEST (01:00Z); 02:30 never happens there.
    const quiet = parseQuietHours('23:00-02:30');
    expect(nextSendTime(at('2026-03-28T23:30:00Z'), PARIS, quiet).toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });

  it('a window ending inside the repeated hour ends the first time the clock shows it', () => {
    // Los Angeles 2026-11-01: 01:30 PDT (08:30Z), then 01:30 PST again (09:30Z).
    const quiet = parseQuietHours('23:00-01:30');
    expect(nextSendTime(at('2026-11-01T07:00:00Z'), LA, quiet).toISOString()).toBe('2026-11-01T08:30:00.000Z');
  });
});
