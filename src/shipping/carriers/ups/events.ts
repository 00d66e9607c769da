/** One UPS scan (Track API activity or Track Alert event) as a Waybill CarrierEvent. Pure. */
import type { CarrierEvent, EventLocation } from '../carrier.js';
import { mapUpsStatus, upsEventCode } from './status-map.js';
import { str } from './shapes.js';

export interface UpsScan {
  trackingNumber: string;
  type: unknown;
  code: unknown;
  /** Track API `statusCode` / Track Alert `descriptionCode`. */
  statusCode: unknown;
  description: unknown;
  occurredAt: string;
  city?: unknown;
  region?: unknown;
  postalCode?: unknown;
  country?: unknown;
  signedBy?: string | null;
  proofOfDelivery?: string | null;
  raw: unknown;
}

export function eventLocation(city: unknown, region: unknown, postalCode: unknown, country: unknown): EventLocation | null {
  const countryCode = str(country)?.toUpperCase() ?? null;
  const location: EventLocation = {
    city: str(city),
    region: str(region),
    postal_code: str(postalCode),
    country: countryCode !== null && /^[A-Z]{2}$/.test(countryCode) ? countryCode : null,
  };
  return Object.values(location).every((v) => v === null) ? null : location;
}

export function upsEvent(scan: UpsScan): CarrierEvent {
  const fields = { type: scan.type, code: scan.code, statusCode: scan.statusCode, description: scan.description };
  const mapped = mapUpsStatus(fields);
  const delivered = mapped.status === 'delivered';
  return {
    eventId: null,
    trackingNumber: scan.trackingNumber,
    code: upsEventCode(fields),
    description: str(scan.description) ?? '',
    occurredAt: scan.occurredAt,
    location: eventLocation(scan.city, scan.region, scan.postalCode, scan.country),
    status: mapped.status,
    reason: mapped.reason,
    signedBy: delivered ? (scan.signedBy ?? null) : null,
    proofOfDelivery: delivered ? (scan.proofOfDelivery ?? null) : null,
    raw: scan.raw,
  };
}

/** UPS sends signature images and delivery photos as bare base64: a data URL keeps them viewable. */
export function imageDataUrl(base64: unknown): string | null {
  const value = str(base64);
  if (value === null || !/^[A-Za-z0-9+/=\s]+$/.test(value)) return null;
  const head = Buffer.from(value.slice(0, 16), 'base64');
  const type =
    head.subarray(0, 3).toString('latin1') === 'GIF' ? 'image/gif'
    : head[0] === 0x89 && head.subarray(1, 4).toString('latin1') === 'PNG' ? 'image/png'
    : head[0] === 0xff && head[1] === 0xd8 ? 'image/jpeg'
    : 'application/octet-stream';
  return `data:${type};base64,${value.replace(/\s+/g, '')}`;
}

/** Oldest first; equal instants keep UPS's order. */
export function chronological(events: CarrierEvent[]): CarrierEvent[] {
  return events.map((e, i) => [e, i] as const).sort((a, b) => a[0].occurredAt.localeCompare(b[0].occurredAt) || a[1] - b[1]).map(([e]) => e);
}
