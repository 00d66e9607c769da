/**
 * FedEx Track API (`POST /track/v1/trackingnumbers`, up to 30 numbers a request) and the track
 * results it shares with the webhooks (`completeTrackResults[].trackResults[]`): scans to
 * CarrierEvents, the delivery estimate, and FedEx's not-found answer (an `error` inside a 200). Pure.
 */
import type { CarrierEvent, EventLocation, TrackResult } from '../carrier.js';
import { endOfDayUtc, isoToUtc } from '../carrier-time.js';
import { fedexEventCode, mapFedexScan } from './status-map.js';

export const TRACK_BATCH_SIZE = 30;

export function buildTrackRequest(trackingNumbers: readonly string[]): Record<string, unknown> {
  return { includeDetailedScans: true, trackingInfo: trackingNumbers.map((trackingNumber) => ({ trackingNumberInfo: { trackingNumber } })) };
}

type Json = Record<string, any>;

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

function locationOf(scanLocation: Json | undefined): EventLocation | null {
  if (!scanLocation) return null;
  const location: EventLocation = {
    city: text(scanLocation.city),
    region: text(scanLocation.stateOrProvinceCode),
    postal_code: text(scanLocation.postalCode),
    country: text(scanLocation.countryCode)?.toUpperCase() ?? null,
  };
  return Object.values(location).some((v) => v !== null) ? location : null;
}

/** `ESTIMATED_DELIVERY` at midnight is FedEx naming a day, not a time. */
function instantOrDay(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  if (/^\d{4}-\d{2}-\d{2}(T00:00(:00)?([+-]\d{2}:?\d{2}|Z)?)?$/.test(value.trim())) return endOfDayUtc(value.trim().slice(0, 10));
  return isoToUtc(value);
}

/** FedEx's estimate: the end of the estimated window, else the estimated date, else the standard transit window. */
export function estimatedDeliveryOf(result: Json): string | null {
  const window = isoToUtc(result.estimatedDeliveryTimeWindow?.window?.ends);
  if (window) return window;
  const dates: Json[] = Array.isArray(result.dateAndTimes) ? result.dateAndTimes : [];
  const estimated = instantOrDay(dates.find((d) => d?.type === 'ESTIMATED_DELIVERY')?.dateTime);
  if (estimated) return estimated;
  return isoToUtc(result.standardTransitTimeWindow?.window?.ends);
}

function proofOfDeliveryOf(result: Json): string | null {
  const images: Json[] = Array.isArray(result.availableImages) ? result.availableImages : [];
  const proof = images.find((i) => i?.type === 'SIGNATURE_PROOF_OF_DELIVERY' || i?.type === 'PICTURE_PROOF_OF_DELIVERY');
  // The document itself is fetched from FedEx's track documents endpoint by this type.
  return proof ? String(proof.type) : null;
}

function eventOf(trackingNumber: string, scan: Json, result: Json): CarrierEvent | null {
  const eventType = text(scan.eventType) ?? text(scan.derivedStatusCode);
  const occurredAt = isoToUtc(scan.date);
  if (eventType === null || occurredAt === null) return null;
  const exceptionCode = text(scan.exceptionCode);
  const mapped = mapFedexScan({ eventType, exceptionCode, delayType: text(scan.delayDetail?.type) });
  const delivered = mapped.status === 'delivered';
  return {
    eventId: null,
    trackingNumber,
    code: fedexEventCode(eventType, exceptionCode),
    description: text(scan.exceptionDescription) ?? text(scan.eventDescription) ?? text(scan.derivedStatus) ?? eventType,
    occurredAt,
    location: locationOf(scan.scanLocation),
    status: mapped.status,
    reason: mapped.reason,
    signedBy: delivered ? (text(result.deliveryDetails?.signedByName) ?? text(result.deliveryDetails?.receivedByName)) : null,
    proofOfDelivery: delivered ? proofOfDeliveryOf(result) : null,
    raw: scan,
  };
}

/** One track result's scans, oldest first (FedEx lists them newest first). */
export function eventsOf(trackingNumber: string, result: Json): CarrierEvent[] {
  const scans: Json[] = Array.isArray(result.scanEvents) ? result.scanEvents : [];
  return scans
    .map((scan) => eventOf(trackingNumber, scan, result))
    .filter((e): e is CarrierEvent => e !== null)
    .sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0));
}

/** One complete track result: found with its events, or FedEx's reason for not finding it. */
export function trackResultOf(trackingNumber: string, complete: Json | undefined): TrackResult {
  const results: Json[] = Array.isArray(complete?.trackResults) ? complete.trackResults : [];
  // A reused number can come back as a miss and a match; the match is the shipment.
  const found = results.find((r) => r && !r.error);
  if (!found) {
    const error = results.find((r) => r?.error)?.error;
    return { found: false, trackingNumber, message: text(error?.message) ?? text(error?.code) ?? 'FedEx returned no tracking for this number' };
  }
  return { found: true, trackingNumber, events: eventsOf(trackingNumber, found), estimatedDelivery: estimatedDeliveryOf(found) };
}

export function completeTrackResultsOf(body: unknown): Json[] {
  const list = (body as Json)?.output?.completeTrackResults;
  return Array.isArray(list) ? list.filter((c) => typeof c === 'object' && c !== null) : [];
}

/** One TrackResult per number asked, in the order asked. */
export function parseTrackReply(body: unknown, trackingNumbers: readonly string[]): TrackResult[] {
  const completes = completeTrackResultsOf(body);
  return trackingNumbers.map((n) => trackResultOf(n, completes.find((c) => c.trackingNumber === n)));
}
