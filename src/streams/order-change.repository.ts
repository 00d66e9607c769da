/**
 * Order changes as the live streams carry them: the order timeline's relayed rows (order_events),
 * with the order's number and customer. Only relayed rows: a stream shows what the relay has
 * announced, so that a replay and the live feed agree.
 */
import type { Executor } from '../platform/db/database.js';
import { ulidCursorAt, type EventSource } from '../platform/events/index.js';

export interface OrderChange {
  id: string;
  type: string;
  at: string;
  order_id: string;
  order_number: string | null;
  customer_id: string | null;
  actor: string;
  data: Record<string, unknown>;
}

function changesQuery(db: Executor) {
  return db
    .selectFrom('order_events')
    .leftJoin('orders', 'orders.id', 'order_events.order_id')
    .select([
      'order_events.id',
      'order_events.type',
      'order_events.at',
      'order_events.order_id',
      'order_events.actor',
      'order_events.data',
      'orders.number as order_number',
      'orders.customer_id',
    ])
    .where('order_events.relayed', '=', 1)
    .orderBy('order_events.id');
}

type Row = { id: string; type: string; at: string; order_id: string; actor: string; data: string; order_number: string | null; customer_id: string | null };

function toChange(row: Row): OrderChange {
  return {
    id: row.id,
    type: row.type,
    at: row.at,
    order_id: row.order_id,
    order_number: row.order_number,
    customer_id: row.customer_id,
    actor: row.actor,
    data: JSON.parse(row.data) as Record<string, unknown>,
  };
}

export async function orderChangesByIds(db: Executor, ids: readonly string[]): Promise<OrderChange[]> {
  if (ids.length === 0) return [];
  const rows = await changesQuery(db).where('order_events.id', 'in', ids).execute();
  return rows.map(toChange);
}

/** Relayed changes after `afterId` (of one customer's orders, of some types, when given), oldest first. */
export async function orderChangesAfter(db: Executor, afterId: string, limit: number, only: { customerId?: string; types?: readonly string[] } = {}): Promise<OrderChange[]> {
  let query = changesQuery(db).where('order_events.id', '>', afterId).limit(limit);
  if (only.customerId !== undefined) query = query.where('orders.customer_id', '=', only.customerId);
  if (only.types !== undefined) query = query.where('order_events.type', 'in', only.types);
  return (await query.execute()).map(toChange);
}

/** The event hub's source (platform/events): the order timeline. */
export function orderChangeSource(db: Executor): EventSource<OrderChange> {
  return {
    byIds: (ids) => orderChangesByIds(db, ids),
    idsAfter: async (cursor, limit) => {
      const rows = await db.selectFrom('order_events').select('id').where('id', '>', cursor).where('relayed', '=', 1).orderBy('id').limit(limit).execute();
      return rows.map((r) => r.id);
    },
    cursorAt: (ms) => ulidCursorAt('evt', ms),
  };
}
