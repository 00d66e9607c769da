/**
 * A status in words on a coloured pill: orders, shipments, returns, refunds, payments, jobs. The
 * colour follows what the status means for staff (done, in progress, needs a look, went wrong);
 * the words carry the meaning too, so colour is never the only signal.
 *
 *   <StatusPill status="in_transit" />            // "In transit", blue
 *   <StatusPill status="exception" label="Delivery problem" />
 */
import { statusLabel } from '../../shared/format.js';
import { toneOf, type Tone } from './tones.js';

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
