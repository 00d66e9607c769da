/**
 * USPS as a Waybill carrier, over USPS APIs 3.0 (apis.usps.com): Domestic Prices and Service
 * Standards for quotes, Domestic Labels (paid through a Payments 3.0 authorization) for labels
 * and cancellations, Tracking for scans, Subscriptions - Tracking for pushed updates.
 * Without a payment account USPS still quotes (retail prices) and tracks; labels answer
 * `not_configured`.
 */
import type { Clock } from '../../../platform/clock.js';
import type { UspsSettings } from '../../../config-shipping.js';
import type { Carrier } from '../carrier.js';
import { createUspsSession } from './auth.js';
import { buyUspsLabels, voidUsps } from './labels.js';
import { quoteUsps } from './rates.js';
import { uspsServices } from './services.js';
import { subscribeUsps } from './subscriptions.js';
import { trackUsps } from './tracking.js';
import { parseUspsWebhook } from './webhooks.js';

export { uspsServices } from './services.js';
export { uspsStatusTable } from './status-map.js';
export { USPS_SIGNATURE_HEADER, signUspsBody } from './webhooks.js';

const NOT_CONFIGURED = { ok: false, code: 'not_configured', message: 'USPS labels need a payment account (WAYBILL_USPS_CRID, _MID, _ACCOUNT_NUMBER)' } as const;

/**
 * `adminEmail`: who USPS writes to about a tracking subscription (its `adminNotification`), e.g.
 * the shop's support address; without it subscriptions are created without one.
 */
export function createUspsCarrier(settings: UspsSettings, options: { clock: Clock; adminEmail?: string | null }): Carrier {
  const session = createUspsSession(settings, options.clock);
  return {
    name: 'usps',
    displayName: 'USPS',
    services: uspsServices,
    trackBatchSize: 1,
    // USPS APIs 3.0 grant a new app 60 calls an hour until a higher quota is requested.
    trackRequestsPerMinute: 1,
    rate: (request) => quoteUsps(session, settings, request),
    createLabel: async (request) => (settings.payment === null ? NOT_CONFIGURED : buyUspsLabels(session, request)),
    voidLabel: async (request) => (settings.payment === null ? NOT_CONFIGURED : voidUsps(session, request)),
    track: (trackingNumbers) => trackUsps(session, trackingNumbers),
    subscribe: (request) => subscribeUsps(session, settings, request, options.adminEmail ?? null),
    parseWebhook: (rawBody, headers) => parseUspsWebhook(rawBody, headers, settings.webhookSecret),
    trackingUrl: (trackingNumber) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${encodeURIComponent(trackingNumber)}`,
  };
}
