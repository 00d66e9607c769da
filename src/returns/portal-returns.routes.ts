/**
 * The customer's return routes under /portal (customer session): asking for a return of one of
 * their delivered orders, their returns, one return, its label to print, and the policy. Another
 * customer's order or return — and any at all before the account email is verified — answers 404,
 * never 403 (as portal.routes.ts). Writes come from a cookie: the platform checks the CSRF header.
 */
import { Type } from '@sinclair/typebox';
import { customerOf } from '../accounts/index.js';
import { findOrderRow } from '../orders/index.js';
import type { Executor } from '../platform/db/database.js';
import { notFound } from '../platform/errors.js';
import { principalLabel } from '../platform/http/auth.js';
import { replyIdempotentFlow } from '../platform/http/idempotency.js';
import { decodeCursor, fileResponse, LABEL_MEDIA_TYPES, listOf, page, PageQuery, problemResponses } from '../platform/http/schemas.js';
import type { App } from '../platform/http/types.js';
import { findShipment } from '../shipping/index.js';
import type { ReturnDeps } from './return-deps.js';
import { returnPolicyView } from './return-policy-view.js';
import { findReturn, listReturns, type ReturnRecord } from './return.repository.js';
import { PortalReturnBody, ReturnableSchema, ReturnIdParams, ReturnPolicySchema, ReturnSchema } from './return.schemas.js';
import { returnableView } from './returnable-view.js';
import { viewsFor } from './return-views.js';
import { returnAnswer, submitReturn } from './submit-return.js';

const tags = ['portal'];
const OrderParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, description: 'Order id (ord_…) or number (W-000123)' }) });

async function orderIdsOf(db: Executor, customerId: string): Promise<string[]> {
  return (await db.selectFrom('orders').select('id').where('customer_id', '=', customerId).execute()).map((o) => o.id);
}

/** The return if it belongs to one of this customer's orders, else null (the caller answers 404). */
async function customersReturn(db: Executor, customerId: string | null, id: string): Promise<ReturnRecord | null> {
  if (customerId === null) return null;
  const record = await findReturn(db, id);
  if (record === null) return null;
  const order = await db.selectFrom('orders').select('customer_id').where('id', '=', record.order_id).executeTakeFirst();
  return order?.customer_id === customerId ? record : null;
}

export function portalReturnRoutes(deps: ReturnDeps) {
  return async (app: App) => {
    app.post(
      '/orders/:id/returns',
      {
        config: { access: 'customer' },
        schema: {
          tags,
          summary: 'Ask to return delivered units of one of your orders',
          description:
            'Honours Idempotency-Key; a cookie write, so x-csrf-token is required. 422 with `rule` when the request breaks the policy (GET /portal/returns/policy); another customer’s order, or any before the email is verified, answers 404.',
          params: OrderParams,
          body: PortalReturnBody,
          response: { 201: ReturnSchema, ...problemResponses },
        },
      },
      async (request, reply) => {
        const customerId = customerOf(request).customerId;
        if (customerId === null) throw notFound(`Order ${request.params.id}`);
        const requester = { by: 'customer' as const, actor: principalLabel(request.principal), customerId };
        // The order is in the path, not the body: the key is scoped to it (by id, however the
        // customer named it), or the same key and lines on another order would replay this one.
        // Whose order it is, submitReturn checks (a stranger's is 404 like a missing one).
        const order = await findOrderRow(deps.db, request.params.id);
        if (order === null) throw notFound(`Order ${request.params.id}`);
        const input = { order_id: order.id, lines: request.body.lines, comment: request.body.comment };
        return replyIdempotentFlow(
          deps,
          request,
          reply,
          `POST /portal/orders/${order.id}/returns`,
          (steps) => submitReturn(steps, deps, input, requester, 'customer'),
          (id) => returnAnswer(deps.db, deps, id, 'customer'),
        );
      },
    );

    app.get(
      '/orders/:id/returnable',
      {
        config: { access: 'customer' },
        schema: {
          tags,
          summary: 'What of one of your orders you may still return, line by line (what the return form offers)',
          params: OrderParams,
          response: { 200: ReturnableSchema, ...problemResponses },
        },
      },
      async (request) => {
        const customerId = customerOf(request).customerId;
        const order = customerId === null ? null : await findOrderRow(deps.db, request.params.id);
        if (order === null || order.customer_id !== customerId) throw notFound(`Order ${request.params.id}`);
        return returnableView(deps.db, deps, order);
      },
    );

    app.get(
      '/returns',
      {
        config: { access: 'customer' },
        schema: { tags, summary: 'Your returns, newest first', querystring: Type.Object(PageQuery), response: { 200: listOf(ReturnSchema), ...problemResponses } },
      },
      async (request) => {
        const customerId = customerOf(request).customerId;
        if (customerId === null) return { data: [], next_cursor: null };
        const limit = request.query.limit ?? 50;
        const rows = await listReturns(deps.db, { orderIds: await orderIdsOf(deps.db, customerId), before: decodeCursor(request.query.cursor), limit: limit + 1 });
        const shown = page(rows, limit, (r) => r.id);
        return { data: await viewsFor(deps.db, 'customer', deps.publicUrl, shown.data), next_cursor: shown.next_cursor };
      },
    );

    // Before /returns/:id, or "policy" would be taken for a return id.
    app.get(
      '/returns/policy',
      { config: { access: 'customer' }, schema: { tags, summary: 'The return policy: window, reasons and what each means for the refund', response: { 200: ReturnPolicySchema, ...problemResponses } } },
      async () => returnPolicyView(deps.settings),
    );

    app.get(
      '/returns/:id',
      { config: { access: 'customer' }, schema: { tags, summary: 'One of your returns', params: ReturnIdParams, response: { 200: ReturnSchema, ...problemResponses } } },
      async (request) => {
        const record = await customersReturn(deps.db, customerOf(request).customerId, request.params.id);
        if (record === null) throw notFound(`Return ${request.params.id}`);
        return (await viewsFor(deps.db, 'customer', deps.publicUrl, [record]))[0]!;
      },
    );

    app.get(
      '/returns/:id/label.pdf',
      {
        config: { access: 'customer' },
        schema: { tags, summary: 'The return label to print and stick on the parcel (404 until it is bought)', params: ReturnIdParams, response: { 200: fileResponse('The label as the carrier sent it', LABEL_MEDIA_TYPES), ...problemResponses } },
      },
      async (request, reply) => {
        const record = await customersReturn(deps.db, customerOf(request).customerId, request.params.id);
        const shipment = record?.shipment_id ? await findShipment(deps.db, record.shipment_id) : null;
        if (shipment === null || shipment.label_state !== 'purchased' || shipment.label_data === null) throw notFound(`The label of return ${request.params.id}`);
        const extension = shipment.label_content_type === 'application/pdf' ? 'pdf' : shipment.label_content_type === 'application/zpl' ? 'zpl' : 'bin';
        return reply
          .type(shipment.label_content_type ?? 'application/octet-stream')
          .header('content-disposition', `inline; filename="return-label-${shipment.tracking_number}.${extension}"`)
          .send(Buffer.from(shipment.label_data, 'base64'));
      },
    );
  };
}
