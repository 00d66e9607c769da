/**
 * What a customer may see of one of their orders: its lines, totals, status, the shipments with
 * their tracking (coordinates included, for the map) and the customer-facing timeline. Nothing the
 * shop keeps for itself: no customer or shipment ids, no payment or refund records (provider
 * references), no allocations or warehouses, no label costs or rate shopping, no attention flags, no
 * staff actors or notes. The timeline goes through the same filter as the portal's live stream
 * (streams/customer-view.ts), so the two always agree on what a customer sees.
 */
import { Type, type Static } from '@sinclair/typebox';
import { hasInvoice } from '../fulfillment/index.js';
import { deliveryArrived, expectedDatesOf, findFeedback, findOrderLines, FeedbackSchema, OrderLineSchema, OrderStatusSchema, orderLineView } from '../orders/index.js';
import type { Executor } from '../platform/db/database.js';
import type { OrderLineTable, OrderTable } from '../platform/db/schema.js';
import { CityDestinationSchema, destinationView, shipmentsOfOrder, ShipmentStatusSchema, trackingEventsOf, trackingEventView, type Shipment } from '../shipping/index.js';
import { customerData, customerEventTypes } from '../streams/index.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

const AddressSchema = Type.Object({
  name: Type.String(),
  line1: Type.String(),
  line2: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  city: Type.String(),
  region: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  postal_code: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  country: Type.String(),
});

export const PortalTrackingEventSchema = Type.Object({
  tracking_number: Type.String(),
  status: ShipmentStatusSchema,
  reason: Nullable(Type.String()),
  description: Type.String(),
  occurred_at: Type.String(),
  location: Type.Union([
    Type.Object({ city: Nullable(Type.String()), region: Nullable(Type.String()), postal_code: Nullable(Type.String()), country: Nullable(Type.String()) }),
    Type.Null(),
  ]),
  latitude: Type.Union([Type.Number(), Type.Null()]),
  longitude: Type.Union([Type.Number(), Type.Null()]),
});

export const PortalShipmentSchema = Type.Object({
  kind: Type.Union([Type.Literal('outbound'), Type.Literal('return')]),
  carrier: Type.String(),
  carrier_name: Type.String({ description: "The carrier's name as people know it (UPS, FedEx…)" }),
  service: Type.String(),
  tracking_number: Nullable(Type.String()),
  tracking_url: Nullable(Type.String({ description: "The carrier's public tracking page" })),
  destination: CityDestinationSchema,
  status: ShipmentStatusSchema,
  incident_reason: Nullable(Type.String()),
  estimated_delivery: Nullable(Type.String()),
  shipped_at: Nullable(Type.String()),
  delivered_at: Nullable(Type.String()),
  lines: Type.Array(Type.Object({ sku: Type.String(), quantity: Type.Integer() })),
  events: Type.Array(PortalTrackingEventSchema, { description: 'Oldest first, with coordinates where the carrier gave a place' }),
});

export const PortalTimelineEntrySchema = Type.Object({
  type: Type.String(),
  at: Type.String(),
  data: Type.Record(Type.String(), Type.Unknown(), { description: 'Only the customer-facing fields of the change' }),
});

const orderFields = {
  id: Type.String(),
  number: Type.String(),
  status: OrderStatusSchema,
  lines: Type.Array(OrderLineSchema),
  currency: Type.String(),
  subtotal: Type.Integer(),
  shipping_total: Type.Integer(),
  tax_total: Type.Integer(),
  total: Type.Integer(),
  payment_status: Type.String(),
  shipping_address: AddressSchema,
  tracking_url: Type.String({ description: "The order's public tracking page" }),
  created_at: Type.String(),
  updated_at: Type.String(),
};

/** An order in the customer's list. */
export const PortalOrderSummarySchema = Type.Object(orderFields);
/** One order as the customer sees it. */
export const PortalOrderSchema = Type.Object({
  ...orderFields,
  shipments: Type.Array(PortalShipmentSchema),
  timeline: Type.Array(PortalTimelineEntrySchema, { description: 'Customer-facing changes, oldest first (the same filter as GET /portal/stream)' }),
  feedback: Type.Union([FeedbackSchema, Type.Null()], { description: "The customer's rating of the delivery, or null" }),
  can_leave_feedback: Type.Boolean({ description: 'Something was delivered, so PUT /portal/orders/{id}/feedback is accepted (also to change a rating)' }),
  invoice_url: Type.Union([Type.String(), Type.Null()], { description: 'The relative path of the invoice PDF once it is issued (/portal/orders/{id}/invoice.pdf), else null' }),
});

export type PortalOrderSummary = Static<typeof PortalOrderSummarySchema>;
export type PortalOrder = Static<typeof PortalOrderSchema>;

function summaryOf(row: OrderTable, lines: readonly OrderLineTable[], publicUrl: string, expectedAt: ReadonlyMap<string, string>): PortalOrderSummary {
  return {
    id: row.id,
    number: row.number,
    status: row.status as PortalOrderSummary['status'],
    lines: lines.map((l) => orderLineView(l, expectedAt)),
    currency: row.currency,
    subtotal: Number(row.subtotal),
    shipping_total: Number(row.shipping_total),
    tax_total: Number(row.tax_total),
    total: Number(row.total),
    payment_status: row.payment_status,
    shipping_address: JSON.parse(row.shipping_address) as PortalOrderSummary['shipping_address'],
    tracking_url: `${publicUrl}/track/${row.tracking_token}`,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** Matches `ord_…` ids and `W-000123` numbers (as the staff routes do). */
function isOrderNumber(idOrNumber: string): boolean {
  return /^W-\d+$/i.test(idOrNumber);
}

/** The customer's order by id or number, or null when there is none of theirs (another customer's is none). */
export async function customersOrderRow(db: Executor, customerId: string, idOrNumber: string): Promise<OrderTable | null> {
  const column = isOrderNumber(idOrNumber) ? 'number' : 'id';
  const value = column === 'number' ? idOrNumber.toUpperCase() : idOrNumber;
  const row = await db.selectFrom('orders').selectAll().where(column, '=', value).where('customer_id', '=', customerId).executeTakeFirst();
  return row ?? null;
}

/** The customer's orders, newest first, `limit` of them from before the cursor's order id. */
export async function listCustomerOrders(db: Executor, customerId: string, options: { before?: string; limit: number; publicUrl: string }): Promise<PortalOrderSummary[]> {
  let query = db.selectFrom('orders').selectAll().where('customer_id', '=', customerId).orderBy('id', 'desc').limit(options.limit);
  if (options.before !== undefined) query = query.where('id', '<', options.before);
  const rows = await query.execute();
  const lines = await findOrderLines(db, rows.map((r) => r.id));
  const expectedAt = await expectedDatesOf(db, lines.values());
  return rows.map((row) => summaryOf(row, lines.get(row.id) ?? [], options.publicUrl, expectedAt));
}

/** A carrier's display name by its code. */
export type CarrierNameOf = (carrier: string) => string;

function shipmentOf(s: Shipment, events: ReturnType<typeof trackingEventView>[], carrierName: CarrierNameOf): Static<typeof PortalShipmentSchema> {
  return {
    kind: s.kind as 'outbound' | 'return',
    carrier: s.carrier,
    carrier_name: carrierName(s.carrier),
    service: s.service,
    tracking_number: s.tracking_number,
    tracking_url: s.tracking_url,
    destination: destinationView(s.destination),
    status: s.status,
    incident_reason: s.incident_reason,
    estimated_delivery: s.estimated_delivery,
    shipped_at: s.shipped_at,
    delivered_at: s.delivered_at,
    lines: s.lines,
    events: events.map((e) => ({
      tracking_number: e.tracking_number,
      status: e.status,
      reason: e.reason,
      description: e.description,
      occurred_at: e.occurred_at,
      location: e.location,
      latitude: e.latitude,
      longitude: e.longitude,
    })),
  };
}

/** The customer's order with shipments and timeline, or null when it is not theirs (or does not exist). */
export async function loadCustomerOrder(db: Executor, customerId: string, idOrNumber: string, publicUrl: string, carrierName: CarrierNameOf): Promise<PortalOrder | null> {
  const row = await customersOrderRow(db, customerId, idOrNumber);
  if (row === null) return null;
  const lines = await findOrderLines(db, [row.id]);
  const shipments = await shipmentsOfOrder(db, row.id);
  const events = await trackingEventsOf(db, shipments.map((s) => s.id));
  // The order timeline's customer-facing rows only (a read of the orders capability's table, as the portal stream does).
  const timeline = await db
    .selectFrom('order_events')
    .select(['type', 'at', 'data'])
    .where('order_id', '=', row.id)
    .where('type', 'in', customerEventTypes)
    .orderBy('id')
    .execute();
  return {
    ...summaryOf(row, lines.get(row.id) ?? [], publicUrl, await expectedDatesOf(db, lines.values())),
    // A label that failed or was voided never went anywhere: the customer sees the parcels that exist.
    shipments: shipments.filter((s) => s.label_state === 'purchased').map((s) => shipmentOf(s, (events.get(s.id) ?? []).map(trackingEventView), carrierName)),
    timeline: timeline.map((e) => ({ type: e.type, at: e.at, data: customerData(e.type, JSON.parse(e.data) as Record<string, unknown>) })),
    feedback: await findFeedback(db, row.id),
    can_leave_feedback: deliveryArrived(row.status, shipments),
    invoice_url: (await hasInvoice(db, row.id)) ? `/portal/orders/${row.id}/invoice.pdf` : null,
  };
}
