import { Type } from '@sinclair/typebox';
import { PageQuery } from '../platform/http/schemas.js';
import { MAX_URL_LENGTH } from './target-url.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Id = Type.String({ minLength: 1, maxLength: 64 });

export const EndpointParams = Type.Object({ id: Id });
export const DeliveryParams = Type.Object({ id: Id, delivery_id: Id });

const EventFilter = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
  minItems: 1,
  maxItems: 100,
  description: 'Exact event types (`order.placed`), families (`order.*`) or `*`; see GET /webhook-event-types',
});
const Url = Type.String({ minLength: 1, maxLength: MAX_URL_LENGTH, description: 'http(s) URL; private and loopback targets are refused unless WAYBILL_WEBHOOKS_ALLOW_PRIVATE=1' });
const Description = Nullable(Type.String({ maxLength: 500 }));
const EndpointStatusSchema = Type.Union([Type.Literal('active'), Type.Literal('disabled')]);
// Spelled out: a mapped array would type as never. The test keeps it equal to deliveryStatuses.
export const DeliveryStatusSchema = Type.Union([Type.Literal('pending'), Type.Literal('failed'), Type.Literal('delivered'), Type.Literal('dead'), Type.Literal('cancelled')]);

export const CreateEndpointBody = Type.Object({ url: Url, events: EventFilter, description: Type.Optional(Description) }, { additionalProperties: false });
export const UpdateEndpointBody = Type.Object(
  { url: Type.Optional(Url), events: Type.Optional(EventFilter), description: Type.Optional(Description), status: Type.Optional(EndpointStatusSchema) },
  { additionalProperties: false, minProperties: 1 },
);

const endpointFields = {
  id: Type.String(),
  url: Type.String(),
  events: Type.Array(Type.String()),
  description: Nullable(Type.String()),
  status: EndpointStatusSchema,
  disabled_reason: Nullable(Type.String({ description: 'Why it is disabled: a 410 Gone from the receiver, or by hand' })),
  created_at: Type.String(),
  updated_at: Type.String(),
};
export const EndpointSchema = Type.Object(endpointFields, { $id: 'WebhookEndpoint' });
export const CreatedEndpointSchema = Type.Object({
  ...endpointFields,
  secret: Type.String({ description: 'whsec_…: the signing secret (Standard Webhooks). Shown here and by GET /webhook-endpoints/{id}/secret (admin)' }),
});
export const SecretSchema = Type.Object({ secret: Type.String() });

export const DeliverySchema = Type.Object(
  {
    id: Type.String(),
    endpoint_id: Type.String(),
    event_id: Type.String({ description: 'The `webhook-id` header: the same on every attempt and replay' }),
    event_type: Type.String(),
    status: DeliveryStatusSchema,
    attempts: Type.Integer(),
    next_attempt_at: Nullable(Type.String()),
    last_status_code: Type.Union([Type.Integer(), Type.Null()]),
    last_error: Nullable(Type.String()),
    last_response: Nullable(Type.String({ description: 'The start of the last response body' })),
    delivered_at: Nullable(Type.String()),
    created_at: Type.String(),
    updated_at: Type.String(),
    payload: Type.Record(Type.String(), Type.Unknown(), { description: 'The body as sent: {type, timestamp, data}' }),
  },
  { $id: 'WebhookDelivery' },
);

export const ListEndpointsQuery = Type.Object({ status: Type.Optional(EndpointStatusSchema), ...PageQuery });
export const ListDeliveriesQuery = Type.Object({ status: Type.Optional(DeliveryStatusSchema), event_type: Type.Optional(Type.String({ maxLength: 100 })), ...PageQuery });

export const EventTypesSchema = Type.Object({
  types: Type.Array(Type.String()),
  patterns: Type.Array(Type.String({ description: '`*` and one `<family>.*` per family' })),
  retry_schedule_seconds: Type.Array(Type.Integer(), { description: 'Delay before each attempt, from the previous one' }),
});
