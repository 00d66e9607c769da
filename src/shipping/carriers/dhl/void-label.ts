/**
 * Voiding a DHL Express label. MyDHL Express has no void/cancel operation for shipments (only
 * pickups can be cancelled, and Waybill books none): DHL bills a shipment once its label is
 * scanned into the network, and a label that is never handed over is never charged. So a void
 * needs no call to MyDHL; what it must know is that the parcel is not in DHL's hands yet. It asks
 * tracking: a number DHL does not know yet, or one with nothing after "pre-transit", is voided; one
 * that DHL has already scanned is refused as a value.
 */
import type { VoidRequest, VoidResult } from '../carrier.js';
import { shipmentEvents } from './tracking.js';
import type { TrackingClient } from './tracking-client.js';

export async function voidDhlLabel(tracking: TrackingClient, request: VoidRequest): Promise<VoidResult> {
  const answer = await tracking.fetch(request.trackingNumber);
  if (!answer.found) return { ok: true };
  const scanned = shipmentEvents(request.trackingNumber, answer.shipment).find((e) => e.status !== 'label_created' && e.status !== 'unknown' && e.status !== 'cancelled');
  if (!scanned) return { ok: true };
  return {
    ok: false,
    code: 'already_in_network',
    message: `DHL already has shipment ${request.trackingNumber} ("${scanned.description}" at ${scanned.occurredAt}); it will be billed and cannot be voided`,
  };
}
