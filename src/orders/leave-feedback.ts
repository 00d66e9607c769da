/**
 * A customer rates the delivery of one of their orders (PUT /portal/orders/{id}/feedback): once
 * something arrived, one feedback per order that a later PUT replaces. The timeline gets
 * `order.feedback_received` only when the rating or the comment changed, so a repeated PUT (a
 * double click, a retry) adds nothing.
 */
import { sql } from 'kysely';
import { transactionWithRetry, type Db } from '../platform/db/database.js';
import { AppError, notFound } from '../platform/errors.js';
import type { Clock } from '../platform/clock.js';
import type { Ids } from '../platform/ids.js';
import { findFeedback, saveFeedback } from './delivery-feedback.repository.js';
import { deliveryArrived, feedbackChanged, normalizeComment } from './feedback-rules.js';
import type { Feedback, FeedbackInput } from './feedback.schemas.js';
import { shipmentSummariesOf } from './order-shipments.js';
import { insertOrderEvent } from './order.repository.js';

export const FEEDBACK_EVENT = 'order.feedback_received';

export async function leaveFeedback(deps: { db: Db; clock: Clock; ids: Ids }, orderId: string, input: FeedbackInput, actor: string): Promise<Feedback> {
  return transactionWithRetry(deps.db, async (trx) => {
    // Takes the order's row lock (the write lock on SQLite) without changing it: two PUTs of one
    // order run in turn, so a change is seen, and recorded, once.
    const order = await trx
      .updateTable('orders')
      .set({ updated_at: sql`updated_at` })
      .where('id', '=', orderId)
      .returning(['id', 'status'])
      .executeTakeFirst();
    if (order === undefined) throw notFound(`Order ${orderId}`);
    const shipments = (await shipmentSummariesOf(trx, [order.id], '')).get(order.id) ?? [];
    if (!deliveryArrived(order.status, shipments)) throw new AppError('conflict', 'You can rate the delivery once it has arrived');
    const before = await findFeedback(trx, order.id);
    const after = { rating: input.rating, comment: normalizeComment(input.comment) };
    if (!feedbackChanged(before, after)) return before!;
    const now = deps.clock.now().toISOString();
    const row = { order_id: order.id, ...after, created_at: before?.created_at ?? now, updated_at: now };
    await saveFeedback(trx, row, before !== null);
    await insertOrderEvent(trx, deps.ids, order.id, { type: FEEDBACK_EVENT, actor, at: now, data: after });
    return { rating: row.rating, comment: row.comment, created_at: row.created_at, updated_at: row.updated_at };
  });
}
