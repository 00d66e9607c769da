/**
 * When the public tracking page asks again (there is no public stream: the page polls
 * GET /api/v1/track/{token}). Pure, so that tests can use the same interval and rule.
 */

/** How often an open, visible tracking page asks for news. Carriers' scans come minutes apart at best. */
export const TRACKING_POLL_MS = 30_000;

/** Nothing more will happen to the order: every parcel is delivered, or the order was cancelled. */
export function trackingSettled(tracking: { status: string; shipments: ReadonlyArray<{ status: string }> }): boolean {
  if (tracking.status === 'cancelled') return true;
  return tracking.shipments.length > 0 && tracking.shipments.every((s) => s.status === 'delivered');
}
