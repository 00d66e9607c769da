/**
 * Authentication to USPS APIs 3.0: an OAuth 2.0 client-credentials access token (POST
 * /oauth2/v3/token) on every call, and for labels a payment authorization token (POST
 * /payments/v3/payment-authorization) naming who pays and who owns the labels. Both are cached.
 * A call answered 401 drops both and is sent once more with fresh ones; a second 401 is the
 * credentials' fault and is thrown.
 */
import type { Clock } from '../../../platform/clock.js';
import { CarrierError, type CarrierOperation } from '../carrier.js';
import { carrierFetch, joinUrl, type CarrierRequest, type CarrierResponse } from '../carrier-http.js';
import { tokenSource, type FetchedToken, type TokenSource } from '../oauth-token.js';
import type { UspsSettings } from '../../../config-shipping.js';
import { readUspsError } from './errors.js';

/**
 * USPS documents no lifetime for payment authorization tokens; they are short-lived JWTs, so
 * we keep one for an hour at most (less the early-refresh minute) and replace it after any 401.
 */
const PAYMENT_TOKEN_SECONDS = 3600;

export interface UspsSession {
  /** A request to `path` with a valid access token (and the payment token when `payment`). */
  send(operation: CarrierOperation, path: string, request?: CarrierRequest, options?: { payment?: boolean }): Promise<CarrierResponse>;
}

function seconds(value: unknown): number {
  // USPS's own example sends `expires_in` as a string ("28799"); the token is as good either way.
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) && n > 0 ? n : 0;
}

async function fetchAccessToken(settings: UspsSettings): Promise<FetchedToken> {
  const response = await carrierFetch('usps', 'auth', joinUrl(settings.baseUrl, '/oauth2/v3/token'), {
    json: { grant_type: 'client_credentials', client_id: settings.clientId, client_secret: settings.clientSecret },
  });
  const body = (response.body ?? {}) as Record<string, unknown>;
  if (response.status !== 200 || typeof body.access_token !== 'string' || body.access_token === '') {
    const problem = readUspsError(response);
    throw new CarrierError('usps', 'auth', false, `${problem.code}: ${problem.message}`, response.status);
  }
  return { accessToken: body.access_token, expiresInSeconds: seconds(body.expires_in) };
}

export function paymentRoles(payment: NonNullable<UspsSettings['payment']>): Record<string, string>[] {
  const account = { CRID: payment.crid, MID: payment.mid, manifestMID: payment.manifestMid, accountType: payment.accountType, accountNumber: payment.accountNumber };
  return [
    { roleName: 'PAYER', ...account },
    { roleName: 'LABEL_OWNER', ...account },
  ];
}

export function createUspsSession(settings: UspsSettings, clock: Clock): UspsSession {
  const access: TokenSource = tokenSource(() => fetchAccessToken(settings), clock);

  async function send(operation: CarrierOperation, path: string, request: CarrierRequest = {}, paymentToken: TokenSource | null): Promise<CarrierResponse> {
    const url = joinUrl(settings.baseUrl, path);
    for (let attempt = 1; ; attempt++) {
      const headers: Record<string, string> = { ...(request.headers ?? {}), authorization: `Bearer ${await access.get()}` };
      if (paymentToken !== null) headers['x-payment-authorization-token'] = await paymentToken.get();
      try {
        return await carrierFetch('usps', operation, url, { ...request, headers });
      } catch (error) {
        if (attempt === 1 && error instanceof CarrierError && error.status === 401) {
          access.invalidate();
          paymentToken?.invalidate();
          continue;
        }
        throw error;
      }
    }
  }

  const payment: TokenSource | null =
    settings.payment === null
      ? null
      : tokenSource(async () => {
          const response = await send('label', '/payments/v3/payment-authorization', { json: { roles: paymentRoles(settings.payment!) } }, null);
          const body = (response.body ?? {}) as Record<string, unknown>;
          if (response.status !== 200 || typeof body.paymentAuthorizationToken !== 'string') {
            // A payment account USPS refuses is configuration to fix, not a request to retry.
            const problem = readUspsError(response);
            throw new CarrierError('usps', 'label', false, `payment authorization refused (${problem.code}): ${problem.message}`, response.status);
          }
          return { accessToken: body.paymentAuthorizationToken, expiresInSeconds: PAYMENT_TOKEN_SECONDS };
        }, clock);

  return {
    send(operation, path, request, options) {
      if (options?.payment && payment === null) throw new Error('USPS payment account not configured');
      return send(operation, path, request, options?.payment ? payment : null);
    },
  };
}
