/** Return statuses in the order of the lifecycle, with what each means for staff. Pure. */
import type { AdminReturnStatus } from '../../api/index.js';

export const returnStatuses: readonly AdminReturnStatus[] = ['requested', 'approved', 'in_transit', 'received', 'refunded', 'closed', 'rejected'];

const labels: Record<AdminReturnStatus, string> = {
  requested: 'Requested',
  approved: 'Approved',
  in_transit: 'On its way back',
  received: 'Received',
  refunded: 'Refund asked',
  closed: 'Closed',
  rejected: 'Rejected',
};

const next: Record<AdminReturnStatus, string> = {
  requested: 'Approve it (a return label is bought) or reject it with a reason.',
  approved: 'Waiting for the parcel: receive it when it arrives (or at the counter).',
  in_transit: 'The parcel is on its way back: receive it when it arrives.',
  received: 'Refund what came back, or close the return without a refund.',
  refunded: 'The refund is with the payment provider; the return closes once it confirms.',
  closed: 'Nothing left to do.',
  rejected: 'Nothing left to do.',
};

export function returnStatusLabel(status: AdminReturnStatus): string {
  return labels[status];
}

export function nextStep(status: AdminReturnStatus): string {
  return next[status];
}
