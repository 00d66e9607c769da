/**
 * Authenticated FedEx calls: the cached bearer token on every request, and one retry with a fresh
 * token when FedEx answers 401 (a token it expired or revoked before our clock said so).
 */
import type { FedexSettings } from '../../../config-shipping.js';
import type { Clock } from '../../../platform/clock.js';
import { CarrierError, type CarrierOperation } from '../carrier.js';
import { carrierFetch, joinUrl, type CarrierResponse } from '../carrier-http.js';
import { tokenSource } from '../oauth-token.js';
import { fetchFedexToken } from './auth.js';

export interface FedexClient {
  send(operation: CarrierOperation, method: 'POST' | 'PUT', path: string, json: unknown, headers?: Record<string, string>): Promise<CarrierResponse>;
}

export function createFedexClient(settings: FedexSettings, clock: Clock): FedexClient {
  const tokens = tokenSource(() => fetchFedexToken(settings), clock);
  return {
    async send(operation, method, path, json, headers = {}) {
      for (let attempt = 1; ; attempt++) {
        const token = await tokens.get();
        try {
          return await carrierFetch('fedex', operation, joinUrl(settings.baseUrl, path), {
            method,
            json,
            headers: { authorization: `Bearer ${token}`, 'x-locale': 'en_US', ...headers },
          });
        } catch (error) {
          if (attempt === 1 && error instanceof CarrierError && error.status === 401) {
            tokens.invalidate();
            continue;
          }
          throw error;
        }
      }
    },
  };
}
