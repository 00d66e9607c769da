/**
 * The job that makes one attempt at one delivery, and the enqueueing of such attempts.
 *
 * Each attempt is its own job (payload: the delivery, how many attempts it had when the job was
 * made, and its step in the retry schedule). The HTTP call runs outside any transaction; its outcome,
 * the delivery's new state and the next attempt's job then commit together under the job's lease.
 * A crash between the receiver's answer and that commit leaves the job to run again after its lease
 * ran out, so the receiver may get the same delivery twice: it has the same `webhook-id`, which is
 * what receivers deduplicate on (the spec says so). An attempt whose delivery moved on meanwhile
 * (another run recorded it, a replay, a cancellation) finds `attempts` changed and does nothing.
 */
import { createHash } from 'node:crypto';
import { isoTime } from '../platform/clock.js';
import type { Executor } from '../platform/db/database.js';
import type { JobHandler } from '../platform/jobs/types.js';
import { judgeAttempt } from './attempt-verdict.js';
import { findDelivery, recordAttempt } from './delivery.repository.js';
import { disableEndpoint, findEndpoint } from './endpoint.repository.js';
import { sendWebhook, type AttemptOutcome } from './send-webhook.js';
import { webhookHeaders } from './signing.js';
import { checkTarget, TargetRefused } from './url-guard.js';
import type { WebhookDeps } from './webhook-deps.js';

export const DELIVER_JOB = 'webhooks.deliver';
const USER_AGENT = 'Waybill-Webhooks/1';

export interface AttemptJob {
  delivery_id: string;
  /** The delivery's `attempts` when this job was made: the job is stale if it changed. */
  attempts: number;
  /** Index into the retry schedule. */
  step: number;
}

/** Enqueues an attempt in the caller's transaction. A replay gets a key of its own (`replayAt`). */
export async function enqueueAttempt(trx: Executor, deps: Pick<WebhookDeps, 'enqueue'>, job: AttemptJob, runAt: Date, replayAt?: Date): Promise<void> {
  const key = `webhook:${job.delivery_id}:${job.attempts}${replayAt ? `:replay:${isoTime(replayAt)}` : ''}`;
  // maxAttempts counts the job's own failures (a database error), not the receiver's: those are the schedule's.
  await deps.enqueue(trx, { type: DELIVER_JOB, payload: { ...job }, runAt, dedupeKey: key, maxAttempts: 5 });
}

/** Jitter in [0, 1), the same for the same attempt of the same delivery (no randomness to replay). */
function jitterOf(deliveryId: string, attempts: number): number {
  return createHash('sha256').update(`${deliveryId}:${attempts}`).digest().readUInt32BE(0) / 2 ** 32;
}

export function deliverWebhookHandler(deps: WebhookDeps): JobHandler {
  return async (ctx) => {
    const job = ctx.job.payload as unknown as AttemptJob;
    const delivery = await findDelivery(deps.db, job.delivery_id);
    if (delivery === null || (delivery.status !== 'pending' && delivery.status !== 'failed') || Number(delivery.attempts) !== job.attempts) return;
    const endpoint = await findEndpoint(deps.db, delivery.endpoint_id);
    if (endpoint === null) return;
    if (endpoint.status !== 'active') {
      // Disabled after this job was made (the disable cancels what is waiting; this one raced it).
      await ctx.complete((trx) => disableEndpoint(trx, endpoint.id, endpoint.disabled_reason ?? 'endpoint disabled', isoTime(deps.clock.now())));
      return;
    }

    let outcome: AttemptOutcome;
    try {
      const target = await checkTarget(endpoint.url, deps.allowPrivate, deps.resolve);
      const headers = { ...webhookHeaders(endpoint.secret, delivery.event_id, deps.clock.now(), delivery.payload), 'user-agent': USER_AGENT };
      outcome = await sendWebhook({ target, body: delivery.payload, headers, signal: ctx.signal });
    } catch (error) {
      if (!(error instanceof TargetRefused)) throw error;
      outcome = { kind: 'error', message: `refused: ${error.message}` };
    }
    // Stopping or lease lost: this attempt is not recorded; the job runs again elsewhere.
    if (ctx.signal.aborted) throw ctx.signal.reason instanceof Error ? ctx.signal.reason : new Error('attempt interrupted');

    const now = deps.clock.now();
    const verdict = judgeAttempt(outcome, job.step, now, jitterOf(delivery.id, job.attempts));
    await ctx.complete(async (trx) => {
      const at = isoTime(now);
      const recorded = await recordAttempt(
        trx,
        delivery.id,
        job.attempts,
        {
          status: verdict.status,
          next_attempt_at: verdict.retryAt ? isoTime(verdict.retryAt) : null,
          last_status_code: verdict.last_status_code,
          last_error: verdict.last_error,
          last_response: verdict.last_response,
          ...(verdict.status === 'delivered' ? { delivered_at: at } : {}),
        },
        at,
      );
      if (!recorded) return;
      if (verdict.disableReason !== null) await disableEndpoint(trx, endpoint.id, verdict.disableReason, at);
      if (verdict.retryAt !== null) await enqueueAttempt(trx, deps, { delivery_id: delivery.id, attempts: job.attempts + 1, step: job.step + 1 }, verdict.retryAt);
    });
    if (verdict.status !== 'delivered') {
      deps.logger.info({ delivery: delivery.id, endpoint: endpoint.id, status: verdict.status, error: verdict.last_error }, 'webhook attempt did not deliver');
    }
  };
}
