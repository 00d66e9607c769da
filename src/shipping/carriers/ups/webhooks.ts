/**
 * UPS Track Alert webhooks: UPS POSTs one JSON event per scan to the subscribed URL with the
 * opaque `credential` header given at subscription (Waybill's `webhookCredential`). There is no
 * signature and no event id, so the credential is compared in constant time and the delivery id is
 * the SHA-256 of the exact body (a redelivery sends the same bytes). Pure.
 *
 * Event fields (UPSTrackAlert.yaml `TrackingEventRequest`): `trackingNumber` (sometimes with a
 * leading space), `localActivityDate`/`localActivityTime` (no offset), `gmtActivityDate`/
 * `gmtActivityTime`, `activityLocation{city, stateProvince, postalCode, country}`,
 * `activityStatus{type, code, description, descriptionCode}`, `scheduledDeliveryDate`,
 * `actualDeliveryDate`/`actualDeliveryTime`, `deliveryStartTime`/`deliveryEndTime`,
 * `deliveryTimeDescription`, `deliveryPhoto`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { header, type CarrierEvent, type WebhookHeaders, type WebhookParseResult, type WebhookTracking } from '../carrier.js';
import { imageDataUrl, upsEvent } from './events.js';
import { list, record, str, type Json } from './shapes.js';
import { etaInstant, offsetBetween, upsInstant } from './times.js';

function sameSecret(given: string, expected: string): boolean {
  // Hashing first gives equal lengths, so timingSafeEqual can compare any two strings.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function eventOf(body: Json, trackingNumber: string): CarrierEvent | null {
  const gmt = upsInstant(body.gmtActivityDate, body.gmtActivityTime, 0);
  const occurredAt = gmt ?? upsInstant(body.localActivityDate, body.localActivityTime, 0);
  if (occurredAt === null) return null;
  const status = record(body.activityStatus);
  const location = record(body.activityLocation);
  return upsEvent({
    trackingNumber,
    type: status?.type,
    code: status?.code,
    statusCode: status?.descriptionCode,
    description: status?.description,
    occurredAt,
    city: location?.city,
    region: location?.stateProvince,
    postalCode: location?.postalCode,
    country: location?.country ?? location?.countryCode,
    proofOfDelivery: imageDataUrl(body.deliveryPhoto),
    raw: body,
  });
}

function etaOf(body: Json): string | null {
  if (str(body.actualDeliveryDate) !== null) return null;
  // The local and GMT readings of the scan give its place's offset, the nearest to the destination's.
  const offset = offsetBetween(upsInstant(body.localActivityDate, body.localActivityTime, 0), upsInstant(body.gmtActivityDate, body.gmtActivityTime, 0));
  return etaInstant(body.scheduledDeliveryDate, body.deliveryEndTime, offset);
}

export function parseTrackAlert(rawBody: Buffer, headers: WebhookHeaders, credential: string | null): WebhookParseResult {
  const given = header(headers, 'credential');
  if (credential === null || credential === '' || given === undefined || !sameSecret(given, credential)) return { valid: false };
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return { valid: false };
  }
  const bodies = list(parsed);
  if (bodies.length === 0 || (Array.isArray(parsed) && bodies.length !== parsed.length)) return { valid: false };
  const updates = new Map<string, WebhookTracking>();
  for (const body of bodies) {
    const trackingNumber = str(body.trackingNumber)?.toUpperCase();
    if (!trackingNumber || record(body.activityStatus) === null) return { valid: false };
    const update = updates.get(trackingNumber) ?? { trackingNumber, events: [], estimatedDelivery: null };
    const event = eventOf(body, trackingNumber);
    if (event) update.events.push(event);
    update.estimatedDelivery = etaOf(body) ?? update.estimatedDelivery;
    updates.set(trackingNumber, update);
  }
  return { valid: true, delivery: { deliveryId: createHash('sha256').update(rawBody).digest('hex'), updates: [...updates.values()] } };
}
