/**
 * Tracking from USPS Tracking 3.0: GET /tracking/v3/tracking/{trackingNumber}?expand=DETAIL, one
 * number a call. The answer's `trackingEvents` (newest first) become Waybill events; the same
 * reading serves the tracking subscription notifications (webhooks.ts). Pure except `trackUsps`.
 *
 * Timestamps, every form USPS uses:
 *  - `GMTTimestamp`: UTC with Z (`2024-04-04T14:03:12.041Z`): preferred, it is the instant;
 *  - `eventTimestamp`: the LOCAL wall-clock time of the scan (`2026-11-22T10:15:00`; USPS's own
 *    example writes it with a misleading `Z`), with `GMTOffset` (`-06:00`, or `-7:00` in the
 *    OpenAPI example) giving the offset: local time minus offset is the instant;
 *  - `eventTimestamp` alone: taken as it is written (a Z or an offset is honoured).
 */
import { CarrierError, type CarrierEvent, type EventLocation, type TrackResult } from '../carrier.js';
import { endOfDayUtc, isoToUtc, parseOffsetMinutes, utcFromLocal } from '../carrier-time.js';
import type { UspsSession } from './auth.js';
import { readUspsError } from './errors.js';
import { mapUspsEventCode } from './status-map.js';

type Json = Record<string, unknown>;

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** `-06:00`, `-0600`, `-6:00`, `+5:30` → minutes east of UTC, or null. */
export function gmtOffsetMinutes(value: unknown): number | null {
  const v = str(value);
  if (v === null) return null;
  const m = /^([+-])(\d{1,2}):?(\d{2})$/.exec(v);
  return m ? parseOffsetMinutes(`${m[1]}${m[2]!.padStart(2, '0')}:${m[3]}`) : parseOffsetMinutes(v);
}

export function eventInstant(event: Json): string | null {
  const gmt = isoToUtc(str(event.GMTTimestamp));
  if (gmt !== null) return gmt;
  const local = str(event.eventTimestamp);
  if (local === null) return null;
  const offset = gmtOffsetMinutes(event.GMTOffset);
  if (offset !== null) {
    const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)/.exec(local);
    if (m) return utcFromLocal(m[1]!, m[2]!, offset);
  }
  return isoToUtc(local);
}

function location(event: Json): EventLocation | null {
  const city = str(event.eventCity);
  const region = str(event.eventState);
  const postal = str(event.eventZIP) ?? str(event.eventZIPCode);
  const rawCountry = str(event.eventCountry);
  if (city === null && region === null && postal === null && rawCountry === null) return null;
  // USPS leaves `eventCountry` empty for domestic scans and writes names ("CANADA") abroad:
  // only a two-letter code is trusted as ISO.
  const country = rawCountry !== null ? (/^[A-Za-z]{2}$/.test(rawCountry) ? rawCountry.toUpperCase() : null) : region !== null || postal !== null ? 'US' : null;
  return { city, region, postal_code: postal, country };
}

export function toCarrierEvent(trackingNumber: string, event: Json): CarrierEvent | null {
  const occurredAt = eventInstant(event);
  if (occurredAt === null) return null;
  const code = str(event.eventCode) ?? '';
  const mapped = mapUspsEventCode(code);
  const delivered = mapped.status === 'delivered';
  return {
    eventId: null,
    trackingNumber,
    code,
    description: str(event.eventType) ?? '',
    occurredAt,
    location: location(event),
    status: mapped.status,
    reason: mapped.reason,
    // `name` is who signed, on a delivery (`authorizedAgent` says whether an agent did).
    signedBy: delivered ? str(event.name) : null,
    // USPS sends proof of delivery by email on request (POST …/proof-of-delivery), not inline.
    proofOfDelivery: null,
    raw: event,
  };
}

/** RFC 3339 UTC of the ETA: `expectedDeliveryTimeStamp`, else the end of the expected day. */
export function expectedDelivery(details: Json): string | null {
  const stamp = str(details.expectedDeliveryTimeStamp);
  if (stamp !== null) {
    if (/^\d{4}-\d{2}-\d{2}$/.test(stamp)) return endOfDayUtc(stamp);
    const at = isoToUtc(stamp);
    if (at !== null) return at;
  }
  for (const key of ['predictedDeliveryDate', 'expectedDeliveryDate']) {
    const date = str(details[key]);
    if (date !== null && /^\d{4}-\d{2}-\d{2}/.test(date)) return endOfDayUtc(date.slice(0, 10));
  }
  return null;
}

/** The events of a TrackingDetails object, oldest first (USPS lists them newest first). */
export function readTrackingDetails(requested: string, details: Json): { trackingNumber: string; events: CarrierEvent[]; estimatedDelivery: string | null } {
  const trackingNumber = str(details.trackingNumber) ?? requested;
  const rawEvents = Array.isArray(details.trackingEvents) ? (details.trackingEvents as unknown[]) : [];
  const events = rawEvents
    .filter((e): e is Json => typeof e === 'object' && e !== null)
    .map((e) => toCarrierEvent(trackingNumber, e))
    .filter((e): e is CarrierEvent => e !== null)
    .sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0));
  return { trackingNumber, events, estimatedDelivery: expectedDelivery(details) };
}

export async function trackUsps(session: UspsSession, trackingNumbers: readonly string[]): Promise<TrackResult[]> {
  const results: TrackResult[] = [];
  // Tracking 3.0 takes one number per GET.
  for (const number of trackingNumbers) {
    const response = await session.send('track', `/tracking/v3/tracking/${encodeURIComponent(number)}?expand=DETAIL`);
    if (response.status === 200 && typeof response.body === 'object' && response.body !== null && !Array.isArray(response.body)) {
      results.push({ found: true, ...readTrackingDetails(number, response.body as Json) });
    } else if (response.status === 404 || response.status === 400) {
      // 404: USPS does not know the number; 400: it is no tracking number USPS could know.
      results.push({ found: false, trackingNumber: number, message: readUspsError(response).message });
    } else {
      // Neither an answer nor "unknown number": a request USPS calls malformed is a bug to see.
      const problem = readUspsError(response);
      throw new CarrierError('usps', 'track', false, `HTTP ${response.status} ${problem.code}: ${problem.message}`, response.status);
    }
  }
  return results;
}
