/**
 * FedEx OAuth: `POST /oauth/token` with the project's API key and secret as a form
 * (`grant_type=client_credentials`), answered with `{access_token, token_type, expires_in, scope}`.
 * Wrong credentials come back as 401 `NOT.AUTHORIZED.ERROR`, which carrierFetch turns into a
 * non-retryable CarrierError: configuration, not a retry, fixes them.
 */
import type { FedexSettings } from '../../../config-shipping.js';
import { CarrierError } from '../carrier.js';
import { carrierFetch, joinUrl } from '../carrier-http.js';
import type { FetchedToken } from '../oauth-token.js';
import { problemOf } from './errors.js';

export async function fetchFedexToken(settings: FedexSettings): Promise<FetchedToken> {
  const response = await carrierFetch('fedex', 'auth', joinUrl(settings.baseUrl, '/oauth/token'), {
    form: { grant_type: 'client_credentials', client_id: settings.clientId, client_secret: settings.clientSecret },
  });
  const body = response.body as { access_token?: unknown; expires_in?: unknown } | null;
  if (response.status >= 200 && response.status < 300 && typeof body?.access_token === 'string') {
    const lifetime = Number(body.expires_in);
    return { accessToken: body.access_token, expiresInSeconds: Number.isFinite(lifetime) && lifetime > 0 ? lifetime : 3599 };
  }
  const problem = problemOf(response.status, response.body, response.text);
  throw new CarrierError('fedex', 'auth', false, `${problem.code}: ${problem.message}`, response.status);
}
