/**
 * Delivery feedback: when a customer may rate, and when a new rating is a change worth a timeline
 * event. Pure: no I/O.
 */

export const MAX_FEEDBACK_COMMENT = 2000;

/** Something reached the customer: the order says so, or one of its parcels was delivered. */
export function deliveryArrived(orderStatus: string, shipments: ReadonlyArray<{ kind: string; status: string; delivered_at: string | null }>): boolean {
  if (orderStatus === 'delivered' || orderStatus === 'returned') return true;
  return shipments.some((s) => s.kind === 'outbound' && (s.status === 'delivered' || s.delivered_at !== null));
}

/** A comment as stored: trimmed, and none at all when nothing is left. */
export function normalizeComment(comment: string | null | undefined): string | null {
  const trimmed = comment?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/** A PUT that repeats the stored rating and comment changes nothing (no event, same updated_at). */
export function feedbackChanged(before: { rating: number; comment: string | null } | null, after: { rating: number; comment: string | null }): boolean {
  return before === null || before.rating !== after.rating || before.comment !== after.comment;
}
