import type { Executor } from '../platform/db/database.js';
import type { NotificationTable } from '../platform/db/schema.js';

export type NotificationStatus = 'queued' | 'waiting' | 'sending' | 'sent' | 'outbox' | 'failed' | 'dead';

/** Inserts the notification unless its key exists; true when this call wrote it. */
export async function insertNotification(db: Executor, row: NotificationTable): Promise<boolean> {
  const inserted = await db.insertInto('notifications').values(row).onConflict((oc) => oc.column('dedupe_key').doNothing()).returning('id').execute();
  return inserted.length > 0;
}

export async function findNotification(db: Executor, id: string): Promise<NotificationTable | null> {
  return (await db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function updateNotification(db: Executor, id: string, changes: Partial<NotificationTable>): Promise<void> {
  await db.updateTable('notifications').set(changes).where('id', '=', id).execute();
}

export interface NotificationFilter {
  orderId?: string;
  status?: string;
  channel?: string;
  before?: string;
  limit: number;
}

export async function listNotifications(db: Executor, filter: NotificationFilter): Promise<NotificationTable[]> {
  let query = db.selectFrom('notifications').selectAll().orderBy('id', 'desc').limit(filter.limit);
  if (filter.orderId !== undefined) query = query.where('order_id', '=', filter.orderId);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  if (filter.channel !== undefined) query = query.where('channel', '=', filter.channel);
  if (filter.before !== undefined) query = query.where('id', '<', filter.before);
  return query.execute();
}
