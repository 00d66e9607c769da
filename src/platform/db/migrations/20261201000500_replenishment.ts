/**
 * Replenishment: suppliers, per-warehouse reorder points, purchase orders with their lines, the
 * marker that keeps one open reorder per (SKU, warehouse), backordered units on order lines, and
 * what products say about reordering (a fixed or demand-based quantity, safety stock, backorders).
 * Notifications may carry an attachment (the purchase order's PDF, made when the email is sent).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('suppliers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('lead_time_days', 'integer', (c) => c.notNull())
    .addColumn('min_order_quantity', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // A warehouse's own reorder point and quantity for a SKU, over the product's.
  await db.schema
    .createTable('reorder_policies')
    .addColumn('sku', 'text', (c) => c.notNull().references('products.sku'))
    .addColumn('warehouse_id', 'text', (c) => c.notNull().references('warehouses.id'))
    .addColumn('reorder_point', 'integer', (c) => c.notNull())
    // null: the product's quantity (or its demand-based one under the `auto` policy)
    .addColumn('reorder_quantity', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('reorder_policies_pk', ['sku', 'warehouse_id'])
    .execute();

  await db.schema
    .createTable('purchase_orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // PO-000123, gapless like order numbers
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('supplier_id', 'text', (c) => c.notNull().references('suppliers.id'))
    .addColumn('warehouse_id', 'text', (c) => c.notNull().references('warehouses.id'))
    // draft | sent | partially_received | received | cancelled (purchase-order-status.ts)
    .addColumn('status', 'text', (c) => c.notNull())
    // auto (raised at the reorder point) | manual
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    // When the goods are expected: sent (or created) + the supplier's lead time
    .addColumn('expected_at', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('received_at', 'text')
    .addColumn('cancelled_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('purchase_orders_status').on('purchase_orders').columns(['status', 'id']).execute();

  await db.schema
    .createTable('purchase_order_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('purchase_order_id', 'text', (c) => c.notNull().references('purchase_orders.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('sku', 'text', (c) => c.notNull().references('products.sku'))
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('quantity_received', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('purchase_order_lines_po').on('purchase_order_lines').columns(['purchase_order_id', 'line_no']).execute();
  await db.schema.createIndex('purchase_order_lines_sku').on('purchase_order_lines').columns(['sku']).execute();

  // At most one open purchase order per (SKU, warehouse): the primary key is what makes a second
  // automatic one impossible, whatever the number of workers and concurrent orders.
  await db.schema
    .createTable('open_reorders')
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('warehouse_id', 'text', (c) => c.notNull())
    .addColumn('purchase_order_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('open_reorders_pk', ['sku', 'warehouse_id'])
    .execute();

  // fixed: reorder_quantity; auto: the demand-based suggestion (replenishment/demand.ts)
  await db.schema.alterTable('products').addColumn('reorder_policy', 'text', (c) => c.notNull().defaultTo('fixed')).execute();
  await db.schema.alterTable('products').addColumn('safety_stock', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // 1: orders beyond stock are accepted, the missing units backordered until a receipt
  await db.schema.alterTable('products').addColumn('backorderable', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('order_lines').addColumn('quantity_backordered', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // Backordered lines are allocated oldest first, per SKU.
  await db.schema.createIndex('order_lines_backordered').on('order_lines').columns(['sku', 'quantity_backordered']).execute();
  // JSON {kind: 'purchase_order', id}: a document made when the message is sent.
  await db.schema.alterTable('notifications').addColumn('attachment', 'text').execute();
}
