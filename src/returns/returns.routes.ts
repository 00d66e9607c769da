/**
 * Staff return routes under /api/v1: asking for a return on a customer's behalf, listing and
 * reading returns, the policy, and approving or rejecting. Receipt, refund and closing are in
 * return-receipt.routes.ts.
 */
import { Type } from '@sinclair/typebox';
import { findOrderRow } from '../orders/index.js';
import { transactionWithRetry } from '../platform/db/database.js';
import { notFound } from '../platform/errors.js';
import { principalLabel } from '../platform/http/auth.js';
import { replyIdempotentFlow } from '../platform/http/idempotency.js';
import { decodeCursor, listOf, page, problemResponses } from '../platform/http/schemas.js';
import type { App } from '../platform/http/types.js';
import { approveReturn, rejectReturn } from './approve-return.js';
import type { ReturnDeps } from './return-deps.js';
import { returnPolicyView } from './return-policy-view.js';
import { listReturns } from './return.repository.js';
import { ListReturnsQuery, RejectReturnBody, ReturnableSchema, ReturnIdParams, ReturnPolicySchema, ReturnSchema, StaffReturnBody } from './return.schemas.js';
import { returnableView } from './returnable-view.js';
import { returnViewOrThrow, viewsFor } from './return-views.js';
import { returnAnswer, submitReturn } from './submit-return.js';

const tags = ['returns'];

export function returnRoutes(deps: ReturnDeps) {
  const view = (id: string) => returnViewOrThrow(deps.db, 'staff', deps.publicUrl, id);
  return async (app: App) => {
    app.post(
      '/returns',
      {
        config: { access: 'operator' },
        schema: {
          tags,
          summary: 'Ask for a return of delivered units on the customer’s behalf',
          description:
            'Honours Idempotency-Key. Only delivered units, inside the return window, no more than delivered minus what other returns hold: a violation answers 422 with `rule` (not_in_order, not_delivered, return_window, quantity, non_returnable, unknown_reason, exchange_sku). Approved at once when the auto-approval rule covers it.',
          body: StaffReturnBody,
          response: { 201: ReturnSchema, ...problemResponses },
        },
      },
      async (request, reply) => {
        const { order_id, lines, comment } = request.body;
        const requester = { by: 'staff' as const, actor: principalLabel(request.principal) };
        return replyIdempotentFlow(
          deps,
          request,
          reply,
          'POST /returns',
          (steps) => submitReturn(steps, deps, { order_id, lines, comment }, requester, 'staff'),
          (id) => returnAnswer(deps.db, deps, id, 'staff'),
        );
      },
    );

    app.get(
      '/orders/:id/returnable',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          summary: 'What of an order may still be returned, line by line (delivered, held by other returns, inside the window)',
          params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, description: 'Order id (ord_…) or number (W-000123)' }) }),
          response: { 200: ReturnableSchema, ...problemResponses },
        },
      },
      async (request) => {
        const order = await findOrderRow(deps.db, request.params.id);
        if (order === null) throw notFound(`Order ${request.params.id}`);
        return returnableView(deps.db, deps, order);
      },
    );

    app.get(
      '/returns',
      {
        config: { access: 'viewer' },
        schema: { tags, summary: 'List returns, newest first', querystring: ListReturnsQuery, response: { 200: listOf(ReturnSchema), ...problemResponses } },
      },
      async (request) => {
        const q = request.query;
        const limit = q.limit ?? 50;
        let orderId: string | undefined;
        if (q.order_id !== undefined) {
          const order = await findOrderRow(deps.db, q.order_id);
          if (order === null) return { data: [], next_cursor: null };
          orderId = order.id;
        }
        const rows = await listReturns(deps.db, { status: q.status, orderId, before: decodeCursor(q.cursor), limit: limit + 1 });
        const shown = page(rows, limit, (r) => r.id);
        return { data: await viewsFor(deps.db, 'staff', deps.publicUrl, shown.data), next_cursor: shown.next_cursor };
      },
    );

    // Before /returns/:id, or "policy" would be taken for a return id.
    app.get(
      '/returns/policy',
      { config: { access: 'viewer' }, schema: { tags, summary: 'The return policy: window, reasons, restocking fee, auto-approval', response: { 200: ReturnPolicySchema, ...problemResponses } } },
      async () => returnPolicyView(deps.settings),
    );

    app.get(
      '/returns/:id',
      { config: { access: 'viewer' }, schema: { tags, summary: 'A return with its lines, refund quote, label and refunds', params: ReturnIdParams, response: { 200: ReturnSchema, ...problemResponses } } },
      async (request) => view(request.params.id),
    );

    app.post(
      '/returns/:id/approve',
      {
        config: { access: 'operator' },
        schema: {
          tags,
          summary: 'Approve a requested return: buys its return label and places the replacement order of an exchange',
          description: '409 invalid_transition unless requested; 409 conflict when no carrier quotes a label; 409 insufficient_stock when an exchange cannot be reserved (nothing is approved then).',
          params: ReturnIdParams,
          response: { 200: ReturnSchema, ...problemResponses },
        },
      },
      async (request) => {
        await approveReturn(deps, request.params.id, principalLabel(request.principal));
        return view(request.params.id);
      },
    );

    app.post(
      '/returns/:id/reject',
      {
        config: { access: 'operator' },
        schema: { tags, summary: 'Reject a requested return, with the reason the customer is told', params: ReturnIdParams, body: RejectReturnBody, response: { 200: ReturnSchema, ...problemResponses } },
      },
      async (request) => {
        await transactionWithRetry(deps.db, (trx) => rejectReturn(trx, deps, request.params.id, request.body.reason, principalLabel(request.principal)));
        return view(request.params.id);
      },
    );
  };
}
