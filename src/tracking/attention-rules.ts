/**
 * When a shipment needs a person: returned to sender, lost or damaged, a failed delivery attempt,
 * another exception, late against its ETA, or no scan for too long. The first that holds, in that
 * order, is the shipment's attention; none holding clears it (the shipment recovered). Pure.
 */
import type { IncidentReason, ShipmentStatus } from '../shipping/index.js';

export const trackingAttentionReasons = ['returned_to_sender', 'lost', 'damaged', 'failed_attempt', 'exception', 'shipment_late', 'no_scan'] as const;
export type TrackingAttentionReason = (typeof trackingAttentionReasons)[number];

export interface Attention {
  reason: TrackingAttentionReason;
  since: string;
  /** The incident's reason from the carrier (address problem, weather…), when there is one. */
  detail?: IncidentReason | null;
}

export interface AttentionInput {
  status: ShipmentStatus;
  incidentReason: IncidentReason | null;
  /** RFC 3339; the end of the promised window. */
  estimatedDelivery: string | null;
  lastEventAt: string | null;
  createdAt: string;
}

const HOUR_MS = 3_600_000;

export function isTrackingAttention(reason: string): reason is TrackingAttentionReason {
  return (trackingAttentionReasons as readonly string[]).includes(reason);
}

export function evaluateAttention(s: AttentionInput, now: Date, noScanHours: number): Attention | null {
  if (s.status === 'delivered' || s.status === 'cancelled') return null;
  const eventTime = s.lastEventAt ?? s.createdAt;
  if (s.status === 'returned_to_sender') return { reason: 'returned_to_sender', since: eventTime, detail: s.incidentReason };
  if (s.status === 'exception' && s.incidentReason === 'lost') return { reason: 'lost', since: eventTime, detail: 'lost' };
  if (s.status === 'exception' && s.incidentReason === 'carrier_damage') return { reason: 'damaged', since: eventTime, detail: 'carrier_damage' };
  if (s.status === 'failed_attempt') return { reason: 'failed_attempt', since: eventTime, detail: s.incidentReason };
  if (s.status === 'exception') return { reason: 'exception', since: eventTime, detail: s.incidentReason };
  if (s.estimatedDelivery !== null && now.getTime() > Date.parse(s.estimatedDelivery)) return { reason: 'shipment_late', since: s.estimatedDelivery };
  const silentSince = Date.parse(eventTime) + noScanHours * HOUR_MS;
  if (now.getTime() > silentSince) return { reason: 'no_scan', since: new Date(silentSince).toISOString() };
  return null;
}

/** The same attention (reason and detail; `since` may be restated) — nothing to write. */
export function sameAttention(a: Attention | null, b: Attention | null): boolean {
  if (a === null || b === null) return a === b;
  return a.reason === b.reason && (a.detail ?? null) === (b.detail ?? null);
}
