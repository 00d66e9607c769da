import { Type } from '@sinclair/typebox';
import type { Deps } from '../deps.js';
import { transactionWithRetry } from '../platform/db/database.js';
import { notFound } from '../platform/errors.js';
import { principalLabel } from '../platform/http/auth.js';
import { replyIdempotent, replyIdempotentFlow } from '../platform/http/idempotency.js';
import { decodeCursor, listOf, page, problemResponses } from '../platform/http/schemas.js';
import type { App } from '../platform/http/types.js';
import { cancelOrder } from './cancel-order.js';
import { changeOrderStatus } from './change-order-status.js';
import { findOrderRow, listOrderEvents, listOrders, loadOrder } from './order.repository.js';
import { CancelOrderBody, ChangeStatusBody, ListOrdersQuery, OrderEventSchema, OrderIdParams, OrderSchema, placeOrderBody } from './order.schemas.js';
import { orderDepsOf } from './order-deps.js';
import { orderAnswer, submitOrder } from './submit-order.js';

const tags = ['orders'];

export function orderRoutes(deps: Deps) {
  const orderDeps = orderDepsOf(deps);
  const publicUrl = deps.config.publicUrl;

  async function orderOrThrow(id: string) {
    const order = await loadOrder(deps.db, id, publicUrl);
    if (!order) throw notFound(`Order ${id}`);
    return order;
  }

  return async (app: App) => {
    app.post(
      '/orders',
      {
        config: { access: 'operator' },
        schema: {
          tags,
          summary: 'Place an order, reserving all of its stock or none',
          description: 'Honours Idempotency-Key. 409 insufficient_stock lists every short line.',
          body: placeOrderBody(deps.config.maxOrderLines),
          response: { 201: OrderSchema, ...problemResponses },
        },
      },
      // Each transaction inside retries on its own (transactionWithRetry): once the first one has
      // committed, retrying the whole request would place a second order.
      async (request, reply) =>
        replyIdempotentFlow(
          deps,
          request,
          reply,
          'POST /orders',
          (steps) => submitOrder(steps, orderDeps, request.body, principalLabel(request.principal), request.url),
          (orderId) => orderAnswer(deps.db, orderDeps, orderId),
        ),
    );

    app.get(
      '/orders',
      {
        config: { access: 'viewer' },
        schema: { tags, summary: 'List orders, newest first', querystring: ListOrdersQuery, response: { 200: listOf(OrderSchema), ...problemResponses } },
      },
      async (request) => {
        const q = request.query;
        const limit = q.limit ?? 50;
        const rows = await listOrders(
          deps.db,
          {
            status: q.status,
            email: q.email,
            q: q.q,
            attention: q.attention,
            createdFrom: q.created_from === undefined ? undefined : new Date(q.created_from).toISOString(),
            createdTo: q.created_to === undefined ? undefined : new Date(q.created_to).toISOString(),
            before: decodeCursor(q.cursor),
            limit: limit + 1,
          },
          publicUrl,
        );
        return page(rows, limit, (o) => o.id);
      },
    );

    app.get(
      '/orders/:id',
      { config: { access: 'viewer' }, schema: { tags, summary: 'An order by id or number (W-000123)', params: OrderIdParams, response: { 200: OrderSchema, ...problemResponses } } },
      async (request) => orderOrThrow(request.params.id),
    );

    app.get(
      '/orders/:id/events',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          summary: 'The order timeline, oldest first',
          params: OrderIdParams,
          querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 200 })), cursor: Type.Optional(Type.String({ maxLength: 200 })) }),
          response: { 200: listOf(OrderEventSchema), ...problemResponses },
        },
      },
      async (request) => {
        const order = await findOrderRow(deps.db, request.params.id);
        if (!order) throw notFound(`Order ${request.params.id}`);
        const limit = request.query.limit ?? 200;
        const rows = await listOrderEvents(deps.db, order.id, { after: decodeCursor(request.query.cursor), limit: limit + 1 });
        return page(rows, limit, (e) => e.id);
      },
    );

    app.post(
      '/orders/:id/status',
      {
        config: { access: 'operator' },
        schema: { tags, summary: 'Move an order along its lifecycle by hand', params: OrderIdParams, body: ChangeStatusBody, response: { 200: OrderSchema, ...problemResponses } },
      },
      async (request) => {
        const id = await transactionWithRetry(deps.db, (trx) => changeOrderStatus(trx, orderDeps, request.params.id, request.body, principalLabel(request.principal)));
        return orderOrThrow(id);
      },
    );

    app.post(
      '/orders/:id/cancel',
      {
        config: { access: 'operator' },
        schema: {
          tags,
          summary: 'Cancel an order, whole or some lines, before shipment',
          description: 'Honours Idempotency-Key: a cancel retried after its answer was lost gets that answer again instead of cancelling more lines or a 409.',
          params: OrderIdParams,
          body: CancelOrderBody,
          response: { 200: OrderSchema, ...problemResponses },
        },
      },
      async (request, reply) => {
        const order = await findOrderRow(deps.db, request.params.id);
        if (!order) throw notFound(`Order ${request.params.id}`);
        // Scoped to the order (by id, however the caller named it): the same key and reason for
        // another order is another request.
        return replyIdempotent(deps, request, reply, `POST /orders/${order.id}/cancel`, async (trx) => {
          const id = await cancelOrder(trx, orderDeps, order.id, request.body, principalLabel(request.principal));
          return { status: 200, body: await loadOrder(trx, id, publicUrl) };
        });
      },
    );
  };
}
