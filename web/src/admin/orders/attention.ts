/**
 * Why an order or a shipment needs a person, in words. The reasons are the server's (tracking's
 * attention-rules.ts, payments, labels); an unknown one is shown as it is, readable.
 */
import { statusLabel } from '../../shared/format.js';

const reasons: Record<string, string> = {
  returned_to_sender: 'Returned to sender',
  lost: 'Lost by the carrier',
  damaged: 'Damaged in transit',
  failed_attempt: 'Delivery attempt failed',
  exception: 'Delivery problem reported by the carrier',
  shipment_late: 'Late against its delivery estimate',
  no_scan: 'No carrier scan for too long',
  payment_capture_failed: 'Payment could not be captured',
  refund_failed: 'A refund failed',
  label_failed: 'The carrier refused the label',
  label_void_failed: 'A label could not be voided',
  no_carrier_available: 'No carrier could quote a label',
  shipped_without_reservation: 'Shipped without reserved stock',
};

const details: Record<string, string> = {
  carrier_damage: 'damaged by the carrier',
  address_problem: 'address problem',
  recipient_absent: 'nobody was home',
  refused: 'refused by the recipient',
  customs: 'held at customs',
  weather: 'weather',
  lost: 'lost',
  delayed: 'delayed',
  business_closed: 'business closed',
  held_for_payment: 'held for payment',
  carrier_delay: 'carrier delay',
  other: 'other',
};

export function attentionReason(reason: string): string {
  return reasons[reason] ?? statusLabel(reason);
}

/** The incident's detail from the carrier ("nobody was home"), or null. */
export function incidentDetail(detail: string | null | undefined): string | null {
  if (detail === null || detail === undefined || detail === '') return null;
  return details[detail] ?? detail.replaceAll('_', ' ');
}

/** "Delivery attempt failed (nobody was home)". */
export function attentionText(attention: { reason: string; detail?: string | null }): string {
  const detail = incidentDetail(attention.detail);
  return detail ? `${attentionReason(attention.reason)} (${detail})` : attentionReason(attention.reason);
}
