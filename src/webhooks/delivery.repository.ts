/** Webhook delivery rows (the delivery log): free functions over a db or a transaction. */
import type { Executor } from '../platform/db/database.js';
import type { WebhookDeliveryTable } from '../platform/db/schema.js';

/** pending (not tried yet) | failed (will retry) | delivered | dead (schedule exhausted) | cancelled (endpoint disabled) */
export const deliveryStatuses = ['pending', 'failed', 'delivered', 'dead', 'cancelled'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export interface DeliveryView {
  id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
  last_response: string | null;
  delivered_at: string | null;
  created_at: string;
  updated_at: string;
  /** The body as sent (`{type, timestamp, data}`). */
  payload: Record<string, unknown>;
}

export function deliveryView(row: WebhookDeliveryTable): DeliveryView {
  return {
    id: row.id,
    endpoint_id: row.endpoint_id,
    event_id: row.event_id,
    event_type: row.event_type,
    status: row.status as DeliveryStatus,
    attempts: Number(row.attempts),
    next_attempt_at: row.next_attempt_at,
    last_status_code: row.last_status_code === null ? null : Number(row.last_status_code),
    last_error: row.last_error,
    last_response: row.last_response,
    delivered_at: row.delivered_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
  };
}

export async function findDelivery(db: Executor, id: string): Promise<WebhookDeliveryTable | null> {
  return (await db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function listDeliveries(
  db: Executor,
  endpointId: string,
  options: { status?: DeliveryStatus; eventType?: string; before?: string; limit: number },
): Promise<WebhookDeliveryTable[]> {
  let q = db.selectFrom('webhook_deliveries').selectAll().where('endpoint_id', '=', endpointId).orderBy('id', 'desc').limit(options.limit);
  if (options.status) q = q.where('status', '=', options.status);
  if (options.eventType) q = q.where('event_type', '=', options.eventType);
  if (options.before) q = q.where('id', '<', options.before);
  return q.execute();
}

/** New delivery rows; the ones that existed already (same endpoint and event) are skipped. Returns the inserted. */
export async function insertDeliveries(db: Executor, rows: WebhookDeliveryTable[]): Promise<Array<{ id: string }>> {
  if (rows.length === 0) return [];
  return db
    .insertInto('webhook_deliveries')
    .values(rows)
    .onConflict((oc) => oc.columns(['endpoint_id', 'event_id']).doNothing())
    .returning('id')
    .execute();
}

/**
 * Records an attempt's outcome, but only if no other attempt recorded one since this one began
 * (`attempts` unchanged): two runs of the same attempt (a crash, a replay racing a retry) write once.
 */
export async function recordAttempt(
  db: Executor,
  id: string,
  expectedAttempts: number,
  changes: Pick<WebhookDeliveryTable, 'status' | 'next_attempt_at' | 'last_status_code' | 'last_error' | 'last_response'> & { delivered_at?: string },
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('webhook_deliveries')
    .set({ ...changes, attempts: expectedAttempts + 1, updated_at: now })
    .where('id', '=', id)
    .where('attempts', '=', expectedAttempts)
    .where('status', 'in', ['pending', 'failed'])
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Back to pending for a replay, due now. */
export async function markForReplay(db: Executor, id: string, now: string): Promise<void> {
  await db.updateTable('webhook_deliveries').set({ status: 'pending', next_attempt_at: now, updated_at: now }).where('id', '=', id).execute();
}
