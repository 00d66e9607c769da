/**
 * USPS Subscriptions - Tracking 3.0: `POST /subscriptions-tracking/v3/subscriptions` (OAuth access
 * token) creates a subscription `{listenerURL, secret, filterProperties, adminNotification?}` whose
 * filter is one Mailer ID or one tracking number (`filterProperties: {trackingNumber}`), so a
 * shipment takes one subscription per number. USPS signs every notification to `listenerURL` with
 * an HMAC of `secret` (webhooks.ts checks it) and answers the create with the subscription
 * (`subscriptionId`, …). `adminNotification` lists who USPS writes to about the subscription
 * (failing deliveries, expiry); it is sent when the carrier was given an address.
 *
 * A number USPS already has a subscription for on this listener (a retried job) counts as
 * subscribed; other 4xx answers are refusals, returned as values. Outages and 401s are thrown.
 */
import type { UspsSettings } from '../../../config-shipping.js';
import type { SubscribeRequest, SubscribeResult } from '../carrier.js';
import type { UspsSession } from './auth.js';
import { readUspsError, type UspsProblem } from './errors.js';

export const USPS_SUBSCRIPTIONS_PATH = '/subscriptions-tracking/v3/subscriptions';

export function buildTrackingSubscription(trackingNumber: string, listenerURL: string, secret: string, adminEmail: string | null): Record<string, unknown> {
  return {
    listenerURL,
    secret,
    ...(adminEmail ? { adminNotification: [{ email: adminEmail }] } : {}),
    filterProperties: { trackingNumber },
  };
}

/** USPS's answer to a create whose filter and listener a live subscription already has. */
function alreadySubscribed(status: number, problem: UspsProblem): boolean {
  return status === 409 || /duplicate|already exists/i.test(problem.message);
}

export async function subscribeUsps(session: UspsSession, settings: UspsSettings, request: SubscribeRequest, adminEmail: string | null): Promise<SubscribeResult> {
  if (settings.webhookSecret === null || settings.webhookSecret === '') {
    return { ok: false, code: 'not_configured', message: 'USPS tracking subscriptions need WAYBILL_USPS_WEBHOOK_SECRET (the key USPS signs notifications with)' };
  }
  const numbers = [...new Set(request.trackingNumbers.map((n) => n.trim()).filter((n) => n !== ''))];
  let subscribed = 0;
  const refusals: Array<UspsProblem & { trackingNumber: string }> = [];
  for (const trackingNumber of numbers) {
    const response = await session.send('subscribe', USPS_SUBSCRIPTIONS_PATH, { method: 'POST', json: buildTrackingSubscription(trackingNumber, request.webhookUrl, settings.webhookSecret, adminEmail) });
    if (response.status >= 200 && response.status < 300) {
      subscribed++;
      continue;
    }
    const problem = readUspsError(response);
    if (alreadySubscribed(response.status, problem)) subscribed++;
    else refusals.push({ ...problem, trackingNumber });
  }
  // Some numbers subscribed is a subscription: USPS notifies those, polling covers the rest.
  if (subscribed > 0) return { ok: true };
  const first = refusals[0];
  if (first === undefined) return { ok: false, code: 'no_tracking_numbers', message: 'no tracking number to subscribe' };
  return { ok: false, code: first.code, message: refusals.map((r) => `${r.trackingNumber}: ${r.message}`).join('; ') };
}
