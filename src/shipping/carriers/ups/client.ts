/**
 * UPS HTTP: an OAuth client-credentials token (`POST /security/v1/oauth/token`, HTTP Basic
 * clientId:clientSecret, `grant_type=client_credentials`, `expires_in` in seconds as a string),
 * attached as a Bearer token to every API call together with the `transId` / `transactionSrc`
 * headers UPS asks for. A 401 drops the cached token and the call is sent once more with a new one.
 */
import { randomUUID } from 'node:crypto';
import type { UpsSettings } from '../../../config-shipping.js';
import type { Clock } from '../../../platform/clock.js';
import { CarrierError, type CarrierOperation } from '../carrier.js';
import { carrierFetch, joinUrl, type CarrierResponse } from '../carrier-http.js';
import { tokenSource, type FetchedToken } from '../oauth-token.js';
import { describeUpsErrors } from './errors.js';

export interface UpsCall {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  query?: Record<string, string>;
  json?: unknown;
}

export interface UpsClient {
  call(operation: CarrierOperation, request: UpsCall): Promise<CarrierResponse>;
}

const TRANSACTION_SOURCE = 'waybill';

async function fetchToken(settings: UpsSettings): Promise<FetchedToken> {
  const basic = Buffer.from(`${settings.clientId}:${settings.clientSecret}`).toString('base64');
  const response = await carrierFetch('ups', 'auth', joinUrl(settings.baseUrl, '/security/v1/oauth/token'), {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'x-merchant-id': settings.accountNumber },
    form: { grant_type: 'client_credentials' },
  });
  const body = response.body as { access_token?: unknown; expires_in?: unknown } | null;
  const expiresIn = Number(body?.expires_in);
  if (response.status !== 200 || typeof body?.access_token !== 'string' || !Number.isFinite(expiresIn)) {
    // A 400 here is a request UPS will refuse however often it is sent (a bad grant, a blocked app).
    throw new CarrierError('ups', 'auth', false, `token refused (HTTP ${response.status}): ${describeUpsErrors(response.body)}`, response.status);
  }
  return { accessToken: body.access_token, expiresInSeconds: expiresIn };
}

export function createUpsClient(settings: UpsSettings, clock: Clock): UpsClient {
  const tokens = tokenSource(() => fetchToken(settings), clock);

  async function send(operation: CarrierOperation, request: UpsCall): Promise<CarrierResponse> {
    const token = await tokens.get();
    const query = request.query ? `?${new URLSearchParams(request.query).toString()}` : '';
    return carrierFetch('ups', operation, joinUrl(settings.baseUrl, request.path) + query, {
      method: request.method,
      headers: {
        authorization: `Bearer ${token}`,
        // UPS limits transId to 32 characters: a UUID without its dashes.
        transId: randomUUID().replace(/-/g, ''),
        transactionSrc: TRANSACTION_SOURCE,
      },
      json: request.json,
    });
  }

  return {
    async call(operation, request) {
      try {
        return await send(operation, request);
      } catch (error) {
        if (!(error instanceof CarrierError) || error.status !== 401 || error.operation === 'auth') throw error;
        // The token expired early or was revoked: one new token, one more try.
        tokens.invalidate();
        return send(operation, request);
      }
    },
  };
}
