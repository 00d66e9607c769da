/**
 * Shipment Tracking – Unified – Push: verifying and reading what DHL pushes. Pure (hashing only).
 *
 * DHL does not sign pushes. A push subscription names its own authentication instead:
 * `hook.authentication = {type: "ApiKeyAuthentication", header, token}`, and DHL sends that header
 * with that token on every push. Waybill's subscriptions are made with header `DHL-API-Key` and the
 * token WAYBILL_DHL_WEBHOOK_SECRET; a push is genuine when that header equals the secret (compared
 * in constant time). No secret configured → no push is accepted.
 *
 * The body carries the same shipment objects as GET /track/shipments: `{shipments: [...]}` (a bare
 * shipment object is accepted too). DHL sends no delivery id, so a hash of the exact body is the id
 * that makes a redelivery recognisable.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { header, type WebhookHeaders, type WebhookParseResult, type WebhookTracking } from '../carrier.js';
import { estimatedDelivery, shipmentEvents, type DhlShipment } from './tracking.js';

export const DHL_PUSH_AUTH_HEADER = 'DHL-API-Key';

function sameSecret(given: string, expected: string): boolean {
  // Digests of equal length, so neither the comparison nor its length check leaks the secret.
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

function shipmentsOf(body: unknown): DhlShipment[] | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const b = body as { shipments?: unknown; id?: unknown };
  if (Array.isArray(b.shipments)) return b.shipments.filter((s): s is DhlShipment => typeof s === 'object' && s !== null && (s as DhlShipment).id !== undefined);
  return b.id !== undefined ? [b as DhlShipment] : null;
}

export function parseDhlPush(rawBody: Buffer, headers: WebhookHeaders, secret: string | null): WebhookParseResult {
  if (secret === null || secret === '') return { valid: false };
  const given = header(headers, DHL_PUSH_AUTH_HEADER);
  if (given === undefined || !sameSecret(given, secret)) return { valid: false };
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return { valid: false };
  }
  const shipments = shipmentsOf(body);
  if (shipments === null || shipments.length === 0) return { valid: false };
  const updates: WebhookTracking[] = shipments.map((shipment) => {
    const trackingNumber = String(shipment.id);
    return { trackingNumber, events: shipmentEvents(trackingNumber, shipment), estimatedDelivery: estimatedDelivery(shipment) };
  });
  return { valid: true, delivery: { deliveryId: `dhl-push-${createHash('sha256').update(rawBody).digest('hex')}`, updates } };
}
