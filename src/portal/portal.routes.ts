/**
 * The customer portal's own data (registered under /portal, customer session): the signed-in
 * customer's orders (list and one with shipments, tracking and timeline), the delivery feedback
 * and invoice of each, and their notification preferences. A customer reaches only their own orders: anyone else's, and any order at all before
 * the email is verified (no linked customer yet), answers 404, never 403, so that the answer tells
 * nothing about what exists. Writes come from a cookie, so the platform checks the CSRF header.
 */
import { Type } from '@sinclair/typebox';
import { customerOf } from '../accounts/index.js';
import { invoiceDocumentOf } from '../fulfillment/index.js';
import { FeedbackBody, FeedbackSchema, leaveFeedback } from '../orders/index.js';
import { principalLabel } from '../platform/http/auth.js';
import type { Deps } from '../deps.js';
import { preferencesFrom, preferencesOf, PreferencesBody, PreferencesSchema, setPreferences } from '../notifications/index.js';
import { AppError, notFound } from '../platform/errors.js';
import { decodeCursor, fileResponse, listOf, page, PageQuery, problemResponses } from '../platform/http/schemas.js';
import type { App } from '../platform/http/types.js';
import { customersOrderRow, listCustomerOrders, loadCustomerOrder, PortalOrderSchema, PortalOrderSummarySchema } from './portal-order.js';

export type PortalDeps = Pick<Deps, 'db' | 'clock' | 'ids' | 'config' | 'carriers'>;

const tags = ['portal'];
const OrderParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, description: 'Order id (ord_…) or number (W-000123)' }) });

export function portalRoutes(deps: PortalDeps) {
  const publicUrl = deps.config.publicUrl;
  const carrierName = (carrier: string) => deps.carriers.get(carrier)?.displayName ?? carrier;
  return async (app: App) => {
    app.get(
      '/orders',
      {
        config: { access: 'customer' },
        schema: {
          tags,
          summary: "The signed-in customer's orders, newest first",
          description: 'Empty until the account email is verified (that links the account to the orders placed with it).',
          querystring: Type.Object(PageQuery),
          response: { 200: listOf(PortalOrderSummarySchema), ...problemResponses },
        },
      },
      async (request) => {
        const limit = request.query.limit ?? 50;
        const before = decodeCursor(request.query.cursor);
        const customerId = customerOf(request).customerId;
        if (customerId === null) return { data: [], next_cursor: null };
        const rows = await listCustomerOrders(deps.db, customerId, { before, limit: limit + 1, publicUrl });
        return page(rows, limit, (o) => o.id);
      },
    );

    app.get(
      '/orders/:id',
      {
        config: { access: 'customer' },
        schema: {
          tags,
          summary: "One of the signed-in customer's orders: lines, totals, shipments with tracking (coordinates for the map) and the timeline",
          description: "Another customer's order answers 404, as does any order before the account email is verified.",
          params: OrderParams,
          response: { 200: PortalOrderSchema, ...problemResponses },
        },
      },
      async (request) => {
        const customerId = customerOf(request).customerId;
        const order = customerId === null ? null : await loadCustomerOrder(deps.db, customerId, request.params.id, publicUrl, carrierName);
        if (order === null) throw notFound(`Order ${request.params.id}`);
        return order;
      },
    );

    app.put(
      '/orders/:id/feedback',
      {
        config: { access: 'customer' },
        schema: {
          tags,
          summary: 'Rate the delivery of one of your orders (1–5 stars and a comment); a later PUT changes it',
          description:
            "409 conflict until something was delivered; another customer's order answers 404. A cookie write, so x-csrf-token is required. Repeating the same rating and comment changes nothing.",
          params: OrderParams,
          body: FeedbackBody,
          response: { 200: FeedbackSchema, ...problemResponses },
        },
      },
      async (request) => {
        const customerId = customerOf(request).customerId;
        const row = customerId === null ? null : await customersOrderRow(deps.db, customerId, request.params.id);
        if (row === null) throw notFound(`Order ${request.params.id}`);
        return leaveFeedback(deps, row.id, request.body, principalLabel(request.principal));
      },
    );

    app.get(
      '/orders/:id/invoice.pdf',
      {
        config: { access: 'customer' },
        schema: {
          tags,
          summary: 'The invoice of one of your orders as PDF (the document staff get)',
          description: "404 until the invoice is issued (while the order is processed), and for another customer's order.",
          params: OrderParams,
          response: { 200: fileResponse('The invoice'), ...problemResponses },
        },
      },
      async (request, reply) => {
        const customerId = customerOf(request).customerId;
        const row = customerId === null ? null : await customersOrderRow(deps.db, customerId, request.params.id);
        if (row === null) throw notFound(`Order ${request.params.id}`);
        const invoice = await invoiceDocumentOf(deps.db, deps.config, row.id);
        if (typeof invoice === 'string') throw notFound(`The invoice of order ${row.number} (it is issued while the order is processed)`);
        return reply.type('application/pdf').header('content-disposition', `inline; filename="${invoice.number}.pdf"`).send(invoice.pdf);
      },
    );

    app.get(
      '/preferences',
      {
        config: { access: 'customer' },
        schema: { tags, summary: "The signed-in customer's choices per channel and message (as GET /api/v1/customers/{id}/preferences)", response: { 200: PreferencesSchema, ...problemResponses } },
      },
      async (request) => {
        const customerId = customerOf(request).customerId;
        // Before verification there is no customer to hold choices: the defaults are what would apply.
        return customerId === null ? preferencesFrom([]) : preferencesOf(deps.db, customerId);
      },
    );

    app.put(
      '/preferences',
      {
        config: { access: 'customer' },
        schema: {
          tags,
          summary: "Set some of the signed-in customer's choices, the rest stay (as PUT /api/v1/customers/{id}/preferences)",
          description: 'Needs a verified email (409 before); a cookie write, so x-csrf-token is required.',
          body: PreferencesBody,
          response: { 200: PreferencesSchema, ...problemResponses },
        },
      },
      async (request) => {
        const customerId = customerOf(request).customerId;
        if (customerId === null) throw new AppError('conflict', 'Verify your email first: preferences belong to the customer your verified email links to');
        await setPreferences(deps.db, customerId, request.body as never, deps.clock.now().toISOString());
        return preferencesOf(deps.db, customerId);
      },
    );
  };
}
