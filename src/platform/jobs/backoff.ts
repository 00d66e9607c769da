/**
 * Retry delays: exponential with "equal jitter" — half the delay is fixed, half random — so that
 * jobs that failed together (a provider outage) do not all come back at the same instant, yet each
 * still waits at least half its backoff. Pure: the random number is an argument.
 */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 1_000, maxMs: 60 * 60 * 1_000 };

/** The delay before the next attempt after `failedAttempts` failures (1 = the first one failed). */
export function retryDelayMs(failedAttempts: number, random: number, policy: BackoffPolicy = defaultBackoff): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(30, Math.max(0, failedAttempts - 1)));
  return Math.round(exponential / 2 + (exponential / 2) * random);
}
