/**
 * Shipment Tracking – Unified – Push: subscribing numbers. `POST /tracking/push/v1/subscription` on
 * the Unified host (settings.baseUrl, api-eu.dhl.com) with the `DHL-API-Key` header, in the shape of
 * DHL's Push API 101 guide and its Postman/Bruno collections (developer.dhl.com):
 *
 *   {hook: {uri, authentication: {type: "ApiKeyAuthentication", header, token}},
 *    format: "Default", type: "Shipment", service: "express",
 *    events: ["Pre-Transit", "Transit", "Delivered", "Failure", "Unknown"], shipmentIDs: [...]}
 *
 * DHL then pushes with `header: token` on every request, which is what webhooks.ts checks: the
 * header DHL_PUSH_AUTH_HEADER and the token WAYBILL_DHL_WEBHOOK_SECRET. One subscription names all
 * of a shipment's numbers. DHL answers the subscription it made (2xx); a refusal is a problem body
 * (4xx), returned as a value; outages and bad keys are thrown by carrierFetch.
 */
import type { DhlSettings } from '../../../config-shipping.js';
import type { SubscribeRequest, SubscribeResult } from '../carrier.js';
import { carrierFetch, joinUrl } from '../carrier-http.js';
import { readProblem } from './problems.js';
import { DHL_PUSH_AUTH_HEADER } from './webhooks.js';

export const DHL_PUSH_SUBSCRIPTION_PATH = '/tracking/push/v1/subscription';
/** Every status DHL pushes (the collections' list): Waybill maps them all. */
export const DHL_PUSH_EVENTS = ['Pre-Transit', 'Transit', 'Delivered', 'Failure', 'Unknown'] as const;

export function buildPushSubscription(shipmentIDs: readonly string[], uri: string, token: string): Record<string, unknown> {
  return {
    hook: { uri, authentication: { type: 'ApiKeyAuthentication', header: DHL_PUSH_AUTH_HEADER, token } },
    format: 'Default',
    type: 'Shipment',
    // As tracking-client.ts asks: Express numbers only, not another DHL business's namesake.
    service: 'express',
    events: [...DHL_PUSH_EVENTS],
    shipmentIDs: [...shipmentIDs],
  };
}

export async function subscribeDhlPush(settings: DhlSettings, request: SubscribeRequest): Promise<SubscribeResult> {
  if (settings.webhookSecret === null || settings.webhookSecret === '') {
    return { ok: false, code: 'not_configured', message: 'DHL push needs WAYBILL_DHL_WEBHOOK_SECRET (the token DHL sends with every push)' };
  }
  const numbers = [...new Set(request.trackingNumbers.map((n) => n.trim()).filter((n) => n !== ''))];
  if (numbers.length === 0) return { ok: false, code: 'no_tracking_numbers', message: 'no tracking number to subscribe' };
  const response = await carrierFetch('dhl', 'subscribe', joinUrl(settings.baseUrl, DHL_PUSH_SUBSCRIPTION_PATH), {
    method: 'POST',
    headers: { 'DHL-API-Key': settings.apiKey },
    json: buildPushSubscription(numbers, request.webhookUrl, settings.webhookSecret),
  });
  if (response.status >= 200 && response.status < 300) return { ok: true };
  const problem = readProblem(response.body, response.status);
  return { ok: false, code: problem.code, message: problem.message };
}
