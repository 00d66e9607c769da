/**
 * What a manual scan may say (POST /shipments/{id}/events): the normalized shipment statuses and
 * incident reasons of the server's tracking vocabulary, with their words. The request's schema
 * checks them; this list only fills the form's choices.
 */
import type { ManualScanInput } from '../../api/index.js';
import { statusLabel } from '../../shared/format.js';
import { incidentDetail } from './attention.js';

type ScanStatus = ManualScanInput['status'];
type ScanReason = NonNullable<ManualScanInput['reason']>;

export const scanStatuses: readonly ScanStatus[] = ['in_transit', 'out_for_delivery', 'delivered', 'available_for_pickup', 'failed_attempt', 'exception', 'returned_to_sender', 'label_created', 'cancelled', 'unknown'];

export const scanReasons: readonly ScanReason[] = [
  'recipient_absent',
  'address_problem',
  'refused',
  'business_closed',
  'customs',
  'weather',
  'delayed',
  'carrier_delay',
  'carrier_damage',
  'lost',
  'held_for_payment',
  'other',
];

export const scanStatusOptions = scanStatuses.map((s) => ({ value: s, label: statusLabel(s) }));
export const scanReasonOptions = [{ value: '', label: 'No reason' }, ...scanReasons.map((r) => ({ value: r, label: statusLabel(incidentDetail(r) ?? r) }))];

export function isScanStatus(value: string): value is ScanStatus {
  return (scanStatuses as readonly string[]).includes(value);
}

export function isScanReason(value: string): value is ScanReason {
  return (scanReasons as readonly string[]).includes(value);
}
