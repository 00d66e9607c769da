/**
 * Unified Shipment Tracking over HTTP: GET /track/shipments with the `DHL-API-Key` header, one
 * number per call. A number DHL does not know is answered 404 with a problem body ("No shipment
 * with given tracking number found."), which is a `found: false`, as is a 400 for a malformed number.
 */
import { CarrierError, type TrackResult } from '../carrier.js';
import { carrierFetch, joinUrl } from '../carrier-http.js';
import type { DhlSettings } from '../../../config-shipping.js';
import { readProblem } from './problems.js';
import { estimatedDelivery, shipmentEvents, shipmentFor, type DhlShipment } from './tracking.js';

export interface TrackingClient {
  /** The raw shipment as DHL tracks it, or why it is not found. */
  fetch(trackingNumber: string): Promise<{ found: true; shipment: DhlShipment } | { found: false; message: string }>;
  track(trackingNumber: string): Promise<TrackResult>;
}

export function trackingClient(settings: DhlSettings): TrackingClient {
  async function fetchShipment(trackingNumber: string): ReturnType<TrackingClient['fetch']> {
    // service=express keeps DHL from answering with a parcel of another DHL business that happens to
    // share the number; language=en gives the English checkpoint texts status-map.ts recognises.
    const query = new URLSearchParams({ trackingNumber, service: 'express', language: 'en' });
    const response = await carrierFetch('dhl', 'track', `${joinUrl(settings.baseUrl, '/track/shipments')}?${query}`, {
      headers: { 'DHL-API-Key': settings.apiKey },
    });
    if (response.status === 404 || response.status === 400) return { found: false, message: readProblem(response.body, response.status).message };
    if (response.status < 200 || response.status >= 300) {
      const problem = readProblem(response.body, response.status);
      throw new CarrierError('dhl', 'track', false, `HTTP ${response.status} ${problem.code}: ${problem.message}`, response.status);
    }
    const shipment = shipmentFor(response.body, trackingNumber);
    return shipment ? { found: true, shipment } : { found: false, message: 'DHL returned no shipment for this number' };
  }

  return {
    fetch: fetchShipment,
    async track(trackingNumber) {
      const answer = await fetchShipment(trackingNumber);
      if (!answer.found) return { found: false, trackingNumber, message: answer.message };
      return { found: true, trackingNumber, events: shipmentEvents(trackingNumber, answer.shipment), estimatedDelivery: estimatedDelivery(answer.shipment) };
    },
  };
}
