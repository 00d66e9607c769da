/**
 * Notifications (one row per message per channel, unique per order, event, shipment and channel),
 * customers' preferences, the relay's mark on timeline events and stock movements (what it has
 * turned into notifications and outbound webhooks), and outbound webhook endpoints and deliveries.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('order_id', 'text', (c) => c.references('orders.id'))
    .addColumn('customer_id', 'text')
    .addColumn('shipment_id', 'text')
    .addColumn('event_id', 'text')
    .addColumn('message_type', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    // email | sms | outbox (no SMTP / Twilio configured: kept here for the admin to read)
    .addColumn('transport', 'text', (c) => c.notNull())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text')
    .addColumn('message_id', 'text', (c) => c.notNull())
    // queued | waiting (quiet hours) | sending | sent | failed (will retry) | dead
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('provider_id', 'text')
    .addColumn('send_after', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notifications_order').on('notifications').columns(['order_id', 'id']).execute();
  await db.schema.createIndex('notifications_status').on('notifications').columns(['status', 'id']).execute();

  await db.schema
    .createTable('notification_preferences')
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('message_type', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_preferences_pk', ['customer_id', 'channel', 'message_type'])
    .execute();

  // What existed before the relay was never announced; from now on every new row starts unrelayed.
  await db.schema.alterTable('order_events').addColumn('relayed', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await sql`update order_events set relayed = 1`.execute(db);
  await db.schema.createIndex('order_events_unrelayed').on('order_events').column('id').where(sql.ref('relayed'), '=', 0).execute();
  await db.schema.alterTable('stock_movements').addColumn('relayed', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await sql`update stock_movements set relayed = 1`.execute(db);
  await db.schema.createIndex('stock_movements_unrelayed').on('stock_movements').column('id').where(sql.ref('relayed'), '=', 0).execute();

  await db.schema
    .createTable('webhook_endpoints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull())
    // JSON list of event names or patterns (`order.*`, `*`)
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    // active | disabled (410 Gone, or by hand)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('disabled_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('endpoint_id', 'text', (c) => c.notNull().references('webhook_endpoints.id'))
    // The event's id: with the endpoint, what makes a delivery unique (`webhook-id` header).
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    // pending | delivered | failed (retrying) | dead | cancelled (endpoint disabled)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text')
    .addColumn('last_status_code', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('last_response', 'text')
    .addColumn('delivered_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('webhook_deliveries_endpoint_event', ['endpoint_id', 'event_id'])
    .execute();
  await db.schema.createIndex('webhook_deliveries_endpoint').on('webhook_deliveries').columns(['endpoint_id', 'id']).execute();
}
