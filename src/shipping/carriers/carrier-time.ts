/**
 * Carriers' timestamps, every form they send, to RFC 3339 UTC. Pure.
 *  - ISO 8601 with an offset or Z (FedEx, DHL): taken as it says.
 *  - ISO 8601 without an offset (FedEx and DHL sometimes; USPS local times): local to the scan, whose
 *    offset the payload does not carry; read as UTC unless the caller has the offset (UPS and USPS
 *    send a GMT companion field, which callers prefer).
 *  - Compact date and time (UPS `20261122` + `101500`), with an optional offset (`-05:00`, `-0500`).
 */

const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const DASHED_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const COMPACT_TIME = /^(\d{2})(\d{2})(\d{2})?$/;
const COLON_TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;
const OFFSET = /^([+-])(\d{2}):?(\d{2})$/;

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** `20261122` or `2026-11-22` → [y, m, d], or null. */
export function parseDateParts(value: string): [number, number, number] | null {
  const m = COMPACT_DATE.exec(value.trim()) ?? DASHED_DATE.exec(value.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return [y, mo, d];
}

/** `101500`, `1015`, `10:15`, `10:15:00`, `10:15:00.123` → [h, m, s, ms], or null. */
export function parseTimeParts(value: string): [number, number, number, number] | null {
  const v = value.trim();
  const compact = COMPACT_TIME.exec(v);
  if (compact) return [Number(compact[1]), Number(compact[2]), Number(compact[3] ?? 0), 0];
  const colon = COLON_TIME.exec(v);
  if (!colon) return null;
  const ms = colon[4] ? Number(colon[4].slice(0, 3).padEnd(3, '0')) : 0;
  return [Number(colon[1]), Number(colon[2]), Number(colon[3] ?? 0), ms];
}

/** `-05:00`, `-0500`, `+0530`, `Z` → minutes east of UTC, or null. */
export function parseOffsetMinutes(value: string): number | null {
  const v = value.trim();
  if (v === 'Z' || v === 'z') return 0;
  const m = OFFSET.exec(v);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

/**
 * A local date and time at a known offset (minutes east of UTC; 0 when unknown) → RFC 3339 UTC, or
 * null when either part does not parse.
 */
export function utcFromLocal(date: string, time: string | null | undefined, offsetMinutes = 0): string | null {
  const d = parseDateParts(date);
  if (!d) return null;
  const t = time ? parseTimeParts(time) : [0, 0, 0, 0];
  if (!t) return null;
  const ms = Date.UTC(d[0], d[1] - 1, d[2], t[0], t[1], t[2], t[3]) - offsetMinutes * 60_000;
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/**
 * ISO 8601 as carriers send it (`2026-11-22T10:15:00-05:00`, `…Z`, `2026-11-22T10:15:00`,
 * `2026-11-22 10:15:00`, `2026-11-22`) → RFC 3339 UTC, or null. Without an offset it is read as UTC.
 */
export function isoToUtc(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const v = value.trim();
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)\s*(Z|z|[+-]\d{2}:?\d{2})?)?$/.exec(v);
  if (!m) return null;
  const offset = m[3] ? parseOffsetMinutes(m[3]) : 0;
  if (offset === null) return null;
  return utcFromLocal(m[1]!, m[2] ?? null, offset);
}

/** A UTC instant's calendar date, `YYYY-MM-DD`. */
export function utcDate(at: Date): string {
  return `${at.getUTCFullYear()}-${two(at.getUTCMonth() + 1)}-${two(at.getUTCDate())}`;
}

/** `YYYY-MM-DD` plus `days` business days (Monday to Friday), counting from the day after `from`. */
export function addBusinessDays(from: Date, days: number): string {
  const at = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  let left = Math.max(0, Math.round(days));
  while (left > 0) {
    at.setUTCDate(at.getUTCDate() + 1);
    const weekday = at.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return utcDate(at);
}

/** The end of a `YYYY-MM-DD` day in UTC (an ETA given as a date is met until then). */
export function endOfDayUtc(date: string): string {
  return `${date}T23:59:59.999Z`;
}
