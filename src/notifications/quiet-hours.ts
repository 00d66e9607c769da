/**
 * SMS quiet hours: no text between, by default, 21:00 and 08:00 in the customer's own time zone; a
 * message due then waits for the end of the window. Pure: takes `now` and an IANA zone, and uses only
 * what Intl knows about zones, so daylight-saving changes are handled by the runtime's tz data.
 */

export interface QuietHours {
  startHour: number;
  startMinute?: number;
  endHour: number;
  endMinute?: number;
}

export const defaultQuietHours: Readonly<Required<QuietHours>> = Object.freeze({ startHour: 21, startMinute: 0, endHour: 8, endMinute: 0 });

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Parses `HH:MM-HH:MM` (24-hour). A window may wrap midnight (`21:00-08:00`) or not (`12:00-14:00`). */
export function parseQuietHours(value: string): Required<QuietHours> {
  const match = /^\s*([01]?\d|2[0-3]):([0-5]\d)\s*-\s*([01]?\d|2[0-3]):([0-5]\d)\s*$/.exec(value);
  if (!match) throw new RangeError(`quiet hours must look like 21:00-08:00, got "${value}"`);
  const [, sh, sm, eh, em] = match.map(Number) as [number, number, number, number, number];
  return { startHour: sh, startMinute: sm, endHour: eh, endMinute: em };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallOf(instant: number, timeZone: string): Wall {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute!, second: parts.second! };
}

/** The zone's wall clock at `instant`, read as if it were UTC: comparable with `Date.UTC(...)`. */
function localMs(instant: number, timeZone: string): number {
  const w = wallOf(instant, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/**
 * The first instant whose wall clock in the zone reads `target` (a `Date.UTC` of the wall time) or
 * later: the earlier of the two when the clock goes back and shows it twice, the moment the clock
 * jumps when it skips over it.
 */
function instantAtWall(target: number, timeZone: string): number {
  const offsets = new Set([-DAY, 0, DAY].map((d) => localMs(target + d, timeZone) - (target + d)));
  const candidates = [...offsets].map((offset) => target - offset).sort((a, b) => a - b);
  const exact = candidates.find((t) => localMs(t, timeZone) === target);
  if (exact !== undefined) return exact;
  // A gap (spring forward): bisect to the first minute at or after the target wall time.
  let lo = candidates[0]!;
  let hi = candidates[candidates.length - 1]!;
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (localMs(mid, timeZone) >= target) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** True when the wall-clock minute of day falls inside the window; an empty window (start = end) never does. */
export function isQuiet(now: Date, timeZone: string, quiet: QuietHours = defaultQuietHours): boolean {
  const w = wallOf(now.getTime(), timeZone);
  return inWindow(w.hour * 60 + w.minute, quiet);
}

function inWindow(minuteOfDay: number, quiet: QuietHours): boolean {
  const start = quiet.startHour * 60 + (quiet.startMinute ?? 0);
  const end = quiet.endHour * 60 + (quiet.endMinute ?? 0);
  if (start === end) return false;
  return start < end ? minuteOfDay >= start && minuteOfDay < end : minuteOfDay >= start || minuteOfDay < end;
}

/**
 * When an SMS may go out: `now` itself outside quiet hours in `timeZone`, else the end of the window
 * (the next `endHour:endMinute` on that zone's clock, across a daylight-saving change if need be).
 */
export function nextSendTime(now: Date, timeZone: string, quiet: QuietHours = defaultQuietHours): Date {
  const w = wallOf(now.getTime(), timeZone);
  const minuteOfDay = w.hour * 60 + w.minute;
  if (!inWindow(minuteOfDay, quiet)) return now;
  const end = quiet.endHour * 60 + (quiet.endMinute ?? 0);
  // Past the end today means the window wrapped midnight and ends tomorrow.
  const dayShift = minuteOfDay >= end ? 1 : 0;
  const target = Date.UTC(w.year, w.month - 1, w.day + dayShift, quiet.endHour, quiet.endMinute ?? 0, 0);
  return new Date(instantAtWall(target, timeZone));
}
