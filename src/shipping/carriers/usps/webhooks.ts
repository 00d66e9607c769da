/**
 * Notifications of USPS Subscriptions - Tracking 3.0. A subscription (POST
 * /subscriptions-tracking/v3/subscriptions) names a `listenerURL` and a `secret`; USPS POSTs
 * each tracking update there, signed with an HMAC-SHA256 of the raw body keyed by that secret,
 * in the `X-HMAC` header. USPS's public material names the header but not the digest's text
 * form, so both hex and Base64 are accepted (an optional `sha256=` prefix too). No configured
 * secret, no header or a wrong digest → `{valid: false}`.
 *
 * The body carries tracking details as Tracking 3.0 does (`trackingNumber`, `trackingEvents`
 * with the same event fields): one object, a list of them, or either under `trackingDetails`
 * / `notifications`; a notification id when USPS gives one (`notificationId`, `eventId`),
 * else a hash of the body, identifies a redelivery. Pure.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { header, type WebhookHeaders, type WebhookParseResult, type WebhookTracking } from '../carrier.js';
import { readTrackingDetails } from './tracking.js';

export const USPS_SIGNATURE_HEADER = 'x-hmac';

type Json = Record<string, unknown>;

function digestFromHeader(value: string): Buffer | null {
  const v = value.trim().replace(/^sha256=/i, '');
  if (/^[0-9a-f]{64}$/i.test(v)) return Buffer.from(v, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(v)) {
    const b = Buffer.from(v.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    return b.length === 32 ? b : null;
  }
  return null;
}

export function signUspsBody(rawBody: Buffer | string, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('hex');
}

export function verifyUspsSignature(rawBody: Buffer, headers: WebhookHeaders, secret: string | null): boolean {
  if (secret === null || secret === '') return false;
  const provided = header(headers, USPS_SIGNATURE_HEADER);
  if (provided === undefined) return false;
  const given = digestFromHeader(provided);
  if (given === null) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return timingSafeEqual(given, expected);
}

function detailsOf(body: unknown): Json[] {
  if (Array.isArray(body)) return body.flatMap(detailsOf);
  if (typeof body !== 'object' || body === null) return [];
  const b = body as Json;
  if (typeof b.trackingNumber === 'string' && b.trackingNumber !== '') {
    // One event alone (`trackingEvent`) is one-element `trackingEvents`.
    if (!Array.isArray(b.trackingEvents) && typeof b.trackingEvent === 'object' && b.trackingEvent !== null) return [{ ...b, trackingEvents: [b.trackingEvent] }];
    return [b];
  }
  for (const key of ['trackingDetails', 'notifications', 'trackingNumbers', 'data']) {
    if (key in b) return detailsOf(b[key]);
  }
  return [];
}

export function parseUspsWebhook(rawBody: Buffer, headers: WebhookHeaders, secret: string | null): WebhookParseResult {
  if (!verifyUspsSignature(rawBody, headers, secret)) return { valid: false };
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return { valid: false };
  }
  const updates: WebhookTracking[] = detailsOf(body).map((d) => readTrackingDetails(d.trackingNumber as string, d));
  if (updates.length === 0) return { valid: false };
  const top = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Json;
  const id = [top.notificationId, top.eventId, top.id].find((v) => typeof v === 'string' && v !== '') as string | undefined;
  return { valid: true, delivery: { deliveryId: id ?? `sha256:${createHash('sha256').update(rawBody).digest('hex')}`, updates } };
}
