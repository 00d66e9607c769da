/**
 * Money back outside a return: a goodwill or manual refund of an order (POST /orders/{id}/refunds),
 * the order's refunds, and retrying a refund the provider failed (POST /refunds/{id}/retry). Every
 * change runs under the order's lock, so the cap (captured money no refund holds yet, openRefund)
 * holds for concurrent requests: one wins, the other is refused with 409 `conflict`.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { Deps } from '../deps.js';
import { findRefund, refundsOfOrder, type Refund } from '../payments/index.js';
import { isoTime } from '../platform/clock.js';
import { transactionWithRetry, type Executor, type Trx } from '../platform/db/database.js';
import { AppError, notFound } from '../platform/errors.js';
import { principalLabel } from '../platform/http/auth.js';
import { replyIdempotent } from '../platform/http/idempotency.js';
import { listOf, problemResponses } from '../platform/http/schemas.js';
import type { App } from '../platform/http/types.js';
import type { Ids } from '../platform/ids.js';
import { currentPayment } from './order-payments.js';
import { findOrderRow, insertOrderEvent, lockOrder, refundView } from './order.repository.js';
import { OrderIdParams, RefundViewSchema } from './order.schemas.js';
import { orderDepsOf } from './order-deps.js';
import { openRefund, retryRefund } from './refund-money.js';

const tags = ['payments'];

export const RefundDetailSchema = Type.Object({
  ...RefundViewSchema.properties,
  order_id: Type.String(),
  return_id: Type.Union([Type.String(), Type.Null()], { description: 'The return this refund pays for, or null (a goodwill or cancellation refund)' }),
  attempts: Type.Integer({ description: 'Times the provider was asked; each retry of a failed refund uses a fresh provider idempotency key' }),
});
export type RefundDetail = Static<typeof RefundDetailSchema>;

export const CreateRefundBody = Type.Object(
  {
    amount: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'Minor units; at most the captured money no refund holds yet' }),
    reason: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);

const RefundIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

function refundDetail(r: Refund): RefundDetail {
  return { ...refundView(r), order_id: r.order_id, return_id: r.return_id, attempts: r.attempts };
}

async function refundOrThrow(db: Executor, id: string): Promise<Refund> {
  const refund = await findRefund(db, id);
  if (refund === null) throw notFound(`Refund ${id}`);
  return refund;
}

/** A person retried the refund the attention was about: the flag has done its job (a new failure raises it again). */
async function clearRefundAttention(trx: Trx, ids: Ids, refund: Refund, actor: string, now: string): Promise<void> {
  const order = await findOrderRow(trx, refund.order_id);
  const attention = order?.attention ? (JSON.parse(order.attention) as { reason?: string; refund_id?: string }) : null;
  if (attention?.reason !== 'refund_failed' || attention.refund_id !== refund.id) return;
  await trx.updateTable('orders').set({ attention: null, updated_at: now }).where('id', '=', refund.order_id).execute();
  await insertOrderEvent(trx, ids, refund.order_id, { type: 'order.attention_cleared', actor, at: now, data: { was: 'refund_failed', refund_id: refund.id } });
}

export function refundRoutes(deps: Deps) {
  const orderDeps = orderDepsOf(deps);

  return async (app: App) => {
    app.post(
      '/orders/:id/refunds',
      {
        config: { access: 'operator' },
        schema: {
          tags,
          summary: 'Refund part or all of an order’s captured money (goodwill, a manual correction)',
          description:
            'Honours Idempotency-Key. Never more than the captured money that no other refund holds (pending and failed refunds hold theirs): beyond it, 409 conflict with `refundable`. The provider is asked in the background; the refund is `pending` until it answers.',
          params: OrderIdParams,
          body: CreateRefundBody,
          response: { 201: RefundDetailSchema, ...problemResponses },
        },
      },
      async (request, reply) => {
        const order = await findOrderRow(deps.db, request.params.id);
        if (order === null) throw notFound(`Order ${request.params.id}`);
        // Scoped to the order, by id however the caller named it: the same key and body for another
        // order is another request, and a retry by number of a refund asked by id is a replay.
        return replyIdempotent(deps, request, reply, `POST /orders/${order.id}/refunds`, async (trx) => {
          const now = isoTime(deps.clock.now());
          const found = await findOrderRow(trx, order.id);
          if (found === null || !(await lockOrder(trx, found.id, now))) throw notFound(`Order ${request.params.id}`);
          // Read under the lock: a concurrent refund of this payment is visible now.
          const payment = await currentPayment(trx, found.id);
          if (payment === null) throw new AppError('conflict', `Order ${found.number} has no payment, so there is nothing to refund`);
          if (payment.amount_captured <= 0) {
            throw new AppError('conflict', `The payment of order ${found.number} is ${payment.status} and nothing was captured, so nothing can be refunded`, { payment_status: payment.status });
          }
          const id = await openRefund(trx, orderDeps, payment, request.body.amount, request.body.reason, principalLabel(request.principal), now);
          return { status: 201, body: refundDetail((await findRefund(trx, id))!) };
        });
      },
    );

    app.get(
      '/orders/:id/refunds',
      {
        config: { access: 'viewer' },
        schema: { tags, summary: 'The order’s refunds, oldest first (as the order shows them)', params: OrderIdParams, response: { 200: listOf(RefundDetailSchema), ...problemResponses } },
      },
      async (request) => {
        const order = await findOrderRow(deps.db, request.params.id);
        if (order === null) throw notFound(`Order ${request.params.id}`);
        return { data: (await refundsOfOrder(deps.db, order.id)).map(refundDetail), next_cursor: null };
      },
    );

    app.get(
      '/refunds/:id',
      { config: { access: 'viewer' }, schema: { tags, summary: 'A refund', params: RefundIdParams, response: { 200: RefundDetailSchema, ...problemResponses } } },
      async (request) => refundDetail(await refundOrThrow(deps.db, request.params.id)),
    );

    app.post(
      '/refunds/:id/retry',
      {
        config: { access: 'operator' },
        schema: {
          tags,
          summary: 'Ask the provider again for a refund it failed',
          description: 'Only a `failed` refund (else 409 invalid_transition). It becomes `pending` and is asked for under a fresh provider idempotency key; the money it holds stays held.',
          params: RefundIdParams,
          response: { 200: RefundDetailSchema, ...problemResponses },
        },
      },
      async (request) => {
        const actor = principalLabel(request.principal);
        const retried = await transactionWithRetry(deps.db, async (trx) => {
          const now = isoTime(deps.clock.now());
          const refund = await refundOrThrow(trx, request.params.id);
          await lockOrder(trx, refund.order_id, now);
          const pending = await retryRefund(trx, orderDeps, refund.id, actor, now);
          await clearRefundAttention(trx, orderDeps.ids, pending, actor, now);
          return pending;
        });
        return refundDetail(retried);
      },
    );
  };
}
