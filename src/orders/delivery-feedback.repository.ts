/** Delivery feedback rows: one per order, newest first in the staff list. */
import type { Executor } from '../platform/db/database.js';
import type { DeliveryFeedbackTable } from '../platform/db/schema.js';
import type { Feedback, FeedbackListItem } from './feedback.schemas.js';

function view(row: DeliveryFeedbackTable): Feedback {
  return { rating: Number(row.rating), comment: row.comment, created_at: row.created_at, updated_at: row.updated_at };
}

export async function findFeedback(db: Executor, orderId: string): Promise<Feedback | null> {
  const row = await db.selectFrom('delivery_feedback').selectAll().where('order_id', '=', orderId).executeTakeFirst();
  return row ? view(row) : null;
}

/** The feedback of each of the orders that has one (one query for a page of orders). */
export async function feedbackOfOrders(db: Executor, orderIds: readonly string[]): Promise<Map<string, Feedback>> {
  if (orderIds.length === 0) return new Map();
  const rows = await db.selectFrom('delivery_feedback').selectAll().where('order_id', 'in', orderIds).execute();
  return new Map(rows.map((r) => [r.order_id, view(r)]));
}

export async function saveFeedback(db: Executor, row: DeliveryFeedbackTable, exists: boolean): Promise<void> {
  if (exists) {
    await db.updateTable('delivery_feedback').set({ rating: row.rating, comment: row.comment, updated_at: row.updated_at }).where('order_id', '=', row.order_id).execute();
  } else {
    await db.insertInto('delivery_feedback').values(row).execute();
  }
}

/**
 * The sort key of the list and its cursor: creation time, then order id (unique). Joined by `_`,
 * which a time never holds, so the first `_` splits them (cursors allow only [A-Za-z0-9_-:.]).
 */
export function feedbackCursorKey(item: Pick<FeedbackListItem, 'created_at' | 'order_id'>): string {
  return `${item.created_at}_${item.order_id}`;
}

export function parseFeedbackCursorKey(key: string): { createdAt: string; orderId: string } | null {
  const at = key.indexOf('_');
  return at <= 0 || at === key.length - 1 ? null : { createdAt: key.slice(0, at), orderId: key.slice(at + 1) };
}

export async function listFeedback(db: Executor, filter: { maxRating?: number; before?: { createdAt: string; orderId: string }; limit: number }): Promise<FeedbackListItem[]> {
  let query = db
    .selectFrom('delivery_feedback')
    .innerJoin('orders', 'orders.id', 'delivery_feedback.order_id')
    .select([
      'delivery_feedback.order_id',
      'orders.number as order_number',
      'delivery_feedback.rating',
      'delivery_feedback.comment',
      'delivery_feedback.created_at',
      'delivery_feedback.updated_at',
    ])
    .orderBy('delivery_feedback.created_at', 'desc')
    .orderBy('delivery_feedback.order_id', 'desc')
    .limit(filter.limit);
  if (filter.maxRating !== undefined) query = query.where('delivery_feedback.rating', '<=', filter.maxRating);
  const before = filter.before;
  if (before !== undefined) {
    query = query.where((eb) =>
      eb.or([
        eb('delivery_feedback.created_at', '<', before.createdAt),
        eb.and([eb('delivery_feedback.created_at', '=', before.createdAt), eb('delivery_feedback.order_id', '<', before.orderId)]),
      ]),
    );
  }
  return (await query.execute()).map((r) => ({ ...r, rating: Number(r.rating) }));
}
