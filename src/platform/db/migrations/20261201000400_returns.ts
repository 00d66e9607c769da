/**
 * Returns and exchanges: a return with its lines (what the customer sends back, why, and what came
 * back in which condition), the refund it led to, and the return shipment (a `shipments` row of
 * kind `return`) that brings the parcel back. Refunds learn which return they pay for, and how many
 * times the provider was asked (a retried failed refund needs a fresh provider idempotency key).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('returns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    // requested | approved | rejected | in_transit | received | refunded | closed (return-status.ts)
    .addColumn('status', 'text', (c) => c.notNull())
    // customer | staff: who asked (the portal or the API)
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('rejection_reason', 'text')
    // The warehouse the parcel goes back to (where the units left from, else the nearest)
    .addColumn('warehouse_id', 'text', (c) => c.references('warehouses.id'))
    .addColumn('shipment_id', 'text')
    // The replacement order an exchange placed at approval
    .addColumn('exchange_order_id', 'text')
    .addColumn('currency', 'text', (c) => c.notNull())
    // What the policy says the customer gets back (return-policy.ts), in minor units, and its parts
    .addColumn('refund_amount', 'bigint', (c) => c.notNull())
    .addColumn('refund_breakdown', 'text', (c) => c.notNull())
    .addColumn('approved_at', 'text')
    .addColumn('received_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('returns_order').on('returns').columns(['order_id']).execute();
  await db.schema.createIndex('returns_status').on('returns').columns(['status', 'id']).execute();

  await db.schema
    .createTable('return_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('return_id', 'text', (c) => c.notNull().references('returns.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    // The SKU the customer wants instead (an exchange), or null for a refund
    .addColumn('exchange_sku', 'text')
    .addColumn('unit_price', 'bigint', (c) => c.notNull())
    .addColumn('quantity_resellable', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('quantity_damaged', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('return_lines_return').on('return_lines').columns(['return_id', 'line_no']).execute();

  await db.schema.alterTable('refunds').addColumn('return_id', 'text').execute();
  // How many times the provider was asked: attempt n > 1 uses the key `rfd_…:n` (a provider answers
  // a repeated key with its first answer, so a failed refund retried under it would fail again).
  await db.schema.alterTable('refunds').addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.createIndex('refunds_return').on('refunds').columns(['return_id']).execute();
  // A shipment of kind `return` points at its return.
  await db.schema.alterTable('shipments').addColumn('return_id', 'text').execute();
}
