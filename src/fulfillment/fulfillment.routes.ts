/**
 * What processing produced for an order, and the operator's part in it:
 * `GET /orders/{id}/fulfillment` (pick lists, packages, invoice), `POST /orders/{id}/packing/confirm`
 * (when packing is a manual step), and the documents `GET /orders/{id}/invoice.pdf` and
 * `GET /orders/{id}/packing-slip.pdf`, rendered from the stored records (the same bytes each time).
 */
import { Type } from '@sinclair/typebox';
import { findProducts } from '../catalog/index.js';
import type { Config } from '../config.js';
import { findOrderRow, loadOrder } from '../orders/index.js';
import { transactionWithRetry, type Db } from '../platform/db/database.js';
import { notFound } from '../platform/errors.js';
import { fileResponse, problemResponses } from '../platform/http/schemas.js';
import type { App } from '../platform/http/types.js';
import type { Clock } from '../platform/clock.js';
import type { Ids } from '../platform/ids.js';
import type { Enqueue } from '../platform/jobs/types.js';
import { confirmPacking } from './confirm-packing.js';
import { invoiceOf, packagesOf, pickListsOf, warehouseCodes } from './fulfillment.repository.js';
import { invoiceDocumentOf } from './invoice-document.js';
import { renderPackingSlipPdf } from './packing-slip-pdf.js';

export interface FulfillmentRouteDeps {
  db: Db;
  clock: Clock;
  ids: Ids;
  enqueue: Enqueue;
  config: Pick<Config, 'publicUrl' | 'shop'>;
}

const tags = ['fulfillment'];
const Params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

const PackageSchema = Type.Object({
  id: Type.String(),
  warehouse: Type.String(),
  seq: Type.Integer(),
  box_code: Type.Union([Type.String(), Type.Null()]),
  length_mm: Type.Integer(),
  width_mm: Type.Integer(),
  height_mm: Type.Integer(),
  weight_grams: Type.Integer(),
  items: Type.Array(Type.Object({ sku: Type.String(), quantity: Type.Integer() })),
  status: Type.Union([Type.Literal('proposed'), Type.Literal('packed')]),
});

const FulfillmentSchema = Type.Object({
  order_id: Type.String(),
  pick_lists: Type.Array(Type.Object({ id: Type.String(), warehouse: Type.String(), lines: Type.Unknown(), created_at: Type.String() })),
  packages: Type.Array(PackageSchema),
  invoice: Type.Union([Type.Object({ number: Type.String(), issued_at: Type.String(), total: Type.Integer(), currency: Type.String(), url: Type.String() }), Type.Null()]),
});

export function fulfillmentRoutes(deps: FulfillmentRouteDeps) {
  async function orderIdOrThrow(idOrNumber: string): Promise<string> {
    const order = await findOrderRow(deps.db, idOrNumber);
    if (!order) throw notFound(`Order ${idOrNumber}`);
    return order.id;
  }

  async function view(orderId: string) {
    const codes = await warehouseCodes(deps.db);
    const code = (id: string) => codes.get(id)?.code ?? id;
    const invoice = await invoiceOf(deps.db, orderId);
    return {
      order_id: orderId,
      pick_lists: (await pickListsOf(deps.db, orderId)).map((l) => ({ id: l.id, warehouse: code(l.warehouse_id), lines: l.lines, created_at: l.created_at })),
      packages: (await packagesOf(deps.db, orderId)).map(({ warehouse_id, ...p }) => ({ ...p, warehouse: code(warehouse_id) })),
      invoice: invoice && { number: invoice.number, issued_at: invoice.issued_at, total: invoice.total, currency: invoice.currency, url: `/api/v1/orders/${orderId}/invoice.pdf` },
    };
  }

  return async (app: App) => {
    app.get(
      '/orders/:id/fulfillment',
      { config: { access: 'viewer' }, schema: { tags, summary: 'Pick lists, packages and invoice of an order', params: Params, response: { 200: FulfillmentSchema, ...problemResponses } } },
      async (request) => view(await orderIdOrThrow(request.params.id)),
    );

    app.post(
      '/orders/:id/packing/confirm',
      {
        config: { access: 'operator' },
        schema: {
          tags,
          summary: 'Confirm the proposed packages (when packing is a manual step); processing continues',
          params: Params,
          response: { 200: FulfillmentSchema, ...problemResponses },
        },
      },
      async (request) => {
        const orderId = await orderIdOrThrow(request.params.id);
        await transactionWithRetry(deps.db, (trx) => confirmPacking(trx, deps, orderId, `api_key:${request.principal?.id ?? 'unknown'}`));
        return view(orderId);
      },
    );

    app.get(
      '/orders/:id/invoice.pdf',
      {
        config: { access: 'viewer' },
        schema: { tags, summary: 'The invoice as PDF (404 until it is issued)', params: Params, response: { 200: fileResponse('The invoice'), ...problemResponses } },
      },
      async (request, reply) => {
        const invoice = await invoiceDocumentOf(deps.db, deps.config, request.params.id);
        if (invoice === 'no_order') throw notFound(`Order ${request.params.id}`);
        if (invoice === 'no_invoice') throw notFound(`The invoice of order ${request.params.id} (it is issued while the order is processed)`);
        return reply.type('application/pdf').header('content-disposition', `inline; filename="${invoice.number}.pdf"`).send(invoice.pdf);
      },
    );

    app.get(
      '/orders/:id/packing-slip.pdf',
      {
        config: { access: 'viewer' },
        schema: { tags, summary: 'The packing slip as PDF (404 until the order is packed)', params: Params, response: { 200: fileResponse('The packing slip'), ...problemResponses } },
      },
      async (request, reply) => {
        const order = await loadOrder(deps.db, request.params.id, deps.config.publicUrl);
        if (!order) throw notFound(`Order ${request.params.id}`);
        const packages = await packagesOf(deps.db, order.id);
        if (packages.length === 0) throw notFound(`The packing slip of order ${order.number} (it exists once the order is packed)`);
        const codes = await warehouseCodes(deps.db);
        const products = await findProducts(deps.db, [...new Set(order.lines.map((l) => l.sku))]);
        const pdf = await renderPackingSlipPdf({
          shop: deps.config.shop,
          order,
          packages: packages.map((p) => ({ ...p, warehouse: codes.get(p.warehouse_id)?.name ?? p.warehouse_id })),
          names: new Map([...products.values()].map((p) => [p.sku, p.name])),
        });
        return reply.type('application/pdf').header('content-disposition', `inline; filename="${order.number}-packing-slip.pdf"`).send(pdf);
      },
    );
  };
}

