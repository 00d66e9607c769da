/**
 * The FedEx adapter: FedEx's REST APIs (OAuth, Rate, Ship, Track) and its Advanced Integrated
 * Visibility webhooks, behind Waybill's Carrier contract. This file wires the pure request/answer
 * code of its neighbours to HTTP; every 4xx FedEx answers with its own error body is returned as
 * `{ok: false, code, message}` with FedEx's code.
 */
import type { FedexSettings } from '../../../config-shipping.js';
import type { Clock } from '../../../platform/clock.js';
import { CarrierError, type Carrier, type LabelResult, type RateResult, type TrackResult, type VoidResult } from '../carrier.js';
import type { CarrierResponse } from '../carrier-http.js';
import { buildCancelRequest, parseCancelReply } from './cancel.js';
import { createFedexClient } from './client.js';
import { problemOf } from './errors.js';
import { buildShipRequest, IncompleteShipment, parseShipReply, shipServiceType } from './labels.js';
import { buildRateRequest, parseRateReply } from './rates.js';
import { fedexServices } from './services.js';
import { buildTrackRequest, parseTrackReply, TRACK_BATCH_SIZE } from './tracking.js';
import { parseFedexWebhook } from './webhooks.js';

const ok = (response: CarrierResponse) => response.status >= 200 && response.status < 300;

function refused(response: CarrierResponse): { ok: false; code: string; message: string } {
  const problem = problemOf(response.status, response.body, response.text);
  return { ok: false, code: problem.code, message: problem.message };
}

export function createFedexCarrier(settings: FedexSettings, options: { clock: Clock }): Carrier {
  const client = createFedexClient(settings, options.clock);

  async function trackBatch(numbers: readonly string[]): Promise<TrackResult[]> {
    const response = await client.send('track', 'POST', '/track/v1/trackingnumbers', buildTrackRequest(numbers));
    if (ok(response)) return parseTrackReply(response.body, numbers);
    const problem = problemOf(response.status, response.body, response.text);
    if (problem.code === 'TRACKING.TRACKINGNUMBER.NOTFOUND') return numbers.map((trackingNumber) => ({ found: false, trackingNumber, message: problem.message }));
    // A batch FedEx refuses as a whole is a request bug, not a fact about the numbers.
    throw new CarrierError('fedex', 'track', false, `${problem.code}: ${problem.message}`, response.status);
  }

  return {
    name: 'fedex',
    displayName: 'FedEx',
    services: fedexServices,
    trackBatchSize: TRACK_BATCH_SIZE,
    trackRequestsPerMinute: 60,

    async rate(request): Promise<RateResult> {
      const response = await client.send('rate', 'POST', '/rate/v1/rates/quotes', buildRateRequest(request, settings.accountNumber));
      return ok(response) ? { ok: true, quotes: parseRateReply(response.body, request) } : refused(response);
    },

    async createLabel(request): Promise<LabelResult> {
      const serviceType = shipServiceType(request.service);
      if (typeof serviceType !== 'string') return { ok: false, ...serviceType };
      const response = await client.send('label', 'POST', '/ship/v1/shipments', buildShipRequest(request, settings.accountNumber, serviceType), {
        'x-customer-transaction-id': request.reference,
      });
      if (!ok(response)) return refused(response);
      try {
        const shipment = parseShipReply(response.body, request.parcels.length);
        return { ok: true, ...shipment, carrierReference: null };
      } catch (error) {
        // FedEx created (and will bill) a shipment we cannot print: a person must look, not a retry.
        if (error instanceof IncompleteShipment) throw new CarrierError('fedex', 'label', false, error.message, response.status, null, { cause: error });
        throw error;
      }
    },

    async voidLabel(request): Promise<VoidResult> {
      const response = await client.send('void', 'PUT', '/ship/v1/shipments/cancel', buildCancelRequest(request, settings.accountNumber));
      return ok(response) ? parseCancelReply(response.body) : refused(response);
    },

    async track(trackingNumbers): Promise<TrackResult[]> {
      const results: TrackResult[] = [];
      for (let i = 0; i < trackingNumbers.length; i += TRACK_BATCH_SIZE) results.push(...(await trackBatch(trackingNumbers.slice(i, i + TRACK_BATCH_SIZE))));
      return results;
    },

    parseWebhook(rawBody, headers) {
      return parseFedexWebhook(rawBody, headers, settings.webhookSecret);
    },

    trackingUrl(trackingNumber) {
      return `https://www.fedex.com/fedextrack/?trknbr=${encodeURIComponent(trackingNumber)}`;
    },
  };
}
