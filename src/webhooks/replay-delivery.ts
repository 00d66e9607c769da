/**
 * Replay from the delivery log: the delivery goes back to pending and gets an attempt now, with a
 * fresh run of the retry schedule (the usual reason to replay is that the receiver is back). Any
 * delivery may be replayed — a dead or cancelled one, and a delivered one the receiver lost; it
 * keeps its `webhook-id`, so a receiver that did process it recognises it.
 */
import { isoTime } from '../platform/clock.js';
import { transactionWithRetry } from '../platform/db/database.js';
import { AppError, notFound } from '../platform/errors.js';
import { enqueueAttempt } from './deliver-webhook.js';
import { deliveryView, findDelivery, markForReplay, type DeliveryView } from './delivery.repository.js';
import { findEndpoint } from './endpoint.repository.js';
import type { WebhookDeps } from './webhook-deps.js';

export async function replayDelivery(deps: WebhookDeps, endpointId: string, deliveryId: string): Promise<DeliveryView> {
  return transactionWithRetry(deps.db, async (trx) => {
    const delivery = await findDelivery(trx, deliveryId);
    if (delivery === null || delivery.endpoint_id !== endpointId) throw notFound(`Delivery ${deliveryId}`);
    const endpoint = await findEndpoint(trx, endpointId);
    if (endpoint === null) throw notFound(`Webhook endpoint ${endpointId}`);
    if (endpoint.status !== 'active') {
      throw new AppError('conflict', `The endpoint is disabled (${endpoint.disabled_reason ?? 'by hand'}); enable it (PATCH status: active) before replaying`);
    }
    const now = deps.clock.now();
    await markForReplay(trx, delivery.id, isoTime(now));
    await enqueueAttempt(trx, deps, { delivery_id: delivery.id, attempts: Number(delivery.attempts), step: 0 }, now, now);
    return deliveryView((await findDelivery(trx, delivery.id))!);
  });
}
