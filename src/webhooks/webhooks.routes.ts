/** /api/v1 routes of outbound webhooks: endpoints (admin writes, viewer reads), the delivery log, replay. */
import { transactionWithRetry } from '../platform/db/database.js';
import { notFound } from '../platform/errors.js';
import { replyIdempotent } from '../platform/http/idempotency.js';
import { decodeCursor, listOf, page, problemResponses } from '../platform/http/schemas.js';
import type { App } from '../platform/http/types.js';
import { Type } from '@sinclair/typebox';
import { deliveryView, findDelivery, listDeliveries } from './delivery.repository.js';
import { endpointView, findEndpoint, listEndpoints } from './endpoint.repository.js';
import { webhookEventFamilies, webhookEventTypes } from './event-catalogue.js';
import { changeEndpoint, checkedFilter, checkedUrl, createEndpoint, removeEndpoint } from './manage-endpoints.js';
import { replayDelivery } from './replay-delivery.js';
import { retrySchedule } from './retry-schedule.js';
import type { WebhookDeps } from './webhook-deps.js';
import {
  CreatedEndpointSchema,
  CreateEndpointBody,
  DeliveryParams,
  DeliverySchema,
  EndpointParams,
  EndpointSchema,
  EventTypesSchema,
  ListDeliveriesQuery,
  ListEndpointsQuery,
  SecretSchema,
  UpdateEndpointBody,
} from './webhook.schemas.js';

const tags = ['webhooks'];

export function webhookRoutes(deps: WebhookDeps) {
  const endpointOrThrow = async (id: string) => {
    const row = await findEndpoint(deps.db, id);
    if (row === null) throw notFound(`Webhook endpoint ${id}`);
    return row;
  };

  return async (app: App) => {
    app.get(
      '/webhook-event-types',
      { config: { access: 'viewer' }, schema: { tags, summary: 'The event types and patterns an endpoint may subscribe to', response: { 200: EventTypesSchema, ...problemResponses } } },
      async () => ({ types: [...webhookEventTypes], patterns: ['*', ...webhookEventFamilies.map((f) => `${f}.*`)], retry_schedule_seconds: retrySchedule.map((ms) => ms / 1000) }),
    );

    app.post(
      '/webhook-endpoints',
      {
        config: { access: 'admin' },
        schema: {
          tags,
          summary: 'Add an endpoint; the answer carries its signing secret',
          description:
            'Honours Idempotency-Key. Deliveries are signed per the Standard Webhooks spec (webhook-id, webhook-timestamp, webhook-signature) and retried over 75 hours; a 410 Gone disables the endpoint. A delivery may arrive more than once (after a crash): deduplicate on webhook-id.',
          body: CreateEndpointBody,
          response: { 201: CreatedEndpointSchema, ...problemResponses },
        },
      },
      async (request, reply) => {
        const events = checkedFilter(request.body.events);
        const url = await checkedUrl(deps, request.body.url);
        return replyIdempotent(deps, request, reply, 'POST /webhook-endpoints', async (trx) => ({
          status: 201,
          body: await createEndpoint(trx, deps, { url, events, description: request.body.description ?? null }),
        }));
      },
    );

    app.get(
      '/webhook-endpoints',
      { config: { access: 'viewer' }, schema: { tags, summary: 'List endpoints, newest first', querystring: ListEndpointsQuery, response: { 200: listOf(EndpointSchema), ...problemResponses } } },
      async (request) => {
        const limit = request.query.limit ?? 50;
        const rows = await listEndpoints(deps.db, { status: request.query.status, before: decodeCursor(request.query.cursor), limit: limit + 1 });
        return page(rows.map(endpointView), limit, (e) => e.id);
      },
    );

    app.get(
      '/webhook-endpoints/:id',
      { config: { access: 'viewer' }, schema: { tags, summary: 'An endpoint', params: EndpointParams, response: { 200: EndpointSchema, ...problemResponses } } },
      async (request) => endpointView(await endpointOrThrow(request.params.id)),
    );

    app.get(
      '/webhook-endpoints/:id/secret',
      { config: { access: 'admin' }, schema: { tags, summary: "The endpoint's signing secret", params: EndpointParams, response: { 200: SecretSchema, ...problemResponses } } },
      async (request) => ({ secret: (await endpointOrThrow(request.params.id)).secret }),
    );

    app.patch(
      '/webhook-endpoints/:id',
      {
        config: { access: 'admin' },
        schema: {
          tags,
          summary: 'Change the URL, the filter, the description, or enable / disable',
          description: 'Disabling cancels the deliveries still waiting; enabling revives none of them (replay them one by one).',
          params: EndpointParams,
          body: UpdateEndpointBody,
          response: { 200: EndpointSchema, ...problemResponses },
        },
      },
      async (request) => {
        const body = request.body;
        const change = {
          ...body,
          ...(body.events !== undefined ? { events: checkedFilter(body.events) } : {}),
          ...(body.url !== undefined ? { url: await checkedUrl(deps, body.url) } : {}),
        };
        return transactionWithRetry(deps.db, (trx) => changeEndpoint(trx, deps, request.params.id, change));
      },
    );

    app.delete(
      '/webhook-endpoints/:id',
      {
        config: { access: 'admin' },
        schema: { tags, summary: 'Remove an endpoint and its delivery log (PATCH status: disabled keeps them)', params: EndpointParams, response: { 204: Type.Null(), ...problemResponses } },
      },
      async (request, reply) => {
        await removeEndpoint(deps, request.params.id);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/webhook-endpoints/:id/deliveries',
      {
        config: { access: 'viewer' },
        schema: { tags, summary: 'The delivery log, newest first', params: EndpointParams, querystring: ListDeliveriesQuery, response: { 200: listOf(DeliverySchema), ...problemResponses } },
      },
      async (request) => {
        await endpointOrThrow(request.params.id);
        const q = request.query;
        const limit = q.limit ?? 50;
        const rows = await listDeliveries(deps.db, request.params.id, { status: q.status, eventType: q.event_type, before: decodeCursor(q.cursor), limit: limit + 1 });
        return page(rows.map(deliveryView), limit, (d) => d.id);
      },
    );

    app.get(
      '/webhook-endpoints/:id/deliveries/:delivery_id',
      { config: { access: 'viewer' }, schema: { tags, summary: 'One delivery', params: DeliveryParams, response: { 200: DeliverySchema, ...problemResponses } } },
      async (request) => {
        const row = await findDelivery(deps.db, request.params.delivery_id);
        if (row === null || row.endpoint_id !== request.params.id) throw notFound(`Delivery ${request.params.delivery_id}`);
        return deliveryView(row);
      },
    );

    app.post(
      '/webhook-endpoints/:id/deliveries/:delivery_id/replay',
      {
        config: { access: 'admin' },
        schema: {
          tags,
          summary: 'Send a delivery again now, with a fresh retry schedule',
          description: 'Any delivery: dead, cancelled, failed or delivered. It keeps its webhook-id.',
          params: DeliveryParams,
          response: { 202: DeliverySchema, ...problemResponses },
        },
      },
      async (request, reply) => reply.code(202).send(await replayDelivery(deps, request.params.id, request.params.delivery_id)),
    );
  };
}
