/**
 * What an attempt's outcome means for its delivery (the Standard Webhooks spec's status-code
 * etiquette). Pure: no I/O, `now` and the jitter are arguments.
 *
 * 2xx: delivered. 410 Gone: the receiver wants no more, so the endpoint is disabled and what was
 * waiting for it is cancelled. Everything else (other statuses, 3xx — redirects are not followed —,
 * timeouts, refused connections, a target the guard refused): failed, tried again per the schedule,
 * dead after the last attempt.
 */
import type { DeliveryStatus } from './delivery.repository.js';
import { nextAttemptAt, retryAfterMs } from './retry-schedule.js';
import type { AttemptOutcome } from './send-webhook.js';

export interface AttemptVerdict {
  status: Extract<DeliveryStatus, 'delivered' | 'failed' | 'dead' | 'cancelled'>;
  last_status_code: number | null;
  last_error: string | null;
  last_response: string | null;
  /** When the next attempt runs (status failed). */
  retryAt: Date | null;
  /** Set when the endpoint must be disabled (410), with the reason to show. */
  disableReason: string | null;
}

export function judgeAttempt(outcome: AttemptOutcome, step: number, now: Date, jitter: number): AttemptVerdict {
  if (outcome.kind === 'response' && outcome.status >= 200 && outcome.status < 300) {
    return { status: 'delivered', last_status_code: outcome.status, last_error: null, last_response: outcome.body, retryAt: null, disableReason: null };
  }
  if (outcome.kind === 'response' && outcome.status === 410) {
    const reason = `the receiver answered 410 Gone at ${now.toISOString()}`;
    return { status: 'cancelled', last_status_code: 410, last_error: `HTTP 410 Gone: endpoint disabled`, last_response: outcome.body, retryAt: null, disableReason: reason };
  }
  const error =
    outcome.kind === 'error'
      ? outcome.message
      : outcome.status >= 300 && outcome.status < 400
        ? `HTTP ${outcome.status}: redirects are not followed${outcome.location ? ` (Location: ${outcome.location.slice(0, 500)})` : ''}; update the endpoint's URL`
        : `HTTP ${outcome.status}`;
  const retryAt = nextAttemptAt(step, now, jitter, outcome.kind === 'response' ? retryAfterMs(outcome.retryAfter, now) : null);
  return {
    status: retryAt === null ? 'dead' : 'failed',
    last_status_code: outcome.kind === 'response' ? outcome.status : null,
    last_error: error,
    last_response: outcome.kind === 'response' ? outcome.body : null,
    retryAt,
    disableReason: null,
  };
}
