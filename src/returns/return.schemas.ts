/** Request and response shapes of the returns routes (staff under /api/v1, customers under /portal). */
import { Type, type Static } from '@sinclair/typebox';
import { returnStatuses } from './return-status.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
export const ReturnStatusSchema = Type.Union(returnStatuses.map((s) => Type.Literal(s)));
const Sku = Type.String({ minLength: 1, maxLength: 64 });
const Reason = Type.String({ minLength: 1, maxLength: 40, description: 'One of the policy reasons (GET /returns/policy)' });

export const ReturnLineInput = Type.Object(
  {
    sku: Sku,
    quantity: Type.Integer({ minimum: 1, maximum: 100_000 }),
    reason: Reason,
    exchange_sku: Type.Optional(Type.Union([Sku, Type.Null()], { description: 'Send this SKU (the same or another variant) instead of refunding: an exchange' })),
  },
  { additionalProperties: false },
);

export const PortalReturnBody = Type.Object(
  {
    lines: Type.Array(ReturnLineInput, { minItems: 1, maxItems: 100 }),
    comment: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type PortalReturnInput = Static<typeof PortalReturnBody>;

export const StaffReturnBody = Type.Object(
  {
    order_id: Type.String({ minLength: 1, maxLength: 64, description: 'Order id or number' }),
    lines: Type.Array(ReturnLineInput, { minItems: 1, maxItems: 100 }),
    comment: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type StaffReturnInput = Static<typeof StaffReturnBody>;

export const RejectReturnBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false });

export const ReceiveReturnBody = Type.Object(
  {
    lines: Type.Array(
      Type.Object(
        { sku: Sku, quantity: Type.Integer({ minimum: 1, maximum: 100_000 }), condition: Type.Union([Type.Literal('resellable'), Type.Literal('damaged')]) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 200 },
    ),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type ReceiveReturnInput = Static<typeof ReceiveReturnBody>;

export const RefundReturnBody = Type.Object(
  { amount: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'Minor units; at most the policy refund still unpaid (default: all of it)' })) },
  { additionalProperties: false },
);
export type RefundReturnInput = Static<typeof RefundReturnBody>;

export const CloseReturnBody = Type.Object({ note: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false });

export const ReturnIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const ListReturnsQuery = Type.Object({
  status: Type.Optional(ReturnStatusSchema),
  order_id: Type.Optional(Type.String({ maxLength: 64 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
});

export const RefundBreakdownSchema = Type.Object({
  items: Type.Integer(),
  tax: Type.Integer(),
  shipping: Type.Integer({ description: 'Original shipping, refunded for the lines returned for a reason that is the shop’s fault' }),
  restocking_fee: Type.Integer(),
  return_label: Type.Integer({ description: 'The return label’s cost, when the customer pays it' }),
  total: Type.Integer(),
});

export const ReturnLineSchema = Type.Object({
  sku: Type.String(),
  name: Type.String(),
  quantity: Type.Integer(),
  reason: Type.String(),
  exchange_sku: Nullable(Type.String()),
  unit_price: Type.Integer(),
  quantity_received: Type.Integer(),
  quantity_resellable: Type.Integer(),
  quantity_damaged: Type.Integer(),
});

export const ReturnRefundSchema = Type.Object({
  id: Type.String(),
  amount: Type.Integer(),
  currency: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('succeeded'), Type.Literal('failed')]),
  reference: Nullable(Type.String()),
  failure_code: Nullable(Type.String()),
  failure_message: Nullable(Type.String()),
  attempts: Type.Integer(),
  created_at: Type.String(),
  updated_at: Type.String(),
});

export const ReturnShipmentSchema = Type.Object({
  id: Type.String(),
  carrier: Type.String(),
  service: Type.String(),
  status: Type.String(),
  label_state: Type.String(),
  tracking_number: Nullable(Type.String()),
  tracking_url: Nullable(Type.String()),
  amount: Type.Union([Type.Integer(), Type.Null()]),
});

export const ReturnSchema = Type.Object(
  {
    id: Type.String(),
    order_id: Type.String(),
    order_number: Type.String(),
    status: ReturnStatusSchema,
    requested_by: Type.Union([Type.Literal('customer'), Type.Literal('staff')]),
    comment: Nullable(Type.String()),
    rejection_reason: Nullable(Type.String()),
    lines: Type.Array(ReturnLineSchema),
    currency: Type.String(),
    refund_amount: Type.Integer({ description: 'What the policy refunds: from the requested lines until receipt, from what arrived after' }),
    refund_breakdown: RefundBreakdownSchema,
    refunded_amount: Type.Integer({ description: 'Refunds of this return the provider confirmed' }),
    refunds: Type.Array(ReturnRefundSchema),
    label_url: Nullable(Type.String({ description: 'The return label to print (PDF), once bought' })),
    shipment: Type.Union([ReturnShipmentSchema, Type.Null()]),
    warehouse: Nullable(Type.String({ description: 'Code of the warehouse the parcel goes back to' })),
    exchange_order_id: Nullable(Type.String()),
    approved_at: Nullable(Type.String()),
    received_at: Nullable(Type.String()),
    closed_at: Nullable(Type.String()),
    created_at: Type.String(),
    updated_at: Type.String(),
  },
  { $id: 'Return' },
);
export type ReturnView = Static<typeof ReturnSchema>;

export const ReturnPolicySchema = Type.Object({
  window_days: Type.Integer(),
  restocking_fee_percent: Type.Number(),
  non_returnable_skus: Type.Array(Type.String()),
  reasons: Type.Array(
    Type.Object({ code: Type.String(), label: Type.String(), shop_fault: Type.Boolean(), return_shipping_paid_by: Type.Union([Type.Literal('shop'), Type.Literal('customer')]), restocking_fee: Type.Boolean() }),
  ),
  auto_approve: Type.Union([Type.Object({ reasons: Type.Array(Type.String()), max_refund: Type.Integer() }), Type.Null()]),
});

/** GET /portal/orders/{id}/returnable and /api/v1/orders/{id}/returnable. */
export const ReturnableSchema = Type.Object({
  order_id: Type.String(),
  window_days: Type.Integer(),
  lines: Type.Array(
    Type.Object({
      sku: Type.String(),
      name: Type.String(),
      unit_price: Type.Integer(),
      delivered: Type.Integer({ description: 'Units of the SKU its outbound parcels delivered' }),
      held: Type.Integer({ description: "Units the order's other returns already hold" }),
      allowed: Type.Integer({ description: 'Units a return may ask for now' }),
      window_closes_at: Type.Union([Type.String(), Type.Null()], { description: "When the return window of the SKU's last delivery closes; null before any delivery" }),
      note: Type.Union(
        [Type.Literal('not_delivered'), Type.Literal('non_returnable'), Type.Literal('in_other_returns'), Type.Literal('window_closed'), Type.Literal('partly_in_other_returns'), Type.Literal('partly_past_window'), Type.Null()],
        { description: 'Why fewer units than were delivered (or none) may be asked for; null when all of them may' },
      ),
    }),
    { description: 'One entry per shipped SKU, in the order’s line order' },
  ),
});
