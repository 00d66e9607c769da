/**
 * What the admin and portal web pages need: staff users can be disabled (a disabled user cannot
 * sign in and their sessions end), and customers rate a delivery (one feedback per order, changed
 * by a later rating).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // null: enabled. Set: when an admin disabled the user (kept, not deleted: the user's past actions name them).
  await db.schema.alterTable('staff_users').addColumn('disabled_at', 'text').execute();

  await db.schema
    .createTable('delivery_feedback')
    .addColumn('order_id', 'text', (c) => c.primaryKey().references('orders.id'))
    // 1 to 5 stars
    .addColumn('rating', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The staff list: newest first, optionally only the low ratings.
  await db.schema.createIndex('delivery_feedback_created').on('delivery_feedback').columns(['created_at', 'order_id']).execute();
}
