import { Type, type Static } from '@sinclair/typebox';
import { SkuSchema } from '../catalog/product.schemas.js';
import { orderStatuses } from './order-status.js';
import { FeedbackSchema } from './feedback.schemas.js';

export const OrderStatusSchema = Type.Union(orderStatuses.map((s) => Type.Literal(s)));

const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });
const Phone = Type.String({ pattern: '^\\+[1-9][0-9]{6,14}$', description: 'E.164' });
const Note = (max: number) => Type.String({ maxLength: max });

const MetadataSchema = Type.Record(
  Type.String({ minLength: 1, maxLength: 40 }),
  Type.Union([Type.String({ maxLength: 500 }), Type.Number(), Type.Boolean(), Type.Null()]),
  { maxProperties: 50, description: 'Up to 50 keys of your own' },
);

const ShippingAddressSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    line1: Type.String({ minLength: 1, maxLength: 200 }),
    line2: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    city: Type.String({ minLength: 1, maxLength: 100 }),
    region: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    postal_code: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
    country: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' }),
  },
  { additionalProperties: false },
);

export const ShippingStrategySchema = Type.Union([Type.Literal('cheapest'), Type.Literal('fastest'), Type.Literal('best_value')]);

export function placeOrderBody(maxLines: number) {
  return Type.Object(
    {
      customer: Type.Object(
        { email: Email, name: Type.String({ minLength: 1, maxLength: 200 }), phone: Type.Optional(Type.Union([Phone, Type.Null()])) },
        { additionalProperties: false },
      ),
      shipping_address: ShippingAddressSchema,
      lines: Type.Array(Type.Object({ sku: SkuSchema, quantity: Type.Integer({ minimum: 1, maximum: 100_000 }) }, { additionalProperties: false }), {
        minItems: 1,
        maxItems: maxLines,
      }),
      currency: Type.String({ pattern: '^[A-Z]{3}$' }),
      shipping: Type.Optional(
        Type.Object(
          {
            strategy: Type.Optional(ShippingStrategySchema),
            carrier: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 40 }), Type.Null()])),
            service: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 60 }), Type.Null()])),
            deliver_by: Type.Optional(
              Type.Union([Type.String({ format: 'date', description: 'The promised delivery date (best_value keeps to it); default: WAYBILL_PROMISE_DAYS business days' }), Type.Null()]),
            ),
          },
          { additionalProperties: false },
        ),
      ),
      payment: Type.Optional(
        Type.Union([
          Type.Object(
            { provider: Type.String({ minLength: 1, maxLength: 40 }), token: Type.String({ minLength: 1, maxLength: 255 }) },
            { additionalProperties: false },
          ),
          Type.Null(),
        ]),
      ),
      metadata: Type.Optional(MetadataSchema),
    },
    { additionalProperties: false },
  );
}
export type PlaceOrderInput = Static<ReturnType<typeof placeOrderBody>>;

export const OrderLineSchema = Type.Object({
  sku: Type.String(),
  name: Type.String(),
  quantity: Type.Integer(),
  unit_price: Type.Integer(),
  quantity_shipped: Type.Integer(),
  quantity_cancelled: Type.Integer(),
  quantity_returned: Type.Integer(),
  quantity_backordered: Type.Integer({ description: 'Units ordered beyond stock (a backorderable product), waiting for a purchase order to be received; nothing is reserved for them' }),
  backorder_expected_at: Type.Union([Type.String(), Type.Null()], {
    description: 'When backordered units are expected: the earliest expected date of an open purchase order (sent or partially received) for the SKU; null when none or nothing is backordered',
  }),
});

export const PaymentViewSchema = Type.Object({
  id: Type.String(),
  provider: Type.String(),
  status: Type.String({ description: 'authorizing | authorized | declined | captured | capture_failed | voided | partially_refunded | refunded' }),
  amount: Type.Integer({ description: 'Authorized, minor units' }),
  amount_captured: Type.Integer(),
  amount_refunded: Type.Integer(),
  currency: Type.String(),
  reference: Type.Union([Type.String(), Type.Null()], { description: "The provider's id (a Stripe PaymentIntent)" }),
  failure_code: Type.Union([Type.String(), Type.Null()]),
  failure_message: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String(),
  updated_at: Type.String(),
});
export type PaymentView = Static<typeof PaymentViewSchema>;

export const RefundViewSchema = Type.Object({
  id: Type.String(),
  payment_id: Type.String(),
  amount: Type.Integer(),
  currency: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('succeeded'), Type.Literal('failed')]),
  reason: Type.String(),
  reference: Type.Union([Type.String(), Type.Null()]),
  failure_code: Type.Union([Type.String(), Type.Null()]),
  failure_message: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String(),
  updated_at: Type.String(),
});
export type RefundView = Static<typeof RefundViewSchema>;

/** A shipment as the order shows it; GET /shipments/{id} has the events. */
export const OrderShipmentSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  carrier: Type.String(),
  service: Type.String(),
  tracking_number: Type.Union([Type.String(), Type.Null()]),
  tracking_url: Type.Union([Type.String(), Type.Null()]),
  label_url: Type.Union([Type.String(), Type.Null()]),
  status: Type.String(),
  incident_reason: Type.Union([Type.String(), Type.Null()]),
  estimated_delivery: Type.Union([Type.String(), Type.Null()]),
  shipped_at: Type.Union([Type.String(), Type.Null()]),
  delivered_at: Type.Union([Type.String(), Type.Null()]),
});
export type OrderShipment = Static<typeof OrderShipmentSchema>;

export const OrderSchema = Type.Object(
  {
    id: Type.String(),
    number: Type.String(),
    status: OrderStatusSchema,
    next_statuses: Type.Array(OrderStatusSchema, {
      description: 'Where POST /orders/{id}/status would move the order from its status right now (the lifecycle less what its lines rule out, such as shipping backordered units); empty when none',
    }),
    customer: Type.Object({ id: Type.String(), email: Type.String(), name: Type.String(), phone: Type.Union([Type.String(), Type.Null()]) }),
    shipping_address: ShippingAddressSchema,
    lines: Type.Array(OrderLineSchema),
    allocations: Type.Array(Type.Object({ sku: Type.String(), warehouse: Type.String(), quantity: Type.Integer() }), {
      description: 'Where the units are reserved or were shipped from',
    }),
    currency: Type.String(),
    subtotal: Type.Integer(),
    shipping_total: Type.Integer(),
    tax_total: Type.Integer(),
    total: Type.Integer(),
    payment_status: Type.String({ description: 'not_required | pending | authorized | declined | captured | capture_failed | voided | partially_refunded | refunded' }),
    payments: Type.Array(PaymentViewSchema),
    refunds: Type.Array(RefundViewSchema),
    shipping: Type.Object({
      strategy: ShippingStrategySchema,
      carrier: Type.Union([Type.String(), Type.Null()]),
      service: Type.Union([Type.String(), Type.Null()]),
      deliver_by: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    }),
    shipments: Type.Array(OrderShipmentSchema),
    metadata: MetadataSchema,
    tracking_token: Type.String(),
    tracking_url: Type.String(),
    attention: Type.Union([
      Type.Object({ reason: Type.String(), since: Type.String(), shipment_id: Type.Optional(Type.String()), refund_id: Type.Optional(Type.String()), detail: Type.Optional(Type.Union([Type.String(), Type.Null()])) }),
      Type.Null(),
    ]),
    feedback: Type.Union([FeedbackSchema, Type.Null()], { description: "The customer's rating of the delivery (PUT /portal/orders/{id}/feedback), or null" }),
    created_at: Type.String(),
    updated_at: Type.String(),
  },
  { $id: 'Order' },
);
export type Order = Static<typeof OrderSchema>;

export const OrderEventSchema = Type.Object(
  { id: Type.String(), type: Type.String(), at: Type.String(), actor: Type.String(), data: Type.Record(Type.String(), Type.Unknown()) },
  { $id: 'OrderEvent' },
);

export const OrderIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const ChangeStatusBody = Type.Object({ status: OrderStatusSchema, note: Type.Optional(Note(1000)) }, { additionalProperties: false });

export const CancelOrderBody = Type.Object(
  {
    lines: Type.Optional(
      Type.Array(Type.Object({ sku: SkuSchema, quantity: Type.Integer({ minimum: 1, maximum: 100_000 }) }, { additionalProperties: false }), {
        minItems: 1,
        maxItems: 500,
      }),
    ),
    reason: Type.String({ minLength: 1, maxLength: 1000 }),
  },
  { additionalProperties: false },
);
export type CancelOrderInput = Static<typeof CancelOrderBody>;

export const ListOrdersQuery = Type.Object({
  status: Type.Optional(OrderStatusSchema),
  email: Type.Optional(Type.String({ maxLength: 254 })),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  attention: Type.Optional(Type.Boolean()),
  created_from: Type.Optional(Type.String({ format: 'date-time' })),
  created_to: Type.Optional(Type.String({ format: 'date-time' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
});
