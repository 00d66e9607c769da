/**
 * Where a shipment is on the way to the customer, as the tracking page's progress bar shows it:
 * four steps (label created → in transit → out for delivery → delivered), the step reached, and a
 * tone and note for what is not on the happy path (a failed attempt, an exception, a return).
 * Pure: takes the shipment's status and the statuses of its scans.
 */
export const STEPS = [
  { status: 'label_created', label: 'Label created' },
  { status: 'in_transit', label: 'In transit' },
  { status: 'out_for_delivery', label: 'Out for delivery' },
  { status: 'delivered', label: 'Delivered' },
] as const;

export type Tone = 'normal' | 'done' | 'attention' | 'problem';

export interface Progress {
  /** Index in STEPS of the step reached (0: the label exists). */
  reached: number;
  tone: Tone;
  /** One sentence for what is off the happy path; null on it. */
  note: string | null;
}

const stepOf: Record<string, number> = { label_created: 0, in_transit: 1, out_for_delivery: 2, delivered: 3 };

/** The furthest happy-path step any scan reached (a late scan never moves the bar back). */
function furthest(eventStatuses: readonly string[], floor: number): number {
  return eventStatuses.reduce((max, s) => Math.max(max, stepOf[s] ?? (s === 'failed_attempt' || s === 'available_for_pickup' ? 2 : -1)), floor);
}

export function progressOf(status: string, eventStatuses: readonly string[] = [], incidentReason: string | null = null): Progress {
  const reason = incidentReason ? ` (${incidentReason.replaceAll('_', ' ')})` : '';
  switch (status) {
    case 'delivered':
      return { reached: 3, tone: 'done', note: null };
    case 'label_created':
    case 'in_transit':
    case 'out_for_delivery':
      return { reached: furthest(eventStatuses, stepOf[status]!), tone: 'normal', note: null };
    case 'available_for_pickup':
      return { reached: 2, tone: 'attention', note: 'Your parcel is waiting for you at a pickup point.' };
    case 'failed_attempt':
      return { reached: 2, tone: 'attention', note: `The carrier tried to deliver but could not${reason}. They will try again or leave a notice.` };
    case 'exception':
      return { reached: furthest(eventStatuses, 0), tone: 'problem', note: `There is a problem with this delivery${reason}. The carrier is working on it.` };
    case 'returned_to_sender':
      return { reached: furthest(eventStatuses, 0), tone: 'problem', note: 'The parcel is on its way back to the shop.' };
    case 'cancelled':
      return { reached: 0, tone: 'problem', note: 'This shipment was cancelled.' };
    default:
      return { reached: furthest(eventStatuses, 0), tone: 'normal', note: null };
  }
}

/** A line for an order that has no shipment yet. */
export function beforeShipping(orderStatus: string): string {
  switch (orderStatus) {
    case 'pending_payment':
      return 'We are waiting for the payment to go through.';
    case 'cancelled':
      return 'This order was cancelled.';
    case 'ready_to_ship':
      return 'Your order is packed and waiting for the carrier.';
    default:
      return 'We have your order and are preparing it for shipping.';
  }
}
