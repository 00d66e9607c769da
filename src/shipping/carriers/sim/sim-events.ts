/**
 * The sim's scans as the sim's API sends them (its webhook body and its tracking answer), and as
 * Waybill reads them back into the tracking vocabulary. Pure.
 */
import type { CarrierEvent } from '../carrier.js';
import { isoToUtc } from '../carrier-time.js';
import { mapCode } from '../tracking-vocabulary.js';
import { simStatusTable } from './status-map.js';
import type { PlannedScan } from './journey.js';
import { scanTime, type SimParcel } from './sim-store.js';

/** One scan on the sim's wire. */
export interface SimWireEvent {
  id: string;
  code: string;
  description: string;
  occurred_at: string;
  location: { city: string | null; region: string | null; postal_code: string | null; country: string | null };
  signed_by?: string | null;
}

/** The body of one sim webhook delivery. */
export interface SimWebhookBody {
  delivery_id: string;
  tracking_number: string;
  estimated_delivery: string;
  events: SimWireEvent[];
}

export function wireEvent(parcel: SimParcel, scan: PlannedScan, index: number): SimWireEvent {
  return {
    id: `${parcel.trackingNumber}-${index}`,
    code: scan.code,
    description: scan.description,
    occurred_at: scanTime(parcel, scan),
    location: { city: scan.location.city, region: scan.location.region, postal_code: scan.location.postal_code, country: scan.location.country },
    ...(scan.code === 'DL' ? { signed_by: 'FRONT DOOR' } : {}),
  };
}

/** Reads one wire event; null when it is not one (a malformed body). */
export function carrierEventOf(trackingNumber: string, e: unknown): CarrierEvent | null {
  if (typeof e !== 'object' || e === null) return null;
  const w = e as Partial<SimWireEvent>;
  const occurredAt = isoToUtc(w.occurred_at);
  if (typeof w.id !== 'string' || typeof w.code !== 'string' || occurredAt === null) return null;
  const mapped = mapCode(simStatusTable, w.code);
  const loc = w.location ?? null;
  return {
    eventId: w.id,
    trackingNumber,
    code: w.code,
    description: typeof w.description === 'string' ? w.description : w.code,
    occurredAt,
    location: loc === null ? null : { city: loc.city ?? null, region: loc.region ?? null, postal_code: loc.postal_code ?? null, country: loc.country ?? null },
    status: mapped.status,
    reason: mapped.reason,
    signedBy: typeof w.signed_by === 'string' ? w.signed_by : null,
    proofOfDelivery: null,
    raw: e,
  };
}
