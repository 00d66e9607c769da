/**
 * The tone of a status on its pill: what it means for staff (done, in progress, needs a look, went
 * wrong). Pure (no JSX), so the pages' pure rules and Node tests can use it. StatusPill draws it.
 */
export type Tone = 'success' | 'info' | 'warning' | 'danger' | 'neutral';

const tones: Record<string, Tone> = {
  delivered: 'success',
  closed: 'success',
  refunded: 'success',
  succeeded: 'success',
  captured: 'success',
  sent: 'success',
  active: 'success',
  received: 'success',
  placed: 'info',
  processing: 'info',
  ready_to_ship: 'info',
  partially_shipped: 'info',
  shipped: 'info',
  in_transit: 'info',
  out_for_delivery: 'info',
  label_created: 'info',
  available_for_pickup: 'info',
  approved: 'info',
  authorized: 'info',
  running: 'info',
  pending_payment: 'warning',
  requested: 'warning',
  pending: 'warning',
  failed_attempt: 'warning',
  partially_refunded: 'warning',
  queued: 'warning',
  exception: 'danger',
  returned_to_sender: 'danger',
  failed: 'danger',
  rejected: 'danger',
  declined: 'danger',
  capture_failed: 'danger',
  dead: 'danger',
  cancelled: 'neutral',
  returned: 'neutral',
  voided: 'neutral',
};

/** The tone a status gets on its pill (`neutral` when unknown). */
export function toneOf(status: string): Tone {
  return tones[status] ?? 'neutral';
}
