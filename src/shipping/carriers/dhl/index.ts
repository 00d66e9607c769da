/**
 * DHL Express for Waybill. Two DHL APIs behind one carrier:
 *  - Shipment Tracking – Unified (settings.baseUrl, api-eu.dhl.com), `DHL-API-Key`: tracking, its
 *    push (subscriptions and webhooks), and the check a void makes.
 *  - MyDHL Express (settings.express.baseUrl, express.api.dhl.com/mydhlapi), HTTP Basic: rates and
 *    labels. Without its credentials DHL only tracks: rate and label answer `not_configured`.
 *
 * Tracking's default plan allows 250 calls a day at most one every 5 seconds: hence one number a
 * call (the API takes one in practice) and 12 calls a minute at most. The day's 250 runs out first;
 * a shop that polls many DHL shipments needs DHL to raise its plan (or relies on push).
 */
import type { Carrier, LabelResult, RateResult } from '../carrier.js';
import type { Clock } from '../../../platform/clock.js';
import type { DhlSettings } from '../../../config-shipping.js';
import { expressClient } from './express-client.js';
import { subscribeDhlPush } from './push-subscription.js';
import { dhlServices } from './services.js';
import { trackingClient } from './tracking-client.js';
import { voidDhlLabel } from './void-label.js';
import { parseDhlPush } from './webhooks.js';

const NOT_CONFIGURED = {
  ok: false,
  code: 'not_configured',
  message: 'DHL Express rates and labels need MyDHL Express credentials (WAYBILL_DHL_EXPRESS_USERNAME, _PASSWORD, WAYBILL_DHL_ACCOUNT_NUMBER); DHL only tracks',
} as const;

export function createDhlCarrier(settings: DhlSettings, options: { clock: Clock }): Carrier {
  const express = settings.express ? expressClient(settings.express, options.clock) : null;
  const tracking = trackingClient(settings);
  return {
    name: 'dhl',
    displayName: 'DHL Express',
    services: dhlServices,
    trackBatchSize: 1,
    trackRequestsPerMinute: 12,
    rate: async (request): Promise<RateResult> => (express ? express.rate(request) : { ...NOT_CONFIGURED }),
    createLabel: async (request): Promise<LabelResult> => (express ? express.createLabel(request) : { ...NOT_CONFIGURED }),
    voidLabel: (request) => voidDhlLabel(tracking, request),
    track: async (trackingNumbers) => {
      const results = [];
      // trackBatchSize is 1; a longer list is still answered, one call per number, in order.
      for (const number of trackingNumbers) results.push(await tracking.track(number));
      return results;
    },
    subscribe: (request) => subscribeDhlPush(settings, request),
    parseWebhook: (rawBody, headers) => parseDhlPush(rawBody, headers, settings.webhookSecret),
    trackingUrl: (trackingNumber) => `https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id=${encodeURIComponent(trackingNumber)}`,
  };
}
