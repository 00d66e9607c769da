/**
 * The UPS adapter: OAuth client credentials, Rating (Shop), Shipping (ship, void), Track and Track
 * Alert (subscriptions and webhooks), in UPS's own JSON shapes (the v1/v2409 OpenAPI files of UPS-API/api-documentation).
 * The files beside this one build and read those shapes without I/O; this one sends them.
 */
import type { UpsSettings } from '../../../config-shipping.js';
import type { Clock } from '../../../platform/clock.js';
import { CarrierError, type Carrier, type CarrierOperation, type LabelResult, type RateResult, type SubscribeResult, type TrackResult } from '../carrier.js';
import type { CarrierResponse } from '../carrier-http.js';
import { createUpsClient } from './client.js';
import { describeUpsErrors, readUpsError } from './errors.js';
import { buildShipmentRequest, parseShipmentResponse, SHIPPING_VERSION } from './labels.js';
import { buildRateRequest, parseRateResponse, rateRequestOption, RATING_VERSION } from './rates.js';
import { serviceByCode, upsServices } from './services.js';
import { buildTrackAlertRequest, chunks, invalidNumbersOfError, readTrackAlertResponse, TRACK_ALERT_MAX_NUMBERS, TRACK_ALERT_PATH } from './subscriptions.js';
import { parseTrackResponse } from './tracking.js';
import { parseVoidResponse } from './voids.js';
import { parseTrackAlert } from './webhooks.js';

/** UPS publishes no Track API quota; this keeps polling well under what accounts are commonly allowed. */
const TRACK_REQUESTS_PER_MINUTE = 60;

function unexpected(operation: CarrierOperation, response: CarrierResponse, what: string): CarrierError {
  const details = readUpsError(response.body) ? describeUpsErrors(response.body) : response.text.slice(0, 300);
  return new CarrierError('ups', operation, false, `${what} (HTTP ${response.status}): ${details}`, response.status);
}

/** A 4xx with UPS's error body is UPS's answer ("no"); anything else unreadable is a bug to look at. */
function refusal(operation: CarrierOperation, response: CarrierResponse): { ok: false; code: string; message: string } {
  const error = readUpsError(response.body);
  if (response.status >= 400 && error) return { ok: false, code: error.code, message: error.message };
  throw unexpected(operation, response, 'unexpected answer');
}

export function createUpsCarrier(settings: UpsSettings, options: { clock: Clock }): Carrier {
  const client = createUpsClient(settings, options.clock);

  return {
    name: 'ups',
    displayName: 'UPS',
    services: upsServices,
    trackBatchSize: 1,
    trackRequestsPerMinute: TRACK_REQUESTS_PER_MINUTE,

    async rate(request): Promise<RateResult> {
      const response = await client.call('rate', {
        method: 'POST',
        path: `/api/rating/${RATING_VERSION}/${rateRequestOption(request)}`,
        json: buildRateRequest(request, settings.accountNumber),
      });
      if (response.status !== 200) return refusal('rate', response);
      const quotes = parseRateResponse(response.body, request);
      if (quotes === null) throw unexpected('rate', response, 'not a RateResponse');
      return { ok: true, quotes };
    },

    async createLabel(request): Promise<LabelResult> {
      const service = serviceByCode(request.service);
      if (!service) return { ok: false, code: 'unknown_service', message: `UPS has no service "${request.service}"` };
      const response = await client.call('label', {
        method: 'POST',
        path: `/api/shipments/${SHIPPING_VERSION}/ship`,
        json: buildShipmentRequest(request, service, settings.accountNumber),
      });
      if (response.status !== 200) return refusal('label', response);
      const label = parseShipmentResponse(response.body, request, service);
      if (label === null) throw unexpected('label', response, 'not a ShipmentResponse with labels');
      return label;
    },

    async voidLabel(request) {
      const shipmentId = request.carrierReference ?? request.trackingNumber;
      const response = await client.call('void', { method: 'DELETE', path: `/api/shipments/${SHIPPING_VERSION}/void/cancel/${encodeURIComponent(shipmentId)}` });
      const result = parseVoidResponse(response.status, response.body);
      if (result === null) throw unexpected('void', response, 'not a VoidShipmentResponse');
      return result;
    },

    async track(trackingNumbers): Promise<TrackResult[]> {
      if (trackingNumbers.length > 1) throw new CarrierError('ups', 'track', false, `UPS tracks one number a request, got ${trackingNumbers.length}`);
      const results: TrackResult[] = [];
      for (const trackingNumber of trackingNumbers) {
        const response = await client.call('track', {
          method: 'GET',
          path: `/api/track/v1/details/${encodeURIComponent(trackingNumber)}`,
          query: { locale: 'en_US', returnSignature: 'true' },
        });
        const reading = parseTrackResponse(trackingNumber, response.status, response.body);
        if ('unexpected' in reading) throw new CarrierError('ups', 'track', false, reading.unexpected, response.status);
        results.push(reading);
      }
      return results;
    },

    async subscribe(request): Promise<SubscribeResult> {
      const credential = settings.webhookCredential;
      if (credential === null || credential === '') {
        return { ok: false, code: 'not_configured', message: 'UPS Track Alert needs WAYBILL_UPS_WEBHOOK_CREDENTIAL (UPS sends it back with every event)' };
      }
      const numbers = [...new Set(request.trackingNumbers.map((n) => n.trim().toUpperCase()).filter((n) => n !== ''))];
      const subscribed: string[] = [];
      const refused: string[] = [];
      let error: { ok: false; code: string; message: string } | null = null;
      for (const batch of chunks(numbers, TRACK_ALERT_MAX_NUMBERS)) {
        const response = await client.call('subscribe', { method: 'POST', path: TRACK_ALERT_PATH, json: buildTrackAlertRequest(batch, request.webhookUrl, credential) });
        if (response.status === 200) {
          const reading = readTrackAlertResponse(response.body);
          if (reading === null) throw unexpected('subscribe', response, 'not a TrackSubsServiceResponse');
          subscribed.push(...reading.valid);
          refused.push(...reading.invalid);
        } else {
          // UPS's 400 (VSS210 "at least one valid tracking number", VSS600 URL…): this batch is refused.
          const answer = refusal('subscribe', response);
          error ??= answer;
          const named = invalidNumbersOfError(response.body);
          refused.push(...(named.length > 0 ? named : batch));
        }
      }
      // Some numbers subscribed is a subscription: UPS pushes those, polling covers the refused rest.
      if (subscribed.length > 0) return { ok: true };
      if (error !== null) return error;
      return { ok: false, code: 'invalid_tracking_numbers', message: `UPS Track Alert refused every number: ${refused.join(', ') || 'none given'}` };
    },

    parseWebhook(rawBody, headers) {
      return parseTrackAlert(rawBody, headers, settings.webhookCredential);
    },

    trackingUrl(trackingNumber) {
      return `https://www.ups.com/track?tracknum=${encodeURIComponent(trackingNumber)}`;
    },
  };
}
