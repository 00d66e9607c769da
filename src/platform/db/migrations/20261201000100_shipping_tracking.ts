/**
 * Shipping and tracking: shipments with their labels, packages' tracking numbers, normalized tracking
 * events (deduplicated per shipment), carrier webhook deliveries (deduplicated per carrier), every
 * rate quote of every rate shop (the audit of "why this carrier"), and the simulated carrier's own
 * parcels (the sim plays an external system, so it keeps its own records).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('shipments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('warehouse_id', 'text', (c) => c.notNull().references('warehouses.id'))
    // outbound (to the customer) | return (back to a warehouse)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('carrier', 'text', (c) => c.notNull())
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('incident_reason', 'text')
    // purchasing (row written before the carrier call, so a crash leaves a trace) | purchased | failed | voided
    .addColumn('label_state', 'text', (c) => c.notNull())
    .addColumn('label_error', 'text')
    .addColumn('tracking_number', 'text')
    // The carrier's public tracking page for the number, fixed when the label is bought.
    .addColumn('tracking_url', 'text')
    .addColumn('carrier_reference', 'text')
    .addColumn('label_content_type', 'text')
    // base64: one representation on both databases (text), like every other column here
    .addColumn('label_data', 'text')
    .addColumn('packages', 'text', (c) => c.notNull())
    .addColumn('lines', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('destination', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint')
    .addColumn('currency', 'text')
    .addColumn('rate_shop_id', 'text')
    .addColumn('strategy', 'text')
    .addColumn('estimated_delivery', 'text')
    .addColumn('eta_source', 'text')
    // The ETA when the label was bought: what on-time is measured against.
    .addColumn('promised_delivery', 'text')
    .addColumn('shipped_at', 'text')
    .addColumn('delivered_at', 'text')
    .addColumn('signed_by', 'text')
    .addColumn('proof_of_delivery', 'text')
    // The carrier's time of the newest event, and when the carrier last told us anything.
    .addColumn('last_event_at', 'text')
    .addColumn('last_update_at', 'text')
    .addColumn('next_poll_at', 'text')
    .addColumn('poll_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attention', 'text')
    // 1 once any exception, failed attempt or return happened: the exception rate counts it.
    .addColumn('had_incident', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('shipments_order').on('shipments').columns(['order_id', 'id']).execute();
  await db.schema.createIndex('shipments_status').on('shipments').columns(['status', 'id']).execute();
  await db.schema.createIndex('shipments_next_poll').on('shipments').columns(['next_poll_at']).execute();
  await db.schema.createIndex('shipments_delivered').on('shipments').columns(['delivered_at']).execute();

  // Every package's number (and the master's) → its shipment: carriers report packages.
  await db.schema
    .createTable('shipment_tracking_numbers')
    .addColumn('carrier', 'text', (c) => c.notNull())
    .addColumn('tracking_number', 'text', (c) => c.notNull())
    .addColumn('shipment_id', 'text', (c) => c.notNull().references('shipments.id'))
    .addPrimaryKeyConstraint('shipment_tracking_numbers_pk', ['carrier', 'tracking_number'])
    .execute();

  await db.schema
    .createTable('tracking_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shipment_id', 'text', (c) => c.notNull().references('shipments.id'))
    // The carrier's event id when it has one, else a digest of (number, code, time, place).
    .addColumn('dedupe_key', 'text', (c) => c.notNull())
    .addColumn('tracking_number', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('city', 'text')
    .addColumn('region', 'text')
    .addColumn('postal_code', 'text')
    .addColumn('country', 'text')
    .addColumn('latitude', 'double precision')
    .addColumn('longitude', 'double precision')
    .addColumn('signed_by', 'text')
    // webhook | poll | manual
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('raw', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('tracking_events_dedupe', ['shipment_id', 'dedupe_key'])
    .execute();
  await db.schema.createIndex('tracking_events_shipment_time').on('tracking_events').columns(['shipment_id', 'occurred_at']).execute();

  await db.schema
    .createTable('carrier_webhook_deliveries')
    .addColumn('carrier', 'text', (c) => c.notNull())
    .addColumn('delivery_id', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('carrier_webhook_deliveries_pk', ['carrier', 'delivery_id'])
    .execute();

  await db.schema
    .createTable('rate_quotes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('rate_shop_id', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('warehouse_id', 'text', (c) => c.notNull())
    .addColumn('strategy', 'text', (c) => c.notNull())
    .addColumn('carrier', 'text', (c) => c.notNull())
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('service_name', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('transit_days', 'integer')
    .addColumn('estimated_delivery_date', 'text')
    .addColumn('chosen', 'integer', (c) => c.notNull())
    // Why this quote was chosen, or why it was passed over (rule, late, dearer…).
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_quotes_order').on('rate_quotes').columns(['order_id', 'rate_shop_id']).execute();

  await db.schema
    .createTable('sim_parcels')
    .addColumn('tracking_number', 'text', (c) => c.primaryKey())
    // Waybill's shipment id (+ package seq): buying the same label twice returns the first one.
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('plan', 'text', (c) => c.notNull())
    .addColumn('eta', 'text', (c) => c.notNull())
    .addColumn('speed', 'double precision', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_scans', 'integer', (c) => c.notNull())
    // Real time of the next scan not yet sent by webhook; null when every scan went out or it was voided.
    .addColumn('next_scan_at', 'text')
    .addColumn('voided', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sim_parcels_next_scan').on('sim_parcels').columns(['next_scan_at']).execute();
}
