/**
 * A status in words on a coloured pill: orders, shipments, returns, refunds, payments, jobs. The
 * colour follows what the status means for staff (done, in progress, needs a look, went wrong);
 * the words carry the meaning too, so colour is never the only signal.
 *
 *   <StatusPill status="in_transit" />            // "In transit", blue
 *   <StatusPill status="exception" label="Delivery problem" />
 */
import { statusLabel } from '../../shared/format.js';

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

export interface StatusPillProps {
  status: string;
  /** Words of your own (default: statusLabel(status)). */
  label?: string;
  /** A tone of your own (default: by status). */
  tone?: Tone;
}

export function StatusPill({ status, label, tone }: StatusPillProps) {
  return (
    <span className={`status-pill status-pill-${tone ?? toneOf(status)}`} data-status={status}>
      {label ?? statusLabel(status)}
    </span>
  );
}
