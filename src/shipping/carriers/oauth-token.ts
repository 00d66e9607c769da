/**
 * OAuth 2.0 client-credentials tokens for carriers that use them (UPS, FedEx, USPS): fetched on first
 * use, kept until a minute before they expire, fetched once for many concurrent callers, and dropped
 * when the carrier answers 401 so that the next call fetches a new one.
 */
import type { Clock } from '../../platform/clock.js';

export interface FetchedToken {
  accessToken: string;
  /** Lifetime in seconds as the carrier says (`expires_in`). */
  expiresInSeconds: number;
}

export interface TokenSource {
  /** A valid access token. */
  get(): Promise<string>;
  /** Forget the cached token (after a 401). */
  invalidate(): void;
}

const EARLY_REFRESH_MS = 60_000;

export function tokenSource(fetchToken: () => Promise<FetchedToken>, clock: Clock): TokenSource {
  let cached: { token: string; expiresAt: number } | null = null;
  let inFlight: Promise<string> | null = null;
  return {
    async get() {
      if (cached !== null && clock.now().getTime() < cached.expiresAt) return cached.token;
      inFlight ??= fetchToken()
        .then((fetched) => {
          const lifetimeMs = Math.max(0, fetched.expiresInSeconds * 1000 - EARLY_REFRESH_MS);
          cached = { token: fetched.accessToken, expiresAt: clock.now().getTime() + lifetimeMs };
          return fetched.accessToken;
        })
        .finally(() => {
          inFlight = null;
        });
      return inFlight;
    },
    invalidate() {
      cached = null;
    },
  };
}
