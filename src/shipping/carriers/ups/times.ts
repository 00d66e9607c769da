/**
 * Every timestamp form UPS sends, to RFC 3339 UTC. Pure.
 *  - Track API activity: `gmtDate` `20261122` + `gmtTime` either `15:15:00` (what production sends)
 *    or compact `151500`, sometimes with its leading zero dropped (`74700` is 07:47:00); else the
 *    local `date` + `time` (`101500`) at `gmtOffset` (`-05:00`).
 *  - Track Alert webhooks: `gmtActivityDate` + `gmtActivityTime`, else `localActivityDate` +
 *    `localActivityTime` with no offset at all (read as UTC: the best the payload allows).
 *  - Delivery dates and windows (`deliveryDate[].date` + `deliveryTime.endTime`, `scheduledDeliveryDate`
 *    + `deliveryEndTime`): local to the destination; the offset is taken from the latest scan.
 */
import { endOfDayUtc, parseDateParts, parseOffsetMinutes, utcFromLocal } from '../carrier-time.js';

function text(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** UPS drops leading zeros of compact times now and then (`74700`, `930`): put them back. */
export function normalizeTime(value: string): string {
  if (/^\d{5}$/.test(value)) return value.padStart(6, '0');
  if (/^\d{3}$/.test(value)) return value.padStart(4, '0');
  return value;
}

/** A UPS date (`YYYYMMDD`) and optional time at an offset (minutes east of UTC) → RFC 3339 UTC. */
export function upsInstant(date: unknown, time: unknown, offsetMinutes = 0): string | null {
  const d = text(date);
  if (d === null) return null;
  const t = text(time);
  return utcFromLocal(d, t === null ? null : normalizeTime(t), offsetMinutes);
}

/** A Track API activity's instant: GMT fields first, else local time at `gmtOffset`. */
export function activityInstant(activity: { date?: unknown; time?: unknown; gmtDate?: unknown; gmtTime?: unknown; gmtOffset?: unknown }): string | null {
  const gmt = text(activity.gmtDate) !== null && text(activity.gmtTime) !== null ? upsInstant(activity.gmtDate, activity.gmtTime, 0) : null;
  if (gmt !== null) return gmt;
  const offsetText = text(activity.gmtOffset);
  const offset = offsetText === null ? 0 : (parseOffsetMinutes(offsetText) ?? 0);
  return upsInstant(activity.date, activity.time, offset);
}

/** Minutes east of UTC implied by a local and a GMT reading of the same moment (to the quarter hour). */
export function offsetBetween(localUtc: string | null, gmtUtc: string | null): number | null {
  if (localUtc === null || gmtUtc === null) return null;
  const minutes = (Date.parse(localUtc) - Date.parse(gmtUtc)) / 60_000;
  const quarters = Math.round(minutes / 15) * 15;
  return Math.abs(quarters) <= 14 * 60 ? quarters : null;
}

/** `20261122` → `2026-11-22`, or null. */
export function dashedDate(value: unknown): string | null {
  const d = text(value);
  const parts = d === null ? null : parseDateParts(d);
  if (parts === null) return null;
  return `${parts[0]}-${String(parts[1]).padStart(2, '0')}-${String(parts[2]).padStart(2, '0')}`;
}

/**
 * An estimated delivery as an instant: the end of the window when UPS gives one (local to the
 * destination, at `offsetMinutes` when known), else the end of the day (UTC).
 */
export function etaInstant(date: unknown, endTime: unknown, offsetMinutes: number | null): string | null {
  const day = dashedDate(date);
  if (day === null) return null;
  const end = text(endTime);
  if (end !== null) {
    const at = upsInstant(date, end, offsetMinutes ?? 0);
    if (at !== null) return at;
  }
  return endOfDayUtc(day);
}
