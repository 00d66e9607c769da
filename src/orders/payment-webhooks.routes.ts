/**
 * `POST /webhooks/payments/{provider}`: events from payment providers. The signature is checked on
 * the exact bytes that arrived (so the body is kept raw); a bad one answers 401 and writes nothing.
 * Each event id is recorded once: a replayed delivery answers 200 with no second effect. An event
 * only ever moves a payment forward along its state table — what Waybill did itself (through its
 * jobs) is already recorded, so its echo finds nothing left to do.
 */
import { Type } from '@sinclair/typebox';
import { findPaymentByReference, recordWebhookEvent, type Payment, type WebhookEvent } from '../payments/index.js';
import { isoTime } from '../platform/clock.js';
import { transactionWithRetry, type Trx } from '../platform/db/database.js';
import { AppError, notFound } from '../platform/errors.js';
import { problemResponses } from '../platform/http/schemas.js';
import type { App } from '../platform/http/types.js';
import { movePaymentOfOrder, type OrderPaymentDeps } from './order-payments.js';
import { insertOrderEvent } from './order.repository.js';
import { settleAuthorization } from './settle-authorization.js';

const ACTOR = 'webhook:payments';

/** What the event means for the payment, applied only if the payment is where the event says it came from. */
async function applyEvent(trx: Trx, deps: OrderPaymentDeps, payment: Payment, event: WebhookEvent, now: string): Promise<void> {
  if (event.status === 'authorized' && payment.status === 'authorizing' && event.reference !== null) {
    await settleAuthorization(trx, deps, payment.id, { outcome: 'authorized', reference: event.reference }, ACTOR);
  } else if (event.status === 'failed' && event.refundReference === undefined && payment.status === 'authorizing') {
    await settleAuthorization(trx, deps, payment.id, { outcome: 'declined', code: 'payment_failed', message: `the provider reported ${event.type}` }, ACTOR);
  } else if (event.status === 'captured' && payment.status === 'authorized') {
    // Captured outside Waybill (the provider's dashboard): record what the provider says it took.
    const received = capturedAmount(event.raw) ?? payment.amount;
    await movePaymentOfOrder(trx, payment, 'captured', { amount_captured: Math.min(received, payment.amount) }, now);
  } else if (event.status === 'voided' && (payment.status === 'authorized' || payment.status === 'capture_failed')) {
    await movePaymentOfOrder(trx, payment, 'voided', {}, now);
  }
}

/** Stripe's PaymentIntent `amount_received`, when the event carries one. */
function capturedAmount(raw: unknown): number | null {
  const object = (raw as { data?: { object?: { amount_received?: unknown } } } | null)?.data?.object;
  return typeof object?.amount_received === 'number' && Number.isSafeInteger(object.amount_received) ? object.amount_received : null;
}

export function paymentWebhookRoutes(deps: OrderPaymentDeps) {
  return async (app: App) => {
    // The signature covers the raw bytes: parse nothing before the provider has checked them.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

    app.post(
      '/webhooks/payments/:provider',
      {
        config: { access: 'public' },
        schema: {
          tags: ['payments'],
          summary: 'Events from a payment provider (signature checked, deduplicated by event id)',
          params: Type.Object({ provider: Type.String({ minLength: 1, maxLength: 40 }) }),
          response: { 200: Type.Object({ received: Type.Boolean(), duplicate: Type.Boolean() }), ...problemResponses },
        },
      },
      async (request) => {
        const provider = deps.payments.get(request.params.provider);
        if (provider === undefined) throw notFound(`Payment provider ${request.params.provider}`);
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const parsed = provider.parseWebhook(raw, request.headers);
        if (!parsed.valid) throw new AppError('unauthorized', 'The webhook signature is missing, stale or does not match');
        const event = parsed.event;
        return transactionWithRetry(deps.db, async (trx) => {
          const now = isoTime(deps.clock.now());
          if (!(await recordWebhookEvent(trx, provider.name, event.id, event.type, now))) return { received: true, duplicate: true };
          const payment = event.reference === null ? null : await findPaymentByReference(trx, provider.name, event.reference);
          if (payment !== null) {
            await insertOrderEvent(trx, deps.ids, payment.order_id, {
              type: 'payment.webhook',
              actor: ACTOR,
              at: now,
              data: { provider: provider.name, event_id: event.id, event_type: event.type, status: event.status },
            });
            await applyEvent(trx, deps, payment, event, now);
          }
          return { received: true, duplicate: false };
        });
      },
    );
  };
}
