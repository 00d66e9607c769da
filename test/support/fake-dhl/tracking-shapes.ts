/**
 * Unified Shipment Tracking shipments in DHL's shapes, for the fake's GET /track/shipments and for
 * push bodies. DHL Express events carry the checkpoint's standard English text in `description`;
 * timestamps come with an offset or without one (scan-local), and DHL lists events newest first.
 */

export type DhlStatusCode = 'pre-transit' | 'transit' | 'delivered' | 'failure' | 'unknown';

export interface Scan {
  /** As DHL writes it: `2026-11-22T10:15:00` or `2026-11-22T10:15:00+01:00`. */
  timestamp: string;
  description: string;
  statusCode: DhlStatusCode;
  /** `addressLocality`, e.g. "LEIPZIG - GERMANY". */
  place?: string;
  countryCode?: string;
  postalCode?: string;
}

const at = (timestamp: string, description: string, statusCode: DhlStatusCode, place?: string): Scan => ({ timestamp, description, statusCode, place });

/** DHL Express checkpoints as the Unified API words them. */
export const scans = {
  informationReceived: (t: string, place?: string) => at(t, 'Shipment information received', 'pre-transit', place),
  pickedUp: (t: string, place?: string) => at(t, 'Shipment picked up', 'transit', place),
  processed: (t: string, place: string) => at(t, `Processed at ${place}`, 'transit', place),
  departed: (t: string, place: string) => at(t, `Departed Facility in ${place}`, 'transit', place),
  arrivedSort: (t: string, place: string) => at(t, `Arrived at Sort Facility ${place}`, 'transit', place),
  arrivedDelivery: (t: string, place: string) => at(t, `Arrived at Delivery Facility in ${place}`, 'transit', place),
  clearanceComplete: (t: string, place: string) => at(t, `Clearance processing complete at ${place}`, 'transit', place),
  withCourier: (t: string, place?: string) => at(t, 'With delivery courier', 'transit', place),
  delivered: (t: string, place?: string, signer?: string) => at(t, signer ? `Delivered - Signed for by: ${signer}` : 'Delivered', 'delivered', place),
  notHome: (t: string, place?: string) => at(t, 'Delivery attempted; recipient not home', 'failure', place),
  premisesClosed: (t: string, place?: string) => at(t, 'Delivery attempted; consignee premises closed', 'failure', place),
  badAddress: (t: string, place?: string) => at(t, 'Address information needed; contact DHL', 'failure', place),
  refused: (t: string, place?: string) => at(t, 'Delivery refused by the recipient', 'failure', place),
  heldForPayment: (t: string, place?: string) => at(t, 'Shipment is on hold; awaiting payment of duties and taxes', 'transit', place),
  damaged: (t: string, place?: string) => at(t, 'Shipment damaged', 'failure', place),
  missorted: (t: string, place?: string) => at(t, 'Shipment was mis-sorted', 'transit', place),
  returned: (t: string, place?: string) => at(t, 'Returned to shipper', 'failure', place),
};

function event(scan: Scan): Record<string, unknown> {
  const address: Record<string, string> = {};
  if (scan.place) address.addressLocality = scan.place;
  if (scan.countryCode) address.countryCode = scan.countryCode;
  if (scan.postalCode) address.postalCode = scan.postalCode;
  return { timestamp: scan.timestamp, location: { address }, statusCode: scan.statusCode, status: scan.statusCode, description: scan.description };
}

export interface ShipmentExtras {
  /** `estimatedTimeOfDelivery`. */
  eta?: string;
  /** `estimatedDeliveryTimeFrame`. */
  window?: { from: string; through: string };
  /** Fills `details.proofOfDelivery` (DHL sets it once delivered). */
  proofOfDelivery?: { timestamp: string; signedBy: string; documentUrl: string };
  pieceIds?: string[];
}

/** One `shipments[]` entry, scans given oldest first and listed newest first as DHL does. */
export function expressShipment(id: string, oldestFirst: readonly Scan[], extras: ShipmentExtras = {}): Record<string, unknown> {
  const events = [...oldestFirst].reverse().map(event);
  const details: Record<string, unknown> = { totalNumberOfPieces: extras.pieceIds?.length ?? 1, pieceIds: extras.pieceIds ?? [`JD0146000${id}`] };
  if (extras.proofOfDelivery) {
    details.proofOfDelivery = {
      timestamp: extras.proofOfDelivery.timestamp,
      signatureUrl: `${extras.proofOfDelivery.documentUrl}&signature=1`,
      documentUrl: extras.proofOfDelivery.documentUrl,
      signed: { '@type': 'Person', name: extras.proofOfDelivery.signedBy },
    };
  }
  const shipment: Record<string, unknown> = {
    id,
    service: 'express',
    origin: { address: { addressLocality: 'LEIPZIG - GERMANY' } },
    destination: { address: { addressLocality: 'NEW YORK, NY - USA' } },
    status: events[0] ?? null,
    details,
    events,
  };
  if (extras.eta) shipment.estimatedTimeOfDelivery = extras.eta;
  if (extras.window) shipment.estimatedDeliveryTimeFrame = { estimatedFrom: extras.window.from, estimatedThrough: extras.window.through };
  return shipment;
}
