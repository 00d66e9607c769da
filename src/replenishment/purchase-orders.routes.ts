/**
 * Replenishment under /api/v1: purchase orders (raised by hand, sent, cancelled, received, their
 * PDF), plus the supplier and reorder-policy routes, registered together.
 */
import { findWarehouseByCode } from '../inventory/index.js';
import { transactionWithRetry } from '../platform/db/database.js';
import { notFound } from '../platform/errors.js';
import { principalLabel } from '../platform/http/auth.js';
import { replyIdempotent } from '../platform/http/idempotency.js';
import { decodeCursor, fileResponse, listOf, page, problemResponses } from '../platform/http/schemas.js';
import type { App } from '../platform/http/types.js';
import { cancelPurchaseOrder } from './cancel-purchase-order.js';
import { createPurchaseOrder } from './create-purchase-order.js';
import { purchaseOrderPdf } from './purchase-order-pdf.js';
import { findPurchaseOrder, listPurchaseOrders } from './purchase-order.repository.js';
import {
  CancelPurchaseOrderBody,
  CreatePurchaseOrderBody,
  ListPurchaseOrdersQuery,
  PurchaseOrderIdParams,
  PurchaseOrderSchema,
  ReceivePurchaseOrderBody,
} from './purchase-order.schemas.js';
import { purchaseOrderView, purchaseOrderViews } from './purchase-order-view.js';
import { receivePurchaseOrder } from './receive-purchase-order.js';
import { reorderPolicyRoutes } from './reorder-policy.routes.js';
import type { ReplenishmentDeps } from './replenishment-deps.js';
import { sendPurchaseOrder } from './send-purchase-order.js';
import { supplierRoutes } from './suppliers.routes.js';

const tags = ['replenishment'];

function purchaseOrderRoutes(deps: ReplenishmentDeps) {
  return async (app: App) => {
    app.post(
      '/purchase-orders',
      {
        config: { access: 'operator' },
        schema: {
          tags,
          summary: 'Raise a purchase order by hand',
          description:
            'Honours Idempotency-Key. A draft, or sent to the supplier at once with `send: true`. It holds the (SKU, warehouse) pairs no other open purchase order holds, so the automatic run does not order them again.',
          body: CreatePurchaseOrderBody,
          response: { 201: PurchaseOrderSchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        replyIdempotent(deps, request, reply, 'POST /purchase-orders', async (trx) => {
          const po = await createPurchaseOrder(trx, deps, request.body, principalLabel(request.principal));
          return { status: 201, body: await purchaseOrderView(trx, po.id) };
        }),
    );

    app.get(
      '/purchase-orders',
      {
        config: { access: 'viewer' },
        schema: { tags, summary: 'List purchase orders, newest first', querystring: ListPurchaseOrdersQuery, response: { 200: listOf(PurchaseOrderSchema), ...problemResponses } },
      },
      async (request) => {
        const q = request.query;
        const limit = q.limit ?? 50;
        let warehouseId: string | undefined;
        if (q.warehouse !== undefined) {
          const warehouse = await findWarehouseByCode(deps.db, q.warehouse);
          if (!warehouse) return { data: [], next_cursor: null };
          warehouseId = warehouse.id;
        }
        const rows = await listPurchaseOrders(deps.db, { status: q.status, supplierId: q.supplier_id, warehouseId, before: decodeCursor(q.cursor), limit: limit + 1 });
        const shown = page(rows, limit, (r) => r.id);
        return { data: await purchaseOrderViews(deps.db, shown.data), next_cursor: shown.next_cursor };
      },
    );

    app.get(
      '/purchase-orders/:id',
      {
        config: { access: 'viewer' },
        schema: { tags, summary: 'A purchase order (by id or number) with its lines, supplier and warehouse', params: PurchaseOrderIdParams, response: { 200: PurchaseOrderSchema, ...problemResponses } },
      },
      async (request) => purchaseOrderView(deps.db, request.params.id),
    );

    app.get(
      '/purchase-orders/:id/pdf',
      {
        config: { access: 'viewer' },
        schema: { tags, summary: 'The purchase order as PDF (what the supplier is sent)', params: PurchaseOrderIdParams, response: { 200: fileResponse('The purchase order'), ...problemResponses } },
      },
      async (request, reply) => {
        const po = await findPurchaseOrder(deps.db, request.params.id);
        if (po === null) throw notFound(`Purchase order ${request.params.id}`);
        const pdf = await purchaseOrderPdf(deps.db, deps.shop, po.id);
        return reply.type('application/pdf').header('content-disposition', `inline; filename="${po.number}.pdf"`).send(pdf);
      },
    );

    app.post(
      '/purchase-orders/:id/send',
      {
        config: { access: 'operator' },
        schema: {
          tags,
          summary: 'Send a draft purchase order to its supplier (emailed with its PDF)',
          description: '409 invalid_transition unless it is a draft.',
          params: PurchaseOrderIdParams,
          response: { 200: PurchaseOrderSchema, ...problemResponses },
        },
      },
      async (request) =>
        transactionWithRetry(deps.db, async (trx) => {
          const po = await sendPurchaseOrder(trx, deps, request.params.id);
          return purchaseOrderView(trx, po.id);
        }),
    );

    app.post(
      '/purchase-orders/:id/cancel',
      {
        config: { access: 'operator' },
        schema: {
          tags,
          summary: 'Cancel a purchase order before anything was received',
          description: '409 invalid_transition once a receipt came (or when it is received or cancelled already). Frees its SKUs for the automatic run.',
          params: PurchaseOrderIdParams,
          body: CancelPurchaseOrderBody,
          response: { 200: PurchaseOrderSchema, ...problemResponses },
        },
        // The reason is optional, and so is the body that carries it.
        preValidation: async (request) => {
          request.body ??= {};
        },
      },
      async (request) =>
        transactionWithRetry(deps.db, async (trx) => {
          const po = await cancelPurchaseOrder(trx, deps, request.params.id, request.body.reason);
          return purchaseOrderView(trx, po.id);
        }),
    );

    app.post(
      '/purchase-orders/:id/receive',
      {
        config: { access: 'operator' },
        schema: {
          tags,
          summary: 'Receive goods against a sent purchase order, whole or in parts',
          description:
            'Honours Idempotency-Key (a retried receipt must not count the units twice). Units go on hand at the order’s warehouse through the stock ledger, backorders first. A line may end above what was ordered by at most the over-receipt tolerance (WAYBILL_OVER_RECEIPT_PERCENT); beyond it, or a SKU not on the order, 422 naming the line and nothing is received.',
          params: PurchaseOrderIdParams,
          body: ReceivePurchaseOrderBody,
          response: { 200: PurchaseOrderSchema, ...problemResponses },
        },
      },
      async (request, reply) => {
        const found = await findPurchaseOrder(deps.db, request.params.id);
        if (found === null) throw notFound(`Purchase order ${request.params.id}`);
        // Scoped by id, however the caller named it: a receipt retried by number is still a replay.
        return replyIdempotent(deps, request, reply, `POST /purchase-orders/${found.id}/receive`, async (trx) => {
          const po = await receivePurchaseOrder(trx, deps, found.id, request.body, principalLabel(request.principal));
          return { status: 200, body: await purchaseOrderView(trx, po.id) };
        });
      },
    );
  };
}

export function replenishmentRoutes(deps: ReplenishmentDeps) {
  return async (app: App) => {
    await app.register(supplierRoutes(deps));
    await app.register(reorderPolicyRoutes(deps));
    await app.register(purchaseOrderRoutes(deps));
  };
}
