/**
 * UPS Track Alert subscriptions (UPSTrackAlert.yaml of UPS-API/api-documentation, API v1):
 * `POST /api/track/v1/subscription/standard/package` with a `TrackSubsServiceRequest`
 * `{locale, countryCode, trackingNumberList: [≤100 1Z numbers], destination: {url, credentialType,
 * credential}}` (both `locale` and `countryCode` "reserved for future use" but required). UPS sends
 * `credential` back in a header on every event to `url` (webhooks.ts checks it) for 14 days.
 *
 * UPS answers 200 with `TrackSubsServiceResponse{validTrackingNumbers, invalidTrackingNumbers}`:
 * the numbers it subscribed and those it refused; a request with no valid number at all is a 400
 * `TrackSubsServiceErrorResponse` (`{response: {errors: [{code: "VSS210", …}]}, invalidTrackingNumbers}`).
 * Pure.
 */
import { record, str, type Json } from './shapes.js';

export const TRACK_ALERT_PATH = '/api/track/v1/subscription/standard/package';
/** UPS refuses a whole request of more than 100 numbers (VSS220). */
export const TRACK_ALERT_MAX_NUMBERS = 100;

export function buildTrackAlertRequest(trackingNumbers: readonly string[], url: string, credential: string): Json {
  return {
    locale: 'en_US',
    countryCode: 'US',
    trackingNumberList: [...trackingNumbers],
    // "An open-entry field that indicates type of credentials supported by the client": UPS sends the
    // credential as it is; Bearer is the example the file gives.
    destination: { url, credentialType: 'Bearer', credential },
  };
}

function numbers(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((v) => str(v)).filter((v): v is string => v !== null);
}

/** The numbers of a 200 answer, or null when the body is not a TrackSubsServiceResponse. */
export function readTrackAlertResponse(body: unknown): { valid: string[]; invalid: string[] } | null {
  const root = record(body);
  if (root === null || (!Array.isArray(root.validTrackingNumbers) && !Array.isArray(root.invalidTrackingNumbers))) return null;
  return { valid: numbers(root.validTrackingNumbers), invalid: numbers(root.invalidTrackingNumbers) };
}

/** The refused numbers a 400 error body lists (UPS names them when none of them was valid). */
export function invalidNumbersOfError(body: unknown): string[] {
  return numbers(record(body)?.invalidTrackingNumbers);
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
