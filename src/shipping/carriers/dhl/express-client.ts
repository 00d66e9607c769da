/**
 * MyDHL Express API over HTTP (rates and shipments), HTTP Basic with the MyDHL username and
 * password. Network failures, 5xx, 429 and 401/403 are thrown by carrierFetch; other non-2xx
 * answers carry DHL's problem JSON and are returned as `{ok: false, code, message}`.
 *
 * The credentials are static (no token), so a 401 is not retried: it means they are wrong.
 */
import { randomUUID } from 'node:crypto';
import type { LabelRequest, LabelResult, RateRequest, RateResult } from '../carrier.js';
import { carrierFetch, joinUrl, type CarrierResponse } from '../carrier-http.js';
import type { Clock } from '../../../platform/clock.js';
import type { DhlSettings } from '../../../config-shipping.js';
import { plannedShippingTime } from './express-common.js';
import { parseShipment, shipmentBody } from './labels.js';
import { readProblem } from './problems.js';
import { parseRates, rateBody, rateQuery } from './rates.js';
import { serviceByCode } from './services.js';

type ExpressSettings = NonNullable<DhlSettings['express']>;

export interface ExpressClient {
  rate(request: RateRequest): Promise<RateResult>;
  createLabel(request: LabelRequest): Promise<LabelResult>;
}

export function expressClient(settings: ExpressSettings, clock: Clock): ExpressClient {
  const authorization = `Basic ${Buffer.from(`${settings.username}:${settings.password}`, 'utf8').toString('base64')}`;
  // Message-Reference lets DHL support find one call; DHL wants 28 to 36 characters.
  const headers = () => ({ authorization, 'message-reference': randomUUID() });

  function failure(response: CarrierResponse): { ok: false; code: string; message: string } {
    return { ok: false, ...readProblem(response.body, response.status) };
  }

  return {
    async rate(request) {
      if (request.parcels.length === 0) return { ok: false, code: 'no_parcels', message: 'a rate needs at least one parcel' };
      const plannedAt = plannedShippingTime(request.shipDate, clock.now());
      const response =
        request.parcels.length === 1
          ? await carrierFetch('dhl', 'rate', `${joinUrl(settings.baseUrl, '/rates')}?${new URLSearchParams(rateQuery(request, settings.accountNumber, plannedAt))}`, { headers: headers() })
          : await carrierFetch('dhl', 'rate', joinUrl(settings.baseUrl, '/rates'), { method: 'POST', headers: headers(), json: rateBody(request, settings.accountNumber, plannedAt) });
      if (response.status < 200 || response.status >= 300) return failure(response);
      return { ok: true, quotes: parseRates(response.body, request) };
    },

    async createLabel(request) {
      const service = serviceByCode(request.service);
      if (!service) return { ok: false, code: 'unknown_service', message: `DHL has no service "${request.service}"` };
      if (request.parcels.length === 0) return { ok: false, code: 'no_parcels', message: 'a label needs at least one parcel' };
      const plannedAt = plannedShippingTime(request.shipDate, clock.now());
      const response = await carrierFetch('dhl', 'label', joinUrl(settings.baseUrl, '/shipments'), {
        method: 'POST',
        headers: headers(),
        json: shipmentBody(request, service.carrierCode, settings.accountNumber, plannedAt),
      });
      if (response.status < 200 || response.status >= 300) return failure(response);
      return parseShipment(response.body, request);
    },
  };
}
