/**
 * When a failed delivery is tried again. Pure: no I/O, `now` and the jitter come in as arguments.
 *
 * The schedule is the Standard Webhooks spec's example (the one Svix uses): ten attempts spanning
 * 75 h 35 min 5 s, so an endpoint that is down over a long weekend still gets its events. Each
 * delay gets up to +10% jitter (the spec recommends it: endpoints that failed together must not be
 * retried in lockstep); jitter only lengthens, so the span never falls below the schedule's.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Delay before each attempt, counted from the previous one; the first is immediate. */
export const retrySchedule: readonly number[] = [0, 5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 14 * HOUR, 20 * HOUR, 24 * HOUR];

export const MAX_JITTER = 0.1;
/** A receiver's Retry-After is honoured when it asks for longer than the schedule, up to this. */
export const MAX_RETRY_AFTER_MS = 24 * HOUR;

/** From the first attempt to the last, without jitter. */
export function scheduleSpanMs(schedule: readonly number[] = retrySchedule): number {
  return schedule.reduce((sum, delay) => sum + delay, 0);
}

/**
 * The time of the attempt after a failed attempt at `step` (0-based index into the schedule), or
 * null when that was the last one (the delivery is dead). `jitter` is in [0, 1).
 */
export function nextAttemptAt(step: number, now: Date, jitter: number, retryAfterMs: number | null = null, schedule: readonly number[] = retrySchedule): Date | null {
  const next = step + 1;
  if (next >= schedule.length) return null;
  const base = schedule[next]!;
  const delay = Math.max(Math.round(base * (1 + MAX_JITTER * Math.min(Math.max(jitter, 0), 0.999_999))), Math.min(retryAfterMs ?? 0, MAX_RETRY_AFTER_MS));
  return new Date(now.getTime() + delay);
}

/** A Retry-After header (seconds, or an HTTP date) as milliseconds from `now`; null when absent or unreadable. */
export function retryAfterMs(header: string | undefined, now: Date): number | null {
  if (header === undefined || header.trim() === '') return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * SECOND;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now.getTime()) : null;
}
