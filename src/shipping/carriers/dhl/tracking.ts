/**
 * Unified Shipment Tracking shipments (the answer of GET /track/shipments and the body of a push)
 * → Waybill's events and ETA. Pure.
 *
 * Timestamps come with an offset (`2026-11-22T10:15:00+01:00`), with `Z`, or without one
 * (`2026-11-22T10:15:00`, DHL Express's scan-local time); the last is read as UTC, as
 * carrier-time.ts documents, because the payload does not carry the scan's offset.
 */
import type { CarrierEvent, EventLocation } from '../carrier.js';
import { endOfDayUtc, isoToUtc } from '../carrier-time.js';
import { classifyEvent, type DhlStatusFields } from './status-map.js';

interface DhlAddress {
  addressLocality?: string;
  addressRegion?: string;
  countryCode?: string;
  postalCode?: string;
}

export interface DhlEvent extends DhlStatusFields {
  timestamp?: string;
  location?: { address?: DhlAddress };
  remark?: string;
  pieceIds?: string[];
}

interface DhlPerson {
  name?: string;
  givenName?: string;
  familyName?: string;
  organizationName?: string;
}

export interface DhlShipment {
  id?: string | number;
  service?: string;
  status?: DhlEvent;
  estimatedTimeOfDelivery?: string;
  estimatedDeliveryTimeFrame?: { estimatedFrom?: string; estimatedThrough?: string };
  details?: { proofOfDelivery?: { timestamp?: string; signatureUrl?: string; documentUrl?: string; signed?: DhlPerson } };
  events?: DhlEvent[];
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function location(event: DhlEvent): EventLocation | null {
  const a = event.location?.address;
  if (!a) return null;
  const country = text(a.countryCode);
  const place: EventLocation = {
    city: text(a.addressLocality),
    region: text(a.addressRegion),
    postal_code: text(a.postalCode),
    country: country && /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : null,
  };
  return place.city || place.region || place.postal_code || place.country ? place : null;
}

/**
 * Who signed: the proof of delivery's signer, else "Signed for by: NAME" in the text. DHL Express
 * fills the signer's name with the word "Delivered" when nobody signed; that is not a person.
 */
function signer(shipment: DhlShipment, event: DhlEvent): string | null {
  const signed = shipment.details?.proofOfDelivery?.signed;
  const named = text(signed?.name) ?? ([text(signed?.givenName), text(signed?.familyName)].filter(Boolean).join(' ') || null) ?? text(signed?.organizationName);
  if (named && !/^delivered$/i.test(named)) return named;
  const fromText = /signed for by:?\s*(.+)$/i.exec(event.description ?? '');
  return fromText ? fromText[1]!.trim() : null;
}

/** A window's end, else the single estimate; a bare date is met until that day's end. */
export function estimatedDelivery(shipment: DhlShipment): string | null {
  for (const value of [shipment.estimatedDeliveryTimeFrame?.estimatedThrough, shipment.estimatedTimeOfDelivery]) {
    const v = text(value);
    if (v === null) continue;
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return endOfDayUtc(v);
    const at = isoToUtc(v);
    if (at !== null) return at;
  }
  return null;
}

function toEvent(trackingNumber: string, shipment: DhlShipment, event: DhlEvent): CarrierEvent | null {
  const occurredAt = isoToUtc(event.timestamp);
  if (occurredAt === null) return null;
  const mapped = classifyEvent(event);
  const delivered = mapped.status === 'delivered';
  const pod = shipment.details?.proofOfDelivery;
  return {
    eventId: null,
    trackingNumber,
    code: mapped.code,
    description: text(event.description) ?? text(event.status) ?? '',
    occurredAt,
    location: location(event),
    status: mapped.status,
    reason: mapped.reason,
    signedBy: delivered ? signer(shipment, event) : null,
    proofOfDelivery: delivered ? (text(pod?.documentUrl) ?? text(pod?.signatureUrl)) : null,
    raw: event,
  };
}

/**
 * The shipment's events, oldest first (DHL lists them newest first). Without an event list the
 * shipment's `status` (its latest event) stands in. Events without a readable time are dropped:
 * they cannot be ordered.
 */
export function shipmentEvents(trackingNumber: string, shipment: DhlShipment): CarrierEvent[] {
  const source = Array.isArray(shipment.events) && shipment.events.length > 0 ? shipment.events : shipment.status ? [shipment.status] : [];
  const events = source.map((event) => toEvent(trackingNumber, shipment, event)).filter((event): event is CarrierEvent => event !== null);
  // DHL lists newest first (unless a list plainly runs the other way): reversed before the stable
  // sort, scans of the same minute keep DHL's order.
  if (events.length > 1 && !(events[0]!.occurredAt < events[events.length - 1]!.occurredAt)) events.reverse();
  return events.sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0));
}

/** The shipment that answers for `trackingNumber` among those DHL returned. */
export function shipmentFor(body: unknown, trackingNumber: string): DhlShipment | null {
  const shipments = (body as { shipments?: unknown } | null)?.shipments;
  if (!Array.isArray(shipments) || shipments.length === 0) return null;
  const list = shipments.filter((s): s is DhlShipment => typeof s === 'object' && s !== null);
  return list.find((s) => String(s.id) === trackingNumber) ?? list[0] ?? null;
}
