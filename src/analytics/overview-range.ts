/**
 * The period of the dashboard's figures: `from` and `to` as given, or the last 30 days — the 29
 * whole UTC days before today's and today up to now, so that the day series has 30 whole entries
 * rather than a partial first day. At most 366 days, so that one request cannot ask for decades
 * of daily rows. Pure: `now` is an argument.
 */
import type { FieldError } from '../platform/errors.js';

export const DEFAULT_DAYS = 30;
export const MAX_RANGE_DAYS = 366;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface OverviewRange {
  from: Date;
  to: Date;
}

function startOfUtcDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

/** The range asked for, or the problems with it (as field errors on the query). */
export function overviewRange(query: { from?: string; to?: string }, now: Date): OverviewRange | FieldError[] {
  const to = query.to === undefined ? now : new Date(query.to);
  const from = query.from === undefined ? new Date(startOfUtcDay(to).getTime() - (DEFAULT_DAYS - 1) * DAY_MS) : new Date(query.from);
  if (from.getTime() > to.getTime()) return [{ path: 'query.from', message: 'must not be after to' }];
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) return [{ path: 'query.to', message: `must be at most ${MAX_RANGE_DAYS} days after from` }];
  return { from, to };
}
