import { Type, type Static } from '@sinclair/typebox';
import { incidentReasons, shipmentStatuses } from './carriers/tracking-vocabulary.js';
import { strategies } from './rate-choice.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
export const ShipmentStatusSchema = Type.Union(shipmentStatuses.map((s) => Type.Literal(s)));
export const IncidentReasonSchema = Type.Union(incidentReasons.map((s) => Type.Literal(s)));
export const StrategySchema = Type.Union(strategies.map((s) => Type.Literal(s)));

const LocationSchema = Type.Object({
  city: Type.Union([Type.String(), Type.Null()]),
  region: Type.Union([Type.String(), Type.Null()]),
  postal_code: Type.Union([Type.String(), Type.Null()]),
  country: Type.Union([Type.String(), Type.Null()]),
});

export const TrackingEventSchema = Type.Object(
  {
    id: Type.String(),
    tracking_number: Type.String(),
    status: ShipmentStatusSchema,
    reason: Type.Union([IncidentReasonSchema, Type.Null()]),
    code: Type.String({ description: "The carrier's own code, as sent" }),
    description: Type.String({ description: "The carrier's text, as sent" }),
    occurred_at: Type.String(),
    location: Type.Union([LocationSchema, Type.Null()]),
    latitude: Type.Union([Type.Number(), Type.Null()]),
    longitude: Type.Union([Type.Number(), Type.Null()]),
    signed_by: Nullable(Type.String()),
    source: Type.Union([Type.Literal('webhook'), Type.Literal('poll'), Type.Literal('manual')]),
    received_at: Type.String(),
  },
  { $id: 'TrackingEvent' },
);
export type TrackingEventView = Static<typeof TrackingEventSchema>;

const ParcelView = Type.Object({
  seq: Type.Integer(),
  tracking_number: Nullable(Type.String()),
  weight_grams: Type.Integer(),
  length_mm: Type.Integer(),
  width_mm: Type.Integer(),
  height_mm: Type.Integer(),
  status: ShipmentStatusSchema,
});

/** Where a parcel goes, at city level (nothing more personal), with the gazetteer's coordinates for a map. */
export const CityDestinationSchema = Type.Object(
  {
    city: Type.String(),
    region: Nullable(Type.String()),
    country: Type.String(),
    latitude: Type.Union([Type.Number(), Type.Null()]),
    longitude: Type.Union([Type.Number(), Type.Null()]),
  },
  { description: "Where the parcel goes, at city level (an outbound shipment: the order's shipping address; a return: the warehouse), with the gazetteer's coordinates (null when the place is unknown)" },
);

export const ShipmentSchema = Type.Object(
  {
    id: Type.String(),
    order_id: Type.String(),
    order_number: Type.String({ description: "The order's number (W-000123)" }),
    kind: Type.Union([Type.Literal('outbound'), Type.Literal('return')]),
    warehouse: Type.String({ description: 'Warehouse code' }),
    carrier: Type.String(),
    service: Type.String(),
    tracking_number: Nullable(Type.String()),
    tracking_url: Nullable(Type.String({ description: "The carrier's public tracking page" })),
    label_url: Nullable(Type.String()),
    label_state: Type.Union([Type.Literal('purchasing'), Type.Literal('purchased'), Type.Literal('failed'), Type.Literal('voided')]),
    label_error: Nullable(Type.String()),
    status: ShipmentStatusSchema,
    incident_reason: Type.Union([IncidentReasonSchema, Type.Null()]),
    estimated_delivery: Nullable(Type.String()),
    eta_source: Type.Union([Type.Literal('carrier'), Type.Literal('transit_days'), Type.Null()]),
    promised_delivery: Nullable(Type.String()),
    amount: Type.Union([Type.Integer(), Type.Null()], { description: 'What the label cost, minor units' }),
    currency: Nullable(Type.String()),
    strategy: Type.Union([StrategySchema, Type.Null()]),
    lines: Type.Array(Type.Object({ sku: Type.String(), quantity: Type.Integer() })),
    packages: Type.Array(ParcelView),
    shipped_at: Nullable(Type.String()),
    delivered_at: Nullable(Type.String()),
    signed_by: Nullable(Type.String()),
    proof_of_delivery: Nullable(Type.String()),
    last_event_at: Nullable(Type.String()),
    next_poll_at: Nullable(Type.String({ description: 'When polling asks the carrier next; null once tracking has ended' })),
    attention: Type.Union([Type.Object({ reason: Type.String(), since: Type.String(), detail: Type.Optional(Type.Union([Type.String(), Type.Null()])) }), Type.Null()]),
    events: Type.Array(TrackingEventSchema),
    current_position: Type.Union(
      [
        Type.Object({
          latitude: Type.Number(),
          longitude: Type.Number(),
          city: Nullable(Type.String()),
          country: Nullable(Type.String()),
          at: Type.String({ description: 'When the carrier scanned it there' }),
        }),
        Type.Null(),
      ],
      { description: 'The newest tracking event that has coordinates, for the map; null before any' },
    ),
    destination: CityDestinationSchema,
    also_created: Type.Optional(Type.Array(Type.String(), { description: 'POST /orders/{id}/shipments: the other shipments it made (one per further warehouse)' })),
    created_at: Type.String(),
    updated_at: Type.String(),
  },
  { $id: 'Shipment' },
);
export type ShipmentView = Static<typeof ShipmentSchema>;

export const RateQuoteSchema = Type.Object({
  warehouse: Type.String(),
  carrier: Type.String(),
  service: Type.String(),
  service_name: Type.String(),
  amount: Type.Integer(),
  currency: Type.String(),
  estimated_delivery_date: Nullable(Type.String()),
  transit_days: Type.Union([Type.Integer(), Type.Null()]),
  eligible: Type.Boolean(),
  note: Type.String({ description: 'Why this quote would be chosen or passed over' }),
});

export const RateAuditSchema = Type.Object({
  carrier: Type.String(),
  service: Type.String(),
  service_name: Type.String(),
  amount: Type.Integer(),
  currency: Type.String(),
  transit_days: Type.Union([Type.Integer(), Type.Null()]),
  estimated_delivery_date: Nullable(Type.String()),
  strategy: Type.String(),
  chosen: Type.Boolean(),
  note: Nullable(Type.String()),
  created_at: Type.String(),
});

const Pick = Type.Object({ warehouse: Type.String(), carrier: Type.String(), service: Type.String(), amount: Type.Integer(), currency: Type.String(), estimated_delivery_date: Nullable(Type.String()), reason: Type.String() });

export const RatesAnswerSchema = Type.Object({
  data: Type.Array(RateQuoteSchema),
  picks: Type.Object({ cheapest: Type.Array(Pick), fastest: Type.Array(Pick), best_value: Type.Array(Pick) }, { description: 'What each strategy would pick, one per warehouse that ships' }),
  promised_date: Nullable(Type.String()),
  errors: Type.Array(Type.Object({ carrier: Type.String(), code: Type.String(), message: Type.String() })),
});

export const CreateShipmentBody = Type.Object(
  {
    carrier: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    service: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    strategy: Type.Optional(StrategySchema),
    lines: Type.Optional(
      Type.Array(Type.Object({ sku: Type.String({ minLength: 1, maxLength: 64 }), quantity: Type.Integer({ minimum: 1, maximum: 100_000 }) }, { additionalProperties: false }), { minItems: 1, maxItems: 500 }),
    ),
  },
  { additionalProperties: false },
);
export type CreateShipmentInput = Static<typeof CreateShipmentBody>;

export const ManualScanBody = Type.Object(
  {
    status: ShipmentStatusSchema,
    reason: Type.Optional(Type.Union([IncidentReasonSchema, Type.Null()])),
    description: Type.Optional(Type.String({ maxLength: 500 })),
    occurred_at: Type.Optional(Type.String({ format: 'date-time' })),
    location: Type.Optional(
      Type.Object(
        {
          city: Type.String({ minLength: 1, maxLength: 100 }),
          region: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
          postal_code: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
          country: Type.String({ pattern: '^[A-Z]{2}$' }),
        },
        { additionalProperties: false },
      ),
    ),
    signed_by: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type ManualScanInput = Static<typeof ManualScanBody>;

export const ShipmentIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const ListShipmentsQuery = Type.Object({
  status: Type.Optional(ShipmentStatusSchema),
  active: Type.Optional(
    Type.Boolean({ description: 'true: only shipments still under way (not delivered, cancelled or returned to sender); false: only those. Combines with status' }),
  ),
  carrier: Type.Optional(Type.String({ maxLength: 40 })),
  attention: Type.Optional(Type.Boolean()),
  order_id: Type.Optional(Type.String({ maxLength: 64 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
});
