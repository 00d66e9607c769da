import { findOrderRow } from '../orders/index.js';
import { AppError, notFound } from '../platform/errors.js';
import { principalLabel } from '../platform/http/auth.js';
import { replyIdempotentFlow } from '../platform/http/idempotency.js';
import { decodeCursor, fileResponse, LABEL_MEDIA_TYPES, listOf, page, problemResponses } from '../platform/http/schemas.js';
import type { App } from '../platform/http/types.js';
import { Type } from '@sinclair/typebox';
import { CarrierError } from './carriers/carrier.js';
import { buyShipments, NoRateError } from './buy-shipments.js';
import { markReadyToShip } from './jobs.js';
import { ratesForOrder } from './rates-answer.js';
import { findShipment, listShipments, rateAudit, shipmentViewOrThrow, shipmentViews } from './shipment.repository.js';
import { CreateShipmentBody, ListShipmentsQuery, RateAuditSchema, RatesAnswerSchema, ShipmentIdParams, ShipmentSchema } from './shipment.schemas.js';
import type { ShippingDeps } from './shipping-deps.js';

const tags = ['shipping'];
const OrderParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export function shipmentRoutes(deps: ShippingDeps) {
  const viewOf = (id: string) => shipmentViewOrThrow(deps.db, id, deps.publicUrl);

  return async (app: App) => {
    app.get(
      '/orders/:id/rates',
      {
        config: { access: 'viewer' },
        schema: { tags, summary: 'Quotes from every enabled carrier, and what each strategy would pick', params: OrderParams, response: { 200: RatesAnswerSchema, ...problemResponses } },
      },
      async (request) => ratesForOrder(deps, request.params.id),
    );

    app.post(
      '/orders/:id/shipments',
      {
        config: { access: 'operator' },
        schema: {
          tags,
          summary: 'Buy a label now (rate-shopped unless carrier and service are given)',
          description: 'Honours Idempotency-Key. Without lines, ships everything still waiting; several warehouses make several shipments (also_created).',
          params: OrderParams,
          body: CreateShipmentBody,
          response: { 201: ShipmentSchema, ...problemResponses },
        },
      },
      async (request, reply) => {
        const order = await findOrderRow(deps.db, request.params.id);
        if (order === null) throw notFound(`Order ${request.params.id}`);
        const actor = principalLabel(request.principal);
        // Scoped to the order: the same key and body ({} buys everything waiting) for another order
        // is another label, never a replay of this one's.
        return replyIdempotentFlow(deps, request, reply, `POST /orders/${order.id}/shipments`, async (steps) => {
          let bought;
          try {
            bought = await buyShipments(deps, order.id, { ...request.body, actor });
          } catch (error) {
            if (error instanceof NoRateError) throw new AppError('conflict', error.message, { errors: error.errors });
            if (error instanceof CarrierError) throw new AppError('service_unavailable', `${error.message}; retry to finish buying the label`);
            throw error;
          }
          if (bought.length === 0) throw new AppError('conflict', 'Nothing on this order is waiting to ship');
          const failed = bought.find((s) => s.label_state === 'failed');
          if (failed) throw new AppError('conflict', `The carrier refused the label: ${failed.label_error}`, { shipment_id: failed.id });
          return steps.finish(async (trx) => {
            await markReadyToShip(trx, deps, order.id, actor);
            const [first] = await shipmentViews(trx, [bought[0]!], deps.publicUrl);
            return { status: 201, body: { ...first, also_created: bought.slice(1).map((s) => s.id) } };
          });
        });
      },
    );

    app.get(
      '/shipments',
      { config: { access: 'viewer' }, schema: { tags, summary: 'List shipments, newest first', querystring: ListShipmentsQuery, response: { 200: listOf(ShipmentSchema), ...problemResponses } } },
      async (request) => {
        const q = request.query;
        const limit = q.limit ?? 50;
        const rows = await listShipments(deps.db, { status: q.status, active: q.active, carrier: q.carrier, attention: q.attention, orderId: q.order_id, before: decodeCursor(q.cursor), limit: limit + 1 });
        return page(await shipmentViews(deps.db, rows, deps.publicUrl), limit, (s) => s.id);
      },
    );

    app.get(
      '/shipments/:id',
      { config: { access: 'viewer' }, schema: { tags, summary: 'A shipment with its tracking events', params: ShipmentIdParams, response: { 200: ShipmentSchema, ...problemResponses } } },
      async (request) => viewOf(request.params.id),
    );

    app.get(
      '/shipments/:id/rates',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          summary: 'Why this carrier: every quote of the rate shop that chose this shipment, with its note',
          params: ShipmentIdParams,
          response: { 200: listOf(RateAuditSchema), ...problemResponses },
        },
      },
      async (request) => {
        const s = await findShipment(deps.db, request.params.id);
        if (s === null) throw notFound(`Shipment ${request.params.id}`);
        return { data: s.rate_shop_id === null ? [] : await rateAudit(deps.db, s.rate_shop_id), next_cursor: null };
      },
    );

    app.get(
      '/shipments/:id/label.pdf',
      {
        config: { access: 'viewer' },
        schema: { tags, summary: 'The label (PDF; a thermal ZPL label as the carrier sent it)', params: ShipmentIdParams, response: { 200: fileResponse('The label as the carrier sent it', LABEL_MEDIA_TYPES), ...problemResponses } },
      },
      async (request, reply) => {
        const s = await findShipment(deps.db, request.params.id);
        if (s === null) throw notFound(`Shipment ${request.params.id}`);
        if (s.label_state !== 'purchased' || s.label_data === null) throw new AppError('conflict', `The shipment has no label (${s.label_state})`);
        const extension = s.label_content_type === 'application/pdf' ? 'pdf' : s.label_content_type === 'application/zpl' ? 'zpl' : 'bin';
        return reply
          .type(s.label_content_type ?? 'application/octet-stream')
          .header('content-disposition', `inline; filename="label-${s.tracking_number}.${extension}"`)
          .send(Buffer.from(s.label_data, 'base64'));
      },
    );
  };
}
