/**
 * `GET /api/v1/stream` (staff: every order and shipment change) and `GET /portal/stream` (the
 * signed-in customer's), as Server-Sent Events resumable with Last-Event-ID (or
 * `?last_event_id=` where the client cannot set headers).
 */
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { customerOf } from '../accounts/index.js';
import type { Deps } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { problemResponses } from '../platform/http/schemas.js';
import type { App } from '../platform/http/types.js';
import { customerData, customerEventTypes, isCustomerVisible } from './customer-view.js';
import { createLiveStreams, type StreamKind } from './live-streams.js';
import { orderChangesAfter, type OrderChange } from './order-change.repository.js';
import { EVENT_ID_PATTERN, isEventId, sseEvent } from './sse.js';

export type StreamDeps = Pick<Deps, 'db' | 'events' | 'logger'>;

const tags = ['streams'];

export const StreamQuery = Type.Object({
  last_event_id: Type.Optional(Type.String({ pattern: EVENT_ID_PATTERN, description: 'Resume after this event (for clients that cannot send the Last-Event-ID header)' })),
});

export const streamResponses = {
  200: {
    description:
      'A text/event-stream: each change as `id: <event id>`, `event: <type>`, `data: {id, type, at, order_id, order_number, data}` (the staff stream adds `actor`); comments as heartbeats every 15 s; after a reconnect with Last-Event-ID (or ?last_event_id=) the changes since that one come first (at most 500, then a `stream.truncated` event)',
    content: { 'text/event-stream': { schema: Type.String() } },
  },
  ...problemResponses,
};

/** The Last-Event-ID a client resumes from: the header (a reconnecting EventSource sends it), else the query. */
export function lastEventIdOf(request: FastifyRequest<{ Querystring: { last_event_id?: string } }>): string | null {
  const header = request.headers['last-event-id'];
  const value = Array.isArray(header) ? header[0] : header;
  if (value !== undefined && value.trim() !== '') {
    const id = value.trim();
    if (!isEventId(id)) throw new AppError('validation_failed', 'Last-Event-ID is not an event id this server sent', { errors: [{ path: 'headers.last-event-id', message: 'is not an event id' }] });
    return id;
  }
  return request.query.last_event_id ?? null;
}

function portalView(change: OrderChange) {
  return { id: change.id, type: change.type, at: change.at, order_id: change.order_id, order_number: change.order_number, data: customerData(change.type, change.data) };
}

function staffView(change: OrderChange) {
  return { id: change.id, type: change.type, at: change.at, order_id: change.order_id, order_number: change.order_number, actor: change.actor, data: change.data };
}

/** The frame of a change, written once however many connections it goes to. */
export function cachedFrames(view: (change: OrderChange) => unknown): (change: OrderChange) => string {
  const frames = new WeakMap<OrderChange, string>();
  return (change) => {
    let frame = frames.get(change);
    if (frame === undefined) {
      frame = sseEvent(change.id, change.type, view(change));
      frames.set(change, frame);
    }
    return frame;
  };
}

export function streamRoutes(deps: StreamDeps, apiPrefix: string) {
  return async (app: App) => {
    const streams = createLiveStreams(deps.events, deps.logger);
    // Before the server stops listening: open streams would otherwise keep close() waiting forever.
    app.addHook('preClose', async () => streams.closeAll());

    const staff: StreamKind = {
      name: 'staff',
      filter: () => true,
      frame: cachedFrames(staffView),
      replay: (afterId, limit) => orderChangesAfter(deps.db, afterId, limit),
    };

    app.get(
      `${apiPrefix}/stream`,
      {
        config: { access: 'viewer' },
        exposeHeadRoute: false,
        schema: {
          tags,
          summary: 'Every order and shipment change as Server-Sent Events (resumable with Last-Event-ID)',
          querystring: StreamQuery,
          response: streamResponses,
        },
      },
      async (request, reply) => {
        await streams.open(reply, staff, lastEventIdOf(request));
      },
    );

    const portalFrame = cachedFrames(portalView);
    app.get(
      '/portal/stream',
      {
        config: { access: 'customer' },
        exposeHeadRoute: false,
        schema: {
          tags,
          summary: "The signed-in customer's order and shipment changes as Server-Sent Events (resumable with Last-Event-ID)",
          description: 'Only their own orders, only customer-facing changes, and of each only what is meant for the customer; no actor.',
          querystring: StreamQuery,
          response: streamResponses,
        },
      },
      async (request, reply) => {
        const lastEventId = lastEventIdOf(request);
        // Null until the account's email is verified and linked to a customer: no orders, an empty (live) stream.
        const customerId = customerOf(request).customerId;
        const kind: StreamKind = {
          name: 'portal',
          filter: (change) => customerId !== null && change.customer_id === customerId && isCustomerVisible(change.type),
          frame: portalFrame,
          replay: async (afterId, limit) => (customerId === null ? [] : orderChangesAfter(deps.db, afterId, limit, { customerId, types: customerEventTypes })),
        };
        await streams.open(reply, kind, lastEventId);
      },
    );

  };
}
